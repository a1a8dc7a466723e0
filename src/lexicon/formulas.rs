//! Fixed formulations (提法, `rules/formulas.toml`): those with a numeral
//! (四项基本原则, 三个代表, 六稳六保, and place names such as 三峡), whose
//! numerals are part of a name, so count and label readings leave them
//! alone; and those without one (创新驱动发展战略), which like the others
//! must be written exactly. The formulation rule (W106) detects slips
//! against them through [`super::formulations::FormulaIndex`].

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use super::{error_at, parse, DataError};

/// One formula of the catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Formula {
    pub text: String,
    /// How many members the formula counts, if it counts any.
    pub count: Option<u32>,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub parts: Vec<String>,
    #[serde(default)]
    pub part_counts: Vec<u32>,
    #[serde(default)]
    pub members: Vec<String>,
    /// `characters` when the numeral counts characters (八字方针).
    pub unit: Option<String>,
    /// `ordinal` when the numerals number points (一平二调).
    pub numbering: Option<String>,
    /// Whether the members are always written in the order listed
    /// (创新、协调、绿色、开放、共享), and so are the parts of the text
    /// (放管服: 放, 管, 服).
    #[serde(default)]
    pub ordered: bool,
    /// Other accepted wordings of a member, by the member: 四个全面's first
    /// member before and after 2020.
    #[serde(default)]
    pub member_forms: std::collections::BTreeMap<String, Vec<String>>,
    /// The words that follow the formula as its head (五位一体 → 总体布局).
    #[serde(default)]
    pub heads: Vec<String>,
    /// When the formulation was first used (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`).
    pub since: Option<String>,
    /// When a newer wording replaced it, and that wording.
    pub superseded: Option<String>,
    pub successor: Option<String>,
    pub kind: String,
    pub source: String,
    pub note: Option<String>,
}

impl Formula {
    /// The units an ordered formula's order is about: its parts where they
    /// spell the text (三去, 一降, 一补), its characters for a text of three
    /// (放, 管, 服); none otherwise.
    pub fn order_units(&self) -> Option<Vec<String>> {
        if !self.parts.is_empty() && self.parts.concat() == self.text {
            Some(self.parts.clone())
        } else if self.text.chars().count() <= 3 {
            Some(self.text.chars().map(String::from).collect())
        } else {
            None
        }
    }
}

