//! The rule registry: each rule is one file in this folder, declared here.
//!
//! A rule reads facts from [`Context`] and pushes [`Violation`]s into a
//! [`Sink`]; it does no I/O and holds no state. Its documentation (what
//! `planlint explain` prints) is a constant in its own file.

mod cited_title;
mod config_file;
mod confusable_typo;
mod contents_mismatch;
mod count_mismatch;
mod derived_ratio;
mod dup_char;
mod figure_conflict;
mod formulation;
mod heading_sequence;
mod indicator_file;
mod indicator_mismatch;
mod indicator_unused;
mod legacy_encoding;
mod member_count;
mod name_drift;
mod ocr_symbol;
pub mod pack;
mod part_reference;
mod percent_points;
mod place_name;
mod respectively_count;
mod retired_name;
mod share_arithmetic;
mod share_sum;
mod stale_figure;
mod stray_latin;
mod stray_markup;
mod structure_label;
mod target_consistency;
mod target_feasibility;
mod target_mismatch;
mod traditional_chars;
mod unit_implausible;
mod unused_ignore;
mod year_range;

use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, FileId, Fix, Label, Severity};
use crate::document::Document;
use crate::extract::{text_units, Facts};
use crate::indicators::Indicators;
use crate::lexicon::Lexicon;
use crate::source::{SourceFile, Span};
use pack::set::Hits;
use pack::Packs;

pub use indicator_file::load as load_indicators;
pub use stale_figure::{stale_figures, Side};

/// What a rule is about; used to select rules in groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Reading the input itself.
    Input,
    /// Statements that must agree with each other (labels, figures, counts).
    Consistency,
    /// Numbering of headings, boxes and figures.
    Outline,
    /// Characters and words that do not belong.
    Typography,
    /// Figures and the arithmetic that ties them together.
    Quantities,
    /// The text held to the indicator file.
    Indicators,
    /// Words and names (the typo and name packs, name drift).
    Words,
    /// Two revisions of a plan compared (`planlint diff`).
    Revision,
    /// Punctuation (GB/T 15834).
    Punctuation,
    /// Number usage (GB/T 15835).
    Numbers,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Input => "input",
            Category::Consistency => "consistency",
            Category::Outline => "outline",
            Category::Typography => "typography",
            Category::Quantities => "quantities",
            Category::Indicators => "indicators",
            Category::Words => "words",
            Category::Revision => "revision",
            Category::Punctuation => "punctuation",
            Category::Numbers => "numbers",
        }
    }
}

/// Whether a rule's findings come with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "no",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// Whether a rule runs by default. A default rule is at least 95 % precise
/// on the corpus check's real texts (`tests/corpus/`); a rule, or a reading
/// inside a rule, that cannot be made that precise is `Preview`: off unless
/// `--preview` or `preview = true` in `planlint.toml` (ruff's preview,
/// clippy's pedantic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Default,
    Preview,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Default => "default",
            Tier::Preview => "preview",
        }
    }
}

/// Everything about a rule except its logic.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code: a category letter and three digits. Never reused.
    pub code: &'static str,
    /// Kebab-case name of the problem it finds.
    pub name: &'static str,
    pub category: Category,
    /// One line, for `planlint rules`.
    pub summary: &'static str,
    /// Markdown with the sections What it checks / Why it matters / Example /
    /// Fix safety / Options; the Example has fenced `bad` and `good` blocks
    /// that a test lints.
    pub doc: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    pub tier: Tier,
}

/// What a rule sees of one source file.
pub struct Context<'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub document: &'a Document,
    pub facts: &'a Facts<'a>,
    pub lexicon: &'a Lexicon,
    pub packs: &'a Packs,
    /// The indicator file this plan is held to, if any.
    pub indicators: Option<&'a Indicators>,
    /// Slack for the arithmetic checks (`[lint.tolerance]`; zero by default).
    pub tolerance: Tolerance,
    /// Which patterns of the packs' pattern set match in each text unit,
    /// computed on first use.
    pattern_hits: OnceLock<Hits>,
}

