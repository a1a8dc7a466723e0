//! I101 indicator-mismatch: a figure in the text that disagrees with the
//! indicator file.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::Kind;

pub struct IndicatorMismatch;

static META: RuleMeta = RuleMeta {
    code: "I101",
    name: "indicator-mismatch",
    category: Category::Indicators,
    summary: "A figure in the text that disagrees with the indicator file",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Each figure the text states for a region, measure and year (总人口1050.53万人
of 兰州经济圈 in 2020) is compared with the indicator file's `[[figure]]` for
the same region, measure and year, after converting units (6.1万平方公里 =
61000平方公里), within the printed precision of both. The region is the
plan's own (matched by name or alias), a member, or 全省 (an alias of the
province). A figure stated without a year is compared only for measures
that do not change over time (总面积), or with a file figure that gives no year.

## Why it matters
The indicator file holds the figures the plan was drafted from. A figure
mistyped in the text, or revised in one and not the other, shows here.

## Example
With an indicator file giving 兰州经济圈's 2020 population as 1050.53万人:

```text
2020年末总人口达到1005.53万人。
```

reports `“1005.53万人”与指标文件的“1050.53万人”不一致`.

## Fix safety
No fix: either the text or the file may be wrong.

## Options
`--indicators FILE`, or `PLAN.toml` beside `PLAN.txt`.
"#,
};

impl Rule for IndicatorMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let Some(ind) = ctx.indicators else { return };
        let measures = &ctx.lexicon.measures.measures;
        for q in &ctx.facts.quantities().items {
            let (Kind::Level, Some(m), Some(subject)) = (q.kind, q.measure, q.subject.as_deref())
            else {
                continue;
            };
            if q.target || !q.is_point() {
                continue;
            }
            let Some(region) = ind.region_named(subject) else {
                continue;
            };
            let Some(f) = ind.figure(region, m, q.year) else {
                continue;
            };
            if q.year.is_none() && f.year.is_some() && !measures[m].timeless {
                continue;
            }
            let (Some(a), Some(b)) = (q.base_interval(ctx.lexicon), f.base_interval(ctx.lexicon))
            else {
                continue;
            };
            let (Some((da, _)), Some((db, _))) = (
                q.dimension(ctx.lexicon),
                crate::extract::quantity::dimension_of(f.unit, Some(m), ctx.lexicon),
            ) else {
                continue;
            };
            if da != db || a.intersects(b) {
                continue;
            }
            let when = f.year.map(|y| format!("{y}年")).unwrap_or_default();
            sink.push(
                Violation::new(
                    q.span,
                    format!(
                        "{}与指标文件的{}不一致（{}{when}{}）",
                        quote(&q.text),
                        quote(&f.text),
                        ind.regions[region].name,
                        measures[m].name
                    ),
                )
                .label(ind.file, f.span, "指标文件")
                .help("核对正文和指标文件，改正错误的一方"),
            );
        }
    }
}
