//! Comparing two revisions of a plan (`planlint diff`): which findings are
//! new (by fingerprint, see [`crate::baseline`]) and which figures a revision
//! changed in one place but not in another (D101 stale-figure).

use crate::diagnostic::{Diagnostic, FileId};
use crate::extract::decimal::Interval;
use crate::extract::figures;
use crate::extract::Quantities;
use crate::indicators::Indicators;
use crate::packs::Packs;
use crate::rules::{quote, stale_figure_meta, Sink, Violation};

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
    packs: &Packs,
) -> Vec<Diagnostic> {
    let old_index = figures::index(old.quantities, packs);
    let new_index = figures::index(new.quantities, packs);
    let mut out = Vec::new();
    let mut sink = Sink::new(stale_figure_meta(), new.file, &mut out);
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
        let what = figures::describe(subject, *measure, *year, packs);
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
        let Some(fiv) = f.base_interval(packs) else {
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
