//! N102 share-sum: parts that must total 100 and do not.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Violation};
use crate::diagnostic::Severity;
use crate::extract::decimal::format_fixed;

pub struct ShareSum;

static META: RuleMeta = RuleMeta {
    code: "N102",
    name: "share-sum",
    category: Category::Quantities,
    summary: "A structure ratio (三次产业结构比 a：b：c) whose parts do not total 100",
    severity: Severity::Error,
    fix: FixAvailability::None,
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
None yet. With an indicator file (planned), the shares of a partition of
regions (three plans' shares of 全省) are summed too.
"#,
};

/// Words before a ratio that make it a partition of a whole.
const PARTITION_WORDS: &[&str] = &["结构", "构成", "比例", "占比"];

impl Rule for ShareSum {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
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
            if sum.contains(100.0) {
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
