//! W202 dup-char: a doubled character that word segmentation shows is not a
//! word (主城区区), never a legitimate sequence (饮用水水源, 全国国土).

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::{is_han, is_numeral_char};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::text_units;
use crate::lexicon::words;

pub struct DupChar;

static META: RuleMeta = RuleMeta {
    code: "W202",
    name: "dup-char",
    category: Category::Words,
    summary: "A doubled character that is not a word (主城区区为主)",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    tier: Tier::Default,
    doc: r#"## What it checks
Two identical Chinese characters in a row, where jieba-rs word segmentation of
the sentence puts the first at the end of one word and the second alone as a
word of one character: 天水主城区区为主 segments as 主城区/区/为主, so the
second 区 is a slip. Doubled characters that belong to words on both sides
(饮用水/水源, 全国/国土) or form a word (常常, 人人) are left alone, and
numerals are never reported.

## Why it matters
A doubled character survives spell checkers, since each word around it is
right; it is a common slip of editing by deletion.

## Example
```bad
建设由天水主城区区为主的城市组团。
```

```good
建设由天水主城区为主的城市组团，保护饮用水水源地，优化全国国土空间。
```

## Fix safety
The fix deletes the second character; it is unsafe, since a character may be
missing rather than doubled.

## Options
None.
"#,
};

/// How far around a doubled character the sentence is segmented.
const CONTEXT_BYTES: usize = 60;

impl Rule for DupChar {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        for unit in text_units(ctx.document, &ctx.source.text) {
            let t = unit.text.text();
            let mut prev: Option<(usize, char)> = None;
            for (i, c) in t.char_indices() {
                let doubled = prev.is_some_and(|(_, p)| p == c) && is_han(c) && !is_numeral_char(c);
                // 加大大数据 is 加大 + 大数据, however jieba cuts it: a word
                // starting at the second character makes it legitimate. This
                // needs no segmentation, so it is asked first.
                let starts_word = || {
                    let ends = t[i..].char_indices().map(|(k, c)| i + k + c.len_utf8());
                    ends.skip(1).take(3).any(|end| words::is_word(&t[i..end]))
                };
                if doubled && !starts_word() {
                    let (j, _) = prev.expect("checked above");
                    let (a, b) = words::sentence_around(t, j, i + c.len_utf8(), CONTEXT_BYTES);
                    let ws = words::words(&t[a..b]);
                    let second = ws.iter().find(|w| w.0 + a == i);
                    let first_ends = ws.iter().any(|w| w.1 + a == i && w.1 - w.0 > c.len_utf8());
                    if let (Some(&(s, e)), true) = (second, first_ends) {
                        if e - s == c.len_utf8() {
                            let pair = &t[j..i + c.len_utf8()];
                            let span = unit.text.span(j, i + c.len_utf8());
                            sink.push(
                                Violation::new(span, format!("{}重复了“{c}”", quote(pair)))
                                    .help(format!("删去一个“{c}”"))
                                    .fix(Fix::replace(
                                        unit.text.span(i, i + c.len_utf8()),
                                        "",
                                        Applicability::Unsafe,
                                    )),
                            );
                        }
                    }
                }
                prev = Some((i, c));
            }
        }
    }
}
