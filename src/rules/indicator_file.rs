//! F002 indicator-file: the indicator file cannot be read or does not hold
//! together. The loader (`crate::indicators::load`) finds the problems;
//! [`load`] reports them. There is no pass over the plan text.

use super::{Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::indicators::Indicators;
use crate::lexicon::Lexicon;
use crate::source::SourceFile;

pub struct IndicatorFile;

static META: RuleMeta = RuleMeta {
    code: "F002",
    name: "indicator-file",
    category: Category::Input,
    summary: "The indicator file has a syntax error, an unknown key, measure, unit or region, or a bad partition",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
The indicator file (`--indicators FILE`, or `PLAN.toml` beside `PLAN.txt`)
is read against its schema (`docs/indicators.md`) and checked for:

- TOML syntax errors, unknown keys and wrong value types;
- unknown measures and units, with the nearest known name suggested;
- a unit that cannot measure its figure (an area in 万人);
- undefined or duplicate region ids;
- a partition whose parts are not children (`parent`) of its whole;
- a target with none or several of `value`, `growth`, `share`, or a bad
  `bound` or `binding`;
- a structure label that is not a label (一核两极四带).

Each problem points at the place in the TOML. A file with any problem is not
used, and the run exits 2.

## Why it matters
The indicator file is what the plan is held to. A misspelt region or unit
would otherwise silently turn its checks off.

## Example
A figure with an unknown unit:

```text
[[figure]]
region = "gansu"
measure = "人口"
value = "2501.98"
unit = "万人囗"
```

gives `error[F002/indicator-file] 无法识别的单位 “万人囗”` at the unit.

## Fix safety
No fix.

## Options
None.
"#,
};

impl Rule for IndicatorFile {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Loading reports these; there is nothing to check in the plan text.
    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}
}

/// Loads an indicator file that the caller has placed in the run as `file`,
/// with its problems as F002 diagnostics into it. `None` when it has any.
pub fn load(
    src: &SourceFile,
    file: FileId,
    lexicon: &Lexicon,
) -> (Option<Indicators>, Vec<Diagnostic>) {
    let (indicators, problems) = crate::indicators::load(src, file, lexicon);
    let mut out = Vec::new();
    let mut sink = Sink::new(&META, file, &mut out);
    for p in problems {
        let mut v = Violation::new(p.span, p.message);
        if let Some(h) = p.help {
            v = v.help(h);
        }
        sink.push(v);
    }
    (indicators, out)
}
