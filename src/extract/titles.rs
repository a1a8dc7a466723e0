//! Titles cited in 书名号 (《…》) and the count a notice gives of the plans it
//! issues (《…》等3项…).

use crate::cjk::{is_space, parse_small_numeral};
use crate::source::Span;

/// A title cited in 《》.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedTitle {
    /// The text between the marks.
    pub inner: Span,
    /// With the marks.
    pub outer: Span,
    /// Whether it stands right after the title before it (《A》《B》 or
    /// 《A》、《B》): one list.
    pub follows: bool,
}

/// Longest title read, in bytes: an unclosed 《 does not swallow the text.
const MAX_TITLE_BYTES: usize = 300;

/// Every 《…》 of `text`, outermost marks only (《关于〈…〉的决定》 is one
/// title), in text order. Page breaks inside a title are allowed.
pub fn find_all(text: &str) -> Vec<CitedTitle> {
    let mut out: Vec<CitedTitle> = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('《').map(|i| at + i) {
        let inner_start = open + '《'.len_utf8();
        let window_end = (inner_start + MAX_TITLE_BYTES).min(text.len());
        let window_end = (window_end..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let window = &text[inner_start..window_end];
        let close = window.find(['》', '《']);
        match close {
            Some(i) if window[i..].starts_with('》') && i > 0 => {
                let inner = Span::new(inner_start, inner_start + i);
                let outer = Span::new(open, inner.end + '》'.len_utf8());
                let follows = out.last().is_some_and(|prev| {
                    text[prev.outer.end..open]
                        .chars()
                        .all(|c| c == '、' || is_space(c))
                });
                out.push(CitedTitle {
                    inner,
                    outer,
                    follows,
                });
                at = outer.end;
            }
            _ => at = inner_start,
        }
    }
    out
}

/// The count after a cited title that says how many documents a notice
/// issues: 《…》等3项 / 等三个 / 等5部. Returns the number and the span of
/// the count (等3项).
pub fn issued_count(text: &str, after: usize) -> Option<(u32, Span)> {
    let rest = &text[after..];
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let rest = &rest[lead..];
    let body = rest.strip_prefix('等')?;
    let digits = body
        .find(|c: char| !(c.is_ascii_digit() || crate::cjk::is_numeral_char(c)))
        .unwrap_or(body.len());
    if digits == 0 {
        return None;
    }
    let numeral = &body[..digits];
    let n = if numeral.bytes().all(|b| b.is_ascii_digit()) {
        numeral.parse().ok()?
    } else {
        parse_small_numeral(numeral)?
    };
    let unit = ['项', '个', '部', '份', '件']
        .into_iter()
        .find(|&u| body[digits..].starts_with(u))?;
    let start = after + lead;
    let len = '等'.len_utf8() + digits + unit.len_utf8();
    Some((n, Span::new(start, start + len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_lists() {
        let text = "关于印发《“十四五”甲规划》《乙规划》、《丙规划》等3项规划和《关于〈丁〉的决定》的通知《未闭合";
        let t = find_all(text);
        let inner: Vec<&str> = t.iter().map(|t| &text[t.inner.range()]).collect();
        assert_eq!(
            inner,
            ["“十四五”甲规划", "乙规划", "丙规划", "关于〈丁〉的决定"]
        );
        assert_eq!(
            t.iter().map(|t| t.follows).collect::<Vec<_>>(),
            [false, true, true, false]
        );
        let (n, span) = issued_count(text, t[2].outer.end).unwrap();
        assert_eq!((n, &text[span.range()]), (3, "等3项"));
        assert_eq!(issued_count(text, t[0].outer.end), None);
    }

    #[test]
    fn chinese_counts() {
        let text = "《甲》 等三个规划";
        let t = find_all(text);
        assert_eq!(issued_count(text, t[0].outer.end).map(|c| c.0), Some(3));
    }
}
