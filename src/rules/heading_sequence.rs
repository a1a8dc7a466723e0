//! O101 heading-sequence: numbering gaps, duplicates and restarts in the
//! outline and in the 专栏 / 图 / 表 sequences; half-width brackets among
//! full-width siblings.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::document::{CaptionKind, Heading, MarkerStyle, PartKind};
use crate::source::Span;

pub struct HeadingSequence;

static META: RuleMeta = RuleMeta {
    code: "O101",
    name: "heading-sequence",
    category: Category::Outline,
    summary:
        "Heading, 专栏, 图 or 表 numbers that skip, repeat or go back; half-width heading brackets",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
Within each plan of a file:

- the outline headings 一、 / （一） / 1. / （1） count 1, 2, 3 … under each
  parent heading, restarting when the parent changes; a number that skips
  (（二） then （四）), repeats, goes back, or does not start at 1 is an error;
- 专栏 N, 图 N and 表 N count 1, 2, 3 … through the plan;
- a heading written with half-width brackets, (一), where the plan's other
  headings of that level use full-width （一）, is a warning.

Numbered items inside a 专栏 box (1. 2. …) are counted on their own, so a box
that restarts at 1. does not break the numbering of the text around it. A
file holding several plans restarts every count at each plan's title.

## Why it matters
A plan is cited by its numbers (第三部分第（二）节, 专栏 5). A skipped or
repeated number sends readers to the wrong place, and usually means a section
was deleted or moved without renumbering.

## Example
```bad
一、规划背景

（一）发展基础。

（三）机遇挑战。

(四) 发展目标。
```

```good
一、规划背景

（一）发展基础。

（二）机遇挑战。

（三）发展目标。
```

## Fix safety
Half-width brackets get a safe fix to full-width brackets (and drop the space
after them). Numbering problems have no fix: renumbering may need the
following headings and their cross-references renumbered too.

## Options
None yet.
"#,
};

impl Rule for HeadingSequence {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let doc = ctx.document;
        let headings = doc.by_plan(&doc.headings, |h| h.plan);
        let captions = [CaptionKind::Box, CaptionKind::Figure, CaptionKind::Table]
            .map(|k| (k, doc.by_plan(doc.captions(k), |c| c.plan)));
        for plan in 0..doc.plans.len() {
            let plan_headings = &doc.headings[headings[plan].clone()];
            // A table's numbers are its cells, read in the order the
            // flattened rows give them: no sequence to check.
            let numbered: Vec<&Heading> = plan_headings
                .iter()
                .filter(|h| doc.parts[h.part].kind != PartKind::Table)
                .collect();
            check_outline(ctx, sink, &numbered);
            for (kind, ranges) in &captions {
                let kind = *kind;
                let mut seq = Sequence::default();
                let plan_captions = &doc.captions(kind)[ranges[plan].clone()];
                for (i, c) in plan_captions.iter().enumerate() {
                    let marker = ctx.text(c.label).to_owned();
                    // In the caption's own spacing: 专栏 2 beside 专栏 3.
                    let gap = marker
                        .get(kind.word().len()..)
                        .unwrap_or("")
                        .trim_end_matches(|c: char| c.is_ascii_digit());
                    let expected = |n: u32| format!("{}{gap}{n}", kind.word());
                    let next = plan_captions.get(i + 1).map(|c| c.number);
                    seq.step(ctx, sink, (c.number, next), c.label, &marker, expected);
                }
            }
            check_brackets(ctx, sink, plan_headings);
        }
    }
}

/// The previous sibling: its number, marker span and text.
#[derive(Clone)]
struct Prev {
    number: u32,
    span: Span,
    marker: String,
}

#[derive(Default, Clone)]
struct Sequence {
    last: Option<Prev>,
}

impl Sequence {
    fn expected(&self) -> u32 {
        self.last.as_ref().map_or(1, |p| p.number + 1)
    }

