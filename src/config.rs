//! `planlint.toml`: which rules run and how severe they are, which indicator
//! files and rule packs to use, text to allow, numeric tolerances, and
//! content-anchored ignores. Every problem in the file is an F003 diagnostic
//! into it; an ignore that matches nothing is F004.
//!
//! ```toml
//! paths = ["plans"]                 # what `planlint check` lints with no paths
//! indicators = ["lanzhou.toml"]     # relative to this file
//! rules = ["packs"]                 # extra rule-pack directories
//!
//! [lint]
//! select = ["ALL"]                  # code, code prefix, name or category
//! ignore = ["U106"]
//! extend-select = []
//! fail-level = "error"              # or "warning", "info"
//! allow = ["兰白"]                   # text never reported
//!
//! [lint.severity]
//! W202 = "error"
//!
//! [lint.tolerance]
//! share = 0.05                      # percentage points (N101, N102)
//! relative = 0.001                  # of a whole (N102 parts, N107)
//!
//! [[ignore]]
//! code = "W202"
//! text = "区区"
//! context = "主城区区为主"            # optional; must contain `text`
//! file = "plans/longdongnan.txt"     # optional; a path suffix
//! reason = "“城区”+“区为主”，不是重复"
//! ```

use crate::i18n::t;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::indicators::did_you_mean;
use crate::rules::pack::Packs;
use crate::rules::{self, Sink, Violation};
use crate::source::{SourceFile, Span};
use crate::toml_spans::{string_contents, syntax_error};

/// The name searched for upward from the first input.
pub const FILE_NAME: &str = "planlint.toml";

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    indicators: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    lint: RawLint,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLint {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    fail_level: Option<Spanned<String>>,
    #[serde(default)]
    preview: bool,
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    severity: HashMap<String, Spanned<String>>,
    #[serde(default)]
    tolerance: RawTolerance,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTolerance {
    share: Option<Spanned<f64>>,
    relative: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawIgnore {
    code: Spanned<String>,
    text: Spanned<String>,
    context: Option<Spanned<String>>,
    file: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
}

pub use crate::rules::Tolerance;

/// A content-anchored ignore: findings of `code` on exactly `text`, inside
/// `context` when given, in a file whose path ends with `file` when given.
#[derive(Debug)]
pub struct Ignore {
    pub code: &'static str,
    pub text: String,
    pub context: Option<String>,
    pub file: Option<PathBuf>,
    pub reason: String,
    /// Where the entry is in the config, for F004.
    pub span: Span,
    /// Where its `file` is in the config, if it has one.
    pub file_span: Option<Span>,
    used: AtomicBool,
}

impl Ignore {
    /// Whether it applies to `d`, found in `src`.
    fn matches(&self, d: &Diagnostic, src: &SourceFile) -> bool {
        if d.code != self.code || d.span.end > src.text.len() || src.slice(d.span) != self.text {
            return false;
        }
        if let Some(file) = &self.file {
            if !Path::new(&src.name.replace('\\', "/")).ends_with(file) {
                return false;
            }
        }
        match &self.context {
            None => true,
            Some(context) => covers(&src.text, d.span, context),
        }
    }

    pub fn is_used(&self) -> bool {
        self.used.load(Ordering::Relaxed)
    }
}

/// Whether an occurrence of `word` in `text` covers `span`. Looks only at
/// the bytes around the span, so the cost does not grow with the text.
fn covers(text: &str, span: Span, word: &str) -> bool {
    let lo = crate::cjk::floor_boundary(text, span.end.saturating_sub(word.len()));
    let hi = crate::cjk::ceil_boundary(text, (span.start + word.len()).min(text.len()));
    let window = &text[lo..hi.max(lo)];
    window.match_indices(word).any(|(i, _)| {
        let start = lo + i;
        start <= span.start && span.end <= start + word.len()
    })
}

/// A loaded, checked configuration.
#[derive(Debug)]
pub struct Config {
    /// The run's file id of the config (diagnostics point into it).
    pub file: FileId,
    /// Codes of the selected rules; `None` for every rule.
    pub selected: Option<BTreeSet<&'static str>>,
    /// Codes named exactly (code or name) in `select` or `extend-select`: a
    /// preview rule named so runs without `preview = true`.
    pub explicit: BTreeSet<&'static str>,
    /// `preview = true`: preview rules and readings run.
    pub preview: bool,
    pub severity: HashMap<&'static str, Severity>,
    pub fail_level: Severity,
    pub allow: Vec<String>,
    pub tolerance: Tolerance,
    pub ignores: Vec<Ignore>,
}

impl Config {
    /// Applies severities, the allowlist and the ignores to one file's
    /// diagnostics (`sources[d.file]` is the text each points into), marking
    /// the ignores that matched.
    pub fn filter<'s>(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        sources: &dyn Fn(FileId) -> Option<&'s SourceFile>,
    ) {
        diagnostics.retain_mut(|d| {
            if let Some(s) = self.severity.get(d.code) {
                d.severity = *s;
            }
            let Some(src) = sources(d.file) else {
                return true;
            };
            if d.span.end > src.text.len() {
                return true;
            }
            if self.allow.iter().any(|w| covers(&src.text, d.span, w)) {
                return false;
            }
            let mut keep = true;
            for ig in &self.ignores {
                if ig.matches(d, src) {
                    ig.used.store(true, Ordering::Relaxed);
                    keep = false;
                }
            }
            keep
        });
    }

    /// F004 for each ignore that matched nothing, among those that could
    /// have: an ignore naming a file applies only when that file was
    /// linted, and is reported when no such file exists below `dir` (the
    /// config's directory) at all: it names a file renamed or removed.
    pub fn unused_ignores(&self, linted: &[&str], dir: &Path) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut sink = Sink::new(rules::unused_ignore_meta(), self.file, &mut out);
        for ig in self.ignores.iter().filter(|i| !i.is_used()) {
            if let Some(file) = &ig.file {
                if !linted
                    .iter()
                    .any(|n| Path::new(&n.replace('\\', "/")).ends_with(file))
                {
                    if !dir.join(file).exists() {
                        sink.push(
                            Violation::new(
                                ig.file_span.unwrap_or(ig.span),
                                t("config.ignore-file-missing", &[("file", &file.display())]),
                            )
                            .help(t("config.ignore-file-missing-help", &[])),
                        );
                    }
                    continue;
                }
            }
            sink.push(
                Violation::new(
                    ig.span,
                    t(
                        "config.ignore-unused",
                        &[("code", &ig.code), ("text", &rules::quote(&ig.text))],
                    ),
                )
                .help(t("config.ignore-unused-help", &[])),
            );
        }
        out
    }

    /// Whether `severity` makes the run fail.
    pub fn fails(&self, severity: Severity) -> bool {
        severity >= self.fail_level
    }
}

