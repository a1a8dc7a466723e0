//! Word documents as input: a `.docx` made from the seed's text gives the
//! findings of the text, with each one's place in Word in every format; PDF
//! and legacy Word files get a message saying how to export them; a
//! directory run reads `.docx` and says which documents it skipped.

mod common;

use common::{planlint_in, root, stderr, stdout, tempdir};

use std::io::{Cursor, Write};
use std::path::Path;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One paragraph, its text split over two runs (the second bold), with
/// Word's record of a new page before it when `page` is set.
fn paragraph(text: &str, page: bool) -> String {
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(text.len(), |(i, _)| i);
    let (a, b) = text.split_at(cut);
    let mark = if page {
        "<w:lastRenderedPageBreak/>"
    } else {
        ""
    };
    format!(
        r#"<w:p><w:r>{mark}<w:t xml:space="preserve">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(a),
        escape(b)
    )
}

/// A Word document of `text` as Word would save it: one paragraph per line,
/// runs of tab-separated lines as tables, a page recorded every 40 lines.
pub fn docx_of(text: &str) -> Vec<u8> {
    let mut body = String::new();
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let row = line.contains('\t');
        if row && !in_table {
            body.push_str("<w:tbl><w:tblPr/>");
        }
        if !row && in_table {
            body.push_str("</w:tbl>");
        }
        in_table = row;
        if row {
            body.push_str("<w:tr>");
            for cell in line.split('\t') {
                body.push_str("<w:tc><w:tcPr/>");
                body.push_str(&paragraph(cell, false));
                body.push_str("</w:tc>");
            }
            body.push_str("</w:tr>");
        } else {
            body.push_str(&paragraph(line, i > 0 && i % 40 == 0));
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", document.as_str()),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, xml) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn seed_text() -> String {
    std::fs::read_to_string(root().join("seeds/gansu-2021-93.txt")).unwrap()
}

fn json(dir: &Path, file: &str) -> serde_json::Value {
    let o = planlint_in(dir, &["check", "--no-config", "--format", "json", file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// Code, message and the flagged text of each finding.
fn findings(v: &serde_json::Value, text: &str) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let (a, b) = (
                d["span"]["start"].as_u64().unwrap() as usize,
                d["span"]["end"].as_u64().unwrap() as usize,
            );
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                text[a..b].to_owned(),
            )
        })
        .collect()
}

/// The seed's two files in `dir`, the plan as `.txt` or as `.docx`.
fn seed_in(dir: &Path, docx: bool) -> String {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(
        root().join("seeds/gansu-2021-93.toml"),
        dir.join("gansu-2021-93.toml"),
    )
    .unwrap();
    let text = seed_text();
    if docx {
        std::fs::write(dir.join("gansu-2021-93.docx"), docx_of(&text)).unwrap();
        "gansu-2021-93.docx".to_owned()
    } else {
        std::fs::write(dir.join("gansu-2021-93.txt"), &text).unwrap();
        "gansu-2021-93.txt".to_owned()
    }
}

