//! HTML pages (`.html`, `.htm`): the text a reader of the page sees, laid out
//! as planlint reads a plain-text export, and where every piece of that text
//! stands in the page's source.
//!
//! One line per block: a paragraph, a heading (`<h1>`–`<h6>`), a list item,
//! a `<br>`-separated line; a table row is one line of tab-separated cells.
//! Whitespace collapses as a browser collapses it: a run of spaces and line
//! breaks is one space, none at the edges of a line, and none where the
//! source breaks a line between two wide (CJK) characters (CSS Text 3's
//! segment-break rule), so a hard-wrapped paragraph reads as one. Character
//! references (`&ldquo;`, `&#x4E00;`, `&nbsp;`) are read as the characters
//! they stand for. Scripts, styles, the page title, templates and comments
//! are not text.
//!
//! The tokenizer is html5gum (WHATWG-conformant, with byte spans). Every
//! character of the text keeps the source range it came from: verbatim
//! where the source holds it byte for byte, as a whole where it does not (a
//! reference, collapsed whitespace). That is what lets `--fix` change the
//! page's text in place and never its markup ([`rewrite`]).

use std::cell::RefCell;
use std::rc::Rc;

use html5gum::{DefaultEmitter, Emitter, ForwardingEmitter, Token, Tokenizer};
use unicode_width::UnicodeWidthChar;

use super::docx::{Block, BlockKind, Layout};
use super::{LineIndex, Span};

/// The page's source and where each piece of the extracted text stands in it.
#[derive(Debug, Clone)]
pub struct Markup {
    /// The decoded HTML, as read.
    pub source: String,
    pub lines: LineIndex,
    /// In text order, covering every character of the text.
    pub pieces: Vec<Piece>,
}

/// A stretch of the text and the source range it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Where it starts in the text, and its length there.
    pub text: usize,
    pub len: usize,
    /// Where it came from in the source, and the length there.
    pub src: usize,
    pub src_len: usize,
    /// Whether the source holds these bytes as they are (then `len ==
    /// src_len` and every offset maps one to one). Otherwise the piece is
    /// one unit: a reference, collapsed whitespace, or a line break or cell
    /// separator the markup stands for (`src_len` 0).
    pub verbatim: bool,
}

impl Piece {
    fn end(&self) -> usize {
        self.text + self.len
    }
}

