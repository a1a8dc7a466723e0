//! Paragraphs re-joined across page breaks, the joined text with its map back
//! to original offsets, and sentences.

use std::borrow::Cow;

use crate::cjk::{is_space, CharSet};
use crate::source::Span;

/// A paragraph: one or more fragments of running text that a page break or
/// hard wrap split apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub plan: usize,
    /// The fragments in order, each trimmed of white space.
    pub parts: Vec<Span>,
}

impl Paragraph {
    /// From the start of the first fragment to the end of the last.
    pub fn span(&self) -> Span {
        Span::new(self.parts[0].start, self.parts[self.parts.len() - 1].end)
    }

    pub fn is_rejoined(&self) -> bool {
        self.parts.len() > 1
    }

    /// The paragraph's text with the breaks removed, and a map back.
    pub fn joined<'t>(&self, text: &'t str) -> JoinedText<'t> {
        if let [only] = self.parts[..] {
            return JoinedText::single(text, only);
        }
        let mut joined = String::with_capacity(self.span().len());
        let mut later = Vec::with_capacity(self.parts.len().saturating_sub(1));
        for (k, part) in self.parts.iter().enumerate() {
            if k > 0 {
                later.push((joined.len(), part.start));
            }
            joined.push_str(&text[part.range()]);
        }
        JoinedText {
            text: Cow::Owned(joined),
            first: self.parts.first().map_or(0, |p| p.start),
            later,
        }
    }
}

/// A sentence of a paragraph, split at 。！？； outside quotes and brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub plan: usize,
    pub paragraph: usize,
    /// In the original text; crosses a page break when the sentence does.
    pub span: Span,
}

/// A paragraph's text with page breaks removed, mapping offsets back to the
/// original text. Extractors scan this and report original spans.
#[derive(Debug, Clone)]
pub struct JoinedText<'t> {
    text: Cow<'t, str>,
    /// The original offset of the first fragment (joined offset 0).
    first: usize,
    /// (offset in joined text, offset in original text) where each later
    /// fragment starts; empty, and so not allocated, for a single fragment.
    later: Vec<(usize, usize)>,
}

impl<'t> JoinedText<'t> {
    /// The text of one span, with nothing to re-join.
    pub fn single(text: &'t str, span: Span) -> Self {
        JoinedText {
            text: Cow::Borrowed(&text[span.range()]),
            first: span.start,
            later: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original offset of a joined offset. An offset at a fragment
    /// boundary maps to the start of the later fragment.
    pub fn original(&self, joined: usize) -> usize {
        let (j, o) = self.piece(self.later.partition_point(|&(j, _)| j <= joined));
        o + (joined - j)
    }

    /// Fragment `i` (0 the first) as (joined offset, original offset).
    fn piece(&self, i: usize) -> (usize, usize) {
        match i {
            0 => (0, self.first),
            _ => self.later[i - 1],
        }
    }

    /// The original span of a joined range. A start at a fragment boundary
    /// maps to the later fragment, an end to the earlier one, so a span never
    /// begins or ends in the blank lines between fragments.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.original(start);
        if end <= start {
            return Span::new(s, s);
        }
        let (j, o) = self.piece(self.later.partition_point(|&(j, _)| j < end));
        Span::new(s, o + (end - j))
    }
}

/// Marks that end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '）' | ')' | '》' | '」' | '』' | '】' | '〕')
}

fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '（' | '(' | '《' | '「' | '『' | '【' | '〔')
}

/// Brackets counted by [`bracket_balance`], and every mark that matters to
/// sentence splitting: most characters are neither, and a set lookup skips
/// them faster than the `match`es below.
static BRACKETS: CharSet =
    CharSet::new(&['《', '（', '(', '〔', '【', '》', '）', ')', '〕', '】']);
static SENTENCE_MARKS: CharSet = CharSet::new(&[
    '。', '！', '？', '；', '!', '?', '…', '”', '’', '）', ')', '》', '」', '』', '】', '〕', '“',
    '‘', '（', '(', '《', '「', '『', '【', '〔',
]);

/// Opening minus closing 《》 （） () 〔〕 【】 in a fragment. Quotation marks
/// are left out: a quotation may run over paragraphs (GB/T 15834-2011, 4.1.3).
pub(crate) fn bracket_balance(fragment: &str) -> i64 {
    fragment
        .chars()
        .filter(|&c| BRACKETS.contains(c))
        .map(|c| match c {
            '《' | '（' | '(' | '〔' | '【' => 1,
            _ => -1,
        })
        .sum()
}

/// Quotation marks opened minus closed in `fragment`: “” ‘’ 「」 『』.
pub(crate) fn quote_balance(fragment: &str) -> i64 {
    fragment
        .chars()
        .map(|c| match c {
            '“' | '‘' | '「' | '『' => 1,
            '”' | '’' | '」' | '』' => -1,
            _ => 0,
        })
        .sum()
}

/// Whether a fragment ends with an opening mark (“ 《 （ 「 …): no
/// paragraph ends there, so the next line continues it.
pub(crate) fn ends_with_opening(fragment: &str) -> bool {
    fragment
        .trim_end_matches(is_space)
        .chars()
        .next_back()
        .is_some_and(is_opening)
}