/// The nearest `planlint.toml` in `start` or a directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start
    } else {
        start.parent()?
    };
    let start = if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start
    };
    let start = std::path::absolute(start).ok()?;
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// The paths a config names, resolved against its directory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ConfigPaths {
    /// What `planlint check` lints when the command line names nothing.
    pub inputs: Vec<PathBuf>,
    pub indicators: Vec<PathBuf>,
    /// Rule-pack directories.
    pub rules: Vec<PathBuf>,
}

/// The files and directories a config names, resolved against `dir`. Read
/// before the rest, which needs the packs loaded (they decide which codes
/// exist); a file that does not parse names none, and `load` reports why.
pub fn paths(src: &SourceFile, dir: &Path) -> ConfigPaths {
    let dir = if dir == Path::new(".") {
        Path::new("")
    } else {
        dir
    };
    let join = |list: &[Spanned<String>]| list.iter().map(|p| dir.join(p.get_ref())).collect();
    match toml::from_str::<RawConfig>(&src.text) {
        Ok(r) => ConfigPaths {
            inputs: join(&r.paths),
            indicators: join(&r.indicators),
            rules: join(&r.rules),
        },
        Err(_) => ConfigPaths::default(),
    }
}

struct Loader<'a> {
    text: &'a str,
    file: FileId,
    out: Vec<Diagnostic>,
}

impl Loader<'_> {
    fn error(&mut self, span: impl Into<Span>, message: String, help: Option<String>) {
        let mut v = Violation::new(string_contents(self.text, span.into()), message);
        if let Some(h) = help {
            v = v.help(h);
        }
        Sink::new(rules::config_file_meta(), self.file, &mut self.out).push(v);
    }
}