impl Markup {
    /// The source offset that text offset `offset` came from.
    pub fn source_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.end() <= offset);
        match self.pieces.get(i) {
            Some(p) if p.verbatim => p.src + offset.saturating_sub(p.text).min(p.len),
            Some(p) => p.src,
            None => self.source.len(),
        }
    }

    /// Where the text range `span` shows in the source: from where its first
    /// character came from to where its last one ends (what an editor of
    /// the page highlights). An empty span is a point.
    pub fn source_span(&self, span: Span) -> Span {
        let start = self.source_offset(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        let i = self.pieces.partition_point(|p| p.end() < span.end);
        let end = match self.pieces.get(i) {
            Some(p) if p.verbatim => p.src + (span.end - p.text).min(p.len),
            Some(p) => p.src + p.src_len,
            None => self.source.len(),
        };
        Span::new(start, end.max(start))
    }

    /// Whether an edit of the text range `span` can be written into the
    /// source without touching markup.
    pub fn can_write(&self, span: Span) -> bool {
        self.source_range(span).is_some()
    }

    /// The source edit that writes `replacement` over the text range
    /// `span`, when it can be written without touching markup: the source
    /// range and the replacement escaped for HTML.
    pub fn source_edit(&self, span: Span, replacement: &str) -> Option<(Span, String)> {
        Some((self.source_range(span)?, escape_text(replacement)))
    }

    /// The source range an edit of the text range `span` replaces, when
    /// that is text and nothing else: the span starts and ends inside
    /// verbatim text or at the edge of a whole unit (a reference, collapsed
    /// whitespace), and everything between stands in the source side by side
    /// (or with only whitespace the page does not show between), with no
    /// tag, and no line break or cell separator the markup makes.
    fn source_range(&self, span: Span) -> Option<Span> {
        let range = self.text_range(span)?;
        // Text written right after `&` and letters could make or change a
        // character reference (`&copy` + `;`), and after a bare `<` a tag
        // (`<` + `x`): not there.
        let bytes = self.source.as_bytes();
        let before = bytes[..range.start]
            .iter()
            .rev()
            .find(|b| !(b.is_ascii_alphanumeric() || **b == b'#'));
        let after_lt = range.start > 0 && bytes[range.start - 1] == b'<';
        (before != Some(&b'&') && !after_lt).then_some(range)
    }

    fn text_range(&self, span: Span) -> Option<Span> {
        let first = self.pieces.partition_point(|p| p.end() <= span.start);
        let start = self.pieces.get(first).and_then(|p| {
            if p.verbatim {
                Some(p.src + (span.start - p.text))
            } else {
                (p.text == span.start && p.src_len > 0).then_some(p.src)
            }
        });
        if span.is_empty() {
            // An insertion: inside or at the start of text, or else at the
            // end of the text before it.
            return start
                .or_else(|| {
                    let before = self.pieces[..first].last()?;
                    (before.src_len > 0 && before.end() == span.start)
                        .then_some(before.src + before.src_len)
                })
                .map(|at| Span::new(at, at));
        }
        let start = start?;
        let last = self.pieces.partition_point(|p| p.end() < span.end);
        let p = self.pieces.get(last)?;
        let end = if p.verbatim {
            p.src + (span.end - p.text)
        } else if p.end() == span.end && p.src_len > 0 {
            p.src + p.src_len
        } else {
            return None;
        };
        let touched = &self.pieces[first..=last];
        // Between two pieces only whitespace the page does not show (a
        // source line break between two Chinese characters), never a tag.
        let bytes = self.source.as_bytes();
        let side_by_side = touched.iter().all(|p| p.src_len > 0)
            && touched.windows(2).all(|w| {
                let gap = w[0].src + w[0].src_len..w[1].src;
                gap.start <= gap.end
                    && bytes[gap]
                        .iter()
                        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C'))
            });
        if !side_by_side {
            return None;
        }
        // A source line break the page does not show, right before or after
        // the edit, goes with it: the new text might not be wide, and the
        // break would then show as a space.
        let shown = |p: &Piece| p.src_len > 0;
        let dropped = |gap: std::ops::Range<usize>| {
            gap.start < gap.end && bytes[gap].iter().all(u8::is_ascii_whitespace)
        };
        let mut range = Span::new(start, end);
        if let Some(prev) = first.checked_sub(1).map(|i| &self.pieces[i]) {
            let gap = prev.src + prev.src_len..start;
            if shown(prev) && start == touched[0].src && dropped(gap.clone()) {
                range.start = gap.start;
            }
        }
        if let Some(next) = self.pieces.get(last + 1) {
            let gap = end..next.src;
            let whole = end == touched[touched.len() - 1].src + touched[touched.len() - 1].src_len;
            if shown(next) && whole && dropped(gap.clone()) {
                range.end = gap.end;
            }
        }
        Some(range)
    }
}

/// The text of an HTML page, where its lines stand (blocks, no pages), and
/// where each piece of it came from in the source.
pub fn read(source: impl Into<String>) -> (String, Layout, Markup) {
    let source = source.into();
    let lines = LineIndex::new(&source);
    read_indexed(source, lines)
}

