//! What stray-latin allows (`rules/latin.toml`).

use std::collections::{HashMap, HashSet};

use regex::RegexSet;
use serde::Deserialize;
use toml::Spanned;

use super::{error_at, parse, DataError};

/// What stray-latin allows, and the Chinese it suggests for English words.
#[derive(Debug, Clone)]
pub struct LatinPolicy {
    patterns: RegexSet,
    words: HashSet<String>,
    translate: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LatinFile {
    allow: LatinAllow,
    translate: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LatinAllow {
    patterns: Vec<Spanned<String>>,
    words: Vec<String>,
}

impl LatinPolicy {
    pub fn load(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: LatinFile = parse(file, text)?;
        for p in &raw.allow.patterns {
            if let Err(e) = regex::Regex::new(p.get_ref()) {
                return Err(error_at(
                    file,
                    text,
                    p.span(),
                    format!("invalid regular expression: {e}"),
                ));
            }
        }
        let patterns = RegexSet::new(raw.allow.patterns.iter().map(|p| p.get_ref()))
            .map_err(|e| error_at(file, text, 0..0, e.to_string()))?;
        Ok(LatinPolicy {
            patterns,
            words: raw.allow.words.into_iter().collect(),
            translate: raw.translate,
        })
    }

    /// Whether a run of letters may stand in Chinese text.
    pub fn allows(&self, word: &str) -> bool {
        self.words.contains(word) || self.patterns.is_match(word)
    }

    /// The usual Chinese for an English word, matched without regard to case.
    pub fn translation(&self, word: &str) -> Option<&str> {
        self.translate
            .get(word)
            .or_else(|| self.translate.get(&word.to_ascii_lowercase()))
            .map(String::as_str)
    }
}
