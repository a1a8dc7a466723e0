//! The indicator file: a plan's figures, partitions, targets, structures and
//! terms in TOML, loaded with spans and validated against the unit and
//! measure catalogs. Every problem is a diagnostic into the TOML (F002).
//! `docs/indicators.md` documents the format.

pub mod schema;

use std::collections::HashMap;

use toml::Spanned;

use crate::diagnostic::FileId;
use crate::extract::decimal::{Decimal, Interval};
use crate::extract::number::{Bound, NumUnit, Scanner};
use crate::extract::quantity::dimension_of;
use crate::i18n::t;
use crate::lexicon::Lexicon;
use crate::source::{SourceFile, Span};
use crate::toml_spans::{string_contents, syntax_error};

use schema::*;

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub parent: Option<usize>,
    pub members: Vec<String>,
    pub members_span: Span,
    /// The plan title that covers it, if given.
    pub plan: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub region: usize,
    pub measure: usize,
    pub value: Decimal,
    pub magnitude: i32,
    pub unit: NumUnit,
    /// As written: 2501.98万人.
    pub text: String,
    pub year: Option<u32>,
    /// The `value` string in the TOML.
    pub span: Span,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Partition {
    pub whole: usize,
    pub parts: Vec<usize>,
    pub measures: Vec<usize>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum TargetValue {
    Level {
        value: Decimal,
        unit: NumUnit,
        text: String,
    },
    /// Annual growth, percent.
    Growth(Decimal),
    /// Share of the parent region, percent.
    Share(Decimal),
}

#[derive(Debug, Clone)]
pub struct Target {
    pub region: usize,
    pub measure: usize,
    pub year: u32,
    pub value: TargetValue,
    pub bound: Bound,
    pub binding: Option<String>,
    /// The value (`value`, `growth` or `share`) in the TOML.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Structure {
    pub region: usize,
    pub label: String,
    pub label_span: Span,
    pub figure: Option<String>,
    pub figure_labels: Vec<(String, Span)>,
    pub english: Option<(String, Span)>,
    pub parts: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub canonical: String,
    pub span: Span,
    pub wrong: Vec<(String, Span)>,
    pub note: Option<String>,
}

/// A loaded indicator file. Its spans point into `file`.
#[derive(Debug, Clone)]
pub struct Indicators {
    pub file: FileId,
    pub regions: Vec<Region>,
    pub figures: Vec<Figure>,
    pub partitions: Vec<Partition>,
    pub targets: Vec<Target>,
    pub structures: Vec<Structure>,
    pub terms: Vec<Term>,
}

impl Indicators {
    /// The region a name in the text stands for: its name, an alias, or
    /// 全省 for the root region.
    pub fn region_named(&self, name: &str) -> Option<usize> {
        self.regions
            .iter()
            .position(|r| r.name == name || r.id == name || r.aliases.iter().any(|a| a == name))
    }

    /// The figure of a region's measure for a year (or the only one, if the
    /// file gives it without a year).
    pub fn figure(&self, region: usize, measure: usize, year: Option<u32>) -> Option<&Figure> {
        let mut found = self
            .figures
            .iter()
            .filter(|f| f.region == region && f.measure == measure);
        let all: Vec<&Figure> = found.by_ref().collect();
        all.iter()
            .find(|f| f.year == year && year.is_some())
            .or_else(|| all.iter().find(|f| f.year.is_none()))
            .or_else(|| {
                if year.is_none() && all.len() == 1 {
                    all.first()
                } else {
                    None
                }
            })
            .copied()
    }
}

impl Figure {
    pub fn base_interval(&self, lexicon: &Lexicon) -> Option<Interval> {
        let (_, factor) = dimension_of(self.unit, Some(self.measure), lexicon)?;
        Some(self.value.interval().scale(factor))
    }
}

/// The closest of `candidates` to `word`, if close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let w: Vec<char> = word.chars().collect();
    let distance = |c: &str| {
        let c: Vec<char> = c.chars().collect();
        let mut row: Vec<usize> = (0..=c.len()).collect();
        for (i, a) in w.iter().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, b) in c.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(a != b))
                    .min(row[j] + 1)
                    .min(row[j + 1] + 1);
                prev = cur;
            }
        }
        row[c.len()]
    };
    let limit = (w.len() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c)
}

