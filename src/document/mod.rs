//! The document model: plans, outline, paragraphs (re-joined across page
//! breaks), sentences, 专栏 boxes, 图 figures and table rows. Every node is a
//! byte span into the original text.
//!
//! Built in one linear pass over the lines of a source file. Nothing here
//! reads numbers or words beyond what the structure needs.

mod layout;
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

/// A contents list: 目录, or a list of boxes, tables or figures (专栏目录,
/// 图表目录), grouped or not: the lines listed under its label before the
/// body starts. Its numbered lines are entries, not headings or captions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub plan: usize,
    /// The 目录 line.
    pub label: Span,
    /// Whether it lists the outline (its label is 目录 itself): only such a
    /// list is held to the body's headings.
    pub outline: bool,
    /// Its numbered outline lines (第一章…, 一、…); captions and unnumbered
    /// lines (前言, 重大工程专栏) are read as entries but not kept.
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

/// What a part of a plan is: each part has a numbering of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// The plan's outline: 篇/章/节, 一、（一）1.（1）, and the items of its
    /// 专栏 boxes.
    Body,
    /// A table, with tab-separated rows or flattened one cell a line, or a
    /// list set in columns (1. 4. 2. 5. 3. 6.): its numbers are cells, in
    /// the order the cells were read.
    Table,
    /// Notes under a table or a passage (注：1．… 2．…).
    Notes,
    /// An appendix, glossary or annex (附录, 名词解释, 附件, 附表): its
    /// numbering starts afresh.
    Appendix,
}

