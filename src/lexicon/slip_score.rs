//! The typo model's score (`rules/confusion/score.toml`): a bias, one weight
//! per named term and the cuts of the two tiers. The file states how the
//! numbers were chosen; `tests/ecspell.rs` measures them.

use serde::Deserialize;

use super::{error_at, parse, DataError};

/// The terms of one reading of a character as a slip.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Terms {
    pub gain: f64,
    pub context: f64,
    pub other_tone: f64,
    pub near_sound: f64,
    pub shape: f64,
    pub char_ratio: f64,
    pub doc_corrected: f64,
    pub doc_written: f64,
    pub corrected_len: f64,
    pub form_repeated: f64,
    pub quoted: f64,
    pub general_written: f64,
}

impl Terms {
    fn dot(&self, w: &Terms) -> f64 {
        self.gain * w.gain
            + self.context * w.context
            + self.other_tone * w.other_tone
            + self.near_sound * w.near_sound
            + self.shape * w.shape
            + self.char_ratio * w.char_ratio
            + self.doc_corrected * w.doc_corrected
            + self.doc_written * w.doc_written
            + self.corrected_len * w.corrected_len
            + self.form_repeated * w.form_repeated
            + self.quoted * w.quoted
            + self.general_written * w.general_written
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cuts {
    pub default: f64,
    pub preview: f64,
}

/// The score: `bias + Σ weight × term`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlipScore {
    pub bias: f64,
    pub weights: Terms,
    pub cuts: Cuts,
}

impl SlipScore {
    pub fn load(file: &str, text: &str) -> Result<SlipScore, DataError> {
        let s: SlipScore = parse(file, text)?;
        if s.cuts.preview > s.cuts.default {
            let at = text.find("preview").unwrap_or(0);
            return Err(error_at(
                file,
                text,
                at..at + "preview".len(),
                "预览档的阈值不能高于默认档".into(),
            ));
        }
        Ok(s)
    }

    pub fn score(&self, t: &Terms) -> f64 {
        self.bias + t.dot(&self.weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_score_loads() {
        let s = SlipScore::load(
            "rules/confusion/score.toml",
            include_str!("../../rules/confusion/score.toml"),
        )
        .unwrap();
        assert!(s.cuts.preview <= s.cuts.default);
        assert!(s.weights.gain > 0.0);
    }

    #[test]
    fn unknown_terms_and_crossed_cuts_are_errors() {
        let base = "bias = 0\n[weights]\ngain = 1\ncontext = 0\nother-tone = 0\nnear-sound = 0\nshape = 0\nchar-ratio = 0\ndoc-corrected = 0\ndoc-written = 0\ncorrected-len = 0\nform-repeated = 0\nquoted = 0\ngeneral-written = 0\n";
        assert!(SlipScore::load(
            "s.toml",
            &format!("{base}[cuts]\ndefault = 2\npreview = 1\n")
        )
        .is_ok());
        let e = SlipScore::load(
            "s.toml",
            &format!("{base}[cuts]\ndefault = 1\npreview = 2\n"),
        )
        .unwrap_err();
        assert!(e.message.contains("预览档"), "{e}");
        let e = SlipScore::load(
            "s.toml",
            &format!("{base}typo = 1\n[cuts]\ndefault = 2\npreview = 1\n"),
        )
        .unwrap_err();
        assert!(e.span.is_some(), "{e}");
    }
}