/// Slack added to the arithmetic checks (`[lint.tolerance]` of the
/// configuration), for plans whose figures were
/// rounded from unpublished data. Zero by default: intervals of the printed
/// precision already absorb honest rounding.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tolerance {
    /// Percentage points a share may be off (N101, N102).
    pub share: f64,
    /// A fraction of the whole that a sum or ratio may be off (N102, N107).
    pub relative: f64,
}

impl<'a> Context<'a> {
    /// What the rules see of one source file.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        file: FileId,
        source: &'a SourceFile,
        document: &'a Document,
        facts: &'a Facts<'a>,
        lexicon: &'a Lexicon,
        packs: &'a Packs,
        indicators: Option<&'a Indicators>,
        tolerance: Tolerance,
    ) -> Self {
        Context {
            file,
            source,
            document,
            facts,
            lexicon,
            packs,
            indicators,
            tolerance,
            pattern_hits: OnceLock::new(),
        }
    }

    pub fn text(&self, span: Span) -> &str {
        self.source.slice(span)
    }

    /// For each text unit (in [`text_units`] order), which patterns of the
    /// packs' [`PatternSet`](pack::set::PatternSet) match in it.
    pub fn pattern_hits(&self) -> &Hits {
        self.pattern_hits.get_or_init(|| {
            let set = self.packs.pattern_set(self.lexicon);
            let mut hits = set.hits();
            for unit in text_units(self.document, &self.source.text) {
                hits.push(set, unit.text.text());
            }
            hits
        })
    }
}

/// One finding, before the engine stamps it with rule, file and severity.
#[derive(Debug, Clone)]
pub struct Violation {
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// A milder severity than the rule's default, for a milder kind of finding
    /// (a different numeral form rather than a different count).
    pub severity: Option<Severity>,
    /// The file the primary span is in, when it is not the plan being linted
    /// (a figure of the indicator file that the text never states).
    pub file: Option<FileId>,
    /// A reading of the preview tier: reported only with `--preview`.
    pub preview: bool,
}

impl Violation {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Violation {
            span,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            fix: None,
            severity: None,
            file: None,
            preview: false,
        }
    }

    /// This finding comes from a reading of the preview tier: it is
    /// reported only when preview is enabled.
    pub fn preview(mut self) -> Self {
        self.preview = true;
        self
    }

    /// The primary span is in another file than the plan being linted.
    pub fn in_file(mut self, file: FileId) -> Self {
        self.file = Some(file);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// A label where there is a span to put it on.
    pub fn label_opt(self, file: FileId, span: Option<Span>, message: impl Into<String>) -> Self {
        match span {
            Some(span) => self.label(file, span, message),
            None => self,
        }
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
}

/// Collects one rule's violations as diagnostics.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    file: FileId,
    out: &'a mut Vec<Diagnostic>,
    /// Whether findings of preview readings are kept.
    preview: bool,
}

impl<'a> Sink<'a> {
    pub fn new(meta: &'static RuleMeta, file: FileId, out: &'a mut Vec<Diagnostic>) -> Self {
        Sink {
            meta,
            file,
            out,
            preview: false,
        }
    }

    /// Keeps the findings of preview readings too.
    pub fn with_preview(mut self, preview: bool) -> Self {
        self.preview = preview;
        self
    }

    /// Whether preview readings are wanted: a rule may skip work that only
    /// they need.
    pub fn preview(&self) -> bool {
        self.preview
    }

    /// Whether findings of preview readings are kept: a rule may skip
    /// the work of readings that would be dropped.
    pub fn keeps_preview(&self) -> bool {
        self.preview
    }

