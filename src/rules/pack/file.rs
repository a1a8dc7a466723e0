//! Rule packs: `rules/typos.toml`, `rules/punctuation.toml`,
//! `rules/numbers.toml` and any `--rules DIR`. Each `[[rule]]` is a rule
//! with its own code, name, severity, messages and inline examples; its
//! `kind` names the Rust code that runs it (`src/rules/pack/kinds/`), its other
//! fields are that kind's data.
//!
//! Files are canonical: `write` of a parsed file gives the file back, byte for
//! byte, and a test checks every built-in pack. Sources are data (`sources`,
//! `source` of a block), not comments, so nothing is lost.

use std::collections::HashSet;
use std::fmt::Write;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::lexicon::{error_at, parse, DataError};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: PackInfo,
    #[serde(default)]
    pub rule: Vec<RuleDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// An inline example: `invalid` must be reported (and, with `fixed`, fixed
/// to it); `valid` must not.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid: Option<String>,
}

/// A block of substitution pairs from one source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub source: String,
    pub pairs: Vec<[String; 2]>,
}

/// A regular expression; `$1`-style groups in `replacement`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    pub pattern: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// One form of a consistency rule: a name and a pattern.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VariantDef {
    pub name: String,
    pub pattern: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    pub canonical: String,
    pub wrong: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub severity: String,
    pub summary: String,
    /// What is wrong; `{found}` is the flagged text, `{replacement}` the fix.
    pub message: String,
    pub help: String,
    /// `safe`, `unsafe` or `none`.
    pub fix: String,
    /// `default` (when absent) or `preview`: whether the rule runs without
    /// `--preview`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// What it checks (the explain text's first section).
    pub description: String,
    /// Why it matters.
    pub why: String,
    pub examples: Vec<Example>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub block: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pattern: Vec<PatternDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variant: Vec<VariantDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub term: Vec<TermDef>,
}

/// Kinds implemented in `src/rules/pack/kinds/`, and the data each needs.
pub const KINDS: &[(&str, &str)] = &[
    ("substitution", "block"),
    ("existence", "pattern"),
    ("consistency", "variant"),
    ("term", "term"),
    ("halfwidth-punctuation", ""),
    ("unpaired-marks", ""),
    ("heading-period", ""),
    ("year-zero", ""),
    ("fullwidth-digits", ""),
];

/// Spans of the fields of a `[[rule]]`, for error messages.
#[derive(Deserialize)]
struct SpannedFile {
    #[serde(default)]
    rule: Vec<SpannedRule>,
}

#[derive(Deserialize)]
struct SpannedRule {
    code: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
    severity: Spanned<String>,
    fix: Spanned<String>,
    #[serde(default)]
    tier: Option<Spanned<String>>,
    #[serde(default)]
    pattern: Vec<SpannedPattern>,
    #[serde(default)]
    variant: Vec<SpannedPattern>,
    #[serde(default)]
    block: Vec<SpannedBlock>,
}

#[derive(Deserialize)]
struct SpannedPattern {
    pattern: Spanned<String>,
}

#[derive(Deserialize)]
struct SpannedBlock {
    pairs: Vec<Spanned<[String; 2]>>,
}

/// Where in a pack file a problem is: the field of rule `r` (index in
/// `[[rule]]`), or a pair `k` of block `b`, or a pattern (patterns, then
/// variants) `k`.
enum Where {
    Code(usize),
    Name(usize),
    Kind(usize),
    Severity(usize),
    Fix(usize),
    Tier(usize),
    Pattern(usize, usize),
    Pair(usize, usize, usize),
    Whole,
}

/// Reads and validates a pack file. The file is parsed once; only when it
/// has a problem is it parsed again for the problem's span (a large pack,
/// such as the 1,500 typo pairs, would otherwise be parsed twice per run).
pub fn load(file: &str, text: &str) -> Result<PackFile, DataError> {
    let pack: PackFile = parse(file, text)?;
    let Err((at, message)) = check(&pack) else {
        return Ok(pack);
    };
    let spans: SpannedFile = parse(file, text)?;
    let span = match at {
        Where::Code(r) => spans.rule[r].code.span(),
        Where::Name(r) => spans.rule[r].name.span(),
        Where::Kind(r) => spans.rule[r].kind.span(),
        Where::Severity(r) => spans.rule[r].severity.span(),
        Where::Fix(r) => spans.rule[r].fix.span(),
        Where::Tier(r) => spans.rule[r].tier.as_ref().map_or(0..0, |t| t.span()),
        Where::Pattern(r, k) => {
            let sp = &spans.rule[r];
            sp.pattern
                .iter()
                .chain(&sp.variant)
                .nth(k)
                .map_or(0..0, |p| p.pattern.span())
        }
        Where::Pair(r, b, k) => spans.rule[r].block[b].pairs[k].span(),
        Where::Whole => 0..0,
    };
    Err(error_at(file, text, span, message))
}

