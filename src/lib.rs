//! planlint: a linter for Chinese government planning documents.
//!
//! Data flows one way: [`source`] decodes bytes, [`document`] builds the
//! outline, paragraphs and sentences, [`extract`] finds facts, [`rules`] check
//! them and produce [`diagnostic::Diagnostic`]s, and [`report`] renders them.
//! See `docs/` and the README for the user-facing side.

pub mod baseline;
pub mod cjk;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod extract;
pub mod fix;
pub mod indicators;
pub mod init;
pub mod input;
pub mod literals;
pub mod lsp;
pub mod packs;
pub mod report;
pub mod revision;
pub mod rules;
pub mod source;
mod toml_spans;

use rayon::prelude::*;

use diagnostic::{Diagnostic, FileId};
use document::Document;
use extract::Facts;
use indicators::Indicators;
use packs::Packs;
use rules::{Context, Rule, Sink};
use source::SourceFile;

/// The sample plan bundle embedded in the binary: `planlint check` with no
/// paths lints it. A byte-identical copy of a published document
/// (甘政办发〔2021〕93号), real errors included.
pub const SEED_NAME: &str = "seeds/gansu-2021-93.txt";
pub const SEED_TEXT: &str = include_str!("../seeds/gansu-2021-93.txt");
/// The seed's indicator file, used with it when `check` has no paths.
pub const SEED_INDICATORS_NAME: &str = "seeds/gansu-2021-93.toml";
pub const SEED_INDICATORS_TEXT: &str = include_str!("../seeds/gansu-2021-93.toml");

/// One plan text to lint, and the indicator file it is held to.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub file: FileId,
    pub indicators: Option<&'a Indicators>,
}

impl Job<'_> {
    /// Lint a file on its own text, with no indicator file.
    pub fn without_indicators(file: FileId) -> Self {
        Job {
            file,
            indicators: None,
        }
    }
}

/// Time spent per stage and per rule, summed over files (`check --timings`).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Stages in the order they run: document, each kind of fact.
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// Rules by code.
    pub rules: std::collections::BTreeMap<&'static str, std::time::Duration>,
}

impl Timings {
    fn add_stage(&mut self, name: &'static str, d: std::time::Duration) {
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => *t += d,
            None => self.stages.push((name, d)),
        }
    }

    fn merge(&mut self, other: Timings) {
        for (n, d) in other.stages {
            self.add_stage(n, d);
        }
        for (code, d) in other.rules {
            *self.rules.entry(code).or_default() += d;
        }
    }
}

/// Runs rules over sources. Build once per run: the rule data is loaded and
/// compiled here, not per file.
pub struct Linter {
    packs: Packs,
    /// Codes of the rules to run (all by default).
    selected: std::collections::HashSet<&'static str>,
    /// Severities, allowlist, ignores and tolerances of `planlint.toml`.
    config: Option<config::Config>,
}

impl Linter {
    /// A linter with every rule and the built-in rule data.
    pub fn new(packs: Packs) -> Self {
        let selected = rules::all(&packs).iter().map(|r| r.meta().code).collect();
        Linter {
            packs,
            selected,
            config: None,
        }
    }

    /// Applies a configuration: its rule selection, severities, allowlist,
    /// ignores and tolerances.
    pub fn with_config(mut self, config: config::Config) -> Self {
        if let Some(codes) = &config.selected {
            self.selected = codes.iter().copied().collect();
        }
        self.config = Some(config);
        self
    }

    /// Whether the rule with this code runs.
    pub fn is_selected(&self, code: &str) -> bool {
        self.selected.contains(code)
    }

    pub fn config(&self) -> Option<&config::Config> {
        self.config.as_ref()
    }

    /// Only the rules for which `keep` is true.
    pub fn with_rules(mut self, keep: impl Fn(&dyn Rule) -> bool) -> Self {
        let keep: std::collections::HashSet<&'static str> = rules::all(&self.packs)
            .into_iter()
            .filter(|r| keep(*r))
            .map(|r| r.meta().code)
            .collect();
        self.selected = keep;
        self
    }

    pub fn packs(&self) -> &Packs {
        &self.packs
    }

    /// Lints one file without an indicator file; diagnostics come back sorted.
    pub fn lint_file(&self, file: FileId, source: &SourceFile) -> Vec<Diagnostic> {
        self.lint_with(file, source, None)
    }

    /// Lints one file held to an indicator file; diagnostics come back sorted.
    pub fn lint_with(
        &self,
        file: FileId,
        source: &SourceFile,
        indicators: Option<&Indicators>,
    ) -> Vec<Diagnostic> {
        self.lint_timed(file, source, indicators, None)
    }

