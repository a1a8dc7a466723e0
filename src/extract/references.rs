//! References in running text to a plan's own numbered parts: 见专栏3,
//! （见表2）, 如图1所示, 详见第五章.

use crate::document::{CaptionKind, Division, Document};
use crate::source::Span;

use super::{text_units, UnitKind};

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Caption(CaptionKind),
    Division(Division),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub plan: usize,
    pub target: Target,
    pub number: u32,
    /// The reference itself: 专栏3, 表 2, 第五章.
    pub span: Span,
}

/// Characters that may stand before a 表 or 图 reference: 见表2, （表2）,
/// 如图1. After any other Chinese character 表 and 图 are part of a word
/// (代表1名, 蓝图2).
const BEFORE_FIGURE: &[char] = &['见', '如', '（', '(', '，', '、', '和', '及', '与'];

/// Words a reference to a chapter follows: 详见第五章, 本规划第三章.
const BEFORE_DIVISION: &[&str] = &["见", "本规划", "本纲要"];

/// The words a reference starts with. Each is searched on its own with
/// memchr's SIMD substring search: one multi-pattern automaton over Chinese
/// text, whose every character starts with the same few bytes, was ten
/// times slower.
static STARTS: std::sync::LazyLock<Vec<(&str, memchr::memmem::Finder<'static>)>> =
    std::sync::LazyLock::new(|| {
        ["专栏", "表", "图", "第"]
            .into_iter()
            .map(|w| (w, memchr::memmem::Finder::new(w.as_bytes())))
            .collect()
    });

/// Every reference in the plans' paragraphs, in text order per paragraph.
pub fn find_all(doc: &Document, text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    for unit in text_units(doc, text).filter(|u| u.kind == UnitKind::Paragraph) {
        let t = unit.text.text();
        let mut starts: Vec<(usize, &str)> = STARTS
            .iter()
            .flat_map(|(w, f)| f.find_iter(t.as_bytes()).map(move |at| (at, *w)))
            .collect();
        starts.sort_unstable();
        for (at, word) in starts {
            let (kind, word) = match word {
                "第" => {
                    if let Some(r) = division_at(t, at) {
                        out.push(Reference {
                            plan: unit.plan,
                            target: Target::Division(r.0),
                            number: r.1,
                            span: unit.text.span(at, r.2),
                        });
                    }
                    continue;
                }
                "专栏" => (CaptionKind::Box, "专栏"),
                "表" => (CaptionKind::Table, "表"),
                _ => (CaptionKind::Figure, "图"),
            };
            if kind != CaptionKind::Box {
                let before = t[..at].chars().next_back();
                if before.is_some_and(|c| crate::cjk::is_han(c) || c == '）')
                    && !before.is_some_and(|c| BEFORE_FIGURE.contains(&c))
                {
                    continue;
                }
            }
            let digits_at = at + word.len();
            let rest = &t[digits_at..];
            let space = rest.len() - rest.trim_start_matches(' ').len();
            let digits = rest[space..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len() - space);
            if digits == 0 || digits > 2 {
                continue;
            }
            // 表1.2 or 图10万: a number, not a reference.
            let after = rest[space + digits..].chars().next();
            if after.is_some_and(|c| c == '.' || c == '%' || c == '万' || c.is_ascii_alphanumeric())
            {
                continue;
            }
            let Ok(number) = rest[space..space + digits].parse() else {
                continue;
            };
            out.push(Reference {
                plan: unit.plan,
                target: Target::Caption(kind),
                number,
                span: unit.text.span(at, digits_at + space + digits),
            });
        }
    }
    out
}

/// 第五章 at `at` after 见 or 本规划: the division, its number and where the
/// reference ends.
fn division_at(t: &str, at: usize) -> Option<(Division, u32, usize)> {
    if !BEFORE_DIVISION.iter().any(|w| t[..at].ends_with(w)) {
        return None;
    }
    // A reference names a 篇, 章 or 节 in Chinese numerals (第一部分 and
    // 第3章 are not read here).
    match crate::document::outline::ordinal_at(&t[at..])? {
        (Division::Portion, ..) | (_, _, true, _) => None,
        (division, number, false, len) => Some((division, number, at + len)),
    }
}
