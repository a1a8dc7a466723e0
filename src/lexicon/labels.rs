//! The structure-label glossary (`rules/labels.toml`): the nouns of labels
//! such as 一核两极四带 and the measure words that make a numeral a count.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{error_at, parse, DataError};

/// Nouns of structure labels (核 极 带 …) and their English renderings.
#[derive(Debug, Clone, Default)]
pub struct LabelGlossary {
    nouns: HashMap<String, Vec<String>>,
    single_chars: HashSet<char>,
    classifiers: HashSet<char>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    classifiers: Vec<Spanned<String>>,
    nouns: HashMap<Spanned<String>, Vec<String>>,
}

impl LabelGlossary {
    pub fn load(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: LabelsFile = parse(file, text)?;
        let mut classifiers = HashSet::new();
        for c in raw.classifiers {
            let mut chars = c.get_ref().chars();
            match (chars.next(), chars.next()) {
                (Some(ch), None) if crate::cjk::is_han(ch) => {
                    classifiers.insert(ch);
                }
                _ => {
                    return Err(error_at(
                        file,
                        text,
                        c.span(),
                        format!(
                            "a classifier must be one Chinese character, not `{}`",
                            c.get_ref()
                        ),
                    ))
                }
            }
        }
        let mut nouns = HashMap::new();
        let mut single_chars = HashSet::new();
        for (noun, english) in raw.nouns {
            if noun.get_ref().is_empty() || !noun.get_ref().chars().all(crate::cjk::is_han) {
                return Err(error_at(
                    file,
                    text,
                    noun.span(),
                    format!(
                        "a label noun must be Chinese characters, not `{}`",
                        noun.get_ref()
                    ),
                ));
            }
            let mut chars = noun.get_ref().chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                single_chars.insert(c);
            }
            nouns.insert(noun.into_inner(), english);
        }
        Ok(LabelGlossary {
            nouns,
            single_chars,
            classifiers,
        })
    }

    /// Whether `c` alone is a label noun (核, 极, 带 …).
    pub fn is_single_char_noun(&self, c: char) -> bool {
        self.single_chars.contains(&c)
    }

    /// Whether `c` is a measure word or time unit (个, 大, 年): a numeral
    /// followed by it is a count, not a structure part.
    pub fn is_classifier(&self, c: char) -> bool {
        self.classifiers.contains(&c)
    }

    /// English renderings of a noun.
    pub fn english(&self, noun: &str) -> &[String] {
        self.nouns.get(noun).map_or(&[], Vec::as_slice)
    }
}
