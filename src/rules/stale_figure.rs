//! D101 stale-figure: a revision changed a figure at one mention and left
//! another mention, or the indicator file, at the old value. Reported by
//! `planlint diff` ([`stale_figures`]), which sees both revisions.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::extract::decimal::Interval;
use crate::extract::{figures, Quantities};
use crate::indicators::Indicators;
use crate::lexicon::Lexicon;

pub struct StaleFigure;

static META: RuleMeta = RuleMeta {
    code: "D101",
    name: "stale-figure",
    category: Category::Revision,
    summary: "A revision changed a figure in one place and left it at the old value elsewhere",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
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

/// The common value of intervals, when they have one.
fn common(ivs: impl IntoIterator<Item = Interval>) -> Option<Interval> {
    ivs.into_iter()
        .try_fold(None, |acc: Option<Interval>, iv| match acc {
            None => Some(Some(iv)),
            Some(a) if a.intersects(iv) => Some(Some(Interval {
                lo: a.lo.max(iv.lo),
                hi: a.hi.min(iv.hi),
            })),
            Some(_) => None,
        })?
}

/// One side of the comparison: a file's quantities.
pub struct Side<'a> {
    pub file: FileId,
    pub quantities: &'a Quantities,
}

/// D101 findings: figures of `new` changed from their value in `old` at some
/// mentions and left at it at others, or changed everywhere in the text while
/// the indicator file of `new` still holds the old value.
pub fn stale_figures(
    old: &Side<'_>,
    new: &Side<'_>,
    indicators: Option<&Indicators>,
    lexicon: &Lexicon,
) -> Vec<Diagnostic> {
    let old_index = figures::index(old.quantities, lexicon);
    let new_index = figures::index(new.quantities, lexicon);
    let mut out = Vec::new();
    let mut sink = Sink::new(&META, new.file, &mut out);
    for (key, mentions) in &new_index {
        let Some(before) = old_index.get(key) else {
            continue;
        };
        // The old revision must agree with itself on one value.
        let Some(was) = common(before.iter().map(|m| m.1)) else {
            continue;
        };
        let old_q = &old.quantities.items[before[0].0];
        type Mention<'m> = &'m (usize, Interval);
        let (same, changed): (Vec<Mention<'_>>, Vec<Mention<'_>>) =
            mentions.iter().partition(|m| m.1.intersects(was));
        if changed.is_empty() || common(changed.iter().map(|m| m.1)).is_none() {
            continue;
        }
        let mut changed = changed;
        changed.sort_by_key(|m| new.quantities.items[m.0].span.start);
        let now = &new.quantities.items[changed[0].0];
        let (subject, measure, year, ..) = key;
        let what = figures::describe(subject, *measure, *year, lexicon);
        for m in &same {
            let q = &new.quantities.items[m.0];
            sink.push(
                Violation::new(
                    q.span,
                    format!(
                        "{}仍是修订前的数值：本次修订已在别处改为{}（{what}）",
                        quote(&q.text),
                        quote(&now.text)
                    ),
                )
                .label(new.file, now.span, "已改为此值")
                .label(old.file, old_q.span, "修订前")
                .help(format!("核对此处是否也应改为{}", quote(&now.text))),
            );
        }
        if !same.is_empty() {
            continue;
        }
        // Changed everywhere in the text: is the indicator file behind?
        let Some(ind) = indicators else {
            continue;
        };
        let Some(region) = ind.region_named(subject) else {
            continue;
        };
        let Some(f) = ind.figure(region, *measure, *year) else {
            continue;
        };
        let Some(fiv) = f.base_interval(lexicon) else {
            continue;
        };
        let Some(now_iv) = common(changed.iter().map(|m| m.1)) else {
            continue;
        };
        if fiv.intersects(was) && !fiv.intersects(now_iv) {
            sink.push(
                Violation::new(
                    f.span,
                    format!(
                        "指标文件仍是修订前的数值{}：正文已改为{}（{what}）",
                        quote(&f.text),
                        quote(&now.text)
                    ),
                )
                .in_file(ind.file)
                .label(new.file, now.span, "正文已改为此值")
                .label(old.file, old_q.span, "修订前")
                .help("核对后同步修改指标文件"),
            );
        }
    }
    out
}
