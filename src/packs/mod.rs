//! Rule data under `rules/`: loaded from TOML, validated with spans, and
//! built once per run into the matchers the rules use.
//!
//! The built-in files are embedded in the binary. A file that fails to load
//! is a [`PackError`] pointing into the TOML, never a panic.

use std::collections::{HashMap, HashSet};

use regex::RegexSet;
use serde::Deserialize;
use toml::Spanned;

use crate::source::Span;

pub mod kinds;
pub mod pack;
pub mod rule;
pub mod set;
mod units;

pub use units::{MeasureCatalog, MeasureDef, Plausible, UnitCatalog, UnitDef, PERCENT};

/// A rule-data file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// The file's name as shown to people (`rules/latin.toml`).
    pub file: String,
    /// The file's text, so the error can be shown with its span.
    pub text: String,
    pub span: Option<Span>,
    pub message: String,
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for PackError {}

/// All rule data of a run.
#[derive(Debug)]
pub struct Packs {
    pub labels: LabelGlossary,
    pub latin: LatinPolicy,
    pub units: UnitCatalog,
    pub measures: MeasureCatalog,
    pub counts: CountNouns,
    /// National goal years that targets may cite beyond a plan's period.
    pub milestones: Vec<u32>,
    /// Name endings and non-stems for name-drift.
    pub names: NameData,
    /// Rules of the rule packs (typos, punctuation, numbers, and any added
    /// with `--rules DIR`), compiled.
    pub rules: Vec<rule::PackRule>,
    /// The rules' regular expressions as one set, built on first use (after
    /// any `--rules DIR` is added).
    pattern_set: std::sync::OnceLock<set::PatternSet>,
}

/// The pattern-set group of name-drift's name suffixes.
pub const NAME_SUFFIXES: &str = "name-suffixes";

/// Files embedded in the binary, by their path in the repository.
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/counts.toml", include_str!("../../rules/counts.toml")),
    ("rules/labels.toml", include_str!("../../rules/labels.toml")),
    ("rules/latin.toml", include_str!("../../rules/latin.toml")),
    (
        "rules/measures.toml",
        include_str!("../../rules/measures.toml"),
    ),
    (
        "rules/periods.toml",
        include_str!("../../rules/periods.toml"),
    ),
    ("rules/units.toml", include_str!("../../rules/units.toml")),
    ("rules/names.toml", include_str!("../../rules/names.toml")),
    ("rules/typos.toml", include_str!("../../rules/typos.toml")),
    (
        "rules/punctuation.toml",
        include_str!("../../rules/punctuation.toml"),
    ),
    (
        "rules/numbers.toml",
        include_str!("../../rules/numbers.toml"),
    ),
];

/// The built-in rule packs, in the order their rules are listed.
pub const BUILTIN_PACKS: &[&str] = &[
    "rules/typos.toml",
    "rules/punctuation.toml",
    "rules/numbers.toml",
];

fn builtin(path: &str) -> &'static str {
    BUILTIN
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
        .unwrap_or_default()
}

impl Packs {
    /// The built-in data.
    pub fn builtin() -> Result<Packs, PackError> {
        let units = UnitCatalog::load("rules/units.toml", builtin("rules/units.toml"))?;
        let measures = MeasureCatalog::load(
            "rules/measures.toml",
            builtin("rules/measures.toml"),
            &units,
        )?;
        Ok(Packs {
            labels: LabelGlossary::load("rules/labels.toml", builtin("rules/labels.toml"))?,
            latin: LatinPolicy::load("rules/latin.toml", builtin("rules/latin.toml"))?,
            units,
            measures,
            counts: CountNouns::load("rules/counts.toml", builtin("rules/counts.toml"))?,
            names: parse::<NameData>("rules/names.toml", builtin("rules/names.toml"))?,
            milestones: parse::<PeriodsFile>("rules/periods.toml", builtin("rules/periods.toml"))?
                .milestones,
            rules: BUILTIN_PACKS
                .iter()
                .map(|f| Self::compile(f, builtin(f)))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect(),
            pattern_set: std::sync::OnceLock::new(),
        })
    }

    /// Every regular expression of the pack rules, in one set: each
    /// existence and consistency rule's patterns under its code, the word
    /// list of each substitution and term rule as one alternation, the name
    /// suffixes of name-drift (under [`NAME_SUFFIXES`]), and the
    /// fixed pattern of each kind written in Rust that searches with one
    /// (under the kind's name).
    pub fn pattern_set(&self) -> &set::PatternSet {
        self.pattern_set.get_or_init(|| {
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            for r in &self.rules {
                let code = r.meta.code.to_owned();
                let (key, patterns) = match (r.def.kind.as_str(), &r.matcher) {
                    ("existence", _) => (
                        code,
                        r.def.pattern.iter().map(|p| p.pattern.clone()).collect(),
                    ),
                    ("consistency", _) => (
                        code,
                        r.def.variant.iter().map(|v| v.pattern.clone()).collect(),
                    ),
                    ("substitution" | "term", rule::Matcher::Words { ac, .. }) => {
                        match ac.alternation() {
                            Some(a) => (code, vec![a.to_owned()]),
                            None => continue,
                        }
                    }
                    (kind, _) => match kinds::fixed_pattern(kind) {
                        Some(p) if !groups.iter().any(|g| g.0 == kind) => {
                            (kind.to_owned(), vec![p.to_owned()])
                        }
                        _ => continue,
                    },
                };
                groups.push((key, patterns));
            }
            if let Some(a) = self.names.suffixes().alternation() {
                groups.push((NAME_SUFFIXES.to_owned(), vec![a.to_owned()]));
            }
            set::PatternSet::new(groups)
        })
    }

