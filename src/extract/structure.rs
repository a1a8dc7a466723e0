//! Spatial-structure labels: 一核两极四带, “一核牵引、两极并进、四带联动”,
//! “一轴、四圈、多点”, 一带一圈多增长极. Each is read into parts of a count
//! (a numeral, or 多) and a noun.
//!
//! A label is found in two places: as the whole content of a quotation whose
//! every part has that shape, or unquoted as a compact run of at least two
//! numeral + noun pairs whose nouns are in the label glossary
//! (`rules/labels.toml`), so that ordinary prose (一个一个, 三篇文章) is never
//! read as a structure.

use crate::cjk::{is_han, parse_small_numeral, CharSet};
use crate::document::{Document, JoinedText};
use crate::lexicon::LabelGlossary;
use crate::source::Span;

use super::{text_units, UnitKind};

/// How many of a part there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Count {
    Exact(u32),
    /// 多: an unspecified number.
    Many,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructurePart {
    pub count: Count,
    /// The numeral as printed: 两, 二, 四, 多.
    pub numeral: String,
    /// The noun and anything after it in the part: 极, 极并进, 增长极.
    pub noun: String,
    /// The first character of the noun: what identifies the part.
    pub key: char,
    /// The whole part (numeral and noun).
    pub span: Span,
    /// The numeral alone.
    pub numeral_span: Span,
}

/// One mention of a structure label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureMention {
    pub plan: usize,
    pub unit: UnitKind,
    /// The whole label, without its quotation marks.
    pub span: Span,
    /// The label as it reads, page breaks removed.
    pub text: String,
    pub quoted: bool,
    pub parts: Vec<StructurePart>,
}

impl StructureMention {
    /// The nouns in order: mentions with the same keys name the same structure.
    pub fn keys(&self) -> Vec<char> {
        self.parts.iter().map(|p| p.key).collect()
    }
}

/// Longest noun (with its verb) in one part of a quoted label: 核牵引, 增长极.
const MAX_NOUN_CHARS: usize = 4;

/// The numerals of a label's count (一核两极四带): tested for every character
/// of a unit, so a bitmap rather than a `match`.
static LABEL_NUMERALS: CharSet = CharSet::new(&[
    '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十',
]);

fn is_label_numeral(c: char) -> bool {
    LABEL_NUMERALS.contains(c)
}

/// What a label's count starts with: a numeral, or 多 (多中心).
fn starts_count(c: char) -> bool {
    is_label_numeral(c) || c == '多'
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',')
}

/// A part as found in a string: byte ranges into that string.
struct RawPart {
    count: Count,
    numeral: (usize, usize),
    noun: (usize, usize),
}

/// Reads `s` as a label; every character must belong to a part or a
/// separator, and no part may be a count of a measure word (三个代表).
fn parse_label(s: &str, glossary: &LabelGlossary) -> Option<Vec<RawPart>> {
    let mut parts = Vec::new();
    let mut i = 0;
    let bytes_at = |i: usize| s[i..].chars().next();
    while i < s.len() {
        if !parts.is_empty() {
            if let Some(c) = bytes_at(i).filter(|&c| is_separator(c)) {
                i += c.len_utf8();
            }
        }
        let num_start = i;
        let (count, num_end) = if s[i..].starts_with('多') {
            (Count::Many, i + '多'.len_utf8())
        } else {
            let len = s[i..]
                .find(|c: char| !is_label_numeral(c))
                .unwrap_or(s.len() - i);
            let n = parse_small_numeral(&s[i..i + len])?;
            (Count::Exact(n), i + len)
        };
        let noun_len = s[num_end..]
            .find(|c: char| !is_han(c) || starts_count(c))
            .unwrap_or(s.len() - num_end);
        let noun = &s[num_end..num_end + noun_len];
        let chars = noun.chars().count();
        if chars == 0 || chars > MAX_NOUN_CHARS || noun.starts_with(|c| glossary.is_classifier(c)) {
            return None;
        }
        parts.push(RawPart {
            count,
            numeral: (num_start, num_end),
            noun: (num_end, num_end + noun_len),
        });
        i = num_end + noun_len;
        if i < s.len() && !bytes_at(i).is_some_and(|c| is_separator(c) || starts_count(c)) {
            return None;
        }
    }
    Some(parts)
}

/// Reads a whole string as a label (一核两极四带): its parts as (count,
/// numeral, noun), or `None` when it is not one.
pub fn parse(label: &str, glossary: &LabelGlossary) -> Option<Vec<(Count, String, String)>> {
    let parts = parse_label(label, glossary).filter(|p| !p.is_empty())?;
    Some(
        parts
            .iter()
            .map(|p| {
                (
                    p.count,
                    label[p.numeral.0..p.numeral.1].to_owned(),
                    label[p.noun.0..p.noun.1].to_owned(),
                )
            })
            .collect(),
    )
}

