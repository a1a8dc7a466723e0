//! The document model: plans, outline, paragraphs (re-joined across page
//! breaks), sentences, 专栏 boxes, 图 figures and table rows. Every node is a
//! byte span into the original text.
//!
//! Built in one linear pass over the lines of a source file. Nothing here
//! reads numbers or words beyond what the structure needs.

pub mod outline;
pub mod paragraph;

use crate::cjk::{is_space, trim_space};
use crate::source::{SourceFile, Span};

pub use outline::{Caption, Division, Group, Heading, Level, MarkerStyle};
pub use paragraph::{JoinedText, Paragraph, Sentence};

/// One plan in a file, or the notice that issues plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub kind: PlanKind,
    /// The title line that starts it; `None` for front matter or a file with
    /// no recognisable title.
    pub title: Option<Span>,
    /// From its first byte to the start of the next plan.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanKind {
    /// Text before the first plan title: the notice that issues the plans.
    FrontMatter,
    Plan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaptionKind {
    /// 专栏 N
    Box,
    /// 图 N
    Figure,
    /// 表 N
    Table,
}

impl CaptionKind {
    pub fn word(self) -> &'static str {
        match self {
            CaptionKind::Box => "专栏",
            CaptionKind::Figure => "图",
            CaptionKind::Table => "表",
        }
    }
}

/// A tab-separated row, as plain-text exports of Word tables give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub plan: usize,
    /// Rows separated only by blank lines belong to one table, numbered in
    /// document order.
    pub table: usize,
    pub span: Span,
    /// Each cell trimmed of white space; an empty cell is an empty span where it stands.
    pub cells: Vec<Span>,
}

/// A table of contents (目录): the heading lines listed under it before the
/// body starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub plan: usize,
    /// The 目录 line.
    pub label: Span,
    pub entries: Vec<ContentsEntry>,
}

/// One numbered line of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentsEntry {
    pub level: Level,
    pub number: u32,
    pub style: MarkerStyle,
    pub marker: Span,
    /// The title without leader dots and page number (may be empty).
    pub title: Span,
}

impl ContentsEntry {
    pub fn span(&self) -> Span {
        Span::new(self.marker.start, self.title.end.max(self.marker.end))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub plans: Vec<Plan>,
    pub headings: Vec<Heading>,
    /// Numbering groups of the headings (`Heading::group`), in order of
    /// their first heading.
    pub groups: Vec<Group>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub boxes: Vec<Caption>,
    pub figures: Vec<Caption>,
    pub tables: Vec<Caption>,
    pub table_rows: Vec<TableRow>,
    /// Tables of contents, in document order.
    pub contents: Vec<Contents>,
}

impl Document {
    pub fn captions(&self, kind: CaptionKind) -> &[Caption] {
        match kind {
            CaptionKind::Box => &self.boxes,
            CaptionKind::Figure => &self.figures,
            CaptionKind::Table => &self.tables,
        }
    }

    /// Index ranges of `items` (in document order) belonging to each plan:
    /// `ranges[plan]`. One pass; for rules that work plan by plan.
    pub fn by_plan<T>(
        &self,
        items: &[T],
        plan_of: impl Fn(&T) -> usize,
    ) -> Vec<std::ops::Range<usize>> {
        let mut ranges = vec![0..0; self.plans.len()];
        let mut start = 0;
        while start < items.len() {
            let plan = plan_of(&items[start]);
            let len = items[start..]
                .iter()
                .take_while(|x| plan_of(x) == plan)
                .count();
            if let Some(r) = ranges.get_mut(plan) {
                *r = start..start + len;
            }
            start += len;
        }
        ranges
    }

