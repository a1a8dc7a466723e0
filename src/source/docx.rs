//! Word documents (`.docx`): the text a reader of the document sees, read
//! from the package's XML, and where each line of that text stands in Word
//! (its paragraph, its page, its opening words).
//!
//! The text is laid out as planlint reads a plain-text export: one line per
//! paragraph, a table row as one line of tab-separated cells, text boxes after
//! the paragraph that anchors them, footnotes and endnotes at the end. Tracked
//! changes are read as the current text (insertions in, deletions out); field
//! codes, headers and footers, comments and the VML copy of a drawing are not
//! text. Word's automatic numbering (一、 （一） 1.) is generated from
//! `numbering.xml`, as Word shows it, because the outline is read from it.

use std::collections::HashMap;
use std::fmt;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::Span;

/// The largest part planlint unpacks (a plan's `document.xml` is a few MB;
/// a ZIP bomb is not read to its end).
const MAX_PART_BYTES: u64 = 256 << 20;

/// Where the lines of a `.docx` text stand in Word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// One per line of the text, in order.
    pub blocks: Vec<Block>,
    /// Text offsets where a new page starts, as the file records them (the
    /// page breaks of Word's last layout, or failing those the explicit
    /// ones); `None` when the file records no page at all.
    pub page_starts: Option<Vec<usize>>,
    /// The stretches of the text that stand verbatim in the package's XML,
    /// in text order: where a place in the text is found again to mark it
    /// (`check --annotate`).
    pub segments: Vec<Segment>,
    /// Where the body refers to each note, in the order of the references:
    /// a note's finding is commented there (`check --annotate`), since a
    /// comment inside the notes' part makes LibreOffice refuse the file.
    pub note_marks: Vec<NoteMark>,
}

/// The run of `word/document.xml` holding a note's reference mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteMark {
    pub endnote: bool,
    /// The note's number, as in [`BlockKind::Footnote`].
    pub number: u32,
    /// The run's byte range in the XML, `<w:r>` to `</w:r>`.
    pub run: (usize, usize),
}

/// The part of the package a segment is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Document,
    Footnotes,
    Endnotes,
}

impl Part {
    pub fn path(self) -> &'static str {
        match self {
            Part::Document => "word/document.xml",
            Part::Footnotes => "word/footnotes.xml",
            Part::Endnotes => "word/endnotes.xml",
        }
    }
}

/// The content of one `<w:t>` (or a piece of it): text that stands in the
/// XML byte for byte (entity references are events of their own, so a
/// segment never holds one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub part: Part,
    /// Where it starts in the text.
    pub text: usize,
    pub len: usize,
    /// Where the same bytes start in the part's XML.
    pub xml: usize,
    /// Its length in the XML: `len`, except for a character written as a
    /// reference (`&lt;`, `&#x4E00;`), which is one segment, never split.
    pub xml_len: usize,
    /// The `<w:t …>` start tag holding it (byte range in the XML).
    pub tag: (usize, usize),
    /// The run's properties, `<w:rPr>…</w:rPr>` (byte range), if it has any:
    /// a run split to mark a place keeps them on both halves.
    pub run_properties: Option<(usize, usize)>,
}

impl Segment {
    pub fn end(&self) -> usize {
        self.text + self.len
    }

    /// The segment moved by `shift` bytes of text, clipped to the text range
    /// `lo..hi` (before the shift); `None` when nothing of it is left.
    fn moved(mut self, lo: usize, hi: usize, shift: isize) -> Option<Segment> {
        let (a, b) = (self.text.max(lo), self.end().min(hi));
        if a >= b {
            return None;
        }
        if self.xml_len == self.len {
            self.xml += a - self.text;
            self.xml_len = b - a;
        }
        self.len = b - a;
        self.text = a.checked_add_signed(shift)?;
        Some(self)
    }
}

/// One line of the text: a paragraph, a table row, a paragraph of a text box
/// or of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The line's text, without its line feed.
    pub span: Span,
    /// Word's number of the body paragraph (1-based; every paragraph counts,
    /// empty ones and those in table cells too, as Word's own `Paragraphs`
    /// collection counts them). For a table row, its first paragraph; for a
    /// text box, the paragraph that anchors it; for a note, the paragraph
    /// that refers to it (0 when none does).
    pub paragraph: u32,
    pub kind: BlockKind,
    /// Bytes at the start of the line that Word's automatic numbering shows
    /// but the document's text does not hold (一、).
    pub numbering: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A paragraph with a heading style or an outline level (0 for 标题/Title).
    Heading(u8),
    /// Row `row` (1-based) of table `table` (1-based, in document order).
    TableRow {
        table: u32,
        row: u32,
    },
    TextBox,
    /// Note `n` (1-based, in the order the body refers to notes).
    Footnote(u32),
    Endnote(u32),
}

/// Why a `.docx` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a ZIP package at all.
    NotZip(String),
    /// A ZIP without `word/document.xml` (another Office format, or damaged).
    NoDocument,
    /// A part larger than planlint unpacks.
    TooLarge(&'static str),
    /// `word/document.xml` names WordprocessingML with another prefix than
    /// `w:` (or as the default namespace): the root element, as found.
    Prefix(String),
    /// A part that is not well-formed XML.
    Xml { part: &'static str, message: String },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::i18n::t;
        f.write_str(&match self {
            DocxError::NotZip(e) => t("input.docx-not-zip", &[("error", e)]),
            DocxError::NoDocument => t("input.docx-no-document", &[]),
            DocxError::TooLarge(part) => t("input.docx-too-large", &[("part", part)]),
            DocxError::Prefix(found) => t("input.docx-namespace", &[("found", found)]),
            DocxError::Xml { part, message } => {
                t("input.docx-bad-xml", &[("part", part), ("error", message)])
            }
        })
    }
}

impl std::error::Error for DocxError {}

/// A ZIP library error in the interface's language: its own text is
/// English ("invalid Zip archive: Could not find EOCD").
pub fn zip_message(e: &zip::result::ZipError) -> String {
    use crate::i18n::{lang, t, Lang};
    use zip::result::ZipError as Z;
    if lang() == Lang::En {
        return e.to_string();
    }
    match e {
        Z::Io(e) => crate::i18n::io_error(e),
        Z::UnsupportedArchive(_) => t("zip.unsupported", &[]),
        _ => t("zip.damaged", &[]),
    }
}

