//! Page layout read out of the text: page numbers and running heads of
//! PDF-extracted text, and lists set in columns. Each is found by its form
//! and where it stands, not by a list of documents.

use std::collections::HashMap;

use super::{Document, Part, PartKind};
use crate::cjk::{is_space, trim_space};
use crate::document::outline::Heading;
use crate::source::LineIndex;

/// How often a line must stand beside a page number to be a running head
/// (the plan's title or a chapter's name repeated on each page).
const RUNNING_HEAD_MIN: usize = 3;
/// A running head is a short line.
const RUNNING_HEAD_MAX_CHARS: usize = 40;

/// For each line, whether it is page layout: a page number (— 1 —, - 12 -,
/// 第 3 页, 第3页 共40页) or a running head, a short line written at least
/// three times right beside page numbers. Such lines are not text: a
/// paragraph that a page break cut goes on after them.
pub(super) fn layout_lines(text: &str, lines: &LineIndex) -> Vec<bool> {
    let count = lines.line_count();
    let content = |line: usize| trim_space(&text[lines.line_span(text, line).range()]).1;
    let mut layout: Vec<bool> = (0..count).map(|l| is_page_number(content(l))).collect();
    // A web page's footer: after the last sentence of the text, from the
    // first line that names the site's owner, licence or links on.
    let last_sentence = (0..count)
        .rev()
        .find(|&l| content(l).contains(['。', '！', '？']));
    let after = last_sentence.map_or(0, |l| l + 1);
    if let Some(footer) = (after..count).find(|&l| is_site_footer(content(l))) {
        for line in &mut layout[footer..] {
            *line = true;
        }
    }
    web_header(&mut layout, &content, count);
    let pages: Vec<usize> = (0..count).filter(|&l| layout[l]).collect();
    if pages.len() < RUNNING_HEAD_MIN {
        return layout;
    }
    // The nearest line with text on either side of each page number.
    let mut beside: HashMap<&str, Vec<usize>> = HashMap::new();
    for &page in &pages {
        let before = (0..page).rev().find(|&l| !content(l).is_empty());
        let after = (page + 1..count).find(|&l| !content(l).is_empty());
        for line in [before, after].into_iter().flatten() {
            let t = content(line);
            if !layout[line] && t.chars().count() <= RUNNING_HEAD_MAX_CHARS {
                beside.entry(t).or_default().push(line);
            }
        }
    }
    for places in beside.values() {
        let mut places = places.clone();
        places.sort_unstable();
        places.dedup();
        if places.len() >= RUNNING_HEAD_MIN {
            for line in places {
                layout[line] = true;
            }
        }
    }
    layout
}

/// How long a line of a web page's header may be: navigation, tools and
/// the site's name are a few words.
const WEB_HEADER_MAX_CHARS: usize = 16;

/// A web page's header, copied with the text: the short lines before the
/// text starts (its first sentence, contents or heading), when one of them
/// shows a page's tools (首页, 字号, 分享到, 发布日期, a time stamp 05-26
/// 11:30). Lines with a figure, a title (…规划, …纲要) or a label ending in
/// a colon stay text.
fn web_header<'t>(layout: &mut [bool], content: &impl Fn(usize) -> &'t str, count: usize) {
    let start = (0..count)
        .find(|&l| {
            let t = content(l);
            t.contains('。')
                || crate::document::outline::parse_marker(t).is_some()
                || super::contents_label(t).is_some()
        })
        .unwrap_or(count);
    let tools = [
        "首页",
        "字号",
        "分享到",
        "发布日期",
        "来源：",
        "打印本页",
        "关闭窗口",
        "浏览次数",
    ];
    let is_page = (0..start).any(|l| {
        let t = content(l);
        tools.iter().any(|w| t.starts_with(w)) || is_time_stamp(t)
    });
    if !is_page {
        return;
    }
    for (l, is_layout) in layout.iter_mut().enumerate().take(start) {
        let t = content(l);
        let short = !t.is_empty() && t.chars().count() <= WEB_HEADER_MAX_CHARS;
        let kept = t.chars().any(|c| c.is_ascii_digit())
            || t.ends_with(['：', ':'])
            || ["规划", "纲要", "方案", "计划", "建议", "意见", "通知"]
                .iter()
                .any(|w| t.ends_with(w));
        if short && !kept {
            *is_layout = true;
        }
    }
}

