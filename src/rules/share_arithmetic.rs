//! N101 share-arithmetic: a share (占全省的 x%) that its own part and whole
//! contradict.

use std::collections::HashMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{FileId, Severity};
use crate::extract::decimal::{consensus, format_fixed, Interval};
use crate::extract::number::NumUnit;
use crate::extract::{Kind, Quantity};
use crate::source::Span;

pub struct ShareArithmetic;

/// Agreeing shares named in a message (the nearest ones).
const MAX_SHOWN: usize = 3;

static META: RuleMeta = RuleMeta {
    code: "N101",
    name: "share-arithmetic",
    category: Category::Quantities,
    summary: "A share (占全省的 x%) that the part and whole it is computed from contradict",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A share stated against a whole, 占全省的41.09%, must agree with the figures it
is computed from. Two ways:

- **part and whole both stated**: the part (the region's 总人口 of that year)
  and the whole (全省总人口 of the same year) are in the text; part ÷ whole
  must round to the stated share;
- **several shares of the same whole**: each region's figure divided by its
  share implies a value of the whole (1050.53万人 ÷ 41.09% ≈ 2556.7万人);
  the shares of the same measure and year against the same whole must imply
  the same whole. A share whose implied whole disagrees with the others' is
  reported, with the arithmetic.

Values are compared as intervals of their printed precision (41.09 means
41.085–41.095), so honest rounding never fires. A share that is the right
value cut off instead of rounded (41.98 for 41.988) is an info finding.
Shares with bounds (50%以上) and ranges are not checked.

## Why it matters
Shares are recomputed by hand when figures are revised; a share left from an
earlier draft, or a transposed digit (41.09 for 41.99), is invisible unless
someone redoes the division.

## Example
```bad
2020年末，全省常住人口2501.98万人。本区域2020年末总人口1050.53万人，占全省的41.09%。
```

```good
2020年末，全省常住人口2501.98万人。本区域2020年末总人口1050.53万人，占全省的41.99%。
```

## Fix safety
No fix: either the share or one of the figures may be wrong.

## Options
None yet. With an indicator file (planned), the whole comes from the file.
"#,
};

impl Rule for ShareArithmetic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let q = ctx.facts.quantities();
        let items = &q.items;
        // Levels by (subject, measure, year), for finding parts and wholes.
        let mut levels: HashMap<(&str, usize, Option<u32>), Vec<usize>> = HashMap::new();
        for (i, x) in items.iter().enumerate() {
            if let (Kind::Level, Some(s), Some(m)) = (x.kind, x.subject.as_deref(), x.measure) {
                if x.is_point() && x.dimension(ctx.lexicon).is_some() {
                    levels.entry((s, m, x.year)).or_default().push(i);
                }
            }
        }
        let unique = |key: (&str, usize, Option<u32>)| -> Option<usize> {
            match levels.get(&key).map(Vec::as_slice) {
                Some([only]) => Some(*only),
                Some(several) => {
                    // Several mentions are one figure when they agree.
                    let first = &items[several[0]];
                    several[1..]
                        .iter()
                        .all(|&j| {
                            items[j].value.same_value(first.value) && items[j].unit == first.unit
                        })
                        .then_some(several[0])
                }
                None => None,
            }
        };

        // Shares with a whole, a measure and a part to divide.
        type WholeKey<'a> = (&'a str, usize, Option<u32>, String);
        let mut implied: HashMap<WholeKey<'_>, Vec<(usize, usize)>> = HashMap::new();
        for (i, share) in items.iter().enumerate() {
            let (Kind::Share, Some(whole), Some(m), Some(subject)) = (
                share.kind,
                share.whole.as_deref(),
                share.measure,
                share.subject.as_deref(),
            ) else {
                continue;
            };
            if !share.is_point() || share.unit != NumUnit::Percent {
                continue;
            }
            // The part: paired by 分别 or stated just before, else the unique
            // level of the subject.
            let part = share.part.or_else(|| unique((subject, m, share.year)));
            let Some(part) = part else { continue };
            // The whole of the same year, or one stated without a year.
            let whole_level = unique((whole, m, share.year))
                .or_else(|| share.year.and_then(|_| unique((whole, m, None))));
            // The whole as the text states it, else from the indicator file.
            let whole_figure = whole_level
                .map(|w| Whole {
                    text: items[w].text.clone(),
                    span: items[w].span,
                    file: ctx.file,
                    interval: items[w].base_interval(ctx.lexicon),
                    dimension: items[w].dimension(ctx.lexicon).map(|d| d.0),
                })
                .or_else(|| {
                    let ind = ctx.indicators?;
                    let f = ind.figure(ind.region_named(whole)?, m, share.year)?;
                    Some(Whole {
                        text: f.text.clone(),
                        span: f.span,
                        file: ind.file,
                        interval: f.base_interval(ctx.lexicon),
                        dimension: crate::extract::quantity::dimension_of(
                            f.unit,
                            Some(m),
                            ctx.lexicon,
                        )
                        .map(|d| d.0),
                    })
                });
            if let Some(w) = whole_figure {
                check_against_whole(ctx, sink, share, &items[part], &w);
            } else {
                let Some((dimension, _)) = items[part].dimension(ctx.lexicon) else {
                    continue;
                };
                implied
                    .entry((whole, m, share.year, dimension))
                    .or_default()
                    .push((i, part));
            }
        }
        let mut groups: Vec<_> = implied.into_iter().filter(|(_, v)| v.len() >= 2).collect();
        for (_, shares) in &mut groups {
            shares.sort_by_key(|&(s, _)| items[s].span.start);
        }
        groups.sort_by_key(|(_, v)| items[v[0].0].span.start);
        for ((whole, m, _, _), shares) in groups {
            check_implied_wholes(ctx, sink, items, whole, m, &shares);
        }
    }
}