    /// As `lint_with`, adding the time of each stage and rule to `timings`.
    /// Timing builds the facts before the rules, so extraction shows as
    /// stages of its own rather than inside the first rule that asks.
    pub fn lint_timed(
        &self,
        file: FileId,
        source: &SourceFile,
        indicators: Option<&Indicators>,
        mut timings: Option<&mut Timings>,
    ) -> Vec<Diagnostic> {
        let clock = std::time::Instant::now();
        let document = Document::parse(source);
        if let Some(t) = timings.as_deref_mut() {
            t.add_stage("document", clock.elapsed());
        }
        let facts = Facts::new(source, &document, &self.packs);
        if let Some(t) = timings.as_deref_mut() {
            let mut stage = |name: &'static str, f: &dyn Fn()| {
                let clock = std::time::Instant::now();
                f();
                t.add_stage(name, clock.elapsed());
            };
            stage("extract: quantities", &|| {
                facts.quantities();
            });
            stage("extract: lists", &|| {
                facts.lists();
            });
            stage("extract: structures", &|| {
                facts.structures();
            });
            stage("extract: latin", &|| {
                facts.latin_words();
            });
            stage("extract: pattern set", &|| {
                facts.pattern_hits();
            });
        }
        let ctx = Context {
            file,
            source,
            document: &document,
            facts: &facts,
            packs: &self.packs,
            indicators,
            tolerance: self
                .config
                .as_ref()
                .map(|c| c.tolerance)
                .unwrap_or_default(),
        };
        let mut out = Vec::new();
        for rule in rules::all(&self.packs)
            .into_iter()
            .filter(|r| self.selected.contains(r.meta().code))
        {
            let clock = std::time::Instant::now();
            rule.check(&ctx, &mut Sink::new(rule.meta(), file, &mut out));
            if let Some(t) = timings.as_deref_mut() {
                *t.rules.entry(rule.meta().code).or_default() += clock.elapsed();
            }
        }
        if let Some(config) = &self.config {
            config.filter(&mut out, &|id| (id == file).then_some(source));
        }
        out.sort();
        out
    }

    /// D101 stale-figure between two revisions of a plan: figures `new`
    /// changed at some mentions and left at their `old` value at others, or
    /// changed in the text but not in `new`'s indicator file.
    pub fn stale_figures(
        &self,
        old: (FileId, &SourceFile),
        new: (FileId, &SourceFile),
        indicators: Option<&Indicators>,
    ) -> Vec<Diagnostic> {
        if !self.selected.contains(rules::stale_figure_meta().code) {
            return Vec::new();
        }
        let (old_doc, new_doc) = (Document::parse(old.1), Document::parse(new.1));
        let old_facts = Facts::new(old.1, &old_doc, &self.packs);
        let new_facts = Facts::new(new.1, &new_doc, &self.packs);
        let mut out = revision::stale_figures(
            &revision::Side {
                file: old.0,
                quantities: old_facts.quantities(),
            },
            &revision::Side {
                file: new.0,
                quantities: new_facts.quantities(),
            },
            indicators,
            &self.packs,
        );
        if let Some(config) = &self.config {
            config.filter(&mut out, &|id| (id == new.0).then_some(new.1));
        }
        out.sort();
        out
    }

    /// Lints each job's source (in parallel); file ids are indices into
    /// `sources`, which also holds the indicator files labels point into.
    /// The result is sorted and does not depend on the number of threads.
    pub fn lint(&self, sources: &[SourceFile], jobs: &[Job<'_>]) -> Vec<Diagnostic> {
        self.lint_all(sources, jobs, None)
    }

    /// As `lint`, summing the time of each stage and rule over all files
    /// into `timings` when given.
    pub fn lint_all(
        &self,
        sources: &[SourceFile],
        jobs: &[Job<'_>],
        timings: Option<&mut Timings>,
    ) -> Vec<Diagnostic> {
        let timed = timings.is_some();
        let per_file: Vec<(Vec<Diagnostic>, Timings)> = jobs
            .par_iter()
            .map(|job| {
                let mut t = Timings::default();
                let d = self.lint_timed(
                    job.file,
                    &sources[job.file],
                    job.indicators,
                    timed.then_some(&mut t),
                );
                (d, t)
            })
            .collect();
        let mut all = Vec::new();
        let mut sum = Timings::default();
        for (d, t) in per_file {
            all.extend(d);
            sum.merge(t);
        }
        if let Some(timings) = timings {
            timings.merge(sum);
        }
        all.sort();
        all.dedup();
        all
    }
}
