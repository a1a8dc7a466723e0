//! F001 legacy-encoding: the file was not UTF-8 and was decoded as GB18030 or UTF-16.

use super::{Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::source::{Encoding, Span};

pub struct LegacyEncoding;

static META: RuleMeta = RuleMeta {
    code: "F001",
    name: "legacy-encoding",
    category: Category::Input,
    summary: "The file is not UTF-8; it was decoded as GB18030 or UTF-16",
    severity: Severity::Info,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Whether a file had to be decoded as something other than UTF-8. planlint reads
UTF-8 (with or without a byte-order mark); failing that, GB18030 when the bytes
decode without a single error, and UTF-16 when the file starts with a UTF-16
byte-order mark. This rule says which was used.

## Why it matters
GB18030 files from older Windows tools read fine here but not in every tool
down the line (web publishing systems, diff viewers, search). Knowing the
encoding lets an editor convert the archive once, deliberately.

## Example
A file saved as GB18030 gets, once per file:

```text
info[F001/legacy-encoding] 文件按 GB18030 解码（不是 UTF-8）
```

## Fix safety
No fix: converting a file's encoding is a decision for its owner.

## Options
None.
"#,
};

impl Rule for LegacyEncoding {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        if ctx.source.encoding == Encoding::Utf8 {
            return;
        }
        sink.push(
            Violation::new(
                Span::new(0, 0),
                format!("文件按 {} 解码（不是 UTF-8）", ctx.source.encoding.label()),
            )
            .help("如需在其他工具中使用，建议另存为 UTF-8"),
        );
    }
}