struct Loader<'a> {
    lexicon: &'a Lexicon,
    text: &'a str,
    out: Vec<Problem>,
}

impl Loader<'_> {
    fn error(&mut self, span: impl Into<Span>, message: String, help: Option<String>) {
        self.out.push(Problem {
            span: span.into(),
            message,
            help,
        });
    }

    fn region(&mut self, ids: &HashMap<String, usize>, r: &Spanned<String>) -> Option<usize> {
        let found = ids.get(r.get_ref()).copied();
        if found.is_none() {
            let hint = did_you_mean(r.get_ref(), ids.keys().map(String::as_str))
                .map(|c| t("config.did-you-mean", &[("name", &c)]));
            self.error(
                r.span(),
                t("indicators.no-region", &[("id", r.get_ref())]),
                hint.or(Some(t("indicators.define-region", &[]))),
            );
        }
        found
    }

    fn measure(&mut self, m: &Spanned<String>) -> Option<usize> {
        let measures = &self.lexicon.measures;
        let found = measures.by_name(m.get_ref()).or_else(|| {
            measures
                .find_all(m.get_ref(), |_| true)
                .find(|&(s, e, _)| s == 0 && e == m.get_ref().len())
                .map(|x| x.2)
        });
        if found.is_none() {
            let names: Vec<&str> = measures.measures.iter().map(|d| d.name.as_str()).collect();
            let hint = did_you_mean(m.get_ref(), names.iter().copied())
                .map(|c| t("config.did-you-mean", &[("name", &c)]))
                .unwrap_or_else(|| {
                    t(
                        "indicators.known-measures",
                        &[("names", &crate::i18n::list(&names))],
                    )
                });
            self.error(
                m.span(),
                t("indicators.unknown-measure", &[("name", m.get_ref())]),
                Some(hint),
            );
        }
        found
    }

    /// A value and unit as written (`2501.98` + `万人`), read by the same
    /// scanner as plan text.
    fn quantity(
        &mut self,
        value: &Spanned<String>,
        unit: &Spanned<String>,
        measure: Option<usize>,
    ) -> Option<(Decimal, i32, NumUnit, String)> {
        if Decimal::parse(value.get_ref()).is_none() {
            self.error(
                value.span(),
                t("indicators.not-a-number", &[("value", value.get_ref())]),
                Some(t("indicators.number-help", &[])),
            );
            return None;
        }
        let written = format!("{}{}", value.get_ref(), unit.get_ref());
        let toks = Scanner::new(&self.lexicon.units).scan(&written);
        let tok = toks.first().filter(|t| {
            toks.len() == 1 && t.start == 0 && t.end == written.len() && t.upper.is_none()
        });
        let Some(tok) = tok else {
            let names = self.lexicon.units.units.iter().map(|u| u.name.as_str());
            let hint = did_you_mean(unit.get_ref().trim_start_matches(['万', '亿']), names)
                .map(|c| t("config.did-you-mean", &[("name", &c)]));
            self.error(
                unit.span(),
                t("indicators.unknown-unit", &[("unit", unit.get_ref())]),
                hint.or(Some(t("indicators.units-help", &[]))),
            );
            return None;
        };
        if let Some(m) = measure {
            let want = &self.lexicon.measures.measures[m];
            let got = dimension_of(tok.unit, Some(m), self.lexicon).map(|d| d.0);
            if got.as_deref() != Some(want.dimension.as_str()) {
                self.error(
                    unit.span(),
                    t(
                        "indicators.wrong-dimension",
                        &[("unit", unit.get_ref()), ("measure", &want.name)],
                    ),
                    want.plausible.as_ref().map(|p| {
                        t(
                            "indicators.measured-in",
                            &[("measure", &want.name), ("unit", &p.unit)],
                        )
                    }),
                );
                return None;
            }
        }
        Some((tok.value, tok.magnitude, tok.unit, written))
    }

    fn percent(&mut self, v: &Spanned<String>) -> Option<Decimal> {
        let d = Decimal::parse(v.get_ref().trim_end_matches(['%', '％']));
        if d.is_none() {
            self.error(
                v.span(),
                t("indicators.not-a-percent", &[("value", v.get_ref())]),
                Some(t("indicators.percent-help", &[])),
            );
        }
        d
    }
}

