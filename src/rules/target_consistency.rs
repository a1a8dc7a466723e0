//! N110 target-consistency: a plan's targets against its own baselines, its
//! table of main indicators and each other.

use std::collections::HashMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::decimal::Interval;
use crate::extract::indicator_table::{allowed, IndicatorRow};
use crate::extract::quantity::{scale_of, WHOLES};
use crate::extract::{Kind, Quantity};
use crate::lexicon::{Direction, MeasureKind};
use crate::source::Span;

pub struct TargetConsistency;

/// A target: plan, measure, region and year.
type TargetKey<'a> = (usize, usize, &'a str, u32);

static META: RuleMeta = RuleMeta {
    code: "N110",
    name: "target-consistency",
    category: Category::Quantities,
    summary: "A target that contradicts the plan's baseline, its indicator table or another statement of the same target",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
The targets a plan sets for its catalogued indicators (`rules/measures.toml`:
常住人口城镇化率, 森林覆盖率, 每千人口拥有执业（助理）医师数 …), read from
the text alone:

- **a movement the words contradict**: 由60.6%提高到56%, 由10.8年提高到
  9.3年, 由A下降到B with B above A;
- **the indicator table against itself**: in the table of main indicators
  (a header row naming years, one row per indicator, the unit in brackets),
  a target below the base-year value of an indicator that should rise
  (森林覆盖率 23.2 → 22.1), or above it for one that should fall;
- **the text against the table**: a target the text states for the plan's
  own region and a year of the table (到2025年常住人口城镇化率提高到66%)
  that the table's value for that year (65) does not allow;
- **the same target twice**: two statements of a target for the same
  indicator, region and year whose values cannot both hold (65% and 66%;
  以上, 以内 and 左右 are read as bounds).

Only single values are compared with a baseline (a floor such as 6.5亿吨以上
below the current level is a guarantee, not a decline), and only the
indicators whose direction the catalogue states.

## Why it matters
Targets are restated in the summary, the chapters and the table, and drafts
revise them one place at a time. A target that falls short of what has been
reached, or two values for one target, is read by every reviewer.

## Example
```bad
到2025年，常住人口城镇化率由2020年的60.6%提高到56%。
```

```good
到2025年，常住人口城镇化率由2020年的60.6%提高到65%。
```

## Fix safety
No fix: which statement is right is a matter of fact.

## Options
Directions and names are data in `rules/measures.toml`.
"#,
};

/// Verbs that say a value rises or falls to the next one.
const UP_VERBS: &[&str] = &["提高", "提升", "增加", "增长", "上升", "扩大"];
const DOWN_VERBS: &[&str] = &["下降", "降低", "减少", "降至", "缩小", "压减", "回落"];

/// The values a stated figure allows, in base units.
fn range_of(ctx: &Context<'_>, q: &Quantity) -> Option<Interval> {
    let (_, factor) = q.dimension(ctx.lexicon)?;
    if q.upper.is_some() || q.plus_minus {
        return None;
    }
    Some(allowed(q.value, q.bound, factor))
}

/// A single level of a catalogued level measure, with a dimension.
fn level(ctx: &Context<'_>, q: &Quantity) -> Option<(usize, Interval)> {
    let m = q.measure?;
    (q.kind == Kind::Level
        && q.change_measure.is_none()
        && ctx.lexicon.measures.measures[m].kind == MeasureKind::Level)
        .then_some(())?;
    Some((m, range_of(ctx, q)?))
}

fn target_year(ctx: &Context<'_>, q: &Quantity) -> Option<u32> {
    crate::extract::quantity::target_year(ctx.document, &ctx.source.text, ctx.facts.quantities(), q)
}

/// The region a figure is about, with 全省/全国/全市 read as the plan's own
/// region when it is of that level.
fn subject<'q>(ctx: &Context<'q>, q: &'q Quantity) -> Option<&'q str> {
    let own = ctx
        .facts
        .quantities()
        .regions
        .get(q.plan)
        .and_then(|r| r.name.as_deref());
    let s = q.subject.as_deref()?;
    match own {
        Some(own)
            if WHOLES.iter().any(|&(_, whole)| whole == s)
                && scale_of(s).is_some()
                && scale_of(s) == scale_of(own) =>
        {
            Some(own)
        }
        _ => Some(s),
    }
}

/// Whether the clause names a place of its own before the measure (兰州市常住
/// 人口城镇化率达到85%): a region the plan's scope does not list, whose
/// figure is not the plan's.
fn names_other_place(ctx: &Context<'_>, q: &Quantity) -> bool {
    use crate::extract::quantity::PLACE_ENDINGS;
    let Some(ms) = q.measure_span else {
        return false;
    };
    let before = &ctx.source.text[..ms.start];
    let clause = before
        .rfind(['，', '。', '；', '：', '\n'])
        .map_or(before, |i| &before[i..]);
    let words = clause.trim_end_matches(|c: char| crate::cjk::is_space(c) || c == '的');
    PLACE_ENDINGS.iter().any(|w| words.ends_with(w))
        && !["全市", "全州", "全县", "全区"]
            .iter()
            .any(|w| words.ends_with(w))
}

fn apart(a: Interval, b: Interval) -> bool {
    !a.intersects(b)
}

