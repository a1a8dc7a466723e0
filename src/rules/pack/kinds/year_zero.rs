//! `year-zero`: a year in Chinese numerals with its zero written as 零, ○
//! (a circle), O or 0 instead of 〇 (GB/T 15835-2011, 4.1.2): 二零三五年,
//! 二○三五年 → 二〇三五年.

use std::sync::LazyLock;

use regex::Regex;

use super::{may_match, report_convention, Occurrence};
use crate::extract::text_units;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink};

pub const PATTERN: &str = "[一二三四五六七八九〇零○OＯ0０]{4}年";

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).expect("a fixed pattern"));

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let may_match = may_match(ctx, "year-zero");
    let mut found = Vec::new();
    let mut right = 0;
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        if !may_match(u, 0) {
            continue;
        }
        let t = unit.text.text();
        for m in YEAR.find_iter(t) {
            let digits = m.as_str().trim_end_matches('年');
            let wrong = digits.contains(['零', '○', 'O', 'Ｏ', '0', '０']);
            let chinese = digits.contains(['一', '二', '三', '四', '五', '六', '七', '八', '九']);
            if !chinese {
                continue;
            }
            if !wrong {
                right += usize::from(digits.contains('〇'));
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
            found.push(Occurrence {
                span,
                fix_span: span,
                found: digits.to_owned(),
                fixed,
            });
        }
    }
    // A file whose zeros in years are wrong more often than right writes
    // them so by convention (the scraped reports of the 1980s use ○ for
    // every 〇): one finding, one fix for all.
    let consistent = found.len() > right;
    report_convention(rule, ctx, sink, found, consistent, "年份中的零未写作“〇”");
}
