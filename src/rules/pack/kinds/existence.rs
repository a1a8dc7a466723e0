//! `existence`: a regular expression whose every match is a finding; with a
//! `replacement` (`$1` groups) it is also the fix. A group named `flag`
//! narrows the flagged span to the part that is wrong.

use super::{applicability, inside, may_match, quoted_ranges};
use crate::diagnostic::Fix;
use crate::extract::text_units;
use crate::rules::pack::rule::{Matcher, PackRule};
use crate::rules::{Context, Sink, Violation};

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Matcher::Patterns(patterns) = &rule.matcher else {
        return;
    };
    let may_match = may_match(ctx, rule.meta.code);
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        let mut quoted = None;
        for (i, (re, replacement)) in patterns.iter().enumerate() {
            // The packs' pattern set has read the unit once for all rules.
            if !may_match(u, i) {
                continue;
            }
            let t = unit.text.text();
            for caps in re.captures_iter(t) {
                let whole = caps.get(0).expect("group 0 is the match");
                let flagged = caps.name("flag").unwrap_or(whole);
                if flagged.is_empty() {
                    continue;
                }
                let quoted = quoted.get_or_insert_with(|| quoted_ranges(t));
                let rep = replacement.as_ref().map(|r| {
                    let mut out = String::new();
                    caps.expand(r, &mut out);
                    out
                });
                let found = flagged.as_str();
                let shown_rep = rep.as_deref().unwrap_or_default();
                let span = unit.text.span(flagged.start(), flagged.end());
                let mut v =
                    Violation::new(span, PackRule::fill(&rule.def.message, found, shown_rep))
                        .help(PackRule::fill(&rule.def.help, found, shown_rep));
                if let (Some(rep), Some(a)) = (
                    rep,
                    applicability(rule.applicability(), inside(quoted, whole.start())),
                ) {
                    v = v.fix(Fix::replace(
                        unit.text.span(whole.start(), whole.end()),
                        rep,
                        a,
                    ));
                }
                sink.push(v);
            }
        }
    }
}
