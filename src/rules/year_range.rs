//! N108 year-range: reversed year ranges, phases with gaps or overlaps, and
//! target years outside the plan period and its outlook year.

use std::collections::BTreeMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::quantity::title_period;

pub struct YearRange;

static META: RuleMeta = RuleMeta {
    code: "N108",
    name: "year-range",
    category: Category::Quantities,
    summary:
        "Reversed year ranges, phases with gaps or overlaps, a plan period its title contradicts, target years outside the period",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
- A year range that runs backwards (2025—2021年) is an error.
- Phases (第一阶段（2021—2022年）、第二阶段（2023—2025年）…) must follow each
  other without a gap or an overlap; either is a warning.
- A stated plan period (规划期为2021—2026年) that is not the five years its
  title names (“十四五”, 第十四个五年: 2021—2025; the third plan, 1966—1970,
  onwards) is an error.
- A target year (到2030年) outside the plan period (规划期为2021—2025年) and
  its outlook year (展望至2035年) is a warning. Years of national goals that
  plans cite beyond their own period (2030 and 2060 for carbon, 2035, 2050)
  are allowed (`rules/periods.toml`).

## Why it matters
Plans are often drafted from an earlier plan's text; a phase or target year
left from the old period puts the plan's own schedule in doubt.

## Example
```bad
规划期为2021—2025年，展望至2035年。第一阶段（2021—2022年）打基础；第二阶段（2024—2025年）见成效。到2028年，基本建成。
```

```good
规划期为2021—2025年，展望至2035年。第一阶段（2021—2022年）打基础；第二阶段（2023—2025年）见成效。到2025年，基本建成。
```

## Fix safety
No fix: which year is meant is the editor's decision.

## Options
Milestone years are data in `rules/periods.toml`.
"#,
};

/// The year statements of one plan.
#[derive(Default)]
struct PlanYears<'a> {
    phases: Vec<&'a crate::extract::quantity::YearRange>,
    period: Option<&'a crate::extract::quantity::YearRange>,
    outlook: Vec<u32>,
    targets: Vec<&'a crate::extract::quantity::TargetYear>,
}

impl Rule for YearRange {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let q = ctx.facts.quantities();
        for r in &q.year_ranges {
            if r.from > r.to {
                sink.push(
                    Violation::new(r.span, format!("{}起止年份颠倒", quote(&r.text)))
                        .help(format!("应为“{}—{}年”", r.to, r.from)),
                );
            }
        }
        // Per plan in one pass: phases, the period, outlook and target years.
        let mut plans: BTreeMap<usize, PlanYears<'_>> = BTreeMap::new();
        for r in &q.year_ranges {
            let p = plans.entry(r.plan).or_default();
            if r.phase.is_some() {
                p.phases.push(r);
            }
            if r.period && r.from <= r.to && p.period.is_none() {
                p.period = Some(r);
            }
        }
        for t in &q.target_years {
            let p = plans.entry(t.plan).or_default();
            if t.outlook {
                p.outlook.push(t.year);
            } else {
                p.targets.push(t);
            }
        }
        for p in plans.into_values() {
            let PlanYears {
                mut phases,
                period,
                outlook,
                targets,
            } = p;
            phases.sort_by_key(|r| (r.phase, r.span.start));
            for pair in phases.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if a.from > a.to || b.from > b.to || a.phase == b.phase {
                    continue;
                }
                let v = if b.from > a.to + 1 {
                    let missing = if b.from == a.to + 2 {
                        format!("{} 年", a.to + 1)
                    } else {
                        format!("{}—{} 年", a.to + 1, b.from - 1)
                    };
                    Violation::new(
                        b.span,
                        format!(
                            "{}与上一阶段{}之间缺少 {missing}",
                            quote(&b.text),
                            quote(&a.text)
                        ),
                    )
                } else if b.from <= a.to {
                    Violation::new(
                        b.span,
                        format!("{}与上一阶段{}重叠", quote(&b.text), quote(&a.text)),
                    )
                } else {
                    continue;
                };
                sink.push(
                    v.label(ctx.file, a.span, "上一阶段")
                        .help(format!("本阶段应从 {} 年开始", a.to + 1))
                        .severity(Severity::Warning),
                );
            }
            // Target years against the period and outlook.
            let Some(period) = period else { continue };
            check_title_period(ctx, sink, period);
            for t in targets {
                let inside = (period.from..=period.to).contains(&t.year);
                if inside || outlook.contains(&t.year) || ctx.lexicon.milestones.contains(&t.year) {
                    continue;
                }
                let outlook_text = match outlook.first() {
                    Some(y) => format!("及展望年 {y} 年"),
                    None => String::new(),
                };
                sink.push(
                    Violation::new(
                        t.span,
                        format!(
                            "{}不在规划期 {}—{} 年{outlook_text}之内",
                            quote(ctx.text(t.span)),
                            period.from,
                            period.to
                        ),
                    )
                    .label(ctx.file, period.span, "规划期")
                    .help("核对目标年份是否沿用了其他规划的文字")
                    .severity(Severity::Warning),
                );
            }
        }
    }
}

/// The stated plan period (规划期为2021—2026年) against the period its title
/// names (“十四五”).
fn check_title_period(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    period: &crate::extract::quantity::YearRange,
) {
    let Some(title) = ctx.document.plans.get(period.plan).and_then(|p| p.title) else {
        return;
    };
    let Some((from, to)) = title_period(ctx.text(title)) else {
        return;
    };
    if (period.from, period.to) == (from, to) {
        return;
    }
    sink.push(
        Violation::new(
            period.span,
            format!(
                "规划期{}与标题所称五年规划期 {from}—{to} 年不符",
                quote(&period.text)
            ),
        )
        .label(ctx.file, title, "规划标题")
        .help(format!("应为“{from}—{to}年”，或核对标题")),
    );
}

#[cfg(test)]
mod tests {
    use crate::extract::quantity::title_period;

    #[test]
    fn periods_from_titles() {
        assert_eq!(
            title_period("“十四五”兰州经济圈发展规划"),
            Some((2021, 2025))
        );
        assert_eq!(
            title_period("中华人民共和国国民经济和社会发展第十五个五年规划纲要"),
            Some((2026, 2030))
        );
        assert_eq!(title_period("甘肃省“十三五”规划"), Some((2016, 2020)));
        assert_eq!(title_period("兰州新区发展规划"), None);
    }
}