    pub fn parse(source: &SourceFile) -> Document {
        Builder::new(source).build()
    }
}

/// Words a plan title ends with. A title line starts a new plan.
const PLAN_TITLE_ENDINGS: &[&str] = &[
    "规划",
    "纲要",
    "规划纲要",
    "实施方案",
    "行动方案",
    "行动计划",
];
/// Punctuation that never stands in a plan title line.
const NOT_IN_TITLE: &[char] = &['。', '，', '；', '：', '、', '《', '》', '？', '！', '\t'];
/// Titles are short; a long line ending in 规划 is prose.
const MAX_TITLE_CHARS: usize = 40;
/// Lines a heading split inside 《…》 may run over.
const MAX_HEADING_LINES: usize = 3;
/// Words the title of an issuing document ends with (GB/T 9704 文种). Such a
/// line stands alone; it does not start a plan.
const DOCUMENT_TITLE_ENDINGS: &[&str] = &[
    "通知", "决定", "意见", "批复", "公告", "通告", "通报", "报告", "办法", "的函",
];
/// Punctuation that never stands in a document title (《》 may: 关于印发《…》的通知).
const NOT_IN_DOCUMENT_TITLE: &[char] = &['。', '，', '；', '：', '？', '！', '\t'];
const MAX_DOCUMENT_TITLE_CHARS: usize = 80;

/// What a stretch of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Blank,
    /// Structural lines that never join with prose: titles, headings,
    /// captions, table rows.
    Structure,
    /// Running text.
    Body(Span),
}

struct Builder<'a> {
    src: &'a SourceFile,
    doc: Document,
    /// Body fragments waiting to be closed into a paragraph.
    open: Vec<Span>,
    /// Brackets and 书名号 opened and not yet closed in the open paragraph:
    /// a paragraph cannot end inside 《…》 or （…）.
    open_marks: i64,
    /// Quotation marks (“” ‘’ 「」 『』) opened and not closed in the open
    /// paragraph: while one is open, a line that does not end a sentence
    /// continues it (scraped text puts a quoted name on a line of its own).
    open_quotes: i64,
    /// A heading whose line ended inside 《…》 or （…）: the next lines
    /// belong to its title until the mark closes (at most a few lines).
    heading_open: Option<(usize, usize)>,
    /// Whether the last non-blank line was a table row (the next row
    /// continues its table).
    in_table: bool,
    /// A table of contents is open: heading lines are its entries until the
    /// body starts (prose, or the first entry's heading again).
    in_contents: bool,
    /// The source is Markdown: `#` lines are headings.
    markdown: bool,
    tables: usize,
}

impl<'a> Builder<'a> {
    fn new(src: &'a SourceFile) -> Self {
        Builder {
            src,
            doc: Document::default(),
            open: Vec::new(),
            open_marks: 0,
            open_quotes: 0,
            heading_open: None,
            in_table: false,
            in_contents: false,
            markdown: src.is_markdown(),
            tables: 0,
        }
    }

    fn build(mut self) -> Document {
        let text = &self.src.text;
        let lines = &self.src.lines;
        self.doc.plans.push(Plan {
            kind: PlanKind::FrontMatter,
            title: None,
            span: Span::new(0, text.len()),
        });
        for line in 0..lines.line_count() {
            let span = lines.line_span(text, line);
            let rows_before = self.doc.table_rows.len();
            let piece = self.classify(span);
            let is_row = self.doc.table_rows.len() > rows_before;
            if piece != Piece::Blank {
                self.in_table = is_row;
            }
            match piece {
                Piece::Blank => {}
                Piece::Structure => self.close_paragraph(),
                Piece::Body(body) => {
                    if !self.open_continues() {
                        self.close_paragraph();
                    }
                    let fragment = &self.src.text[body.range()];
                    self.open_marks += paragraph::bracket_balance(fragment);
                    self.open_quotes += paragraph::quote_balance(fragment);
                    self.open.push(body);
                }
            }
        }
        self.close_paragraph();
        self.finish_plans();
        let ranges = self.doc.by_plan(&self.doc.headings, |h| h.plan);
        for (plan, range) in ranges.into_iter().enumerate() {
            let boxes: Vec<usize> = self
                .doc
                .boxes
                .iter()
                .filter(|b| b.plan == plan)
                .map(|b| b.label.start)
                .collect();
            outline::assign_groups(
                &mut self.doc.headings[range],
                plan,
                &self.src.text,
                &boxes,
                &mut self.doc.groups,
            );
        }
        self.doc
    }

    /// Whether the open paragraph stops mid-sentence, so the next body text
    /// continues it (a page break or hard wrap split it).
    fn open_continues(&self) -> bool {
        let Some(&last) = self.open.last() else {
            return false;
        };
        let fragment = &self.src.text[last.range()];
        self.open_marks > 0
            || paragraph::ends_with_opening(fragment)
            || (self.open_quotes > 0 && !paragraph::ends_sentence(fragment))
            || paragraph::ends_mid_sentence(fragment)
    }