#[test]
fn the_seed_as_docx_gives_the_findings_of_its_text() {
    let dir = tempdir("docx-seed");
    let txt = seed_in(&dir.join("txt"), false);
    let docx = seed_in(&dir.join("docx"), true);
    let from_txt = json(&dir.join("txt"), &txt);
    let from_docx = json(&dir.join("docx"), &docx);
    let text = seed_text();
    let expected = findings(&from_txt, &text);
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(findings(&from_docx, &text), expected);
    assert_eq!(from_docx["summary"], from_txt["summary"]);

    // Every finding of the .docx has its place in Word; none of the .txt.
    let lines: Vec<&str> = text.lines().collect();
    for (d, t) in from_docx["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .zip(from_txt["diagnostics"].as_array().unwrap())
    {
        assert!(t.get("word").is_none());
        let word = &d["word"];
        let line = d["line"].as_u64().unwrap() as usize;
        // One paragraph per line, but a table row holds one per cell.
        let paragraph = word["paragraph"].as_u64().unwrap() as usize;
        assert!(paragraph >= line, "{d}");
        // A page is recorded before every 40th line.
        assert_eq!(
            word["page"].as_u64().unwrap() as usize,
            (line - 1) / 40 + 1,
            "{d}"
        );
        let opening = word["opening"].as_str().unwrap();
        assert!(lines[line - 1].trim_start().starts_with(opening), "{d}");
        assert!(word["text"].as_str().unwrap().contains(opening), "{d}");
    }
}

#[test]
fn every_format_gives_the_place_in_word() {
    let dir = tempdir("docx-formats");
    let file = seed_in(&dir, true);
    for format in ["human", "concise", "github", "sarif"] {
        let o = planlint_in(&dir, &["check", "--no-config", "--format", format, &file]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("段，第") && out.contains("页，“"),
            "{format}: {out}"
        );
    }
    let o = planlint_in(
        &dir,
        &["check", "--no-config", "--format", "concise", &file],
    );
    let line = stdout(&o)
        .lines()
        .find(|l| l.contains("C101/structure-label"))
        .unwrap()
        .to_owned();
    assert_eq!(
        line,
        "gansu-2021-93.docx:156:12: warning[C101/structure-label] “二极”与指标文件的“一核两极四带”写法不一致（第156段，第4页，“图1 兰州经济圈“一核二……”）"
    );
}

#[test]
fn fixes_are_not_written_into_a_docx() {
    let dir = tempdir("docx-fix");
    let file = seed_in(&dir, true);
    let before = std::fs::read(dir.join(&file)).unwrap();
    let o = planlint_in(&dir, &["check", "--no-config", "--fix", &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("未写入修复"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.join(&file)).unwrap(), before);
    // --diff still shows what the fixes would change.
    let o = planlint_in(&dir, &["check", "--no-config", "--diff", &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("+++"), "{}", stdout(&o));
}

#[test]
fn a_directory_run_reads_docx_and_names_what_it_skips() {
    let dir = tempdir("docx-dir");
    std::fs::write(dir.join("a.docx"), docx_of("推进经济高质量发展。\n")).unwrap();
    std::fs::write(dir.join("~$a.docx"), b"\x00lock").unwrap();
    std::fs::write(dir.join("b.pdf"), b"%PDF-1.7\n").unwrap();
    std::fs::write(dir.join("c.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    std::fs::write(dir.join("d.png"), b"\x89PNG").unwrap();
    let o = planlint_in(&dir, &["check", "--no-config", "--format", "concise", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("in 1 file"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("b.pdf: 未读取：PDF"), "{err}");
    assert!(err.contains("c.doc: 未读取：旧版 Word/WPS 格式"), "{err}");
    assert!(!err.contains("d.png") && !err.contains("~$a"), "{err}");
}

#[test]
fn documents_planlint_cannot_read_get_a_chinese_message_and_exit_2() {
    let dir = tempdir("docx-bad");
    let cases: [(&str, &[u8], &str); 5] = [
        ("plan.pdf", b"%PDF-1.7\n", "另存为"),
        (
            "plan.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
            "旧版 Word/WPS",
        ),
        (
            "locked.docx",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
            "加密",
        ),
        ("fake.docx", b"just text", "不是 ZIP 包"),
        ("broken.docx", b"PK\x03\x04broken", "不是有效的 .docx"),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        let o = planlint_in(&dir, &["check", "--no-config", name]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}");
    }
}

#[test]
fn a_paragraph_styled_as_a_heading_is_not_prose() {
    use planlint::document::Document;
    use planlint::source::SourceFile;
    // 发展环境 has no number and no full stop: in plain text it would run on
    // into the paragraph after it; in Word its style makes it a heading.
    let body = concat!(
        r#"<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>发展环境</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>“十三五”时期，全省经济保持平稳增长。</w:t></w:r></w:p>"#,
    );
    let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style></w:styles>"#;
    let document = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, xml) in [
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", styles),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let src = SourceFile::from_docx("plan.docx", &bytes).unwrap();
    let doc = Document::parse(&src);
    assert_eq!(doc.paragraphs.len(), 1);
    let para = &doc.paragraphs[0];
    assert!(
        src.slice(para.span()).starts_with("“十三五”"),
        "{}",
        src.slice(para.span())
    );
    // The same lines as plain text join into one paragraph.
    let plain = SourceFile::from_text("plan.txt", src.text.clone());
    let doc = Document::parse(&plain);
    assert!(plain
        .slice(doc.paragraphs[0].span())
        .starts_with("发展环境"));
}
