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

use super::{summary_line, Run};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::{SourceFile, Span};

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

/// A source as miette reads it.
struct View<'a> {
    src: &'a SourceFile,
    /// The text with every lone CR turned into LF (same length, so spans hold):
    /// miette's renderer breaks lines at LF and CRLF only.
    text: Cow<'a, str>,
}

impl<'a> View<'a> {
    fn new(src: &'a SourceFile) -> Self {
        let t = &src.text;
        let has_lone_cr = t
            .as_bytes()
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && t.as_bytes().get(i + 1) != Some(&b'\n'));
        let text = if has_lone_cr {
            let mut bytes = t.clone().into_bytes();
            for i in 0..bytes.len() {
                if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                    bytes[i] = b'\n';
                }
            }
            Cow::Owned(String::from_utf8(bytes).expect("CR to LF keeps UTF-8 valid"))
        } else {
            Cow::Borrowed(t.as_str())
        };
        View { src, text }
    }
}

impl SourceCode for View<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.as_ref().read_span(span, before, after)?;
        // miette's header shows `column() + 1` of the span read with no context
        // lines; give it the grapheme column instead of its byte count.
        let column = if before == 0 {
            self.src
                .lines
                .position(&self.src.text, span.offset())
                .column
                - 1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.src.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
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
    view: Option<&'a View<'a>>,
    primary: Option<Span>,
    labels: Vec<&'a Label>,
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
        self.view.map(|v| v as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.view?;
        let primary = self
            .primary
            .map(|s| LabeledSpan::new_primary_with_span(None, source_span(s)));
        let others = self
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), source_span(l.span)));
        Some(Box::new(primary.into_iter().chain(others)))
    }
}

/// Labels more than this many lines from the primary span get a snippet of
/// their own, so miette does not print every line in between.
const NEAR_LINES: usize = 2;

fn shown<'a>(d: &'a Diagnostic, views: &'a [View<'a>]) -> Shown<'a> {
    // A file-level finding (empty span at the start, no labels) shows no snippet.
    let file_level = d.span.is_empty() && d.span.start == 0 && d.labels.is_empty();
    let src = views[d.file].src;
    let primary_line = src.lines.line_of(d.span.start);
    let near = |l: &Label| {
        l.file == d.file && {
            let (a, b) = (
                src.lines.line_of(l.span.start),
                src.lines.line_of(l.span.end),
            );
            a.abs_diff(primary_line) <= NEAR_LINES && b.abs_diff(primary_line) <= NEAR_LINES
        }
    };
    let (same, far): (Vec<&Label>, Vec<&Label>) = d.labels.iter().partition(|l| near(l));
    let related = far
        .into_iter()
        .map(|l| Shown {
            message: Cow::Borrowed(&l.message),
            code: None,
            severity: Severity::Info,
            help: None,
            view: Some(&views[l.file]),
            primary: Some(l.span),
            labels: Vec::new(),
            related: Vec::new(),
        })
        .collect();
    Shown {
        message: if file_level {
            Cow::Owned(format!("{}: {}", src.name, d.message))
        } else {
            Cow::Borrowed(&d.message)
        },
        code: Some(format!("{}/{}", d.code, d.name)),
        severity: d.severity,
        help: d.help.as_deref(),
        view: (!file_level).then(|| &views[d.file]),
        primary: Some(d.span),
        labels: same,
        related,
    }
}

pub fn render(run: &Run<'_>, opts: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(1);
    let views: Vec<View<'_>> = run.sources.iter().map(View::new).collect();
    for d in run.diagnostics {
        let main = shown(d, &views);
        // Far labels follow their diagnostic as snippets of their own (miette's
        // `related` would title each one "Advice:").
        for part in std::iter::once(&main).chain(&main.related) {
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
