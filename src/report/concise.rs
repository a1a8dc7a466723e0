//! `--format concise`: `file:line:col: severity[CODE/name] message`, one line
//! each, columns in grapheme clusters.

use std::io::{self, Write};

use super::{positions, summary_line, Run};

pub fn render(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    for d in run.diagnostics {
        let src = &run.sources[d.file];
        let (start, _) = positions(src, d.span);
        writeln!(
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
    }
    writeln!(out, "{}", summary_line(&run.summary()))
}