/// [`read`] of a source whose line index is already built (a decoded file's).
pub fn read_indexed(owned: String, lines: LineIndex) -> (String, Layout, Markup) {
    let source = owned.as_str();
    let mut b = Builder::default();
    let chunks: Chunks = Rc::default();
    let mut inner = DefaultEmitter::new_with_span();
    // Script, style, title and textarea content is raw text, as a browser
    // reads it: `a<b` in a script is not a tag.
    inner.naively_switch_states(true);
    let recorder = Recorder {
        inner,
        position: 0,
        chunk_start: 0,
        chunks: Rc::clone(&chunks),
    };
    for token in Tokenizer::new_with_emitter(source, recorder) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => b.start(&tag.name, tag.self_closing, tag.span.start),
            Token::EndTag(tag) => b.end(&tag.name, tag.span.start),
            Token::String(s) => {
                // The chunks this text was read in; those of skipped
                // content (a script) are dropped with it.
                let read: Vec<(Span, Vec<u8>)> = chunks
                    .borrow_mut()
                    .drain(..)
                    .filter(|(r, _)| s.span.start <= r.start && r.end <= s.span.end)
                    .collect();
                if b.skipping.is_empty() {
                    let span = Span::new(s.span.start, s.span.end.min(source.len()));
                    b.string(source, &s.value, span, read);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.break_line(source.len());
    let markup = Markup {
        source: owned,
        lines,
        pieces: b.pieces,
    };
    let layout = Layout {
        blocks: b.blocks,
        page_starts: None,
        segments: Vec::new(),
        note_marks: Vec::new(),
    };
    (b.text, layout, markup)
}

/// The tokenizer's emitter, recording where each piece of text came from:
/// the tokenizer reports its reading position as it moves, and hands over
/// text a chunk at a time (a run of characters, or what one character
/// reference reads as), each read from the source between the previous
/// chunk (or the start of the text) and the position it is handed over at.
struct Recorder {
    inner: DefaultEmitter<usize>,
    position: usize,
    /// Where the next chunk's source starts.
    chunk_start: usize,
    chunks: Chunks,
}

/// The chunks of text the tokenizer handed over and not yet taken: where
/// each was read in the source, and the bytes it reads as.
type Chunks = Rc<RefCell<Vec<(Span, Vec<u8>)>>>;

impl ForwardingEmitter for Recorder {
    type Token = Token<usize>;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        Emitter::move_position(&mut self.inner, offset);
    }

    fn init_string(&mut self) {
        self.chunk_start = self.position;
        Emitter::init_string(&mut self.inner);
    }

    // Text after a tag, a comment or a doctype starts after it.
    fn emit_current_tag(&mut self) -> Option<html5gum::State> {
        self.chunk_start = self.position;
        Emitter::emit_current_tag(&mut self.inner)
    }

    fn emit_current_comment(&mut self) {
        self.chunk_start = self.position;
        Emitter::emit_current_comment(&mut self.inner);
    }

    fn emit_current_doctype(&mut self) {
        self.chunk_start = self.position;
        Emitter::emit_current_doctype(&mut self.inner);
    }

    fn emit_string(&mut self, c: &[u8]) {
        let start = self.chunk_start.min(self.position);
        self.chunks
            .borrow_mut()
            .push((Span::new(start, self.position), c.to_vec()));
        self.chunk_start = self.position;
        Emitter::emit_string(&mut self.inner, c);
    }
}

/// Whether the bytes look like an HTML page rather than plain text: after
/// a byte-order mark and blanks, a doctype, `<html`, `<head`, `<body` or an
/// HTML comment. A plan that merely holds stray tags is still text.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = start.trim_ascii_start();
    let head = &start[..start.len().min(16)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    ["<!doctype html", "<html", "<head", "<body", "<!--"]
        .iter()
        .any(|p| lower.starts_with(p.as_bytes()))
}

/// Whether a page is a report planlint wrote (`--format html`): a directory
/// walk skips it rather than lint its own findings.
pub fn is_planlint_report(source: &str) -> bool {
    let mut end = source.len().min(4096);
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    source[..end].contains(r#"<meta name="generator" content="planlint""#)
}

/// `markup`'s source with text edits written in: each edit is a byte range
/// of the text the page was read as and its replacement, sorted and not
/// overlapping, and each must pass [`Markup::can_write`] (those that do not
/// are left out; the caller chooses only edits that pass). Markup is never
/// changed. Replacements are escaped (`&`, `<`, `>`).
pub fn rewrite<'e>(markup: &Markup, edits: impl IntoIterator<Item = (Span, &'e str)>) -> String {
    let mut source = String::with_capacity(markup.source.len());
    let mut at = 0;
    for (span, text) in edits {
        let Some(range) = markup.source_range(span) else {
            continue;
        };
        if range.start < at {
            continue;
        }
        source.push_str(&markup.source[at..range.start]);
        source.push_str(&escape_text(text));
        at = range.end;
    }
    source.push_str(&markup.source[at..]);
    source
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Elements whose content is not text a reader sees.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"title"
            | b"template"
            | b"noscript"
            | b"textarea"
            | b"select"
            | b"svg"
            | b"math"
            | b"iframe"
            | b"object"
    )
}

