//! `fullwidth-digits`: numbers written in full-width digits (２０２０),
//! which GB/T 15835-2011 writes in half-width Arabic digits.

use std::sync::LazyLock;

use regex::Regex;

use super::may_match;
use crate::diagnostic::Fix;
use crate::extract::text_units;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink, Violation};

pub const PATTERN: &str = "[０-９]+(?:[．.][０-９]+)?";

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).expect("a fixed pattern"));

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let may_match = may_match(ctx, "fullwidth-digits");
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        if !may_match(u, 0) {
            continue;
        }
        let t = unit.text.text();
        for m in DIGITS.find_iter(t) {
            let fixed: String = m
                .as_str()
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    '．' => '.',
                    c => c,
                })
                .collect();
            let span = unit.text.span(m.start(), m.end());
            let mut v = Violation::new(span, PackRule::fill(&rule.def.message, m.as_str(), &fixed))
                .help(PackRule::fill(&rule.def.help, m.as_str(), &fixed));
            if let Some(a) = rule.applicability() {
                v = v.fix(Fix::replace(span, fixed, a));
            }
            sink.push(v);
        }
    }
}
