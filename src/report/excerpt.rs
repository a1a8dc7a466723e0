//! The few lines a snippet shows, each cropped to the terminal's width around
//! the spans on it. Plans keep a whole paragraph on one line (300 to 1,000
//! characters), so an uncropped snippet wraps in the terminal and the
//! underline no longer sits under its text.

use unicode_width::UnicodeWidthChar;

use crate::source::{SourceFile, Span};

const ELLIPSIS: &str = "…";

/// The widest part of a line a snippet keeps around its spans, in display
/// columns, whatever the spans cover.
const MAX_MUST_COLUMNS: usize = 2_000;

/// The end of `text[a..b]` cut to at most `max` display columns.
fn cap_width(text: &str, a: usize, b: usize, max: usize) -> usize {
    let mut w = 0;
    for (i, c) in text[a..b].char_indices() {
        w += c.width().unwrap_or(0);
        if w > max {
            return a + i;
        }
    }
    b
}

/// Lines `first_line..` of a source, cropped, joined by `\n`.
#[derive(Debug, Clone)]
pub struct Excerpt {
    pub text: String,
    /// 0-based line number of the excerpt's first line in the source.
    pub first_line: usize,
    lines: Vec<Kept>,
}

/// What was kept of one line: `source[start..end]`, found at `at` in the excerpt.
#[derive(Debug, Clone, Copy)]
struct Kept {
    start: usize,
    end: usize,
    at: usize,
}

impl Excerpt {
    /// The lines holding `spans`, with `context` lines around them, each
    /// cropped to at most `budget` display columns (plus an ellipsis on each
    /// cropped side). Every span must lie within the source text.
    pub fn new(src: &SourceFile, spans: &[Span], budget: usize, context: usize) -> Excerpt {
        let lines = &src.lines;
        let text = &src.text;
        let lo = spans
            .iter()
            .map(|s| lines.line_of(s.start))
            .min()
            .unwrap_or(0);
        let hi = spans
            .iter()
            .map(|s| lines.line_of(s.end))
            .max()
            .unwrap_or(0);
        let first_line = lo.saturating_sub(context);
        let last_line = (hi + context).min(lines.line_count() - 1);

        let mut out = String::new();
        let mut kept = Vec::with_capacity(last_line - first_line + 1);
        for line in first_line..=last_line {
            let ls = lines.line_span(text, line);
            // The part of this line that must stay visible.
            let must = spans
                .iter()
                .filter(|s| s.start <= ls.end && s.end >= ls.start)
                .map(|s| (s.start.max(ls.start), s.end.min(ls.end)))
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
            // A region too wide to show (a span over a whole pasted page)
            // is kept from its start: miette cannot pad wider lines (its
            // width arguments stop at 65,535), and no terminal shows them.
            let must = must.map(|(a, b)| (a, cap_width(text, a, b, MAX_MUST_COLUMNS.max(budget))));
            let (start, end) = crop(
                &text[ls.range()],
                must.map(|(a, b)| (a - ls.start, b - ls.start)),
                budget,
            );
            let (start, end) = (ls.start + start, ls.start + end);
            if line > first_line {
                out.push('\n');
            }
            if start > ls.start {
                out.push_str(ELLIPSIS);
            }
            kept.push(Kept {
                start,
                end,
                at: out.len(),
            });
            out.push_str(&text[start..end]);
            if end < ls.end {
                out.push_str(ELLIPSIS);
            }
        }
        Excerpt {
            text: out,
            first_line,
            lines: kept,
        }
    }

    /// Where a source offset stands in the excerpt. Offsets outside what was
    /// kept are clamped to its nearest edge.
    pub fn map(&self, offset: usize) -> usize {
        let i = self
            .lines
            .partition_point(|k| k.start <= offset)
            .saturating_sub(1);
        let k = self.lines[i];
        k.at + offset.clamp(k.start, k.end) - k.start
    }

    pub fn map_span(&self, span: Span) -> Span {
        Span::new(self.map(span.start), self.map(span.end))
    }
}

/// The byte range of `line` to keep: all of `must` (if any), widened on both
/// sides to fill `budget` display columns.
fn crop(line: &str, must: Option<(usize, usize)>, budget: usize) -> (usize, usize) {
    let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    // Whether the line fits, stopping at the budget: measuring a whole
    // 1 MB line for each of its findings made printing quadratic.
    let mut w = 0;
    let fits = line.chars().all(|c| {
        w += c.width().unwrap_or(0);
        w <= budget
    });
    if fits {
        return (0, line.len());
    }
    let (a, b) = must.unwrap_or((0, 0));
    let mut room = budget.saturating_sub(width(&line[a..b]));
    // Half the room before the spans, the rest after; what one side cannot
    // use goes to the other.
    let mut start = a;
    let mut left = room / 2;
    for (i, c) in line[..a].char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if w > left {
            break;
        }
        left -= w;
        start = i;
    }
    room -= room / 2 - left;
    let mut end = b;
    for c in line[b..].chars() {
        let w = c.width().unwrap_or(0);
        if w > room {
            break;
        }
        room -= w;
        end += c.len_utf8();
    }
    // Give what is left after the end back to the start.
    for (i, c) in line[..start].char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if w > room {
            break;
        }
        room -= w;
        start = i;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole() {
        let src = SourceFile::from_text("t", "甲\n乙丙 and 丁\n戊\n");
        let at = src.text.find("and").unwrap();
        let ex = Excerpt::new(&src, &[Span::new(at, at + 3)], 80, 1);
        assert_eq!(ex.text, "甲\n乙丙 and 丁\n戊");
        assert_eq!(ex.first_line, 0);
        assert_eq!(&ex.text[ex.map_span(Span::new(at, at + 3)).range()], "and");
    }

    #[test]
    fn long_lines_are_cropped_around_the_span() {
        let line = format!("{}优势 and 物流{}", "甲".repeat(200), "乙".repeat(200));
        let src = SourceFile::from_text("t", format!("前\n{line}\n后"));
        let at = src.text.find("and").unwrap();
        let ex = Excerpt::new(&src, &[Span::new(at, at + 3)], 40, 1);
        let mid = ex.text.lines().nth(1).unwrap();
        assert!(mid.starts_with('…') && mid.ends_with('…'), "{mid}");
        let w: usize = mid.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(w <= 42, "{w}: {mid}");
        assert_eq!(&ex.text[ex.map_span(Span::new(at, at + 3)).range()], "and");
    }

    #[test]
    fn a_span_wider_than_any_terminal_is_cut() {
        let line = "甲".repeat(40_000);
        let src = SourceFile::from_text("t", line.clone());
        let ex = Excerpt::new(&src, &[Span::new(0, line.len())], 80, 0);
        let w: usize = ex.text.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(w <= MAX_MUST_COLUMNS + 2, "{w}");
    }

    #[test]
    fn spans_across_lines_keep_both_ends() {
        let first = format!("{}四", "甲".repeat(100));
        let text = format!("{first}\n\n带联动{}", "乙".repeat(100));
        let src = SourceFile::from_text("t", text.clone());
        let span = Span::new(first.len() - 3, first.len() + 2 + 9);
        let ex = Excerpt::new(&src, &[span], 30, 0);
        assert_eq!(&ex.text[ex.map_span(span).range()], "四\n\n带联动");
    }
}
