//! W107 retired-name: the name of a national body that was renamed, merged
//! or abolished before the document's date (环境保护部 in a plan of 2026),
//! from `rules/bodies.toml`.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::source::Span;

pub struct RetiredName;

static META: RuleMeta = RuleMeta {
    code: "W107",
    name: "retired-name",
    category: Category::Words,
    summary: "The name of a national body retired before the document's date (环境保护部 in 2026)",
    severity: Severity::Error,
    fix: FixAvailability::Always,
    tier: Tier::Default,
    doc: r#"## What it checks
A national body that was renamed, merged or abolished
(`rules/bodies.toml`: the NPC's decisions on the State Council's reforms of
1998, 2003, 2008, 2013, 2018 and 2023) named by its old name, full or
short (环境保护部, 银保监会), in a document dated after the change. The date
is the document's own: its 发布日期, the date of its approval line
(…人民代表大会…批准), a line that is only a date under the title or at the
end; failing those, a plan of a five-year period is dated no earlier than
the October before the period (a 十五五 plan: 2025-10). A document with no
date is not checked.

Left alone: the old name after 原 or 前 (原环境保护部), inside 《》 (the
title of a document it issued), in a sentence about the change itself
(组建, 不再保留, 更名, 划入, 整合), a name inside a current one (建设部 in
住房和城乡建设部) and department words (农业部门, 交通部分).

## Why it matters
A plan that names a body abolished years before reads as copied from an
old text, and points readers at an office that no longer exists.

## Example
```bad
发布日期：2026-02-10
由环境保护部、国土资源部会同有关部门组织实施。
```

```good
发布日期：2026-02-10
由生态环境部、自然资源部会同有关部门组织实施，原环境保护部印发的《规划》同时废止。
```

## Fix safety
The fix writes the successor's name; it is unsafe, since the old body's
work may have gone to more than one body.

## Options
None.
"#,
};

/// How far around a name its sentence is looked for, in bytes.
const CONTEXT_BYTES: usize = 300;

/// Words of a sentence about the change itself.
const CHANGE_WORDS: &[&str] = &[
    "组建",
    "不再保留",
    "更名",
    "改为",
    "划入",
    "整合",
    "撤销",
    "合并",
    "改革",
];

impl Rule for RetiredName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let Some(date) = ctx.facts.date() else {
            return;
        };
        let bodies = ctx.lexicon.bodies();
        // One pass over the whole text: retired names are rare, and a name
        // is never cut by a line break in the texts read (a page-wrapped
        // name is missed, not misread).
        let t = ctx.source.text.as_str();
        for hit in bodies.find(t) {
            let until = bodies.until[hit.body];
            if date.date <= until {
                continue;
            }
            let lo = crate::cjk::floor_boundary(t, hit.start.saturating_sub(CONTEXT_BYTES));
            let hi = crate::cjk::ceil_boundary(t, (hit.end + CONTEXT_BYTES).min(t.len()));
            let before = &t[lo..hit.start];
            if before.ends_with(['原', '前']) || super::within_title_marks(before) {
                continue;
            }
            let ends = ['。', '；', '！', '？', '\n'];
            let s = before.rfind(ends).map_or(lo, |i| {
                lo + i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
            let e = t[hit.end..hi].find(ends).map_or(hi, |i| hit.end + i);
            if CHANGE_WORDS.iter().any(|w| t[s..e].contains(w)) {
                continue;
            }
            let b = &bodies.bodies[hit.body];
            let span = Span::new(hit.start, hit.end);
            let (y, m, d) = until;
            let when = date.describe();
            let mut v = Violation::new(
                span,
                format!(
                    "{}已于{y}年{m}月{d}日撤销或更名，应为{}",
                    quote(&t[hit.start..hit.end]),
                    quote(&b.successor)
                ),
            )
            .help(format!("{when}；依据：{}", b.source))
            .fix(Fix::replace(
                span,
                b.successor.clone(),
                Applicability::Unsafe,
            ));
            if let Some(at) = date.span {
                v = v.label(ctx.file, at, "本文件的日期");
            }
            sink.push(v);
        }
    }
}