impl TargetConsistency {
    /// 由A提高到B with B below A, 由A下降到B with B above A.
    fn check_movements(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = &ctx.source.text;
        let items = &ctx.facts.quantities().items;
        for pair in items.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.sentence != b.sentence || !a.starting || b.starting {
                continue;
            }
            let (Some((ma, ra)), Some((mb, rb))) = (level(ctx, a), level(ctx, b)) else {
                continue;
            };
            if ma != mb || a.dimension(ctx.lexicon) != b.dimension(ctx.lexicon) {
                continue;
            }
            let between = &text[a.span.end..b.span.start];
            if between.contains(['，', '；', '。']) {
                continue;
            }
            let up = UP_VERBS.iter().any(|v| between.contains(v));
            let down = DOWN_VERBS.iter().any(|v| between.contains(v));
            let wrong = match (up, down) {
                (true, false) => rb.hi < ra.lo,
                (false, true) => rb.lo > ra.hi,
                _ => false,
            };
            if wrong {
                let verb = if up { "提高" } else { "下降" };
                sink.push(
                    Violation::new(
                        b.span,
                        format!("{}与“由{}{verb}”的方向相反", quote(&b.text), a.text),
                    )
                    .label(ctx.file, a.span, "起始值")
                    .help("核对起始值和目标值，或改正“提高”“下降”的用词"),
                );
            }
        }
    }

    /// The table of main indicators: a target against its base, and the
    /// text's targets against the table.
    fn check_table(ctx: &Context<'_>, sink: &mut Sink<'_>, rows: &[IndicatorRow]) {
        let measures = &ctx.lexicon.measures.measures;
        for row in rows {
            let direction = measures[row.measure].direction;
            let (Some(base), Some(target)) = (row.values.first(), row.values.last()) else {
                continue;
            };
            if base.year >= target.year || !base.point || !target.point {
                continue;
            }
            let wrong = match direction {
                Some(Direction::Up) => target.range.hi < base.range.lo,
                Some(Direction::Down) => target.range.lo > base.range.hi,
                None => false,
            };
            if wrong {
                let (name, way) = (
                    &measures[row.measure].name,
                    if direction == Some(Direction::Up) {
                        "低于"
                    } else {
                        "高于"
                    },
                );
                sink.push(
                    Violation::new(
                        target.span,
                        format!(
                            "{name}{}年目标{}{way}{}年基数{}",
                            target.year,
                            quote(&target.text),
                            base.year,
                            quote(&base.text)
                        ),
                    )
                    .label(ctx.file, base.span, "基数")
                    .label(ctx.file, row.name, name.clone())
                    .help(format!(
                        "{name}应逐步{}，核对目标值",
                        if direction == Some(Direction::Up) {
                            "提高"
                        } else {
                            "降低"
                        }
                    )),
                );
            }
        }
        // The text's targets for the plan's own region against the table.
        let quantities = ctx.facts.quantities();
        for q in &quantities.items {
            let Some((m, range)) = level(ctx, q) else {
                continue;
            };
            let own = quantities
                .regions
                .get(q.plan)
                .and_then(|r| r.name.as_deref());
            if q.starting || subject(ctx, q) != own || names_other_place(ctx, q) {
                continue;
            }
            let Some(year) = target_year(ctx, q) else {
                continue;
            };
            for row in rows.iter().filter(|r| r.measure == m && r.plan == q.plan) {
                let Some(cell) = row.values.iter().find(|v| v.year == year) else {
                    continue;
                };
                if apart(range, cell.range) {
                    sink.push(
                        Violation::new(
                            q.span,
                            format!(
                                "{}与主要指标表中{}{year}年的{}不一致",
                                quote(&q.text),
                                measures[m].name,
                                quote(&cell.text)
                            ),
                        )
                        .label(ctx.file, cell.span, "表中目标")
                        .label(ctx.file, row.name, measures[m].name.clone())
                        .help("统一正文和指标表的目标值"),
                    );
                }
            }
        }
    }

    /// Two statements of one target that cannot both hold.
    fn check_restated(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let items = &ctx.facts.quantities().items;
        // (plan, measure, subject, year) → the first statement.
        let mut first: HashMap<TargetKey<'_>, (Span, &str, Interval)> = HashMap::new();
        for q in items {
            let Some((m, range)) = level(ctx, q) else {
                continue;
            };
            let (Some(year), Some(subject)) = (target_year(ctx, q), subject(ctx, q)) else {
                continue;
            };
            if q.starting || q.group.is_some() || names_other_place(ctx, q) {
                continue;
            }
            let key = (q.plan, m, subject, year);
            match first.get(&key) {
                None => {
                    first.insert(key, (q.span, &q.text, range));
                }
                Some(&(span, earlier, r)) => {
                    if apart(range, r) {
                        sink.push(
                            Violation::new(
                                q.span,
                                format!(
                                    "{subject}{year}年{}目标{}与前文的{}不一致",
                                    ctx.lexicon.measures.measures[m].name,
                                    quote(&q.text),
                                    quote(earlier)
                                ),
                            )
                            .label(ctx.file, span, "前文所述目标")
                            .help("统一同一目标的表述"),
                        );
                    }
                }
            }
        }
    }
}

impl Rule for TargetConsistency {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        Self::check_movements(ctx, sink);
        Self::check_table(ctx, sink, ctx.facts.indicator_rows());
        Self::check_restated(ctx, sink);
    }
}
