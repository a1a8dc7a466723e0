//! `fullwidth-digits`: numbers written in full-width digits (２０２０),
//! which GB/T 15835-2011 writes in half-width Arabic digits.

use std::sync::LazyLock;

use regex::Regex;

use super::{may_match, report_convention, Occurrence};
use crate::extract::text_units;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink};

pub const PATTERN: &str = "[０-９]+(?:[．.][０-９]+)?";

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).expect("a fixed pattern"));

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let may_match = may_match(ctx, "fullwidth-digits");
    let mut found = Vec::new();
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        if !may_match(u, 0) {
            continue;
        }
        let t = unit.text.text();
        for m in DIGITS.find_iter(t) {
            // ０ inside a year in Chinese numerals (二００一年) stands for 〇:
            // year-zero's to correct, not a digit to make half-width.
            let beside = |c: Option<char>| c.is_some_and(is_chinese_digit);
            if beside(t[..m.start()].chars().next_back()) || beside(t[m.end()..].chars().next()) {
                continue;
            }
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
            found.push(Occurrence {
                span,
                fix_span: span,
                found: m.as_str().to_owned(),
                fixed,
            });
        }
    }
    if found.is_empty() {
        return;
    }
    // The file's convention: full-width numbers are most of its numbers.
    let half_width = ASCII_NUMBER.find_iter(&ctx.source.text).count();
    let consistent = found.len() >= half_width;
    report_convention(rule, ctx, sink, found, consistent, "数字使用全角");
}

/// A Chinese digit of a year or count (一 … 九, 〇, 零).
fn is_chinese_digit(c: char) -> bool {
    crate::cjk::digit_value(c).is_some() && c != '两'
}

/// Numbers in half-width digits, for the file's convention.
static ASCII_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[0-9]+(?:\\.[0-9]+)?").expect("a fixed pattern"));
