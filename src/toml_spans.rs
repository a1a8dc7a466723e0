//! Spans into TOML files (indicator files, `planlint.toml`) for diagnostics:
//! shared by their loaders so that both point at the same places.

use crate::source::Span;

/// The span of a TOML string's contents, without its quotation marks; other
/// values (and triple-quoted strings) are returned as they are.
pub(crate) fn string_contents(text: &str, span: impl Into<Span>) -> Span {
    let span = span.into();
    let s = text.get(span.range()).unwrap_or("");
    let quote = ['"', '\''];
    if s.len() >= 2 && s.starts_with(quote) && s.ends_with(quote) && !s.starts_with("\"\"\"") {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

/// Where to show a TOML syntax error. A span on white space (an unterminated
/// string ends at the line break) is moved onto the character before it,
/// which can be shown.
pub(crate) fn syntax_error(text: &str, e: &toml::de::Error) -> Span {
    let span = e.span().map_or(Span::new(0, 0), Span::from);
    if !text[span.range()].trim().is_empty() {
        return span;
    }
    let end = text[..span.start].trim_end().len();
    match text[..end].chars().next_back() {
        Some(c) => Span::new(end - c.len_utf8(), end),
        None => span,
    }
}
