//! N104 count-mismatch: a count word that disagrees with the list it counts,
//! and a table's count cell that disagrees with its list cell.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;

pub struct CountMismatch;

static META: RuleMeta = RuleMeta {
    code: "N104",
    name: "count-mismatch",
    category: Category::Quantities,
    summary: "A count word (4个市州, 三大流域) or table count cell that disagrees with the list it counts",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A count right after a list must equal the number of items: 兰州市、白银市、
定西市和临夏回族自治州4个市州 (4 items, 4个); 黑河、疏勒河、石羊河三大流域.
In a table whose header has a 数量 (个数, 数目) column, each row's count must
equal the items of its list cell.

To stay silent when the list is not what the word counts, only clear shapes
are read: items joined by 、 with at most one final 和/及/与, no item longer
than a name, and a count that is a numeral with a measure word (4个, 三大,
五个) or a bare numeral with a collective noun from `rules/counts.toml` (两市,
四县区, 五省). Numerals inside names (九寨沟, 西气东输三线, 乙二醇) are never
counts. After 等 (A、B等5个市州) a count larger than the list is allowed:
等 may mean "and others".

## Why it matters
Lists are edited (a county added, a basin dropped) while the count word
beside them is not. The mismatch is easy to miss and obvious once pointed out.

## Example
```bad
推进黑河、疏勒河、石羊河四大流域综合治理。
```

```good
推进黑河、疏勒河、石羊河三大流域综合治理。
```

## Fix safety
No fix: the count or the list may be the wrong one.

## Options
The collective nouns are data in `rules/counts.toml`.
"#,
};

impl Rule for CountMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let (lists, tables) = ctx.facts.lists();
        for l in lists {
            let n = l.items.len();
            let count = l.count as usize;
            if n == count || (l.open_ended && n < count) {
                continue;
            }
            let mut v = Violation::new(
                l.count_span,
                format!("{}与前面列举的 {n} 项不符", quote(&l.count_text)),
            );
            for (k, &item) in l.items.iter().enumerate() {
                v = v.label(ctx.file, item, format!("{}", k + 1));
            }
            sink.push(v.help(format!("核对数目：列举了 {n} 项，数词为 {count}")));
        }
        for t in tables {
            if t.count as usize == t.items {
                continue;
            }
            sink.push(
                Violation::new(
                    t.count_span,
                    format!(
                        "{}与同行列出的 {} 项不符",
                        quote(ctx.text(t.count_span)),
                        t.items
                    ),
                )
                .label(ctx.file, t.list_span, format!("{} 项", t.items))
                .help("核对表中的数量与名单"),
            );
        }
    }
}