    fn close_paragraph(&mut self) {
        if self.open.is_empty() {
            return;
        }
        let parts = std::mem::take(&mut self.open);
        self.open_marks = 0;
        self.open_quotes = 0;
        let plan = self.current_plan();
        let para = Paragraph { plan, parts };
        let joined = para.joined(&self.src.text);
        for span in paragraph::split_sentences(&joined) {
            self.doc.sentences.push(Sentence {
                plan,
                paragraph: self.doc.paragraphs.len(),
                span,
            });
        }
        self.doc.paragraphs.push(para);
    }

    fn current_plan(&self) -> usize {
        self.doc.plans.len() - 1
    }

    fn classify(&mut self, line: Span) -> Piece {
        let raw = &self.src.text[line.range()];
        let (lead, trimmed) = trim_space(raw);
        if trimmed.is_empty() {
            return Piece::Blank;
        }
        let start = line.start + lead;
        let mut span = Span::new(start, start + trimmed.len());
        let mut trimmed = trimmed;
        // Markdown: a `#` line is a heading whatever it holds; the text
        // after the hashes is read like a heading line of plain text.
        let markdown_heading = self.markdown && {
            match markdown_heading_text(trimmed) {
                Some((from, to)) => {
                    span = Span::new(span.start + from, span.start + to);
                    trimmed = &trimmed[from..to];
                    true
                }
                None => false,
            }
        };
        if self.markdown && is_markdown_block_line(trimmed) && !markdown_heading {
            return Piece::Structure;
        }
        if let Some((h, lines)) = self.heading_open.take() {
            // 三、关于《 / 国民经济…纲要（草案） / 》的说明: one heading.
            let heading = &mut self.doc.headings[h];
            heading.title.end = span.end;
            let title = &self.src.text[heading.title.range()];
            if paragraph::bracket_balance(title) > 0 && lines < MAX_HEADING_LINES {
                self.heading_open = Some((h, lines + 1));
            }
            return Piece::Structure;
        }

        // A title cannot stand inside an open 《》, （） or quotation: a
        // scraped 《…规划》 or 「…公告」 split over lines is part of its
        // paragraph.
        // …分别就 / “十三五”规划 / 、全面从严治党…: a line inside a sentence
        // that the paragraph before has not finished is part of it.
        let inside_marks = self.open.last().is_some_and(|&last| {
            let fragment = &self.src.text[last.range()];
            self.open_marks > 0
                || paragraph::ends_with_opening(fragment)
                || (self.open_quotes > 0 && !paragraph::ends_sentence(fragment))
                || (paragraph::ends_mid_sentence(fragment) && !fragment.ends_with(['：', ':']))
        });
        if self.in_contents {
            // A Markdown contents is a list: - 第一章 发展环境
            let (span, trimmed) = match trimmed.strip_prefix(['-', '*', '+']) {
                Some(item) if self.markdown && item.starts_with(is_space) => {
                    let (lead, item) = trim_space(item);
                    let at = span.end - item.len();
                    debug_assert!(lead > 0);
                    (Span::new(at, span.end), item)
                }
                _ => (span, trimmed),
            };
            if self.contents_entry(span, trimmed) {
                return Piece::Structure;
            }
            self.in_contents = false;
        }
        if is_contents_label(trimmed) {
            self.close_paragraph();
            self.doc.contents.push(Contents {
                plan: self.current_plan(),
                label: span,
                entries: Vec::new(),
            });
            self.in_contents = true;
            return Piece::Structure;
        }
        if is_plan_title(trimmed) && !inside_marks {
            self.close_paragraph();
            self.start_plan(span);
            return Piece::Structure;
        }
        if is_document_title(trimmed) && !inside_marks {
            return Piece::Structure;
        }
        if let Some(piece) = self.heading(span, trimmed) {
            return piece;
        }
        for kind in [CaptionKind::Box, CaptionKind::Figure, CaptionKind::Table] {
            if self.caption(kind, span, trimmed) {
                return Piece::Structure;
            }
        }
        if markdown_heading || self.styled_heading(line.start) {
            // An unnumbered heading (## 发展环境, or a paragraph Word styles
            // as a heading): no prose, no table row.
            return Piece::Structure;
        }
        if trimmed.contains('\t') {
            // Cells are read from the line's start, so an empty first cell
            // (a row that continues the group above it) keeps its place.
            let row_text = raw.trim_end_matches(is_space);
            let lead_spaces = row_text.len()
                - row_text
                    .trim_start_matches(|c: char| c != '\t' && is_space(c))
                    .len();
            self.table_row(
                Span::new(line.start + lead_spaces, line.start + row_text.len()),
                &row_text[lead_spaces..],
            );
            return Piece::Structure;
        }
        Piece::Body(span)
    }

