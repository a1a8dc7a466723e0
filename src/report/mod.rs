//! Rendering diagnostics: one file per output format. Lines and columns are
//! computed here, from each source's `LineIndex`, and nowhere else.

pub mod annotate;
mod concise;
mod excerpt;
mod github;
mod html;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::InputError;
use crate::source::{Position, SourceFile, Span};

pub use human::HumanOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with underlines (miette)
    Human,
    /// One line per diagnostic: file:line:col: severity[CODE/name] message
    Concise,
    /// Versioned JSON (see the README)
    Json,
    /// SARIF 2.1.0, for code-scanning tools (columns in code points)
    Sarif,
    /// GitHub Actions workflow commands: annotations on a pull request
    Github,
    /// One self-contained HTML page: the texts with every finding
    /// highlighted, filters by severity and rule, the rules explained
    Html,
}

impl Format {
    /// Every format, in declaration order (from clap's list of values).
    pub fn all() -> &'static [Format] {
        <Format as clap::ValueEnum>::value_variants()
    }
}

/// Everything a reporter needs about a run.
pub struct Run<'a> {
    /// Plan texts first (`..linted`), then indicator files.
    pub sources: &'a [SourceFile],
    /// How many of `sources` are plan texts that were linted.
    pub linted: usize,
    pub diagnostics: &'a [Diagnostic],
    pub input_errors: &'a [InputError],
    /// Every rule of the run (built-in and of the packs), for formats that
    /// describe the rules they report (SARIF).
    pub rules: &'a [&'a dyn crate::rules::Rule],
}

/// Counts of a run's findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings with a fix of any kind.
    pub fixable: usize,
    /// Findings whose fix is safe (`--fix` applies it).
    pub fixable_safe: usize,
    pub input_errors: usize,
}

impl Run<'_> {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.linted,
            input_errors: self.input_errors.len(),
            ..Summary::default()
        };
        for d in self.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
            if let Some(fix) = &d.fix {
                s.fixable += 1;
                if fix.applicability == crate::diagnostic::Applicability::Safe {
                    s.fixable_safe += 1;
                }
            }
        }
        s
    }

    pub fn render(
        &self,
        format: Format,
        human: &HumanOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        match format {
            Format::Human => human::render(self, human, out),
            Format::Concise => concise::render(self, out),
            Format::Json => json::render(self, out),
            Format::Sarif => sarif::render(self, out),
            Format::Github => github::render(self, out),
            Format::Html => html::render(self, out),
        }
    }
}

/// Start and end positions of a span (the end is the position just after it).
pub(crate) fn positions(src: &SourceFile, span: Span) -> (Position, Position) {
    (
        src.lines.position(&src.text, span.start),
        src.lines.position(&src.text, span.end),
    )
}

/// Text for XML or HTML: `& < > "` escaped, and the control characters XML
/// 1.0 does not allow made spaces.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Where a span stands in a Word document (第12段，第3页，“二、主要目标……”),
/// for every format to print beside its line and column; `None` for text.
pub(crate) fn word_place(src: &SourceFile, span: Span) -> Option<String> {
    src.place(span.start).map(|p| p.describe())
}

/// The closing line of human and concise output.
pub(crate) fn summary_line(s: &Summary) -> String {
    use crate::i18n::t;
    let mut line = t(
        "summary.found",
        &[
            ("errors", &s.errors),
            ("warnings", &s.warnings),
            ("infos", &s.infos),
            ("files", &s.files),
        ],
    );
    let unsafe_only = s.fixable - s.fixable_safe;
    match (s.fixable_safe, unsafe_only) {
        (0, 0) => {}
        (safe, 0) => line.push_str(&t("summary.fixable-safe", &[("safe", &safe)])),
        (0, more) => line.push_str(&t("summary.fixable-unsafe", &[("more", &more)])),
        (safe, more) => line.push_str(&t(
            "summary.fixable-both",
            &[("safe", &safe), ("more", &more)],
        )),
    }
    line
}

/// The file stem of `name` (`规划` of `稿/规划.docx`).
fn stem(name: &str) -> &str {
    std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("planlint")
}

/// What the web page offers to download and what a file dropped on
/// `planlint.exe` writes beside itself: the commented copy of `规划.docx`,
/// `规划-批注.docx` (the name the README's `--annotate` example uses).
pub fn copy_name(name: &str) -> String {
    format!("{}-批注.docx", stem(name))
}

/// The HTML report of `规划.docx` (or `.txt`, `.html`): `规划-检查报告.html`.
pub fn report_name(name: &str) -> String {
    format!("{}-检查报告.html", stem(name))
}