/// The first problem of a parsed pack, and where it is.
fn check(pack: &PackFile) -> Result<(), (Where, String)> {
    let mut seen_pairs = HashSet::new();
    for (r, def) in pack.rule.iter().enumerate() {
        let (letter, digits) = def.code.split_at(def.code.len().min(1));
        if !(letter.chars().all(|c| c.is_ascii_uppercase())
            && digits.len() == 3
            && digits.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err((
                Where::Code(r),
                "a code is a capital letter and three digits, like W101".into(),
            ));
        }
        if def.name.is_empty()
            || !def
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        {
            return Err((
                Where::Name(r),
                "a name is kebab-case ASCII, like typo".into(),
            ));
        }
        let Some(&(_, data)) = KINDS.iter().find(|(k, _)| *k == def.kind) else {
            let known: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
            return Err((
                Where::Kind(r),
                format!("unknown kind `{}`; known: {}", def.kind, known.join(", ")),
            ));
        };
        let has = match data {
            "block" => !def.block.is_empty(),
            "pattern" => !def.pattern.is_empty(),
            "variant" => def.variant.len() >= 2,
            "term" => !def.term.is_empty(),
            _ => true,
        };
        if !has {
            return Err((
                Where::Kind(r),
                format!("kind `{}` needs `{data}` entries", def.kind),
            ));
        }
        if !matches!(def.severity.as_str(), "error" | "warning" | "info") {
            return Err((
                Where::Severity(r),
                "severity is error, warning or info".into(),
            ));
        }
        if !matches!(def.fix.as_str(), "safe" | "unsafe" | "none") {
            return Err((Where::Fix(r), "fix is safe, unsafe or none".into()));
        }
        if let Some(t) = &def.tier {
            if !matches!(t.as_str(), "default" | "preview") {
                return Err((Where::Tier(r), "tier is default or preview".into()));
            }
        }
        let patterns = def
            .pattern
            .iter()
            .map(|p| &p.pattern)
            .chain(def.variant.iter().map(|v| &v.pattern));
        for (k, p) in patterns.enumerate() {
            if let Err(e) = regex_syntax::Parser::new().parse(p) {
                return Err((
                    Where::Pattern(r, k),
                    format!("invalid regular expression: {e}"),
                ));
            }
        }
        for (bi, b) in def.block.iter().enumerate() {
            let mut previous: Option<&str> = None;
            for (k, [wrong, right]) in b.pairs.iter().enumerate() {
                let at = || Where::Pair(r, bi, k);
                if wrong.is_empty() || wrong == right {
                    return Err((
                        at(),
                        "a pair is a wrong form and a different right form".into(),
                    ));
                }
                if !seen_pairs.insert(wrong.clone()) {
                    return Err((at(), format!("`{wrong}` is listed twice")));
                }
                if previous.is_some_and(|p| p >= wrong.as_str()) {
                    return Err((
                        at(),
                        format!("pairs are sorted by their wrong form: `{wrong}` is out of order"),
                    ));
                }
                previous = Some(wrong);
            }
        }
    }
    // A right form that is itself listed as wrong makes a chain.
    for def in &pack.rule {
        for b in &def.block {
            for [_, right] in &b.pairs {
                if seen_pairs.contains(right) {
                    return Err((
                        Where::Whole,
                        format!("`{right}` is both a right form and a wrong one"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A TOML basic string.
fn basic(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML literal string for a regular expression, or a basic string when
/// the text has a single quote.
fn literal(s: &str) -> String {
    if s.contains('\'') || s.contains('\n') {
        basic(s)
    } else {
        format!("'{s}'")
    }
}

/// The canonical text of a pack file.
pub fn write(p: &PackFile) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "[pack]\nname = {}\ndescription = {}",
        basic(&p.pack.name),
        basic(&p.pack.description)
    );
    if !p.pack.sources.is_empty() {
        out.push_str("sources = [\n");
        for s in &p.pack.sources {
            let _ = writeln!(out, "  {},", basic(s));
        }
        out.push_str("]\n");
    }
    for r in &p.rule {
        let _ = writeln!(
            out,
            "\n[[rule]]\ncode = {}\nname = {}\nkind = {}\nseverity = {}\nsummary = {}\nmessage = {}\nhelp = {}\nfix = {}\ndescription = {}\nwhy = {}",
            basic(&r.code),
            basic(&r.name),
            basic(&r.kind),
            basic(&r.severity),
            basic(&r.summary),
            basic(&r.message),
            basic(&r.help),
            basic(&r.fix),
            basic(&r.description),
            basic(&r.why)
        );
        if let Some(t) = &r.tier {
            let _ = writeln!(out, "tier = {}", basic(t));
        }
        out.push_str("examples = [\n");
        for e in &r.examples {
            let mut fields = Vec::new();
            for (k, v) in [
                ("invalid", &e.invalid),
                ("fixed", &e.fixed),
                ("valid", &e.valid),
            ] {
                if let Some(v) = v {
                    fields.push(format!("{k} = {}", basic(v)));
                }
            }
            let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
        }
        out.push_str("]\n");
        for b in &r.block {
            let _ = writeln!(
                out,
                "\n[[rule.block]]\nsource = {}\npairs = [",
                basic(&b.source)
            );
            for [w, r] in &b.pairs {
                let _ = writeln!(out, "  [{}, {}],", basic(w), basic(r));
            }
            out.push_str("]\n");
        }
        for pt in &r.pattern {
            let _ = writeln!(
                out,
                "\n[[rule.pattern]]\npattern = {}",
                literal(&pt.pattern)
            );
            if let Some(rep) = &pt.replacement {
                let _ = writeln!(out, "replacement = {}", literal(rep));
            }
        }
        for v in &r.variant {
            let _ = writeln!(
                out,
                "\n[[rule.variant]]\nname = {}\npattern = {}",
                basic(&v.name),
                literal(&v.pattern)
            );
        }
        for t in &r.term {
            let wrong: Vec<String> = t.wrong.iter().map(|w| basic(w)).collect();
            let _ = writeln!(
                out,
                "\n[[rule.term]]\ncanonical = {}\nwrong = [{}]",
                basic(&t.canonical),
                wrong.join(", ")
            );
        }
    }
    out
}
