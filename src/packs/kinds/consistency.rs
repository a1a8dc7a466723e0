//! `consistency`: one form per plan among several (2020年 / 2020 年;
//! 平方公里 / 平方千米). Each form is counted in each plan; a plan that mixes
//! them gets one finding per minority form, at its first use, with the
//! counts, rather than one finding per use.

use std::collections::BTreeMap;

use crate::extract::text_units;
use crate::packs::rule::{Matcher, PackRule};
use crate::rules::{Context, Sink, Violation};
use crate::source::Span;

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Matcher::Variants(variants) = &rule.matcher else {
        return;
    };
    // plan → variant → (count, first span, first text)
    let mut seen: BTreeMap<usize, BTreeMap<usize, (usize, Span, String)>> = BTreeMap::new();
    for unit in text_units(ctx.document, &ctx.source.text) {
        let t = unit.text.text();
        for (k, (_, re)) in variants.iter().enumerate() {
            // A group named `flag` is the form itself; the rest of the match
            // is context (a number not preceded by a letter: not G30).
            for caps in re.captures_iter(t) {
                let Some(m) = caps.name("flag").or_else(|| caps.get(0)) else {
                    continue;
                };
                let span = unit.text.span(m.start(), m.end());
                let e = seen.entry(unit.plan).or_default().entry(k).or_insert((
                    0,
                    span,
                    m.as_str().to_owned(),
                ));
                e.0 += 1;
                if span.start < e.1.start {
                    e.1 = span;
                    e.2 = m.as_str().to_owned();
                }
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
