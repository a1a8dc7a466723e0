//! N102 share-sum: parts that must total 100 and do not.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use std::collections::BTreeMap;

use crate::extract::decimal::format_fixed;
use crate::extract::number::NumUnit;
use crate::extract::{Kind, Quantity};
use crate::indicators::Partition;

pub struct ShareSum;

static META: RuleMeta = RuleMeta {
    code: "N102",
    name: "share-sum",
    category: Category::Quantities,
    summary: "A structure ratio (三次产业结构比 a：b：c) whose parts do not total 100",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A ratio that describes how a whole is made up, 三次产业结构比为
17.90：29.86：52.24, must total 100 within the rounding of its parts. The
sum of the parts' intervals (17.895–17.905 and so on) must contain 100, so
three parts rounded to two decimals may total 99.99 or 100.01 without
complaint.

Ratios are checked when the words before them name a structure or
composition (结构, 构成, 比例, 占比). A ratio such as 城乡居民收入比 2.5：1 is
not a partition and is left alone.

## Why it matters
When one part of a structure is revised, the others often are not; a
structure that sums to 100.10 tells every reader that a number is wrong.

## Example
```bad
三次产业结构比为17.90：29.86：52.34。
```

```good
三次产业结构比为17.90：29.86：52.24。
```

## Fix safety
No fix: any of the parts may be the wrong one.

## Options
With an indicator file, each `[[partition]]` is checked too: when the text
states every part's share of the whole for a measure and year (三个规划各自
的“占全省的…%”), the shares must total 100; when it states every part's
figure, they must add up to the whole's (from the text or the file).
"#,
};

/// Words before a ratio that make it a partition of a whole.
const PARTITION_WORDS: &[&str] = &["结构", "构成", "比例", "占比"];

impl Rule for ShareSum {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        check_partitions(ctx, sink);
        for r in &ctx.facts.quantities().ratios {
            if r.terms.len() < 2 || !PARTITION_WORDS.iter().any(|w| r.lead.contains(w)) {
                continue;
            }
            let sum = r
                .terms
                .iter()
                .map(|t| t.interval())
                .reduce(|a, b| a + b)
                .expect("a ratio has terms");
            if sum.widen(ctx.tolerance.share).contains(100.0) {
                continue;
            }
            let decimals = r.terms.iter().map(|t| t.decimals()).max().unwrap_or(0);
            let exact: f64 = r.terms.iter().map(|t| t.to_f64()).sum();
            sink.push(
                Violation::new(
                    r.span,
                    format!(
                        "{}各项之和为 {}，不等于 100",
                        quote(&r.text),
                        format_fixed(exact, decimals)
                    ),
                )
                .help("核对各项数值，使之合计为 100"),
            );
        }
    }
}

/// The shares and the figures of the parts of each `[[partition]]` of the
/// indicator file.
fn check_partitions(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(ind) = ctx.indicators else { return };
    let items = &ctx.facts.quantities().items;
    let region_of = |q: &Quantity| q.subject.as_deref().and_then(|s| ind.region_named(s));
    for p in &ind.partitions {
        let whole_name = &ind.regions[p.whole].name;
        for &m in &p.measures {
            let name = &ctx.lexicon.measures.measures[m].name;
            // Shares of the whole, by year: part → its one share.
            let mut shares: BTreeMap<Option<u32>, BTreeMap<usize, Vec<&Quantity>>> =
                BTreeMap::new();
            let mut levels: BTreeMap<Option<u32>, BTreeMap<usize, Vec<&Quantity>>> =
                BTreeMap::new();
            for q in items
                .iter()
                .filter(|q| q.measure == Some(m) && q.is_point() && !q.target)
            {
                let Some(part) = region_of(q).filter(|r| p.parts.contains(r)) else {
                    continue;
                };
                match q.kind {
                    Kind::Share
                        if q.unit == NumUnit::Percent
                            && q.whole.as_deref().and_then(|w| ind.region_named(w))
                                == Some(p.whole) =>
                    {
                        shares
                            .entry(q.year)
                            .or_default()
                            .entry(part)
                            .or_default()
                            .push(q);
                    }
                    Kind::Level => levels
                        .entry(q.year)
                        .or_default()
                        .entry(part)
                        .or_default()
                        .push(q),
                    _ => {}
                }
            }
            for (year, by_part) in &shares {
                let Some(one) = complete(p, by_part) else {
                    continue;
                };
                let sum = one
                    .iter()
                    .map(|q| q.value.interval())
                    .reduce(|a, b| a + b)
                    .expect("a partition has parts");
                if sum.widen(ctx.tolerance.share).contains(100.0) {
                    continue;
                }
                let exact: f64 = one.iter().map(|q| q.value.to_f64()).sum();
                let decimals = one.iter().map(|q| q.value.decimals()).max().unwrap_or(0);
                let terms: Vec<&str> = one.iter().map(|q| q.text.as_str()).collect();
                let when = year.map(|y| format!("{y}年")).unwrap_or_default();
                let mut v = Violation::new(
                    one[0].span,
                    format!(
                        "{}与其他部分占{whole_name}{when}{name}的比重之和为 {}%（{}），不等于 100%",
                        quote(&one[0].text),
                        format_fixed(exact, decimals),
                        terms.join(" + ")
                    ),
                );
                for q in &one[1..] {
                    v = v.label(ctx.file, q.span, "同一整体的另一部分");
                }
                sink.push(
                    v.label(ind.file, p.span, "指标文件中的划分")
                        .help("核对各部分的占比"),
                );
            }
            for (year, by_part) in &levels {
                let Some(one) = complete(p, by_part) else {
                    continue;
                };
                let Some(whole) = ind.figure(p.whole, m, *year) else {
                    continue;
                };
                let parts: Option<Vec<_>> =
                    one.iter().map(|q| q.base_interval(ctx.lexicon)).collect();
                let (Some(parts), Some(w)) = (parts, whole.base_interval(ctx.lexicon)) else {
                    continue;
                };
                let sum = parts
                    .into_iter()
                    .reduce(|a, b| a + b)
                    .expect("a partition has parts");
                if sum.widen_relative(ctx.tolerance.relative).intersects(w) {
                    continue;
                }
                let terms: Vec<&str> = one.iter().map(|q| q.text.as_str()).collect();
                let mut v = Violation::new(
                    one[0].span,
                    format!(
                        "{}与其他部分之和（{}）与{whole_name}的{}不符",
                        quote(&one[0].text),
                        terms.join(" + "),
                        quote(&whole.text)
                    ),
                );
                for q in &one[1..] {
                    v = v.label(ctx.file, q.span, "同一整体的另一部分");
                }
                sink.push(
                    v.label(ind.file, whole.span, "整体（指标文件）")
                        .help("核对各部分和整体的数值"),
                );
            }
        }
    }
}

/// One statement for every part of the partition, in the partition's order;
/// `None` if a part is missing or stated with different values.
fn complete<'a>(
    p: &Partition,
    by_part: &BTreeMap<usize, Vec<&'a Quantity>>,
) -> Option<Vec<&'a Quantity>> {
    p.parts
        .iter()
        .map(|part| {
            let qs = by_part.get(part)?;
            let first = qs[0];
            qs.iter()
                .all(|q| q.value.same_value(first.value))
                .then_some(first)
        })
        .collect()
}
