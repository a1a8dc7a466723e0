//! Rule packs: the rules that `rules/*.toml` packs declare (typos,
//! punctuation, numbers, and any added with `--rules DIR`), loaded,
//! validated with spans and compiled once per run. Each kind of pack rule
//! (substitution, existence, consistency, term, and the kinds written in
//! Rust) is a file in [`kinds`].

use crate::lexicon::{DataError, Lexicon};

pub mod file;
pub mod kinds;
pub mod rule;
pub mod set;

/// The pattern-set group of name-drift's name suffixes.
pub const NAME_SUFFIXES: &str = "name-suffixes";

/// The built-in rule packs, embedded in the binary, in the order their
/// rules are listed.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "rules/typos.toml",
        include_str!("../../../rules/typos.toml"),
    ),
    (
        "rules/punctuation.toml",
        include_str!("../../../rules/punctuation.toml"),
    ),
    (
        "rules/numbers.toml",
        include_str!("../../../rules/numbers.toml"),
    ),
];

/// The rules of a run's packs, compiled.
#[derive(Debug)]
pub struct Packs {
    pub rules: Vec<rule::PackRule>,
    /// The rules' regular expressions as one set, built on first use (after
    /// any `--rules DIR` is added).
    pattern_set: std::sync::OnceLock<set::PatternSet>,
}

impl Packs {
    /// The built-in packs.
    pub fn builtin() -> Result<Packs, DataError> {
        Ok(Packs {
            rules: BUILTIN_PACKS
                .iter()
                .map(|(f, text)| Self::compile(f, text))
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
    /// suffixes of name-drift (under [`NAME_SUFFIXES`], from the lexicon),
    /// and the fixed pattern of each kind written in Rust that searches with
    /// one (under the kind's name). Built once: `lexicon` must be the same
    /// at every call.
    pub fn pattern_set(&self, lexicon: &Lexicon) -> &set::PatternSet {
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
            if let Some(a) = lexicon.names.suffixes().alternation() {
                groups.push((NAME_SUFFIXES.to_owned(), vec![a.to_owned()]));
            }
            set::PatternSet::new(groups)
        })
    }

    fn compile(name: &str, text: &str) -> Result<Vec<rule::PackRule>, DataError> {
        rule::compile_pack(&file::load(name, text)?, name, text)
    }

    /// Adds the packs of a directory (every `*.toml` in it, in name order).
    /// A code or name already taken is an error.
    pub fn add_dir(&mut self, dir: &std::path::Path) -> Result<(), DataError> {
        let io = |e: std::io::Error| DataError {
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
                let taken = super::REGISTRY
                    .iter()
                    .map(|x| x.meta())
                    .chain(self.rules.iter().map(|x| x.meta))
                    .any(|m| m.code == r.meta.code || m.name == r.meta.name);
                if taken {
                    return Err(DataError {
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
