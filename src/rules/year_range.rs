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
        "Reversed year ranges, phases with gaps or overlaps, a plan period, period name or outlook year its title or targets contradict, target years outside the period or malformed",
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
- A target year (到2030年) outside the plan period (规划期为2021—2025年, or
  the five years the title names) and its outlook year (展望至2035年, or the
  title's 2035年远景目标) is a warning.
- A target year that is no year (到20225年, 到205年, 到2205年) is an error;
  the help names the plan's years one slip away (疑为“2025年”).
- A period that opens a sentence whose target year it does not contain
  (“十三五”时期，…到2025年) is an error.
- An outlook year (展望2053年, 二〇五三年远景目标) other than the one the
  title names (…和2035年远景目标纲要) is an error. Years of national goals that
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

/// The five years of the n-th five-year plan (the third, 1966—1970, onwards).
fn plan_years(n: u32) -> (u32, u32) {
    let from = 1966 + 5 * (n - 3);
    (from, from + 4)
}

/// Years one slip away from `written` (a digit dropped, doubled, swapped or
/// changed): 20225 and 2205 → 2025.
fn near_year(written: &str, year: u32) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (
        written.chars().collect(),
        year.to_string().chars().collect(),
    );
    let one_out = |long: &[char], short: &[char]| {
        long.len() == short.len() + 1
            && (0..long.len()).any(|i| long[..i] == short[..i] && long[i + 1..] == short[i..])
    };
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        diff.len() == 1
            || (diff.len() == 2
                && diff[1] == diff[0] + 1
                && a[diff[0]] == b[diff[1]]
                && a[diff[1]] == b[diff[0]])
    } else {
        one_out(&a, &b) || one_out(&b, &a)
    }
}

impl YearRange {
    /// 到20225年, 到205年, 到2205年: a target year no calendar of the plan has.
    fn check_malformed(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = &ctx.source.text;
        for q in &ctx.facts.quantities().items {
            let crate::extract::number::NumUnit::Unit { num, den: None } = q.unit else {
                continue;
            };
            if ctx.lexicon.units.units[num].name != "年"
                || q.value.exp != 0
                || q.value.mantissa < 100
            {
                continue;
            }
            let before = text[..q.span.start].trim_end_matches(crate::cjk::is_space);
            if !["到", "至", "力争到", "于"]
                .iter()
                .any(|w| before.ends_with(w))
            {
                continue;
            }
            // 到100年后: a span of years.
            let after = &text[q.span.end..];
            if ["后", "以后", "之后", "内", "间", "来", "时间"]
                .iter()
                .any(|w| after.starts_with(w))
            {
                continue;
            }
            let digits = q.text.trim_end_matches('年').trim();
            let mut candidates: Vec<u32> = ctx.lexicon.milestones.clone();
            if let Some((from, to)) =
                plan_title(ctx, q.plan).and_then(|t| title_period(ctx.text(t)))
            {
                candidates.extend([from, to]);
            }
            candidates.sort_unstable();
            candidates.dedup();
            let near: Vec<String> = candidates
                .iter()
                .filter(|&&y| near_year(digits, y))
                .map(|y| format!("“{y}年”"))
                .collect();
            let help = if near.is_empty() {
                "年份应为四位数".to_owned()
            } else {
                format!("疑为{}", near.join("或"))
            };
            sink.push(
                Violation::new(q.span, format!("{}不是有效的年份", quote(&q.text))).help(help),
            );
        }
    }

    /// “十三五”时期，…到2025年: a period the sentence's own target year is
    /// not in.
    fn check_period_names(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = &ctx.source.text;
        let targets = &ctx.facts.quantities().target_years;
        for (at, _) in text.match_indices("五”时期，") {
            let head = &text[..at];
            let Some(c) = head.chars().next_back() else {
                continue;
            };
            let Some(d) = crate::cjk::digit_value(c).filter(|&d| (1..=9).contains(&d) && c != '两')
            else {
                continue;
            };
            let Some(opening) = head[..head.len() - c.len_utf8()].strip_suffix("“十") else {
                continue;
            };
            let n = 10 + d;
            // The period opens its sentence: it is the sentence's time frame.
            let lead = opening.trim_end_matches(['在', ' ', '\u{3000}']);
            if !(lead.is_empty() || lead.ends_with(['。', '\n', '！', '？', '；'])) {
                continue;
            }
            let name_start = opening.len();
            let name_end = at + "五”时期".len();
            let end = text[name_end..]
                .find(['。', '\n'])
                .map_or(text.len(), |i| name_end + i);
            let (from, to) = plan_years(n);
            let first = targets.partition_point(|t| t.span.start < name_end);
            let Some(t) = targets[first..]
                .iter()
                .take_while(|t| t.span.start < end)
                .find(|t| !(from..=to).contains(&t.year) && t.year > 1965)
            else {
                continue;
            };
            let right = (t.year - 1966) / 5 + 3;
            let numeral = |n: u32| crate::cjk::small_numeral(n - 10);
            sink.push(
                Violation::new(
                    crate::source::Span::new(name_start, name_end),
                    format!(
                        "“十{}五”时期为 {from}—{to} 年，与同句的{}不符",
                        numeral(n),
                        quote(ctx.text(t.span))
                    ),
                )
                .label(ctx.file, t.span, "目标年份")
                .help(if (13..=19).contains(&right) {
                    format!("{}年属“十{}五”时期；核对时期或年份", t.year, numeral(right))
                } else {
                    "核对时期或年份".to_owned()
                }),
            );
        }
    }

