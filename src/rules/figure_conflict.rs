//! N105 figure-conflict: the same measure of the same subject for the same
//! year stated twice with incompatible values.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::decimal::{consensus, Interval};
use crate::extract::figures;

pub struct FigureConflict;

static META: RuleMeta = RuleMeta {
    code: "N105",
    name: "figure-conflict",
    category: Category::Quantities,
    summary: "The same figure (measure, region, year) stated twice with incompatible values",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Two statements of the same measure, for the same region and the same year,
of the same kind (a level, or a share of the same whole), must agree within
their printed precision: 2291.4亿元 and 2291.4 亿元 agree; 25.41% and 约25.4%
agree; 2291.4 and 2219.4 do not. Units are converted first (6.1万平方公里 =
61000平方公里).

Only statements with a stated year are compared (except for measures marked
`timeless`, such as 总面积), and never a target with a fact, a range, or a
bound (以上). When three or more agree and one does not,
the odd one is reported; when two disagree, the later one is, with the
earlier labelled.

## Why it matters
Plans repeat their key figures in the preamble, the background and the
tables. A figure corrected in one place and not another leaves the plan
contradicting itself.

## Example
```bad
2020年末，本区域地区生产总值2291.4亿元。

2020年，本区域地区生产总值2219.4亿元，比上年增长3.9%。
```

```good
2020年末，本区域地区生产总值2291.4亿元。

2020年，本区域地区生产总值2291.4亿元，比上年增长3.9%。
```

## Fix safety
No fix: either statement may be the wrong one.

## Options
None yet.
"#,
};

impl Rule for FigureConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let q_all = ctx.facts.quantities();
        let items = &q_all.items;
        let index = figures::index(q_all, ctx.lexicon);
        for ((subject, measure, year, _, _, _), mut mentions) in index {
            if mentions.len() < 2 {
                continue;
            }
            // In text order, so that "the earlier one" is what a reader sees first.
            mentions.sort_by_key(|&(i, _)| items[i].span.start);
            let ivs: Vec<Interval> = mentions.iter().map(|m| m.1).collect();
            let agree = consensus(&ivs);
            let Some(reference) = mentions
                .iter()
                .zip(&agree)
                .find(|(_, &a)| a)
                .map(|(m, _)| m.0)
            else {
                continue;
            };
            let what = figures::describe(subject, measure, year, ctx.lexicon);
            for (&(i, _), _) in mentions.iter().zip(&agree).filter(|(_, &a)| !a) {
                let (q, r) = (&items[i], &items[reference]);
                sink.push(
                    Violation::new(
                        q.span,
                        format!("{}与{}不一致（{what}）", quote(&q.text), quote(&r.text)),
                    )
                    .label(ctx.file, r.span, "另一处")
                    .help("核对两处数字，统一为正确的一个"),
                );
            }
        }
    }
}
