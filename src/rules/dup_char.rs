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
Two identical Chinese characters in a row that jieba-rs word segmentation
of the sentence does not explain:

- a word ending in the character meets it standing alone, and it is a
  morpheme that rarely stands alone (one-character frequency in the
  dictionary below 100,000, no preposition, conjunction or particle):
  天水主城区区为主 segments as 主城区/区/为主, 发展战略略 as 战略/略. A verb
  or adjective common on its own (frequency 10,000 and up) may begin a
  phrase with the next word, so it is reported only when no word follows
  (健全全口径, 对工作作相应调整 are left alone); a rarer one is a morpheme
  like any other (技术术攻关: 术 is tagged a verb);
- the character stands alone twice and is a preposition, conjunction or
  particle: 在在, 和和, 的的.

Words meeting are left alone: a word ending in the character followed by
a common word (实事求是/是, 目的地/地) or a verb or adjective before a
word (健全/全口径, 工作/作调整), a word
starting at the second character (饮用水/水源, 加大/大数据), and doubled
characters that are words themselves (常常, 等等). Numerals are never
reported.

## Why it matters
A doubled character survives spell checkers, since each word around it is
right; it is a common slip of editing by deletion.

## Example
```bad
建设由天水主城区区为主的城市组团，加快推进在在兰州新区布局的项目。
```

```good
建设由天水主城区为主的城市组团，保护饮用水水源地，优化全国国土空间。实事求是是党的思想路线，建立健全全口径债务监测体系。
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
                if doubled && !starts_word() && !reduplicated(t, prev.expect("doubled").0, i, c) {
                    let (j, _) = prev.expect("checked above");
                    let (a, b) = words::sentence_around(t, j, i + c.len_utf8(), CONTEXT_BYTES);
                    let ws = words::words(&t[a..b]);
                    let second = ws.iter().find(|w| w.0 + a == i);
                    let first = ws.iter().find(|w| w.1 + a == i);
                    let slip = match (first, second) {
                        (Some(&(fs, fe)), Some(&(s, e))) if e - s == c.len_utf8() => {
                            let second_word = &t[a + s..a + e];
                            if fe - fs > c.len_utf8() {
                                // A word ending in the character meets it
                                // alone: a slip when it is a content
                                // morpheme that cannot stand there
                                // (主城区 + 区), not when it is a function
                                // word or a modifier (实事求是 + 是,
                                // 目的地 + 地, 健全 + 全口径).
                                // A verb or adjective may also begin a
                                // phrase with the next word (健全 +
                                // 全口径, 工作 + 作调整): then it is no slip.
                                let next_is_word = ws
                                    .iter()
                                    .find(|w| w.0 == e)
                                    .is_some_and(|w| t[a + w.0..a + w.1].chars().count() >= 2);
                                is_bound(second_word, next_is_word)
                            } else {
                                // Two single characters: a doubled
                                // preposition, conjunction or particle
                                // (在在, 和和, 的的) that is no word.
                                is_function(second_word)
                            }
                        }
                        _ => false,
                    };
                    if slip {
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
                prev = Some((i, c));
            }
        }
    }
}

/// Reduplication, which Chinese writes on purpose: a classifier after 一
/// (一张张, 一桩桩), AABB (团团伙伙, 桩桩件件), and ABB adjectives before
/// 的/地 (活跃跃的). The pair is `t[j..i + c]`.
fn reduplicated(t: &str, j: usize, i: usize, c: char) -> bool {
    let mut before = t[..j].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = t[i + c.len_utf8()..].chars();
    let (a1, a2) = (after.next(), after.next());
    let doubled_pair = |x: Option<char>, y: Option<char>| x.is_some_and(is_han) && x == y;
    if b1 == Some('一') || doubled_pair(b1, b2) || doubled_pair(a1, a2) {
        return true;
    }
    matches!(a1, Some('的' | '地'))
        && b1.is_some_and(|b| {
            let word = format!("{b}{c}");
            words::is_word(&word)
                && words::tag(&word).is_some_and(|t| t.starts_with('a') || t.starts_with('v'))
        })
}

/// A single character that is rare standing alone (dictionary frequency
/// below 100,000) and no function word: it belongs inside a word, so alone
/// after a word that already ends in it, it is doubled (城区区, 战略略,
/// 技术术). A verb or adjective common on its own may stand alone before
/// the next word (健全全口径, 对工作作调整: 全 22,165, 作 28,016), so for
/// those the next word must not be one; one that rarely stands alone (术
/// 3,122, tagged a verb) is a morpheme like any other (技术术攻关).
fn is_bound(ch: &str, next_is_word: bool) -> bool {
    let freq = words::frequency(ch);
    let predicate = words::tag(ch).is_some_and(|t| t.starts_with('v') || t.starts_with('a'))
        && freq >= STANDALONE_PREDICATE;
    !is_function(ch) && freq < FREESTANDING && !(predicate && next_is_word)
}

/// Dictionary frequency from which a verb or adjective stands alone often
/// enough to begin a phrase with the next word.
const STANDALONE_PREDICATE: usize = 10_000;

/// A preposition, conjunction or particle (在, 和, 的, 了), by the
/// dictionary's tag.
fn is_function(ch: &str) -> bool {
    words::tag(ch).is_some_and(|t| matches!(t, "p" | "c") || t.starts_with('u'))
}

/// Dictionary frequency above which a one-character word is common on its
/// own (人 313,209; 大 144,099), below which it mostly lives inside words
/// (市 40,141; 区 24,952; 县 25,322).
const FREESTANDING: usize = 100_000;
