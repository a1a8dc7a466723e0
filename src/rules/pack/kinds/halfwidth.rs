//! `halfwidth-punctuation`: half-width , ; : ? ! and ( ) in Chinese running
//! text (GB/T 15834-2011 uses the full-width marks). Between two ASCII
//! letters or digits they belong to a number, a time or a code (1,234,
//! 10:30, a;b) and are left alone; URLs are never touched.

use super::{report_convention, Occurrence};
use crate::cjk::{is_cjk, is_han, is_space};
use crate::diagnostic::{Edit, Fix};
use crate::extract::text_units;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink, Violation};
use crate::source::Span;

/// The marks read, each with what a finding calls it.
const MARKS: [(char, &str); 5] = [
    (',', "逗号"),
    (';', "分号"),
    (':', "冒号"),
    ('?', "问号"),
    ('!', "叹号"),
];

fn full(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// A file writes a mark half-width by convention when its half-width
/// form is at least this many times as frequent as the full-width one
/// (nine in ten). A 2002 report writing 各位代表! three times beside one
/// ！ is mixed, and each slip is reported; a PDF extract with 2,812 `,` and
/// no `，` has a convention (2026-12-07, ../shared/corpus and ../shared/plans).
const CONVENTION_SHARE: usize = 9;

/// A pair of half-width brackets around Chinese text: the opening one
/// (with the spaces before it that go too) and the closing one.
struct Brackets {
    open: Occurrence,
    close: Occurrence,
}

/// Each mark is read as a convention of the file (see `report_convention`):
/// a PDF-extracted plan that writes every comma half-width gets one finding
/// for its commas, with one fix for all of them; a half-width mark among
/// full-width ones is a slip, reported where it stands.
pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut marks: [Vec<Occurrence>; 5] = Default::default();
    let mut brackets: Vec<Brackets> = Vec::new();
    find(ctx, &mut marks, &mut brackets);
    let text = &ctx.source.text;
    for ((mark, name), found) in MARKS.iter().zip(marks) {
        if found.is_empty() {
            continue;
        }
        let full = full(*mark).expect("a mark of MARKS");
        let consistent = found.len() >= CONVENTION_SHARE * text.matches(full).count();
        report_convention(rule, ctx, sink, found, consistent, &format!("半角{name}"));
    }
    let full_pairs = text.matches('（').count();
    if brackets.len() >= 3 && brackets.len() >= CONVENTION_SHARE * full_pairs {
        let found = brackets
            .into_iter()
            .flat_map(|b| [b.open, b.close])
            .collect();
        report_convention(rule, ctx, sink, found, true, "半角括号");
        return;
    }
    for b in brackets {
        let span = Span::new(b.open.span.start, b.close.span.end);
        let found = ctx.text(span).to_owned();
        let mut v = Violation::new(span, PackRule::fill(&rule.def.message, &found, "（）"))
            .help(PackRule::fill(&rule.def.help, &found, "（）"));
        if let Some(a) = rule.applicability() {
            v = v.fix(Fix {
                applicability: a,
                edits: [b.open, b.close]
                    .into_iter()
                    .map(|o| Edit {
                        span: o.fix_span,
                        replacement: o.fixed,
                    })
                    .collect(),
            });
        }
        sink.push(v);
    }
}

fn find(ctx: &Context<'_>, marks: &mut [Vec<Occurrence>; 5], brackets: &mut Vec<Brackets>) {
    for unit in text_units(ctx.document, &ctx.source.text) {
        let t = unit.text.text();
        if !t.contains([',', ';', ':', '?', '!', '(']) {
            continue;
        }
        let mut opens: Vec<usize> = Vec::new();
        // Only these ASCII marks matter; the characters between them are
        // read only around a mark.
        let found = t.match_indices([',', ';', ':', '?', '!', '(', ')']);
        for (i, c) in found.map(|(i, m)| (i, char::from(m.as_bytes()[0]))) {
            let before = t[..i].chars().next_back();
            let after = t[i + c.len_utf8()..].chars().next();
            let ascii_both = before.is_some_and(|b| b.is_ascii_alphanumeric())
                && after.is_some_and(|a| a.is_ascii_alphanumeric() || a == '/');
            if c == '(' {
                opens.push(i);
                continue;
            }
            if c == ')' {
                let Some(open) = opens.pop() else { continue };
                let inner = &t[open + 1..i];
                if !inner.chars().any(is_han) {
                    continue;
                }
                // Spaces that separated the bracket from Chinese go too: 人口 (万人) → 人口（万人）.
                let lead = t[..open].len() - t[..open].trim_end_matches(' ').len();
                let lead = if t[..open - lead].chars().next_back().is_some_and(is_cjk) {
                    lead
                } else {
                    0
                };
                brackets.push(Brackets {
                    open: Occurrence {
                        span: unit.text.span(open, open + 1),
                        fix_span: unit.text.span(open - lead, open + 1),
                        found: "(".into(),
                        fixed: "（".into(),
                    },
                    close: Occurrence {
                        span: unit.text.span(i, i + 1),
                        fix_span: unit.text.span(i, i + 1),
                        found: ")".into(),
                        fixed: "）".into(),
                    },
                });
                continue;
            }
            let Some(fw) = full(c) else { continue };
            if ascii_both {
                continue;
            }
            let prev = t[..i].trim_end_matches(is_space).chars().next_back();
            let next = t[i + 1..].trim_start_matches(is_space).chars().next();
            // After a figure (提高到80%,农业…; G30,连霍…) the mark is
            // Chinese when Chinese follows it.
            let after_figure = prev.is_some_and(|p| p.is_ascii_digit() || p == '%');
            let chinese = prev.is_some_and(is_han)
                || ((prev.is_some_and(is_cjk) || after_figure) && next.is_some_and(is_han))
                || (prev.is_none() && next.is_some_and(is_han));
            if !chinese
                || next.is_some_and(|n| n.is_ascii_alphanumeric()) && !prev.is_some_and(is_han)
            {
                continue;
            }
            // The spaces after it go too: 兰州, 白银 → 兰州，白银.
            let trail = t[i + 1..].len() - t[i + 1..].trim_start_matches(' ').len();
            let kind = MARKS
                .iter()
                .position(|(m, _)| *m == c)
                .expect("a mark of MARKS");
            marks[kind].push(Occurrence {
                span: unit.text.span(i, i + 1),
                fix_span: unit.text.span(i, i + 1 + trail),
                found: c.to_string(),
                fixed: fw.to_string(),
            });
        }
    }
}
