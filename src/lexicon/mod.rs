//! The language data every stage reads: units and measures, count nouns,
//! structure-label nouns, what stray-latin allows, name endings, national
//! milestone years, traditional and variant characters, and the
//! segmentation dictionary.
//!
//! Catalogs are loaded from `rules/*.toml` (embedded in the binary),
//! validated with spans and built once per run into the matchers the stages
//! use. A file that fails to load is a [`DataError`] pointing into the TOML,
//! never a panic.
//!
//! This is the bottom layer above [`crate::source`]: nothing here uses
//! `document`, `extract`, `indicators`, `rules` or `config`.

use serde::Deserialize;

use crate::source::Span;

mod bodies;
mod confusion;
mod counts;
mod formulas;
mod formulations;
mod gazetteer;
pub mod general;
mod labels;
mod latin;
pub mod lm;
mod names;
mod slip_score;
mod units;
mod variants;
pub mod words;

pub use bodies::{Bodies, Body, BodyHit};
pub use confusion::{
    alikes, reading, sound_alike, sound_alike_any_tone, Alike, Confusables, Confusion, Likeness,
    COMMON_CHAR_COUNT, MAX_SHAPE_GROUPS,
};
pub use counts::CountNouns;
pub use formulas::{catalog_date, Formula, Formulas};
pub use formulations::{FormulaIndex, HeadSlip, MemberRef, NearMiss, Scan, Swap, NEAR_MIN_CHARS};
pub use gazetteer::{pair_bit, Division, Gazetteer};
pub use labels::LabelGlossary;
pub use latin::LatinPolicy;
pub use names::NameData;
pub use slip_score::{SlipScore, Terms};
pub use units::{
    dimension_family, Direction, MeasureCatalog, MeasureDef, MeasureKind, Plausible, Scale,
    UnitCatalog, UnitDef, NO_DIMENSION, PERCENT,
};
pub use variants::{Phrase, VariantHit, Variants};

/// A rule-data file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file's name as shown to people (`rules/latin.toml`).
    pub file: String,
    /// The file's text, so the error can be shown with its span.
    pub text: String,
    pub span: Option<Span>,
    pub message: String,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for DataError {}

/// The catalogs of a run.
#[derive(Debug)]
pub struct Lexicon {
    pub labels: LabelGlossary,
    pub latin: LatinPolicy,
    pub units: UnitCatalog,
    pub measures: MeasureCatalog,
    pub counts: CountNouns,
    /// National goal years that targets may cite beyond a plan's period.
    pub milestones: Vec<u32>,
    /// Name endings and non-stems for name-drift.
    pub names: NameData,
    /// Fixed formulas with a numeral (四项基本原则, 三峡).
    pub formulas: Formulas,
    /// Traditional and variant characters, conversion leftovers.
    pub variants: Variants,
    /// Look-alike characters, for the typo rules: read on first use (only
    /// rules of the preview tier need them today).
    confusables: std::sync::OnceLock<Confusables>,
    /// China's administrative divisions, read on first use likewise.
    gazetteer: std::sync::OnceLock<Gazetteer>,
    formula_index: std::sync::OnceLock<FormulaIndex>,
    bodies: std::sync::OnceLock<Bodies>,
    slip_score: std::sync::OnceLock<SlipScore>,
}

/// Catalog files embedded in the binary, by their path in the repository.
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/bodies.toml", include_str!("../../rules/bodies.toml")),
    ("rules/counts.toml", include_str!("../../rules/counts.toml")),
    (
        "rules/formulas.toml",
        include_str!("../../rules/formulas.toml"),
    ),
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
    (
        "rules/variants/variants.txt",
        include_str!("../../rules/variants/variants.txt"),
    ),
    (
        "rules/confusion/score.toml",
        include_str!("../../rules/confusion/score.toml"),
    ),
    (
        "rules/confusion/shape.txt",
        include_str!("../../rules/confusion/shape.txt"),
    ),
    (
        "rules/names/divisions.txt",
        include_str!("../../rules/names/divisions.txt"),
    ),
];

fn builtin(path: &str) -> &'static str {
    BUILTIN
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
        .unwrap_or_default()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodsFile {
    milestones: Vec<u32>,
}