    /// Whether the line at `offset` is a paragraph a Word document styles as
    /// a heading (标题 1, or an outline level).
    fn styled_heading(&self, offset: usize) -> bool {
        self.src
            .block_at(offset)
            .is_some_and(|b| matches!(b.kind, crate::source::docx::BlockKind::Heading(_)))
    }

    fn start_plan(&mut self, title: Span) {
        // Front matter that holds nothing is dropped: the file starts with the plan.
        let front_is_empty = self.doc.plans.len() == 1
            && self.doc.headings.is_empty()
            && self.doc.paragraphs.is_empty()
            && self.doc.table_rows.is_empty()
            && self.doc.boxes.is_empty()
            && self.doc.figures.is_empty()
            && self.doc.tables.is_empty();
        if front_is_empty {
            self.doc.plans.clear();
        }
        self.doc.plans.push(Plan {
            kind: PlanKind::Plan,
            title: Some(title),
            span: Span::new(title.start, self.src.text.len()),
        });
    }

    fn finish_plans(&mut self) {
        let len = self.src.text.len();
        let n = self.doc.plans.len();
        for i in 0..n {
            let end = if i + 1 < n {
                self.doc.plans[i + 1].span.start
            } else {
                len
            };
            self.doc.plans[i].span.end = end;
        }
        // A file with no title is one plan, not front matter.
        if n == 1 && self.doc.plans[0].kind == PlanKind::FrontMatter {
            self.doc.plans[0].kind = PlanKind::Plan;
        }
    }

    /// Reads a line of an open table of contents; `false` when the line
    /// ends it (prose, a plan title, or the body's first heading).
    fn contents_entry(&mut self, span: Span, trimmed: &str) -> bool {
        let Some(contents) = self.doc.contents.last_mut() else {
            return false;
        };
        let Some((style, number, marker_len)) = outline::parse_marker(trimmed) else {
            // Unnumbered entries (序言, 附件, 结束语) are short and no sentence.
            return !contents.entries.is_empty()
                && trimmed.chars().count() <= 20
                && !trimmed.contains(['。', '，', '；', '：'])
                && !is_plan_title(trimmed);
        };
        if contents
            .entries
            .first()
            .is_some_and(|first| first.style == style && first.number == number)
        {
            return false; // the body starts
        }
        let (title_at, title) = trim_space(&trimmed[marker_len..]);
        let title = trim_page_number(title);
        let start = span.start + marker_len + title_at;
        contents.entries.push(ContentsEntry {
            level: style.level(),
            number,
            style,
            marker: Span::new(span.start, span.start + marker_len),
            title: Span::new(start, start + title.len()),
        });
        true
    }

    fn heading(&mut self, span: Span, trimmed: &str) -> Option<Piece> {
        let (style, number, marker_len) = outline::parse_marker(trimmed)?;
        let rest_at = marker_len
            + (trimmed[marker_len..].len()
                - trimmed[marker_len..].trim_start_matches(is_space).len());
        let rest = &trimmed[rest_at..];
        // A bare marker is no heading, except an ordinal whose title is on
        // the next line (第一章 / 总则).
        if rest.is_empty() && !style.is_ordinal() {
            return None;
        }
        // The title runs to the first sentence end; text after it on the same
        // line is a paragraph (GB/T 9704 run-in headings: （一）发展基础。区位…).
        let title_len = paragraph::first_sentence_len(rest);
        let title = Span::new(span.start + rest_at, span.start + rest_at + title_len);
        self.close_paragraph();
        self.doc.headings.push(Heading {
            plan: self.current_plan(),
            level: style.level(),
            number,
            style,
            marker: Span::new(span.start, span.start + marker_len),
            title,
            group: 0,
        });
        let (lead, body) = trim_space(&self.src.text[title.end..span.end]);
        if body.is_empty() && paragraph::ends_with_opening(&self.src.text[title.range()]) {
            self.heading_open = Some((self.doc.headings.len() - 1, 1));
        }
        if body.is_empty() {
            Some(Piece::Structure)
        } else {
            let start = title.end + lead;
            Some(Piece::Body(Span::new(start, start + body.len())))
        }
    }

