//! `consistency`: one form per plan among several (2020年 / 2020 年;
//! 平方公里 / 平方千米). Each form is counted in each plan; a plan that mixes
//! them gets one finding per minority form, at its first use, with the
//! counts, rather than one finding per use.

use std::collections::BTreeMap;

use super::may_match;
use crate::extract::text_units;
use crate::rules::pack::rule::{Matcher, PackRule};
use crate::rules::{Context, Sink, Violation};
use crate::source::Span;

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Matcher::Variants(variants) = &rule.matcher else {
        return;
    };
    // plan → variant → (count, first span, first text)
    let mut seen: BTreeMap<usize, BTreeMap<usize, (usize, Span, String)>> = BTreeMap::new();
    let may_match = may_match(ctx, rule.meta.code);
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        let t = unit.text.text();
        for (k, (_, re)) in variants.iter().enumerate() {
            if !may_match(u, k) {
                continue;
            }
            // Matches are counted; only the first of a form in a plan is
            // shown, so only a match earlier than any seen is read for its
            // groups (the capture engines cost more than the search). Units
            // come paragraphs first, then headings, captions and cells, so
            // a later unit may hold an earlier match.
            for m in re.find_iter(t) {
                let plan = seen.entry(unit.plan).or_default();
                let start = unit.text.span(m.start(), m.end()).start;
                let count = match plan.get_mut(&k) {
                    Some(e) if e.1.start <= start => {
                        e.0 += 1;
                        continue;
                    }
                    Some(e) => e.0 + 1,
                    None => 1,
                };
                // A group named `flag` is the form itself; the rest of the
                // match is context (a number not preceded by a letter: not
                // G30).
                let caps = re.captures_at(t, m.start());
                let flag = caps
                    .as_ref()
                    .and_then(|c| c.name("flag").or_else(|| c.get(0)))
                    .unwrap_or(m);
                let span = unit.text.span(flag.start(), flag.end());
                plan.insert(k, (count, span, flag.as_str().to_owned()));
            }
        }
    }
    for forms in seen.values() {
        if forms.len() < 2 {
            continue;
        }
        let (&major, major_use) = forms
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.start.cmp(&a.1 .1.start)))
            .expect("at least two forms");
        let major_name = &variants[major].0;
        for (&k, (count, span, text)) in forms.iter().filter(|(&k, _)| k != major) {
            let name = &variants[k].0;
            sink.push(
                Violation::new(*span, PackRule::fill(&rule.def.message, text, major_name))
                    .label(
                        ctx.file,
                        major_use.1,
                        format!("本规划 {} 处{major_name}，如此处", major_use.0),
                    )
                    .help(format!(
                        "{}（本规划 {count} 处{name}）",
                        PackRule::fill(&rule.def.help, text, major_name)
                    )),
            );
        }
    }
}
