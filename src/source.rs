//! Source files: decoding bytes into text, and the `LineIndex` that turns byte
//! offsets into the lines and columns people see.
//!
//! Spans everywhere in planlint are byte ranges into [`SourceFile::text`], the
//! decoded text without its byte-order mark. Lines and columns are computed
//! here, at the edge, and nowhere else.

pub mod docx;
pub mod html;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

/// A byte range into one source's decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The span moved by `offset` bytes (for spans found in a slice).
    pub const fn shift(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
    /// Traditional Chinese (Taiwan, Hong Kong), told from GB18030 by chardetng.
    Big5,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Why a file could not be read as text. The message names the problem; the
/// caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte outside UTF-16: a binary file, or text in an encoding we do not read.
    NulByte { offset: usize },
    /// Neither UTF-8 nor GB18030 decodes the bytes.
    UnknownEncoding { utf8_error_at: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NulByte { offset } => write!(
                f,
                "contains a NUL byte at offset {offset}: this is a binary file, not plan text"
            ),
            DecodeError::UnknownEncoding { utf8_error_at } => write!(
                f,
                "is neither UTF-8 (invalid byte at offset {utf8_error_at}) nor GB18030; \
                 save it as UTF-8"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// One input text, decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown to people: the path as given, or the stdin filename.
    pub name: String,
    /// The decoded text, without a byte-order mark.
    pub text: String,
    pub encoding: Encoding,
    /// Whether the bytes began with a byte-order mark (kept when writing back).
    pub had_bom: bool,
    pub lines: LineIndex,
    /// For a Word document or an HTML page: where each line of `text`
    /// stands in it (its blocks; pages only for Word).
    pub layout: Option<Arc<docx::Layout>>,
    /// For an HTML page: its source, and where each piece of `text` came
    /// from in it.
    pub markup: Option<Arc<html::Markup>>,
}

/// Where an offset of a Word document's text stands in Word: what an editor
/// looks for in the document, since lines and columns of the extracted text
/// mean nothing there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub block: &'a docx::Block,
    /// The page, where the file records pages.
    pub page: Option<u32>,
    /// The block's opening words (at most [`Place::OPENING_CHARS`]).
    pub opening: &'a str,
    /// Whether the block goes on after `opening`.
    pub truncated: bool,
    /// For an HTML page: the line of its source (1-based) the offset came
    /// from.
    pub source_line: Option<usize>,
}

impl Place<'_> {
    pub const OPENING_CHARS: usize = 12;

    /// 第12段, 表格2第3行, 脚注1 …: the block, without page or opening.
    pub fn block_label(&self) -> String {
        use crate::i18n::t;
        let b = self.block;
        let n = b.paragraph;
        match b.kind {
            docx::BlockKind::Paragraph => t("place.paragraph", &[("n", &n)]),
            docx::BlockKind::Heading(_) => t("place.heading", &[("n", &n)]),
            docx::BlockKind::TableRow { table, row } => t(
                "place.table-row",
                &[("table", &table), ("row", &row), ("n", &n)],
            ),
            docx::BlockKind::TextBox => t("place.text-box", &[("n", &n)]),
            docx::BlockKind::Footnote(k) => t("place.footnote", &[("n", &k)]),
            docx::BlockKind::Endnote(k) => t("place.endnote", &[("n", &k)]),
        }
    }

    /// 第12段，第3页，“二、主要目标……”
    pub fn describe(&self) -> String {
        use crate::i18n::t;
        let mut out = self.block_label();
        if let Some(page) = self.page {
            out.push_str(&t("place.page", &[("page", &page)]));
        }
        if let Some(line) = self.source_line {
            out.push_str(&t("place.source-line", &[("line", &line)]));
        }
        // A table row's cells are tab-separated in the text; a space reads.
        let opening = format!(
            "{}{}",
            self.opening.replace('\t', " "),
            if self.truncated { "……" } else { "" }
        );
        out.push_str(&t("place.opening", &[("opening", &opening)]));
        out
    }
}

