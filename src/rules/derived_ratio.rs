//! N107 derived-ratio: a density or per-capita figure that disagrees with the
//! two figures it derives from.

use std::collections::HashMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::decimal::format_fixed;
use crate::extract::{Kind, Quantity};

pub struct DerivedRatio;

static META: RuleMeta = RuleMeta {
    code: "N107",
    name: "derived-ratio",
    category: Category::Quantities,
    summary: "A density or per-capita figure that disagrees with the figures it derives from",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A measure defined as a ratio in `rules/measures.toml` (人口密度 = 人口 ÷
总面积, 人均地区生产总值 = 地区生产总值 ÷ 人口) must agree with the two
figures it derives from when the plan states both for the same region. The
comparison is in base units and within the printed precision of all three
figures: 1050.53万人 ÷ 6.1万平方公里 is 172.2 ± 1.4 人/平方公里, so a stated
density of 172 passes and 125 does not.

When the plan states a measure more than once with different values, the one
of the same year as the ratio is used, and nothing is checked if that is
still ambiguous.

## Why it matters
Densities and per-capita figures are computed once and copied; when the
population or area is revised they go stale. A unit slip in the ratio (每平方米
for 每平方公里) also shows here.

## Example
```bad
本区域总面积6.1万平方公里，2020年末总人口1050.53万人。人口密度达到每平方公里125人。
```

```good
本区域总面积6.1万平方公里，2020年末总人口1050.53万人。人口密度达到每平方公里172人。
```

## Fix safety
No fix: any of the three figures may be wrong.

## Options
Ratio measures are data in `rules/measures.toml` (`derived`).
"#,
};

impl Rule for DerivedRatio {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let measures = &ctx.lexicon.measures.measures;
        let items = &ctx.facts.quantities().items;
        // Point levels by (plan, subject, measure).
        let mut levels: HashMap<(usize, &str, usize), Vec<&Quantity>> = HashMap::new();
        for q in items {
            if let (Kind::Level, Some(s), Some(m)) = (q.kind, q.subject.as_deref(), q.measure) {
                if q.is_point() && q.base_interval(ctx.lexicon).is_some() {
                    levels.entry((q.plan, s, m)).or_default().push(q);
                }
            }
        }
        // The one figure for a measure: unique, or unique for the year.
        let pick = |plan: usize, subject: &str, m: usize, year: Option<u32>| -> Option<&Quantity> {
            let all = levels.get(&(plan, subject, m))?;
            let first = all[0];
            if all
                .iter()
                .all(|q| q.value.same_value(first.value) && q.unit == first.unit)
            {
                return Some(first);
            }
            let same_year: Vec<_> = all
                .iter()
                .filter(|q| q.year == year && year.is_some())
                .collect();
            match same_year.as_slice() {
                [only] => Some(only),
                _ => None,
            }
        };
        for q in items {
            let (Kind::Level, Some(m), Some(subject)) = (q.kind, q.measure, q.subject.as_deref())
            else {
                continue;
            };
            let Some((num_m, den_m)) = measures[m].derived else {
                continue;
            };
            if !q.is_point() {
                continue;
            }
            let (Some(num), Some(den)) = (
                pick(q.plan, subject, num_m, q.year),
                pick(q.plan, subject, den_m, q.year),
            ) else {
                continue;
            };
            let (Some(stated), Some(ni), Some(di)) = (
                q.base_interval(ctx.lexicon),
                num.base_interval(ctx.lexicon),
                den.base_interval(ctx.lexicon),
            ) else {
                continue;
            };
            let Some(computed) = ni.checked_div(di) else {
                continue;
            };
            if computed
                .widen_relative(ctx.tolerance.relative)
                .intersects(stated)
            {
                continue;
            }
            let Some(p) = &measures[m].plausible else {
                continue;
            };
            let shown = computed.mid() / p.unit_factor;
            let decimals = if shown >= 100.0 { 1 } else { 2 };
            sink.push(
                Violation::new(
                    q.span,
                    format!(
                        "{}与{}、{}不符：{} ÷ {} ≈ {} {}",
                        quote(&q.text),
                        measures[num_m].name,
                        measures[den_m].name,
                        num.text,
                        den.text,
                        format_fixed(shown, decimals),
                        p.unit
                    ),
                )
                .label(ctx.file, num.span, measures[num_m].name.clone())
                .label(ctx.file, den.span, measures[den_m].name.clone())
                .help(format!(
                    "核对{}及其单位，或核对{}和{}",
                    measures[m].name, measures[num_m].name, measures[den_m].name
                )),
            );
        }
    }
}