    /// Checks the next number and remembers it, so that one slip is reported
    /// once and the numbers after it are read from where the text is. `next`
    /// is the number of the sibling after it: a single wrong number between
    /// two that agree (二十三, 二十五, 二十五) is one misnumbered heading,
    /// reported once, and the count goes on from the number it should have.
    fn step(
        &mut self,
        ctx: &Context<'_>,
        sink: &mut Sink<'_>,
        (number, next): (u32, Option<u32>),
        span: Span,
        marker: &str,
        expected_marker: impl Fn(u32) -> String,
    ) {
        let expected = self.expected();
        let misnumbered = number != expected && next == Some(expected + 1);
        if misnumbered {
            let q = quote(marker);
            let mut v = Violation::new(
                span,
                format!(
                    "{q}编号有误：前后编号表明应为{}",
                    quote(&expected_marker(expected))
                ),
            )
            .help(format!("改为{}", quote(&expected_marker(expected))));
            if let Some(prev) = &self.last {
                v = v.label(ctx.file, prev.span, "上一个同级编号");
            }
            sink.push(v);
            self.last = Some(Prev {
                number: expected,
                span,
                marker: expected_marker(expected),
            });
            return;
        }
        if number != expected {
            let q = quote(marker);
            let v = match &self.last {
                None => Violation::new(span, format!("{q}前没有{}", quote(&expected_marker(1))))
                    .help(format!("编号应从{}开始", quote(&expected_marker(1)))),
                Some(prev) if number > prev.number => {
                    let missing: Vec<String> =
                        (prev.number + 1..number).map(&expected_marker).collect();
                    Violation::new(span, format!("{q}跳号：上一个是{}", quote(&prev.marker)))
                        .label(ctx.file, prev.span, "上一个同级编号")
                        .help(format!(
                            "补上{}，或把编号改为{}",
                            missing
                                .iter()
                                .map(|m| quote(m))
                                .collect::<Vec<_>>()
                                .join("、"),
                            quote(&expected_marker(expected))
                        ))
                }
                Some(prev) if number == prev.number => {
                    Violation::new(span, format!("{q}与上一个重号"))
                        .label(ctx.file, prev.span, "上一个同级编号")
                        .help(format!("改为{}", quote(&expected_marker(expected))))
                }
                Some(prev) => Violation::new(
                    span,
                    format!("{q}编号倒退：上一个是{}", quote(&prev.marker)),
                )
                .label(ctx.file, prev.span, "上一个同级编号")
                .help(format!("改为{}", quote(&expected_marker(expected)))),
            };
            sink.push(v);
        }
        self.last = Some(Prev {
            number,
            span,
            marker: marker.to_owned(),
        });
    }
}

/// Checks each numbering group of the plan's headings as one sequence: the
/// outline's groups (siblings under one parent) and the enumerations inside
/// the text that reuse heading markers (see `document::outline::Group`). A
/// group starts at 1, or, for a level numbered straight through the plan,
/// after the previous group's last number.
fn check_outline(ctx: &Context<'_>, sink: &mut Sink<'_>, headings: &[&Heading]) {
    let groups = &ctx.document.groups;
    let mut size: std::collections::HashMap<usize, usize> = Default::default();
    for h in headings {
        *size.entry(h.group).or_default() += 1;
    }
    // A one-item "enumeration" that restarted an open sequence is a
    // heading numbered back to 1: it is checked in that sequence.
    let group_of = |h: &Heading| match groups[h.group].outer {
        Some(outer) if size[&h.group] == 1 => outer,
        _ => h.group,
    };
    // The number of the next heading of the same sequence.
    let mut next: Vec<Option<u32>> = vec![None; headings.len()];
    let mut later: std::collections::HashMap<usize, u32> = Default::default();
    for (i, h) in headings.iter().enumerate().rev() {
        next[i] = later.insert(group_of(h), h.number);
    }
    let mut seqs: std::collections::HashMap<usize, Sequence> = Default::default();
    for (i, (h, next)) in headings.iter().zip(next).enumerate() {
        let group = group_of(h);
        let seq = seqs.entry(group).or_insert_with(|| {
            // A level numbered straight through the plan goes on from the
            // last number of the previous parent: a first number past it
            // (第五章 after 第三章 under the last 篇) is read on from there.
            let carried = ctx.document.groups[h.group].carried;
            let prev = headings[..i]
                .iter()
                .rev()
                .find(|o| o.level == h.level && !groups[o.group].inline);
            match (carried, prev) {
                (Some(n), Some(prev)) if h.number > n && prev.number == n => Sequence {
                    last: Some(Prev {
                        number: n,
                        span: prev.marker,
                        marker: ctx.text(prev.marker).to_owned(),
                    }),
                },
                _ => Sequence::default(),
            }
        });
        let marker = ctx.text(h.marker).to_owned();
        let style = h.style;
        seq.step(ctx, sink, (h.number, next), h.marker, &marker, |n| {
            style.marker(n)
        });
    }
}

/// Half-width （一） brackets where the plan's other headings of that level
/// are full-width.
fn check_brackets(ctx: &Context<'_>, sink: &mut Sink<'_>, headings: &[Heading]) {
    let headings: Vec<&Heading> = headings
        .iter()
        .filter(|h| {
            matches!(
                h.style,
                MarkerStyle::ChineseParen { .. } | MarkerStyle::ArabicParen { .. }
            )
        })
        .collect();
    for h in headings.iter().filter(|h| h.style.is_half_width()) {
        let full = h.style.full_width();
        let Some(sibling) = headings
            .iter()
            .find(|o| o.level == h.level && o.style == full)
        else {
            continue;
        };
        let text = &ctx.source.text;
        let spaces =
            text[h.marker.end..].len() - text[h.marker.end..].trim_start_matches(' ').len();
        let replacement = full.marker(h.number);
        sink.push(
            Violation::new(
                h.marker,
                format!(
                    "{}用了半角括号，同级标题用全角括号",
                    quote(ctx.text(h.marker))
                ),
            )
            .label(ctx.file, sibling.marker, "同级标题用全角括号")
            .help(format!("改为{}", quote(&replacement)))
            .fix(Fix::replace(
                Span::new(h.marker.start, h.marker.end + spaces),
                replacement,
                Applicability::Safe,
            ))
            .severity(Severity::Warning),
        );
    }
}