fn mention(
    plan: usize,
    unit: UnitKind,
    joined: &JoinedText<'_>,
    start: usize,
    end: usize,
    quoted: bool,
    parts: Vec<RawPart>,
) -> StructureMention {
    let text = joined.text();
    let parts = parts
        .into_iter()
        .map(|p| {
            let noun = &text[start + p.noun.0..start + p.noun.1];
            StructurePart {
                count: p.count,
                numeral: text[start + p.numeral.0..start + p.numeral.1].to_owned(),
                noun: noun.to_owned(),
                key: noun.chars().next().unwrap_or_default(),
                span: joined.span(start + p.numeral.0, start + p.noun.1),
                numeral_span: joined.span(start + p.numeral.0, start + p.numeral.1),
            }
        })
        .collect();
    StructureMention {
        plan,
        unit,
        span: joined.span(start, end),
        text: text[start..end].to_owned(),
        quoted,
        parts,
    }
}

/// All mentions in a document: quoted labels (one part or more) and unquoted
/// compact labels (two parts or more), sorted by position.
pub fn find_all(doc: &Document, text: &str, glossary: &LabelGlossary) -> Vec<StructureMention> {
    let mut out = Vec::new();
    for unit in text_units(doc, text) {
        let t = unit.text.text();
        let mut outside_from = 0;
        for (open, close) in quotations(t) {
            find_compact(
                &unit.text,
                outside_from,
                open,
                glossary,
                unit.plan,
                unit.kind,
                &mut out,
            );
            outside_from = close + '”'.len_utf8();
            let inner = (open + '“'.len_utf8(), close);
            if let Some(parts) =
                parse_label(&t[inner.0..inner.1], glossary).filter(|p| !p.is_empty())
            {
                out.push(mention(
                    unit.plan, unit.kind, &unit.text, inner.0, inner.1, true, parts,
                ));
            }
        }
        find_compact(
            &unit.text,
            outside_from,
            t.len(),
            glossary,
            unit.plan,
            unit.kind,
            &mut out,
        );
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

/// Byte offsets of “ and its matching ” in `t`; an unclosed “ is skipped.
fn quotations(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in t.char_indices() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(o) = open.take() {
                    out.push((o, i));
                }
            }
            _ => {}
        }
    }
    out
}

