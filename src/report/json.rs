//! `--format json`: a versioned document, described in the README.
//!
//! Spans are byte offsets into the decoded text (without a byte-order mark);
//! lines are 1-based; columns are 1-based and count extended grapheme
//! clusters, as the human output does. `end_line`/`end_column` give the
//! position just after the span.

use std::io::{self, Write};

use serde::Serialize;

use super::{positions, Run, Summary};
use crate::diagnostic::{Fix, Severity};
use crate::input::InputError;
use crate::source::{SourceFile, Span};

/// Bumped on any change that could break a consumer.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    column_unit: &'static str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    input_errors: &'a [InputError],
    summary: Summary,
}

#[derive(Serialize)]
struct Located<'a> {
    file: &'a str,
    span: Span,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl<'a> Located<'a> {
    fn new(src: &'a SourceFile, span: Span) -> Self {
        let (start, end) = positions(src, span);
        Located {
            file: &src.name,
            span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    at: Located<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    at: Located<'a>,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<&'a Fix>,
}

pub fn render(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let diagnostics = run
        .diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code,
            name: d.name,
            severity: d.severity,
            message: &d.message,
            at: Located::new(&run.sources[d.file], d.span),
            labels: d
                .labels
                .iter()
                .map(|l| JsonLabel {
                    at: Located::new(&run.sources[l.file], l.span),
                    message: &l.message,
                })
                .collect(),
            help: d.help.as_deref(),
            fix: d.fix.as_ref(),
        })
        .collect();
    let doc = Document {
        version: VERSION,
        column_unit: "grapheme",
        diagnostics,
        input_errors: run.input_errors,
        summary: run.summary(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
