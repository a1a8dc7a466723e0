//! `heading-period`: a heading that lacks the 。 its siblings end with, or
//! has one they do not. Siblings are the headings of one numbering group
//! (one level under one parent): reported where at least three siblings and
//! two thirds of them agree. A heading whose group is too small to say is
//! held to its plan's convention for the level, where at least eight
//! outline headings of that level exist and nine in ten of them agree.
//! Enumerations inside the text (`Group::inline`) are sentences, not
//! headings (a list's items end in ； and its last in 。): they are not
//! checked. The fix changes a
//! published heading's punctuation, so it is never applied without review.

use std::collections::BTreeMap;

use crate::diagnostic::Fix;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink, Violation};
use crate::source::Span;

/// A heading title longer than this, with a comma, is a sentence.
const SENTENCE_CHARS: usize = 30;

/// Which way a set of titles leans: `Some(true)` when they end with 。,
/// `Some(false)` when they do not, if at least `min` of them exist and the
/// minority is at most `1/ratio` of them.
fn majority(titles: &[(Span, bool)], min: usize, ratio: usize) -> Option<bool> {
    let with = titles.iter().filter(|t| t.1).count();
    let without = titles.len() - with;
    let (has, minority) = if with > without {
        (true, without)
    } else {
        (false, with)
    };
    (titles.len() >= min && minority * ratio <= titles.len()).then_some(has)
}

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let doc = ctx.document;
    let mut groups: BTreeMap<usize, Vec<(Span, bool)>> = BTreeMap::new();
    // Outline headings per (plan, level): the plan's convention.
    let mut levels: BTreeMap<(usize, usize), Vec<(Span, bool)>> = BTreeMap::new();
    for h in doc.headings.iter().filter(|h| !doc.groups[h.group].inline) {
        let title = ctx.text(h.title);
        // A "title" that is a long sentence with commas is a heading run
        // together with its first sentence (a lost line break): its 。 says
        // nothing about how the outline ends its headings.
        if title.contains('，') && title.chars().count() > SENTENCE_CHARS {
            continue;
        }
        let t = (h.title, title.ends_with('。'));
        groups.entry(h.group).or_default().push(t);
        if !doc.groups[h.group].inline {
            levels.entry((h.plan, h.level.depth())).or_default().push(t);
        }
    }
    for (group, titles) in &groups {
        let g = &doc.groups[*group];
        let (majority_has, example_of) = match majority(titles, 3, 3) {
            Some(has) => (has, titles.as_slice()),
            None => {
                let level = &levels[&(g.plan, g.level.depth())];
                match majority(level, 8, 10) {
                    Some(has) => (has, level.as_slice()),
                    None => continue,
                }
            }
        };
        let example = example_of.iter().find(|t| t.1 == majority_has).map(|t| t.0);
        for &(span, _) in titles.iter().filter(|t| t.1 != majority_has) {
            let found = ctx.text(span);
            let (rep, edit) = if majority_has {
                (format!("{found}。"), Span::new(span.end, span.end))
            } else {
                let dot = span.end - '。'.len_utf8();
                (
                    found.trim_end_matches('。').to_owned(),
                    Span::new(dot, span.end),
                )
            };
            let fix = Fix::replace(
                edit,
                if majority_has { "。" } else { "" },
                crate::diagnostic::Applicability::Unsafe,
            );
            let mut v = Violation::new(span, PackRule::fill(&rule.def.message, found, &rep))
                .help(PackRule::fill(&rule.def.help, found, &rep))
                .fix(fix);
            if let Some(e) = example {
                v = v.label(
                    ctx.file,
                    e,
                    if majority_has {
                        "同级标题以“。”结尾"
                    } else {
                        "同级标题不加“。”"
                    },
                );
            }
            sink.push(v);
        }
    }
}
