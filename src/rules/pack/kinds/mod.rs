//! The kinds of pack rules, one file each. A kind is the Rust that runs a
//! `[[rule]]`; the pack supplies its data and messages.

pub mod consistency;
pub mod existence;
pub mod fullwidth;
pub mod halfwidth;
pub mod heading_period;
pub mod substitution;
pub mod unpaired;
pub mod year_zero;

use crate::diagnostic::Applicability;

/// Byte ranges inside “…”, ‘…’ and 《…》 in `t`: a replacement there changes
/// a quotation or a title, so its fix is never safe.
/// The one regular expression a kind written in Rust searches with, if it
/// has one: it joins the packs' pattern set.
pub fn fixed_pattern(kind: &str) -> Option<&'static str> {
    match kind {
        "year-zero" => Some(year_zero::PATTERN),
        "fullwidth-digits" => Some(fullwidth::PATTERN),
        _ => None,
    }
}

/// For the set group `key`: whether its pattern `i` may match in text unit
/// `unit` (true when the set cannot tell).
pub fn may_match<'c>(
    ctx: &'c crate::rules::Context<'_>,
    key: &str,
) -> impl Fn(usize, usize) -> bool + 'c {
    let first = ctx.packs.pattern_set(ctx.lexicon).slot(key);
    let hits = first.map(|_| ctx.pattern_hits());
    move |unit, i| match (first, hits) {
        (Some(first), Some(hits)) => hits.get(unit, first + i),
        _ => true,
    }
}

pub fn quoted_ranges(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, c) in t.char_indices() {
        let close = match c {
            '“' | '‘' | '《' => {
                open.push((c, i));
                continue;
            }
            '”' => '“',
            '’' => '‘',
            '》' => '《',
            _ => continue,
        };
        if let Some(pos) = open.iter().rposition(|&(o, _)| o == close) {
            let (_, start) = open[pos];
            open.truncate(pos);
            out.push((start, i + c.len_utf8()));
        }
    }
    out.sort_unstable();
    out
}

/// Whether `at` lies inside one of `ranges`.
pub fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    ranges.iter().any(|&(a, b)| a < at && at < b)
}

/// The rule's applicability, made unsafe inside a quotation or title.
pub fn applicability(rule: Option<Applicability>, quoted: bool) -> Option<Applicability> {
    rule.map(|a| if quoted { Applicability::Unsafe } else { a })
}