/// Whether a fragment ends a sentence: 。！？ (or …), possibly before a
/// closing mark.
pub(crate) fn ends_sentence(fragment: &str) -> bool {
    let trimmed = fragment.trim_end_matches(is_space);
    let mut rev = trimmed.chars().rev();
    match rev.next() {
        Some(c) if is_terminal(c) => true,
        Some(c) if is_closing(c) => rev.next().is_some_and(is_terminal),
        _ => false,
    }
}

/// Whether a fragment of running text stops mid-sentence, so that the next
/// fragment continues it. Short lines with no punctuation (letterheads,
/// signatures, dates) are complete lines of their own.
pub(crate) fn ends_mid_sentence(fragment: &str) -> bool {
    let trimmed = fragment.trim_end_matches(is_space);
    let mut rev = trimmed.chars().rev();
    let Some(last) = rev.next() else {
        return false;
    };
    if is_terminal(last) || last == '：' {
        return false;
    }
    if is_closing(last) {
        // 。” ends a sentence; a line that is one bracketed remark, such as
        // (此件公开发布), stands alone; …“一核” mid-sentence does not.
        let before = rev.next();
        if before.is_some_and(is_terminal) {
            return false;
        }
        if trimmed.starts_with(is_opening)
            && !trimmed[..trimmed.len() - last.len_utf8()].contains(is_closing)
        {
            return false;
        }
    }
    let looks_like_prose =
        trimmed.contains(['，', '、', '；', '：', '“']) || trimmed.chars().count() >= 20;
    looks_like_prose
}

/// Length in bytes of the first sentence of `s`: up to and including the
/// first sentence end outside brackets, or all of `s`.
pub(crate) fn first_sentence_len(s: &str) -> usize {
    sentence_ends(s).next().unwrap_or(s.len())
}

/// Byte ranges of the sentences of `s` (untrimmed, covering all of it).
pub(crate) fn sentence_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in sentence_ends(s).chain(std::iter::once(s.len())) {
        if end > start {
            out.push((start, end));
            start = end;
        }
    }
    out
}

/// Byte offsets just after each sentence end in `s`.
fn sentence_ends(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut depth = 0usize;
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            if !SENTENCE_MARKS.contains(c) {
                continue;
            }
            if is_opening(c) {
                depth += 1;
            } else if is_closing(c) {
                depth = depth.saturating_sub(1);
            } else if is_terminal(c) {
                let mut end = i + c.len_utf8();
                // 。。 …… and 。” stay with their sentence.
                let mut d = depth;
                while let Some(&(j, n)) = chars.peek() {
                    if is_terminal(n) || (is_closing(n) && d > 0) {
                        if is_closing(n) {
                            d -= 1;
                        }
                        end = j + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if d == 0 {
                    depth = 0;
                    return Some(end);
                }
            }
        }
        None
    })
}

/// The sentences of a joined paragraph, as original spans trimmed of space.
pub(crate) fn split_sentences(joined: &JoinedText<'_>) -> Vec<Span> {
    let text = joined.text();
    let mut spans = Vec::new();
    let mut start = 0;
    let ends = sentence_ends(text).chain(std::iter::once(text.len()));
    for end in ends {
        if end <= start {
            continue;
        }
        let piece = &text[start..end];
        let lead = piece.len() - piece.trim_start_matches(is_space).len();
        let trimmed = piece.trim_matches(is_space);
        if !trimmed.is_empty() {
            let s = start + lead;
            spans.push(joined.span(s, s + trimmed.len()));
        }
        start = end;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let p = Paragraph {
            plan: 0,
            parts: vec![Span::new(0, text.len())],
        };
        split_sentences(&p.joined(text))
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn mark_sets_hold_exactly_the_marks() {
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            assert_eq!(
                SENTENCE_MARKS.contains(c),
                is_terminal(c) || is_closing(c) || is_opening(c),
                "{c:?}"
            );
            assert_eq!(
                BRACKETS.contains(c),
                "《（(〔【》）)〕】".contains(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn splits_outside_quotes_and_brackets() {
        assert_eq!(
            sentences("甲。乙说：“丙。丁。”戊；己（庚。辛）壬！"),
            ["甲。", "乙说：“丙。丁。”", "戊；", "己（庚。辛）壬！"]
        );
        assert_eq!(sentences("没有句号"), ["没有句号"]);
        assert_eq!(sentences("甲。。乙"), ["甲。。", "乙"]);
    }

    #[test]
    fn mid_sentence_ends() {
        for (s, want) in [
            ("区位优势明显。该区域位于我国陆域版图的几何中心，具有", true),
            ("是重要的节点城市，", true),
            ("推动形成“一核”", true),
            ("完结了。", false),
            ("他说：“好。”", false),
            ("(此件公开发布)", false),
            ("各单位：", false),
            ("甘肃省人民政府办公厅文件", false),
            ("甘政办发〔2021〕93号", false),
        ] {
            assert_eq!(ends_mid_sentence(s), want, "{s}");
        }
    }

    #[test]
    fn joined_spans_map_across_fragments() {
        let text = "甲乙\n\n丙丁";
        let p = Paragraph {
            plan: 0,
            parts: vec![Span::new(0, 6), Span::new(8, 14)],
        };
        let j = p.joined(text);
        assert_eq!(j.text(), "甲乙丙丁");
        assert_eq!(&text[j.span(0, 6).range()], "甲乙");
        assert_eq!(&text[j.span(3, 9).range()], "乙\n\n丙");
        assert_eq!(&text[j.span(6, 12).range()], "丙丁");
    }
}
