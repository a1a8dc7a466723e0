//! `unpaired-marks`: “” ‘’ （） 《》 〔〕 【】 「」 that are not closed, or
//! closed without being opened, within a paragraph (after page-break
//! re-joining), a heading, a caption or a table cell. A quotation that runs
//! over several paragraphs opens each with “ and closes only the last
//! (GB/T 15834-2011, 4.1.3), so a paragraph that starts with an unclosed “
//! is not reported.

use crate::cjk::CharSet;
use crate::extract::text_units;
use crate::rules::pack::rule::PackRule;
use crate::rules::{Context, Sink, Violation};

const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('《', '》'),
    ('〔', '〕'),
    ('【', '】'),
    ('「', '」'),
];

/// Every mark of [`PAIRS`]: the others are skipped with one lookup.
static MARKS: CharSet = CharSet::new(&[
    '“', '”', '‘', '’', '（', '）', '《', '》', '〔', '〕', '【', '】', '「', '」',
]);

pub fn check(rule: &PackRule, ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for unit in text_units(ctx.document, &ctx.source.text) {
        let t = unit.text.text();
        let mut open: Vec<(usize, char, char)> = Vec::new();
        let mut bad: Vec<(usize, char, char)> = Vec::new();
        for (i, c) in t.char_indices().filter(|&(_, c)| MARKS.contains(c)) {
            // ’ as an apostrophe: a year cut short (’99) or inside a Latin
            // word (Xi’an) pairs with nothing.
            if c == '’'
                && (t[i + c.len_utf8()..].starts_with(|n: char| n.is_ascii_digit())
                    || t[..i].ends_with(|p: char| p.is_ascii_alphabetic()))
            {
                continue;
            }
            if let Some(&(o, cl)) = PAIRS.iter().find(|p| p.0 == c) {
                open.push((i, o, cl));
            } else if let Some(&(o, _)) = PAIRS.iter().find(|p| p.1 == c) {
                match open.iter().rposition(|x| x.1 == o) {
                    Some(pos) => {
                        // Marks opened after the one this closes were never closed.
                        bad.extend(open.drain(pos + 1..));
                        open.pop();
                    }
                    None => bad.push((i, c, o)),
                }
            }
        }
        bad.extend(open.into_iter().filter(|&(i, o, _)| !(i == 0 && o == '“')));
        bad.sort_unstable();
        for (i, mark, partner) in bad {
            let (found, rep) = (mark.to_string(), partner.to_string());
            sink.push(
                Violation::new(
                    unit.text.span(i, i + mark.len_utf8()),
                    PackRule::fill(&rule.def.message, &found, &rep),
                )
                .help(PackRule::fill(&rule.def.help, &found, &rep)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_the_pairs() {
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            let paired = PAIRS.iter().any(|&(o, cl)| c == o || c == cl);
            assert_eq!(MARKS.contains(c), paired, "{c:?}");
        }
    }
}
