//! T102 stray-markup: HTML tags and entities, and zero-width characters, left
//! in plan text by web and Word exports.

use std::sync::LazyLock;

use regex::Regex;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::is_cjk;
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::source::Span;

pub struct StrayMarkup;

static META: RuleMeta = RuleMeta {
    code: "T102",
    name: "stray-markup",
    category: Category::Typography,
    summary: "HTML tags and entities (<p>, &nbsp;), zero-width characters and Markdown markers (## , **) in a plain-text file",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
Markup that web pages and exports leave in plain text: HTML tags (<p>,
</p>, <br/>, <span …>), character entities (&nbsp;, &amp;, &#12288;),
invisible characters (zero-width space, joiners, a byte-order mark inside the
text), Markdown left in a plain-text file (`## ` before a heading, `**` or
`__` around Chinese text; a `.md` file is read as Markdown instead), and tabs
inside running text: a line with a tab is read as a table
row, so a "table" of one row whose cells are sentences (they hold 。) is a
paragraph with stray tabs.

Three or more invisible characters (or Markdown markers) in a file are one
finding with their count. A file that is a web page (it starts with <!DOCTYPE or <html, or
tags fill one line in three) is one finding: it is not a plan in plain
text.

## Why it matters
Invisible characters break searches and comparisons between drafts; tags
and entities print as they are.

## Example
```bad
建成<p>平绵高速平凉至天水段。
```

```good
建成平绵高速平凉至天水段，车速小于120 km/h。
```

## Fix safety
Safe: tags and invisible characters are deleted, entities replaced by the
character they stand for. A tag between Chinese text and a space is
deleted with the space (“。</p> 加快” becomes “。加快”). A web page gets no
fix: its markup is not a slip to delete.

## Options
None.
"#,
};

static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}(?:\s[^<>]{0,200})?/?>|&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-fA-F]{1,6});|[\u{200B}-\u{200D}\u{2060}\u{FEFF}]")
        .expect("a fixed pattern")
});

/// Markdown left in plain text: a heading's hashes at a line start before
/// Chinese text, and `**` or `__` around a stretch of Chinese text.
static MARKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t\x{3000}]*(#{1,6}[ \t\x{3000}]+)[\p{Han}“（《]|(\*\*|__)[^*_\n]{0,80}?\p{Han}[^*_\n]{0,80}?(\*\*|__)")
        .expect("a fixed pattern")
});

fn entity(e: &str) -> Option<String> {
    Some(match e {
        "&nbsp;" => " ".to_owned(),
        "&amp;" => "&".to_owned(),
        "&lt;" => "<".to_owned(),
        "&gt;" => ">".to_owned(),
        "&quot;" => "\"".to_owned(),
        "&apos;" => "'".to_owned(),
        _ => {
            let body = e.strip_prefix("&#")?.strip_suffix(';')?;
            let code = match body.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => body.parse().ok()?,
            };
            char::from_u32(code)?.to_string()
        }
    })
}

