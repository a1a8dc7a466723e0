//! The kinds of pack rules, one file each. A kind is the Rust that runs a
//! `[[rule]]`; the pack supplies its data and messages.

pub mod consistency;
pub mod existence;
pub mod fullwidth;
pub mod halfwidth;
pub mod heading_period;
pub mod substitution;
pub mod unpaired;
pub mod year_zero;

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rules::pack::rule::PackRule;
use crate::rules::{quote, Context, Sink, Violation};
use crate::source::Span;

/// Byte ranges inside “…”, ‘…’ and 《…》 in `t`: a replacement there changes
/// a quotation or a title, so its fix is never safe.
/// The one regular expression a kind written in Rust searches with, if it
/// has one: it joins the packs' pattern set.
pub fn fixed_pattern(kind: &str) -> Option<&'static str> {
    match kind {
        "year-zero" => Some(year_zero::PATTERN),
        "fullwidth-digits" => Some(fullwidth::PATTERN),
        _ => None,
    }
}

/// For the set group `key`: whether its pattern `i` may match in text unit
/// `unit` (true when the set cannot tell).
pub fn may_match<'c>(
    ctx: &'c crate::rules::Context<'_>,
    key: &str,
) -> impl Fn(usize, usize) -> bool + 'c {
    let first = ctx.packs.pattern_set(ctx.lexicon).slot(key);
    let hits = first.map(|_| ctx.pattern_hits());
    move |unit, i| match (first, hits) {
        (Some(first), Some(hits)) => hits.get(unit, first + i),
        _ => true,
    }
}

pub fn quoted_ranges(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, c) in t.char_indices() {
        let close = match c {
            '“' | '‘' | '《' => {
                open.push((c, i));
                continue;
            }
            '”' => '“',
            '’' => '‘',
            '》' => '《',
            _ => continue,
        };
        if let Some(pos) = open.iter().rposition(|&(o, _)| o == close) {
            let (_, start) = open[pos];
            open.truncate(pos);
            out.push((start, i + c.len_utf8()));
        }
    }
    out.sort_unstable();
    out
}

/// Whether `at` lies inside one of `ranges`.
pub fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    ranges.iter().any(|&(a, b)| a < at && at < b)
}

/// The rule's applicability, made unsafe inside a quotation or title.
pub fn applicability(rule: Option<Applicability>, quoted: bool) -> Option<Applicability> {
    rule.map(|a| if quoted { Applicability::Unsafe } else { a })
}

/// One occurrence of a writing convention a rule corrects: where, as
/// written, and as it should be.
pub struct Occurrence {
    pub span: Span,
    /// What the fix replaces: the span, or more (the spaces after a
    /// half-width comma go with it).
    pub fix_span: Span,
    pub found: String,
    pub fixed: String,
}

/// How many occurrences make a file's own convention, reported once.
const CONVENTION_MIN: usize = 3;

/// Reports the occurrences of a convention rule. A file that writes this
/// way throughout (`consistent`, and at least three times) gets one finding
/// at the first occurrence, with the count, the next occurrences as labels
/// and one fix for all of them: an editor wants to know the file's
/// convention once, not see it 900 times. Otherwise each occurrence is a
/// slip of its own and is reported where it stands.
pub fn report_convention(
    rule: &PackRule,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    mut occurrences: Vec<Occurrence>,
    consistent: bool,
    what: &str,
) {
    // Text units come paragraphs first, then headings: document order here.
    occurrences.sort_by_key(|o| o.span.start);
    if occurrences.len() >= CONVENTION_MIN && consistent {
        let first = &occurrences[0];
        let mut v = Violation::new(
            first.span,
            format!(
                "全文 {} 处{what}（如{}）",
                occurrences.len(),
                quote(&first.found)
            ),
        )
        .help(format!(
            "{}；--fix 一并改正全部 {} 处",
            PackRule::fill(&rule.def.help, &first.found, &first.fixed),
            occurrences.len()
        ));
        for o in occurrences.iter().skip(1).take(2) {
            v = v.label(ctx.file, o.span, "同样写法");
        }
        if let Some(a) = rule.applicability() {
            v = v.fix(Fix {
                applicability: a,
                edits: occurrences
                    .iter()
                    .map(|o| Edit {
                        span: o.fix_span,
                        replacement: o.fixed.clone(),
                    })
                    .collect(),
            });
        }
        sink.push(v);
        return;
    }
    for o in occurrences {
        let mut v = Violation::new(
            o.span,
            PackRule::fill(&rule.def.message, &o.found, &o.fixed),
        )
        .help(PackRule::fill(&rule.def.help, &o.found, &o.fixed));
        if let Some(a) = rule.applicability() {
            v = v.fix(Fix::replace(o.fix_span, o.fixed, a));
        }
        sink.push(v);
    }
}
