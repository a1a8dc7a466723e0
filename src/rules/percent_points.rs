//! N109 percent-points: the change of a rate given in % where 个百分点 is meant.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::Kind;

pub struct PercentPoints;

static META: RuleMeta = RuleMeta {
    code: "N109",
    name: "percent-points",
    category: Category::Quantities,
    summary: "A rate's change given in % where 个百分点 is probably meant (城镇化率提高3.5%)",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    tier: Tier::Default,
    doc: r#"## What it checks
A change of a rate or share, 城镇化率提高3.5% or 高出全省平均水平3.5%, is
ambiguous in percent: from 60% it may mean 63.5% (3.5 个百分点) or 62.1%
(a relative rise of 3.5%). Official statistics state rate changes in 个百分点
(GB/T 15835 and 国家统计局 usage). A change in % after a rate (…率, 比重, 比例,
占比, 依存度) or comparing with a percentage just stated is reported.

A level reached (提高至10%, 提高到60%) is not a change and is not reported.

## Why it matters
Readers compute targets from these figures. A relative change read as points
(or the reverse) gives a different target.

## Example
```bad
到2025年，常住人口城镇化率提高3.5%。
```

```good
到2025年，常住人口城镇化率提高3.5个百分点。
```

## Fix safety
The fix replaces % with 个百分点; it is unsafe, since a relative change may
be meant (then say so and keep %).

## Options
None yet.
"#,
};

impl Rule for PercentPoints {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        for q in &ctx.facts.quantities().items {
            if !q.rate_change || !matches!(q.kind, Kind::Change { .. }) {
                continue;
            }
            let text = ctx.text(q.span);
            let Some(pct) = text.rfind(['%', '％']) else {
                continue;
            };
            let pct_span = crate::source::Span::new(
                q.span.start + pct,
                q.span.start + pct + text[pct..].chars().next().map_or(1, char::len_utf8),
            );
            sink.push(
                Violation::new(
                    q.span,
                    format!("{}：比率的增减用“%”表述有歧义", quote(&q.text)),
                )
                .help(format!(
                    "若指百分点，改为“{}个百分点”；若指相对变化，写明基数",
                    q.text.trim_end_matches(['%', '％']).trim_end()
                ))
                .fix(Fix::replace(pct_span, "个百分点", Applicability::Unsafe)),
            );
        }
    }
}