/// A part of a plan with a numbering of its own (see [`PartKind`]). The
/// plan's body is one part however often tables and notes interrupt it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub plan: usize,
    /// Where it starts: its label line, or its first numbered line.
    pub start: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub plans: Vec<Plan>,
    /// The parts of the plans (`Heading::part`), in order of their start.
    pub parts: Vec<Part>,
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
    /// The first line of the open contents list, without spaces, leaders
    /// and page number: the body starts where it is written again.
    contents_first: Option<String>,
    /// The open contents list has listed only captions and unnumbered
    /// lines so far (专栏目录): an outline heading ends it.
    contents_captions_only: bool,
    /// The source is Markdown: `#` lines are headings.
    markdown: bool,
    tables: usize,
    /// Lines that are page layout, not text: page numbers (— 1 —) and the
    /// running heads beside them.
    layout: Vec<bool>,
    /// The part the plan's numbered lines belong to when no table or notes
    /// are open: its body, or the appendix it has reached.
    home_part: usize,
    /// The part numbered lines belong to now.
    part: usize,
    /// A table flattened one cell a line is open (after a 表 caption, a
    /// table title or a header row): numbered cells are the table's.
    flat_table: bool,
    /// Notes are open (注：1．…), numbered in this style.
    notes: Option<MarkerStyle>,
    /// A 注： line with nothing after it: notes start if a numbered line
    /// follows.
    notes_label: bool,
    /// A heading whose title the contents gives longer: the rest, without
    /// spaces, is expected on the next lines (a PDF wraps long headings).
    heading_wrap: Option<(usize, String)>,
    /// An appendix label that is itself a heading (二、有关名词解释): the
    /// appendix starts after it.
    pending_appendix: bool,
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
            contents_first: None,
            contents_captions_only: false,
            markdown: src.is_markdown(),
            tables: 0,
            layout: Vec::new(),
            home_part: 0,
            part: 0,
            flat_table: false,
            notes: None,
            notes_label: false,
            heading_wrap: None,
            pending_appendix: false,
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
        self.start_part(PartKind::Body, 0);
        self.layout = layout::layout_lines(text, lines);
        for line in 0..lines.line_count() {
            let span = lines.line_span(text, line);
            if self.layout[line] {
                // Page layout: the paragraph around it goes on.
                continue;
            }
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
        layout::columns_to_tables(&mut self.doc, &self.src.text);
        let ranges = self.doc.by_plan(&self.doc.headings, |h| h.plan);
        for (plan, range) in ranges.into_iter().enumerate() {
            let boxes: Vec<usize> = self
                .doc
                .boxes
                .iter()
                .filter(|b| b.plan == plan)
                .map(|b| b.label.start)
                .collect();
            // Each part numbers on its own: the body (with its boxes) and
            // each appendix as an outline, each table and each set of notes
            // as a flat list.
            let headings = &mut self.doc.headings[range];
            let mut parts: Vec<usize> = headings.iter().map(|h| h.part).collect();
            parts.sort_unstable();
            parts.dedup();
            for part in parts {
                let kind = self.doc.parts[part].kind;
                let members = headings.iter_mut().filter(|h| h.part == part);
                match kind {
                    PartKind::Body | PartKind::Appendix => outline::assign_groups(
                        members,
                        plan,
                        &self.src.text,
                        &boxes,
                        &mut self.doc.groups,
                    ),
                    PartKind::Table | PartKind::Notes => {
                        outline::assign_flat_groups(members, plan, &mut self.doc.groups)
                    }
                }
            }
        }
        self.doc
    }

    fn start_part(&mut self, kind: PartKind, start: usize) {
        self.doc.parts.push(Part {
            kind,
            plan: self.current_plan(),
            start,
        });
        self.part = self.doc.parts.len() - 1;
        if matches!(kind, PartKind::Body | PartKind::Appendix) {
            self.home_part = self.part;
        }
    }

    /// Closes an open table or notes: numbered lines are the body's (or
    /// the appendix's) again.
    fn end_inner_part(&mut self) {
        self.flat_table = false;
        self.notes = None;
        self.notes_label = false;
        self.part = self.home_part;
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
        if let Some((h, rest)) = self.heading_wrap.take() {
            // 第一篇 锚定发展目标 / 奋力谱写…篇章: the contents gives the
            // title whole, the page wrapped it.
            let line_text = without_spaces(trimmed);
            if let Some(left) = rest.strip_prefix(line_text.as_str()) {
                self.doc.headings[h].title.end = span.end;
                if !left.is_empty() {
                    self.heading_wrap = Some((h, left.to_owned()));
                }
                return Piece::Structure;
            }
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
            self.contents_first = None;
        }
        if let Some(outline) = contents_label(trimmed) {
            self.close_paragraph();
            self.end_inner_part();
            self.doc.contents.push(Contents {
                plan: self.current_plan(),
                label: span,
                outline,
                entries: Vec::new(),
            });
            self.in_contents = true;
            self.contents_captions_only = true;
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
        let tabs = trimmed.matches('\t').count();
        if tabs > 0 && (self.in_table || tabs >= 2) {
            // A row of a table: its first cell may be a number (1.⇥地区生产
            // 总值⇥…), which is the table's, not a heading.
            return self.row(line, raw);
        }
        let opened = self.track_parts(span, trimmed, inside_marks);
        let cells = if self.flat_table && !opened {
            spaced_cells(trimmed)
        } else {
            Vec::new()
        };
        if cells.len() >= 2 {
            // A row a PDF flattened with spaces between its cells:
            // 2 每万人口高价值发明专利拥有量(件) 180.7 240左右 预期性.
            let cells = cells
                .into_iter()
                .map(|(a, b)| Span::new(span.start + a, span.start + b))
                .collect();
            self.push_row(span, cells);
            return Piece::Structure;
        }
        if let Some(piece) = self.notes_line(span, trimmed) {
            return piece;
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
        if tabs > 0 {
            return self.row(line, raw);
        }
        Piece::Body(span)
    }

    /// A tab-separated table row. Cells are read from the line's start, so
    /// an empty first cell (a row that continues the group above it) keeps
    /// its place.
    fn row(&mut self, line: Span, raw: &str) -> Piece {
        let row_text = raw.trim_end_matches(is_space);
        let lead_spaces = row_text.len()
            - row_text
                .trim_start_matches(|c: char| c != '\t' && is_space(c))
                .len();
        self.table_row(
            Span::new(line.start + lead_spaces, line.start + row_text.len()),
            &row_text[lead_spaces..],
        );
        Piece::Structure
    }

    /// Opens and closes the parts that number on their own, at the line
    /// `trimmed` (not a table row, not a contents line): an appendix at its
    /// label, a flattened table at its title, caption or header row (it
    /// ends at the first line of prose), and notes (their lines are read by
    /// `notes_line`).
    ///
    /// Returns whether the line opened a table (its title, caption or
    /// header row, which is no row of cells to read).
    fn track_parts(&mut self, span: Span, trimmed: &str, inside_marks: bool) -> bool {
        if inside_marks {
            return false;
        }
        let marker = outline::parse_marker(trimmed);
        if is_appendix_label(trimmed, marker.map(|m| m.2)) {
            self.close_paragraph();
            self.end_inner_part();
            // A numbered label (二、有关名词解释) is a heading of the part
            // it closes; what follows it numbers afresh.
            if marker.is_none() {
                self.start_part(PartKind::Appendix, span.start);
            } else {
                self.pending_appendix = true;
            }
            return false;
        }
        if self.notes.is_some() || self.notes_label {
            return false; // notes_line decides
        }
        let caption_table =
            outline::parse_caption_label(trimmed, CaptionKind::Table.word()).is_some();
        if caption_table || is_table_title(trimmed) || is_header_row(trimmed) {
            if !self.flat_table {
                self.close_paragraph();
                self.flat_table = true;
                self.start_part(PartKind::Table, span.start);
            }
            return true;
        }
        if self.flat_table && !is_cell_line(trimmed, marker.map(|m| m.0)) {
            self.end_inner_part();
        }
        false
    }
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
        self.end_inner_part();
        if front_is_empty {
            self.doc.parts.clear();
        }
        self.start_part(PartKind::Body, title.start);
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
        let key = without_spaces(trim_page_number(trimmed));
        if self.contents_first.as_ref() == Some(&key) {
            return false; // the body starts with the first line listed
        }
        let caption = [CaptionKind::Box, CaptionKind::Figure, CaptionKind::Table]
            .iter()
            .any(|k| outline::parse_caption_label(trimmed, k.word()).is_some());
        let marker = if caption {
            None
        } else {
            outline::parse_marker(trimmed)
        };
        let Some((style, number, marker_len)) = marker else {
            // Captions (专栏1 …… 3), unnumbered entries (前言, 附件, 结束语)
            // and the group lines of a grouped list (重大工程专栏) are short
            // and no sentence.
            let entry = caption
                || (key.chars().count() <= 20
                    && !trimmed.contains(['。', '，', '；', '：', ',', ';'])
                    && !is_plan_title(trimmed));
            if entry && self.contents_first.is_none() {
                self.contents_first = Some(key);
            }
            return entry;
        };
        // A list of boxes or tables ends where the outline starts.
        if !contents.outline {
            return false;
        }
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
        if self.contents_first.is_none() {
            self.contents_first = Some(key);
        }
        true
    }

    /// The marker at the start of `line`; a number that reads as a decimal
    /// (20.5G…, 25.24小时…) is a marker where it is the next number of the
    /// list it stands in (19. just before it, in the same part).
    fn marker(&self, line: &str) -> Option<(MarkerStyle, u32, usize)> {
        if let Some(m) = outline::parse_marker(line) {
            return Some(m);
        }
        let digits = line.find(|c: char| !c.is_ascii_digit())?;
        if digits == 0 || digits > 3 {
            return None;
        }
        let point = line[digits..].chars().next()?;
        if !matches!(point, '.' | '．') {
            return None;
        }
        let after = &line[digits + point.len_utf8()..];
        if !after.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let number: u32 = line[..digits].parse().ok()?;
        let last = self.doc.headings.last()?;
        let continues = last.part == self.part
            && last.style == (MarkerStyle::ArabicPoint { point })
            && last.number + 1 == number;
        continues.then_some((
            MarkerStyle::ArabicPoint { point },
            number,
            digits + point.len_utf8(),
        ))
    }

    /// Notes (注：1．… 2．…): the label, and the numbered lines after it,
    /// number on their own. `None` when the line is not one of them.
    fn notes_line(&mut self, span: Span, trimmed: &str) -> Option<Piece> {
        if let Some(label_len) = notes_label_len(trimmed) {
            let (lead, rest) = trim_space(&trimmed[label_len..]);
            if rest.is_empty() {
                self.close_paragraph();
                self.end_inner_part();
                self.notes_label = true;
                return Some(Piece::Structure);
            }
            let (style, ..) = outline::parse_marker(rest)?;
            self.end_inner_part();
            self.start_part(PartKind::Notes, span.start);
            self.notes = Some(style);
            let at = span.start + label_len + lead;
            return self.heading(Span::new(at, span.end), rest);
        }
        if std::mem::take(&mut self.notes_label) {
            let (style, ..) = outline::parse_marker(trimmed)?;
            self.start_part(PartKind::Notes, span.start);
            self.notes = Some(style);
            return self.heading(span, trimmed);
        }
        let style = self.notes?;
        match self.marker(trimmed) {
            Some((s, ..)) if s == style => self.heading(span, trimmed),
            Some(_) => {
                self.end_inner_part();
                None
            }
            None => {
                // A note's wrapped line goes on; anything else ends them.
                if !self.open_continues() {
                    self.end_inner_part();
                }
                None
            }
        }
    }

    fn heading(&mut self, span: Span, trimmed: &str) -> Option<Piece> {
        let (style, number, marker_len) = self.marker(trimmed)?;
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
            part: self.part,
        });
        let index = self.doc.headings.len() - 1;
        if std::mem::take(&mut self.pending_appendix) {
            self.start_part(PartKind::Appendix, span.end);
        }
        let (lead, body) = trim_space(&self.src.text[title.end..span.end]);
        if body.is_empty() && paragraph::ends_with_opening(&self.src.text[title.range()]) {
            self.heading_open = Some((index, 1));
        }
        if body.is_empty() {
            self.heading_wrap = self.wrapped_title(style, number, title);
            Some(Piece::Structure)
        } else {
            let start = title.end + lead;
            Some(Piece::Body(Span::new(start, start + body.len())))
        }
    }

    /// The rest of a heading's title that the plan's contents gives and
    /// the line does not: the title goes on on the next lines.
    fn wrapped_title(
        &self,
        style: MarkerStyle,
        number: u32,
        title: Span,
    ) -> Option<(usize, String)> {
        let plan = self.current_plan();
        let contents = self
            .doc
            .contents
            .iter()
            .rev()
            .find(|c| c.plan == plan && c.outline)?;
        let here = without_spaces(&self.src.text[title.range()]);
        let entry = contents
            .entries
            .iter()
            .find(|e| e.style == style && e.number == number)?;
        let listed = without_spaces(&self.src.text[entry.title.range()]);
        let rest = listed.strip_prefix(here.as_str())?;
        (!here.is_empty() && !rest.is_empty())
            .then(|| (self.doc.headings.len() - 1, rest.to_owned()))
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
        self.push_row(span, cells);
    }

    fn push_row(&mut self, span: Span, cells: Vec<Span>) {
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

/// The label of a contents list: `Some(true)` for 目录 (目 录), which lists
/// the outline; `Some(false)` for a list of boxes, tables or figures
/// (专栏目录, 图表目录, 附表目录: a few characters before 目录).
pub(super) fn contents_label(line: &str) -> Option<bool> {
    if line.len() > SHORT_LINE_BYTES || !line.trim_end().ends_with('录') {
        return None;
    }
    let text = without_spaces(line);
    let kind = text.strip_suffix("目录")?;
    if kind.is_empty() {
        return Some(true);
    }
    let listed = ["专栏", "图表", "图", "表", "表格", "附表", "插图", "附件"];
    listed.contains(&kind).then_some(false)
}

/// Labels and header rows are short lines: a longer line is not read for
/// them (and not copied).
const SHORT_LINE_BYTES: usize = 200;

/// The text of `s` without spaces of any width.
fn without_spaces(s: &str) -> String {
    s.chars().filter(|&c| !is_space(c)).collect()
}

/// The label that opens an appendix, a glossary or an annex: 附录, 附件 2,
/// 附表, or a line naming a glossary (有关名词解释), numbered or not
/// (`marker_len` is the length of its marker, if any). A short line that is
/// no sentence.
fn is_appendix_label(line: &str, marker_len: Option<usize>) -> bool {
    if line.len() > SHORT_LINE_BYTES || !line.contains(['附', '解', '释']) {
        return false;
    }
    let text = without_spaces(&line[marker_len.unwrap_or(0)..]);
    if text.chars().count() > 20 || text.contains(['。', '，', '；', '：', ',', ';', ':']) {
        return false;
    }
    let annex = ["附录", "附件", "附表"].iter().any(|w| {
        text.strip_prefix(w)
            .is_some_and(|rest| rest.chars().count() <= 12 && !rest.starts_with(['中', '的', '所']))
    });
    let glossary = [
        "名词解释",
        "名词注释",
        "术语解释",
        "名词释义",
        "词语解释",
        "用语解释",
    ]
    .iter()
    .any(|w| text.contains(w));
    annex || glossary
}

/// The length of a notes label at the start of `line` (注：, 注:, 备注：,
/// 注释：), spaces after it aside.
fn notes_label_len(line: &str) -> Option<usize> {
    ["注：", "注:", "备注：", "备注:", "注释：", "注释:"]
        .iter()
        .find(|l| line.starts_with(*l))
        .map(|l| l.len())
}

/// Words a table's title ends with: a line of them that is no sentence
/// starts a table (“十五五”时期经济社会发展主要指标).
const TABLE_TITLE_ENDINGS: &[&str] = &[
    "主要指标",
    "指标表",
    "指标体系",
    "一览表",
    "汇总表",
    "统计表",
    "情况表",
    "明细表",
    "任务表",
    "项目表",
];

fn is_table_title(line: &str) -> bool {
    TABLE_TITLE_ENDINGS.iter().any(|e| line.ends_with(e))
        && line.chars().count() <= 40
        && !line.contains(['。', '，', '；', '：', ',', ';', ':'])
        && outline::parse_marker(line).is_none()
}

/// A table's header row, flattened or not: 序号, or a short line naming
/// the columns (类别 序号 指标 2025年 2030年 属性).
fn is_header_row(line: &str) -> bool {
    if line.len() > SHORT_LINE_BYTES || !line.contains("序号") {
        return false;
    }
    let text = without_spaces(line);
    text.starts_with("序号")
        || (text.contains("序号")
            && ["指标", "名称", "项目", "单位"]
                .iter()
                .any(|w| text.contains(w))
            && text.chars().count() <= 40
            && !line.contains(['。', '，', '；']))
}

/// A line that can be a cell of a table flattened one cell a line: short,
/// no sentence, not a heading of the outline or another caption.
fn is_cell_line(line: &str, marker: Option<MarkerStyle>) -> bool {
    let outline_heading = matches!(
        marker,
        Some(
            MarkerStyle::Ordinal { .. }
                | MarkerStyle::ChineseComma
                | MarkerStyle::ChineseParen { .. }
        )
    );
    let caption = [CaptionKind::Box, CaptionKind::Figure]
        .iter()
        .any(|k| outline::parse_caption_label(line, k.word()).is_some());
    !outline_heading
        && !caption
        && line.chars().count() <= 50
        && !line.contains(['。', '；', '！', '？'])
}

/// The cells of a line whose cells are separated by spaces (a table row a
/// PDF flattened): byte ranges of the runs between spaces.
fn spaced_cells(line: &str) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                cells.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        cells.push((s, line.len()));
    }
    cells
}