    /// N年远景目标 against the outlook year the plan's title names.
    fn check_outlook(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        for plan in &ctx.document.plans {
            let Some(title) = plan.title else { continue };
            let Some(year) = outlook_year(ctx.text(title)) else {
                continue;
            };
            // 展望至2053年 in a plan whose title looks to 2035.
            for t in ctx.facts.quantities().target_years.iter().filter(|t| {
                t.outlook
                    && t.year != year
                    && plan.span.start <= t.span.start
                    && t.span.end <= plan.span.end
                    // 展望二〇五三年远景目标 is read below.
                    && !ctx.source.text[t.span.end..].starts_with("远景目标")
            }) {
                sink.push(
                    Violation::new(
                        t.span,
                        format!(
                            "展望年{}与标题所称 {year} 年远景目标不符",
                            quote(ctx.text(t.span))
                        ),
                    )
                    .label(ctx.file, title, "规划标题")
                    .help(format!("应为“{year}年”，或核对标题")),
                );
            }
            let body = &ctx.source.text[plan.span.range()];
            for (range, value) in outlook_years(body) {
                if range.is_empty() || value == Some(year) {
                    continue;
                }
                let span = crate::source::Span::new(
                    plan.span.start + range.start,
                    plan.span.start + range.end + "年".len(),
                );
                sink.push(
                    Violation::new(
                        span,
                        format!(
                            "{}远景目标与标题所称 {year} 年远景目标不符",
                            quote(ctx.text(span))
                        ),
                    )
                    .label(ctx.file, title, "规划标题")
                    .help(format!("应为“{year}年”，或核对标题")),
                );
            }
        }
    }
}

impl Rule for YearRange {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        Self::check_malformed(ctx, sink);
        Self::check_period_names(ctx, sink);
        Self::check_outlook(ctx, sink);
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
        for (plan, p) in plans {
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
            // Target years against the period and outlook: the stated ones,
            // else those the title names (“十四五” … 2035年远景目标).
            if let Some(period) = period {
                check_title_period(ctx, sink, period);
            }
            let title = plan_title(ctx, plan);
            let (from, to, period_span) =
                match (period, title.and_then(|t| title_period(ctx.text(t)))) {
                    (Some(p), _) => (p.from, p.to, p.span),
                    (None, Some((from, to))) => {
                        (from, to, title.expect("a period read from the title"))
                    }
                    (None, None) => continue,
                };
            // The title's outlook year first: it is the one messages name.
            let outlook: Vec<u32> = title
                .and_then(|t| outlook_year(ctx.text(t)))
                .into_iter()
                .chain(outlook)
                .collect();
            for t in targets {
                let inside = (from..=to).contains(&t.year);
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
                            "{}不在规划期 {from}—{to} 年{outlook_text}之内",
                            quote(ctx.text(t.span)),
                        ),
                    )
                    .label(ctx.file, period_span, "规划期")
                    .help("核对目标年份是否沿用了其他规划的文字")
                    .severity(Severity::Warning),
                );
            }
        }
    }
}

fn plan_title(ctx: &Context<'_>, plan: usize) -> Option<crate::source::Span> {
    ctx.document.plans.get(plan).and_then(|p| p.title)
}

/// The value of a year written in Arabic or Chinese digits: 2035, 二〇三五.
fn year_value(digits: &str) -> Option<u32> {
    let mut n = 0u32;
    let mut count = 0;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '两' => return None,
            _ => crate::cjk::digit_value(c)?,
        };
        n = n * 10 + d;
        count += 1;
    }
    (count == 4).then_some(n)
}

/// The year a text gives its outlook (远景目标): 2035 in “…和2035年远景目标纲要”.
/// Each occurrence: (byte range of the year, its value).
fn outlook_years(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, Option<u32>)> + '_ {
    text.match_indices("年远景目标").map(move |(at, _)| {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_digit() || crate::cjk::digit_value(c).is_some())
            .last()
            .map_or(at, |(i, _)| i);
        (start..at, year_value(&text[start..at]))
    })
}

fn outlook_year(title: &str) -> Option<u32> {
    outlook_years(title).find_map(|(_, y)| y)
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
