//! `--format human`: miette's graphical report, with our own `SourceCode` so
//! that the `[file:line:col]` header counts grapheme clusters, not bytes, and
//! lone-CR line endings are shown as line breaks.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::excerpt::Excerpt;
use super::{summary_line, Run};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::{SourceFile, Span};
use unicode_width::UnicodeWidthChar;

/// How to draw: colour and width are decided by the caller (terminal or not).
#[derive(Debug, Clone)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

/// The excerpt of a source that one snippet shows, as miette reads it.
struct View {
    name: String,
    excerpt: Excerpt,
    /// The primary span's line and grapheme column (0-based) in the source,
    /// for the `[file:line:col]` header.
    header: (usize, usize),
}

/// Display columns a snippet line may take; the rest is the gutter.
fn budget(width: usize) -> usize {
    width.saturating_sub(12).max(30)
}

impl View {
    fn new(src: &SourceFile, primary: Span, others: &[Span], width: usize) -> View {
        let mut spans = vec![primary];
        spans.extend_from_slice(others);
        let pos = src.lines.position(&src.text, primary.start);
        // A Word document's lines mean nothing in Word: the header names the
        // paragraph and page too.
        let name = match super::word_place(src, primary) {
            Some(place) => format!("{} {place}", src.name),
            None => src.name.clone(),
        };
        View {
            name,
            excerpt: Excerpt::new(src, &spans, budget(width), CONTEXT_LINES),
            header: (pos.line - 1, pos.column - 1),
        }
    }
}

impl SourceCode for View {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.excerpt.text.as_str().read_span(span, before, after)?;
        // miette reads the primary span with no context lines for its header:
        // give it the source's line and grapheme column, not the excerpt's bytes.
        let (line, column) = if before == 0 {
            self.header
        } else {
            (inner.line() + self.excerpt.first_line, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count() + self.excerpt.first_line,
        )))
    }
}

fn source_span(span: Span) -> SourceSpan {
    (span.start, span.len()).into()
}

/// One diagnostic, or one of its far labels, as miette sees it.
struct Shown<'a> {
    message: Cow<'a, str>,
    code: Option<String>,
    severity: Severity,
    help: Option<&'a str>,
    view: Option<View>,
    /// Spans here are offsets into the view's excerpt.
    primary: Option<Span>,
    labels: Vec<(Span, &'a str)>,
    related: Vec<Shown<'a>>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.view.as_ref().map(|v| v as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.view.as_ref()?;
        let primary = self
            .primary
            .map(|s| LabeledSpan::new_primary_with_span(None, source_span(s)));
        let others = self.labels.iter().map(|&(span, message)| {
            LabeledSpan::new_with_span(Some(message.to_owned()), source_span(span))
        });
        Some(Box::new(primary.into_iter().chain(others)))
    }
}

/// Labels more than this many lines from the primary span get a snippet of
/// their own, so miette does not print every line in between.
const NEAR_LINES: usize = 2;
/// The mark of an info finding.
const INFO_MARK: &str = "ℹ";
/// The mark of a related place shown in a snippet of its own.
const RELATED_MARK: &str = "↳";

/// Display columns within which a label shares its diagnostic's snippet.
const NEAR_COLUMNS: usize = 400;
/// Lines of context above and below a snippet.
const CONTEXT_LINES: usize = 1;

fn shown<'a>(d: &'a Diagnostic, sources: &'a [SourceFile], width: usize) -> Shown<'a> {
    let src = &sources[d.file];
    // A file-level finding (empty span at the start, no labels) shows no snippet.
    let file_level = d.span.is_empty() && d.span.start == 0 && d.labels.is_empty();
    let primary_line = src.lines.line_of(d.span.start);
    // A label far along the same line (a paragraph pasted as one line of
    // 30,000 characters) is far too: one snippet cannot show both.
    let near = |l: &Label| {
        l.file == d.file && {
            let (a, b) = (
                src.lines.line_of(l.span.start),
                src.lines.line_of(l.span.end),
            );
            let lo = l.span.start.min(d.span.start).min(src.text.len());
            let hi = l.span.end.max(d.span.end).min(src.text.len());
            a.abs_diff(primary_line) <= NEAR_LINES
                && b.abs_diff(primary_line) <= NEAR_LINES
                && src.text.get(lo..hi).is_some_and(|t| {
                    t.chars()
                        .take(NEAR_COLUMNS + 1)
                        .map(|c| c.width().unwrap_or(0))
                        .sum::<usize>()
                        <= NEAR_COLUMNS
                })
        }
    };
    let (same, far): (Vec<&Label>, Vec<&Label>) = d.labels.iter().partition(|l| near(l));
    let related = far
        .into_iter()
        .map(|l| {
            let view = View::new(&sources[l.file], l.span, &[], width);
            Shown {
                message: Cow::Borrowed(&l.message),
                code: None,
                severity: Severity::Info,
                help: None,
                primary: Some(view.excerpt.map_span(l.span)),
                view: Some(view),
                labels: Vec::new(),
                related: Vec::new(),
            }
        })
        .collect();
    if file_level {
        return Shown {
            message: Cow::Owned(format!("{}: {}", src.name, d.message)),
            code: Some(format!("{}/{}", d.code, d.name)),
            severity: d.severity,
            help: d.help.as_deref(),
            view: None,
            primary: None,
            labels: Vec::new(),
            related,
        };
    }
    let near_spans: Vec<Span> = same.iter().map(|l| l.span).collect();
    let view = View::new(src, d.span, &near_spans, width);
    Shown {
        message: Cow::Borrowed(&d.message),
        code: Some(format!("{}/{}", d.code, d.name)),
        severity: d.severity,
        help: d.help.as_deref(),
        primary: Some(view.excerpt.map_span(d.span)),
        labels: same
            .iter()
            .map(|l| (view.excerpt.map_span(l.span), l.message.as_str()))
            .collect(),
        view: Some(view),
        related,
    }
}

pub fn render(run: &Run<'_>, opts: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    // An info finding is marked ℹ; a related place (a far label shown as a
    // snippet of its own) ↳, so the two never look alike.
    let handler = |mark: &str| {
        let mut theme = if opts.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        theme.characters.advice = mark.to_owned();
        GraphicalReportHandler::new_themed(theme)
            .with_width(opts.width)
            .with_links(false)
            .with_context_lines(CONTEXT_LINES)
    };
    let (findings, places) = (handler(INFO_MARK), handler(RELATED_MARK));
    for d in run.diagnostics {
        let main = shown(d, run.sources, opts.width);
        // Far labels follow their diagnostic as snippets of their own (miette's
        // `related` would title each one "Advice:").
        let parts =
            std::iter::once((&main, &findings)).chain(main.related.iter().map(|r| (r, &places)));
        for (part, handler) in parts {
            let mut s = String::new();
            handler
                .render_report(&mut s, part)
                .map_err(|_| io::Error::other("failed to render a diagnostic"))?;
            out.write_all(s.as_bytes())?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(&run.summary()))
}