/// A contents line's title without its page number and leader dots:
/// 发展环境……3, 发展环境\t3, 发展环境 ·········· 12.
fn trim_page_number(title: &str) -> &str {
    let is_leader = |c: char| matches!(c, '…' | '.' | '·' | '．' | '⋯' | '-' | '—') || is_space(c);
    let without_page =
        title.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
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

    fn part_kinds(d: &Document) -> Vec<(u32, PartKind)> {
        d.headings
            .iter()
            .map(|h| (h.number, d.parts[h.part].kind))
            .collect()
    }

    #[test]
    fn page_numbers_and_running_heads_do_not_cut_paragraphs() {
        let text = "第一章 发展基础\n全市经济实力稳步提升，人民群\n— 1 —\n示例规划纲要\n众生活更加幸福。\n— 2 —\n示例规划纲要\n第二章 主要目标\n到2030年，经济实力迈上新台阶。\n— 3 —\n示例规划纲要\n";
        let (src, d) = doc(text);
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(
            d.paragraphs[0].joined(&src.text).text(),
            "全市经济实力稳步提升，人民群众生活更加幸福。"
        );
        assert_eq!(d.headings.len(), 2);
    }

    #[test]
    fn a_contents_may_start_with_an_unnumbered_entry() {
        let (_, d) = doc("目 录\n\n前 言\n\n第一章 发展基础\n\n第二章 主要目标\n\n前 言\n\n本规划根据建议编制。\n\n第一章 发展基础\n\n正文。\n\n第二章 主要目标\n\n正文。\n");
        assert_eq!(d.contents.len(), 1);
        assert_eq!(d.contents[0].entries.len(), 2);
        assert_eq!(d.headings.len(), 2);
    }

    #[test]
    fn a_grouped_list_of_boxes_is_a_contents_not_captions() {
        let (_, d) = doc("专栏目录\n重大工程专栏\n专栏1 科技设施 …… 3\n专栏3 交通工程 …… 9\n重大改革专栏\n专栏2 重点改革 …… 6\n第一章 发展基础\n正文。\n专栏1 科技设施\n1.光源。\n");
        assert_eq!(d.contents.len(), 1);
        assert!(!d.contents[0].outline);
        assert_eq!(d.boxes.len(), 1);
        assert_eq!(d.headings.len(), 2);
    }

    #[test]
    fn notes_tables_and_columns_number_on_their_own() {
        let text = "1.集成电路\n4.生物医药\n2.人工智能\n5.新能源汽车\n3.高端装备\n6.新材料\n\n主要指标\n序号\t指标\t属性\n1.\t增速\t预期性\n2.\t效率\t预期性\n注：1．带*为预计数。\n2．按可比价计算。\n\n正文一段。\n\n2.后一条。\n";
        let (_, d) = doc(text);
        let kinds = part_kinds(&d);
        assert_eq!(
            kinds,
            [
                (1, PartKind::Table),
                (4, PartKind::Table),
                (2, PartKind::Table),
                (5, PartKind::Table),
                (3, PartKind::Table),
                (6, PartKind::Table),
                (1, PartKind::Notes),
                (2, PartKind::Notes),
                (2, PartKind::Body),
            ]
        );
        // The table's numbered first cells are rows, not headings.
        assert_eq!(d.table_rows.len(), 3);
    }

    #[test]
    fn a_decimal_is_a_marker_where_it_continues_its_list() {
        let (src, d) = doc("二、有关名词解释\n19.增减挂钩。是指土地政策。\n20.5G—A。是5G演进阶段。\n21.数场。是数据流通场景。\n\n全年增长\n5.2%左右。\n");
        let numbers: Vec<u32> = d.headings.iter().map(|h| h.number).collect();
        assert_eq!(numbers, [2, 19, 20, 21]);
        assert_eq!(src.slice(d.headings[2].title), "5G—A。");
        assert_eq!(d.parts[d.headings[1].part].kind, PartKind::Appendix);
    }

    #[test]
    fn a_heading_wrapped_by_the_page_takes_its_title_from_the_contents() {
        let (src, d) = doc("目 录\n第一篇 锚定发展目标 奋力谱写新篇章 …… 1\n第二篇 坚守职责使命 …… 9\n第一篇 锚定发展目标\n奋力谱写新篇章\n正文第一段。\n第二篇 坚守职责使命\n正文。\n");
        assert_eq!(d.headings.len(), 2);
        assert_eq!(
            without_spaces(src.slice(d.headings[0].title)),
            "锚定发展目标奋力谱写新篇章"
        );
        assert_eq!(d.paragraphs.len(), 2);
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