/// Loads a config that the caller placed in the run as `file` (its paths
/// are read by [`paths`]). Returns `None` when it has any error (F003): a
/// half-read config would select the wrong rules.
pub fn load(src: &SourceFile, file: FileId, packs: &Packs) -> (Option<Config>, Vec<Diagnostic>) {
    let mut l = Loader {
        text: &src.text,
        file,
        out: Vec::new(),
    };
    let raw: RawConfig = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            l.error(
                syntax_error(&src.text, &e),
                t(
                    "config.unreadable",
                    &[("error", &crate::i18n::serde_message(e.message().trim()))],
                ),
                Some(t("config.unreadable-help", &[])),
            );
            return (None, l.out);
        }
    };
    let all = rules::all(packs);
    let select = |l: &mut Loader<'_>, list: &[Spanned<String>]| -> BTreeSet<&'static str> {
        let mut out = BTreeSet::new();
        for s in list {
            let codes = resolve_selector(s.get_ref(), &all);
            if codes.is_empty() {
                let names = all
                    .iter()
                    .flat_map(|r| [r.meta().code, r.meta().name, r.meta().category.as_str()]);
                let hint = did_you_mean(s.get_ref(), names)
                    .map(|c| t("config.did-you-mean", &[("name", &c)]));
                l.error(
                    s.span(),
                    t("config.no-such-selector", &[("name", s.get_ref())]),
                    hint.or(Some(t("config.rules-help", &[]))),
                );
            }
            out.extend(codes);
        }
        out
    };
    let lint = &raw.lint;
    let explicit: BTreeSet<&'static str> = lint
        .select
        .iter()
        .flatten()
        .chain(&lint.extend_select)
        .filter_map(|s| exact_rule(s.get_ref(), &all))
        .collect();
    let mut selected = lint.select.as_ref().map(|s| select(&mut l, s));
    let extend = select(&mut l, &lint.extend_select);
    let ignored = select(&mut l, &lint.ignore);
    if !extend.is_empty() || !ignored.is_empty() || selected.is_some() {
        let mut set = selected.unwrap_or_else(|| all.iter().map(|r| r.meta().code).collect());
        set.extend(extend);
        set.retain(|c| !ignored.contains(c));
        selected = Some(set);
    }
    let level = |l: &mut Loader<'_>, s: &Spanned<String>| -> Option<Severity> {
        match s.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            other => {
                l.error(
                    s.span(),
                    t("config.unknown-severity", &[("name", &other)]),
                    Some(t("config.severities-help", &[])),
                );
                None
            }
        }
    };
    let fail_level = lint
        .fail_level
        .as_ref()
        .and_then(|s| level(&mut l, s))
        .unwrap_or(Severity::Error);
    let mut severity = HashMap::new();
    let mut keys: Vec<_> = lint.severity.iter().collect();
    keys.sort_by_key(|(_, v)| v.span().start);
    for (key, value) in keys {
        let Some(s) = level(&mut l, value) else {
            continue;
        };
        match rules::find(packs, key) {
            Some(r) => {
                severity.insert(r.meta().code, s);
            }
            None => {
                // The key's own span is not kept by serde; point at its value.
                l.error(
                    value.span(),
                    t("config.severity-not-a-rule", &[("name", &key)]),
                    Some(t("config.rules-help", &[])),
                );
            }
        }
    }
    let mut tolerance = Tolerance::default();
    for (field, slot, max) in [
        (&lint.tolerance.share, &mut tolerance.share, 5.0),
        (&lint.tolerance.relative, &mut tolerance.relative, 0.1),
    ] {
        if let Some(v) = field {
            let x = *v.get_ref();
            if !(0.0..=max).contains(&x) {
                l.error(
                    v.span(),
                    t("config.tolerance-range", &[("value", &x)]),
                    Some(t("config.tolerance-help", &[("max", &max)])),
                );
            } else {
                *slot = x;
            }
        }
    }
    let mut allow = Vec::new();
    for a in &lint.allow {
        if a.get_ref().trim().is_empty() {
            l.error(a.span(), t("config.empty-allow", &[]), None);
        } else {
            allow.push(a.get_ref().clone());
        }
    }
    let mut ignores = Vec::new();
    for entry in &raw.ignore {
        let span = Span::from(entry.span());
        let ig = entry.get_ref();
        let code = match rules::find(packs, ig.code.get_ref()) {
            Some(r) => Some(r.meta().code),
            None => {
                let names = all.iter().flat_map(|r| [r.meta().code, r.meta().name]);
                let hint = did_you_mean(ig.code.get_ref(), names)
                    .map(|c| t("config.did-you-mean", &[("name", &c)]));
                l.error(
                    ig.code.span(),
                    t("config.no-such-rule", &[("name", ig.code.get_ref())]),
                    hint,
                );
                None
            }
        };
        let reason = ig.reason.as_ref().map(|r| r.get_ref().trim()).unwrap_or("");
        if reason.is_empty() {
            let at = ig.reason.as_ref().map_or(span, |r| Span::from(r.span()));
            l.error(
                at,
                t("config.ignore-reason", &[]),
                Some(t("config.ignore-reason-help", &[])),
            );
        }
        if ig.text.get_ref().is_empty() {
            l.error(ig.text.span(), t("config.ignore-empty-text", &[]), None);
        }
        if let Some(c) = &ig.context {
            if !c.get_ref().contains(ig.text.get_ref().as_str()) {
                l.error(
                    c.span(),
                    t(
                        "config.context-contains-text",
                        &[("text", &rules::quote(ig.text.get_ref()))],
                    ),
                    Some(t("config.context-help", &[])),
                );
            }
        }
        if let Some(code) = code {
            ignores.push(Ignore {
                code,
                text: ig.text.get_ref().clone(),
                context: ig.context.as_ref().map(|c| c.get_ref().clone()),
                file: ig
                    .file
                    .as_ref()
                    .map(|f| PathBuf::from(f.get_ref().replace('\\', "/"))),
                reason: reason.to_owned(),
                span: ig.text.span().into(),
                file_span: ig.file.as_ref().map(|f| f.span().into()),
                used: AtomicBool::new(false),
            });
        }
    }
    // The text span, without quotes, is where F004 points.
    for ig in &mut ignores {
        ig.span = string_contents(&src.text, ig.span);
        ig.file_span = ig.file_span.map(|s| string_contents(&src.text, s));
    }
    if !l.out.is_empty() {
        return (None, l.out);
    }
    let config = Config {
        file,
        selected,
        explicit,
        preview: lint.preview,
        severity,
        fail_level,
        allow,
        tolerance,
        ignores,
    };
    (Some(config), l.out)
}

