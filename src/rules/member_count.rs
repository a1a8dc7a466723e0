//! I102 member-count: a plan's list of member regions against the indicator file.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;

pub struct MemberCount;

static META: RuleMeta = RuleMeta {
    code: "I102",
    name: "member-count",
    category: Category::Indicators,
    summary: "A plan's member regions (本规划范围包括…) that differ from the indicator file's",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A plan's scope sentence (本规划范围包括兰州市、白银市、定西市和临夏回族自治州
4个市州) lists the regions it covers. The list must name exactly the
`members` of the plan's `[[region]]` in the indicator file: a member missing
from the text, or one the file does not have, is an error. Short forms count
as the same member (临夏州 for 临夏回族自治州, 兰州 for 兰州市). The count
word beside the list is checked against the list itself by count-mismatch
(N104).

## Why it matters
When a county moves between planning regions, the scope sentence of one plan
is updated and the other is not; the two plans then both claim it, or
neither does.

## Example
With an indicator file listing four members for the plan's region:

```text
本规划范围包括兰州市、白银市和定西市3个市，总面积6.1万平方公里。
```

reports that 临夏回族自治州 is missing.

## Fix safety
No fix.

## Options
`--indicators FILE`, or `PLAN.toml` beside `PLAN.txt`.
"#,
};

/// The name without its administrative suffix: 临夏回族自治州 → 临夏.
fn base(name: &str) -> &str {
    crate::extract::quantity::region_base(name).map_or(name, |(b, _)| b)
}

impl Rule for MemberCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let Some(ind) = ctx.indicators else { return };
        for plan in &ctx.facts.quantities().regions {
            let (Some(name), [first, .., last]) =
                (plan.name.as_deref(), plan.member_spans.as_slice())
            else {
                continue;
            };
            let Some(region) = ind.region_named(name).map(|r| &ind.regions[r]) else {
                continue;
            };
            if region.members.is_empty() {
                continue;
            }
            let in_text = |m: &str| plan.members.iter().any(|t| base(t) == base(m));
            let in_file = |t: &str| region.members.iter().any(|m| base(m) == base(t));
            let missing: Vec<&str> = region
                .members
                .iter()
                .map(String::as_str)
                .filter(|m| !in_text(m))
                .collect();
            let extra: Vec<&str> = plan
                .members
                .iter()
                .map(String::as_str)
                .filter(|t| !in_file(t))
                .collect();
            if missing.is_empty() && extra.is_empty() {
                continue;
            }
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!(
                    "缺少{}",
                    missing
                        .iter()
                        .map(|m| quote(m))
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            }
            if !extra.is_empty() {
                parts.push(format!(
                    "多出{}",
                    extra
                        .iter()
                        .map(|m| quote(m))
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            }
            let span = crate::source::Span::new(first.start, last.end);
            sink.push(
                Violation::new(
                    span,
                    format!(
                        "{}与指标文件中{}的成员不一致：{}",
                        quote(ctx.text(span)),
                        region.name,
                        parts.join("，")
                    ),
                )
                .label(
                    ind.file,
                    region.members_span,
                    format!("指标文件：{} 个成员", region.members.len()),
                )
                .help("核对规划范围，使正文与指标文件一致"),
            );
        }
    }
}