/// A problem of an indicator file, with its span in the TOML. The rules
/// layer reports it as F002 indicator-file
/// ([`crate::rules::load_indicators`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// Loads an indicator file that the caller has placed in the run as `file`.
/// Returns `None` when the file has any problem: a half-read file would make
/// other rules report wrongly.
pub fn load(
    src: &SourceFile,
    file: FileId,
    lexicon: &Lexicon,
) -> (Option<Indicators>, Vec<Problem>) {
    let mut l = Loader {
        lexicon,
        text: &src.text,
        out: Vec::new(),
    };
    let raw: RawFile = match toml::from_str(l.text) {
        Ok(r) => r,
        Err(e) => {
            l.error(
                syntax_error(&src.text, &e),
                t(
                    "indicators.unreadable",
                    &[("error", &crate::i18n::serde_message(e.message().trim()))],
                ),
                Some(t("indicators.format-help", &[])),
            );
            return (None, l.out);
        }
    };

    let mut ids: HashMap<String, usize> = HashMap::new();
    for (i, r) in raw.region.iter().enumerate() {
        if ids.insert(r.id.get_ref().clone(), i).is_some() {
            l.error(
                r.id.span(),
                t("indicators.duplicate-region", &[("id", r.id.get_ref())]),
                None,
            );
        }
    }
    let mut regions = Vec::new();
    for r in &raw.region {
        let parent = r.parent.as_ref().and_then(|p| l.region(&ids, p));
        regions.push(Region {
            id: r.id.get_ref().clone(),
            name: r.name.get_ref().clone(),
            aliases: r.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            parent,
            members: r.members.as_ref().map_or_else(Vec::new, |m| {
                m.get_ref().iter().map(|x| x.get_ref().clone()).collect()
            }),
            members_span: r
                .members
                .as_ref()
                .map_or(Span::from(r.id.span()), |m| m.span().into()),
            plan: r.plan.as_ref().map(|p| p.get_ref().clone()),
            span: r.id.span().into(),
        });
    }

    let mut figures = Vec::new();
    for f in &raw.figure {
        let region = l.region(&ids, &f.region);
        let measure = l.measure(&f.measure);
        let q = l.quantity(&f.value, &f.unit, measure);
        if let (Some(region), Some(measure), Some((value, magnitude, unit, text))) =
            (region, measure, q)
        {
            figures.push(Figure {
                region,
                measure,
                value,
                magnitude,
                unit,
                text,
                year: f.year.as_ref().map(|y| *y.get_ref()),
                span: string_contents(l.text, f.value.span()),
                source: f.source.clone(),
            });
        }
    }

    let mut partitions = Vec::new();
    for p in &raw.partition {
        let whole = l.region(&ids, &p.whole);
        let parts: Vec<Option<usize>> = p
            .parts
            .get_ref()
            .iter()
            .map(|x| l.region(&ids, x))
            .collect();
        let measures: Vec<Option<usize>> = p.measures.iter().map(|m| l.measure(m)).collect();
        let Some(whole) = whole else { continue };
        for (x, part) in p.parts.get_ref().iter().zip(&parts) {
            if let Some(i) = part {
                if regions[*i].parent != Some(whole) {
                    l.error(
                        x.span(),
                        t(
                            "indicators.not-a-part",
                            &[("part", x.get_ref()), ("whole", p.whole.get_ref())],
                        ),
                        Some(t(
                            "indicators.not-a-part-help",
                            &[("part", x.get_ref()), ("whole", p.whole.get_ref())],
                        )),
                    );
                }
            }
        }
        if parts.iter().all(Option::is_some) && measures.iter().all(Option::is_some) {
            partitions.push(Partition {
                whole,
                parts: parts.into_iter().flatten().collect(),
                measures: measures.into_iter().flatten().collect(),
                span: p.parts.span().into(),
            });
        }
    }

    let mut targets = Vec::new();
    for target in &raw.target {
        let region = l.region(&ids, &target.region);
        let measure = l.measure(&target.measure);
        let given = [
            target.value.is_some(),
            target.growth.is_some(),
            target.share.is_some(),
        ]
        .iter()
        .filter(|&&b| b)
        .count();
        if given != 1 {
            l.error(
                target.measure.span(),
                t("indicators.target-kind", &[]),
                Some(t("indicators.target-kind-help", &[])),
            );
            continue;
        }
        let value = if let Some(v) = &target.value {
            let Some(unit) = &target.unit else {
                l.error(v.span(), t("indicators.value-needs-unit", &[]), None);
                continue;
            };
            l.quantity(v, unit, measure).map(|(value, _, unit, text)| {
                (
                    TargetValue::Level { value, unit, text },
                    string_contents(l.text, v.span()),
                )
            })
        } else if let Some(g) = &target.growth {
            l.percent(g)
                .map(|d| (TargetValue::Growth(d), string_contents(l.text, g.span())))
        } else if let Some(s) = &target.share {
            l.percent(s)
                .map(|d| (TargetValue::Share(d), string_contents(l.text, s.span())))
        } else {
            None
        };
        let bound = match target.bound.as_ref().map(|b| b.get_ref().as_str()) {
            None | Some("=") => Some(Bound::Exact),
            Some(">=") | Some("≥") => Some(Bound::AtLeast),
            Some("<=") | Some("≤") => Some(Bound::AtMost),
            Some("~") | Some("≈") => Some(Bound::About),
            Some(other) => {
                let span = target
                    .bound
                    .as_ref()
                    .map_or(Span::new(0, 0), |b| b.span().into());
                l.error(
                    span,
                    t("indicators.unknown-bound", &[("bound", &other)]),
                    Some(t("indicators.bound-help", &[])),
                );
                None
            }
        };
        if let Some(b) = &target.binding {
            if !matches!(b.get_ref().as_str(), "约束性" | "预期性") {
                l.error(
                    b.span(),
                    t("indicators.binding", &[("value", b.get_ref())]),
                    None,
                );
            }
        }
        if let (Some(region), Some(measure), Some((value, span)), Some(bound)) =
            (region, measure, value, bound)
        {
            targets.push(Target {
                region,
                measure,
                year: *target.year.get_ref(),
                value,
                bound,
                binding: target.binding.as_ref().map(|b| b.get_ref().clone()),
                span,
            });
        }
    }

    let mut structures = Vec::new();
    for s in &raw.structure {
        let region = l.region(&ids, &s.region);
        if crate::extract::structure::parse(s.label.get_ref(), &lexicon.labels).is_none() {
            l.error(
                s.label.span(),
                t(
                    "indicators.not-a-structure",
                    &[("label", s.label.get_ref())],
                ),
                None,
            );
            continue;
        }
        if let Some(region) = region {
            structures.push(Structure {
                region,
                label: s.label.get_ref().clone(),
                label_span: string_contents(l.text, s.label.span()),
                figure: s.figure.clone(),
                figure_labels: s
                    .figure_labels
                    .iter()
                    .map(|f| (f.get_ref().clone(), string_contents(l.text, f.span())))
                    .collect(),
                english: s
                    .english
                    .as_ref()
                    .map(|e| (e.get_ref().clone(), string_contents(l.text, e.span()))),
                parts: s
                    .parts
                    .iter()
                    .map(|p| (p.name.get_ref().clone(), p.members.clone()))
                    .collect(),
            });
        }
    }

    let terms = raw
        .term
        .iter()
        .map(|t| Term {
            canonical: t.canonical.get_ref().clone(),
            span: string_contents(&src.text, t.canonical.span()),
            wrong: t
                .wrong
                .iter()
                .map(|w| (w.get_ref().clone(), string_contents(&src.text, w.span())))
                .collect(),
            note: t.note.clone(),
        })
        .collect();

    if !l.out.is_empty() {
        return (None, l.out);
    }
    (
        Some(Indicators {
            file,
            regions,
            figures,
            partitions,
            targets,
            structures,
            terms,
        }),
        l.out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_near_names() {
        assert_eq!(did_you_mean("人囗", ["人口", "总面积"]), Some("人口"));
        assert_eq!(
            did_you_mean("lanzhou-circel", ["lanzhou-circle", "hexi"]),
            Some("lanzhou-circle")
        );
        assert_eq!(did_you_mean("完全不同", ["人口"]), None);
    }
}