/// The share's interval in percent.
fn share_interval(share: &Quantity) -> Interval {
    share.value.interval()
}

/// The whole a share is of: a figure of the text or of the indicator file.
struct Whole {
    text: String,
    span: Span,
    file: FileId,
    interval: Option<Interval>,
    dimension: Option<String>,
}

/// part ÷ whole × 100, in percent.
fn computed_share(ctx: &Context<'_>, part: &Quantity, whole: &Whole) -> Option<Interval> {
    let (dp, _) = part.dimension(ctx.lexicon)?;
    if Some(&dp) != whole.dimension.as_ref() {
        return None;
    }
    part.base_interval(ctx.lexicon)?
        .checked_div(whole.interval?)
        .map(|i| i.scale(100.0))
}

fn check_against_whole(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    share: &Quantity,
    part: &Quantity,
    whole: &Whole,
) {
    let Some(computed) = computed_share(ctx, part, whole) else {
        return;
    };
    let stated = share_interval(share).widen(ctx.tolerance.share);
    if computed.intersects(stated) {
        return;
    }
    let decimals = share.value.decimals();
    let shown = format!(
        "{} ÷ {} = {}%",
        part.text,
        whole.text,
        format_fixed(computed.mid(), decimals)
    );
    let truncated = computed.intersects(share.value.truncation_interval());
    let mut v = Violation::new(
        share.span,
        if truncated {
            format!(
                "{}是截断值而非四舍五入：{} ÷ {} = {}%",
                quote(&share.text),
                part.text,
                whole.text,
                format_fixed(computed.mid(), decimals + 1)
            )
        } else {
            format!("{}与{}不符", quote(&share.text), quote(&shown))
        },
    )
    .label(ctx.file, part.span, "部分")
    .label(
        whole.file,
        whole.span,
        if whole.file == ctx.file {
            "整体"
        } else {
            "整体（指标文件）"
        },
    )
    .help(if truncated {
        format!("四舍五入应为 {}%", format_fixed(computed.mid(), decimals))
    } else {
        format!(
            "改为 {}%，或核对两个数",
            format_fixed(computed.mid(), decimals)
        )
    });
    if truncated {
        v = v.severity(Severity::Info);
    }
    sink.push(v);
}

