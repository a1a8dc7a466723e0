//! O104 part-reference: a reference in the text to a 专栏, 表, 图 or
//! 篇/章/节 of the plan that the plan does not have.

use super::{Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::document::MarkerStyle;
use crate::extract::references::{self, Target};
use crate::source::Span;

pub struct PartReference;

static META: RuleMeta = RuleMeta {
    code: "O104",
    name: "part-reference",
    category: Category::Outline,
    summary: "A reference (见专栏7, 如表3所示, 详见第五章) to a 专栏, 表, 图 or chapter the plan does not have",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A reference in running text to a numbered part of the same plan — 见专栏3,
（专栏3）, 如表2所示, 见图1, 详见第五章, 本规划第三章 — must name a part the
plan has: a 专栏, 表 or 图 caption with that number, or a 篇/章/节 heading with
that number. References are checked only against kinds of parts the plan
numbers (a plan with no 表 captions has its tables elsewhere), and 表 or 图
only where they stand as a reference (after 见, 如, a bracket or a comma; 代表
and 蓝图 are words).

## Why it matters
Boxes and tables are renumbered when one is added or dropped; the references
to them in the text are easy to miss, and a reader sent to 专栏7 of a plan
with six boxes cannot find what the sentence relies on.

## Example
```bad
“十四五”示例发展规划

一、重点工程

加快建设综合交通网络（见专栏2）。

专栏 1 交通工程
```

```good
“十四五”示例发展规划

一、重点工程

加快建设综合交通网络（见专栏1）。

专栏 1 交通工程
```

## Fix safety
No fix: the reference or the numbering may be the one that is wrong.

## Options
None yet.
"#,
};

impl Rule for PartReference {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let doc = ctx.document;
        for r in references::find_all(doc, &ctx.source.text) {
            // The parts of that kind the plan numbers: (number, span).
            let parts: Vec<(u32, Span)> = match r.target {
                Target::Caption(kind) => doc
                    .captions(kind)
                    .iter()
                    .filter(|c| c.plan == r.plan)
                    .map(|c| (c.number, c.span()))
                    .collect(),
                Target::Division(division) => doc
                    .headings
                    .iter()
                    .filter(|h| h.plan == r.plan)
                    .filter(|h| matches!(h.style, MarkerStyle::Ordinal { unit, .. } if unit == division))
                    .map(|h| (h.number, h.span()))
                    .collect(),
            };
            let Some(&(_, last)) = parts.last() else {
                continue;
            };
            if parts.iter().any(|&(n, _)| n == r.number) {
                continue;
            }
            let max = parts.iter().map(|&(n, _)| n).max().unwrap_or(0);
            let what = ctx.text(r.span);
            sink.push(
                Violation::new(r.span, format!("本规划没有“{what}”（同类编号止于{max}）"))
                    .label(ctx.file, last, "最后一个同类编号")
                    .help("核对引用的编号；增删专栏、表、图或章节后，正文中的引用要随之改动"),
            );
        }
    }
}