impl SourceFile {
    /// Whether the file is Markdown (`.md`, `.markdown`): its `#` lines are
    /// headings, not stray markup.
    pub fn is_markdown(&self) -> bool {
        let name = self.name.to_ascii_lowercase();
        name.ends_with(".md") || name.ends_with(".markdown")
    }

    /// A source from text that is already decoded (tests, the embedded seed).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            name: name.into(),
            text,
            encoding: Encoding::Utf8,
            had_bom: false,
            lines,
            layout: None,
            markup: None,
        }
    }

    /// Reads an HTML page from its decoded source: the text a reader sees,
    /// one block per line, and where each piece came from. `encoding` and
    /// `had_bom` are the source's, for writing fixes back.
    pub fn from_html(
        name: impl Into<String>,
        source: impl Into<String>,
        encoding: Encoding,
        had_bom: bool,
    ) -> Self {
        let (text, layout, markup) = html::read(source);
        Self::page(name.into(), text, layout, markup, encoding, had_bom)
    }

    /// A decoded file read as the HTML page it is: its text and line index
    /// become the page's source and its index, without a copy.
    pub fn into_html(self) -> Self {
        let (text, layout, markup) = html::read_indexed(self.text, self.lines);
        Self::page(self.name, text, layout, markup, self.encoding, self.had_bom)
    }

    fn page(
        name: String,
        text: String,
        layout: docx::Layout,
        markup: html::Markup,
        encoding: Encoding,
        had_bom: bool,
    ) -> Self {
        SourceFile {
            name,
            lines: LineIndex::new(&text),
            text,
            encoding,
            had_bom,
            layout: Some(Arc::new(layout)),
            markup: Some(Arc::new(markup)),
        }
    }

    /// Reads a Word document (`.docx`): its text as a reader sees it, laid
    /// out one paragraph per line, and where each line stands in Word.
    pub fn from_docx(name: impl Into<String>, bytes: &[u8]) -> Result<Self, docx::DocxError> {
        let (text, layout) = docx::read(bytes)?;
        let lines = LineIndex::new(&text);
        Ok(SourceFile {
            name: name.into(),
            text,
            encoding: Encoding::Utf8,
            had_bom: false,
            lines,
            layout: Some(Arc::new(layout)),
            markup: None,
        })
    }

    /// Whether the text was read from a Word document.
    pub fn is_docx(&self) -> bool {
        self.layout.is_some() && self.markup.is_none()
    }

    /// Whether the text was read from an HTML page.
    pub fn is_html(&self) -> bool {
        self.markup.is_some()
    }

    /// The block of a Word document or HTML page that `offset` is on; `None`
    /// for plain text.
    pub fn block_at(&self, offset: usize) -> Option<&docx::Block> {
        let blocks = &self.layout.as_deref()?.blocks;
        let i = blocks
            .partition_point(|b| b.span.start <= offset)
            .checked_sub(1)?;
        Some(&blocks[i])
    }

    /// Where `offset` stands in the Word document or HTML page; `None` for
    /// plain text.
    pub fn place(&self, offset: usize) -> Option<Place<'_>> {
        let layout = self.layout.as_deref()?;
        let block = self.block_at(offset)?;
        // A footnote is printed on the page of the paragraph that refers to
        // it; its text stands after the body's, past every page start.
        let at = match block.kind {
            docx::BlockKind::Footnote(_) if block.paragraph > 0 => {
                let is_note = |b: &docx::Block| {
                    matches!(
                        b.kind,
                        docx::BlockKind::Footnote(_) | docx::BlockKind::Endnote(_)
                    )
                };
                let body = &layout.blocks[..layout.blocks.partition_point(|b| !is_note(b))];
                body.partition_point(|b| b.paragraph <= block.paragraph)
                    .checked_sub(1)
                    .map_or(offset, |i| body[i].span.start)
            }
            _ => offset,
        };
        let page = layout
            .page_starts
            .as_ref()
            .map(|starts| starts.partition_point(|&s| s <= at) as u32 + 1);
        let text = self.text[block.span.range()].trim_start();
        let cut = text
            .char_indices()
            .nth(Place::OPENING_CHARS)
            .map_or(text.len(), |(i, _)| i);
        Some(Place {
            block,
            page,
            opening: text[..cut].trim_end(),
            truncated: cut < text.len(),
            source_line: self
                .markup
                .as_deref()
                .map(|m| m.lines.position(&m.source, m.source_offset(offset)).line),
        })
    }

    /// Decodes raw bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or
    /// without one when its shape says so (text, not binary); failing those,
    /// the legacy Chinese encoding chardetng finds likelier, GB18030 or Big5,
    /// when it decodes without a single error.
    pub fn decode(name: impl Into<String>, bytes: &[u8]) -> Result<Self, DecodeError> {
        let (text, encoding, had_bom) = decode_bytes(bytes)?;
        let lines = LineIndex::new(&text);
        Ok(SourceFile {
            name: name.into(),
            text,
            encoding,
            had_bom,
            lines,
            layout: None,
            markup: None,
        })
    }

    /// The same file with new text (after fixes): name, encoding and
    /// byte-order mark are kept, the line index is rebuilt. A Word
    /// document's layout or a page's markup does not describe the new text
    /// and is dropped.
    pub fn with_text(&self, text: String) -> Self {
        SourceFile {
            name: self.name.clone(),
            lines: LineIndex::new(&text),
            text,
            encoding: self.encoding,
            had_bom: self.had_bom,
            layout: None,
            markup: None,
        }
    }

    /// The text of a span. Panics only on a span that is not on char
    /// boundaries, which is a bug in whoever made the span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}

