//! T101 stray-latin: an English word standing in Chinese running text where a
//! Chinese word belongs (优势 and 物流).

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::{is_cjk, is_han};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::LatinWord;

pub struct StrayLatin;

static META: RuleMeta = RuleMeta {
    code: "T101",
    name: "stray-latin",
    category: Category::Typography,
    summary: "An English word in Chinese running text where a Chinese word belongs",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
A word of Latin letters standing between Chinese characters, such as the
`and` in 区位优势 and 物流集散地优势: a translation or drafting slip that
reads as an error in print.

Only letters-only words with Chinese on both sides (or Chinese on one side
and the start or end of the paragraph on the other) are looked at, so English
phrases and names in parentheses are left alone. Codes are never reported:
anything with a digit or code punctuation (G30, G312, 5G, PM2.5, GB/T 15834,
URLs, e-mail addresses), and a number's unit after it. Acronyms (LNG, TDC, VR,
AR) and listed words (km, kV, App) are allowed by `rules/latin.toml`.

## Why it matters
Plans are translated, merged and edited in many hands; an English word left in
the Chinese text is obvious to every reader and embarrassing in a published
document.

## Example
```bad
充分发挥陆路交通区位优势 and 物流集散地优势。
```

```good
充分发挥陆路交通区位优势和物流集散地优势，建设 G30 连霍高速和 5G 网络，发展 LNG 储运。
```

## Fix safety
A word with a usual Chinese rendering in `rules/latin.toml` (and → 和) gets a
fix that replaces the word and the spaces around it. It is unsafe: 和, 及 and
与 are an editor's choice.

## Options
The allowance (patterns and words) and the renderings are data in
`rules/latin.toml`.
"#,
};

impl Rule for StrayLatin {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let policy = &ctx.lexicon.latin;
        for w in ctx.facts.latin_words() {
            if !w.is_word() || !stands_in_chinese(w) || policy.allows(&w.text) {
                continue;
            }
            let mut v = Violation::new(
                w.span,
                format!("{}是英文单词，不应夹在中文里", quote(&w.text)),
            );
            match policy.translation(&w.text) {
                Some(zh) if !zh.is_empty() => {
                    v = v.help(format!("改为“{zh}”")).fix(Fix::replace(
                        w.spaced,
                        zh,
                        Applicability::Unsafe,
                    ));
                }
                Some(_) => {
                    v = v
                        .help("删去")
                        .fix(Fix::replace(w.spaced, "", Applicability::Unsafe));
                }
                None => {
                    v = v.help(
                        "改用中文词语；若是必须保留的专名，加入 rules/latin.toml 的 allow.words",
                    )
                }
            }
            sink.push(v);
        }
    }
}

/// Chinese on both sides, or Chinese on one side and nothing on the other;
/// at least one side a Han character. A digit on either side makes the word
/// a unit or part of a code.
///
/// A word that opens or closes a quotation or a title (“Love北京”视听行动,
/// 《China Daily》) is part of the name quoted, not a word of the prose.
fn stands_in_chinese(w: &LatinWord) -> bool {
    let opens = w
        .before
        .is_some_and(|c| matches!(c, '“' | '‘' | '《' | '「' | '『'));
    let closes = w
        .after
        .is_some_and(|c| matches!(c, '”' | '’' | '》' | '」' | '』'));
    if opens || closes {
        return false;
    }
    let side_ok = |c: Option<char>| c.is_none_or(is_cjk);
    let han = w.before.is_some_and(is_han) || w.after.is_some_and(is_han);
    side_ok(w.before) && side_ok(w.after) && han
}
