//! `substitution`: wrong → right pairs (typos). A match fires only where it
//! starts a word, so 即有 never fires inside 立即有效 and 补尝 does fire in
//! 补尝试点 (segmented 补/尝试/点). `term`: canonical names with their
//! wrong variants, from the pack and from the indicator file's `[[term]]`;
//! names are matched as written, without segmentation.

use super::{applicability, inside, may_match, quoted_ranges};
use crate::diagnostic::Fix;
use crate::extract::text_units;
use crate::lexicon::words;
use crate::literals::Literals;
use crate::rules::pack::rule::{Matcher, PackRule};
use crate::rules::{Context, Sink, Violation};
use crate::source::Span;

/// How far around a match the sentence is segmented.
const CONTEXT_BYTES: usize = 90;

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>, word_boundaries: bool) {
    let Matcher::Words { ac, right } = &rule.matcher else {
        return;
    };
    run(rule, ctx, sink, ac, right, word_boundaries, None);
    // Terms of the indicator file, with a label at the term in the TOML.
    if !word_boundaries {
        if let Some(ind) = ctx.indicators.filter(|i| !i.terms.is_empty()) {
            let pairs: Vec<(&str, &str, Span)> = ind
                .terms
                .iter()
                .flat_map(|t| {
                    t.wrong
                        .iter()
                        .map(move |(w, _)| (w.as_str(), t.canonical.as_str(), t.span))
                })
                .collect();
            let Ok(ac) = Literals::new(pairs.iter().map(|p| p.0)) else {
                return;
            };
            let right: Vec<String> = pairs.iter().map(|p| p.1.to_owned()).collect();
            let spans: Vec<Span> = pairs.iter().map(|p| p.2).collect();
            run(
                rule,
                ctx,
                sink,
                &ac,
                &right,
                false,
                Some((ind.file, &spans)),
            );
        }
    }
}

fn run(
    rule: &PackRule,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    ac: &Literals,
    right: &[String],
    word_boundaries: bool,
    labels: Option<(usize, &[Span])>,
) {
    // The pack's own list is in the packs' pattern set, which has read every
    // unit once for all rules; the indicator file's terms (with `labels`
    // into the file) are not.
    let in_pattern_set = labels.is_none();
    let may_match = may_match(ctx, rule.meta.code);
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        if in_pattern_set && !may_match(u, 0) {
            continue;
        }
        let t = unit.text.text();
        let mut quoted = None;
        for m in ac.find_iter(t) {
            if word_boundaries {
                let (a, b) = words::sentence_around(t, m.start, m.end, CONTEXT_BYTES);
                if !words::is_boundary(&words::words(&t[a..b]), m.start - a) {
                    continue;
                }
            }
            let quoted = quoted.get_or_insert_with(|| quoted_ranges(t));
            let found = &t[m.start..m.end];
            let replacement = &right[m.pattern];
            let span = unit.text.span(m.start, m.end);
            let mut v = Violation::new(span, PackRule::fill(&rule.def.message, found, replacement))
                .help(PackRule::fill(&rule.def.help, found, replacement));
            if let Some(a) = applicability(rule.applicability(), inside(quoted, m.start)) {
                v = v.fix(Fix::replace(span, replacement.clone(), a));
            }
            if let Some((file, spans)) = labels {
                v = v.label(file, spans[m.pattern], "指标文件中的规范名称");
            }
            sink.push(v);
        }
    }
}
