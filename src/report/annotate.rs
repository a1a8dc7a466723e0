//! `check --annotate`: a copy of a Word document with one comment (批注) per
//! finding, anchored on the flagged text.
//!
//! The copy is the original package with three kinds of change: the runs
//! holding a finding's first and last character are split there to place
//! `commentRangeStart`/`commentRangeEnd` and the comment's reference;
//! `word/comments.xml` gets the comments (created, or appended to when the
//! document has comments of its own); the package's relationships and content
//! types name that part when it is new. Every other part is copied as it is,
//! compressed bytes and all.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Cursor, Read, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::docx::{self, Part, Segment};
use crate::source::{SourceFile, Span};

/// Who the comments are by, as Word shows it.
const AUTHOR: &str = "planlint";
const INITIALS: &str = "PL";
const COMMENTS_PART: &str = "word/comments.xml";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Why a commented copy could not be made.
#[derive(Debug)]
pub enum AnnotateError {
    /// The source was not read from a Word document.
    NotDocx,
    /// The file no longer holds the text that was linted.
    Changed,
    Package(String),
}

impl std::fmt::Display for AnnotateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnnotateError::NotDocx => f.write_str("不是 Word 文档（.docx），无法写入批注"),
            AnnotateError::Changed => f.write_str("检查期间文件已被改动，未写入批注；请重新运行"),
            AnnotateError::Package(e) => write!(f, "无法写出带批注的副本：{e}"),
        }
    }
}

impl std::error::Error for AnnotateError {}

/// A comment: where it is anchored in the text and its paragraphs.
struct Comment {
    span: Span,
    paragraphs: Vec<String>,
}

/// The paragraphs of a finding's comment: code, name and message; the help;
/// each related place with where it is; the fix.
fn comment_text(d: &Diagnostic, sources: &[SourceFile]) -> Vec<String> {
    let severity = match d.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    };
    let mut out = vec![format!(
        "{} {}（{severity}）：{}",
        d.code, d.name, d.message
    )];
    if let Some(help) = &d.help {
        out.push(format!("建议：{help}"));
    }
    for label in &d.labels {
        let src = &sources[label.file];
        let place = match src.place(label.span.start) {
            Some(p) if label.file == d.file => p.describe(),
            Some(p) => format!("{} {}", src.name, p.describe()),
            None => {
                let pos = src.lines.position(&src.text, label.span.start);
                format!("{}:{}:{}", src.name, pos.line, pos.column)
            }
        };
        out.push(format!("相关：{}（{place}）", label.message));
    }
    if let Some(fix) = &d.fix {
        let src = &sources[d.file];
        for edit in &fix.edits {
            let old = src.text.get(edit.span.range()).unwrap_or("");
            let kind = match fix.applicability {
                crate::diagnostic::Applicability::Safe => "可直接修改",
                _ => "修改前请核对",
            };
            out.push(format!("{kind}：“{old}”→“{}”", edit.replacement));
        }
    }
    out
}

/// A commented copy of a Word document.
#[derive(Debug)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    /// Comments written.
    pub placed: usize,
    /// Findings with no text of the document to anchor on (a document whose
    /// every paragraph is empty or generated numbering): not written.
    pub unplaced: usize,
}

/// A commented copy of the Word document `bytes`, which `src` was read from,
/// with a comment for each of `diagnostics` that is in `src` (`file` is its
/// index in `sources`).
pub fn annotate(
    bytes: &[u8],
    file: usize,
    sources: &[SourceFile],
    diagnostics: &[Diagnostic],
) -> Result<Annotated, AnnotateError> {
    let src = &sources[file];
    let layout = src.layout.as_deref().ok_or(AnnotateError::NotDocx)?;
    // The package must be the one that was linted: offsets are into its text.
    match docx::read(bytes) {
        Ok((text, _)) if text == src.text => {}
        Ok(_) => return Err(AnnotateError::Changed),
        Err(e) => return Err(AnnotateError::Package(e.to_string())),
    }
    let comments: Vec<Comment> = diagnostics
        .iter()
        .filter(|d| d.file == file)
        .map(|d| Comment {
            span: d.span,
            paragraphs: comment_text(d, sources),
        })
        .collect();
    let (bytes, placed) =
        write_package(bytes, &layout.segments, &comments).map_err(AnnotateError::Package)?;
    Ok(Annotated {
        bytes,
        placed,
        unplaced: comments.len() - placed,
    })
}

