//! D101 stale-figure: a revision changed a figure at one mention and left
//! another mention, or the indicator file, at the old value. Reported by
//! `planlint diff` (`crate::revision`), which sees both revisions.

use super::{Category, Context, FixAvailability, Rule, RuleMeta, Sink};
use crate::diagnostic::Severity;

pub struct StaleFigure;

static META: RuleMeta = RuleMeta {
    code: "D101",
    name: "stale-figure",
    category: Category::Revision,
    summary: "A revision changed a figure in one place and left it at the old value elsewhere",
    severity: Severity::Error,
    fix: FixAvailability::None,
    doc: r#"## What it checks
`planlint diff OLD NEW` compares the figures of two revisions of a plan: the
statements of one measure of one subject for one year (as figure-conflict
groups them). When every statement of a figure in OLD agrees on a value, and
NEW changes some of them to a new value but leaves others at the old one,
each statement left behind is reported, with the changed one labelled. When
NEW changes all of them and the indicator file still holds the old value,
the indicator file's figure is reported.

Values compare as intervals of their printed precision, so 2291.4亿元 and
2291.40亿元 are one value.

## Why it matters
A corrected figure is usually corrected where the editor saw it: the
preamble, not the table; the text, not the data file. figure-conflict sees
the two values disagree; this rule says which one is the stale one.

## Example
OLD says 地区生产总值2291.4亿元 in the preamble and in the background section.
NEW says 2391.4亿元 in the preamble and still 2291.4亿元 in the background:

```text
error[D101/stale-figure] “2291.4亿元”仍是修订前的数值：本次修订已在别处改为“2391.4亿元”
```

## Fix safety
No fix: the revision may itself be the mistake.

## Options
None.
"#,
};

impl Rule for StaleFigure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// It needs two revisions; `planlint diff` reports it.
    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}
}
