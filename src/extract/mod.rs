//! Facts found in the text, each with its span. Rules ask for facts here and
//! never parse text themselves.
//!
//! Each kind of fact is computed on first use and kept for the file, so a
//! rule that is not selected costs nothing and two rules that need the same
//! fact share one pass.

pub mod date;
pub mod decimal;
pub mod figures;
pub mod indicator_table;
pub mod latin;
pub mod list;
pub mod number;
pub mod ordinal;
pub mod quantity;
pub mod references;
pub mod slips;
pub mod structure;
pub mod titles;

use std::sync::OnceLock;

use crate::document::{CaptionKind, Document, JoinedText};
use crate::lexicon::Lexicon;
use crate::source::{SourceFile, Span};

pub use latin::LatinWord;
pub use list::{CountedList, TableCount};
pub use quantity::{Kind, Quantities, Quantity};
pub use structure::{Count, StructureMention, StructurePart};

/// Where a piece of text stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    Paragraph,
    Heading,
    Caption(CaptionKind),
    TableCell,
}

/// A stretch of text that reads as one unit: a paragraph (re-joined across
/// page breaks), a heading title, a caption title or a table cell.
pub struct TextUnit<'t> {
    pub plan: usize,
    pub kind: UnitKind,
    pub text: JoinedText<'t>,
}

/// Every text unit of a document, in document order within each kind.
pub fn text_units<'t>(doc: &'t Document, text: &'t str) -> impl Iterator<Item = TextUnit<'t>> + 't {
    let single = move |plan, kind, span: Span| TextUnit {
        plan,
        kind,
        text: JoinedText::single(text, span),
    };
    let paragraphs = doc.paragraphs.iter().map(move |p| TextUnit {
        plan: p.plan,
        kind: UnitKind::Paragraph,
        text: p.joined(text),
    });
    let headings = doc
        .headings
        .iter()
        .map(move |h| single(h.plan, UnitKind::Heading, h.title));
    let captions = [CaptionKind::Box, CaptionKind::Figure, CaptionKind::Table]
        .into_iter()
        .flat_map(move |k| {
            doc.captions(k)
                .iter()
                .map(move |c| single(c.plan, UnitKind::Caption(k), c.title))
        });
    let cells = doc.table_rows.iter().flat_map(move |r| {
        r.cells
            .iter()
            .map(move |&c| single(r.plan, UnitKind::TableCell, c))
    });
    paragraphs.chain(headings).chain(captions).chain(cells)
}

/// The facts of one source file, computed lazily.
pub struct Facts<'a> {
    pub source: &'a SourceFile,
    pub document: &'a Document,
    lexicon: &'a Lexicon,
    structures: OnceLock<Vec<StructureMention>>,
    latin: OnceLock<Vec<LatinWord>>,
    quantities: OnceLock<Quantities>,
    lists: OnceLock<(Vec<CountedList>, Vec<TableCount>)>,
    indicator_rows: OnceLock<Vec<indicator_table::IndicatorRow>>,
    date: OnceLock<Option<date::DocumentDate>>,
}

impl<'a> Facts<'a> {
    pub fn new(source: &'a SourceFile, document: &'a Document, lexicon: &'a Lexicon) -> Self {
        Facts {
            source,
            document,
            lexicon,
            structures: OnceLock::new(),
            latin: OnceLock::new(),
            quantities: OnceLock::new(),
            lists: OnceLock::new(),
            indicator_rows: OnceLock::new(),
            date: OnceLock::new(),
        }
    }

    /// Spatial-structure labels such as 一核两极四带, sorted by position;
    /// fixed formulas (`rules/formulas.toml`) are not among them.
    pub fn structures(&self) -> &[StructureMention] {
        self.structures.get_or_init(|| {
            let mut found =
                structure::find_all(self.document, &self.source.text, &self.lexicon.labels);
            // A fixed formula (一带一路, 五位一体, 两横三纵 when listed) is a
            // name, not a spatial structure of this plan.
            found.retain(|m| !self.lexicon.formulas.is_formula(&m.text));
            found
        })
    }

    /// Figures with their measure, subject, year and kind; 分别 groups;
    /// ratios; year ranges; the plans' regions.
    pub fn quantities(&self) -> &Quantities {
        self.quantities
            .get_or_init(|| quantity::find_all(self.document, self.source, self.lexicon))
    }

    /// Lists with the count words after them, and table count cells.
    pub fn lists(&self) -> (&[CountedList], &[TableCount]) {
        let (l, t) = self
            .lists
            .get_or_init(|| list::find_all(self.document, self.source, self.lexicon));
        (l, t)
    }

    /// The document's date: published, approved or signed, or not earlier
    /// than its plan's period allows.
    pub fn date(&self) -> Option<&date::DocumentDate> {
        self.date
            .get_or_init(|| date::document_date(self.document, &self.source.text))
            .as_ref()
    }

    /// Runs of Latin letters standing in the text, sorted by position.
    /// The rows of the plan's table of main indicators (主要指标).
    pub fn indicator_rows(&self) -> &[indicator_table::IndicatorRow] {
        self.indicator_rows
            .get_or_init(|| indicator_table::find_all(self.document, self.source, self.lexicon))
    }

    pub fn latin_words(&self) -> &[LatinWord] {
        self.latin
            .get_or_init(|| latin::find_all(self.document, &self.source.text))
    }
}
