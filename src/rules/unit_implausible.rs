//! N106 unit-implausible: a unit that cannot measure the figure, or a value
//! outside what the measure can plausibly be.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::decimal::format_fixed;
use crate::extract::Kind;
use crate::lexicon::{dimension_family, Plausible};

pub struct UnitImplausible;

static META: RuleMeta = RuleMeta {
    code: "N106",
    name: "unit-implausible",
    category: Category::Quantities,
    summary: "A unit that cannot measure the figure (面积 in 万元), or a value far outside the measure's range",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Each figure whose measure is known (`rules/measures.toml`: 总面积, 人口,
人口密度, 地区生产总值 …) is checked against it:

- the unit's dimension must be the measure's: an area in 万元, a population
  in 万户 or a density per 平方公里 without people are errors;
- the value, converted to the measure's unit, must lie in its plausible range
  for any region from a county to the whole country: a population density of
  每平方米 125 人 is 1.25亿 people per 平方公里; a region's population in
  亿人 exceeds the country's.

Changes and growth rates (增长8%) are not levels and are not checked here.

## Why it matters
A unit slip (平方米 for 平方公里, 亿 for 万) changes a figure by orders of
magnitude; it survives proofreading because each character looks right.

## Example
```bad
本区域人口密度达到每平方米 125 人。
```

```good
本区域人口密度达到每平方公里 125 人。
```

## Fix safety
No fix: the right unit is a matter of fact.

## Options
Measures, their dimensions and plausible ranges are data in
`rules/measures.toml`.
"#,
};

/// A value in base units written in the range's own unit: "1.25亿人/平方公里".
fn in_unit(x: f64, p: &Plausible) -> String {
    let v = x / p.unit_factor;
    let (scaled, word) = if v.abs() >= 1e8 {
        (v / 1e8, "亿")
    } else if v.abs() >= 1e4 {
        (v / 1e4, "万")
    } else {
        (v, "")
    };
    let decimals = if scaled.abs() >= 100.0 { 0 } else { 2 };
    let number = format_fixed(scaled, decimals);
    let number = if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        &number
    };
    format!("{number}{word}{}", p.unit)
}

impl Rule for UnitImplausible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        for q in &ctx.facts.quantities().items {
            let (Kind::Level, Some(m)) = (q.kind, q.measure) else {
                continue;
            };
            let Some((dimension, factor)) = q.dimension(ctx.lexicon) else {
                continue;
            };
            let measure = &ctx.lexicon.measures.measures[m];
            let label = |v: Violation| match q.measure_span {
                Some(s) => v.label(ctx.file, s, measure.name.clone()),
                None => v,
            };
            if dimension != measure.dimension {
                // 人均国内生产总值1000美元: another currency (or convention) of
                // the measure's kind; it cannot be converted to check the range.
                if dimension_family(&dimension) == dimension_family(&measure.dimension) {
                    continue;
                }
                sink.push(label(
                    Violation::new(
                        q.span,
                        format!("{}的单位不能计量{}", quote(&q.text), measure.name),
                    )
                    .help(format!(
                        "{}应以{}计",
                        measure.name,
                        measure
                            .plausible
                            .as_ref()
                            .map_or("相应单位", |p| p.unit.as_str())
                    )),
                ));
                continue;
            }
            let Some(p) = &measure.plausible else {
                continue;
            };
            let value = q.value.to_f64() * factor;
            let upper = q.upper.map_or(value, |u| u.to_f64() * factor);
            if value >= p.min && upper <= p.max {
                continue;
            }
            let shown = if value < p.min { value } else { upper };
            sink.push(label(
                Violation::new(
                    q.span,
                    format!(
                        "{}作为{}不合常理（折合{}，合理范围约为{}～{}）",
                        quote(&q.text),
                        measure.name,
                        in_unit(shown, p),
                        in_unit(p.min, p),
                        in_unit(p.max, p)
                    ),
                )
                .help("核对单位和数量级"),
            ));
        }
    }
}
