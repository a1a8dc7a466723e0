//! O101 heading-sequence: numbering gaps, duplicates and restarts in the
//! outline and in the 专栏 / 图 / 表 sequences; half-width brackets among
//! full-width siblings.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::document::{Caption, CaptionKind, Heading, Level, MarkerStyle};
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
        let boxes = doc.by_plan(&doc.boxes, |b| b.plan);
        let captions = [CaptionKind::Box, CaptionKind::Figure, CaptionKind::Table]
            .map(|k| (k, doc.by_plan(doc.captions(k), |c| c.plan)));
        for plan in 0..doc.plans.len() {
            let plan_headings = &doc.headings[headings[plan].clone()];
            check_outline(ctx, sink, plan_headings, &doc.boxes[boxes[plan].clone()]);
            for (kind, ranges) in &captions {
                let kind = *kind;
                let mut seq = Sequence::default();
                for c in &doc.captions(kind)[ranges[plan].clone()] {
                    let marker = ctx.text(c.label).to_owned();
                    let expected = |n: u32| format!("{}{n}", kind.word());
                    seq.step(ctx, sink, c.number, c.label, &marker, expected);
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
    /// once and the numbers after it are read from where the text is.
    fn step(
        &mut self,
        ctx: &Context<'_>,
        sink: &mut Sink<'_>,
        number: u32,
        span: Span,
        marker: &str,
        expected_marker: impl Fn(u32) -> String,
    ) {
        let expected = self.expected();
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

    fn would_accept(&self, number: u32) -> bool {
        number == self.expected()
    }
}

/// Walks the plan's headings with a sequence per level, cleared when the
/// parent changes. Items after a 专栏 caption count in the box's own
/// sequences until a level-1 or level-2 heading, or until an item continues
/// the text's numbering instead.
fn check_outline(ctx: &Context<'_>, sink: &mut Sink<'_>, headings: &[Heading], boxes: &[Caption]) {
    let mut text_seq: [Sequence; 5] = Default::default();
    let mut box_seq: [Sequence; 5] = Default::default();
    let mut in_box = false;
    let mut boxes = boxes.iter().peekable();
    for h in headings {
        while boxes.next_if(|b| b.label.start < h.marker.start).is_some() {
            in_box = true;
            box_seq = Default::default();
        }
        let depth = h.level.depth();
        if h.level <= Level::Two {
            in_box = false;
        }
        let use_box = in_box && {
            let in_box_ok = box_seq[depth].would_accept(h.number);
            let in_text_ok = text_seq[depth].would_accept(h.number);
            if !in_box_ok && in_text_ok {
                in_box = false;
            }
            in_box
        };
        let seqs = if use_box { &mut box_seq } else { &mut text_seq };
        let marker = ctx.text(h.marker).to_owned();
        let style = h.style;
        seqs[depth].step(ctx, sink, h.number, h.marker, &marker, |n| style.marker(n));
        for deeper in seqs.iter_mut().skip(depth + 1) {
            *deeper = Sequence::default();
        }
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
