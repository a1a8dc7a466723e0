//! The engine: runs the selected rules over each source, in parallel, and
//! applies the configuration to what they find. The top of the library:
//! it uses every layer below it (see the crate documentation).

use rayon::prelude::*;

use crate::config;
use crate::diagnostic::{Diagnostic, FileId};
use crate::document::Document;
use crate::extract::Facts;
use crate::indicators::Indicators;
use crate::lexicon::{DataError, Lexicon};
use crate::rules::{self, pack::Packs, Context, Rule, RuleMeta, Sink, Tier};
use crate::source::SourceFile;

/// The rules that cost the most on a plan (`--timings` on the seed, in
/// this order: W104 11–15 ms, W105 5 ms, T102, W101 and W201 about
/// 2.5 ms each); every other rule takes well under a millisecond.
const COSTLY: [&str; 5] = ["W104", "W105", "T102", "W101", "W201"];

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

/// The indicator file a plan is held to, as an index into `loaded`: the
/// one named `sibling` (`PLAN.toml` beside `PLAN.txt`), else the first
/// loaded file that names a region the plan's text mentions. A file that
/// names none of them belongs to another plan and is not used.
pub fn indicators_for(
    plan: &SourceFile,
    sibling: Option<&str>,
    loaded: &[(FileId, Option<Indicators>)],
    sources: &[SourceFile],
) -> Option<usize> {
    if let Some(sibling) = sibling {
        if let Some(k) = loaded
            .iter()
            .position(|(id, ind)| ind.is_some() && sources[*id].name == sibling)
        {
            return Some(k);
        }
    }
    // Names only: aliases such as 全省 stand in every plan of every province.
    loaded.iter().position(|(_, ind)| {
        ind.as_ref()
            .is_some_and(|ind| ind.regions.iter().any(|r| plan.text.contains(&r.name)))
    })
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
    lexicon: Lexicon,
    packs: Packs,
    /// Codes of the selected rules (all by default).
    selected: std::collections::HashSet<&'static str>,
    /// Codes named exactly (by code or name) in a selection: a preview rule
    /// named so runs without `--preview`.
    explicit: std::collections::HashSet<&'static str>,
    /// Whether preview rules and preview readings run.
    preview: bool,
    /// Severities, allowlist, ignores and tolerances of `planlint.toml`.
    config: Option<config::Config>,
}

impl Linter {
    /// A linter with every rule of `packs` and the built-in rules selected
    /// (preview rules run only once preview is enabled).
    pub fn new(lexicon: Lexicon, packs: Packs) -> Self {
        let selected = rules::all(&packs).iter().map(|r| r.meta().code).collect();
        Linter {
            lexicon,
            packs,
            selected,
            explicit: Default::default(),
            preview: false,
            config: None,
        }
    }

    /// Applies a configuration: its rule selection, preview setting,
    /// severities, allowlist, ignores and tolerances.
    pub fn with_config(mut self, config: config::Config) -> Self {
        if let Some(codes) = &config.selected {
            self.selected = codes.iter().copied().collect();
        }
        self.explicit.extend(config.explicit.iter().copied());
        self.preview |= config.preview;
        self.config = Some(config);
        self
    }

    /// Enables preview rules and readings (`--preview`).
    pub fn with_preview(mut self, preview: bool) -> Self {
        self.preview |= preview;
        self
    }

    /// Marks rules as named exactly on the command line: a preview rule named
    /// so runs without `--preview`.
    pub fn with_explicit(mut self, codes: impl IntoIterator<Item = &'static str>) -> Self {
        self.explicit.extend(codes);
        self
    }

    /// Whether preview rules and readings run.
    pub fn preview(&self) -> bool {
        self.preview
    }