fn decode_bytes(bytes: &[u8]) -> Result<(String, Encoding, bool), DecodeError> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return decode_utf8(rest, UTF8_BOM.len()).map(|t| (t, Encoding::Utf8, true));
    }
    for (bom, enc, encoding) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (b"\xFE\xFF", encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(DecodeError::UnknownEncoding { utf8_error_at: 0 });
            }
            if let Some(offset) = text.find('\0') {
                return Err(DecodeError::NulByte { offset });
            }
            return Ok((text.into_owned(), encoding, true));
        }
    }
    match decode_utf8(bytes, 0) {
        Ok(text) => Ok((text, Encoding::Utf8, false)),
        Err(e) => {
            // UTF-16 without a byte-order mark: NUL bytes in every other
            // place (the high bytes of ASCII) are what made UTF-8 fail.
            if let Some(found) = utf16_without_bom(bytes) {
                return Ok(found);
            }
            let DecodeError::UnknownEncoding { utf8_error_at } = e else {
                return Err(e);
            };
            // GB18030 and Big5 overlap; chardetng (Firefox's detector)
            // tells them apart by the frequency of what each decoding gives.
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let (enc, encoding) = if detector.guess(None, false) == encoding_rs::BIG5 {
                (encoding_rs::BIG5, Encoding::Big5)
            } else {
                (encoding_rs::GB18030, Encoding::Gb18030)
            };
            let decoded = enc
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(DecodeError::UnknownEncoding { utf8_error_at })?;
            Ok((decoded.into_owned(), encoding, false))
        }
    }
}

