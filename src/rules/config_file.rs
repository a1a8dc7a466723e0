//! F003 config-file: `planlint.toml` cannot be read or names something that
//! does not exist. Reported by the loader (`crate::config::load`).

use super::{Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier};
use crate::diagnostic::Severity;

pub struct ConfigFile;

static META: RuleMeta = RuleMeta {
    code: "F003",
    name: "config-file",
    category: Category::Input,
    summary: "planlint.toml has a syntax error, an unknown key, rule or level, or an [[ignore]] without a reason",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
The configuration (`planlint.toml`, found in the first input's directory or
above it, or `--config FILE`) is read and checked for:

- TOML syntax errors, unknown keys and wrong value types;
- a selector in `select`, `ignore` or `extend-select` that is no rule code,
  code prefix, rule name or category (the nearest one is suggested);
- an unknown level in `fail-level` or `[lint.severity]`, or a key there
  that is no rule;
- a tolerance out of range;
- an `[[ignore]]` without a `reason`, with an empty `text`, with an unknown
  `code`, or whose `context` does not contain its `text`.

Each problem points at the place in the TOML. A config with any problem is
not used and the run exits 2.

## Why it matters
A misspelt selector would silently run the wrong rules; an ignore without a
reason cannot be reviewed.

## Example
```text
[lint]
select = ["N1O1"]
```

gives ``error[F003/config-file] no rule, prefix or category is called `N1O1` ``,
with the help ``did you mean `N101`?``.

## Fix safety
No fix.

## Options
None.
"#,
};

impl Rule for ConfigFile {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Loading reports these; there is nothing to check in the plan text.
    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}
}