    /// Whether `rule` runs: selected, and of the default tier unless preview
    /// is enabled or the rule was named exactly.
    pub fn runs(&self, meta: &RuleMeta) -> bool {
        self.selected.contains(meta.code)
            && (meta.tier == Tier::Default || self.preview || self.explicit.contains(meta.code))
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

    /// A linter with every rule and the built-in rule data.
    pub fn builtin() -> Result<Self, DataError> {
        Ok(Linter::new(Lexicon::builtin()?, Packs::builtin()?))
    }

    pub fn packs(&self) -> &Packs {
        &self.packs
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Loads an indicator file placed in the run as `file`, with its
    /// problems as F002 diagnostics.
    pub fn load_indicators(
        &self,
        src: &SourceFile,
        file: FileId,
    ) -> (Option<Indicators>, Vec<Diagnostic>) {
        rules::load_indicators(src, file, &self.lexicon)
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
        let clock = web_time::Instant::now();
        let document = Document::parse(source);
        if let Some(t) = timings.as_deref_mut() {
            t.add_stage("document", clock.elapsed());
        }
        let facts = Facts::new(source, &document, &self.lexicon);
        let ctx = Context::new(
            file,
            source,
            &document,
            &facts,
            &self.lexicon,
            &self.packs,
            indicators,
            self.config
                .as_ref()
                .map(|c| c.tolerance)
                .unwrap_or_default(),
        );
        if let Some(t) = timings.as_deref_mut() {
            let mut stage = |name: &'static str, f: &dyn Fn()| {
                let clock = web_time::Instant::now();
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
            stage("pattern set", &|| {
                ctx.pattern_hits();
            });
        }
        // The rules run in parallel (each reads the shared facts, built
        // once by whichever rule asks first): on a plan the few costly
        // ones (word scans over every character pair) then overlap the
        // many cheap ones. The findings are sorted below, so the order
        // of the rules does not show.
        let mut selected: Vec<_> = rules::all(&self.packs)
            .into_iter()
            .filter(|r| self.runs(r.meta()))
            .collect();
        // The costly rules start first, each a task of its own, so that
        // the cheap ones fill the other threads meanwhile: started late on
        // one thread, W104 ran on alone after the others had finished
        // (about 5 ms of the seed's wall time).
        selected.sort_by_key(|r| !COSTLY.contains(&r.meta().code));
        let per_rule: Vec<(Vec<Diagnostic>, std::time::Duration)> = selected
            .par_iter()
            .with_max_len(1)
            .map(|rule| {
                let clock = web_time::Instant::now();
                let mut found = Vec::new();
                rule.check(
                    &ctx,
                    &mut Sink::new(rule.meta(), file, &mut found).with_preview(self.preview),
                );
                (found, clock.elapsed())
            })
            .collect();
        let mut out = Vec::new();
        for (rule, (found, took)) in selected.iter().zip(per_rule) {
            out.extend(found);
            if let Some(t) = timings.as_deref_mut() {
                *t.rules.entry(rule.meta().code).or_default() += took;
            }
        }
        if let Some(config) = &self.config {
            config.filter(&mut out, &|id| (id == file).then_some(source));
        }
        drop_repeated(&mut out);
        one_fix_per_span(&mut out);
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
        if !self.runs(rules::stale_figure_meta()) {
            return Vec::new();
        }
        let (old_doc, new_doc) = (Document::parse(old.1), Document::parse(new.1));
        let old_facts = Facts::new(old.1, &old_doc, &self.lexicon);
        let new_facts = Facts::new(new.1, &new_doc, &self.lexicon);
        let mut out = rules::stale_figures(
            &rules::Side {
                file: old.0,
                quantities: old_facts.quantities(),
            },
            &rules::Side {
                file: new.0,
                quantities: new_facts.quantities(),
            },
            indicators,
            &self.lexicon,
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

/// Two rules that name the same slip at the same place with the same
/// correction (补尝 → 补偿: the typo list and a confusable reading) make
/// one finding: the more severe, then the one of the earlier rule code.
fn drop_repeated(diagnostics: &mut Vec<Diagnostic>) {
    let mut order: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| diagnostics[i].fix.is_some())
        .collect();
    if order.len() < 2 {
        return;
    }
    order.sort_by(|&a, &b| {
        let (a, b) = (&diagnostics[a], &diagnostics[b]);
        (
            a.file,
            a.span.start,
            a.span.end,
            std::cmp::Reverse(a.severity),
            a.code,
        )
            .cmp(&(
                b.file,
                b.span.start,
                b.span.end,
                std::cmp::Reverse(b.severity),
                b.code,
            ))
    });
    let mut drop = vec![false; diagnostics.len()];
    for w in order.windows(2) {
        let (a, b) = (&diagnostics[w[0]], &diagnostics[w[1]]);
        let same_edits = a.fix.as_ref().map(|f| &f.edits) == b.fix.as_ref().map(|f| &f.edits);
        if a.file == b.file && a.span == b.span && a.code != b.code && same_edits {
            drop[w[1]] = true;
        }
    }
    let mut i = 0;
    diagnostics.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Where two findings would edit the same bytes (二００一年: year-zero and
/// fullwidth-digits), only one keeps its fix: the more severe, then the one
/// of the earlier rule code. The other finding stays, without a fix, so
/// `--fix` never applies two conflicting edits and the diff shows one.
fn one_fix_per_span(diagnostics: &mut [Diagnostic]) {
    let mut order: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| diagnostics[i].fix.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&diagnostics[a], &diagnostics[b]);
        (std::cmp::Reverse(a.severity), a.code, a.span.start).cmp(&(
            std::cmp::Reverse(b.severity),
            b.code,
            b.span.start,
        ))
    });
    // Claimed edit ranges by file, as (start, end).
    let mut claimed: std::collections::BTreeMap<(FileId, usize), usize> = Default::default();
    // Claimed ranges never overlap one another, so a range can only meet
    // the last claimed range starting at or before it, or one starting
    // inside it.
    let overlaps = |claimed: &std::collections::BTreeMap<(FileId, usize), usize>,
                    file: FileId,
                    (s, e): (usize, usize)| {
        let before = claimed
            .range((file, 0)..=(file, s))
            .next_back()
            .is_some_and(|(&(_, cs), &ce)| ce > s || cs == s);
        let inside = claimed
            .range((file, s)..(file, e.max(s + 1)))
            .next()
            .is_some();
        before || inside
    };
    for i in order {
        let d = &diagnostics[i];
        let file = d.file;
        let edits: Vec<(usize, usize)> = d
            .fix
            .iter()
            .flat_map(|f| f.edits.iter().map(|e| (e.span.start, e.span.end)))
            .collect();
        if edits.iter().any(|&r| overlaps(&claimed, file, r)) {
            diagnostics[i].fix = None;
            continue;
        }
        for (s, e) in edits {
            claimed.insert((file, s), e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Fix, Severity};
    use crate::source::Span;

    #[test]
    fn costly_rules_are_rules() {
        let packs = Packs::builtin().unwrap();
        let codes: Vec<&str> = rules::all(&packs).iter().map(|r| r.meta().code).collect();
        for code in COSTLY {
            assert!(codes.contains(&code), "{code}");
        }
    }

    fn finding(code: &'static str, severity: Severity, start: usize, end: usize) -> Diagnostic {
        Diagnostic {
            code,
            name: "x",
            severity,
            message: String::new(),
            file: 0,
            span: Span::new(start, end),
            labels: Vec::new(),
            help: None,
            fix: Some(Fix::replace(
                Span::new(start, end),
                "y",
                Applicability::Safe,
            )),
        }
    }

    #[test]
    fn two_fixes_never_edit_the_same_bytes() {
        let mut d = vec![
            finding("U104", Severity::Warning, 3, 9),
            finding("U105", Severity::Error, 0, 12),
            finding("P101", Severity::Warning, 12, 15),
            finding("W101", Severity::Warning, 20, 20),
            finding("T102", Severity::Warning, 20, 20),
        ];
        one_fix_per_span(&mut d);
        let fixed: Vec<&str> = d
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| d.code)
            .collect();
        // The error wins the overlap; touching ranges do not overlap; two
        // insertions at one place do, and the earlier code keeps its fix.
        assert_eq!(fixed, ["U105", "P101", "T102"]);
        assert_eq!(d.len(), 5, "findings are kept, only fixes dropped");
    }
}
