//! Nouns a bare count word counts (`rules/counts.toml`).

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::{error_at, parse, DataError};

/// Nouns that a bare count word counts (两市, 四县区, 五省).
#[derive(Debug, Clone)]
pub struct CountNouns {
    matcher: aho_corasick::AhoCorasick,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountsFile {
    nouns: Vec<Spanned<String>>,
}

impl CountNouns {
    pub fn load(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: CountsFile = parse(file, text)?;
        let mut seen = HashSet::new();
        for n in &raw.nouns {
            if n.get_ref().is_empty() || !n.get_ref().chars().all(crate::cjk::is_han) {
                return Err(error_at(
                    file,
                    text,
                    n.span(),
                    format!("`{}` is not a Chinese noun", n.get_ref()),
                ));
            }
            if !seen.insert(n.get_ref().clone()) {
                return Err(error_at(
                    file,
                    text,
                    n.span(),
                    format!("`{}` is listed twice", n.get_ref()),
                ));
            }
        }
        let matcher = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(raw.nouns.iter().map(|n| n.get_ref()))
            .map_err(|e| error_at(file, text, 0..0, e.to_string()))?;
        Ok(CountNouns { matcher })
    }

    /// The byte length of the longest count noun starting at `at`.
    pub fn noun_at(&self, text: &str, at: usize) -> Option<usize> {
        let input = aho_corasick::Input::new(text)
            .range(at..)
            .anchored(aho_corasick::Anchored::Yes);
        self.matcher.find(input).map(|m| m.end() - at)
    }
}