/// A date of the catalog (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as
/// (year, month, day), a missing month or day read as 1.
pub fn catalog_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.split('-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next().map_or(Some(1), |m| m.parse().ok())?;
    let d: u32 = it.next().map_or(Some(1), |d| d.parse().ok())?;
    let ok = (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    (ok && it.next().is_none()).then_some((y, m, d))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormulasFile {
    formula: Vec<Spanned<Formula>>,
}

const KINDS: &[&str] = &[
    "formulation",
    "principle",
    "slogan",
    "policy",
    "campaign",
    "place",
    "organisation",
    "other",
];

/// The formulas, with one matcher over every written form.
#[derive(Debug, Clone)]
pub struct Formulas {
    pub formulas: Vec<Formula>,
    /// Every text, variant and part; pattern `i` belongs to `owner[i]`.
    matcher: AhoCorasick,
    owner: Vec<usize>,
    /// The longest form, in bytes.
    longest: usize,
}

impl Formulas {
    pub fn load(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: FormulasFile = parse(file, text)?;
        let mut forms: Vec<(String, usize)> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        let mut formulas = Vec::new();
        for (i, f) in raw.formula.iter().enumerate() {
            let span = f.span();
            let f = f.get_ref();
            let bad = |m: String| error_at(file, text, span.clone(), m);
            let numeral = f.text.chars().any(|c| {
                crate::cjk::digit_value(c).is_some()
                    || matches!(c, '十' | '百' | '千' | '万' | '双')
            });
            // A formula without a numeral is a fixed formulation (kind
            // `formulation`); the other kinds name what a numeral counts.
            if !numeral && f.kind != "formulation" {
                return Err(bad(format!(
                    "`{}` has no numeral: its kind is `formulation`",
                    f.text
                )));
            }
            for (what, date) in [("since", &f.since), ("superseded", &f.superseded)] {
                if let Some(d) = date.as_deref().filter(|d| catalog_date(d).is_none()) {
                    return Err(bad(format!(
                        "`{}`: {what} `{d}` is no date (YYYY, YYYY-MM or YYYY-MM-DD)",
                        f.text
                    )));
                }
            }
            if f.superseded.is_some() != f.successor.is_some() {
                return Err(bad(format!(
                    "`{}`: superseded and successor go together",
                    f.text
                )));
            }
            if let Some(m) = f.member_forms.keys().find(|m| !f.members.contains(m)) {
                return Err(bad(format!(
                    "`{}`: member-forms names `{m}`, no member",
                    f.text
                )));
            }
            if f.ordered && f.members.len() < 2 && f.parts.len() < 2 && f.text.chars().count() > 3 {
                return Err(bad(format!(
                    "`{}`: ordered needs members or parts to order",
                    f.text
                )));
            }
            if f.source.trim().is_empty() {
                return Err(bad(format!("`{}` needs a source", f.text)));
            }
            if !KINDS.contains(&f.kind.as_str()) {
                return Err(bad(format!(
                    "`{}`: kind is one of {}",
                    f.text,
                    KINDS.join(", ")
                )));
            }
            if f.parts.len() != f.part_counts.len() {
                return Err(bad(format!(
                    "`{}`: parts and part-counts differ in length",
                    f.text
                )));
            }
            if let Some(p) = f.parts.iter().find(|p| !f.text.contains(p.as_str())) {
                return Err(bad(format!("`{}`: part `{p}` is not in the text", f.text)));
            }
            let plain = f.unit.is_none() && f.numbering.is_none();
            if let (Some(n), false, true) = (f.count, f.members.is_empty(), plain) {
                if f.members.len() != n as usize {
                    return Err(bad(format!(
                        "`{}` counts {n} but lists {} members",
                        f.text,
                        f.members.len()
                    )));
                }
            }
            for form in std::iter::once(&f.text).chain(&f.variants) {
                if let Some(other) = seen.insert(form.clone(), i) {
                    if other != i {
                        return Err(bad(format!("`{form}` is listed twice")));
                    }
                }
            }
            // A part of one character (三八作风: 三, 八) would cover every
            // such numeral in any text: parts count only from two.
            for form in std::iter::once(&f.text)
                .chain(&f.variants)
                .chain(f.parts.iter().filter(|p| p.chars().count() >= 2))
            {
                forms.push((form.clone(), i));
            }
            formulas.push(f.clone());
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(forms.iter().map(|f| &f.0))
            .map_err(|e| error_at(file, text, 0..0, e.to_string()))?;
        Ok(Formulas {
            formulas,
            longest: forms.iter().map(|f| f.0.len()).max().unwrap_or(0),
            owner: forms.into_iter().map(|f| f.1).collect(),
            matcher,
        })
    }

    /// The formula whose written form in `text` covers the byte range
    /// `start..end`, if any.
    pub fn covering(&self, text: &str, start: usize, end: usize) -> Option<&Formula> {
        let lo = crate::cjk::floor_boundary(text, start.saturating_sub(self.longest));
        let hi = crate::cjk::ceil_boundary(text, end + self.longest);
        self.matcher
            .find_overlapping_iter(&text[lo..hi])
            .find(|m| lo + m.start() <= start && end <= lo + m.end())
            .map(|m| &self.formulas[self.owner[m.pattern().as_usize()]])
    }

    /// Whether `text` is a formula, a variant or a part of one.
    pub fn is_formula(&self, text: &str) -> bool {
        self.matcher
            .find_overlapping_iter(text)
            .any(|m| m.start() == 0 && m.end() == text.len())
    }
}
