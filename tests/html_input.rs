//! HTML pages as input: the seed made into a web page (hard-wrapped source,
//! character references, tables) gives the findings of its text, each with
//! its block and source line; `--fix` writes text into the page and never
//! markup; a directory run reads pages and skips planlint's own reports.

mod common;

use common::{
    json_of as json, planlint_zh_in as planlint_in, seed_as, seed_text, stderr, stdout, tempdir,
};

use std::path::Path;

fn wide(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF60}')
}

/// One line of text as HTML: escaped, quotation marks as named references
/// (as many government sites write them), and the source wrapped every 30
/// characters between two Chinese characters (where a browser shows no
/// space).
fn html_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut run = 0;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '“' => out.push_str("&ldquo;"),
            '”' => out.push_str("&rdquo;"),
            c => out.push(c),
        }
        run += 1;
        if run >= 30 && wide(c) && chars.get(i + 1).is_some_and(|&n| wide(n)) {
            out.push('\n');
            run = 0;
        }
    }
    out
}

/// A plan's text as a web page: a paragraph per line, tab-separated lines
/// as rows of a table, a title and a script that are not text.
pub fn html_of(text: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>甘肃省规划</title>\
         <script>var x = '<p>不是正文</p>';</script></head>\n<body>\n",
    );
    let mut in_table = false;
    for line in text.lines() {
        let row = line.contains('\t');
        if row && !in_table {
            out.push_str("<table>\n");
        } else if !row && in_table {
            out.push_str("</table>\n");
        }
        in_table = row;
        if row {
            out.push_str("<tr>");
            for cell in line.split('\t') {
                out.push_str(&format!("<td>{}</td>", html_line(cell)));
            }
            out.push_str("</tr>\n");
        } else if !line.trim().is_empty() {
            out.push_str(&format!("<p>{}</p>\n", html_line(line)));
        }
    }
    if in_table {
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// Code, message and flagged text of each finding, sorted: the page's text
/// has no blank lines, so offsets differ from the `.txt`, the findings not.
fn findings(v: &serde_json::Value, text: &str) -> Vec<(String, String, String)> {
    let mut out = common::code_message_text(v, text);
    out.sort();
    out
}

/// The seed's two files in `dir`, the plan as `.txt` or as `.html`.
fn seed_in(dir: &Path, html: bool) -> String {
    let text = seed_text();
    if html {
        seed_as(dir, "html", html_of(&text).as_bytes())
    } else {
        seed_as(dir, "txt", text.as_bytes())
    }
}

/// The text planlint reads from a page, as the JSON spans index it: the
/// lines of the page's paragraphs and rows.
fn page_text(html: &str) -> String {
    planlint::source::SourceFile::from_html("x.html", html, planlint::source::Encoding::Utf8, false)
        .text
}

#[test]
fn the_seed_as_a_web_page_gives_the_findings_of_its_text() {
    let dir = tempdir("html-seed");
    let txt = seed_in(&dir.join("txt"), false);
    let html = seed_in(&dir.join("html"), true);
    let from_txt = json(&dir.join("txt"), &txt);
    let from_html = json(&dir.join("html"), &html);
    let page = page_text(&std::fs::read_to_string(dir.join("html").join(&html)).unwrap());
    assert!(!page.contains("不是正文") && !page.contains("&ldquo;"));
    let expected = findings(&from_txt, &seed_text());
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(findings(&from_html, &page), expected);
    assert_eq!(from_html["summary"], from_txt["summary"]);

    // Every finding has its block and source line; none has a Word place.
    let source = std::fs::read_to_string(dir.join("html").join(&html)).unwrap();
    let source_lines: Vec<&str> = source.lines().collect();
    let lines: Vec<&str> = page.lines().collect();
    for d in from_html["diagnostics"].as_array().unwrap() {
        assert!(d.get("word").is_none(), "{d}");
        let place = &d["html"];
        // The source line holds the flagged text's first character (the
        // source is wrapped, so the line is not the paragraph's first).
        let line = place["source_line"].as_u64().unwrap() as usize;
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        let first = page[start..].chars().next().unwrap();
        let shown = html_line(&first.to_string());
        assert!(source_lines[line - 1].contains(&shown), "{d}");
        // The opening words are the block's.
        let block = lines[d["line"].as_u64().unwrap() as usize - 1];
        assert!(block.starts_with(place["opening"].as_str().unwrap()), "{d}");
        assert!(place["text"].as_str().unwrap().contains("源文件第"), "{d}");
    }
}

#[test]
fn every_format_gives_the_place_in_the_page() {
    let dir = tempdir("html-formats");
    let file = seed_in(&dir, true);
    for format in ["human", "concise", "github", "sarif"] {
        let o = planlint_in(&dir, &["check", "--no-config", "--format", format, &file]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("段，源文件第"), "{format}: {out}");
    }
    let line = common::concise_line(&dir, &file, "C101");
    let source = std::fs::read_to_string(dir.join(&file)).unwrap();
    let at = source.find("一核二极").unwrap();
    let source_line = source[..at].matches('\n').count() + 1;
    assert!(
        line.contains(&format!("源文件第{source_line}行")),
        "{line} (expected line {source_line})"
    );
}

/// The tags of a page, in order: what `--fix` must leave as they were.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap())
        .collect()
}