    fn caption(&mut self, kind: CaptionKind, span: Span, trimmed: &str) -> bool {
        let Some((number, label_len)) = outline::parse_caption_label(trimmed, kind.word()) else {
            return false;
        };
        let rest = &trimmed[label_len..];
        // A caption is a short line that is not a sentence.
        if rest.contains('。') || rest.chars().count() > 60 {
            return false;
        }
        let (lead, title) = trim_space(rest);
        let title_start = span.start + label_len + lead;
        let caption = Caption {
            plan: self.current_plan(),
            number,
            label: Span::new(span.start, span.start + label_len),
            title: Span::new(title_start, title_start + title.len()),
        };
        self.close_paragraph();
        match kind {
            CaptionKind::Box => self.doc.boxes.push(caption),
            CaptionKind::Figure => self.doc.figures.push(caption),
            CaptionKind::Table => self.doc.tables.push(caption),
        }
        true
    }

    fn table_row(&mut self, span: Span, row: &str) {
        let mut cells = Vec::new();
        let mut at = 0;
        for cell in row.split('\t') {
            let (lead, t) = trim_space(cell);
            let start = span.start + at + lead;
            cells.push(Span::new(start, start + t.len()));
            at += cell.len() + 1;
        }
        self.close_paragraph();
        if !self.in_table {
            self.tables += 1;
        }
        self.doc.table_rows.push(TableRow {
            plan: self.current_plan(),
            table: self.tables - 1,
            span,
            cells,
        });
    }
}

/// Where the text of a Markdown ATX heading (`#` to `######`, a space, the
/// text) starts in `line`.
fn markdown_heading_text(line: &str) -> Option<(usize, usize)> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    let text = rest.trim_start_matches(is_space);
    if text.len() == rest.len() || text.is_empty() {
        return None;
    }
    // A closing run of hashes (## 标题 ##) is not part of the text.
    let closed = text.trim_end_matches('#');
    let end = if closed.len() < text.len() && closed.ends_with(is_space) {
        closed.trim_end_matches(is_space).len()
    } else {
        text.len()
    };
    let start = line.len() - text.len();
    Some((start, start + end))
}

