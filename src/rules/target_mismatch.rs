//! I103 target-mismatch: a target stated in the text against the indicator file.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::number::{Bound, NumUnit};
use crate::extract::{Kind, Quantity};
use crate::indicators::{Target, TargetValue};

pub struct TargetMismatch;

static META: RuleMeta = RuleMeta {
    code: "I103",
    name: "target-mismatch",
    category: Category::Indicators,
    summary: "A target in the text (年均增长6.5%以上, 比重达到50%以上) that differs from the indicator file",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A target the text sets for a year (到2025年 … 地区生产总值年均增长6.5%以上，
占全省地区生产总值的比重达到50%以上) is compared with the indicator file's
`[[target]]` for the same region, measure and year:

- an annual growth rate with a `growth` target,
- a share of the parent region with a `share` target,
- a level (常住人口城镇化率达到60%以上) with a `value` target.

Targets are values set, not measurements rounded for print, so they are
compared exactly (6% and 6.5% differ). A different value is an error; the
same value with a different bound (6.5% against `bound = ">="`, that is
6.5%以上) is a warning.

## Why it matters
Targets are negotiated and revised; the 主要指标 table and the prose drift
apart unless someone compares them.

## Example
With an indicator file setting 兰州经济圈's 2025 growth target to ≥6.5%:

```text
到2025年，兰州经济圈地区生产总值年均增长6%以上。
```

reports `“6%”与指标文件的目标“≥6.5%”不一致`.

## Fix safety
No fix.

## Options
`--indicators FILE`, or `PLAN.toml` beside `PLAN.txt`.
"#,
};

fn bound_text(b: Bound) -> &'static str {
    match b {
        Bound::AtLeast | Bound::MoreThan => "≥",
        Bound::AtMost | Bound::LessThan => "≤",
        Bound::About => "约",
        Bound::Exact => "",
    }
}

/// The bound as a direction: 以上 and 超过 both say "at least".
fn direction(b: Bound) -> Bound {
    match b {
        Bound::MoreThan => Bound::AtLeast,
        Bound::LessThan => Bound::AtMost,
        other => other,
    }
}

/// The target of the file that a text figure states, if any.
fn matching<'a>(q: &Quantity, targets: impl Iterator<Item = &'a Target>) -> Option<&'a Target> {
    targets.into_iter().find(|t| {
        matches!(
            (&t.value, q.kind, q.unit),
            (
                TargetValue::Growth(_),
                Kind::Change { annual: true },
                NumUnit::Percent
            ) | (TargetValue::Share(_), Kind::Share, NumUnit::Percent)
                | (TargetValue::Level { .. }, Kind::Level, _)
        )
    })
}

impl Rule for TargetMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let Some(ind) = ctx.indicators else { return };
        for q in &ctx.facts.quantities().items {
            let (true, Some(year), Some(m), Some(subject)) =
                (q.target, q.year, q.measure, q.subject.as_deref())
            else {
                continue;
            };
            if q.upper.is_some() {
                continue;
            }
            let Some(region) = ind.region_named(subject) else {
                continue;
            };
            let candidates = ind
                .targets
                .iter()
                .filter(|t| t.region == region && t.measure == m && t.year == year);
            let Some(t) = matching(q, candidates) else {
                continue;
            };
            // A target is a value set, not a measurement rounded for print:
            // 6% and 6.5% are different targets, so values compare exactly.
            let (same_value, shown) = match &t.value {
                TargetValue::Growth(g) | TargetValue::Share(g) => (
                    q.value.same_value(*g),
                    format!("{}{}%", bound_text(t.bound), g),
                ),
                TargetValue::Level { value, unit, text } => {
                    let file = crate::extract::quantity::dimension_of(*unit, Some(m), ctx.lexicon)
                        .map(|(_, f)| value.to_f64() * f);
                    let same = match (q.dimension(ctx.lexicon), file) {
                        (Some((_, f)), Some(b)) => {
                            let a = q.value.to_f64() * f;
                            (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
                        }
                        _ => true,
                    };
                    (same, format!("{}{}", bound_text(t.bound), text))
                }
            };
            let same_bound = direction(q.bound) == direction(t.bound)
                || matches!(
                    (q.bound, t.bound),
                    (Bound::Exact, Bound::About) | (Bound::About, Bound::Exact)
                );
            if same_value && same_bound {
                continue;
            }
            let name = &ctx.lexicon.measures.measures[m].name;
            let mut v = Violation::new(
                q.span,
                if same_value {
                    format!("{}的界限与指标文件的目标“{shown}”不一致", quote(&q.text))
                } else {
                    format!(
                        "{}与指标文件的目标“{shown}”不一致（{}{year}年{name}）",
                        quote(&q.text),
                        ind.regions[region].name
                    )
                },
            )
            .label(ind.file, t.span, "指标文件的目标")
            .help("核对目标值和“以上”“左右”等界限");
            if same_value {
                v = v.severity(Severity::Warning);
            }
            sink.push(v);
        }
    }
}
