//! W103 traditional-chars: traditional or variant characters left in
//! simplified text (國, 們), and words that a simplified/traditional
//! conversion wrote with the wrong standard character (显着 for 显著,
//! 关於 for 关于).

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::is_han;
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::text_units;
use crate::lexicon::{words, VariantHit};
use crate::source::Span;

pub struct TraditionalChars;

static META: RuleMeta = RuleMeta {
    code: "W103",
    name: "traditional-chars",
    category: Category::Words,
    summary: "A traditional or variant character in simplified text (國, 显着 for 显著)",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
Two kinds of leftovers of typing, copying or converting between scripts,
from the data in `rules/variants/variants.txt` (OpenCC's tables, held to
the 通用规范汉字表 of 2013):

- a character that is not in the 通用规范汉字表 and has a standard
  simplified form: 國, 們, 計劃, 若幹. Adjacent characters are one finding;
- a word that conversion wrote with the wrong standard character: 显着 for
  显著, 关於 for 关于, 徵收 for 征收. Both characters are standard, so only
  the word tells: the phrase is reported only where it starts and ends on
  word boundaries as jieba-rs segments the sentence, both as written and
  as corrected (沿着有中国特色 is 沿着/有, not 着有).

A file where such characters make up at least 0.5 % of the Chinese text
(at least 20 of them) is wholly or partly in traditional script: it gets
one finding, at the first of them, instead of one per character.

## Why it matters
Traditional characters in a simplified plan are a conversion or input slip
that readers notice at once, and the 国家通用语言文字法 requires the
standard characters in official documents. Words such as 显着 pass every
character check, since each character is standard.

## Example
```bad
我們取得显着成就，关於國家发展的若幹問題。
```

```good
我们取得显著成就，关于国家发展的若干问题。沿着有中国特色社会主义道路前进，吸引著名跨国公司。
```

## Fix safety
A character is replaced by its simplified form (safe: every character in
the list has one). A phrase's fix is unsafe: the reading rests on word
segmentation. A file in traditional script has no fix; convert it as a
whole (for example with OpenCC's t2s) and lint it again.

## Options
None.
"#,
};

/// A file with at least this many characters outside the standard table…
const SCRIPT_MIN: usize = 20;
/// …making up at least this share of its Chinese characters is in
/// traditional script.
const SCRIPT_SHARE: f64 = 0.005;

/// How far around a phrase the sentence is segmented.
const CONTEXT_BYTES: usize = 60;

impl Rule for TraditionalChars {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let variants = &ctx.lexicon.variants;
        // Runs of adjacent characters: (span, wrong, right).
        let mut runs: Vec<(Span, String, String)> = Vec::new();
        let mut phrases = Vec::new();
        for unit in text_units(ctx.document, &ctx.source.text) {
            let t = unit.text.text();
            let mut run: Option<(usize, usize, String, String)> = None;
            let mut close = |run: &mut Option<(usize, usize, String, String)>| {
                if let Some((a, b, wrong, right)) = run.take() {
                    runs.push((unit.text.span(a, b), wrong, right));
                }
            };
            for (i, hit) in variants.hits(t) {
                match hit {
                    VariantHit::Char { wrong, right } => {
                        let end = i + wrong.len_utf8();
                        match &mut run {
                            Some((_, b, w, r)) if *b == i => {
                                *b = end;
                                w.push(wrong);
                                r.push(right);
                            }
                            _ => {
                                close(&mut run);
                                run = Some((i, end, wrong.into(), right.into()));
                            }
                        }
                    }
                    VariantHit::Phrase { start, phrase } => {
                        let end = start + phrase.wrong.len();
                        if on_word_boundaries(t, start, end, &phrase.right) {
                            phrases.push((unit.text.span(start, end), phrase));
                        }
                    }
                }
            }
            close(&mut run);
        }

        let count: usize = runs.iter().map(|r| r.1.chars().count()).sum();
        if count >= SCRIPT_MIN {
            let han = ctx.source.text.chars().filter(|&c| is_han(c)).count();
            if count as f64 >= SCRIPT_SHARE * han as f64 {
                let mut seen = Vec::new();
                for c in runs.iter().flat_map(|r| r.1.chars()) {
                    if !seen.contains(&c) && seen.len() < 5 {
                        seen.push(c);
                    }
                }
                let examples: String = seen
                    .iter()
                    .map(|c| format!("“{c}”"))
                    .collect::<Vec<_>>()
                    .join("");
                let first = runs.iter().map(|r| r.0).min_by_key(|s| s.start);
                sink.push(
                    Violation::new(
                        first.unwrap_or(runs[0].0),
                        format!("全文有 {count} 个繁体字或异体字（{examples}等），文本似为繁体或未经完整转换"),
                    )
                    .help("若应为简体，请整体转换为简体（如 OpenCC t2s）后再检查；以繁体发布的文件可关闭 W103"),
                );
                return;
            }
        }
        for (span, wrong, right) in runs {
            let what = if wrong.chars().count() == 1 {
                format!(
                    "{}是繁体字或异体字，规范字为{}",
                    quote(&wrong),
                    quote(&right)
                )
            } else {
                format!("{}含繁体字或异体字，应为{}", quote(&wrong), quote(&right))
            };
            sink.push(
                Violation::new(span, what)
                    .help(format!("改为{}", quote(&right)))
                    .fix(Fix::replace(span, right, Applicability::Safe)),
            );
        }
        for (span, phrase) in phrases {
            sink.push(
                Violation::new(
                    span,
                    format!(
                        "{}应为{}（繁简转换遗留）",
                        quote(&phrase.wrong),
                        quote(&phrase.right)
                    ),
                )
                .help(format!("改为{}", quote(&phrase.right)))
                .fix(Fix::replace(
                    span,
                    phrase.right.clone(),
                    Applicability::Unsafe,
                )),
            );
        }
    }
}

/// Whether `t[start..end]` starts and ends on word boundaries of its
/// sentence, both as written and with `right` in its place.
fn on_word_boundaries(t: &str, start: usize, end: usize, right: &str) -> bool {
    let (a, b) = words::sentence_around(t, start, end, CONTEXT_BYTES);
    let written = &t[a..b];
    let ws = words::words(written);
    if !words::is_boundary(&ws, start - a) || !words::is_boundary(&ws, end - a) {
        return false;
    }
    let corrected = [&t[a..start], right, &t[end..b]].concat();
    let ws = words::words(&corrected);
    words::is_boundary(&ws, start - a) && words::is_boundary(&ws, start - a + right.len())
}