impl Rule for StrayMarkup {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = &ctx.source.text;
        // Stray tabs: a one-row "table" whose cells are sentences.
        let rows = &ctx.document.table_rows;
        for (k, row) in rows.iter().enumerate() {
            let alone = (k == 0 || rows[k - 1].table != row.table)
                && rows.get(k + 1).is_none_or(|n| n.table != row.table);
            let prose = row
                .cells
                .iter()
                .filter(|c| text[c.range()].contains('。'))
                .count()
                >= 1
                && row.cells.len() <= 3;
            if !(alone && prose) {
                continue;
            }
            for (i, _) in text[row.span.range()].match_indices('\t') {
                let at = row.span.start + i;
                let span = Span::new(at, at + 1);
                sink.push(
                    Violation::new(span, "“\t”是正文中的制表符".to_owned())
                        .help("删去；正文不用制表符对齐")
                        .fix(Fix::replace(span, "", Applicability::Safe)),
                );
            }
        }
        // A file that is a web page, not a plan with a stray tag: one
        // finding, and no fix (deleting its markup would delete text no
        // finding names).
        if is_markup_document(text) {
            let end = text.find('>').map_or(0, |i| i + 1);
            sink.push(
                Violation::new(
                    Span::new(0, end.min(text.len())),
                    "这是一份 HTML 网页文件，不是纯文本规划".to_owned(),
                )
                .help("从浏览器或 Word 另存为纯文本（.txt）后再检查"),
            );
            return;
        }
        let mut invisible: Vec<(Span, u32)> = Vec::new();
        for m in MARKUP.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            let s = m.as_str();
            let (message, replacement) = if s.starts_with('<') {
                // Deleting a tag between text and a space would leave the
                // space where the tag was (“。</p> 加快”): the space goes too.
                let edit = with_adjacent_space(text, span);
                sink.push(
                    Violation::new(span, format!("{}是 HTML 标记", quote(s)))
                        .help("删去")
                        .fix(Fix::replace(edit, "", Applicability::Safe)),
                );
                continue;
            } else if s.starts_with('&') {
                let rep = entity(s).unwrap_or_default();
                (format!("{}是 HTML 字符实体", quote(s)), rep)
            } else {
                // A joiner inside an emoji sequence (👨‍👩‍👧) is part of the
                // emoji: deleting it would split it into three.
                if s == "\u{200D}" && joins_emoji(text, span) {
                    continue;
                }
                invisible.push((span, s.chars().next().map_or(0, |c| c as u32)));
                continue;
            };
            let help = if replacement.is_empty() {
                "删去".to_owned()
            } else {
                format!("改为{}", quote(&replacement))
            };
            sink.push(Violation::new(span, message).help(help).fix(Fix::replace(
                span,
                replacement,
                Applicability::Safe,
            )));
        }
        report_invisible(ctx, sink, &invisible);
        // The pattern has no literal prefix to search for: run it only on a
        // text that holds a marker at all.
        if !ctx.source.is_markdown() && memchr::memchr3(b'#', b'*', b'_', text.as_bytes()).is_some()
        {
            report_markdown(ctx, sink);
        }
    }
}

/// Whether the zero-width joiner at `span` stands between two pictographs
/// (an emoji ZWJ sequence: 👨‍👩‍👧, 👩‍💻), its left one perhaps with a
/// variation selector or a skin tone after it.
fn joins_emoji(text: &str, span: Span) -> bool {
    let pictograph = |c: char| matches!(c as u32, 0x1F000..=0x1FAFF | 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF);
    let before = text[..span.start]
        .chars()
        .rev()
        .find(|&c| c != '\u{FE0F}' && !matches!(c as u32, 0x1F3FB..=0x1F3FF));
    let after = text[span.end..].chars().next();
    before.is_some_and(pictograph) && after.is_some_and(pictograph)
}

/// Markdown markers in a plain-text file: each where it stands, or, from
/// three in a file (a Markdown file saved as .txt), one finding with the
/// count and one fix deleting them all.
fn report_markdown(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let text = &ctx.source.text;
    let mut found: Vec<(Vec<Span>, &str)> = Vec::new();
    for caps in MARKDOWN.captures_iter(text) {
        let markers: Vec<Span> = if let Some(h) = caps.get(1) {
            vec![Span::new(h.start(), h.end())]
        } else {
            let (open, close) = (caps.get(2).expect("bold"), caps.get(3).expect("bold"));
            if open.as_str() != close.as_str() {
                continue;
            }
            vec![
                Span::new(open.start(), open.end()),
                Span::new(close.start(), close.end()),
            ]
        };
        let kind = if caps.get(1).is_some() {
            "Markdown 标题标记"
        } else {
            "Markdown 加粗标记"
        };
        found.push((markers, kind));
    }
    let Some((first, kind)) = found.first() else {
        return;
    };
    let edits = |markers: &[Span]| -> Vec<Edit> {
        markers
            .iter()
            .map(|&span| Edit {
                span,
                replacement: String::new(),
            })
            .collect()
    };
    if found.len() >= 3 {
        let mut v = Violation::new(
            first[0],
            format!(
                "全文 {} 处 Markdown 标记（如{}）",
                found.len(),
                quote(text[first[0].range()].trim_end())
            ),
        )
        .help(format!(
            "纯文本中不用 Markdown；--fix 一并删去全部 {} 处。若文件本是 Markdown，请用 .md 扩展名",
            found.len()
        ))
        .fix(Fix {
            applicability: Applicability::Safe,
            edits: found.iter().flat_map(|(m, _)| edits(m)).collect(),
        });
        for (m, _) in found.iter().skip(1).take(2) {
            v = v.label(ctx.file, m[0], "同样的标记");
        }
        sink.push(v);
        return;
    }
    let _ = kind;
    for (markers, kind) in &found {
        let mut v = Violation::new(
            markers[0],
            format!("{}是 {kind}", quote(text[markers[0].range()].trim_end())),
        )
        .help("删去；纯文本中不用 Markdown")
        .fix(Fix {
            applicability: Applicability::Safe,
            edits: edits(markers),
        });
        if let Some(&close) = markers.get(1) {
            v = v.label(ctx.file, close, "配对的标记");
        }
        sink.push(v);
    }
}