/// Unquoted compact labels in `t[from..to]`: runs of at least two
/// numeral + glossary-noun pairs, such as 构建一核两极四带格局.
fn find_compact(
    joined: &JoinedText<'_>,
    from: usize,
    to: usize,
    glossary: &LabelGlossary,
    plan: usize,
    unit: UnitKind,
    out: &mut Vec<StructureMention>,
) {
    let t = joined.text();
    let region = &t[from..to];
    let char_at = |at: usize| region[at..].chars().next();
    let mut i = 0;
    // A run starts at a numeral that does not continue a longer number;
    // most characters are no numeral and are skipped in one loop.
    while let Some((off, first)) = region[i..].char_indices().find(|&(_, c)| starts_count(c)) {
        let at = i + off;
        let continues = region[..at].chars().next_back().is_some_and(starts_count);
        if continues {
            i = at + first.len_utf8();
            continue;
        }
        let mut j = at;
        let mut parts = Vec::new();
        loop {
            let num_start = j;
            while let Some(c) = char_at(j) {
                if !(is_label_numeral(c) || (j == num_start && c == '多')) {
                    break;
                }
                j += c.len_utf8();
                if c == '多' {
                    break;
                }
            }
            let Some(noun) = char_at(j) else { break };
            if j == num_start || !glossary.is_single_char_noun(noun) {
                break;
            }
            let numeral = &region[num_start..j];
            let count = if numeral == "多" {
                Count::Many
            } else {
                match parse_small_numeral(numeral) {
                    Some(n) => Count::Exact(n),
                    None => break,
                }
            };
            let noun_end = j + noun.len_utf8();
            parts.push(RawPart {
                count,
                numeral: (num_start, j),
                noun: (j, noun_end),
            });
            j = noun_end;
        }
        if parts.len() >= 2 {
            let start = parts[0].numeral.0;
            let end = parts[parts.len() - 1].noun.1;
            let base_parts = parts
                .into_iter()
                .map(|p| RawPart {
                    count: p.count,
                    numeral: (p.numeral.0 - start, p.numeral.1 - start),
                    noun: (p.noun.0 - start, p.noun.1 - start),
                })
                .collect();
            out.push(mention(
                plan,
                unit,
                joined,
                from + start,
                from + end,
                false,
                base_parts,
            ));
            i = j;
        } else {
            i = at + first.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<Vec<(Count, String)>> {
        let lexicon = crate::lexicon::Lexicon::builtin().unwrap();
        parse_label(s, &lexicon.labels).map(|ps| {
            ps.iter()
                .map(|p| (p.count, s[p.noun.0..p.noun.1].to_owned()))
                .collect()
        })
    }

    #[test]
    fn reads_labels() {
        use Count::*;
        let n = |c, s: &str| (c, s.to_owned());
        assert_eq!(
            parse("一核两极四带").unwrap(),
            [n(Exact(1), "核"), n(Exact(2), "极"), n(Exact(4), "带")]
        );
        assert_eq!(
            parse("一核牵引、两极并进、四带联动").unwrap(),
            [
                n(Exact(1), "核牵引"),
                n(Exact(2), "极并进"),
                n(Exact(4), "带联动")
            ]
        );
        assert_eq!(
            parse("一带一圈多增长极").unwrap(),
            [n(Exact(1), "带"), n(Exact(1), "圈"), n(Many, "增长极")]
        );
        assert_eq!(
            parse("两屏、一区、多廊、多点").unwrap(),
            [
                n(Exact(2), "屏"),
                n(Exact(1), "区"),
                n(Many, "廊"),
                n(Many, "点")
            ]
        );
        assert_eq!(parse("两极").unwrap(), [n(Exact(2), "极")]);
    }

    #[test]
    fn rejects_prose() {
        for s in [
            "十四五",
            "一河、两岸、立面",
            "都会城市、精致兰州",
            "一窗办、简化办",
            "2035",
            "",
        ] {
            assert!(parse(s).is_none_or(|p| p.is_empty()), "{s}");
        }
    }
}

/// The members a quoted part of a structure is defined by: “两极”是指定西市和
/// 临夏州, “三横”为陆桥通道、沿江通道和沪昆通道.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartMembers {
    /// The part's count.
    pub count: u32,
    /// The list after the defining word.
    pub list: Span,
    /// The readings of how many members it names: with its last joiner (和,
    /// 及, 与) read as joining two members, and without (the 和 inside a
    /// name such as 生态保护和高质量发展带).
    pub readings: (usize, usize),
}

/// Words that introduce a part's members right after its closing quote.
const DEFINING: &[&str] = &["是指", "即", "指", "为", "是", "包括", "："];
/// Longest member, in characters: a name, not a clause.
const MAX_MEMBER_CHARS: usize = 16;

/// The members a quoted one-part mention is defined by, read from the text
/// right after its closing quote up to the end of the clause. `None` when
/// what follows is no plain list of names (等, a long item, one item).
pub fn part_members(text: &str, m: &StructureMention) -> Option<PartMembers> {
    let [part] = m.parts.as_slice() else {
        return None;
    };
    // “一核”是指兰州市区和兰州新区: one core made of two areas.
    let Count::Exact(count @ 2..) = part.count else {
        return None;
    };
    if !m.quoted {
        return None;
    }
    let after = text[m.span.end..].strip_prefix('”')?;
    let word = DEFINING.iter().find(|w| after.starts_with(*w))?;
    let mut list_start = m.span.end + '”'.len_utf8() + word.len();
    if text[list_start..].starts_with('：') {
        list_start += '：'.len_utf8();
    }
    let rest = &text[list_start..];
    let end = rest
        .find(['，', '。', '；', '（', '(', '\n', '\r', '“', '”', '：'])
        .unwrap_or(rest.len());
    let list = &rest[..end];
    // 等 leaves the list open; 的 makes it a description (…和白银在内的区域).
    if list.is_empty() || list.contains(['等', '的']) {
        return None;
    }
    let items: Vec<&str> = list.split('、').collect();
    if items
        .iter()
        .any(|i| i.is_empty() || i.chars().count() > MAX_MEMBER_CHARS || !i.chars().all(is_han))
    {
        return None;
    }
    let last = items.last()?;
    let joined =
        last.matches(['和', '及', '与']).count() == 1 && !last.starts_with(['和', '及', '与']);
    let plain = items.len();
    let split = plain + usize::from(joined);
    // The joiner joins two members when what stands before it ends like
    // the other members (经济带、城市群发展带和走廊经济带): then the list has
    // only that reading.
    let last_char = |s: &str| s.chars().next_back();
    let before_joiner = last.split(['和', '及', '与']).next().unwrap_or("");
    let alike = joined && {
        let others: Vec<Option<char>> = match items.len() {
            1 => vec![last_char(last)],
            n => items[..n - 1].iter().map(|i| last_char(i)).collect(),
        };
        others.iter().all(|&c| c == last_char(before_joiner))
    };
    let plain = if alike { split } else { plain };
    // 是 and 为 also start descriptions (“两带”是连接兰州和西宁的纽带): only
    // a list with 、 is read after them.
    let loose = matches!(*word, "是" | "为");
    if split < 2 || (loose && plain < 2) {
        return None;
    }
    Some(PartMembers {
        count,
        list: Span::new(list_start, list_start + end),
        readings: (split, plain),
    })
}
