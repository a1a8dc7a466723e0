//! Baselines: the findings an archive already has, so that `check --baseline`
//! reports only new ones. A finding is known by its fingerprint: the rule,
//! the flagged text and a few characters around it on the same line — not
//! its line or column, so edits elsewhere in the plan do not disturb it.
//! The same fingerprints find what a revision added (`planlint diff`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, FileId};
use crate::source::{SourceFile, Span};

/// Bumped when fingerprints or the file format change incompatibly.
pub const VERSION: u32 = 1;

/// Characters of context kept on each side of the flagged text.
const CONTEXT_CHARS: usize = 8;

/// One known finding (or several identical ones: `count`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub code: String,
    pub text: String,
    pub before: String,
    pub after: String,
    pub fingerprint: String,
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// The text before and after `span` on its line, at most [`CONTEXT_CHARS`]
/// characters each.
fn context(text: &str, span: Span) -> (String, String) {
    let before: String = {
        let mut v: Vec<char> = text[..span.start]
            .chars()
            .rev()
            .take_while(|c| *c != '\n' && *c != '\r')
            .take(CONTEXT_CHARS)
            .collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[span.end..]
        .chars()
        .take_while(|c| *c != '\n' && *c != '\r')
        .take(CONTEXT_CHARS)
        .collect();
    (before, after)
}

/// `path` as the baseline at `base_dir` records it: relative to that
/// directory, `/`-separated, without `.` and with `..` resolved, however it
/// was typed (`./x.txt`, `x.txt`, an absolute path, or from another working
/// directory: one name).
pub fn relative_to(path: &std::path::Path, base_dir: &std::path::Path) -> String {
    use std::path::{Component, PathBuf};
    fn normal(p: &std::path::Path) -> PathBuf {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut out = PathBuf::new();
        for c in abs.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    }
    let (path, base) = (normal(path), normal(base_dir));
    let common = path
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = base
        .components()
        .skip(common)
        .map(|_| "..".to_owned())
        .collect();
    parts.extend(
        path.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike the
/// standard library's hasher, which a stored baseline needs.
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The entry of one diagnostic; `sources` are the run's files.
pub fn entry(d: &Diagnostic, sources: &[SourceFile]) -> Entry {
    let src = &sources[d.file];
    let span = if d.span.end <= src.text.len()
        && src.text.is_char_boundary(d.span.start)
        && src.text.is_char_boundary(d.span.end)
    {
        d.span
    } else {
        Span::new(0, 0)
    };
    let text = src.slice(span).to_owned();
    let (before, after) = context(&src.text, span);
    let fingerprint = fnv1a(&[d.code, &text, &before, &after]);
    Entry {
        file: src.name.replace('\\', "/"),
        code: d.code.to_owned(),
        text,
        before,
        after,
        fingerprint,
        count: 1,
    }
}

impl Baseline {
    /// The baseline of a run's diagnostics: identical findings counted once
    /// with their number, sorted, so the file is stable and diffable.
    /// `name_of` names each file as the baseline records it (see
    /// [`relative_to`]).
    pub fn from_diagnostics(
        diagnostics: &[Diagnostic],
        sources: &[SourceFile],
        name_of: &dyn Fn(FileId) -> String,
    ) -> Self {
        let mut counted: BTreeMap<Entry, usize> = BTreeMap::new();
        for d in diagnostics {
            let e = Entry {
                file: name_of(d.file),
                ..entry(d, sources)
            };
            *counted.entry(e).or_default() += 1;
        }
        Baseline {
            version: VERSION,
            findings: counted
                .into_iter()
                .map(|(e, n)| Entry { count: n, ..e })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a baseline serialises");
        s.push('\n');
        s
    }

    /// Reads a baseline file's text; the error names the line and column.
    pub fn parse(text: &str) -> Result<Self, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if b.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this planlint writes version {VERSION}); \
                 write it again with --write-baseline",
                b.version
            ));
        }
        Ok(b)
    }

    /// Removes the diagnostics the baseline knows (as many of each as it
    /// counts); returns how many were removed. Files are compared by
    /// `name_of`; with `None` the file is not compared (two revisions of one
    /// plan under other names).
    pub fn filter(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        sources: &[SourceFile],
        name_of: Option<&dyn Fn(FileId) -> String>,
    ) -> usize {
        let key = |e: &Entry| {
            (
                if name_of.is_some() {
                    e.file.clone()
                } else {
                    String::new()
                },
                e.fingerprint.clone(),
            )
        };
        let mut left: BTreeMap<(String, String), usize> = BTreeMap::new();
        for e in &self.findings {
            *left.entry(key(e)).or_default() += e.count;
        }
        let before = diagnostics.len();
        let entry_of = |d: &Diagnostic| {
            let e = entry(d, sources);
            match name_of {
                Some(name_of) => Entry {
                    file: name_of(d.file),
                    ..e
                },
                None => e,
            }
        };
        diagnostics.retain(|d| match left.get_mut(&key(&entry_of(d))) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(file: usize, text: &str, at: &str) -> Diagnostic {
        let start = text.find(at).unwrap();
        Diagnostic {
            code: "W101",
            name: "typo",
            severity: Severity::Error,
            message: String::new(),
            file,
            span: Span::new(start, start + at.len()),
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    #[test]
    fn fingerprints_survive_edits_elsewhere() {
        let old = "第一段。\n开展生态综合补尝试点工作。\n";
        let new = "新增一段文字。\n第一段已改写。\n开展生态综合补尝试点工作。\n";
        let sources = [
            SourceFile::from_text("p.txt", old),
            SourceFile::from_text("p.txt", new),
        ];
        let a = entry(&diag(0, old, "补尝"), &sources);
        let b = entry(&diag(1, new, "补尝"), &sources);
        assert_eq!(a.fingerprint, b.fingerprint);
        assert_eq!(
            (a.before.as_str(), a.after.as_str()),
            ("开展生态综合", "试点工作。")
        );
        // A change next to the finding makes it a different finding.
        let near = "开展生态补尝试点工作。\n";
        let sources = [SourceFile::from_text("p.txt", near)];
        assert_ne!(
            entry(&diag(0, near, "补尝"), &sources).fingerprint,
            a.fingerprint
        );
    }

    #[test]
    fn counts_and_round_trip() {
        // Three identical lines: three findings with one fingerprint.
        let text = "补尝。\n补尝。\n补尝。\n";
        let sources = [SourceFile::from_text("p.txt", text)];
        let mut d: Vec<Diagnostic> = text
            .match_indices("补尝")
            .map(|(i, _)| Diagnostic {
                span: Span::new(i, i + "补尝".len()),
                ..diag(0, text, "补尝")
            })
            .collect();
        let name = |f: FileId| sources[f].name.clone();
        let base = Baseline::from_diagnostics(&d[..2], &sources, &name);
        assert_eq!(base.findings.len(), 1);
        assert_eq!(base.findings[0].count, 2);
        let parsed = Baseline::parse(&base.to_json()).unwrap();
        assert_eq!(parsed, base);
        // Two known, a third is new.
        assert_eq!(parsed.filter(&mut d, &sources, Some(&name)), 2);
        assert_eq!(d.len(), 1);
        assert!(Baseline::parse("{\"version\": 9, \"findings\": []}").is_err());
        assert!(Baseline::parse("{").unwrap_err().contains("line 1"));
    }

    #[test]
    fn paths_are_relative_to_the_baseline_however_typed() {
        let cwd = std::env::current_dir().unwrap();
        let base = cwd.join("plans");
        for typed in ["plans/x.txt", "./plans/x.txt", "plans/./a/../x.txt"] {
            assert_eq!(relative_to(std::path::Path::new(typed), &base), "x.txt");
        }
        assert_eq!(relative_to(&cwd.join("plans/x.txt"), &base), "x.txt");
        assert_eq!(
            relative_to(std::path::Path::new("other/y.txt"), &base),
            "../other/y.txt"
        );
    }
}