/// The rule a selector names exactly, by code or name (case-insensitively).
pub fn exact_rule(sel: &str, all: &[&dyn rules::Rule]) -> Option<&'static str> {
    let sel = sel.trim();
    all.iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(sel) || m.name.eq_ignore_ascii_case(sel))
        .map(|m| m.code)
}

/// The codes a selector stands for: `ALL`, a code, a code prefix (`N1`), a
/// rule name or a category, case-insensitively.
pub fn resolve_selector(sel: &str, all: &[&dyn rules::Rule]) -> Vec<&'static str> {
    let sel = sel.trim();
    let codes = all.iter().map(|r| r.meta());
    if sel.eq_ignore_ascii_case("all") {
        return codes.map(|m| m.code).collect();
    }
    let is_prefix = sel.len() <= 4
        && sel.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && sel.chars().skip(1).all(|c| c.is_ascii_digit());
    codes
        .filter(|m| {
            m.name.eq_ignore_ascii_case(sel)
                || m.category.as_str().eq_ignore_ascii_case(sel)
                || (is_prefix
                    && m.code.len() >= sel.len()
                    && m.code[..sel.len()].eq_ignore_ascii_case(sel))
        })
        .map(|m| m.code)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let packs = Packs::builtin().unwrap();
        load(&SourceFile::from_text("planlint.toml", text), 1, &packs)
    }

    #[test]
    fn selectors() {
        let packs = Packs::builtin().unwrap();
        let all = rules::all(&packs);
        assert_eq!(resolve_selector("N10", &all).len(), 9);
        assert_eq!(resolve_selector("structure-label", &all), ["C101"]);
        assert_eq!(resolve_selector("c101", &all), ["C101"]);
        assert!(resolve_selector("punctuation", &all).contains(&"P106"));
        assert!(resolve_selector("N1x", &all).is_empty());
        assert_eq!(resolve_selector("ALL", &all).len(), all.len());
    }

    #[test]
    fn select_ignore_extend() {
        let (c, d) =
            load_str("[lint]\nselect = [\"N\"]\nignore = [\"N105\"]\nextend-select = [\"C101\"]\n");
        assert!(d.is_empty(), "{d:?}");
        let s = c.unwrap().selected.unwrap();
        assert!(
            s.contains("C101") && s.contains("N101") && !s.contains("N105") && !s.contains("P101")
        );
        let (c, _) = load_str("[lint]\nignore = [\"U106\"]\n");
        let s = c.unwrap().selected.unwrap();
        assert!(!s.contains("U106") && s.contains("P101"));
        let (c, _) = load_str("");
        assert!(c.unwrap().selected.is_none());
    }

    #[test]
    fn errors_point_into_the_file() {
        let text = "[lint]\nselect = [\"N1O1\"]\nfail-level = \"fatal\"\n[[ignore]]\ncode = \"W202\"\ntext = \"区区\"\ncontext = \"城区为主\"\n";
        let (c, d) = load_str(text);
        assert!(c.is_none());
        let at: Vec<&str> = d.iter().map(|d| &text[d.span.range()]).collect();
        assert_eq!(
            at,
            [
                "N1O1",
                "fatal",
                "[[ignore]]\ncode = \"W202\"\ntext = \"区区\"\ncontext = \"城区为主\"",
                "城区为主"
            ]
        );
        assert!(d.iter().all(|d| d.code == "F003" && d.file == 1));
    }

    #[test]
    fn covers_only_around_the_span() {
        let t = "天水主城区区为主";
        let span = Span::new(
            t.find("区区").unwrap(),
            t.find("区区").unwrap() + "区区".len(),
        );
        assert!(covers(t, span, "区区"));
        assert!(covers(t, span, "主城区区为主"));
        assert!(!covers(t, span, "城区为"));
        assert!(!covers(t, span, "天水"));
    }
}
