//! The date of a document: when it was published, approved or signed, as
//! the text states it; failing those, the earliest it can be — a plan of a
//! five-year period is written after the proposals for it, adopted in the
//! October before the period starts.
//!
//! Rules that hold wording to a date (a body renamed, a formulation
//! replaced) read this: with no date they say nothing.

use std::sync::OnceLock;

use regex::Regex;

use crate::document::Document;
use crate::source::Span;

/// A date as (year, month, day); a missing month or day is 1.
pub type Ymd = (u32, u32, u32);

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentDate {
    pub date: Ymd,
    /// Where the text states it (none for a bound from the plan's period).
    pub span: Option<Span>,
    /// How it was found, for messages: 发布日期, 批准, 落款, 规划期.
    pub how: &'static str,
    /// Whether the document is dated exactly, or only not earlier than this.
    pub exact: bool,
}

impl DocumentDate {
    /// The date as messages give it: 本文件日期为2026年2月10日（发布日期）.
    pub fn describe(&self) -> String {
        let (y, m, d) = self.date;
        if self.exact {
            format!("本文件日期为{y}年{m}月{d}日（{}）", self.how)
        } else {
            format!("本文件按规划期不早于{y}年{m}月")
        }
    }
}

/// How far into the text a publication or approval line is looked for.
const HEAD_BYTES: usize = 6_000;
/// How far from the end a closing date line is looked for.
const TAIL_BYTES: usize = 600;

fn date_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"((?:19|20)\d\d)(?:年(\d{1,2})月(?:(\d{1,2})日)?|[-./](\d{1,2})[-./](\d{1,2}))")
            .expect("a literal pattern")
    })
}

fn parse(c: &regex::Captures<'_>) -> Option<Ymd> {
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let y = n(1)?;
    let (m, d) = match (n(2), n(4)) {
        (Some(m), _) => (m, n(3).unwrap_or(1)),
        (None, Some(m)) => (m, n(5).unwrap_or(1)),
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

fn floor(text: &str, i: usize) -> usize {
    crate::cjk::floor_boundary(text, i.min(text.len()))
}

/// The document's date, as well as the text tells it.
pub fn document_date(doc: &Document, text: &str) -> Option<DocumentDate> {
    let head = &text[..floor(text, HEAD_BYTES)];
    let re = date_pattern();
    // 发布日期：2026-02-10, 成文日期, 发布时间.
    for label in ["发布日期", "成文日期", "发布时间", "印发日期"] {
        if let Some(at) = head.find(label) {
            let rest = &head[at..floor(head, at + 60)];
            if let Some(c) = re.captures(rest) {
                if let Some(date) = parse(&c) {
                    let m = c.get(0).expect("whole match");
                    let span = Span::new(at + m.start(), at + m.end());
                    return Some(DocumentDate {
                        date,
                        span: Some(span),
                        how: "发布日期",
                        exact: true,
                    });
                }
            }
        }
    }
    // 2026年1月29日北京市第十六届人民代表大会第四次会议批准 (wrapped or not).
    for c in re.captures_iter(head) {
        let m = c.get(0).expect("whole match");
        let after = &head[m.end()..floor(head, m.end() + 90)];
        let clause = after.split(['。', '；']).next().unwrap_or("");
        if ["批准", "通过", "印发"].iter().any(|w| clause.contains(w)) {
            if let Some(date) = parse(&c) {
                let span = Span::new(m.start(), m.end());
                return Some(DocumentDate {
                    date,
                    span: Some(span),
                    how: "批准",
                    exact: true,
                });
            }
        }
    }
    // A line that is only a date: the date under a title, or a signature.
    let tail_from = floor(text, text.len().saturating_sub(TAIL_BYTES));
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let here = at;
        at += line.len();
        if here >= HEAD_BYTES && here < tail_from {
            continue;
        }
        let body = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if let Some(c) = re.captures(body) {
            let m = c.get(0).expect("whole match");
            if m.start() == 0 && m.end() == body.len() {
                if let Some(date) = parse(&c) {
                    let start = here
                        + (line.len()
                            - line
                                .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                                .len());
                    let span = Span::new(start, start + body.len());
                    return Some(DocumentDate {
                        date,
                        span: Some(span),
                        how: "落款",
                        exact: true,
                    });
                }
            }
        }
    }
    // The period a plan title names: written after the October before it.
    let title = doc
        .plans
        .iter()
        .filter_map(|p| p.title)
        .map(|s| &text[s.range()])
        .next()
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))?;
    let (from, _) = super::quantity::title_period(title)?;
    Some(DocumentDate {
        date: (from - 1, 10, 1),
        span: None,
        how: "规划期",
        exact: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<(Ymd, &'static str)> {
        let source = crate::source::SourceFile::from_text("plan.txt", text);
        let doc = crate::document::Document::parse(&source);
        document_date(&doc, text).map(|d| (d.date, d.how))
    }

    #[test]
    fn dates_from_the_text() {
        assert_eq!(
            date("标题\n发布日期：2026-02-10\n正文。\n"),
            Some(((2026, 2, 10), "发布日期"))
        );
        assert_eq!(
            date("北京市国民经济和社会发展\n第十五个五年规划纲要\n2026年1月29日北京市第十六届\n人民代表大会第四次会议批准\n序言\n"),
            Some(((2026, 1, 29), "批准"))
        );
        assert_eq!(
            date("某市规划纲要\n\n2026年5月\n\n目 录\n"),
            Some(((2026, 5, 1), "落款"))
        );
        assert_eq!(
            date("甘肃省“十四五”区域协调发展规划\n正文提到2035年目标。\n"),
            Some(((2020, 10, 1), "规划期"))
        );
        assert_eq!(
            date("各位代表：\n现在，我代表国务院报告2017年的工作。\n"),
            None
        );
    }
}
