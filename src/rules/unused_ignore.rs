//! F004 unused-ignore: an `[[ignore]]` of `planlint.toml` matched no finding.
//! Reported after the run (`crate::config::Config::unused_ignores`).

use super::{Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier};
use crate::diagnostic::Severity;

pub struct UnusedIgnore;

static META: RuleMeta = RuleMeta {
    code: "F004",
    name: "unused-ignore",
    category: Category::Input,
    summary: "An [[ignore]] in planlint.toml matched no finding",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Each `[[ignore]]` in `planlint.toml` names a rule, the exact flagged text,
optionally the text around it (`context`) and a file. After the run, an
ignore that matched no finding is reported at its `text`. An ignore with a
`file` is reported when that file was linted, or, at its `file`, when no
such file exists (relative to `planlint.toml`): the file was renamed or
removed.

## Why it matters
Ignores live outside the plan, anchored to its wording. When the text is
corrected or reworded the ignore no longer applies; left in place it would
hide the next real problem with the same wording, and it misleads reviewers.

## Example
With this config and a plan that no longer says 区区:

```text
[[ignore]]
code = "W202"
text = "区区"
reason = "“城区”+“区为主”"
```

gives `warning[F004/unused-ignore] 此忽略项没有匹配任何 W202 问题：“区区”`.

## Fix safety
No fix: delete the entry by hand.

## Options
None.
"#,
};

impl Rule for UnusedIgnore {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reported by the run after every file is linted.
    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}
}