/// A point in a part's XML where a marker goes: inside segment `segment`,
/// `offset` bytes into its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Point {
    segment: usize,
    offset: usize,
}

/// The point of the first character at or after text offset `a`.
fn start_point(segments: &[Segment], a: usize) -> Option<Point> {
    let i = segments.partition_point(|s| s.end() <= a);
    let s = segments.get(i)?;
    Some(Point {
        segment: i,
        offset: a.saturating_sub(s.text).min(s.len),
    })
}

/// The point just after the last character before text offset `b`.
fn end_point(segments: &[Segment], b: usize) -> Option<Point> {
    let i = segments.partition_point(|s| s.text < b).checked_sub(1)?;
    let s = &segments[i];
    Some(Point {
        segment: i,
        offset: (b - s.text).min(s.len),
    })
}

/// What goes at a point: the markers of comment `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Marker {
    /// The end of a comment that started before this point.
    End(u32),
    Start(u32),
    /// The end of a comment that starts at this same point.
    EndHere(u32),
}

/// The copy, and how many comments it holds.
fn write_package(
    bytes: &[u8],
    segments: &[Segment],
    comments: &[Comment],
) -> Result<(Vec<u8>, usize), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let existing = read_part(&mut zip, COMMENTS_PART)?;
    let first_id = existing.as_deref().map_or(0, |xml| max_comment_id(xml) + 1);

    // The markers at each point.
    let mut at: BTreeMap<Point, Vec<Marker>> = BTreeMap::new();
    let mut placed = Vec::new();
    for (k, c) in comments.iter().enumerate() {
        let id = first_id + k as u32;
        let start =
            start_point(segments, c.span.start).or_else(|| end_point(segments, c.span.start));
        let Some(start) = start else {
            continue;
        };
        let end = end_point(segments, c.span.end)
            .filter(|e| *e >= start && segments[e.segment].part == segments[start.segment].part)
            .unwrap_or(start);
        at.entry(start).or_default().push(Marker::Start(id));
        let end_marker = if end == start {
            Marker::EndHere(id)
        } else {
            Marker::End(id)
        };
        at.entry(end).or_default().push(end_marker);
        placed.push((id, c));
    }
    for markers in at.values_mut() {
        markers.sort();
    }

    // The edits of each part: byte ranges replaced, in order.
    let mut edits: BTreeMap<Part, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut parts: BTreeMap<Part, String> = BTreeMap::new();
    let mut split_tags = std::collections::BTreeSet::new();
    for (point, markers) in &at {
        let seg = &segments[point.segment];
        if let std::collections::btree_map::Entry::Vacant(e) = parts.entry(seg.part) {
            let xml = read_part(&mut zip, seg.part.path())?
                .ok_or_else(|| format!("{} 缺失", seg.part.path()))?;
            e.insert(xml);
        }
        let xml = &parts[&seg.part];
        let run_properties = seg.run_properties.map_or("", |(a, b)| &xml[a..b]);
        let mut insert = String::from("</w:t></w:r>");
        for m in markers {
            match *m {
                Marker::Start(id) => {
                    let _ = write!(insert, r#"<w:commentRangeStart w:id="{id}"/>"#);
                }
                Marker::End(id) | Marker::EndHere(id) => {
                    let _ = write!(
                        insert,
                        r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
                    );
                }
            }
        }
        let _ = write!(insert, r#"<w:r>{run_properties}<w:t xml:space="preserve">"#);
        // A character reference is marked before or after, never inside.
        let pos = seg.xml
            + match point.offset {
                0 => 0,
                o if o >= seg.len => seg.xml_len,
                o => o.min(seg.xml_len),
            };
        edits.entry(seg.part).or_default().push((pos, pos, insert));
        if split_tags.insert((seg.part, seg.tag)) {
            // Both halves keep their spaces.
            edits.entry(seg.part).or_default().push((
                seg.tag.0,
                seg.tag.1,
                r#"<w:t xml:space="preserve">"#.to_owned(),
            ));
        }
    }
    let mut changed: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (part, mut list) in edits {
        list.sort_by_key(|&(a, b, _)| (a, b));
        let xml = &parts[&part];
        let mut out = String::with_capacity(xml.len() + list.len() * 160);
        let mut last = 0;
        for (a, b, text) in list {
            out.push_str(&xml[last..a]);
            out.push_str(&text);
            last = b;
        }
        out.push_str(&xml[last..]);
        changed.insert(part.path().to_owned(), out.into_bytes());
    }

    // The comments part, and the relationship and content type that name it.
    let mut body = String::new();
    for (id, c) in &placed {
        let _ = write!(
            body,
            r#"<w:comment w:id="{id}" w:author="{AUTHOR}" w:initials="{INITIALS}">"#
        );
        for (i, p) in c.paragraphs.iter().enumerate() {
            body.push_str("<w:p>");
            if i == 0 {
                body.push_str("<w:r><w:annotationRef/></w:r>");
            }
            let _ = write!(
                body,
                r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                escape(p)
            );
        }
        body.push_str("</w:comment>");
    }
    let new_part = existing.is_none();
    let comments_xml = match existing {
        Some(xml) => {
            let at = xml
                .rfind("</w:comments>")
                .ok_or("word/comments.xml 没有 </w:comments>")?;
            format!("{}{body}{}", &xml[..at], &xml[at..])
        }
        None => format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W_NS}">{body}</w:comments>"#
        ),
    };
    changed.insert(COMMENTS_PART.to_owned(), comments_xml.into_bytes());
    if new_part {
        let rels_path = "word/_rels/document.xml.rels";
        let rel = format!(
            r#"<Relationship Id="rIdPlanlintComments" Type="{COMMENTS_REL}" Target="comments.xml"/>"#
        );
        let rels = match read_part(&mut zip, rels_path)? {
            Some(xml) => insert_before(&xml, "</Relationships>", &rel)?,
            None => format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel}</Relationships>"#
            ),
        };
        changed.insert(rels_path.to_owned(), rels.into_bytes());
        let types =
            read_part(&mut zip, "[Content_Types].xml")?.ok_or("缺少 [Content_Types].xml")?;
        let types = insert_before(
            &types,
            "</Types>",
            &format!(r#"<Override PartName="/{COMMENTS_PART}" ContentType="{COMMENTS_TYPE}"/>"#),
        )?;
        changed.insert("[Content_Types].xml".to_owned(), types.into_bytes());
    }

    // The copy: changed parts rewritten, the rest copied raw, new ones last.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(|e| e.to_string())?;
        let name = file.name().to_owned();
        match changed.remove(&name) {
            Some(bytes) => {
                drop(file);
                out.start_file(name, options).map_err(|e| e.to_string())?;
                out.write_all(&bytes).map_err(|e| e.to_string())?;
            }
            None => out.raw_copy_file(file).map_err(|e| e.to_string())?,
        }
    }
    for (name, bytes) in changed {
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    let out = out.finish().map_err(|e| e.to_string())?;
    Ok((out.into_inner(), placed.len()))
}

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let mut file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| format!("{name}：{e}"))?;
    Ok(Some(text))
}

fn insert_before(xml: &str, closing: &str, what: &str) -> Result<String, String> {
    let at = xml
        .rfind(closing)
        .ok_or_else(|| format!("缺少 {closing}"))?;
    Ok(format!("{}{what}{}", &xml[..at], &xml[at..]))
}

/// The largest `w:id` of the comments a document already has.
fn max_comment_id(xml: &str) -> u32 {
    let mut max = 0;
    for (i, _) in xml.match_indices("<w:comment ") {
        let tag = &xml[i..xml[i..].find('>').map_or(xml.len(), |e| i + e)];
        if let Some(at) = tag.find("w:id=\"") {
            let rest = &tag[at + 6..];
            if let Some(id) = rest.split('"').next().and_then(|v| v.parse::<u32>().ok()) {
                max = max.max(id);
            }
        }
    }
    max
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