#[test]
fn fix_writes_text_into_the_page_and_never_markup() {
    let dir = tempdir("html-fix");
    let txt = seed_in(&dir.join("txt"), false);
    let html = seed_in(&dir.join("html"), true);
    let before = std::fs::read_to_string(dir.join("html").join(&html)).unwrap();

    // --diff shows the page's source as --fix would write it.
    let o = planlint_in(
        &dir.join("html"),
        &["check", "--no-config", "--diff", &html],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let diff = stdout(&o);
    assert!(diff.contains("+<p>") && diff.contains("-<p>"), "{diff}");

    for (sub, file) in [("txt", &txt), ("html", &html)] {
        let o = planlint_in(&dir.join(sub), &["check", "--no-config", "--fix", file]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    }
    let after = std::fs::read_to_string(dir.join("html").join(&html)).unwrap();
    assert_ne!(after, before);
    assert_eq!(tags(&after), tags(&before));
    // The fixed page reads as the fixed text, blank lines aside and spaces
    // collapsed as a browser collapses them.
    let fixed_txt = std::fs::read_to_string(dir.join("txt").join(&txt)).unwrap();
    let non_blank = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| {
                l.split([' ', '\t'])
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.is_empty())
            .collect()
    };
    let (page_lines, txt_lines) = (non_blank(&page_text(&after)), non_blank(&fixed_txt));
    assert_eq!(page_lines.len(), txt_lines.len());
    for (p, t) in page_lines.iter().zip(&txt_lines) {
        assert_eq!(p, t);
    }
    // What is left is what is left of the text.
    let left_txt = json(&dir.join("txt"), &txt);
    let left_html = json(&dir.join("html"), &html);
    assert_eq!(
        findings(&left_html, &page_text(&after)),
        findings(&left_txt, &fixed_txt)
    );
}

#[test]
fn a_fix_across_a_tag_is_left_out_whole_and_counted() {
    let dir = tempdir("html-fix-tag");
    // The first number's fix would cross the <b>; a reference is text and
    // is rewritten whole.
    let page = "<p>一、<b>１９</b>５５年国内工作的基本情况&#40;草案)。全国１９５６年增长。</p>\n";
    std::fs::write(dir.join("a.html"), page).unwrap();
    let o = planlint_in(&dir, &["check", "--no-config", "--fix", "a.html"]);
    let after = std::fs::read_to_string(dir.join("a.html")).unwrap();
    assert_eq!(
        after,
        "<p>一、<b>１９</b>５５年国内工作的基本情况（草案）。全国1956年增长。</p>\n"
    );
    let err = stderr(&o);
    assert!(err.contains("已修复 1 个文件中的 2 处问题"), "{err}");
    assert!(err.contains("a.html：1 处修复涉及 HTML 标记"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
}

#[test]
fn a_page_in_gb18030_is_read_and_fixed_in_gb18030() {
    let dir = tempdir("html-gbk");
    let page = "<html><head><meta charset=\"gb2312\"></head><body><p>推进经济高质量发展,实现增长目标。</p><p>加快建设现代化经济体系，全面深化改革开放，不断增强发展动力。</p></body></html>";
    let (bytes, _, _) = encoding_rs::GB18030.encode(page);
    std::fs::write(dir.join("gbk.htm"), &bytes).unwrap();
    let o = planlint_in(
        &dir,
        &["check", "--no-config", "--format", "concise", "gbk.htm"],
    );
    assert!(
        stdout(&o).contains("P101/halfwidth-punctuation"),
        "{}",
        stdout(&o)
    );
    let o = planlint_in(&dir, &["check", "--no-config", "--fix", "gbk.htm"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read(dir.join("gbk.htm")).unwrap();
    let (decoded, _, bad) = encoding_rs::GB18030.decode(&written);
    assert!(!bad);
    assert_eq!(decoded, page.replace("发展,实现", "发展，实现"));
}

#[test]
fn a_directory_run_reads_pages_and_skips_planlint_reports() {
    let dir = tempdir("html-dir");
    std::fs::write(dir.join("a.html"), "<p>推进经济高质量发展。</p>").unwrap();
    std::fs::write(dir.join("b.htm"), "<p>推进经济高质量发展。</p>").unwrap();
    let o = planlint_in(
        &dir,
        &["check", "--no-config", "--format", "html", "a.html"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(dir.join("report.html"), stdout(&o)).unwrap();
    let o = planlint_in(&dir, &["check", "--no-config", "--format", "concise", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("检查了 2 个文件"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("report.html: 未读取：这是 planlint 生成的 HTML 报告"),
        "{}",
        stderr(&o)
    );
}