/// The custom document property (`docProps/custom.xml`) that marks a copy
/// `check --annotate` wrote: a folder's walk skips such copies, as it skips
/// its HTML reports, so that a run does not read back its own output.
pub const COPY_PROPERTY: &str = "planlint";

/// Whether the Word document at `path` is a copy planlint wrote (it has the
/// custom property [`COPY_PROPERTY`]). Reads only the package's directory
/// and that part; anything unreadable is not a copy.
pub fn is_planlint_copy(path: &std::path::Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return false;
    };
    let Ok(part) = zip.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut xml = String::new();
    if part.take(1 << 20).read_to_string(&mut xml).is_err() {
        return false;
    }
    has_copy_property(&xml)
}

/// Whether `docProps/custom.xml` holds the property [`COPY_PROPERTY`].
pub fn has_copy_property(xml: &str) -> bool {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"property" => {
                if attr(&e, b"name").as_deref() == Some(COPY_PROPERTY) {
                    return true;
                }
            }
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// Whether the bytes start like a ZIP package (`.docx`, `.xlsx`, `.odt` …).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text of a `.docx` package and where its lines stand in Word.
pub fn read(bytes: &[u8]) -> Result<(String, Layout), DocxError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(zip_message(&e)))?;
    let document = part(&mut zip, "word/document.xml")?.ok_or(DocxError::NoDocument)?;
    check_prefix(&document)?;
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let mut walker = Walker::new(&styles, &numbering);
    walker.walk(&document, "word/document.xml", Story::Body)?;
    for (name, story) in [
        ("word/footnotes.xml", Story::Footnotes),
        ("word/endnotes.xml", Story::Endnotes),
    ] {
        if let Some(xml) = part(&mut zip, name)? {
            walker.walk(&xml, name, story)?;
        }
    }
    Ok(walker.finish())
}

/// Every reader of a package (here and `--annotate`) matches Word's names
/// as Word writes them, `w:p`, `w:t`…; a document whose root element is not
/// `w:document` (another prefix bound to WordprocessingML, or the default
/// namespace) would read as empty. It is refused instead.
fn check_prefix(document: &str) -> Result<(), DocxError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(document);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.name();
                return if name.as_ref() == b"w:document" {
                    Ok(())
                } else {
                    Err(DocxError::Prefix(format!(
                        "<{}>",
                        String::from_utf8_lossy(name.as_ref())
                    )))
                };
            }
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(xml_error("word/document.xml", e)),
            Ok(_) => {}
        }
    }
}

/// One part of the package as text, `None` when the package lacks it.
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &'static str,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::NotZip(zip_message(&e))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::NotZip(crate::i18n::io_error(&e)))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(DocxError::TooLarge(name));
    }
    let text = String::from_utf8(bytes).map_err(|e| DocxError::Xml {
        part: name,
        message: format!("不是 UTF-8：第 {} 字节", e.utf8_error().valid_up_to()),
    })?;
    Ok(Some(text))
}

fn xml_error(part: &'static str, e: impl fmt::Display) -> DocxError {
    DocxError::Xml {
        part,
        message: e.to_string(),
    }
}

/// The value of attribute `key` (`w:val`), unescaped.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
}

/// An on/off property (`<w:pageBreakBefore/>`, `w:val="0"`).
fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"w:val").as_deref(), Some("0" | "false" | "off"))
}

fn parse_u32(value: Option<String>) -> Option<u32> {
    value.and_then(|v| v.trim().parse().ok())
}

/// The parts of `styles.xml` that matter here: which styles are headings and
/// which carry numbering, following `basedOn`.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, StyleDef>,
}

