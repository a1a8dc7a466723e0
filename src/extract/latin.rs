//! Runs of ASCII text standing in Chinese text: codes (G30, 5G, GB/T),
//! acronyms (LNG), units (km), URLs, and English words that do not belong.
//! This module only finds them and their surroundings; the stray-latin rule
//! decides which are wrong.

use crate::cjk::is_space;
use crate::document::Document;
use crate::source::Span;

use super::{text_units, UnitKind};

/// A maximal run of printable ASCII with at least one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatinWord {
    pub plan: usize,
    pub unit: UnitKind,
    /// The run itself: `and`, `G30`, `GB/T`, `https://…`.
    pub span: Span,
    pub text: String,
    /// The nearest character before the run that is not white space.
    pub before: Option<char>,
    /// The nearest character after the run that is not white space.
    pub after: Option<char>,
    /// The run with the ASCII spaces around it (what a fix replaces).
    pub spaced: Span,
}

impl LatinWord {
    /// Letters only (with inner hyphens or apostrophes): a word, not a code.
    pub fn is_word(&self) -> bool {
        let t = self.text.as_str();
        t.starts_with(|c: char| c.is_ascii_alphabetic())
            && t.ends_with(|c: char| c.is_ascii_alphabetic())
            && t.chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
    }
}

fn is_run_char(c: char) -> bool {
    c.is_ascii_graphic()
}

pub fn find_all(doc: &Document, text: &str) -> Vec<LatinWord> {
    let mut out = Vec::new();
    for unit in text_units(doc, text) {
        let t = unit.text.text();
        let mut i = 0;
        while let Some(off) = t[i..].find(is_run_char) {
            let start = i + off;
            let len = t[start..]
                .find(|c: char| !is_run_char(c))
                .unwrap_or(t.len() - start);
            let end = start + len;
            i = end;
            let run = &t[start..end];
            if !run.contains(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let before_text = &t[..start];
            let after_text = &t[end..];
            let before = before_text.trim_end_matches(is_space).chars().next_back();
            let after = after_text.trim_start_matches(is_space).chars().next();
            let pad_before = before_text.len() - before_text.trim_end_matches(' ').len();
            let pad_after = after_text.len() - after_text.trim_start_matches(' ').len();
            out.push(LatinWord {
                plan: unit.plan,
                unit: unit.kind,
                span: unit.text.span(start, end),
                text: run.to_owned(),
                before,
                after,
                spaced: unit.text.span(start - pad_before, end + pad_after),
            });
        }
    }
    out.sort_by_key(|w| (w.span.start, w.span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn finds_runs_with_surroundings() {
        let src = SourceFile::from_text("t", "区位优势 and 物流优势，G30 和 5G 网络。\n");
        let doc = Document::parse(&src);
        let words = find_all(&doc, &src.text);
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["and", "G30", "5G"]);
        assert!(words[0].is_word() && !words[1].is_word());
        assert_eq!((words[0].before, words[0].after), (Some('势'), Some('物')));
        assert_eq!(src.slice(words[0].spaced), " and ");
    }
}
