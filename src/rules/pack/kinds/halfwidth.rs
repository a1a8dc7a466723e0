//! `halfwidth-punctuation`: half-width , ; : ? ! and ( ) in Chinese running
//! text (GB/T 15834-2011 uses the full-width marks). Between two ASCII
//! letters or digits they belong to a number, a time or a code (1,234,
//! 10:30, a;b) and are left alone; URLs are never touched.

use crate::cjk::{is_cjk, is_han, is_space};
use crate::diagnostic::{Edit, Fix};
use crate::extract::text_units;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink, Violation};

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

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let applicability = rule.applicability();
    for unit in text_units(ctx.document, &ctx.source.text) {
        let t = unit.text.text();
        if !t.contains([',', ';', ':', '?', '!', '(']) {
            continue;
        }
        let mut opens: Vec<usize> = Vec::new();
        // Only these ASCII marks matter; the characters between them are
        // read only around a mark.
        let marks = t.match_indices([',', ';', ':', '?', '!', '(', ')']);
        for (i, c) in marks.map(|(i, m)| (i, char::from(m.as_bytes()[0]))) {
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
                let found = &t[open..i + 1];
                let mut v = Violation::new(
                    unit.text.span(open, i + 1),
                    PackRule::fill(&rule.def.message, found, "（）"),
                )
                .help(PackRule::fill(&rule.def.help, found, "（）"));
                if let Some(a) = applicability {
                    v = v.fix(Fix {
                        applicability: a,
                        edits: vec![
                            Edit {
                                span: unit.text.span(open - lead, open + 1),
                                replacement: "（".into(),
                            },
                            Edit {
                                span: unit.text.span(i, i + 1),
                                replacement: "）".into(),
                            },
                        ],
                    });
                }
                sink.push(v);
                continue;
            }
            let Some(fw) = full(c) else { continue };
            if ascii_both {
                continue;
            }
            let prev = t[..i].trim_end_matches(is_space).chars().next_back();
            let next = t[i + 1..].trim_start_matches(is_space).chars().next();
            let chinese = prev.is_some_and(is_han)
                || (prev.is_some_and(is_cjk) && next.is_some_and(is_han))
                || (prev.is_none() && next.is_some_and(is_han));
            if !chinese
                || next.is_some_and(|n| n.is_ascii_alphanumeric()) && !prev.is_some_and(is_han)
            {
                continue;
            }
            // The spaces after it go too: 兰州, 白银 → 兰州，白银.
            let trail = t[i + 1..].len() - t[i + 1..].trim_start_matches(' ').len();
            let found = c.to_string();
            let rep = fw.to_string();
            let mut v = Violation::new(
                unit.text.span(i, i + 1),
                PackRule::fill(&rule.def.message, &found, &rep),
            )
            .help(PackRule::fill(&rule.def.help, &found, &rep));
            if let Some(a) = applicability {
                v = v.fix(Fix::replace(unit.text.span(i, i + 1 + trail), rep, a));
            }
            sink.push(v);
        }
    }
}
