//! `year-zero`: a year in Chinese numerals with its zero written as 零, ○
//! (a circle), O or 0 instead of 〇 (GB/T 15835-2011, 4.1.2): 二零三五年,
//! 二○三五年 → 二〇三五年.

use std::sync::LazyLock;

use regex::Regex;

use super::may_match;
use crate::diagnostic::Fix;
use crate::extract::text_units;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink, Violation};

pub const PATTERN: &str = "[一二三四五六七八九〇零○OＯ0０]{4}年";

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).expect("a fixed pattern"));

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let may_match = may_match(ctx, "year-zero");
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        if !may_match(u, 0) {
            continue;
        }
        let t = unit.text.text();
        for m in YEAR.find_iter(t) {
            let digits = m.as_str().trim_end_matches('年');
            let wrong = digits.contains(['零', '○', 'O', 'Ｏ', '0', '０']);
            let chinese = digits.contains(['一', '二', '三', '四', '五', '六', '七', '八', '九']);
            if !(wrong && chinese) {
                continue;
            }
            let fixed: String = digits
                .chars()
                .map(|c| {
                    if matches!(c, '零' | '○' | 'O' | 'Ｏ' | '0' | '０') {
                        '〇'
                    } else {
                        c
                    }
                })
                .collect();
            let span = unit.text.span(m.start(), m.start() + digits.len());
            let mut v = Violation::new(span, PackRule::fill(&rule.def.message, digits, &fixed))
                .help(PackRule::fill(&rule.def.help, digits, &fixed));
            if let Some(a) = rule.applicability() {
                v = v.fix(Fix::replace(span, fixed, a));
            }
            sink.push(v);
        }
    }
}
