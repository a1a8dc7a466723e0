//! `heading-period`: a heading that lacks the 。 its siblings (same plan and
//! level) end with, or has one they do not. Reported where at least three
//! siblings and two thirds of them agree.

use std::collections::BTreeMap;

use crate::diagnostic::Fix;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink, Violation};
use crate::source::Span;

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut groups: BTreeMap<(usize, usize), Vec<(Span, bool)>> = BTreeMap::new();
    for h in &ctx.document.headings {
        let title = ctx.text(h.title);
        groups
            .entry((h.plan, h.level.depth()))
            .or_default()
            .push((h.title, title.ends_with('。')));
    }
    for titles in groups.values() {
        let with = titles.iter().filter(|t| t.1).count();
        let without = titles.len() - with;
        let (majority_has, minority) = if with > without {
            (true, without)
        } else {
            (false, with)
        };
        if titles.len() < 3 || minority == 0 || minority * 3 > titles.len() {
            continue;
        }
        let example = titles.iter().find(|t| t.1 == majority_has).map(|t| t.0);
        for &(span, has) in titles.iter().filter(|t| t.1 != majority_has) {
            let found = ctx.text(span);
            let (rep, fix) = if majority_has {
                (
                    format!("{found}。"),
                    Fix::replace(
                        Span::new(span.end, span.end),
                        "。",
                        crate::diagnostic::Applicability::Safe,
                    ),
                )
            } else {
                let dot = span.end - '。'.len_utf8();
                (
                    found.trim_end_matches('。').to_owned(),
                    Fix::replace(
                        Span::new(dot, span.end),
                        "",
                        crate::diagnostic::Applicability::Safe,
                    ),
                )
            };
            let _ = has;
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