    fn compile(file: &str, text: &str) -> Result<Vec<rule::PackRule>, PackError> {
        rule::compile_pack(&pack::load(file, text)?, file, text)
    }

    /// Adds the packs of a directory (every `*.toml` in it, in name order).
    /// A code or name already taken is an error.
    pub fn add_dir(&mut self, dir: &std::path::Path) -> Result<(), PackError> {
        let io = |e: std::io::Error| PackError {
            file: dir.display().to_string(),
            text: String::new(),
            span: None,
            message: format!("cannot read: {e}"),
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(io)?;
            for r in Self::compile(&name, &text)? {
                let taken = crate::rules::REGISTRY
                    .iter()
                    .map(|x| x.meta())
                    .chain(self.rules.iter().map(|x| x.meta))
                    .any(|m| m.code == r.meta.code || m.name == r.meta.name);
                if taken {
                    return Err(PackError {
                        file: name,
                        text,
                        span: None,
                        message: format!(
                            "rule {} ({}) is already defined",
                            r.meta.code, r.meta.name
                        ),
                    });
                }
                self.rules.push(r);
            }
        }
        self.pattern_set = std::sync::OnceLock::new();
        Ok(())
    }
}

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, PackError> {
    toml::from_str(text).map_err(|e| PackError {
        file: file.to_owned(),
        text: text.to_owned(),
        span: e.span().map(Span::from),
        message: e.message().to_owned(),
    })
}

pub(crate) fn error_at(
    file: &str,
    text: &str,
    span: std::ops::Range<usize>,
    message: String,
) -> PackError {
    PackError {
        file: file.to_owned(),
        text: text.to_owned(),
        span: Some(span.into()),
        message,
    }
}

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
    pub fn load(file: &str, text: &str) -> Result<Self, PackError> {
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

/// Proper-name endings compared by name-drift, and words that never begin a name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameData {
    pub term_suffixes: Vec<String>,
    pub organisation_suffixes: Vec<String>,
    pub not_stems: Vec<String>,
    #[serde(skip)]
    suffixes: std::sync::OnceLock<crate::literals::Literals>,
}

impl NameData {
    /// Every suffix, compiled once: pattern `i` is `term_suffixes[i]`, then
    /// the organisation suffixes follow.
    pub fn suffixes(&self) -> &crate::literals::Literals {
        self.suffixes.get_or_init(|| {
            crate::literals::Literals::new(
                self.term_suffixes.iter().chain(&self.organisation_suffixes),
            )
            .expect("a few short literals are within regex's size limit")
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodsFile {
    milestones: Vec<u32>,
}

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
    pub fn load(file: &str, text: &str) -> Result<Self, PackError> {
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
    pub fn load(file: &str, text: &str) -> Result<Self, PackError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_pack_is_embedded() {
        for f in BUILTIN_PACKS {
            assert!(
                BUILTIN.iter().any(|(p, t)| p == f && !t.is_empty()),
                "{f} is not in BUILTIN"
            );
        }
    }

    #[test]
    fn builtin_packs_load() {
        let packs = Packs::builtin().unwrap();
        assert!(packs.labels.is_single_char_noun('核'));
        assert_eq!(packs.labels.english("极"), ["pole", "growth pole"]);
        assert!(packs.latin.allows("LNG") && packs.latin.allows("km"));
        assert!(!packs.latin.allows("and"));
        assert_eq!(packs.latin.translation("And"), Some("和"));
    }

    #[test]
    fn errors_point_into_the_toml() {
        let text = "[allow]\npatterns = ['(']\nwords = []\n[translate]\n";
        let e = LatinPolicy::load("x.toml", text).unwrap_err();
        assert_eq!(&text[e.span.unwrap().range()], "'('");
        let e = LatinPolicy::load("x.toml", "[allow]\npatterns = 1\n").unwrap_err();
        assert!(e.span.is_some(), "{e}");
        let e = LabelGlossary::load("x.toml", "classifiers = []\n[nouns]\n\"core\" = []\n")
            .unwrap_err();
        assert!(e.message.contains("core"));
        let text = "classifiers = [\"个个\"]\n[nouns]\n";
        let e = LabelGlossary::load("x.toml", text).unwrap_err();
        assert_eq!(&text[e.span.unwrap().range()], "\"个个\"");
    }
}