/// Elements that end the line before them and start a new one after.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"html"
            | b"body"
            | b"p"
            | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"blockquote"
            | b"pre"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"nav"
            | b"aside"
            | b"main"
            | b"figure"
            | b"figcaption"
            | b"caption"
            | b"address"
            | b"center"
            | b"hr"
            | b"form"
            | b"fieldset"
            | b"legend"
            | b"details"
            | b"summary"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
    )
}

fn heading_level(name: &[u8]) -> Option<u8> {
    match name {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// Void elements: a start tag that is never closed.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

#[derive(Default)]
struct Table {
    number: u32,
    rows: u32,
    /// Cells begun in the open row, when a row is open.
    cells: Option<u32>,
}

/// A run of collapsible whitespace: its source range, whether it held a
/// line break, and whether it is one plain space read verbatim (then the
/// space it collapses to is the source's own byte).
#[derive(Clone, Copy)]
struct Pending {
    src: usize,
    end: usize,
    newline: bool,
    plain: bool,
    /// Whether markup stands for (part of) it, or it runs on both sides of
    /// a tag: then the space is not one stretch of source text, and no fix
    /// may write it.
    markup: bool,
    /// Whether a tag came after it (more whitespace then runs across it).
    closed: bool,
}

#[derive(Default)]
struct Builder {
    text: String,
    pieces: Vec<Piece>,
    blocks: Vec<Block>,
    /// Where the current line starts in the text.
    line_start: usize,
    /// Whether the current line holds anything but a cell separator yet.
    line_has_text: bool,
    heading: Option<u8>,
    /// Collapsible whitespace seen since the last character.
    pending: Option<Pending>,
    last: Option<char>,
    /// Open elements whose content is not text.
    skipping: Vec<Vec<u8>>,
    tables: Vec<Table>,
    table_count: u32,
    pre: u32,
}

impl Builder {
    /// A tag: whitespace before it cannot run on over it as one stretch.
    fn tag(&mut self) {
        if let Some(ws) = &mut self.pending {
            ws.closed = true;
        }
    }

    fn start(&mut self, name: &[u8], self_closing: bool, at: usize) {
        self.tag();
        if !self.skipping.is_empty() {
            if !self_closing && !is_void(name) && skipped(name) {
                self.skipping.push(name.to_vec());
            }
            return;
        }
        if skipped(name) {
            if !self_closing && !is_void(name) {
                self.skipping.push(name.to_vec());
            }
            return;
        }
        let in_row = self.tables.last().is_some_and(|t| t.cells.is_some());
        match name {
            b"table" => {
                self.break_line(at);
                self.table_count += 1;
                self.tables.push(Table {
                    number: self.table_count,
                    ..Table::default()
                });
            }
            b"tr" => {
                self.break_line(at);
                if let Some(t) = self.tables.last_mut() {
                    t.rows += 1;
                    t.cells = Some(0);
                }
            }
            b"td" | b"th" => {
                let Some(t) = self.tables.last_mut() else {
                    return;
                };
                let cells = t.cells.get_or_insert(0);
                *cells += 1;
                if *cells > 1 {
                    self.pending = None;
                    self.push_virtual('\t', at);
                    self.last = None;
                }
            }
            // Inside a row, blocks and line breaks in a cell are spaces (as
            // the Word reader joins a cell's paragraphs): the row stays one
            // line.
            _ if in_row && (is_block(name) || name == b"br") => self.markup_space(at),
            b"br" => self.break_line(at),
            _ if is_block(name) => {
                self.break_line(at);
                if let Some(level) = heading_level(name) {
                    self.heading = Some(level);
                }
                if name == b"pre" && !self_closing {
                    self.pre += 1;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8], at: usize) {
        self.tag();
        if let Some(i) = self.skipping.iter().rposition(|n| n == name) {
            self.skipping.truncate(i);
            return;
        }
        if !self.skipping.is_empty() {
            return;
        }
        let in_row = self.tables.last().is_some_and(|t| t.cells.is_some());
        match name {
            b"table" => {
                self.break_line(at);
                self.tables.pop();
            }
            b"tr" => {
                self.break_line(at);
                if let Some(t) = self.tables.last_mut() {
                    t.cells = None;
                }
            }
            b"td" | b"th" => {}
            _ if in_row && is_block(name) => self.markup_space(at),
            _ if is_block(name) => {
                self.break_line(at);
                if name == b"pre" {
                    self.pre = self.pre.saturating_sub(1);
                }
            }
            _ => {}
        }
    }

    /// A text token, `value` as it reads, read in `chunks`: for each, the
    /// source range it was read from and the bytes it reads as. A chunk
    /// that reads as its source is verbatim text (the tokenizer may hand a
    /// character over a byte at a time; such chunks join up); any other is
    /// one unit (a character reference, a line break `\r\n` or `\r`
    /// normalised to `\n`, a NUL read as U+FFFD).
    fn string(&mut self, source: &str, value: &[u8], span: Span, mut chunks: Vec<(Span, Vec<u8>)>) {
        let bytes = source.as_bytes();
        // The `\n` of a `\r\n` is counted into the chunk after the one the
        // tokenizer hands `\n` over in: give it back.
        for i in 1..chunks.len() {
            let (prev, next) = (chunks[i - 1].0, chunks[i].0);
            if chunks[i - 1].1 == b"\n"
                && bytes.get(prev.start) == Some(&b'\r')
                && prev.len() == 1
                && bytes.get(next.start) == Some(&b'\n')
                && chunks[i].1.first() != Some(&b'\n')
                && next.start == prev.end
            {
                chunks[i - 1].0.end += 1;
                chunks[i].0.start += 1;
            }
        }
        // At the end of the input the tokenizer's position stops short of a
        // reference's closing `;`: a reference that the next chunk does not
        // follow directly takes the `;` after it.
        for i in 0..chunks.len() {
            let range = chunks[i].0;
            let next_start = chunks.get(i + 1).map(|c| c.0.start);
            if bytes.get(range.start) == Some(&b'&')
                && bytes.get(range.end) == Some(&b';')
                && range.end > range.start
                && bytes.get(range.end - 1) != Some(&b';')
                && next_start != Some(range.end)
                && bytes.get(range.range()) != Some(&chunks[i].1[..])
            {
                chunks[i].0.end += 1;
            }
        }
        // Runs of verbatim chunks side by side, and units.
        let mut units: Vec<(Span, Vec<u8>, bool)> = Vec::new();
        for (range, read) in chunks {
            let verbatim = bytes.get(range.range()) == Some(&read[..]);
            match units.last_mut() {
                Some((r, v, true)) if verbatim && r.end == range.start => {
                    r.end = range.end;
                    v.extend_from_slice(&read);
                }
                _ => units.push((range, read, verbatim)),
            }
        }
        let covered: usize = units.iter().map(|u| u.1.len()).sum();
        let accounted = covered == value.len()
            && units
                .iter()
                .all(|(range, read, verbatim)| *verbatim || is_unit(&bytes[range.range()], read));
        if !accounted {
            // Not accounted for chunk by chunk (the tokenizer's positions
            // are off at the end of the input): the text is read, but no
            // fix may write any of it.
            for c in String::from_utf8_lossy(value).chars() {
                self.char(c, span.start, 0, false);
            }
            return;
        }
        for (range, read, verbatim) in units {
            let text = std::str::from_utf8(&read).unwrap_or_default();
            let mut offset = 0;
            for c in text.chars() {
                if verbatim {
                    self.char(c, range.start + offset, c.len_utf8(), true);
                } else {
                    self.char(c, range.start, range.len(), false);
                }
                offset += c.len_utf8();
            }
        }
    }

    fn char(&mut self, c: char, src: usize, src_len: usize, verbatim: bool) {
        if self.pre > 0 && c == '\n' {
            self.pending = None;
            self.break_line(src);
            return;
        }
        if self.pre == 0 && matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            let newline = c == '\n' || c == '\r';
            self.whitespace(src, src + src_len, newline, c == ' ' && verbatim);
            return;
        }
        if let Some(ws) = self.pending.take() {
            let cjk_break = ws.newline && self.last.is_some_and(is_wide) && is_wide(c);
            if self.line_has_text && !cjk_break {
                if ws.markup {
                    self.push_virtual(' ', ws.src);
                } else {
                    self.push(' ', ws.src, ws.end - ws.src, ws.plain);
                }
            }
        }
        self.push(c, src, src_len, verbatim);
        self.line_has_text = true;
        self.last = Some(c);
    }

    fn whitespace(&mut self, src: usize, end: usize, newline: bool, plain: bool) {
        self.pending = Some(match self.pending {
            Some(ws) => Pending {
                src: ws.src,
                end: end.max(ws.end),
                newline: ws.newline || newline,
                plain: false,
                markup: ws.markup || ws.closed,
                closed: ws.closed,
            },
            None => Pending {
                src,
                end,
                newline,
                plain,
                markup: false,
                closed: false,
            },
        });
    }

    /// A space the markup makes (a block or line break inside a table cell).
    fn markup_space(&mut self, at: usize) {
        self.whitespace(at, at, false, false);
        if let Some(ws) = &mut self.pending {
            ws.markup = true;
        }
    }

    fn push(&mut self, c: char, src: usize, src_len: usize, verbatim: bool) {
        let text = self.text.len();
        let len = c.len_utf8();
        self.text.push(c);
        if let Some(last) = self.pieces.last_mut() {
            let joins = if verbatim {
                last.verbatim && last.src + last.src_len == src
            } else {
                !last.verbatim && last.src == src && last.src_len == src_len && src_len > 0
            };
            if joins && last.end() == text {
                last.len += len;
                if verbatim {
                    last.src_len += len;
                }
                return;
            }
        }
        self.pieces.push(Piece {
            text,
            len,
            src,
            src_len,
            verbatim,
        });
    }

    /// A character the markup stands for (a line break, a cell separator).
    fn push_virtual(&mut self, c: char, at: usize) {
        self.push(c, at, 0, false);
    }

    /// Ends the current line, if it holds anything, as one block.
    fn break_line(&mut self, at: usize) {
        self.pending = None;
        self.last = None;
        if self.text.len() > self.line_start {
            let kind = match (self.heading, self.tables.last()) {
                (_, Some(t)) if t.cells.is_some() => BlockKind::TableRow {
                    table: t.number,
                    row: t.rows,
                },
                (Some(level), _) => BlockKind::Heading(level),
                _ => BlockKind::Paragraph,
            };
            self.blocks.push(Block {
                span: Span::new(self.line_start, self.text.len()),
                paragraph: self.blocks.len() as u32 + 1,
                kind,
                numbering: 0,
            });
            self.push_virtual('\n', at);
            self.line_start = self.text.len();
        }
        self.line_has_text = false;
        self.heading = None;
    }
}

/// Whether `raw` reading as `read` is one unit the tokenizer makes: a
/// character reference (one or two characters), a line break normalised to
/// `\n`, or a NUL read as U+FFFD.
fn is_unit(raw: &[u8], read: &[u8]) -> bool {
    let Ok(read) = std::str::from_utf8(read) else {
        return false;
    };
    match raw {
        b"\r" | b"\r\n" => read == "\n",
        b"\0" => read == "\u{FFFD}",
        [b'&', rest @ ..] => {
            rest.len() < 40
                && rest
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || b"#;".contains(b))
                && (1..=2).contains(&read.chars().count())
        }
        _ => false,
    }
}

fn is_wide(c: char) -> bool {
    UnicodeWidthChar::width(c) == Some(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        read(html).0.lines().map(str::to_owned).collect()
    }

    #[test]
    fn blocks_are_lines_and_whitespace_collapses() {
        let html = "<html><head><title>标题</title><style>p{}</style></head><body>\
            <h1>甘肃省“十四五”规划</h1>\n<p>  一、发展\n  基础 and\n more </p>\
            <p>第一行<br>第二行</p><!-- 注释 --><script>var a = '<p>x</p>';</script>\
            <ul><li>甲</li><li>乙</li></ul></body></html>";
        assert_eq!(
            lines(html),
            [
                "甘肃省“十四五”规划",
                "一、发展基础 and more",
                "第一行",
                "第二行",
                "甲",
                "乙"
            ]
        );
        let (_, layout, _) = read(html);
        assert_eq!(layout.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(layout.blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(layout.blocks[5].paragraph, 6);
    }

    #[test]
    fn tables_are_rows_of_tab_separated_cells() {
        let html = "<table><tr><th>指标</th><th>2020年</th></tr>\
            <tr><td><p>地区生产总值</p><p>（亿元）</p></td><td>9016.7</td></tr></table><p>后</p>";
        assert_eq!(
            lines(html),
            ["指标\t2020年", "地区生产总值 （亿元）\t9016.7", "后"]
        );
        let (_, layout, _) = read(html);
        assert_eq!(
            layout.blocks[1].kind,
            BlockKind::TableRow { table: 1, row: 2 }
        );
    }

    #[test]
    fn references_read_as_characters_and_map_as_units() {
        let html = "<p>&nbsp;发展&ldquo;基础&rdquo;&amp;推进&#x4E00;&copyx;末</p>";
        let (text, _, markup) = read(html);
        assert_eq!(text, "\u{a0}发展“基础”&推进一©x;末\n");
        // Every verbatim piece is the source's own bytes.
        for p in &markup.pieces {
            if p.verbatim {
                assert_eq!(
                    &text[p.text..p.text + p.len],
                    &markup.source[p.src..p.src + p.src_len]
                );
            }
        }
        let at = text.find("基础").unwrap();
        assert_eq!(&html[markup.source_offset(at)..][..6], "基础");
        let quote = text.find('“').unwrap();
        assert!(html[markup.source_offset(quote)..].starts_with("&ldquo;"));
    }

    #[test]
    fn rewrite_changes_text_and_never_markup() {
        let html = "<p>(此件公开<b>发布)</b>，21 世纪&ldquo;</p>";
        let (text, _, markup) = read(html);
        assert_eq!(text, "(此件公开发布)，21 世纪“\n");
        let open = text.find('(').unwrap();
        let close = text.find(')').unwrap();
        let space = text.find(' ').unwrap();
        let quote = text.find('“').unwrap();
        let edits = [
            (Span::new(open, open + 1), "（"),
            (Span::new(close, close + 1), "）"),
            (Span::new(space, space + 1), ""),
            (Span::new(quote, quote + 3), "<"),
        ];
        let writable: Vec<bool> = edits.iter().map(|(s, _)| markup.can_write(*s)).collect();
        assert_eq!(writable, [true, true, true, true]);
        assert_eq!(
            rewrite(&markup, edits),
            "<p>（此件公开<b>发布）</b>，21世纪&lt;</p>"
        );
        // The line break the markup makes is not text of the source.
        assert!(!markup.can_write(Span::new(quote + 3, quote + 4)));
        // Across the `<b>`: not writable.
        assert!(!markup.can_write(Span::new(close - 9, close - 3)));
        // Across a source line break the page does not show: writable, and
        // the line break goes with the text it stood in.
        let (text2, _, markup2) = read("<p>一九六\n五年</p>");
        assert_eq!(text2, "一九六五年\n");
        assert_eq!(
            rewrite(&markup2, [(Span::new(6, 12), "六六")]),
            "<p>一九六六年</p>"
        );
        // Next to one, it goes with the edit too: `1` is not wide, and the
        // line break would show as a space after it.
        let (text3, _, markup3) = read("<p>年\n１９\n年</p>");
        assert_eq!(text3, "年１９年\n");
        assert_eq!(
            rewrite(&markup3, [(Span::new(3, 9), "19")]),
            "<p>年19年</p>"
        );
        // An insertion inside or at the edge of text is.
        assert!(markup.can_write(Span::new(open, open)));
        assert_eq!(
            rewrite(&markup, [(Span::new(close + 1, close + 1), "&")]),
            "<p>(此件公开<b>发布)</b>&amp;，21 世纪&ldquo;</p>"
        );
    }

    #[test]
    fn hard_wrapped_chinese_joins_and_latin_keeps_a_space() {
        assert_eq!(
            lines("<p>推进\n新型城镇化\r\nand\nmore 中 文</p>"),
            ["推进新型城镇化 and more 中 文"]
        );
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<HTML><body>"));
        assert!(!looks_like_html("一、总体要求<p>".as_bytes()));
    }

    /// The source of every tag of a page, in order.
    fn tags(page: &str) -> Vec<String> {
        let mut emitter = DefaultEmitter::new_with_span();
        emitter.naively_switch_states(true);
        Tokenizer::new_with_emitter(page, emitter)
            .filter_map(|t| match t {
                Ok(Token::StartTag(t)) => Some(page[t.span.start..t.span.end].to_owned()),
                Ok(Token::EndTag(t)) => Some(page[t.span.start..t.span.end].to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Pieces of markup and text a page is made of.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[一二三发展规划，。“”（）0-9a-z ]{0,12}",
            Just("<p>".to_owned()),
            Just("</p>".to_owned()),
            Just("<br>".to_owned()),
            Just("<b>".to_owned()),
            Just("</b>".to_owned()),
            Just("<h2>".to_owned()),
            Just("</h2>".to_owned()),
            Just("<table><tr><td>".to_owned()),
            Just("</td><td>".to_owned()),
            Just("</tr></table>".to_owned()),
            Just("<script>a<b</script>".to_owned()),
            Just("<!-- x -->".to_owned()),
            Just("&ldquo;".to_owned()),
            Just("&amp;".to_owned()),
            Just("&#x4E00;".to_owned()),
            Just("&copyx;".to_owned()),
            Just("&#;".to_owned()),
            Just("&".to_owned()),
            Just("\r\n".to_owned()),
            Just("\n  ".to_owned()),
            Just("<".to_owned()),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_page_reads_with_every_piece_in_place(
            parts in proptest::collection::vec(piece(), 0..40),
            cut in 0usize..200,
        ) {
            let page: String = parts.concat();
            let (text, layout, markup) = read(&page);
            // The pieces cover the text, in order, and verbatim ones are
            // the source's own bytes.
            let mut at = 0;
            for p in &markup.pieces {
                proptest::prop_assert_eq!(p.text, at);
                at = p.end();
                if p.verbatim {
                    proptest::prop_assert_eq!(
                        &text[p.text..p.end()],
                        &page[p.src..p.src + p.src_len]
                    );
                }
            }
            proptest::prop_assert_eq!(at, text.len());
            for b in &layout.blocks {
                proptest::prop_assert!(!text[b.span.range()].contains('\n'));
            }
            // Deleting any writable character leaves every tag in place.
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            if let Some(&a) = starts.get(cut % (starts.len() + 1)) {
                let b = a + text[a..].chars().next().unwrap().len_utf8();
                let span = Span::new(a, b);
                if markup.can_write(span) {
                    let out = rewrite(&markup, [(span, "")]);
                    proptest::prop_assert_eq!(tags(&out), tags(&page));
                    let (new_text, _, _) = read(&out);
                    let mut want = text.clone();
                    want.replace_range(a..b, "");
                    // Whitespace may collapse anew around the deletion.
                    let squash = |s: &str| s.split_whitespace().collect::<String>();
                    proptest::prop_assert_eq!(squash(&new_text), squash(&want));
                }
            }
        }
    }
}
