//! N103 respectively-count: 分别 with a different number of values than of
//! the things they belong to, or with a single value.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};

pub struct RespectivelyCount;

static META: RuleMeta = RuleMeta {
    code: "N103",
    name: "respectively-count",
    category: Category::Quantities,
    summary: "分别 followed by a different number of values than the items it pairs them with",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
分别 pairs the items before it with the values after it, one to one:
总面积…、总人口…、地区生产总值…，分别占全省的14.33%、41.09%和46.1%.

- n items and m ≠ n values is an error. The items are the list just before
  分别 in its clause (城镇和农村居民人均可支配收入分别…), or else the
  measured figures earlier in the sentence (the three figures of the
  example).
- A single value after 分别 with no list before it (城乡居民人均可支配收入
  年均增长分别达到8%左右) is a warning: nothing is there to pair it with, and
  均 (each) is meant, or values are missing. After a list (化学需氧量、
  氨氮排放量分别下降2%) 分别 means 各自 and one value is correct.
- A 和 inside a 、 list may join two items or belong to a name (信息传输软件
  和信息技术服务业), so such a list counts as a range of items.

## Why it matters
A value dropped or added in revision shifts every pairing after it: the
reader attributes 41.09% to the wrong figure.

## Example
```bad
总面积6.1万平方公里，总人口1050.53万人，地区生产总值4156.7亿元，分别占全省的14.33%和41.09%。

城乡居民人均可支配收入年均增长分别达到8%左右。
```

```good
总面积6.1万平方公里，总人口1050.53万人，地区生产总值4156.7亿元，分别占全省的14.33%、41.99%和46.1%。

城乡居民人均可支配收入年均增长均达到8%左右。
```

## Fix safety
A single value gets a fix replacing 分别 with 均; it is unsafe, since a
value may be missing instead. A count mismatch has no fix.

## Options
None yet.
"#,
};

impl Rule for RespectivelyCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let q = ctx.facts.quantities();
        for g in &q.groups {
            let m = g.values.len();
            let word = quote(ctx.text(g.span));
            // 化学需氧量、氨氮排放量要分别下降2%: after a list, 分别 means
            // 各自 and one value is correct. Without one (城乡居民…分别达到8%)
            // nothing is there to distribute over.
            if m == 1 && g.subjects.len() < 2 {
                let value = &q.items[g.values[0]];
                sink.push(
                    Violation::new(
                        g.span,
                        format!("{word}后只有一个数值{}", quote(&value.text)),
                    )
                    .label(ctx.file, value.span, "唯一的数值")
                    .help("各项数值相同时用“均”；否则补足各项数值")
                    .fix(Fix::replace(g.span, "均", Applicability::Unsafe))
                    .severity(Severity::Warning),
                );
                continue;
            }
            let n = g.subjects.len();
            // The values that pair with the items are one run, joined by 、
            // or 和: 分别从2.1万元、1.1万元提高至3万元 has the run of two
            // starting values and one shared target.
            let runs = runs(
                ctx,
                &g.values.iter().map(|&v| &q.items[v]).collect::<Vec<_>>(),
            );
            let fits = |k: usize| (n..=n + g.extra).contains(&k);
            if n < 2 || m == 1 || fits(m) || runs.iter().any(|&k| fits(k)) {
                continue;
            }
            if runs.iter().all(|&k| k == 1) {
                continue;
            }
            let m = runs.iter().copied().max().unwrap_or(m);
            let items = if g.extra == 0 {
                format!("{n} 项")
            } else {
                format!("{n}～{} 项", n + g.extra)
            };
            let mut v = Violation::new(
                g.span,
                format!("{word}前有 {items}，后有 {m} 个数值，无法一一对应"),
            );
            for (k, &s) in g.subjects.iter().enumerate() {
                v = v.label(ctx.file, s, format!("第 {} 项", k + 1));
            }
            v = v.label(ctx.file, g.values_span, format!("{m} 个数值"));
            sink.push(v.help("补足或删去数值，使前后项数一致"));
        }
    }
}

/// The lengths of the runs of values separated only by 、, 和, 及, 与 or
/// 以及 (and spaces); other words (从 … 提高至, 到) end a run.
fn runs(ctx: &Context<'_>, values: &[&crate::extract::Quantity]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut len = 0;
    for (k, v) in values.iter().enumerate() {
        len += 1;
        let joined = values.get(k + 1).is_some_and(|next| {
            next.span.start >= v.span.end && {
                let between = ctx
                    .text(crate::source::Span::new(v.span.end, next.span.start))
                    .trim_matches(crate::cjk::is_space);
                matches!(between, "、" | "和" | "及" | "与" | "以及" | "，")
            }
        });
        if !joined {
            out.push(len);
            len = 0;
        }
    }
    out
}