/// `bytes` as UTF-16 without a byte-order mark, when that reads as text: an
/// even length, NUL bytes only in one byte of each pair, no unpaired
/// surrogates, and nothing but printable characters and line breaks.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, Encoding, bool)> {
    // Too short to tell text from a few binary bytes.
    if bytes.len() < 16 || bytes.len() % 2 != 0 {
        return None;
    }
    let nul_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let (enc, encoding) = match (even, odd) {
        (0, n) if n > 0 => (encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (n, 0) if n > 0 => (encoding_rs::UTF_16BE, Encoding::Utf16Be),
        _ => return None,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let textual = |c: char| !c.is_control() || matches!(c, '\n' | '\r' | '\t');
    (!had_errors && text.chars().all(textual)).then(|| (text.into_owned(), encoding, false))
}

fn decode_utf8(bytes: &[u8], base: usize) -> Result<String, DecodeError> {
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::NulByte {
            offset: base + offset,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(DecodeError::UnknownEncoding {
            utf8_error_at: base + e.valid_up_to(),
        }),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// A position shown to people: 1-based line and columns in several units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number; CRLF, LF and lone CR each end a line.
    pub line: usize,
    /// 1-based column in extended grapheme clusters (what people count).
    pub column: usize,
    /// 1-based column in Unicode scalar values (code points).
    pub char_column: usize,
    /// 0-based column in UTF-16 code units (what editors and LSP count).
    pub utf16_column: usize,
}

/// Line starts of a text, for turning byte offsets into lines and columns.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0.
    starts: Vec<usize>,
    /// Column marks inside long lines, made at the first position asked on
    /// one: a column is counted from the nearest mark before it, not from
    /// the line's start, so that printing is linear in line length (a
    /// 1 MB one-line text with 180 findings counted 3 × 180 prefixes of up
    /// to 1 MB each).
    marks: std::sync::OnceLock<Vec<Mark>>,
}

/// The columns at a grapheme boundary of a long line.
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: usize,
    /// Graphemes, chars and UTF-16 units from the line's start.
    graphemes: usize,
    chars: usize,
    utf16: usize,
}