#[derive(Debug, Default, Clone)]
struct StyleDef {
    based_on: Option<String>,
    heading: Option<u8>,
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

impl Styles {
    fn parse(xml: &str) -> Result<Self, DocxError> {
        const PART: &str = "word/styles.xml";
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, StyleDef)> = None;
        loop {
            let event = reader.read_event().map_err(|e| xml_error(PART, e))?;
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"w:style" => {
                        current = attr(e, b"w:styleId").map(|id| (id, StyleDef::default()));
                    }
                    name => {
                        if let Some((_, def)) = current.as_mut() {
                            match name {
                                b"w:name" => {
                                    let n = attr(e, b"w:val").unwrap_or_default();
                                    def.heading = heading_level_of_name(&n);
                                }
                                b"w:basedOn" => def.based_on = attr(e, b"w:val"),
                                b"w:outlineLvl" => {
                                    def.outline = parse_u32(attr(e, b"w:val"))
                                        .filter(|&l| l < 9)
                                        .map(|l| l as u8 + 1);
                                }
                                b"w:numId" => def.num_id = attr(e, b"w:val"),
                                b"w:ilvl" => {
                                    def.ilvl = parse_u32(attr(e, b"w:val")).map(|l| l.min(8) as u8);
                                }
                                _ => {}
                            }
                        }
                    }
                },
                Event::End(e) if e.name().as_ref() == b"w:style" => {
                    if let Some((id, def)) = current.take() {
                        styles.by_id.insert(id, def);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// A property of a style or of the first style it is based on that has it.
    fn find<T>(&self, id: &str, get: impl Fn(&StyleDef) -> Option<T>) -> Option<T> {
        let mut id = id;
        // basedOn chains are short; the bound stops a cycle.
        for _ in 0..16 {
            let def = self.by_id.get(id)?;
            if let Some(v) = get(def) {
                return Some(v);
            }
            id = def.based_on.as_deref()?;
        }
        None
    }

    fn heading(&self, id: &str) -> Option<u8> {
        self.find(id, |d| d.heading.or(d.outline))
    }

    fn numbering(&self, id: &str) -> Option<(String, u8)> {
        let num = self.find(id, |d| d.num_id.clone())?;
        let ilvl = self.find(id, |d| d.ilvl).unwrap_or(0);
        Some((num, ilvl))
    }
}

/// `heading 1` … `heading 9` (the built-in names, whatever the UI language
/// shows) and `Title`.
fn heading_level_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_ascii_lowercase();
    if lower == "title" {
        return Some(0);
    }
    let level: u8 = lower.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

/// `numbering.xml`: each list's levels, and the lists that use them.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Option<Level>>>,
    nums: HashMap<String, Num>,
}

#[derive(Debug, Clone)]
struct Num {
    abstract_id: String,
    /// `startOverride`s: the list restarts these levels where it is first used.
    starts: Vec<(u8, u32)>,
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:suff`: what follows the number (tab by default).
    suffix: Suffix,
    /// `w:isLgl`: every level shown in Arabic digits.
    legal: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Tab,
    Space,
    Nothing,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Self, DocxError> {
        const PART: &str = "word/numbering.xml";
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut levels: Vec<Option<Level>> = Vec::new();
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let event = reader.read_event().map_err(|e| xml_error(PART, e))?;
            match &event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"w:abstractNum" => {
                        abstract_id = attr(e, b"w:abstractNumId");
                        levels = vec![None; 9];
                    }
                    b"w:lvl" if num.is_none() => {
                        let ilvl = parse_u32(attr(e, b"w:ilvl")).unwrap_or(0).min(8) as usize;
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                format: "decimal".to_owned(),
                                text: String::new(),
                                suffix: Suffix::Tab,
                                legal: false,
                            },
                        ));
                    }
                    b"w:start" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.start = parse_u32(attr(e, b"w:val")).unwrap_or(1);
                        }
                    }
                    b"w:numFmt" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.format = attr(e, b"w:val").unwrap_or_default();
                        }
                    }
                    b"w:lvlText" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.text = attr(e, b"w:val").unwrap_or_default();
                        }
                    }
                    b"w:suff" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.suffix = match attr(e, b"w:val").as_deref() {
                                Some("space") => Suffix::Space,
                                Some("nothing") => Suffix::Nothing,
                                _ => Suffix::Tab,
                            };
                        }
                    }
                    b"w:isLgl" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.legal = is_on(e);
                        }
                    }
                    b"w:num" => {
                        if let Some(id) = attr(e, b"w:numId") {
                            num = Some((
                                id,
                                Num {
                                    abstract_id: String::new(),
                                    starts: Vec::new(),
                                },
                            ));
                        }
                    }
                    b"w:abstractNumId" => {
                        if let Some((_, n)) = num.as_mut() {
                            n.abstract_id = attr(e, b"w:val").unwrap_or_default();
                        }
                    }
                    b"w:lvlOverride" => {
                        override_level = parse_u32(attr(e, b"w:ilvl")).map(|l| l.min(8) as u8);
                    }
                    b"w:startOverride" => {
                        if let (Some((_, n)), Some(l)) = (num.as_mut(), override_level) {
                            n.starts
                                .push((l, parse_u32(attr(e, b"w:val")).unwrap_or(1)));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    b"w:lvl" => {
                        if let Some((i, l)) = level.take() {
                            // Only a level of an abstract list (not one
                            // overridden in a w:num, nor one out of place).
                            if let (None, Some(slot)) = (&num, levels.get_mut(i)) {
                                *slot = Some(l);
                            }
                        }
                    }
                    b"w:abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            numbering.abstracts.insert(id, std::mem::take(&mut levels));
                        }
                    }
                    b"w:num" => {
                        if let Some((id, n)) = num.take() {
                            numbering.nums.insert(id, n);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(numbering)
    }
}

/// The counters of the lists as the walk advances them.
#[derive(Debug, Default)]
struct Counters {
    /// Per abstract list: each level's current value, `None` before its first
    /// use or after a higher level moved on.
    values: HashMap<String, [Option<u32>; 9]>,
    /// Lists (`numId`) already used (their `startOverride` applied).
    seen: std::collections::HashSet<String>,
}

impl Counters {
    /// The number Word shows before a paragraph of list `num_id` at `ilvl`,
    /// with what follows it; `None` for a bullet or no list.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: u8) -> Option<(String, Suffix)> {
        if num_id == "0" {
            return None;
        }
        let num = numbering.nums.get(num_id)?;
        let levels = numbering.abstracts.get(&num.abstract_id)?;
        let ilvl = usize::from(ilvl);
        let level = levels.get(ilvl)?.as_ref()?;
        let values = self.values.entry(num.abstract_id.clone()).or_default();
        if self.seen.insert(num_id.to_owned()) {
            for &(l, start) in &num.starts {
                if let Some(v) = values.get_mut(usize::from(l)) {
                    *v = Some(start.saturating_sub(1));
                }
            }
        }
        values[ilvl] = Some(match values[ilvl] {
            Some(v) => v + 1,
            None => level.start,
        });
        for deeper in values.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        if level.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(8);
                    let shown = levels.get(k).and_then(Option::as_ref);
                    let value = values[k].or(shown.map(|l| l.start)).unwrap_or(1);
                    let format = match shown {
                        _ if level.legal && k < ilvl => "decimal",
                        Some(l) => l.format.as_str(),
                        None => "decimal",
                    };
                    out.push_str(&format_number(value, format));
                    continue;
                }
            }
            out.push(c);
        }
        Some((out, level.suffix))
    }
}

/// A list number in one of Word's formats (`w:numFmt`).
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    match format {
        "none" => String::new(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "chineseLegalSimplified" => chinese_count(n),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "ideographTraditional" if (1..=10).contains(&n) => STEMS[n as usize - 1].to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(u32::from(d) - u32::from('0') + 0xFF10).unwrap_or(d))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" if n > 0 => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = char::from(base + ((n - 1) % 26) as u8);
            std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_ascii_lowercase()
            } else {
                roman
            }
        }
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting).
fn chinese_count(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n >= 10_000 {
        return n.to_string();
    }
    if n < 10 {
        return DIGITS[n as usize].to_owned();
    }
    if n < 20 {
        return format!(
            "十{}",
            if n > 10 {
                DIGITS[(n - 10) as usize]
            } else {
                ""
            }
        );
    }
    let mut out = String::new();
    let mut zero = false;
    for (unit, word) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = n / unit % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(DIGITS[d as usize]);
        out.push_str(word);
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    Body,
    Footnotes,
    Endnotes,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    number: u32,
    style: Option<String>,
    num: Option<(Option<String>, Option<u8>)>,
    outline: Option<u8>,
    in_textbox: bool,
    /// Offsets in `text` where Word's last layout started a page.
    rendered: Vec<usize>,
    /// Offsets in `text` of explicit page breaks (and of a page started
    /// before the paragraph, at 0).
    explicit: Vec<usize>,
    /// The paragraph mark is a tracked deletion: the paragraph runs on into
    /// the next.
    mark_deleted: bool,
    /// A section break after the paragraph starts a new page.
    section_break: bool,
    /// Its text's segments, offsets in `text`.
    segments: Vec<Segment>,
}

/// A table being read: the cells of the open row.
#[derive(Debug, Default)]
struct Table {
    number: u32,
    rows: u32,
    cells: Vec<String>,
    cell: Option<String>,
    first_paragraph: u32,
    /// A page started in the open row, by Word's last layout and by an
    /// explicit break: kept apart, as the paragraphs' marks are, so that a
    /// row's page survives when the document also has marks of the other
    /// kind (a row's rendered break went into the explicit list, which a
    /// single later rendered mark made unused).
    breaks: (bool, bool),
    /// Segments of the open cell (offsets in it) and of the open row's
    /// closed cells (offsets in the row's line).
    cell_segments: Vec<Segment>,
    row_segments: Vec<Segment>,
    row_len: usize,
}

struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    text: String,
    blocks: Vec<Block>,
    rendered: Vec<usize>,
    explicit: Vec<usize>,
    paragraphs: u32,
    tables: u32,
    paras: Vec<Para>,
    open_tables: Vec<Table>,
    textboxes: Vec<(Para, String)>,
    /// Text of paragraphs whose mark was deleted, run on into the next.
    carried: Option<Para>,
    /// Depth inside elements whose content is not text (deletions, field
    /// codes, property changes, the VML fallback of a drawing).
    skip: u32,
    in_text: bool,
    runs: u32,
    properties: u32,
    textbox_depth: u32,
    /// The paragraph that refers to each note, by note id and story.
    note_refs: HashMap<(bool, String), (u32, u32)>,
    notes_seen: [u32; 2],
    note: Option<(Story, u32, u32)>,
    /// Inside a note separator: not text.
    skip_note: bool,
    segments: Vec<Segment>,
    /// The part being read, and the XML byte range of the event at hand.
    part: Part,
    at: (usize, usize),
    /// The open run's `<w:rPr>` (start, and the range once closed) and the
    /// open `<w:t>` start tag.
    run_properties_start: Option<usize>,
    run_properties: Option<(usize, usize)>,
    text_tag: (usize, usize),
    /// Where each open run starts in the XML.
    run_starts: Vec<usize>,
    /// A note reference in the open run: endnote, number, the run's depth.
    pending_mark: Option<(bool, u32, u32)>,
    note_marks: Vec<NoteMark>,
}

impl<'a> Walker<'a> {
    fn new(styles: &'a Styles, numbering: &'a Numbering) -> Self {
        Walker {
            styles,
            numbering,
            counters: Counters::default(),
            text: String::new(),
            blocks: Vec::new(),
            rendered: Vec::new(),
            explicit: Vec::new(),
            paragraphs: 0,
            tables: 0,
            paras: Vec::new(),
            open_tables: Vec::new(),
            textboxes: Vec::new(),
            carried: None,
            skip: 0,
            in_text: false,
            runs: 0,
            properties: 0,
            textbox_depth: 0,
            note_refs: HashMap::new(),
            notes_seen: [0, 0],
            note: None,
            skip_note: false,
            segments: Vec::new(),
            part: Part::Document,
            at: (0, 0),
            run_properties_start: None,
            run_properties: None,
            text_tag: (0, 0),
            run_starts: Vec::new(),
            pending_mark: None,
            note_marks: Vec::new(),
        }
    }

    fn walk(&mut self, xml: &str, part: &'static str, story: Story) -> Result<(), DocxError> {
        let mut reader = Reader::from_str(xml);
        let mut skip_names: Vec<Vec<u8>> = Vec::new();
        self.part = match story {
            Story::Body => Part::Document,
            Story::Footnotes => Part::Footnotes,
            Story::Endnotes => Part::Endnotes,
        };
        loop {
            let before = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| xml_error(part, e))?;
            self.at = (before, reader.buffer_position() as usize);
            match event {
                Event::Start(e) => {
                    let name = e.name().as_ref().to_vec();
                    if self.skip > 0 || skips(&name) {
                        if self.skip == 0 && self.properties > 0 && name == b"w:del" {
                            self.open(&e, story, true);
                        }
                        if skips(&name) || skip_names.last() == Some(&name) {
                            self.skip += 1;
                            skip_names.push(name);
                        }
                        continue;
                    }
                    self.open(&e, story, false);
                }
                Event::Empty(e) => {
                    let mark = self.properties > 0 && e.name().as_ref() == b"w:del";
                    if self.skip == 0 && (mark || !skips(e.name().as_ref())) {
                        self.open(&e, story, true);
                        self.close(e.name().as_ref(), story);
                    }
                }
                Event::End(e) => {
                    let name = e.name();
                    if self.skip > 0 {
                        if skip_names.last().map(Vec::as_slice) == Some(name.as_ref()) {
                            skip_names.pop();
                            self.skip -= 1;
                        }
                        continue;
                    }
                    self.close(name.as_ref(), story);
                }
                Event::Text(t) if self.in_text && self.skip == 0 => {
                    let text = t.decode().map_err(|e| xml_error(part, e))?;
                    self.push_mapped(&text);
                }
                Event::CData(t) if self.in_text && self.skip == 0 => {
                    let text = t.decode().map_err(|e| xml_error(part, e))?;
                    self.push_text(&text);
                }
                Event::GeneralRef(r) if self.in_text && self.skip == 0 => {
                    let c = match r.resolve_char_ref().map_err(|e| xml_error(part, e))? {
                        Some(c) => c,
                        None => match &*r {
                            b"amp" => '&',
                            b"lt" => '<',
                            b"gt" => '>',
                            b"quot" => '"',
                            b"apos" => '\'',
                            _ => continue,
                        },
                    };
                    let mut buf = [0; 4];
                    self.push_mapped(c.encode_utf8(&mut buf));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        // A paragraph mark deleted at the very end has nothing to run on into.
        if let Some(carried) = self.carried.take() {
            self.emit(carried, String::new(), story);
        }
        Ok(())
    }

    /// Text that stands in the XML at `self.at`: verbatim, or as one
    /// character reference.
    fn push_mapped(&mut self, text: &str) {
        let (part, tag, run_properties) = (self.part, self.text_tag, self.run_properties);
        let (xml, xml_end) = self.at;
        if let Some(p) = self.paras.last_mut() {
            p.segments.push(Segment {
                part,
                text: p.text.len(),
                len: text.len(),
                xml,
                xml_len: xml_end - xml,
                tag,
                run_properties,
            });
        }
        self.push_text(text);
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paras.last_mut() {
            // Control characters are not text (a vertical tab is Word's
            // manual line break in some exports).
            p.text.extend(text.chars().map(|c| match c {
                '\u{b}' | '\r' | '\n' => ' ',
                c => c,
            }));
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, story: Story, empty: bool) {
        let in_table_cell = |w: &Walker<'_>| w.open_tables.last().is_some_and(|t| t.cell.is_some());
        match e.name().as_ref() {
            b"w:p" => {
                let in_textbox = self.textbox_depth > 0;
                let number = if in_textbox {
                    self.paras.last().map_or(self.paragraphs, |p| p.number)
                } else if story == Story::Body {
                    self.paragraphs += 1;
                    self.paragraphs
                } else {
                    self.note.map_or(0, |(_, _, p)| p)
                };
                self.paras.push(Para {
                    number,
                    in_textbox,
                    ..Para::default()
                });
            }
            b"w:pPr" | b"w:rPr" | b"w:tblPr" | b"w:trPr" | b"w:tcPr" | b"w:sectPr" => {
                if e.name().as_ref() == b"w:rPr" && self.runs > 0 && self.properties == 0 {
                    self.run_properties_start = Some(self.at.0);
                    if empty {
                        self.run_properties = Some(self.at);
                    }
                }
                if e.name().as_ref() == b"w:sectPr" && self.properties > 0 {
                    // A section ending at this paragraph: a new page follows
                    // unless the section is continuous (read on w:type).
                    if let Some(p) = self.paras.last_mut() {
                        p.section_break = true;
                    }
                }
                if !empty {
                    self.properties += 1;
                }
            }
            b"w:type" if self.properties > 0 => {
                if matches!(
                    attr(e, b"w:val").as_deref(),
                    Some("continuous" | "nextColumn")
                ) {
                    if let Some(p) = self.paras.last_mut() {
                        p.section_break = false;
                    }
                }
            }
            b"w:pStyle" if self.properties > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, b"w:val");
                }
            }
            b"w:numId" if self.properties > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.num.get_or_insert((None, None)).0 = attr(e, b"w:val");
                }
            }
            b"w:ilvl" if self.properties > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.num.get_or_insert((None, None)).1 =
                        parse_u32(attr(e, b"w:val")).map(|l| l.min(8) as u8);
                }
            }
            b"w:outlineLvl" if self.properties > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = parse_u32(attr(e, b"w:val"))
                        .filter(|&l| l < 9)
                        .map(|l| l as u8 + 1);
                }
            }
            b"w:pageBreakBefore" if self.properties > 0 && is_on(e) => {
                if let Some(p) = self.paras.last_mut() {
                    p.explicit.push(0);
                }
            }
            b"w:del" if self.properties > 0 => {
                // <w:pPr><w:rPr><w:del …/></w:rPr></w:pPr>: the paragraph
                // mark itself is deleted.
                if let Some(p) = self.paras.last_mut() {
                    p.mark_deleted = true;
                }
            }
            _ if self.properties > 0 => {}
            b"w:r" if !empty => {
                self.runs += 1;
                self.run_starts.push(self.at.0);
                self.run_properties = None;
                self.run_properties_start = None;
            }
            b"w:t" if self.runs > 0 && !empty => {
                self.in_text = true;
                self.text_tag = self.at;
            }
            b"w:tab" | b"w:ptab" if self.runs > 0 => {
                // A tab in running text aligns; it does not make a table.
                self.push_text(" ");
            }
            b"w:br" | b"w:cr" if self.runs > 0 => match attr(e, b"w:type").as_deref() {
                Some("page") => {
                    if let Some(p) = self.paras.last_mut() {
                        let at = p.text.len();
                        p.explicit.push(at);
                    }
                }
                Some("column") => {}
                _ => {
                    let cell = in_table_cell(self);
                    if let Some(p) = self.paras.last_mut() {
                        p.text.push(if cell { ' ' } else { '\n' });
                    }
                }
            },
            b"w:noBreakHyphen" if self.runs > 0 => self.push_text("-"),
            b"w:lastRenderedPageBreak" => {
                if let Some(p) = self.paras.last_mut() {
                    let at = p.text.len();
                    p.rendered.push(at);
                }
            }
            b"w:footnoteReference" | b"w:endnoteReference" => {
                let endnote = e.name().as_ref() == b"w:endnoteReference";
                if let Some(id) = attr(e, b"w:id") {
                    let seen = &mut self.notes_seen[usize::from(endnote)];
                    *seen += 1;
                    let paragraph = self.paras.first().map_or(self.paragraphs, |p| p.number);
                    if self.part == Part::Document && self.runs > 0 {
                        self.pending_mark = Some((endnote, *seen, self.runs));
                    }
                    self.note_refs.insert((endnote, id), (*seen, paragraph));
                }
            }
            b"w:footnote" | b"w:endnote" => {
                let endnote = e.name().as_ref() == b"w:endnote";
                let separator = attr(e, b"w:type").is_some_and(|t| t != "normal");
                self.note = match attr(e, b"w:id") {
                    Some(id) if !separator => {
                        let story = if endnote {
                            Story::Endnotes
                        } else {
                            Story::Footnotes
                        };
                        let (n, p) =
                            self.note_refs
                                .get(&(endnote, id))
                                .copied()
                                .unwrap_or_else(|| {
                                    self.notes_seen[usize::from(endnote)] += 1;
                                    (self.notes_seen[usize::from(endnote)], 0)
                                });
                        Some((story, n, p))
                    }
                    _ => None,
                };
                if self.note.is_none() && !empty {
                    // Separators are not text: read through them.
                    self.skip_note = true;
                }
            }
            b"w:txbxContent" if !empty => self.textbox_depth += 1,
            b"w:tbl" if !empty => {
                self.tables += 1;
                self.open_tables.push(Table {
                    number: self.tables,
                    ..Table::default()
                });
            }
            b"w:tr" if !empty => {
                if let Some(t) = self.open_tables.last_mut() {
                    t.cells.clear();
                    t.row_segments.clear();
                    t.row_len = 0;
                    t.breaks = (false, false);
                    t.first_paragraph = self.paragraphs + 1;
                }
            }
            b"w:tc" if !empty => {
                if let Some(t) = self.open_tables.last_mut() {
                    t.cell = Some(String::new());
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8], story: Story) {
        match name {
            b"w:pPr" | b"w:rPr" | b"w:tblPr" | b"w:trPr" | b"w:tcPr" | b"w:sectPr" => {
                self.properties = self.properties.saturating_sub(1);
                if name == b"w:rPr" && self.properties == 0 {
                    if let Some(start) = self.run_properties_start.take() {
                        self.run_properties = Some((start, self.at.1));
                    }
                }
            }
            _ if self.properties > 0 => {}
            b"w:t" => self.in_text = false,
            b"w:r" => {
                if let Some((endnote, number, depth)) = self.pending_mark {
                    if depth == self.runs {
                        if let Some(&start) = self.run_starts.last() {
                            self.note_marks.push(NoteMark {
                                endnote,
                                number,
                                run: (start, self.at.1),
                            });
                        }
                        self.pending_mark = None;
                    }
                }
                self.run_starts.pop();
                self.runs = self.runs.saturating_sub(1);
            }
            b"w:p" => {
                if let Some(p) = self.paras.pop() {
                    self.close_paragraph(p, story);
                }
            }
            b"w:txbxContent" => self.textbox_depth = self.textbox_depth.saturating_sub(1),
            b"w:tc" => {
                if let Some(t) = self.open_tables.last_mut() {
                    if let Some(cell) = t.cell.take() {
                        let at = t.row_len + usize::from(!t.cells.is_empty());
                        let moved = t
                            .cell_segments
                            .drain(..)
                            .filter_map(|s| s.moved(0, usize::MAX, at as isize));
                        t.row_segments.extend(moved);
                        t.row_len = at + cell.len();
                        t.cells.push(cell);
                    }
                }
            }
            b"w:tr" => {
                let Some(t) = self.open_tables.last_mut() else {
                    return;
                };
                t.rows += 1;
                let row = Block {
                    span: Span::default(),
                    paragraph: t.first_paragraph,
                    kind: BlockKind::TableRow {
                        table: t.number,
                        row: t.rows,
                    },
                    numbering: 0,
                };
                let breaks = t.breaks;
                let cells = std::mem::take(&mut t.cells);
                let segments = std::mem::take(&mut t.row_segments);
                t.row_len = 0;
                if self.open_tables.len() > 1 {
                    // A table in a cell: its rows read as text of that cell.
                    let line = cells.join(" ");
                    let depth = self.open_tables.len();
                    let outer = &mut self.open_tables[depth - 2].breaks;
                    outer.0 |= breaks.0;
                    outer.1 |= breaks.1;
                    if let Some(cell) = self.open_tables[depth - 2].cell.as_mut() {
                        if !cell.is_empty() && !line.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(&line);
                    }
                    return;
                }
                let line = cells.join("\t");
                let start = self.text.len();
                if breaks.0 {
                    self.rendered.push(start);
                }
                if breaks.1 {
                    self.explicit.push(start);
                }
                self.segments.extend(
                    segments
                        .into_iter()
                        .filter_map(|s| s.moved(0, usize::MAX, start as isize)),
                );
                self.push_line(row, &line);
            }
            b"w:tbl" => {
                self.open_tables.pop();
            }
            b"w:footnote" | b"w:endnote" => {
                self.note = None;
                self.skip_note = false;
            }
            _ => {}
        }
    }

    /// The number Word shows before the paragraph, and its heading level.
    fn numbering_and_level(&mut self, p: &Para) -> (Option<(String, Suffix)>, Option<u8>) {
        let style = p.style.as_deref();
        let level = p
            .outline
            .or_else(|| style.and_then(|s| self.styles.heading(s)));
        let from_style = style.and_then(|s| self.styles.numbering(s));
        let num = match (&p.num, from_style) {
            (Some((Some(id), ilvl)), style) => {
                Some((id.clone(), ilvl.or(style.map(|(_, l)| l)).unwrap_or(0)))
            }
            (Some((None, Some(ilvl))), Some((id, _))) => Some((id, *ilvl)),
            (_, style) => style,
        };
        let number = num.and_then(|(id, ilvl)| self.counters.next(self.numbering, &id, ilvl));
        (number, level)
    }

    fn close_paragraph(&mut self, mut p: Para, story: Story) {
        if self.skip_note {
            return;
        }
        if let Some(mut carried) = self.carried.take() {
            // The paragraph before lost its mark: one paragraph now.
            let shift = carried.text.len();
            carried.text.push_str(&p.text);
            let moved = p
                .segments
                .iter()
                .filter_map(|s| s.moved(0, usize::MAX, shift as isize));
            carried.segments.extend(moved);
            carried
                .rendered
                .extend(p.rendered.iter().map(|o| o + shift));
            carried
                .explicit
                .extend(p.explicit.iter().map(|o| o + shift));
            carried.section_break = p.section_break;
            carried.mark_deleted = p.mark_deleted;
            p = carried;
        }
        if p.mark_deleted && !p.in_textbox && !self.in_cell() {
            self.carried = Some(p);
            return;
        }
        let (number, level) = self.numbering_and_level(&p);
        let prefix = match number {
            Some((n, _)) if n.is_empty() => String::new(),
            Some((n, suffix)) => {
                let mut prefix = n;
                // 一、 （一） need nothing after them; 1 and 第一章 a space.
                let ends_in_mark = prefix.chars().last().is_some_and(|c| {
                    matches!(c, '、' | '）' | ')' | '．' | '.' | '】' | '〕' | '：')
                });
                if suffix != Suffix::Nothing && !ends_in_mark {
                    prefix.push(' ');
                }
                prefix
            }
            None => String::new(),
        };
        if p.in_textbox {
            self.textboxes.push((p, prefix));
            return;
        }
        if let Some(t) = self.open_tables.last_mut() {
            if let Some(cell) = t.cell.as_mut() {
                let text = p.text.trim();
                if !text.is_empty() {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&prefix);
                    let lead = p.text.len() - p.text.trim_start().len();
                    let shift = cell.len() as isize - lead as isize;
                    let moved = p
                        .segments
                        .iter()
                        .filter_map(|s| s.moved(lead, lead + text.len(), shift));
                    t.cell_segments.extend(moved);
                    cell.push_str(text);
                }
                t.breaks.0 |= !p.rendered.is_empty();
                t.breaks.1 |= !p.explicit.is_empty();
                return;
            }
        }
        let kind = match (story, level) {
            (Story::Body, Some(level)) => BlockKind::Heading(level),
            (Story::Body, None) => BlockKind::Paragraph,
            _ => match self.note {
                Some((Story::Endnotes, n, _)) => BlockKind::Endnote(n),
                Some((_, n, _)) => BlockKind::Footnote(n),
                None => BlockKind::Paragraph,
            },
        };
        self.emit_with(p, prefix, kind);
        if self.paras.is_empty() {
            for (tp, prefix) in std::mem::take(&mut self.textboxes) {
                self.emit_with(tp, prefix, BlockKind::TextBox);
            }
        }
    }

    fn in_cell(&self) -> bool {
        self.open_tables.last().is_some_and(|t| t.cell.is_some())
    }

    fn emit(&mut self, p: Para, prefix: String, story: Story) {
        let kind = if story == Story::Body {
            BlockKind::Paragraph
        } else {
            BlockKind::Footnote(0)
        };
        self.emit_with(p, prefix, kind);
    }

    fn emit_with(&mut self, p: Para, prefix: String, kind: BlockKind) {
        let start = self.text.len() + prefix.len();
        self.rendered.extend(p.rendered.iter().map(|o| o + start));
        self.explicit.extend(p.explicit.iter().map(|o| o + start));
        self.segments.extend(
            p.segments
                .iter()
                .filter_map(|s| s.moved(0, usize::MAX, start as isize)),
        );
        let block = Block {
            span: Span::default(),
            paragraph: p.number,
            kind,
            numbering: prefix.len(),
        };
        let mut line = prefix;
        line.push_str(&p.text);
        self.push_line(block, &line);
        if p.section_break {
            self.explicit.push(self.text.len());
        }
    }

    fn push_line(&mut self, mut block: Block, line: &str) {
        let start = self.text.len();
        self.text.push_str(line);
        block.span = Span::new(start, self.text.len());
        self.text.push('\n');
        self.blocks.push(block);
    }

    fn finish(mut self) -> (String, Layout) {
        let pages = if !self.rendered.is_empty() {
            Some(std::mem::take(&mut self.rendered))
        } else if !self.explicit.is_empty() {
            Some(std::mem::take(&mut self.explicit))
        } else {
            None
        };
        let page_starts = pages.map(|mut p| {
            p.retain(|&o| o > 0);
            p.sort_unstable();
            p.dedup();
            p
        });
        (
            self.text,
            Layout {
                blocks: self.blocks,
                page_starts,
                segments: self.segments,
                note_marks: self.note_marks,
            },
        )
    }
}

/// Elements whose content is not text of the current document.
fn skips(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:del"
            | b"w:moveFrom"
            | b"w:delText"
            | b"w:instrText"
            | b"w:delInstrText"
            | b"mc:Fallback"
            | b"w:fldData"
    ) || name.ends_with(b"PrChange")
        || name == b"w:numberingChange"
        || name == b"w:tblGridChange"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word""#;

    /// A package with `body` as the document's body and the other parts given.
    fn package(body: &str, parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        for (name, xml) in [("word/document.xml", document.as_str())]
            .into_iter()
            .chain(parts.iter().copied())
        {
            zip.start_file(name, options).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    /// The text and layout of a package, after checking that every segment
    /// stands in its part's XML byte for byte.
    fn text_of(body: &str, parts: &[(&str, &str)]) -> (String, Layout) {
        let bytes = package(body, parts);
        let (text, layout) = read(&bytes).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        for seg in &layout.segments {
            let xml = part(&mut zip, seg.part.path()).unwrap().unwrap();
            let stands = &xml[seg.xml..seg.xml + seg.xml_len];
            if seg.xml_len == seg.len {
                assert_eq!(stands, &text[seg.text..seg.end()], "{seg:?}");
            } else {
                assert!(stands.starts_with('&') && stands.ends_with(';'), "{seg:?}");
            }
            assert!(xml[seg.tag.0..seg.tag.1].starts_with("<w:t"), "{seg:?}");
            if let Some((a, b)) = seg.run_properties {
                assert!(xml[a..b].starts_with("<w:rPr") && xml[a..b].ends_with("rPr>"));
            }
        }
        (text, layout)
    }

    #[test]
    fn paragraphs_are_lines_and_runs_join() {
        let body = format!(
            "{}<w:p/>{}",
            r#"<w:p><w:r><w:t xml:space="preserve">推进 </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>高质量发展&amp;改革</w:t></w:r></w:p>"#,
            p("第二段")
        );
        let (text, layout) = text_of(&body, &[]);
        assert_eq!(text, "推进 高质量发展&改革\n\n第二段\n");
        let numbers: Vec<u32> = layout.blocks.iter().map(|b| b.paragraph).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(layout.page_starts, None);
    }

    #[test]
    fn tracked_changes_read_as_the_current_text() {
        let body = r#"<w:p><w:r><w:t>加快</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>推进</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>建设</w:t></w:r></w:ins><w:moveFrom w:id="3"><w:r><w:t>旧处</w:t></w:r></w:moveFrom><w:r><w:t>体系</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body, &[]).0, "加快建设体系\n");
        // A deleted paragraph mark joins the paragraph to the next.
        let joined = r#"<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="a"/></w:rPr></w:pPr><w:r><w:t>上半句，</w:t></w:r></w:p><w:p><w:r><w:t>下半句。</w:t></w:r></w:p>"#;
        let (text, layout) = text_of(joined, &[]);
        assert_eq!(text, "上半句，下半句。\n");
        assert_eq!(layout.blocks.len(), 1);
    }

    #[test]
    fn field_codes_and_property_changes_are_not_text() {
        let body = r#"<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        let (text, layout) = text_of(body, &[]);
        assert_eq!(text, "3\n");
        assert_eq!(layout.blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn tables_are_rows_of_tab_separated_cells() {
        let cell = |t: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", p(t));
        let body = format!(
            "{}<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr></w:tbl>{}",
            p("表1 主要指标"),
            cell("指标"),
            cell("2025年"),
            cell("地区生产总值（亿元）"),
            p("1.2"),
            p("万"),
            p("说明")
        );
        let (text, layout) = text_of(&body, &[]);
        assert_eq!(
            text,
            "表1 主要指标\n指标\t2025年\n地区生产总值（亿元）\t1.2 万\n说明\n"
        );
        let kinds: Vec<(BlockKind, u32)> = layout
            .blocks
            .iter()
            .map(|b| (b.kind, b.paragraph))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Paragraph, 1),
                (BlockKind::TableRow { table: 1, row: 1 }, 2),
                (BlockKind::TableRow { table: 1, row: 2 }, 4),
                (BlockKind::Paragraph, 7),
            ]
        );
    }

    #[test]
    fn text_boxes_follow_their_paragraph_once() {
        let textbox =
            r#"<w:txbxContent><w:p><w:r><w:t>专栏1 重点工程</w:t></w:r></w:p></w:txbxContent>"#;
        let body = format!(
            r#"<w:p><w:r><w:t>正文。</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{textbox}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{textbox}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>{}"#,
            p("下一段")
        );
        let (text, layout) = text_of(&body, &[]);
        assert_eq!(text, "正文。\n专栏1 重点工程\n下一段\n");
        assert_eq!(layout.blocks[1].kind, BlockKind::TextBox);
        assert_eq!(layout.blocks[1].paragraph, 1);
        assert_eq!(layout.blocks[2].paragraph, 2);
    }

    #[test]
    fn footnotes_come_last_and_point_at_their_paragraph() {
        let body = format!(
            r#"{}<w:p><w:r><w:t>增长5%</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>。</w:t></w:r></w:p>"#,
            p("第一段")
        );
        let notes = format!(
            r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>按可比价格计算。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let (text, layout) = text_of(&body, &[("word/footnotes.xml", &notes)]);
        assert_eq!(text, "第一段\n增长5%。\n按可比价格计算。\n");
        assert_eq!(layout.blocks[2].kind, BlockKind::Footnote(1));
        assert_eq!(layout.blocks[2].paragraph, 2);
    }

    #[test]
    fn pages_come_from_the_last_layout_else_from_explicit_breaks() {
        let rendered = format!(
            r#"{}<w:p><w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r></w:p>"#,
            p("第一页")
        );
        let (text, layout) = text_of(&rendered, &[]);
        assert_eq!(layout.page_starts, Some(vec![text.find("第二页").unwrap()]));
        let explicit = format!(
            r#"{}<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>新页</w:t></w:r></w:p><w:p><w:r><w:t>甲</w:t><w:br w:type="page"/><w:t>乙</w:t></w:r></w:p>"#,
            p("首页")
        );
        let (text, layout) = text_of(&explicit, &[]);
        assert_eq!(
            layout.page_starts,
            Some(vec![text.find("新页").unwrap(), text.find("乙").unwrap()])
        );
    }

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#;
    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;

    #[test]
    fn automatic_numbering_is_shown_as_word_shows_it() {
        let styled = |style: &str, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let listed = |num: &str, ilvl: &str, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            styled("1", "发展环境"),
            styled("2", "发展基础"),
            listed("1", "2", "经济实力"),
            listed("1", "2", "创新能力"),
            styled("2", "面临形势"),
            listed("2", "0", "要点"),
            styled("1", "总体要求"),
            styled("1", "十一"),
        ]
        .concat();
        let (text, layout) = text_of(
            &body,
            &[
                ("word/styles.xml", STYLES),
                ("word/numbering.xml", NUMBERING),
            ],
        );
        assert_eq!(
            text,
            "一、发展环境\n（一）发展基础\n1.经济实力\n2.创新能力\n（二）面临形势\n要点\n二、总体要求\n三、十一\n"
        );
        assert_eq!(layout.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(layout.blocks[1].kind, BlockKind::Heading(2));
        assert_eq!(layout.blocks[2].kind, BlockKind::Paragraph);
        assert_eq!(layout.blocks[0].numbering, "一、".len());
    }

    #[test]
    fn numbers_in_words() {
        let cases = [
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (11, "chineseCounting", "十一"),
            (20, "chineseCounting", "二十"),
            (105, "chineseCountingThousand", "一百零五"),
            (3, "ideographTraditional", "丙"),
            (2, "decimalEnclosedCircle", "②"),
            (12, "decimalFullWidth", "１２"),
            (27, "lowerLetter", "aa"),
            (14, "upperRoman", "XIV"),
            (7, "none", ""),
        ];
        for (n, format, shown) in cases {
            assert_eq!(format_number(n, format), shown, "{n} {format}");
        }
    }

    #[test]
    fn broken_packages_are_errors_not_panics() {
        assert!(matches!(
            read(b"PK\x03\x04garbage"),
            Err(DocxError::NotZip(_))
        ));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let xlsx = zip.finish().unwrap().into_inner();
        assert_eq!(read(&xlsx), Err(DocxError::NoDocument));
        let bad = package("<w:p><w:r><w:t>未闭合</w:r></w:p>", &[]);
        assert!(matches!(read(&bad), Err(DocxError::Xml { .. })));
    }
}