    /// The spans this rule has reported in this file so far.
    pub fn reported(&self) -> impl Iterator<Item = Span> + '_ {
        self.out
            .iter()
            .filter(|d| d.code == self.meta.code && d.file == self.file)
            .map(|d| d.span)
    }

    pub fn push(&mut self, v: Violation) {
        if v.preview && !self.preview {
            return;
        }
        self.out.push(Diagnostic {
            code: self.meta.code,
            name: self.meta.name,
            severity: v.severity.unwrap_or(self.meta.severity),
            message: v.message,
            file: v.file.unwrap_or(self.file),
            span: v.span,
            labels: v.labels,
            help: v.help,
            fix: v.fix,
        });
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>);
}

/// Every rule, in code order. Adding a rule: a file here, a line in this list,
/// a fixture folder `tests/fixtures/<CODE>/`.
pub static REGISTRY: &[&dyn Rule] = &[
    &legacy_encoding::LegacyEncoding,
    &indicator_file::IndicatorFile,
    &config_file::ConfigFile,
    &unused_ignore::UnusedIgnore,
    &structure_label::StructureLabel,
    &heading_sequence::HeadingSequence,
    &contents_mismatch::ContentsMismatch,
    &cited_title::CitedTitle,
    &part_reference::PartReference,
    &stray_latin::StrayLatin,
    &stray_markup::StrayMarkup,
    &traditional_chars::TraditionalChars,
    &confusable_typo::ConfusableTypo,
    &place_name::PlaceName,
    &formulation::Formulation,
    &retired_name::RetiredName,
    &name_drift::NameDrift,
    &dup_char::DupChar,
    &ocr_symbol::OcrSymbol,
    &share_arithmetic::ShareArithmetic,
    &share_sum::ShareSum,
    &respectively_count::RespectivelyCount,
    &count_mismatch::CountMismatch,
    &figure_conflict::FigureConflict,
    &unit_implausible::UnitImplausible,
    &derived_ratio::DerivedRatio,
    &year_range::YearRange,
    &percent_points::PercentPoints,
    &target_consistency::TargetConsistency,
    &indicator_mismatch::IndicatorMismatch,
    &member_count::MemberCount,
    &target_mismatch::TargetMismatch,
    &target_feasibility::TargetFeasibility,
    &indicator_unused::IndicatorUnused,
    &stale_figure::StaleFigure,
];

/// The rule under which problems of `planlint.toml` are reported (F003).
pub fn config_file_meta() -> &'static RuleMeta {
    config_file::ConfigFile.meta()
}

/// The rule under which `planlint diff` reports a figure left at its old value (D101).
pub fn stale_figure_meta() -> &'static RuleMeta {
    stale_figure::StaleFigure.meta()
}

/// The rule under which an `[[ignore]]` that matched nothing is reported (F004).
pub fn unused_ignore_meta() -> &'static RuleMeta {
    unused_ignore::UnusedIgnore.meta()
}

/// Every rule of a run: the built-in rules, then the rules of the packs.
pub fn all(packs: &Packs) -> Vec<&dyn Rule> {
    REGISTRY
        .iter()
        .copied()
        .chain(packs.rules.iter().map(|r| r as &dyn Rule))
        .collect()
}

/// Finds a rule by code (`C101`) or name (`structure-label`), ignoring case.
pub fn find<'a>(packs: &'a Packs, key: &str) -> Option<&'a dyn Rule> {
    all(packs).into_iter().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(key) || m.name.eq_ignore_ascii_case(key)
    })
}

/// Whether text ending here is inside 《…》: a cited title, written as its
/// issuer wrote it.
pub(crate) fn within_title_marks(before: &str) -> bool {
    before
        .rfind('《')
        .is_some_and(|open| !before[open..].contains('》'))
}

/// Quotes text the way messages do: “…”, with page breaks removed so a label
/// split across pages reads as one word.
pub(crate) fn quote(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 6);
    s.push('“');
    if text.contains(['\n', '\r']) {
        s.extend(
            text.split(['\n', '\r'])
                .map(|line| line.trim_matches(crate::cjk::is_space)),
        );
    } else {
        s.push_str(text);
    }
    s.push('”');
    s
}
