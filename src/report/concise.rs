//! `--format concise`: `file:line:col: severity[CODE/name] message`, one line
//! each, columns in grapheme clusters. A finding in a Word document ends with
//! its place in Word: `（第12段，第3页，“…”）`.

use std::io::{self, Write};

use super::{positions, summary_line, word_place, Run};

pub fn render(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    for d in run.diagnostics {
        let src = &run.sources[d.file];
        let (start, _) = positions(src, d.span);
        write!(
            out,
            "{}:{}:{}: {}[{}/{}] {}",
            src.name,
            start.line,
            start.column,
            d.severity.as_str(),
            d.code,
            d.name,
            d.message
        )?;
        match word_place(src, d.span) {
            Some(place) => writeln!(out, "（{place}）")?,
            None => writeln!(out)?,
        }
    }
    writeln!(out, "{}", summary_line(&run.summary()))
}