/// Markdown lines that are no text: rules (---), fences (```), table
/// separators (|---|).
fn is_markdown_block_line(line: &str) -> bool {
    let t = line.trim_end();
    (t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')))
        || t.starts_with("```")
        || (t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')))
}

/// 目录, 目 录: the label of a table of contents.
fn is_contents_label(line: &str) -> bool {
    let mut chars = line.chars().filter(|&c| !is_space(c));
    chars.next() == Some('目') && chars.next() == Some('录') && chars.next().is_none()
}

/// A contents line's title without its page number and leader dots:
/// 发展环境……3, 发展环境\t3, 发展环境 ·········· 12.
fn trim_page_number(title: &str) -> &str {
    let is_leader = |c: char| matches!(c, '…' | '.' | '·' | '．' | '⋯') || is_space(c);
    let without_page = title.trim_end_matches(|c: char| c.is_ascii_digit());
    // A page number stands after leader dots or a space, not inside a word.
    let base = if without_page.len() < title.len() && without_page.ends_with(is_leader) {
        without_page
    } else {
        title
    };
    base.trim_end_matches(is_leader)
}

fn is_document_title(line: &str) -> bool {
    DOCUMENT_TITLE_ENDINGS.iter().any(|e| line.ends_with(e))
        && !line.contains(NOT_IN_DOCUMENT_TITLE)
        && line.chars().count() <= MAX_DOCUMENT_TITLE_CHARS
        && outline::parse_marker(line).is_none()
}

fn is_plan_title(line: &str) -> bool {
    PLAN_TITLE_ENDINGS.iter().any(|e| line.ends_with(e))
        && !line.contains(NOT_IN_TITLE)
        && line.chars().count() <= MAX_TITLE_CHARS
        && outline::parse_marker(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (SourceFile, Document) {
        let src = SourceFile::from_text("t.txt", text);
        let doc = Document::parse(&src);
        (src, doc)
    }

    #[test]
    fn plan_titles_split_a_bundle() {
        let (src, d) = doc("关于印发规划的通知\n\n正文。\n\n“十四五”甲发展规划\n\n一、背景\n\n乙区域发展规划\n\n一、背景\n");
        assert_eq!(d.plans.len(), 3);
        assert_eq!(d.plans[0].kind, PlanKind::FrontMatter);
        assert_eq!(src.slice(d.plans[1].title.unwrap()), "“十四五”甲发展规划");
        assert_eq!(
            d.headings.iter().map(|h| h.plan).collect::<Vec<_>>(),
            [1, 2]
        );
    }

    #[test]
    fn a_file_that_starts_with_its_title_has_no_front_matter() {
        let (_, d) = doc("\n“十四五”甲发展规划\n\n一、背景\n");
        assert_eq!(d.plans.len(), 1);
        assert_eq!(d.plans[0].kind, PlanKind::Plan);
    }

    #[test]
    fn page_breaks_are_rejoined() {
        let text = "推动形成“一核牵引、两极并进、四\n\n \n带联动”的新格局。\n\n下一段。\n";
        let (src, d) = doc(text);
        assert_eq!(d.paragraphs.len(), 2);
        let joined = d.paragraphs[0].joined(&src.text);
        assert_eq!(
            joined.text(),
            "推动形成“一核牵引、两极并进、四带联动”的新格局。"
        );
        // A span found in the joined text maps back across the break.
        let at = joined.text().find("四带").unwrap();
        let span = joined.span(at, at + "四带".len());
        assert_eq!(src.slice(span), "四\n\n \n带");
    }

    #[test]
    fn a_notice_title_stands_alone() {
        let (_, d) = doc("甘肃省人民政府办公厅关于印发 《“十四五”兰州经济圈发展规划》 等3项省级区域规划的通知\n\n各市、自治州人民政府：\n");
        assert_eq!(d.paragraphs.len(), 1);
        assert_eq!(d.plans.len(), 1);
    }

    #[test]
    fn an_open_title_mark_joins_short_lines() {
        let (src, d) =
            doc("依据《\n中华人民共和国著作权法\n》第五条，本作品不适用于该法。\n\n下一段\n");
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(
            d.paragraphs[0].joined(&src.text).text(),
            "依据《中华人民共和国著作权法》第五条，本作品不适用于该法。"
        );
    }

    #[test]
    fn short_lines_without_punctuation_do_not_join() {
        let (_, d) = doc("甘肃省人民政府办公厅\n\n2021年10月10日\n");
        assert_eq!(d.paragraphs.len(), 2);
    }

    #[test]
    fn run_in_heading_keeps_its_paragraph() {
        let (src, d) = doc("（一）发展基础。区位优势明显。\n");
        assert_eq!(d.headings.len(), 1);
        assert_eq!(src.slice(d.headings[0].title), "发展基础。");
        assert_eq!(d.paragraphs.len(), 1);
        assert_eq!(src.slice(d.paragraphs[0].span()), "区位优势明显。");
    }

    #[test]
    fn captions_and_table_rows() {
        let (src, d) = doc("专栏 1 “一核”定位与布局\n\n图2 交通示意图\n\n等级\t数量\t城 镇\n中等城市\t3\t平凉市区、庆阳市区\n\t5—10\t13\n");
        let last: Vec<&str> = d.table_rows[2]
            .cells
            .iter()
            .map(|&c| src.slice(c))
            .collect();
        assert_eq!(last, ["", "5—10", "13"]);
        assert_eq!(d.boxes.len(), 1);
        assert_eq!(src.slice(d.boxes[0].label), "专栏 1");
        assert_eq!(src.slice(d.boxes[0].title), "“一核”定位与布局");
        assert_eq!(d.figures[0].number, 2);
        assert_eq!(d.table_rows.len(), 3);
        assert!(d.table_rows.iter().all(|r| r.table == 0));
        let cells: Vec<&str> = d.table_rows[1]
            .cells
            .iter()
            .map(|&c| src.slice(c))
            .collect();
        assert_eq!(cells, ["中等城市", "3", "平凉市区、庆阳市区"]);
        assert!(d.paragraphs.is_empty());
    }

    #[test]
    fn crlf_and_cr_line_endings() {
        for nl in ["\r\n", "\r"] {
            let text = format!("一、背景{nl}{nl}第一句，没有完{nl}{nl}结的一句。{nl}");
            let (src, d) = doc(&text);
            assert_eq!(d.headings.len(), 1, "{nl:?}");
            assert_eq!(d.paragraphs.len(), 1, "{nl:?}");
            assert_eq!(
                d.paragraphs[0].joined(&src.text).text(),
                "第一句，没有完结的一句。"
            );
        }
    }
}