/// Lines longer than this (bytes) get column marks, about this far apart.
const LONG_LINE: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            marks: std::sync::OnceLock::new(),
        }
    }

    /// Marks every [`LONG_LINE`] bytes or so, at grapheme boundaries, in
    /// every line longer than that: one pass over those lines.
    fn marks(&self, text: &str) -> &[Mark] {
        self.marks.get_or_init(|| {
            let mut marks = Vec::new();
            for line in 0..self.starts.len() {
                let span = self.line_span(text, line);
                if span.len() <= LONG_LINE {
                    continue;
                }
                let (mut graphemes, mut chars, mut utf16) = (0, 0, 0);
                let mut last = span.start;
                for (i, g) in text[span.range()].grapheme_indices(true) {
                    let at = span.start + i;
                    if at - last >= LONG_LINE {
                        marks.push(Mark {
                            offset: at,
                            graphemes,
                            chars,
                            utf16,
                        });
                        last = at;
                    }
                    graphemes += 1;
                    chars += g.chars().count();
                    utf16 += g.encode_utf16().count();
                }
            }
            marks
        })
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte span of a 0-based line, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The position of a byte offset. An offset inside a character or past the
    /// end is clamped to the nearest boundary before it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        // In a long line, count from the last mark at or before `offset`.
        let mut from = Mark {
            offset: start,
            graphemes: 0,
            chars: 0,
            utf16: 0,
        };
        if offset - start > LONG_LINE {
            let marks = self.marks(text);
            let i = marks.partition_point(|m| m.offset <= offset);
            if let Some(m) = i.checked_sub(1).map(|i| marks[i]) {
                if m.offset >= start {
                    from = m;
                }
            }
        }
        let before = &text[from.offset..offset];
        Position {
            line: line + 1,
            column: from.graphemes + before.graphemes(true).count() + 1,
            char_column: from.chars + before.chars().count() + 1,
            utf16_column: from.utf16 + before.encode_utf16().count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_handles_every_line_ending() {
        let text = "一\n二\r\n三\r四";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let lines: Vec<&str> = (0..4)
            .map(|l| &text[idx.line_span(text, l).range()])
            .collect();
        assert_eq!(lines, ["一", "二", "三", "四"]);
        let four = text.find('四').unwrap();
        assert_eq!(idx.position(text, four).line, 4);
    }

    #[test]
    fn columns_count_graphemes_chars_and_utf16() {
        // e + combining acute is one grapheme, two chars; 😀 is one char, two UTF-16 units.
        let text = "e\u{301}😀兰州";
        let idx = LineIndex::new(text);
        let p = idx.position(text, text.find('兰').unwrap());
        assert_eq!(
            (p.line, p.column, p.char_column, p.utf16_column),
            (1, 3, 4, 4)
        );
    }

    #[test]
    fn columns_in_long_lines_count_from_marks_as_from_the_start() {
        // Lines longer than LONG_LINE, of graphemes of 1 to 4 chars (e +
        // acute, a family emoji with ZWJs, a flag) and 1 to 4 bytes.
        let unit = "兰州e\u{301}a👨\u{200d}👩\u{200d}👧🇨🇳，";
        let text = format!("{}\n短行\n{}", unit.repeat(900), unit.repeat(700));
        let idx = LineIndex::new(&text);
        let mut offsets: Vec<usize> = (0..text.len()).step_by(997).collect();
        offsets.extend([text.len(), text.find("短行").unwrap()]);
        for offset in offsets {
            let mut o = offset;
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            let line = idx.line_of(o);
            let before = &text[idx.starts[line]..o];
            let p = idx.position(&text, offset);
            assert_eq!(
                (p.line, p.column, p.char_column, p.utf16_column),
                (
                    line + 1,
                    before.graphemes(true).count() + 1,
                    before.chars().count() + 1,
                    before.encode_utf16().count()
                ),
                "{offset}"
            );
        }
    }

    #[test]
    fn decodes_utf8_with_bom_and_gb18030() {
        let with_bom = b"\xEF\xBB\xBF\xE5\x85\xB0";
        let f = SourceFile::decode("a", with_bom).unwrap();
        assert_eq!(
            (f.text.as_str(), f.had_bom, f.encoding),
            ("兰", true, Encoding::Utf8)
        );

        // "兰州" in GB18030.
        let (gb, _, _) = encoding_rs::GB18030.encode("兰州");
        let f = SourceFile::decode("b", &gb).unwrap();
        assert_eq!((f.text.as_str(), f.encoding), ("兰州", Encoding::Gb18030));
    }

    #[test]
    fn refuses_nul_bytes_and_undecodable_bytes() {
        assert_eq!(
            SourceFile::decode("a", b"ab\0c").unwrap_err(),
            DecodeError::NulByte { offset: 2 }
        );
        // 0xFF is invalid in both UTF-8 and GB18030.
        assert!(matches!(
            SourceFile::decode("a", b"abc\xFF").unwrap_err(),
            DecodeError::UnknownEncoding { utf8_error_at: 3 }
        ));
    }

    #[test]
    fn tells_big5_from_gb18030_and_finds_utf16_without_a_bom() {
        let text = "推進經濟高質量發展，加快建設現代化產業體系。\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(text);
        let f = SourceFile::decode("a", &big5).unwrap();
        assert_eq!((f.text.as_str(), f.encoding), (text, Encoding::Big5));
        let simplified = "推进经济高质量发展，加快建设现代化产业体系。\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(simplified);
        let f = SourceFile::decode("b", &gb).unwrap();
        assert_eq!(f.encoding, Encoding::Gb18030);
        for (le, encoding) in [(true, Encoding::Utf16Le), (false, Encoding::Utf16Be)] {
            let bytes: Vec<u8> = simplified
                .encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            let f = SourceFile::decode("c", &bytes).unwrap();
            assert_eq!(
                (f.text.as_str(), f.encoding, f.had_bom),
                (simplified, encoding, false)
            );
        }
        // Binary with NULs is still refused.
        assert!(SourceFile::decode("d", b"\x00\x01\x00\x02PK\x00\x03").is_err());
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "兰州\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let f = SourceFile::decode("a", &bytes).unwrap();
        assert_eq!(
            (f.text.as_str(), f.encoding),
            ("兰州\r\n", Encoding::Utf16Le)
        );
    }
}
