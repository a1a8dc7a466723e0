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

use super::escape;
use crate::diagnostic::Diagnostic;
use crate::i18n::t;
use crate::source::docx::{self, Part, Segment};
use crate::source::{SourceFile, Span};

/// When the comments and changes are dated: now, or `SOURCE_DATE_EPOCH`
/// (seconds) when set, for copies that are the same from run to run. In
/// W3C form, UTC: `2026-12-01T03:55:00Z`.
fn timestamp() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            // The browser's clock in the web page, where std has none.
            web_time::SystemTime::now()
                .duration_since(web_time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Who the comments are by, as Word shows it.
const AUTHOR: &str = "planlint";
const INITIALS: &str = "PL";
const COMMENTS_PART: &str = "word/comments.xml";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const CUSTOM_PART: &str = "docProps/custom.xml";
const CUSTOM_TYPE: &str = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CUSTOM_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
/// The format id every user-defined document property carries.
const CUSTOM_FMTID: &str = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

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
    /// A finding in a footnote or an endnote: the run of the note's
    /// reference mark in `word/document.xml`, where the comment goes (`None`
    /// for a note the body never refers to: not placed). LibreOffice does
    /// not load a copy with a comment inside the notes' part.
    note: Option<Option<(usize, usize)>>,
}

/// The paragraphs of a finding's comment: code, name and message; the help;
/// each related place with where it is; the fix.
fn comment_text(d: &Diagnostic, sources: &[SourceFile]) -> Vec<String> {
    let severity = t(&format!("severity.{}", d.severity.as_str()), &[]);
    let mut out = vec![t(
        "comment.head",
        &[
            ("code", &d.code),
            ("name", &crate::i18n::rule_name(d.code, d.name)),
            ("severity", &severity),
            ("message", &d.message),
        ],
    )];
    if let Some(help) = &d.help {
        out.push(t("comment.help", &[("help", help)]));
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
        out.push(t(
            "comment.related",
            &[("message", &label.message), ("place", &place)],
        ));
    }
    if let Some(fix) = &d.fix {
        let src = &sources[d.file];
        for edit in &fix.edits {
            let old = src.text.get(edit.span.range()).unwrap_or("");
            let safe = fix.applicability == crate::diagnostic::Applicability::Safe;
            // A deletion says 删去“区”, an insertion 插入“，”: an arrow to
            // or from nothing (“区”→“”) reads as a broken comment.
            let key = match (safe, old.is_empty(), edit.replacement.is_empty()) {
                (_, false, true) if safe => "comment.delete-safe",
                (_, false, true) => "comment.delete-unsafe",
                (_, true, false) if safe => "comment.insert-safe",
                (_, true, false) => "comment.insert-unsafe",
                _ if safe => "comment.fix-safe",
                _ => "comment.fix-unsafe",
            };
            out.push(t(key, &[("old", &old), ("new", &edit.replacement)]));
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
        .map(|d| {
            let mut paragraphs = comment_text(d, sources);
            let note = src.block_at(d.span.start).and_then(|b| match b.kind {
                docx::BlockKind::Footnote(n) => Some((false, n)),
                docx::BlockKind::Endnote(n) => Some((true, n)),
                _ => None,
            });
            let note = note.map(|(endnote, n)| {
                let key = if endnote {
                    "comment.endnote"
                } else {
                    "comment.footnote"
                };
                paragraphs[0] = format!("{}{}", t(key, &[("n", &n)]), paragraphs[0]);
                layout
                    .note_marks
                    .iter()
                    .find(|m| m.endnote == endnote && m.number == n)
                    .map(|m| m.run)
            });
            Comment {
                span: d.span,
                paragraphs,
                note,
            }
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
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| docx::zip_message(&e))?;
    let existing = read_part(&mut zip, COMMENTS_PART)?;
    // Above the document's own comments and its revisions (a copy with
    // tracked fixes numbers them from 1).
    let document = read_part(&mut zip, Part::Document.path())?.unwrap_or_default();
    let first_id = existing
        .as_deref()
        .map_or(0, |xml| max_comment_id(xml) + 1)
        .max(max_id(&document) + 1);

    // The markers at each point.
    let mut at: BTreeMap<Point, Vec<Marker>> = BTreeMap::new();
    // A note's comments, around its reference mark's run: XML positions in
    // the document part.
    let mut around_runs: Vec<(usize, usize, String)> = Vec::new();
    let mut placed = Vec::new();
    for (k, c) in comments.iter().enumerate() {
        let id = first_id + k as u32;
        if let Some(run) = c.note {
            let Some((a, b)) = run else {
                continue;
            };
            around_runs.push((a, a, format!(r#"<w:commentRangeStart w:id="{id}"/>"#)));
            around_runs.push((
                b,
                b,
                format!(
                    r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
                ),
            ));
            placed.push((id, c));
            continue;
        }
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
    let mut edits: Edits = BTreeMap::new();
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
        split_at(&mut edits, &mut split_tags, seg, point.offset, insert);
    }
    if !around_runs.is_empty() {
        parts.entry(Part::Document).or_insert(document);
        edits.entry(Part::Document).or_default().extend(around_runs);
    }
    let mut changed = splice_parts(&parts, edits);

    // The comments part, and the relationship and content type that name it.
    let date = timestamp();
    let mut body = String::new();
    for (id, c) in &placed {
        let _ = write!(
            body,
            r#"<w:comment w:id="{id}" w:author="{AUTHOR}" w:date="{date}" w:initials="{INITIALS}">"#
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
    }
    let mut types =
        read_part(&mut zip, "[Content_Types].xml")?.ok_or("缺少 [Content_Types].xml")?;
    if new_part {
        types = insert_before(
            &types,
            "</Types>",
            &format!(r#"<Override PartName="/{COMMENTS_PART}" ContentType="{COMMENTS_TYPE}"/>"#),
        )?;
    }
    // The copy is marked as planlint's, so that a later run over a folder
    // holding it skips it (docx::is_planlint_copy).
    match read_part(&mut zip, CUSTOM_PART)? {
        Some(xml) if docx::has_copy_property(&xml) => {}
        Some(xml) => {
            let pid = max_pid(&xml).max(1) + 1;
            let xml = insert_before(&xml, "</Properties>", &copy_property(pid))?;
            changed.insert(CUSTOM_PART.to_owned(), xml.into_bytes());
        }
        None => {
            changed.insert(
                CUSTOM_PART.to_owned(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{}</Properties>"#,
                    copy_property(2)
                )
                .into_bytes(),
            );
            types = insert_before(
                &types,
                "</Types>",
                &format!(r#"<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>"#),
            )?;
            let rel = format!(
                r#"<Relationship Id="rIdPlanlintCustom" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/>"#
            );
            let rels = match read_part(&mut zip, "_rels/.rels")? {
                Some(xml) => insert_before(&xml, "</Relationships>", &rel)?,
                None => format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel}</Relationships>"#
                ),
            };
            changed.insert("_rels/.rels".to_owned(), rels.into_bytes());
        }
    }
    changed.insert("[Content_Types].xml".to_owned(), types.into_bytes());

    Ok((repack(&mut zip, changed)?, placed.len()))
}

/// Where `offset` bytes into a segment's text is in the XML. A character
/// reference is marked before or after, never inside.
fn xml_position(seg: &Segment, offset: usize) -> usize {
    seg.xml
        + match offset {
            0 => 0,
            o if o >= seg.len => seg.xml_len,
            o => o.min(seg.xml_len),
        }
}

/// Edits of each part: byte ranges replaced by text.
type Edits = BTreeMap<Part, Vec<(usize, usize, String)>>;

/// Splits the run holding `seg` at `offset` bytes into its text with
/// `insert` (which closes the run and opens another). The segment's `<w:t>`
/// keeps its spaces on both halves (`xml:space="preserve"`), once per tag.
fn split_at(
    edits: &mut Edits,
    split_tags: &mut std::collections::BTreeSet<(Part, (usize, usize))>,
    seg: &Segment,
    offset: usize,
    insert: String,
) {
    let pos = xml_position(seg, offset);
    let list = edits.entry(seg.part).or_default();
    list.push((pos, pos, insert));
    if split_tags.insert((seg.part, seg.tag)) {
        list.push((
            seg.tag.0,
            seg.tag.1,
            r#"<w:t xml:space="preserve">"#.to_owned(),
        ));
    }
}

/// Each part with its edits (byte range replaced by text) applied.
fn splice_parts(parts: &BTreeMap<Part, String>, edits: Edits) -> BTreeMap<String, Vec<u8>> {
    let mut changed = BTreeMap::new();
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
    changed
}

/// The package with the `changed` parts rewritten, the rest copied raw (their
/// compressed bytes as they are), and new parts last.
fn repack(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    mut changed: BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, String> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(|e| docx::zip_message(&e))?;
        let name = file.name().to_owned();
        match changed.remove(&name) {
            Some(bytes) => {
                drop(file);
                out.start_file(name, options)
                    .map_err(|e| docx::zip_message(&e))?;
                out.write_all(&bytes)
                    .map_err(|e| crate::i18n::io_error(&e))?;
            }
            None => out.raw_copy_file(file).map_err(|e| e.to_string())?,
        }
    }
    for (name, bytes) in changed {
        out.start_file(name, options)
            .map_err(|e| docx::zip_message(&e))?;
        out.write_all(&bytes)
            .map_err(|e| crate::i18n::io_error(&e))?;
    }
    let out = out.finish().map_err(|e| docx::zip_message(&e))?;
    Ok(out.into_inner())
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

/// The custom property marking a copy as planlint's, numbered `pid`.
fn copy_property(pid: u32) -> String {
    format!(
        r#"<property fmtid="{CUSTOM_FMTID}" pid="{pid}" name="{}"><vt:lpwstr xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{}</vt:lpwstr></property>"#,
        docx::COPY_PROPERTY,
        t("comment.copy-property", &[])
    )
}

/// The largest `pid` of a custom properties part.
fn max_pid(xml: &str) -> u32 {
    xml.match_indices("pid=\"")
        .filter_map(|(i, m)| xml[i + m.len()..].split('"').next()?.parse().ok())
        .max()
        .unwrap_or(0)
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

/// A copy of a Word document with its text changed into `new_text` by
/// tracked changes (修订), as the editor accepts or rejects each in Word:
/// deleted text in `w:del`, inserted text in `w:ins`, by planlint.
#[derive(Debug)]
pub struct Tracked {
    pub bytes: Vec<u8>,
    /// Changes written.
    pub applied: usize,
    /// Changes that touch text the document does not hold as text (Word's
    /// automatic numbering, a tab): not written.
    pub skipped: usize,
}

/// The changes that turn `old` into `new`, as (byte range of `old`,
/// replacement), from a character diff.
fn changes(old: &str, new: &str) -> Vec<(Span, String)> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_chars(old, new);
    let old_at: Vec<usize> = old
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(old.len()))
        .collect();
    let new_at: Vec<usize> = new
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(new.len()))
        .collect();
    let mut out: Vec<(Span, String)> = Vec::new();
    for op in diff.ops() {
        let (_, old_range, new_range) = op.as_tag_tuple();
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        let span = Span::new(old_at[old_range.start], old_at[old_range.end]);
        let text = &new[new_at[new_range.start]..new_at[new_range.end]];
        // A delete next to an insert is one replacement.
        match out.last_mut() {
            Some((last, t)) if last.end == span.start => {
                last.end = span.end;
                t.push_str(text);
            }
            _ => out.push((span, text.to_owned())),
        }
    }
    out
}

/// Where a change goes: the text between two points is deleted, and the
/// insertion stands after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Track {
    /// Deleted text ends here.
    DelEnd,
    /// Inserted text (index into the insertions) goes here.
    Ins(usize),
    /// Deleted text starts here.
    DelStart,
}

/// `src` (read from the Word document `bytes`) changed into `new_text` with
/// tracked changes. A change that deletes text the document does not hold as
/// text, or spans two parts, is left out (`skipped`).
pub fn track_changes(
    bytes: &[u8],
    src: &SourceFile,
    new_text: &str,
) -> Result<Tracked, AnnotateError> {
    let layout = src.layout.as_deref().ok_or(AnnotateError::NotDocx)?;
    match docx::read(bytes) {
        Ok((text, _)) if text == src.text => {}
        Ok(_) => return Err(AnnotateError::Changed),
        Err(e) => return Err(AnnotateError::Package(e.to_string())),
    }
    let segments = &layout.segments;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| AnnotateError::Package(e.to_string()))?;
    let mut parts: BTreeMap<Part, String> = BTreeMap::new();
    for part in segments
        .iter()
        .map(|s| s.part)
        .collect::<std::collections::BTreeSet<_>>()
    {
        let xml = read_part(&mut zip, part.path())
            .map_err(AnnotateError::Package)?
            .ok_or_else(|| AnnotateError::Package(format!("{} 缺失", part.path())))?;
        parts.insert(part, xml);
    }
    let mut next_id = parts.values().map(|xml| max_id(xml)).max().unwrap_or(0) + 1;

    let mut at: BTreeMap<Point, Vec<Track>> = BTreeMap::new();
    let mut insertions: Vec<String> = Vec::new();
    let (mut applied, mut skipped) = (0, 0);
    for (span, text) in changes(&src.text, new_text) {
        // The pieces of the deleted text, one per segment: all of it must be
        // text of the document, in one part.
        let first = segments.partition_point(|s| s.end() <= span.start);
        let mut pieces = Vec::new();
        let mut covered = span.start;
        for (i, seg) in segments.iter().enumerate().skip(first) {
            if seg.text >= span.end || seg.text > covered {
                break;
            }
            let (a, b) = (span.start.max(seg.text), span.end.min(seg.end()));
            pieces.push((i, a - seg.text, b - seg.text));
            covered = b;
        }
        let whole = covered >= span.end
            && pieces
                .iter()
                .all(|&(i, _, _)| segments[i].part == segments[pieces[0].0].part);
        // Where the insertion goes: after the deleted text, else at the
        // point of `span.start`.
        let insert_at = match pieces.last() {
            Some(&(i, _, b)) => Some(Point {
                segment: i,
                offset: b,
            }),
            None => start_point(segments, span.start)
                .filter(|p| segments[p.segment].text + p.offset == span.start)
                .or_else(|| {
                    end_point(segments, span.start)
                        .filter(|p| segments[p.segment].text + p.offset == span.start)
                }),
        };
        let ok = if span.is_empty() {
            insert_at.is_some()
        } else {
            whole
        };
        let Some(insert_at) = insert_at.filter(|_| ok) else {
            skipped += 1;
            continue;
        };
        for &(i, a, b) in &pieces {
            at.entry(Point {
                segment: i,
                offset: a,
            })
            .or_default()
            .push(Track::DelStart);
            at.entry(Point {
                segment: i,
                offset: b,
            })
            .or_default()
            .push(Track::DelEnd);
        }
        if !text.is_empty() {
            at.entry(insert_at)
                .or_default()
                .push(Track::Ins(insertions.len()));
            insertions.push(text);
        }
        applied += 1;
    }

    let mut edits: Edits = BTreeMap::new();
    let mut split_tags = std::collections::BTreeSet::new();
    let date = timestamp();
    for (point, tracks) in &mut at {
        tracks.sort();
        let seg = &segments[point.segment];
        let xml = &parts[&seg.part];
        let run_properties = seg.run_properties.map_or("", |(a, b)| &xml[a..b]);
        let ends_deletion = tracks.contains(&Track::DelEnd);
        let starts_deletion = tracks.contains(&Track::DelStart);
        let mut insert = String::from(if ends_deletion {
            "</w:delText></w:r></w:del>"
        } else {
            "</w:t></w:r>"
        });
        for t in tracks.iter() {
            if let Track::Ins(k) = *t {
                let id = next_id;
                next_id += 1;
                let _ = write!(
                    insert,
                    r#"<w:ins w:id="{id}" w:author="{AUTHOR}" w:date="{date}"><w:r>{run_properties}<w:t xml:space="preserve">{}</w:t></w:r></w:ins>"#,
                    escape(&insertions[k])
                );
            }
        }
        if starts_deletion {
            let id = next_id;
            next_id += 1;
            let _ = write!(
                insert,
                r#"<w:del w:id="{id}" w:author="{AUTHOR}" w:date="{date}"><w:r>{run_properties}<w:delText xml:space="preserve">"#
            );
        } else {
            let _ = write!(insert, r#"<w:r>{run_properties}<w:t xml:space="preserve">"#);
        }
        split_at(&mut edits, &mut split_tags, seg, point.offset, insert);
    }
    let changed = splice_parts(&parts, edits);
    let bytes = repack(&mut zip, changed).map_err(AnnotateError::Package)?;
    Ok(Tracked {
        bytes,
        applied,
        skipped,
    })
}

/// The largest numeric `w:id` in a part (comments, revisions and bookmarks
/// share that space in Word's eyes).
fn max_id(xml: &str) -> u32 {
    xml.match_indices(" w:id=\"")
        .filter_map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            rest.split('"').next()?.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_utc_civil_dates() {
        for (secs, shown) in [
            ("0", "1970-01-01T00:00:00Z"),
            ("951782400", "2000-02-29T00:00:00Z"),
            ("1796096100", "2026-12-01T03:35:00Z"),
        ] {
            std::env::set_var("SOURCE_DATE_EPOCH", secs);
            assert_eq!(super::timestamp(), shown);
        }
        std::env::remove_var("SOURCE_DATE_EPOCH");
    }

    #[test]
    fn changes_are_replacements_of_the_old_text() {
        let changes = super::changes("(此件公开发布)，21 世纪", "（此件公开发布），21世纪");
        let shown: Vec<(usize, usize, &str)> = changes
            .iter()
            .map(|(s, t)| (s.start, s.end, t.as_str()))
            .collect();
        assert_eq!(shown, [(0, 1, "（"), (19, 20, "）"), (25, 26, "")]);
    }
}