/// Shares of one whole (same measure and year): each implies a whole; those
/// outside the largest agreeing group are reported.
fn check_implied_wholes(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    items: &[Quantity],
    whole: &str,
    measure: usize,
    shares: &[(usize, usize)],
) {
    let wholes: Vec<Option<Interval>> = shares
        .iter()
        .map(|&(s, p)| {
            Some(
                items[p]
                    .base_interval(ctx.lexicon)?
                    .checked_div(share_interval(&items[s]).widen(ctx.tolerance.share))?
                    .scale(100.0),
            )
        })
        .collect();
    let known: Vec<(usize, Interval)> = wholes
        .iter()
        .enumerate()
        .filter_map(|(k, w)| w.map(|w| (k, w)))
        .collect();
    if known.len() < 2 {
        return;
    }
    let ivs: Vec<Interval> = known.iter().map(|&(_, w)| w).collect();
    let agree = consensus(&ivs);
    let members = agree.iter().filter(|&&a| a).count();
    // A lone dissent among two is still a contradiction: report the later one.
    if members == known.len() {
        return;
    }
    let measure_name = &ctx.lexicon.measures.measures[measure].name;
    // The agreed whole, in base units: the intersection of the members.
    let agreed = known
        .iter()
        .zip(&agree)
        .filter(|(_, &a)| a)
        .map(|(&(_, w), _)| w)
        .reduce(|a, b| Interval::new(a.lo.max(b.lo), a.hi.min(b.hi)))
        .expect("a consensus has a member");
    for ((k, w), _) in known.iter().zip(&agree).filter(|(_, &a)| !a) {
        let (s, p) = shares[*k];
        let (share, part) = (&items[s], &items[p]);
        let Some((_, factor)) = part.dimension(ctx.lexicon) else {
            continue;
        };
        let decimals = part.printed_decimals().min(2);
        let implied = part.display(w.mid() / factor, decimals);
        // The agreeing shares nearest this one, in text order: a plan may
        // give the same whole many times, and the message names a few.
        let mut near: Vec<(usize, Interval)> = known
            .iter()
            .zip(&agree)
            .filter(|(_, &a)| a)
            .map(|(&m, _)| m)
            .collect();
        let agreeing = near.len();
        near.sort_by_key(|&(k2, _)| items[shares[k2].0].span.start.abs_diff(share.span.start));
        near.truncate(MAX_SHOWN);
        near.sort_by_key(|&(k2, _)| items[shares[k2].0].span.start);
        let mut others: Vec<String> = near
            .iter()
            .map(|&(k2, w2)| {
                let (s2, p2) = shares[k2];
                format!(
                    "{} ÷ {} ≈ {}",
                    items[p2].text,
                    items[s2].text,
                    items[p2].display(w2.mid() / factor, decimals)
                )
            })
            .collect();
        if agreeing > near.len() {
            others.push(format!("另有 {} 处一致", agreeing - near.len()));
        }
        let expected = part
            .base_interval(ctx.lexicon)
            .map(|pi| pi.scale(100.0 / agreed.mid()).mid())
            .map(|x| format_fixed(x, share.value.decimals()));
        let mut v = Violation::new(
            share.span,
            format!(
                "{}与其他占比推算的{whole}{measure_name}不一致：{} ÷ {} ≈ {implied}，而{}",
                quote(&share.text),
                part.text,
                share.text,
                others.join("，")
            ),
        )
        .label(ctx.file, part.span, measure_name.clone());
        for &(k2, _) in &near {
            let (s2, _) = shares[k2];
            v = v.label(ctx.file, items[s2].span, "据此推算的整体与其他各处一致");
        }
        if let Some(e) = expected {
            v = v.help(format!(
                "按其他各处推算，应约为 {e}%；核对“{}”和“{}”",
                share.text, part.text
            ));
        }
        sink.push(v);
    }
}
