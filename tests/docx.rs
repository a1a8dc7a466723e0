//! Word documents as input: a `.docx` made from the seed's text gives the
//! findings of the text, with each one's place in Word in every format; PDF
//! and legacy Word files get a message saying how to export them; a
//! directory run reads `.docx` and says which documents it skipped.

mod common;

use common::{
    code_message_text as findings, docx_of, json_of as json, planlint_zh_in as planlint_in,
    seed_as, seed_text, stderr, stdout, tempdir, xml_escape as escape, W,
};

use std::io::{Cursor, Write};
use std::path::Path;

/// The seed's two files in `dir`, the plan as `.txt` or as `.docx`.
fn seed_in(dir: &Path, docx: bool) -> String {
    let text = seed_text();
    if docx {
        seed_as(dir, "docx", &docx_of(&text))
    } else {
        seed_as(dir, "txt", text.as_bytes())
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
        let opening_shown = opening.replace('\t', " ");
        assert!(
            word["text"].as_str().unwrap().contains(&opening_shown),
            "{d}"
        );
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
    let line = common::concise_line(&dir, &file, "C101");
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
    assert!(stdout(&o).contains("检查了 1 个文件"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("提示：./b.pdf: 未读取：PDF"), "{err}");
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

/// The text each comment of an annotated `document.xml` is anchored on, by
/// comment id, read with the markers in document order.
fn anchored(document: &str) -> std::collections::BTreeMap<u32, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(document);
    let mut open: std::collections::BTreeMap<u32, String> = Default::default();
    let mut done = std::collections::BTreeMap::new();
    let mut in_text = false;
    let id = |e: &quick_xml::events::BytesStart<'_>| -> u32 {
        let a = e.try_get_attribute("w:id").unwrap().unwrap();
        std::str::from_utf8(&a.value).unwrap().parse().unwrap()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeStart" => {
                open.insert(id(&e), String::new());
            }
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeEnd" => {
                let k = id(&e);
                done.insert(k, open.remove(&k).unwrap());
            }
            Event::Text(t) if in_text => {
                let t = t.decode().unwrap();
                for s in open.values_mut() {
                    s.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let c = match &*r {
                    b"amp" => "&",
                    b"lt" => "<",
                    b"gt" => ">",
                    _ => "?",
                };
                for s in open.values_mut() {
                    s.push_str(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "comments never closed: {open:?}");
    done
}

/// The content model of WordprocessingML (ECMA-376 Part 1, §17.13 and
/// wml.xsd) for the elements `--annotate` writes, checked on every part it
/// touches: each such element stands under a parent the schema allows,
/// holds only the children the schema allows, and carries its required
/// attributes; comment ids match across the document and the comments part;
/// annotation ids are unique; the package declares the comments part.
/// (The full schema set is not shipped; this is its subset for what the
/// copy adds, and LibreOffice reading the copy is the other check.)
fn check_touched_parts(bytes: &[u8]) {
    use quick_xml::events::{BytesStart, Event};
    use std::collections::{BTreeMap, BTreeSet};

    /// Allowed parents, allowed children (None: not checked here) and
    /// required attributes.
    type Model = (
        &'static [&'static str],
        Option<&'static [&'static str]>,
        &'static [&'static str],
    );

    /// Allowed parents of an element we write, its allowed children (None:
    /// not checked here), and its required attributes.
    fn model(name: &[u8]) -> Option<Model> {
        const RUN_PARENTS: &[&str] = &[
            "w:p",
            "w:ins",
            "w:del",
            "w:hyperlink",
            "w:smartTag",
            "w:fldSimple",
            "w:sdtContent",
            "w:customXml",
            "w:moveFrom",
            "w:moveTo",
            "w:dir",
            "w:bdo",
        ];
        Some(match name {
            b"w:comments" => (&["#root"], Some(&["w:comment"]), &[]),
            b"w:comment" => (
                &["w:comments"],
                Some(&[
                    "w:p",
                    "w:tbl",
                    "w:sdt",
                    "w:customXml",
                    "w:bookmarkStart",
                    "w:bookmarkEnd",
                ]),
                &["w:id", "w:author"],
            ),
            b"w:ins" | b"w:del" => (
                &[
                    "w:p",
                    "w:hyperlink",
                    "w:smartTag",
                    "w:sdtContent",
                    "w:customXml",
                    "w:fldSimple",
                    "w:rPr",
                ],
                Some(&[
                    "w:r",
                    "w:commentRangeStart",
                    "w:commentRangeEnd",
                    "w:bookmarkStart",
                    "w:bookmarkEnd",
                    "w:proofErr",
                    "w:permStart",
                    "w:permEnd",
                ]),
                &["w:id", "w:author"],
            ),
            b"w:r" => (
                RUN_PARENTS,
                Some(&[
                    "w:rPr",
                    "w:t",
                    "w:delText",
                    "w:tab",
                    "w:br",
                    "w:cr",
                    "w:commentReference",
                    "w:annotationRef",
                    "w:footnoteReference",
                    "w:endnoteReference",
                    "w:fldChar",
                    "w:instrText",
                    "w:delInstrText",
                    "w:drawing",
                    "w:pict",
                    "w:object",
                    "w:sym",
                    "w:noBreakHyphen",
                    "w:softHyphen",
                    "w:lastRenderedPageBreak",
                    "w:separator",
                    "w:continuationSeparator",
                    "w:footnoteRef",
                    "w:endnoteRef",
                    "w:ptab",
                    "w:ruby",
                    "w:dayShort",
                    "w:monthShort",
                    "w:yearShort",
                    "w:dayLong",
                    "w:monthLong",
                    "w:yearLong",
                    "w:pgNum",
                    "w:contentPart",
                    "mc:AlternateContent",
                ]),
                &[],
            ),
            b"w:t" => (&["w:r"], Some(&[]), &[]),
            b"w:delText" => (&["w:r"], Some(&[]), &[]),
            b"w:commentRangeStart" | b"w:commentRangeEnd" => (
                &[
                    "w:p",
                    "w:ins",
                    "w:del",
                    "w:body",
                    "w:tc",
                    "w:tr",
                    "w:tbl",
                    "w:hyperlink",
                    "w:smartTag",
                    "w:sdtContent",
                    "w:customXml",
                    "w:fldSimple",
                    "w:comment",
                    "w:footnote",
                    "w:endnote",
                ],
                Some(&[]),
                &["w:id"],
            ),
            b"w:commentReference" => (&["w:r"], Some(&[]), &["w:id"]),
            b"w:annotationRef" => (&["w:r"], Some(&[]), &[]),
            _ => return None,
        })
    }

    fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
        e.try_get_attribute(name)
            .unwrap()
            .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
    }

    let mut ranges: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut annotation_ids: BTreeSet<String> = BTreeSet::new();
    let mut comment_ids: BTreeSet<String> = BTreeSet::new();
    for part in ["word/document.xml", "word/comments.xml"] {
        let xml = part_of(bytes, part);
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut stack: Vec<(String, bool)> = Vec::new(); // name, inside a w:del
        loop {
            let event = reader
                .read_event()
                .unwrap_or_else(|e| panic!("{part} is not well-formed XML: {e}"));
            let (e, empty) = match &event {
                Event::Start(e) => (e.clone(), false),
                Event::Empty(e) => (e.clone(), true),
                Event::End(_) => {
                    stack.pop();
                    continue;
                }
                Event::Text(t) => {
                    if let Some((parent, _)) = stack.last() {
                        let text = t.decode().unwrap();
                        if !text.trim().is_empty() {
                            assert!(
                                parent == "w:t"
                                    || parent == "w:delText"
                                    || model(parent.as_bytes()).is_none(),
                                "{part}: text directly in <{parent}>"
                            );
                        }
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
            let parent = stack.last().map_or("#root", |(p, _)| p.as_str()).to_owned();
            let in_del = stack.last().is_some_and(|(_, d)| *d) || name == "w:del";
            if let Some((parents, _, required)) = model(name.as_bytes()) {
                assert!(
                    parents.contains(&parent.as_str()),
                    "{part}: <{name}> inside <{parent}>"
                );
                for a in required {
                    assert!(attr(&e, a).is_some(), "{part}: <{name}> without {a}");
                }
            }
            if let Some((_, Some(children), _)) = model(parent.as_bytes()) {
                assert!(
                    children.contains(&name.as_str()),
                    "{part}: <{name}> inside <{parent}>"
                );
            }
            // Deleted text is w:delText, never w:t; inserted or plain text
            // never w:delText.
            if name == "w:t" {
                assert!(!in_del, "{part}: <w:t> inside <w:del>");
            }
            if name == "w:delText" {
                assert!(in_del, "{part}: <w:delText> outside <w:del>");
            }
            let id = attr(&e, "w:id").unwrap_or_default();
            let position = reader.buffer_position() as usize;
            let mut anchor = |which: usize| {
                let entry = ranges.entry(id.clone()).or_insert([usize::MAX; 3]);
                assert_eq!(entry[which], usize::MAX, "{part}: {name} {id} twice");
                entry[which] = position;
            };
            match name.as_str() {
                "w:ins" | "w:del" => {
                    assert!(
                        annotation_ids.insert(id.clone()),
                        "{part}: revision id {id} twice"
                    )
                }
                "w:commentRangeStart" => anchor(0),
                "w:commentRangeEnd" => anchor(1),
                "w:commentReference" => anchor(2),
                "w:comment" => assert!(comment_ids.insert(id), "comment id twice"),
                _ => {}
            }
            if !empty {
                stack.push((name, in_del));
            }
        }
        assert!(stack.is_empty(), "{part}: unclosed elements {stack:?}");
    }
    // Every comment is anchored (start, end, reference, in that order) and
    // every anchor has its comment.
    for (id, [start, end, reference]) in &ranges {
        assert!(
            start < end && end < reference && *reference != usize::MAX,
            "comment {id}: start {start}, end {end}, reference {reference}"
        );
        assert!(
            comment_ids.contains(id),
            "comment {id} is anchored but not in comments.xml"
        );
    }
    assert_eq!(comment_ids.len(), ranges.len(), "comments without anchors");
    // Revisions and comments do not share ids.
    assert!(
        annotation_ids.is_disjoint(&comment_ids),
        "revision and comment ids overlap"
    );
    if !comment_ids.is_empty() {
        let types = part_of(bytes, "[Content_Types].xml");
        assert!(types.contains(r#"PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml""#), "{types}");
        let rels = part_of(bytes, "word/_rels/document.xml.rels");
        assert!(rels.contains(r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml""#), "{rels}");
    }
}

fn part_of(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn annotate_writes_a_commented_copy_and_leaves_the_original() {
    let dir = tempdir("docx-annotate");
    let file = seed_in(&dir, true);
    let original = std::fs::read(dir.join(&file)).unwrap();
    let o = planlint_in(
        &dir,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            &file,
            "--annotate",
            "out",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("已写出带批注的副本"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.join(&file)).unwrap(), original);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();

    let copy = std::fs::read(dir.join("out").join(&file)).unwrap();
    check_touched_parts(&copy);
    // The copy reads as the same text, so it lints the same.
    let a = planlint::source::SourceFile::from_docx("a.docx", &original).unwrap();
    let b = planlint::source::SourceFile::from_docx("b.docx", &copy).unwrap();
    assert_eq!(a.text, b.text);

    // One comment per finding, each anchored on the flagged text.
    let comments = part_of(&copy, "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), diagnostics.len());
    let anchors = anchored(&part_of(&copy, "word/document.xml"));
    assert_eq!(anchors.len(), diagnostics.len());
    for (k, d) in diagnostics.iter().enumerate() {
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        let id = k as u32 + first_comment_id(&copy);
        assert_eq!(anchors[&id], a.text[s..e], "{d}");
        let message = d["message"].as_str().unwrap();
        let escaped = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(comments.contains(&escaped), "{message}");
    }
    assert!(part_of(&copy, "word/_rels/document.xml.rels").contains("comments.xml"));
    assert!(part_of(&copy, "[Content_Types].xml").contains("/word/comments.xml"));

    // Written again over its own copy: still one comment per finding.
    let o = planlint_in(&dir, &["check", "--no-config", &file, "--annotate", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let again = std::fs::read(dir.join("out").join(&file)).unwrap();
    check_touched_parts(&again);
    assert_eq!(
        part_of(&again, "word/comments.xml")
            .matches("<w:comment ")
            .count(),
        diagnostics.len()
    );
}

#[test]
fn annotate_never_writes_over_the_original() {
    let dir = tempdir("docx-annotate-self");
    let file = seed_in(&dir, true);
    let original = std::fs::read(dir.join(&file)).unwrap();
    for out in [file.as_str(), "."] {
        let o = planlint_in(&dir, &["check", "--no-config", &file, "--annotate", out]);
        assert_eq!(o.status.code(), Some(2), "{out}: {}", stderr(&o));
        assert!(stderr(&o).contains("原文件不会被改写"), "{}", stderr(&o));
        assert_eq!(std::fs::read(dir.join(&file)).unwrap(), original);
    }
    // Plain text has nowhere to put comments.
    std::fs::write(dir.join("plan.txt"), "推进经济高质量发展。\n").unwrap();
    let o = planlint_in(
        &dir,
        &["check", "--no-config", "plan.txt", "--annotate", "x.docx"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("只用于 Word 文档"), "{}", stderr(&o));
}

/// LibreOffice opens the commented copy without repair and finds every
/// comment (converted to flat ODF, each comment is an office:annotation).
/// Skipped where LibreOffice is not installed, but never in CI, which
/// installs it (.ci/run).
#[test]
fn libreoffice_opens_the_commented_copy_with_every_comment() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        common::skipped("soffice not found (LibreOffice is not installed)");
        return;
    };
    let dir = tempdir("docx-libreoffice");
    let file = seed_in(&dir, true);
    let profile = format!("file://{}", dir.join("lo-profile").display());
    // LibreOffice converts `input` to flat ODF in `outdir`.
    let to_fodt = |outdir: &std::path::Path, input: &std::path::Path| {
        let converted = std::process::Command::new(soffice)
            .args([
                &format!("-env:UserInstallation={profile}"),
                "--headless",
                "--convert-to",
                "fodt",
                "--outdir",
            ])
            .arg(outdir)
            .arg(input)
            .output()
            .unwrap();
        assert!(converted.status.success(), "{}", stderr(&converted));
        converted
    };
    // The copy planlint writes (with `extra` flags) as LibreOffice reads it
    // (flat ODF), and how many findings it holds.
    let copy_as_read = |extra: &[&str], out: &str| -> (String, usize) {
        let mut args = vec!["check", "--no-config", "--format", "json", &file];
        args.extend_from_slice(extra);
        args.extend(["--annotate", out]);
        let o = planlint_in(&dir, &args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let findings = report["diagnostics"].as_array().unwrap().len();
        let conv = dir.join(format!("conv-{}", extra.len()));
        to_fodt(&conv, &dir.join(out));
        let fodt = std::fs::read_to_string(conv.join("seed.fodt")).unwrap();
        (fodt, findings)
    };

    let (fodt, findings) = copy_as_read(&[], "out/seed.docx");
    assert_eq!(fodt.matches("<office:annotation ").count(), findings);
    assert_eq!(fodt.matches("<office:annotation-end ").count(), findings);
    assert!(fodt.contains("W102 名称写法错误（错误）：“耨河”应为“藉河”"));

    // With --fix, the fixes are tracked changes LibreOffice reads as such.
    let (fodt, left) = copy_as_read(&["--fix"], "fixed/seed.docx");
    assert_eq!(fodt.matches("<office:annotation ").count(), left);
    assert!(fodt.matches("<text:insertion").count() > 5, "no insertions");
    assert!(fodt.matches("<text:deletion").count() > 5, "no deletions");
    assert!(fodt.contains("<dc:creator>planlint</dc:creator>"));

    // A document with every story: footnotes, endnotes, a table, a text
    // box and a header, a finding in each but the header. The seed has no
    // notes, and a comment inside word/footnotes.xml made LibreOffice refuse
    // the whole copy ("source file could not be loaded").
    std::fs::write(dir.join("rich.docx"), rich_docx()).unwrap();
    let o = planlint_in(
        &dir,
        &[
            "check",
            "--no-config",
            "rich.docx",
            "--annotate",
            "rich-out/rich.docx",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let conv = dir.join("conv-rich");
    let converted = to_fodt(&conv, &dir.join("rich-out/rich.docx"));
    let fodt = std::fs::read_to_string(conv.join("rich.fodt")).unwrap_or_else(|e| {
        panic!(
            "LibreOffice did not load the copy: {e}: {}",
            stdout(&converted)
        )
    });
    assert_eq!(fodt.matches("<office:annotation ").count(), 5, "{fodt}");
    assert!(fodt.contains("脚注1：P101"), "{fodt}");
    assert!(fodt.contains("尾注1：P101"), "{fodt}");
    assert!(fodt.contains("<text:note "), "notes lost: {fodt}");
    // The mark of planlint's copies is a document property LibreOffice shows.
    assert!(
        fodt.contains(r#"<meta:user-defined meta:name="planlint""#),
        "{fodt}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

mod properties {
    use super::*;
    use planlint::diagnostic::{Diagnostic, Severity};
    use planlint::source::{SourceFile, Span};
    use proptest::prelude::*;

    /// Pieces of WordprocessingML, in any order: most bodies are not
    /// well-formed, and none may make the reader panic.
    const TOKENS: &[&str] = &[
        "<w:p>",
        "</w:p>",
        "<w:p/>",
        "<w:r>",
        "</w:r>",
        "<w:t>",
        "</w:t>",
        "规划",
        "增长5%",
        "&amp;",
        "&#x4E00;",
        "<w:tab/>",
        "<w:br/>",
        "<w:br w:type=\"page\"/>",
        "<w:tbl>",
        "</w:tbl>",
        "<w:tr>",
        "</w:tr>",
        "<w:tc>",
        "</w:tc>",
        "<w:del>",
        "</w:del>",
        "<w:ins>",
        "</w:ins>",
        "<w:pPr><w:rPr><w:del/></w:rPr></w:pPr>",
        "<w:lastRenderedPageBreak/>",
        "<w:txbxContent>",
        "</w:txbxContent>",
        "<w:rPr><w:b/></w:rPr>",
        "<w:pPr><w:numPr><w:ilvl w:val=\"9\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
        "<w:footnoteReference w:id=\"1\"/>",
        "<mc:Fallback>",
        "</mc:Fallback>",
    ];

    fn package(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<w:document xmlns:w="{W}" xmlns:mc="m"><w:body>{body}</w:body></w:document>"#
        );
        let numbering = r#"<w:numbering xmlns:w="w"><w:lvl w:ilvl="3"/><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="12"><w:lvlText w:val="%9%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, xml) in [
            ("word/document.xml", document.as_str()),
            ("word/numbering.xml", numbering),
            ("[Content_Types].xml", "<Types></Types>"),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn paragraph_xml(runs: &[(u8, String)]) -> String {
        let mut p = String::from("<w:p>");
        for (kind, text) in runs {
            let t = escape(text);
            p.push_str(&match kind % 5 {
                0 => format!("<w:r><w:t>{t}</w:t></w:r>"),
                1 => format!("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{t}</w:t><w:tab/></w:r>"),
                2 => {
                    // Revisions as Word writes them: each with its own id.
                    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
                    let id = NEXT.fetch_add(2, std::sync::atomic::Ordering::Relaxed);
                    format!("<w:ins w:id=\"{id}\" w:author=\"A\"><w:r><w:t>{t}</w:t></w:r></w:ins><w:del w:id=\"{}\" w:author=\"A\"><w:r><w:delText>删</w:delText></w:r></w:del>", id + 1)
                }
                3 => format!("<w:hyperlink><w:r><w:t>{t}</w:t></w:r></w:hyperlink>"),
                _ => format!("<w:r><w:t>{t}</w:t><w:br/><w:t>{t}</w:t></w:r>"),
            });
        }
        p.push_str("</w:p>");
        p
    }

    // The part check fails on what Word would repair.
    #[test]
    #[should_panic(expected = "<w:t> inside <w:del>")]
    fn the_part_check_finds_text_in_a_deletion() {
        super::check_touched_parts(&package(
            "<w:p><w:del w:id=\"1\" w:author=\"A\"><w:r><w:t>删</w:t></w:r></w:del></w:p>",
        ));
    }

    #[test]
    #[should_panic(expected = "<w:commentReference> inside <w:p>")]
    fn the_part_check_finds_a_reference_outside_a_run() {
        super::check_touched_parts(&package(
            "<w:p><w:commentRangeStart w:id=\"1\"/><w:r><w:t>x</w:t></w:r><w:commentRangeEnd w:id=\"1\"/><w:commentReference w:id=\"1\"/></w:p>",
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_body_reads_or_fails_without_panicking(
            tokens in proptest::collection::vec(0..TOKENS.len(), 0..40),
            flip in proptest::option::of((0usize..4000, any::<u8>())),
        ) {
            let body: String = tokens.iter().map(|&i| TOKENS[i]).collect();
            let mut bytes = package(&body);
            if let Some((at, b)) = flip {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            let _ = SourceFile::from_docx("x.docx", &bytes);
        }

        /// Any spans of any well-formed document: the commented copy reads
        /// as the same text and holds one comment per span.
        #[test]
        fn the_commented_copy_reads_as_the_original(
            paragraphs in proptest::collection::vec(
                proptest::collection::vec((any::<u8>(), "[规划<&>a ，。0-9]{0,6}"), 1..4),
                1..6,
            ),
            table in any::<bool>(),
            spans in proptest::collection::vec((any::<u16>(), 0usize..12), 1..6),
        ) {
            let mut body: String = paragraphs.iter().map(|p| paragraph_xml(p)).collect();
            if table {
                let row: String = paragraphs.iter().take(2).map(|p| format!("<w:tc>{}</w:tc>", paragraph_xml(p))).collect();
                body.push_str(&format!("<w:tbl><w:tr>{row}</w:tr></w:tbl>"));
            }
            let bytes = package(&body);
            let src = SourceFile::from_docx("x.docx", &bytes).unwrap();
            let boundaries: Vec<usize> = (0..=src.text.len()).filter(|&i| src.text.is_char_boundary(i)).collect();
            let diagnostics: Vec<Diagnostic> = spans
                .iter()
                .map(|&(start, len)| {
                    let a = boundaries[start as usize % boundaries.len()];
                    let b = boundaries[(boundaries.iter().position(|&x| x == a).unwrap() + len).min(boundaries.len() - 1)];
                    Diagnostic {
                        code: "X001",
                        name: "test",
                        severity: Severity::Warning,
                        message: "测试 <&>".to_owned(),
                        file: 0,
                        span: Span::new(a, b),
                        labels: Vec::new(),
                        help: None,
                        fix: None,
                    }
                })
                .collect();
            let sources = [src];
            let copy = planlint::report::annotate::annotate(&bytes, 0, &sources, &diagnostics).unwrap();
            let again = SourceFile::from_docx("y.docx", &copy.bytes).unwrap();
            prop_assert_eq!(&again.text, &sources[0].text);
            // Every finding is placed, unless the document has no text at all.
            let no_text = sources[0].layout.as_ref().unwrap().segments.is_empty();
            prop_assert_eq!(copy.unplaced, if no_text { diagnostics.len() } else { 0 });
            prop_assert_eq!(copy.placed + copy.unplaced, diagnostics.len());
            let comments = part_of(&copy.bytes, "word/comments.xml");
            prop_assert_eq!(comments.matches("<w:comment ").count(), copy.placed);
            let anchors = anchored(&part_of(&copy.bytes, "word/document.xml"));
            prop_assert_eq!(anchors.len(), copy.placed);
            if copy.placed > 0 {
                check_touched_parts(&copy.bytes);
            }
        }
    }
}

/// The copy's document part read as if every tracked change were rejected:
/// insertions out, deletions back in.
fn rejected(document: &str) -> String {
    let mut out = String::new();
    let mut rest = document;
    // Drop <w:ins …>…</w:ins> (planlint's never nest).
    while let Some(a) = rest.find("<w:ins ") {
        out.push_str(&rest[..a]);
        let b = rest[a..].find("</w:ins>").unwrap() + a + "</w:ins>".len();
        rest = &rest[b..];
    }
    out.push_str(rest);
    // Unwrap <w:del …>…</w:del>, its delText read as text again.
    let mut back = String::new();
    let mut rest = out.as_str();
    while let Some(a) = rest.find("<w:del ") {
        back.push_str(&rest[..a]);
        let open_end = rest[a..].find('>').unwrap() + a + 1;
        let b = rest[open_end..].find("</w:del>").unwrap() + open_end;
        back.push_str(
            &rest[open_end..b]
                .replace("<w:delText", "<w:t")
                .replace("</w:delText>", "</w:t>"),
        );
        rest = &rest[b + "</w:del>".len()..];
    }
    back.push_str(rest);
    back
}

#[test]
fn fix_with_annotate_writes_the_fixes_as_tracked_changes_in_the_copy() {
    let dir = tempdir("docx-fix-tracked");
    let docx = seed_in(&dir.join("docx"), true);
    let txt = seed_in(&dir.join("txt"), false);
    let original = std::fs::read(dir.join("docx").join(&docx)).unwrap();
    // The same fixes on the plain text, for comparison.
    let o = planlint_in(&dir.join("txt"), &["check", "--no-config", "--fix", &txt]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let fixed_text = std::fs::read_to_string(dir.join("txt").join(&txt)).unwrap();
    let o = planlint_in(
        &dir.join("docx"),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--fix",
            &docx,
            "--annotate",
            "out",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("处修订"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.join("docx").join(&docx)).unwrap(),
        original
    );
    let copy = std::fs::read(dir.join("docx/out").join(&docx)).unwrap();
    check_touched_parts(&copy);

    // Accepted, the changes read as the fixed text; rejected, as the original.
    let accepted = planlint::source::SourceFile::from_docx("c.docx", &copy).unwrap();
    assert_eq!(accepted.text, fixed_text);
    let document = part_of(&copy, "word/document.xml");
    assert!(document.contains(r#"<w:del w:id=""#) && document.contains(r#"<w:ins w:id=""#));
    let before = planlint::source::SourceFile::from_docx("o.docx", &original).unwrap();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(rejected(&document).as_bytes()).unwrap();
    let rejected_bytes = zip.finish().unwrap().into_inner();
    let rejected = planlint::source::SourceFile::from_docx("r.docx", &rejected_bytes).unwrap();
    assert_eq!(rejected.text, before.text);

    // The findings left are those of the fixed text, one comment each,
    // anchored on their text.
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let left = findings(&report, &fixed_text);
    let o = planlint_in(
        &dir.join("txt"),
        &["check", "--no-config", "--format", "json", &txt],
    );
    let txt_report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(left, findings(&txt_report, &fixed_text));
    let anchors = anchored(&document);
    assert_eq!(anchors.len(), left.len());
    for (k, (_, _, text)) in left.iter().enumerate() {
        assert_eq!(&anchors[&(k as u32 + first_comment_id(&copy))], text);
    }
}

/// The id of the copy's first comment.
fn first_comment_id(bytes: &[u8]) -> u32 {
    let comments = part_of(bytes, "word/comments.xml");
    let at = comments.find("<w:comment w:id=\"").unwrap() + "<w:comment w:id=\"".len();
    comments[at..].split('"').next().unwrap().parse().unwrap()
}

/// A package holding `document` as its `word/document.xml`.
fn package_of(document: &str) -> Vec<u8> {
    common::package(&[("word/document.xml", document)])
}

/// What cannot be read is refused wherever it is named (a folder's walk
/// already refused an .rtf; the command line decoded it as text: 0
/// findings, exit 0), and a document that yields no text says so.
#[test]
fn no_silent_clean_result_for_what_cannot_be_read() {
    let dir = tempdir("docx-silent");
    let rtf =
        b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl\\f0\\fnil SimSun;}\\f0 \\'cd\\'c6\\'bd\\'f8\\par}";
    std::fs::write(dir.join("plan.rtf"), rtf).unwrap();
    // An .rtf under another name, and one on standard input, are RTF too.
    std::fs::write(dir.join("plan-rtf.txt"), rtf).unwrap();
    // Another prefix than w: for WordprocessingML: the document is not
    // empty, it cannot be read as planlint reads Word's XML.
    let other = format!(
        r#"<x:document xmlns:x="{W}"><x:body><x:p><x:r><x:t>推进经济高质量发展(试行)。</x:t></x:r></x:p></x:body></x:document>"#
    );
    std::fs::write(dir.join("prefix.docx"), package_of(&other)).unwrap();
    let default_ns = format!(
        r#"<document xmlns="{W}"><body><p><r><t>推进经济高质量发展(试行)。</t></r></p></body></document>"#
    );
    std::fs::write(dir.join("default-ns.docx"), package_of(&default_ns)).unwrap();
    for name in ["plan.rtf", "plan-rtf.txt", "prefix.docx", "default-ns.docx"] {
        let o = planlint_in(&dir, &["check", "--no-config", name]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
        assert!(stderr(&o).contains("错误："), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("另存为"), "{name}: {}", stderr(&o));
    }
    let o = common::planlint_command()
        .env("LANG", "zh_CN.UTF-8")
        .args(["check", "--no-config", "-"])
        .current_dir(&dir)
        .stdin(std::fs::File::open(dir.join("plan.rtf")).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "stdin: {}", stderr(&o));

    // A scan pasted as pictures: a document with no text. Read, and said.
    let pictures = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:drawing/></w:r></w:p><w:p/></w:body></w:document>"#
    );
    std::fs::write(dir.join("scan.docx"), package_of(&pictures)).unwrap();
    let o = planlint_in(&dir, &["check", "--no-config", "scan.docx"]);
    assert!(
        stderr(&o).contains("警告：scan.docx: 没有读到文字"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A document with every story a plan's .docx has: body paragraphs with a
/// footnote and an endnote reference, a table, a text box (VML), a header,
/// and the notes themselves. Each story but the header holds a finding
/// (half-width brackets, P101).
fn rich_docx() -> Vec<u8> {
    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml""#;
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let note_ref = |kind: &str, id: u32| {
        format!(
            r#"<w:r><w:rPr><w:rStyle w:val="{kind}Reference"/><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{id}"/></w:r>"#
        )
    };
    let body = [
        format!("<w:p>{}</w:p>", run("第一章　总体要求")),
        format!(
            "<w:p>{}{}{}{}</w:p>",
            run("推进经济高质量发展(试行)。"),
            note_ref("footnote", 1),
            run("加快建设现代化产业体系。"),
            note_ref("endnote", 1),
        ),
        format!(
            "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p>{}</w:p></w:tc><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p>{}</w:p></w:tc></w:tr></w:tbl>",
            run("指标(预期性)"),
            run("5%")
        ),
        format!(
            r##"<w:p>{}<w:r><w:pict><v:shape id="box1" type="#_x0000_t202" style="width:200pt;height:60pt"><v:textbox><w:txbxContent><w:p>{}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"##,
            run("专栏如下。"),
            run("重点工程(一)：建设项目。")
        ),
        // One full-width pair: the half-width ones are slips, each found
        // where it stands (five half-width pairs alone would be the
        // document's convention, one finding).
        format!("<w:p>{}</w:p>", run("全面完成规划目标（到2030年）。")),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    );
    let notes = |kind: &str, text: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NS}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>{}</w:p></w:{kind}></w:{kind}s>"#,
            run(text)
        )
    };
    let footnotes = notes("footnote", "数据来源(统计局)。");
    let endnotes = notes("endnote", "本规划(草案)由省政府印发。");
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}><w:p>{}</w:p></w:hdr>"#,
        run("某省国民经济和社会发展规划")
    );
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="{main}.footnotes+xml"/><Override PartName="/word/endnotes.xml" ContentType="{main}.endnotes+xml"/><Override PartName="/word/header1.xml" ContentType="{main}.header+xml"/></Types>"#
    );
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdFoot" Type="{rel}/footnotes" Target="footnotes.xml"/><Relationship Id="rIdEnd" Type="{rel}/endnotes" Target="endnotes.xml"/><Relationship Id="rIdHeader" Type="{rel}/header" Target="header1.xml"/></Relationships>"#
    );
    let package_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>"#
    );
    let parts = [
        ("[Content_Types].xml", types.as_str()),
        ("_rels/.rels", package_rels.as_str()),
        ("word/document.xml", document.as_str()),
        ("word/_rels/document.xml.rels", rels.as_str()),
        ("word/footnotes.xml", footnotes.as_str()),
        ("word/endnotes.xml", endnotes.as_str()),
        ("word/header1.xml", header.as_str()),
    ];
    common::package(&parts)
}

/// A finding in a footnote or an endnote is commented at the note's
/// reference mark in the body, the comment saying which note: LibreOffice
/// does not load a copy with a comment inside `word/footnotes.xml` ("source
/// file could not be loaded"). Nothing is marked in the notes' parts.
#[test]
fn a_note_finding_is_commented_at_its_reference_mark() {
    let dir = tempdir("docx-notes");
    let bytes = rich_docx();
    std::fs::write(dir.join("rich.docx"), &bytes).unwrap();
    let o = planlint_in(
        &dir,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "rich.docx",
            "--annotate",
            "out.docx",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found = report["diagnostics"].as_array().unwrap().len();
    assert_eq!(found, 5, "{}", stdout(&o));
    let copy = std::fs::read(dir.join("out.docx")).unwrap();
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        assert_eq!(
            part_of(&copy, part),
            part_of(&bytes, part),
            "{part} changed"
        );
    }
    let document = part_of(&copy, "word/document.xml");
    let anchors = anchored(&document);
    assert_eq!(anchors.len(), found, "{document}");
    let comments = part_of(&copy, "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), found);
    assert!(comments.contains("脚注1：P101"), "{comments}");
    assert!(comments.contains("尾注1：P101"), "{comments}");
    // The note's comment spans the run of its reference mark.
    let first = first_comment_id(&copy);
    let at_mark = |kind: &str| {
        let reference = document.find(&format!("<w:{kind}Reference ")).unwrap();
        let start = document[..reference].rfind("<w:commentRangeStart").unwrap();
        let id: u32 = document[start..]
            .split('"')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let end = document
            .find(&format!(r#"<w:commentRangeEnd w:id="{id}"/>"#))
            .unwrap();
        assert!(end > reference, "{kind}: {document}");
        id - first
    };
    assert!(at_mark("footnote") < found as u32);
    assert!(at_mark("endnote") < found as u32);
    check_touched_parts(&copy);
    // The copy reads as the same text.
    let a = planlint::source::SourceFile::from_docx("a.docx", &bytes).unwrap();
    let b = planlint::source::SourceFile::from_docx("b.docx", &copy).unwrap();
    assert_eq!(a.text, b.text);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Annotating a folder tree mirrors its subfolders (甲/规划.docx and
/// 乙/规划.docx collided, the second refused with exit 2), and the copies
/// planlint writes are marked and skipped when a later run walks a folder
/// holding them, as its HTML reports are: they were read back, doubling
/// the findings, and the second run failed.
#[test]
fn annotating_a_folder_tree_mirrors_it_and_skips_its_own_copies() {
    let dir = tempdir("docx-tree");
    for (sub, text) in [
        ("甲", "推进经济高质量发展(试行)。\n"),
        ("乙", "加快建设现代化产业体系(草案)。\n"),
    ] {
        std::fs::create_dir_all(dir.join("稿").join(sub)).unwrap();
        std::fs::write(dir.join("稿").join(sub).join("规划.docx"), docx_of(text)).unwrap();
    }
    let run = || {
        planlint_in(
            &dir,
            &[
                "check",
                "--no-config",
                "--format",
                "concise",
                ".",
                "--annotate",
                "稿/批注",
            ],
        )
    };
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("检查了 2 个文件"), "{}", stdout(&o));
    for sub in ["甲", "乙"] {
        let copy = std::fs::read(dir.join("稿/批注/稿").join(sub).join("规划.docx"))
            .unwrap_or_else(|e| panic!("{sub}: {e}: {}", stderr(&o)));
        check_touched_parts(&copy);
        // Marked as planlint's copy: a custom document property.
        assert!(part_of(&copy, "docProps/custom.xml").contains("name=\"planlint\""));
        assert!(part_of(&copy, "[Content_Types].xml").contains("/docProps/custom.xml"));
        assert!(part_of(&copy, "_rels/.rels").contains("docProps/custom.xml"));
    }
    // Again: the copies are skipped, with a note; same findings, exit 0.
    let again = run();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&o));
    assert!(
        stderr(&again).contains("planlint 写出的批注副本"),
        "{}",
        stderr(&again)
    );
    // Named, a copy is read (as a report is).
    let copy = "稿/批注/稿/甲/规划.docx";
    let o = planlint_in(&dir, &["check", "--no-config", "--format", "concise", copy]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("检查了 1 个文件"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Page numbers (issue 39, item 5): a footnote is on the page of the
/// paragraph that refers to it, not on the document's last page; a page
/// that Word's last layout started inside a table cell counts, also when a
/// later page mark exists (everything after a 专栏 table was a page short).
#[test]
fn pages_of_footnotes_and_of_page_marks_in_tables() {
    use planlint::source::SourceFile;
    let p = |text: &str, mark: bool| {
        let mark = if mark {
            "<w:lastRenderedPageBreak/>"
        } else {
            ""
        };
        format!(r#"<w:p><w:r>{mark}<w:t>{text}</w:t></w:r></w:p>"#)
    };
    let body = [
        // Page 1: the paragraph with the note reference.
        r#"<w:p><w:r><w:t>推进经济高质量发展。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#.to_owned(),
        // Page 2 starts inside the table's second row.
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("专栏1　重点工程", false),
            p("建设项目", true)
        ),
        p("表后第一段。", false),
        // Page 3.
        p("第三页的段落。", true),
        p("全面完成规划目标。", false),
    ]
    .concat();
    let document =
        format!(r#"<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#);
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>数据来源于统计公报。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in [
        ("word/document.xml", document.as_str()),
        ("word/footnotes.xml", footnotes.as_str()),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let src = SourceFile::from_docx("pages.docx", &bytes).unwrap();
    let page = |s: &str| src.place(src.text.find(s).unwrap()).unwrap().page;
    assert_eq!(page("推进经济"), Some(1));
    assert_eq!(page("专栏1"), Some(1));
    assert_eq!(page("建设项目"), Some(2));
    assert_eq!(page("表后第一段"), Some(2));
    assert_eq!(page("第三页"), Some(3));
    assert_eq!(page("全面完成"), Some(3));
    assert_eq!(
        page("数据来源"),
        Some(1),
        "a footnote is on its reference's page"
    );
}

/// A fix that deletes or inserts reads as such in its Word comment: 删去“区”,
/// not “修改前请核对：“区”→“””.
#[test]
fn a_deletion_reads_as_one_in_its_comment() {
    let dir = tempdir("docx-delete-comment");
    std::fs::write(dir.join("plan.docx"), docx_of("以主城区区为主推进更新。\n")).unwrap();
    let o = planlint_in(
        &dir,
        &[
            "check",
            "--no-config",
            "plan.docx",
            "--annotate",
            "out.docx",
        ],
    );
    assert!(o.status.code() != Some(2), "{}", stderr(&o));
    let comments = part_of(
        &std::fs::read(dir.join("out.docx")).unwrap(),
        "word/comments.xml",
    );
    assert!(comments.contains("删去“区”"), "{comments}");
    assert!(!comments.contains("→“”"), "{comments}");
    let _ = std::fs::remove_dir_all(&dir);
}
