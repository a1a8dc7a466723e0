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
    /// Only for a Word document: where the span stands in Word.
    #[serde(skip_serializing_if = "Option::is_none")]
    word: Option<WordPlace<'a>>,
    /// Only for an HTML page: where the span stands in the page (its block
    /// and the line of its source).
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<WordPlace<'a>>,
}

/// A place in a Word document, as an editor finds it there.
#[derive(Serialize)]
struct WordPlace<'a> {
    /// Word's paragraph number (every body paragraph counts, empty ones and
    /// those in tables too); for a note, the paragraph that refers to it.
    paragraph: u32,
    /// `paragraph`, `heading`, `table-row`, `text-box`, `footnote`, `endnote`.
    part: &'static str,
    /// The table and row (1-based), the note's number, or the heading level.
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    /// For an HTML page: the line of its source the span starts on.
    #[serde(skip_serializing_if = "Option::is_none")]
    source_line: Option<usize>,
    /// The page, where the file records pages.
    page: Option<u32>,
    /// The opening words of the paragraph or row.
    opening: &'a str,
    /// All of it in words: 第12段，第3页，“二、主要目标……”
    text: String,
}

impl<'a> Located<'a> {
    fn new(src: &'a SourceFile, span: Span) -> Self {
        let (start, end) = positions(src, span);
        let place = src.place(span.start).map(|p| {
            use crate::source::docx::BlockKind as K;
            let (part, table, row, note, level) = match p.block.kind {
                K::Paragraph => ("paragraph", None, None, None, None),
                K::Heading(l) => ("heading", None, None, None, Some(l)),
                K::TableRow { table, row } => ("table-row", Some(table), Some(row), None, None),
                K::TextBox => ("text-box", None, None, None, None),
                K::Footnote(n) => ("footnote", None, None, Some(n), None),
                K::Endnote(n) => ("endnote", None, None, Some(n), None),
            };
            WordPlace {
                paragraph: p.block.paragraph,
                part,
                table,
                row,
                note,
                level,
                source_line: p.source_line,
                page: p.page,
                opening: p.opening,
                text: p.describe(),
            }
        });
        let (word, html) = if src.is_html() {
            (None, place)
        } else {
            (place, None)
        };
        Located {
            file: &src.name,
            span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            word,
            html,
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