impl Lexicon {
    /// The built-in catalogs.
    pub fn builtin() -> Result<Lexicon, DataError> {
        // Units and measures (their names built into automata) are the
        // largest part: they load on a thread of their own while the
        // rest loads here, so start-up waits for the longer of the two.
        let units_measures = || {
            let units = UnitCatalog::load("rules/units.toml", builtin("rules/units.toml"))?;
            let measures = MeasureCatalog::load(
                "rules/measures.toml",
                builtin("rules/measures.toml"),
                &units,
            )?;
            Ok::<_, DataError>((units, measures))
        };
        let rest = || {
            Ok::<_, DataError>((
                LabelGlossary::load("rules/labels.toml", builtin("rules/labels.toml"))?,
                LatinPolicy::load("rules/latin.toml", builtin("rules/latin.toml"))?,
                CountNouns::load("rules/counts.toml", builtin("rules/counts.toml"))?,
                parse::<NameData>("rules/names.toml", builtin("rules/names.toml"))?,
                parse::<PeriodsFile>("rules/periods.toml", builtin("rules/periods.toml"))?
                    .milestones,
                Formulas::load("rules/formulas.toml", builtin("rules/formulas.toml"))?,
                Variants::load(
                    "rules/variants/variants.txt",
                    builtin("rules/variants/variants.txt"),
                )?,
            ))
        };
        #[cfg(not(target_arch = "wasm32"))]
        let (units_measures, rest) = std::thread::scope(|s| {
            let um = s.spawn(units_measures);
            let rest = rest();
            (
                um.join().expect("loading units and measures never panics"),
                rest,
            )
        });
        // WebAssembly in a browser has one thread: the same loads, one
        // after the other.
        #[cfg(target_arch = "wasm32")]
        let (units_measures, rest) = (units_measures(), rest());
        let (units, measures) = units_measures?;
        let (labels, latin, counts, names, milestones, formulas, variants) = rest?;
        Ok(Lexicon {
            labels,
            latin,
            units,
            measures,
            counts,
            names,
            milestones,
            formulas,
            variants,
            confusables: std::sync::OnceLock::new(),
            gazetteer: std::sync::OnceLock::new(),
            formula_index: std::sync::OnceLock::new(),
            bodies: std::sync::OnceLock::new(),
            slip_score: std::sync::OnceLock::new(),
        })
    }

    /// The look-alike groups (`rules/confusion/shape.txt`).
    pub fn confusables(&self) -> &Confusables {
        self.confusables.get_or_init(|| {
            Confusables::load(
                "rules/confusion/shape.txt",
                builtin("rules/confusion/shape.txt"),
            )
            .expect("the built-in shape groups load (tests/rules.rs checks them)")
        })
    }

    /// The detection index over the formulations (`rules/formulas.toml`),
    /// built on first use.
    pub fn formula_index(&self) -> &FormulaIndex {
        self.formula_index
            .get_or_init(|| FormulaIndex::build(&self.formulas))
    }

    /// Retired names of national bodies (`rules/bodies.toml`), read on
    /// first use.
    pub fn bodies(&self) -> &Bodies {
        self.bodies.get_or_init(|| {
            Bodies::load("rules/bodies.toml", builtin("rules/bodies.toml"))
                .expect("the built-in bodies load (their unit test checks them)")
        })
    }

    /// The typo model's weights and cuts (`rules/confusion/score.toml`),
    /// read on first use.
    pub fn slip_score(&self) -> &SlipScore {
        self.slip_score.get_or_init(|| {
            SlipScore::load(
                "rules/confusion/score.toml",
                builtin("rules/confusion/score.toml"),
            )
            .expect("the built-in score loads (its unit test checks it)")
        })
    }

    /// The administrative divisions (`rules/names/divisions.txt`).
    pub fn gazetteer(&self) -> &Gazetteer {
        self.gazetteer.get_or_init(|| {
            Gazetteer::load(
                "rules/names/divisions.txt",
                builtin("rules/names/divisions.txt"),
            )
            .expect("the built-in divisions load (tests/rules.rs checks them)")
        })
    }
}

/// Deserialises a data file, turning a TOML error into a [`DataError`]
/// with its span.
pub fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| DataError {
        file: file.to_owned(),
        text: text.to_owned(),
        span: e.span().map(Span::from),
        message: e.message().to_owned(),
    })
}

/// A [`DataError`] at `span` of a data file.
/// The lines of a plain-text data file that hold data, with their byte
/// ranges: blank lines and `#` comment lines are skipped, line ends cut.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        (!body.is_empty() && !body.starts_with('#')).then(|| (start..start + body.len(), body))
    })
}

pub fn error_at(
    file: &str,
    text: &str,
    span: std::ops::Range<usize>,
    message: String,
) -> DataError {
    DataError {
        file: file.to_owned(),
        text: text.to_owned(),
        span: Some(span.into()),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogs_load() {
        let lexicon = Lexicon::builtin().unwrap();
        assert!(lexicon.labels.is_single_char_noun('核'));
        assert_eq!(lexicon.labels.english("极"), ["pole", "growth pole"]);
        assert!(lexicon.latin.allows("LNG") && lexicon.latin.allows("km"));
        assert!(!lexicon.latin.allows("and"));
        assert_eq!(lexicon.latin.translation("And"), Some("和"));
        let f = &lexicon.formulas;
        let t = "在和平共处五项原则的基础上";
        let at = t.find('五').unwrap();
        assert_eq!(f.covering(t, at, at + 6).map(|f| f.count), Some(Some(5)));
        assert!(f.covering("黑河、疏勒河、石羊河三大流域", 27, 33).is_none());
        assert!(f.is_formula("三个代表") && !f.is_formula("三个"));
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
