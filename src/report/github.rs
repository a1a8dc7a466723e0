//! `--format github`: GitHub Actions workflow commands, one per finding, so
//! that findings show as annotations on the pull request's diff. Columns count
//! characters; `endColumn` is the column of the span's last character.

use std::io::{self, Write};

use super::{positions, summary_line, word_place, Run};
use crate::diagnostic::Severity;

pub fn render(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    for d in run.diagnostics {
        let src = &run.sources[d.file];
        let (start, end) = positions(src, d.span);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        // The last character of the span, not the one after it.
        let end_column = if d.span.is_empty() || end.char_column <= 1 {
            start.char_column
        } else {
            end.char_column - 1
        };
        let mut message = format!(
            "{}:{}:{}: {} {}",
            src.name, start.line, start.column, d.code, d.message
        );
        if let Some(place) = word_place(src, d.span) {
            message.push_str(&format!("（{place}）"));
        }
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} title={},file={},line={},col={},endLine={},endColumn={}::{}",
            property(&format!("planlint ({}/{})", d.code, d.name)),
            property(&src.name),
            start.line,
            start.char_column,
            end.line,
            end_column,
            data(&message),
        )?;
    }
    for e in run.input_errors {
        writeln!(
            out,
            "::error file={}::{}",
            property(&e.file),
            data(&e.message)
        )?;
    }
    writeln!(out, "{}", summary_line(&run.summary()))
}

/// Escapes a command's message (GitHub's `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (GitHub's `escapeProperty`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(super::data("50%\n下"), "50%25%0A下");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
