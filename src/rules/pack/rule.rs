//! A pack rule: a `[[rule]]` of a pack file, compiled once, run as a `Rule`.

use regex::Regex;

use super::file::{PackFile, RuleDef};
use super::kinds;
use crate::diagnostic::{Applicability, Severity};
use crate::lexicon::DataError;
use crate::literals::Literals;
use crate::rules::{Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier};

/// What a kind matches with, built once.
pub enum Matcher {
    /// substitution and term: wrong forms, and the right form of each.
    Words { ac: Literals, right: Vec<String> },
    /// existence: patterns and their replacements (each also in the packs'
    /// pattern set, which tells the units it may match in).
    Patterns(Vec<(Regex, Option<String>)>),
    /// consistency: named forms.
    Variants(Vec<(String, Regex)>),
    /// Kinds written in Rust with no data.
    Code,
}

impl std::fmt::Debug for PackRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PackRule({} {})", self.meta.code, self.meta.name)
    }
}

pub struct PackRule {
    pub meta: &'static RuleMeta,
    pub def: RuleDef,
    pub matcher: Matcher,
    /// The pack's file, for help texts.
    pub file: String,
}

impl PackRule {
    pub fn applicability(&self) -> Option<Applicability> {
        match self.def.fix.as_str() {
            "safe" => Some(Applicability::Safe),
            "unsafe" => Some(Applicability::Unsafe),
            _ => None,
        }
    }

    /// The message or help with `{found}` and `{replacement}` filled in.
    pub fn fill(template: &str, found: &str, replacement: &str) -> String {
        template
            .replace("{found}", found)
            .replace("{replacement}", replacement)
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn category(def: &RuleDef) -> Category {
    match def.code.chars().next() {
        Some('P') => Category::Punctuation,
        Some('U') => Category::Numbers,
        _ => Category::Words,
    }
}

/// The explain text of a pack rule, in the sections every rule has; its
/// examples become the ```bad and ```good blocks the doc test runs.
fn doc(def: &RuleDef, file: &str) -> String {
    let mut d = format!(
        "## What it checks\n{}\n\n## Why it matters\n{}\n\n## Example\n",
        def.description, def.why
    );
    // A valid example that is also a bad one's fixed form is shown once.
    let mut shown: Vec<&str> = Vec::new();
    for e in &def.examples {
        if let Some(bad) = &e.invalid {
            d.push_str(&format!("```bad\n{bad}\n```\n\n"));
            if let Some(fixed) = &e.fixed {
                d.push_str(&format!("```good\n{fixed}\n```\n\n"));
                shown.push(fixed);
            }
        }
        if let Some(good) = e.valid.as_deref().filter(|g| !shown.contains(g)) {
            d.push_str(&format!("```good\n{good}\n```\n\n"));
            shown.push(good);
        }
    }
    let fix = match def.fix.as_str() {
        "safe" => "The fix is safe: it keeps the meaning and `--fix` may apply it.",
        "unsafe" => "The fix is unsafe: it needs review before it is applied.",
        _ => "No fix.",
    };
    d.push_str(&format!(
        "## Fix safety\n{fix}\n\n## Options\nThe rule and its data are in `{file}`.\n"
    ));
    d
}

fn compile(def: &RuleDef, file: &str, text: &str) -> Result<Matcher, DataError> {
    let bad = |m: String| crate::lexicon::error_at(file, text, 0..0, m);
    Ok(match def.kind.as_str() {
        "substitution" | "term" => {
            let pairs: Vec<(String, String)> = if def.kind == "substitution" {
                def.block
                    .iter()
                    .flat_map(|b| b.pairs.iter().map(|[w, r]| (w.clone(), r.clone())))
                    .collect()
            } else {
                def.term
                    .iter()
                    .flat_map(|t| t.wrong.iter().map(|w| (w.clone(), t.canonical.clone())))
                    .collect()
            };
            let ac = Literals::new(pairs.iter().map(|p| &p.0)).map_err(|e| bad(e.to_string()))?;
            Matcher::Words {
                ac,
                right: pairs.into_iter().map(|p| p.1).collect(),
            }
        }
        "existence" => Matcher::Patterns(
            def.pattern
                .iter()
                .map(|p| {
                    Ok((
                        Regex::new(&p.pattern).map_err(|e| bad(e.to_string()))?,
                        p.replacement.clone(),
                    ))
                })
                .collect::<Result<_, DataError>>()?,
        ),
        "consistency" => Matcher::Variants(
            def.variant
                .iter()
                .map(|v| {
                    Ok((
                        v.name.clone(),
                        Regex::new(&v.pattern).map_err(|e| bad(e.to_string()))?,
                    ))
                })
                .collect::<Result<_, DataError>>()?,
        ),
        _ => Matcher::Code,
    })
}

/// Compiles every rule of a pack.
pub fn compile_pack(pack: &PackFile, file: &str, text: &str) -> Result<Vec<PackRule>, DataError> {
    pack.rule
        .iter()
        .map(|def| {
            let severity = match def.severity.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                _ => Severity::Info,
            };
            let meta = RuleMeta {
                code: leak(def.code.clone()),
                name: leak(def.name.clone()),
                category: category(def),
                summary: leak(def.summary.clone()),
                doc: leak(doc(def, file)),
                severity,
                fix: match def.fix.as_str() {
                    "none" => FixAvailability::None,
                    _ => FixAvailability::Sometimes,
                },
                tier: match def.tier.as_deref() {
                    Some("preview") => Tier::Preview,
                    _ => Tier::Default,
                },
            };
            Ok(PackRule {
                meta: Box::leak(Box::new(meta)),
                def: def.clone(),
                matcher: compile(def, file, text)?,
                file: file.to_owned(),
            })
        })
        .collect()
}

impl Rule for PackRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        match self.def.kind.as_str() {
            "substitution" => kinds::substitution::check(self, ctx, sink, true),
            "term" => kinds::substitution::check(self, ctx, sink, false),
            "existence" => kinds::existence::check(self, ctx, sink),
            "consistency" => kinds::consistency::check(self, ctx, sink),
            "halfwidth-punctuation" => kinds::halfwidth::check(self, ctx, sink),
            "unpaired-marks" => kinds::unpaired::check(self, ctx, sink),
            "heading-period" => kinds::heading_period::check(self, ctx, sink),
            "year-zero" => kinds::year_zero::check(self, ctx, sink),
            "fullwidth-digits" => kinds::fullwidth::check(self, ctx, sink),
            _ => {}
        }
    }
}
