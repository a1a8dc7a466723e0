//! W203 ocr-symbol: 十 standing for + in a quoted formula (“城市服务十乡村生产”),
//! a substitution of document conversion or OCR.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::{is_han, is_numeral_char};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::text_units;
use crate::rules::pack::kinds::quoted_ranges;

pub struct OcrSymbol;

static META: RuleMeta = RuleMeta {
    code: "W203",
    name: "ocr-symbol",
    category: Category::Words,
    summary: "十 standing for + in a quoted formula (“城市服务十乡村生产”)",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    tier: Tier::Default,
    doc: r#"## What it checks
Plans name combined models in quotation marks with a plus: “互联网+”,
“城市服务+乡村生产”. Conversion from PDF or OCR turns + into 十. Inside “…”,
a 十 between two Chinese words (or after one, at the end of the quotation)
that is not part of a number (十四五, 二十, 第十) or of a word beginning with
十 (十分, 十大, 十足) is reported. Years written with O or 0 for 〇 are
year-zero's (U105).

## Why it matters
A 十 in place of + turns a formula into nonsense that reads almost right.

## Example
```bad
打造“城市服务十乡村生产”发展模式，推进“互联网十”行动。
```

```good
打造“城市服务+乡村生产”发展模式，落实“十四五”规划，建设“十大工程”。
```

## Fix safety
The fix replaces 十 with +; it is unsafe: the quotation is the plan's own.

## Options
None.
"#,
};

/// Characters that make a following 十 a numeral or part of a word.
const AFTER: &[char] = &[
    '分', '大', '佳', '足', '字', '年', '个', '项', '万', '亿', '余', '多', '倍', '次', '条', '种',
    '届', '月', '日', '周',
];

impl Rule for OcrSymbol {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        for unit in text_units(ctx.document, &ctx.source.text) {
            let t = unit.text.text();
            if !t.contains('十') || !t.contains('“') {
                continue;
            }
            for (qa, qb) in quoted_ranges(t)
                .into_iter()
                .filter(|&(a, _)| t[a..].starts_with('“'))
            {
                let inner_start = qa + '“'.len_utf8();
                let inner_end = qb - '”'.len_utf8();
                let inner = &t[inner_start..inner_end];
                for (k, c) in inner.char_indices().filter(|&(_, c)| c == '十') {
                    let before: Vec<char> = inner[..k]
                        .chars()
                        .rev()
                        .take_while(|&x| is_han(x))
                        .collect();
                    let after: Vec<char> = inner[k + c.len_utf8()..]
                        .chars()
                        .take_while(|&x| is_han(x))
                        .collect();
                    let numeral_before = before
                        .first()
                        .is_some_and(|&x| is_numeral_char(x) || x == '第');
                    let numeral_after = after
                        .first()
                        .is_some_and(|&x| is_numeral_char(x) || AFTER.contains(&x));
                    // A closing 十 (“互联网十”) follows a noun: in “退后十” (the
                    // bottom ten) and “汉孝随襄十” (十堰) it is a numeral or a
                    // city's initial.
                    let closing = k + c.len_utf8() == inner.len();
                    let noun_before = || {
                        let run: String = before.iter().rev().collect();
                        let ws = crate::lexicon::words::words(&run);
                        ws.last().is_some_and(|&(a, b)| {
                            b == run.len()
                                && run[a..b].chars().count() >= 2
                                && crate::lexicon::words::tag(&run[a..b])
                                    .is_some_and(|t| t.starts_with('n'))
                        })
                    };
                    let words_around =
                        before.len() >= 2 && (after.len() >= 2 || closing && noun_before());
                    if numeral_before || numeral_after || !words_around {
                        continue;
                    }
                    let at = inner_start + k;
                    let span = unit.text.span(at, at + c.len_utf8());
                    sink.push(
                        Violation::new(span, format!("“十”疑为“+”之误（{}）", quote(inner)))
                            .help("改为“+”")
                            .fix(Fix::replace(span, "+", Applicability::Unsafe)),
                    );
                }
            }
        }
    }
}