/// 05-26 11:30, 2026-02-10 09:00: when a page says it was published.
fn is_time_stamp(line: &str) -> bool {
    let Some((date, time)) = line.split_once(' ') else {
        return false;
    };
    let digits = |s: &str, sep: char| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    digits(date, '-') && digits(time.trim(), ':')
}

/// What a web page's footer says and a plan's text does not: the site's
/// owner and host, its licence and registration, its links.
const FOOTER_WORDS: &[&str] = &[
    "版权所有",
    "Copyright",
    "copyright",
    "©",
    "ICP备",
    "ICP证",
    "公网安备",
    "主办单位",
    "承办单位",
    "技术支持",
    "网站标识码",
    "网站地图",
    "友情链接",
    "联系我们",
];

fn is_site_footer(line: &str) -> bool {
    FOOTER_WORDS.iter().any(|w| line.contains(w))
}

/// A page number on a line of its own: — 1 —, - 12 -, －3－, 第 3 页,
/// 第3页 共40页, 3/40.
fn is_page_number(line: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '─');
    let digits = |s: &str| {
        let (_, d) = trim_space(s);
        !d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit())
    };
    // — 1 —
    if let Some(inner) = line
        .strip_prefix(dash)
        .and_then(|r| r.trim_start_matches(dash).strip_suffix(dash))
    {
        return digits(inner.trim_end_matches(dash));
    }
    // 第 3 页 (共 40 页)
    if let Some(rest) = line.strip_prefix('第') {
        if let Some((n, after)) = rest.split_once('页') {
            let after: String = after.chars().filter(|&c| !is_space(c)).collect();
            let total = after.is_empty()
                || after
                    .trim_start_matches(['，', ','])
                    .strip_prefix('共')
                    .and_then(|t| t.strip_suffix('页'))
                    .is_some_and(digits);
            return digits(n) && total;
        }
    }
    // 3/40
    if let Some((a, b)) = line.split_once('/') {
        return digits(a) && digits(b) && !a.starts_with(is_space) && !b.ends_with(is_space);
    }
    false
}

/// Lists set in columns and read row by row: 1.集成电路 / 4.生物医药 /
/// 2.人工智能 / 5.新能源汽车 / 3.高端装备 / 6.新材料. A run of at least
/// four numbered lines of one style with nothing between them, whose numbers
/// go up by one down each of two to four columns and run on from one
/// column to the next, is a table: its lines move to a table part of their
/// own, so the outline does not read 1, 4, 2, 5 as a sequence.
pub(super) fn columns_to_tables(doc: &mut Document, text: &str) {
    let mut start = 0;
    while start < doc.headings.len() {
        let mut end = start + 1;
        while end < doc.headings.len() && adjacent(&doc.headings[end - 1], &doc.headings[end], text)
        {
            end += 1;
        }
        let numbers: Vec<u32> = doc.headings[start..end].iter().map(|h| h.number).collect();
        if in_columns(&numbers) {
            let first = &doc.headings[start];
            doc.parts.push(Part {
                kind: PartKind::Table,
                plan: first.plan,
                start: first.marker.start,
            });
            let part = doc.parts.len() - 1;
            for h in &mut doc.headings[start..end] {
                h.part = part;
            }
        }
        start = end;
    }
}