/// Whether `text` is a markup document (a web page saved as text): it
/// starts with a doctype or an `<html>`, or tags make up a large part of it.
fn is_markup_document(text: &str) -> bool {
    let head = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let starts = head
        .get(..9)
        .is_some_and(|h| h.eq_ignore_ascii_case("<!doctype"))
        || head
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case("<html"));
    if starts {
        return true;
    }
    // Tags in more than one line of three.
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let tagged = text
        .lines()
        .filter(|l| l.trim_start().starts_with('<') && l.trim_end().ends_with('>'))
        .count();
    lines >= 10 && tagged * 3 > lines
}

/// `span` widened over the spaces on one side of it, when the other side is
/// Chinese text or a line's edge: deleting a tag then leaves no stray space.
fn with_adjacent_space(text: &str, span: Span) -> Span {
    let blank = |c: char| c == ' ' || c == '\u{3000}' || c == '\u{00A0}';
    let edge = |c: Option<char>| c.is_none_or(|c| c == '\n' || c == '\r' || c == '\t' || is_cjk(c));
    let after =
        span.end + (text[span.end..].len() - text[span.end..].trim_start_matches(blank).len());
    let before =
        span.start - (text[..span.start].len() - text[..span.start].trim_end_matches(blank).len());
    if edge(text[..span.start].chars().next_back()) {
        Span::new(span.start, after)
    } else if edge(text[after..].chars().next()) {
        Span::new(before, span.end)
    } else {
        span
    }
}

/// The name of an invisible character.
fn invisible_name(c: u32) -> &'static str {
    match c {
        0x200B => "零宽空格",
        0x200C => "零宽非连接符",
        0x200D => "零宽连接符",
        0x2060 => "词连接符",
        _ => "零宽不换行空格（BOM）",
    }
}

/// Invisible characters: each where it stands, or, from three in a file
/// (a text copied from a web page carries them in every paragraph), one
/// finding with the count and one fix deleting them all.
fn report_invisible(ctx: &Context<'_>, sink: &mut Sink<'_>, found: &[(Span, u32)]) {
    let Some(&(first, c)) = found.first() else {
        return;
    };
    if found.len() >= 3 {
        let mut v = Violation::new(
            first,
            format!(
                "全文 {} 处不可见字符（如 U+{c:04X} {}）",
                found.len(),
                invisible_name(c)
            ),
        )
        .help(format!("删去；--fix 一并删去全部 {} 处", found.len()))
        .fix(Fix {
            applicability: Applicability::Safe,
            edits: found
                .iter()
                .map(|&(span, _)| Edit {
                    span,
                    replacement: String::new(),
                })
                .collect(),
        });
        for &(span, _) in found.iter().skip(1).take(2) {
            v = v.label(ctx.file, span, "同样的字符");
        }
        sink.push(v);
        return;
    }
    for &(span, c) in found {
        sink.push(
            Violation::new(
                span,
                format!("不可见字符 U+{c:04X}（{}）", invisible_name(c)),
            )
            .help("删去")
            .fix(Fix::replace(span, "", Applicability::Safe)),
        );
    }
}