/// Two headings of one list: same plan, part and style, nothing but space
/// between the first's line and the second.
fn adjacent(a: &Heading, b: &Heading, text: &str) -> bool {
    if a.plan != b.plan || a.part != b.part || a.style != b.style || b.marker.start < a.title.end {
        return false;
    }
    let gap = &text[a.title.end..b.marker.start];
    // The first's line may hold more after its title; the line break ends it.
    let after_line = gap.find('\n').map_or("", |i| &gap[i..]);
    gap.contains('\n') && after_line.chars().all(is_space)
}

/// Whether `numbers`, read row by row, fill two to four columns that each
/// count up by one and run on from one column to the next, and are not
/// simply in order.
fn in_columns(numbers: &[u32]) -> bool {
    if numbers.len() < 4 || numbers.windows(2).all(|w| w[1] == w[0] + 1) {
        return false;
    }
    (2..=4).filter(|&k| numbers.len() >= 2 * k).any(|k| {
        let mut expected = numbers[0];
        for column in 0..k {
            for n in numbers.iter().skip(column).step_by(k) {
                if *n != expected {
                    return false;
                }
                expected += 1;
            }
        }
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for yes in [
            "— 1 —",
            "- 12 -",
            "－3－",
            "—1—",
            "第 3 页",
            "第3页 共40页",
            "3/40",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "1",
            "— 十五五 —",
            "第三页",
            "2021年",
            "1/2/3",
            "——",
            "第1页面",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn a_web_footer_after_the_last_sentence_is_layout() {
        let text = "第一章 发展\n全市经济稳步提升。\n2026年2月\n友情链接: 新闻网\nCopyright @1997-2023 日报社\n";
        let src = crate::source::SourceFile::from_text("t.txt", text);
        let layout = layout_lines(&src.text, &src.lines);
        assert_eq!(&layout[..5], [false, false, false, true, true]);
        // Before the last sentence it is text: a plan may cite a site.
        let text = "友情链接\n全市经济稳步提升。\n";
        let src = crate::source::SourceFile::from_text("t.txt", text);
        assert!(!layout_lines(&src.text, &src.lines)[0]);
    }

    #[test]
    fn a_web_header_before_the_text_is_layout() {
        let text = "示例市规划纲要\n搜索\n示例市规划纲要\n05-26 11:30\n读特客户端\n读特在线，您的新闻观察眼\n2026年5月\n目 录\n第一章 发展\n";
        let src = crate::source::SourceFile::from_text("t.txt", text);
        let layout = layout_lines(&src.text, &src.lines);
        assert_eq!(
            &layout[..9],
            [false, true, false, false, true, true, false, false, false]
        );
        // Without a page's tools, short lines are the plan's.
        let text = "示例市规划纲要\n各市人民政府\n全市经济稳步提升。\n";
        let src = crate::source::SourceFile::from_text("t.txt", text);
        assert!(layout_lines(&src.text, &src.lines).iter().all(|&l| !l));
    }

    #[test]
    fn columns() {
        assert!(in_columns(&[1, 4, 2, 5, 3, 6]));
        assert!(in_columns(&[1, 4, 2, 5, 3]));
        assert!(in_columns(&[1, 3, 5, 2, 4, 6]));
        assert!(!in_columns(&[1, 2, 3, 4]));
        assert!(!in_columns(&[1, 3, 2, 4, 6]));
        assert!(!in_columns(&[1, 2, 4, 3]));
    }

    #[test]
    fn running_heads_beside_page_numbers() {
        let text = "示例规划\n正文第一页，\n— 1 —\n示例规划\n接着写。\n— 2 —\n示例规划\n第三页。\n— 3 —\n示例规划\n";
        let src = crate::source::SourceFile::from_text("t.txt", text);
        let layout = layout_lines(&src.text, &src.lines);
        let kept: Vec<&str> = (0..src.lines.line_count())
            .filter(|&l| !layout[l])
            .map(|l| src.slice(src.lines.line_span(&src.text, l)))
            .collect();
        assert_eq!(
            kept[..4],
            ["示例规划", "正文第一页，", "接着写。", "第三页。"]
        );
    }
}
