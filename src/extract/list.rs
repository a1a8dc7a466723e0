//! Enumerations and the count words that count them: 兰州市、白银市、定西市
//! 和临夏回族自治州4个市州; 黑河、疏勒河、石羊河三大流域; and tables whose
//! 数量 column counts the list in another column.
//!
//! Only lists whose shape is unambiguous are read: items joined by 、 with at
//! most one final 和/及/与, no item longer than a name. A list that is not
//! what a count word counts is not read at all rather than read wrongly.

use crate::cjk::{digit_value, is_han, is_space, parse_small_numeral, CharSet};
use crate::document::{Document, JoinedText};
use crate::lexicon::{words, CountNouns, Lexicon, UnitCatalog};
use crate::source::{SourceFile, Span};

use super::{text_units, UnitKind};

/// A count word after a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedList {
    pub plan: usize,
    pub unit_kind: UnitKind,
    pub count: u32,
    /// The count phrase: 4个市州, 三大流域.
    pub count_span: Span,
    pub count_text: String,
    /// Each item; the first may carry words before the list (加快推进安定).
    pub items: Vec<Span>,
    pub list_span: Span,
    /// 等 stands between list and count: the list may name only some.
    pub open_ended: bool,
}

/// A table row whose count cell disagrees in shape or not with its list cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub plan: usize,
    pub count: u32,
    pub count_span: Span,
    pub list_span: Span,
    pub items: usize,
}

/// Longest item after the first: a name, not a clause.
const MAX_ITEM_CHARS: usize = 12;
/// Measure words between a count and its noun: 4个市州, 三大流域.
const CLASSIFIERS: &[char] = &[
    '个', '大', '条', '项', '家', '所', '座', '类', '种', '批', '片', '位', '名',
];
const JOINERS: &[char] = &['和', '及', '与'];
/// A noun after a measure word that is not in counts.toml is flagged to two
/// characters (产品, 区域); its true end needs word segmentation, and only
/// the span depends on it.
const NOUN_BYTES: usize = 2 * 3;
/// Headers of a table's count column.
const COUNT_HEADERS: &[&str] = &["数量", "个数", "数目", "总数"];

/// How far back a list may reach from its count word. A list longer than
/// this (about a hundred names) is not read: its start is unknown, and
/// looking further for every numeral would make the pass quadratic.
const MAX_LIST_BYTES: usize = 1024;

/// Where the clause holding `at` starts, if within `MAX_LIST_BYTES`.
fn clause_start(t: &str, at: usize) -> Option<usize> {
    let from = crate::cjk::ceil_boundary(t, at.saturating_sub(MAX_LIST_BYTES));
    let marks = [
        '，', '；', '：', '。', '（', '(', '“', '！', '？', ',', ';', ':',
    ];
    match t[from..at].rfind(marks) {
        Some(i) => Some(from + i + t[from + i..].chars().next().map_or(1, char::len_utf8)),
        None if from == 0 => Some(0),
        None => None,
    }
}

/// Characters of a Chinese numeral, from digits to 亿: a count is read
/// from the whole numeral (一百五十六项 is 156, never 五十六项).
fn is_numeral_part(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿')
}

/// Reads the count at `at`: its value and the end of the numeral.
fn count_at(t: &str, at: usize) -> Option<(u32, usize)> {
    let c = t[at..].chars().next()?;
    let len = if c.is_ascii_digit() {
        t[at..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(t.len() - at)
    } else if is_numeral_part(c) {
        t[at..]
            .find(|c: char| !is_numeral_part(c))
            .unwrap_or(t.len() - at)
    } else {
        return None;
    };
    let s = &t[at..at + len];
    let n = if c.is_ascii_digit() {
        s.parse().ok()?
    } else {
        parse_small_numeral(s)?
    };
    Some((n, at + len))
}

pub fn find_all(
    doc: &Document,
    src: &SourceFile,
    lexicon: &Lexicon,
) -> (Vec<CountedList>, Vec<TableCount>) {
    let mut lists = Vec::new();
    for unit in text_units(doc, &src.text) {
        lists_in(&unit.text, unit.plan, unit.kind, lexicon, &mut lists);
    }
    lists.sort_by_key(|l| l.count_span.start);
    (lists, table_counts(doc, src))
}

/// The characters a count can start with: ASCII digits, the digits of
/// Chinese numerals, 十.
static COUNT_START: CharSet = CharSet::new(&[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '〇', '零', '一', '二', '两', '三', '四',
    '五', '六', '七', '八', '九', '十',
]);

fn lists_in(
    j: &JoinedText<'_>,
    plan: usize,
    unit_kind: UnitKind,
    lexicon: &Lexicon,
    out: &mut Vec<CountedList>,
) {
    let t = j.text();
    let mut i = 0;
    while i < t.len() {
        // Most characters cannot start a count: skip them in one loop.
        let Some((off, c)) = t[i..]
            .char_indices()
            .find(|&(_, c)| COUNT_START.contains(c))
        else {
            break;
        };
        i += off;
        let prev = t[..i].chars().next_back();
        let starts_number = (c.is_ascii_digit() || digit_value(c).is_some() || c == '十')
            && !prev.is_some_and(|p| p.is_ascii_digit() || p == '.' || is_numeral_part(p));
        if !starts_number {
            i += c.len_utf8();
            continue;
        }
        let Some((count, num_end)) = count_at(t, i) else {
            i += c.len_utf8();
            continue;
        };
        let next = num_end.max(i + c.len_utf8());
        // A congress, plenum, session or rank (党的十五大, 五中全会, 第三) is
        // a name, and a numeral inside a fixed formula (和平共处五项原则,
        // 三大革命运动) counts what the formula names, not the words before it.
        if super::ordinal::names_not_counts(t, i, num_end)
            || lexicon.formulas.covering(t, i, num_end).is_some()
        {
            i = next;
            continue;
        }
        if let Some(list) = counted(t, i, count, num_end, &lexicon.units, &lexicon.counts) {
            out.push(CountedList {
                plan,
                unit_kind,
                count,
                count_span: j.span(list.count.0, list.count.1),
                count_text: t[list.count.0..list.count.1].to_owned(),
                items: list.items.iter().map(|&(a, b)| j.span(a, b)).collect(),
                list_span: j.span(list.items[0].0, list.items[list.items.len() - 1].1),
                open_ended: list.open_ended,
            });
        }
        i = next;
    }
}

struct Found {
    count: (usize, usize),
    items: Vec<(usize, usize)>,
    open_ended: bool,
}

/// A list ending right before the count at `at`, and the count phrase.
fn counted(
    t: &str,
    at: usize,
    count: u32,
    num_end: usize,
    units: &UnitCatalog,
    nouns: &CountNouns,
) -> Option<Found> {
    if !(2..=200).contains(&count) {
        return None;
    }
    // The count phrase: numeral, optional classifier, a noun.
    let mut p = num_end + t[num_end..].len() - t[num_end..].trim_start_matches(is_space).len();
    // A unit of measure or a magnitude (3 万人, 5 年) is not a count of things.
    if units.magnitude_at(t, p).is_some() {
        return None;
    }
    if let Some((u, _)) = units.unit_at(t, p) {
        if units.units[u].dimension != "count" {
            return None;
        }
    }
    // Either a measure word and any noun (4个市州, 三大流域, 9类产品), or a
    // bare numeral and a listed noun (两市, 四县区): never a numeral inside a
    // name or word (九寨沟, 乙二醇, 二期).
    let noun_len = if t[p..].starts_with(CLASSIFIERS) {
        p += t[p..].chars().next().map_or(0, char::len_utf8);
        // 4个万亿元台阶: an amount after the classifier is no noun counted
        // (3个百亿级园区 counts parks).
        if let Some((_, len)) = units.magnitude_at(t, p) {
            if units.unit_at(t, p + len).is_some() {
                return None;
            }
        }
        nouns.noun_at(t, p).or_else(|| {
            t[p..]
                .char_indices()
                .take_while(|&(k, c)| {
                    is_han(c)
                        && k < NOUN_BYTES
                        && !matches!(c, '的' | '等' | '和' | '及' | '与' | '之')
                })
                .map(|(k, c)| k + c.len_utf8())
                .last()
        })?
    } else {
        nouns.noun_at(t, p)?
    };
    let count_end = p + noun_len;

    // The list: from the clause start to the numeral, without 等 and spaces.
    // The list starts after the last 的 of the clause: words before it
    // modify the list (广东、福建两省的深圳、珠海、汕头、厦门四个地区 lists
    // four cities), and a list ending in 的 modifies the counted noun.
    let start = clause_start(t, at)?;
    let start = t[start..at]
        .rfind('的')
        .map_or(start, |i| start + i + '的'.len_utf8());
    let mut list = t[start..at].trim_end_matches(is_space);
    let open_ended = list.ends_with('等');
    if open_ended {
        list = list[..list.len() - '等'.len_utf8()].trim_end_matches(is_space);
    }
    if !list.ends_with(is_han) {
        return None;
    }
    let segments: Vec<&str> = list.split('、').collect();
    if segments.len() == 1 && list.matches(JOINERS).count() != 1 {
        return None;
    }
    // 和 before the last 、 nests one list in another: 兰州新区和兰州高新区、… three 开发区.
    if segments[..segments.len() - 1]
        .iter()
        .skip(1)
        .any(|s| s.contains(JOINERS))
    {
        return None;
    }
    let first_has_joiner = segments.len() > 1 && segments[0].contains(JOINERS);
    if first_has_joiner {
        return None;
    }
    // A 、 inside quotes or brackets separates no items of this list
    // (“省市共建、一室一策”支持长白山、三江、吉光3个省实验室), and an item
    // that holds a count of its own (扩消费六大工程、城建六大攻坚行动) is a
    // phrase, not a name the count counts.
    let balanced = |s: &str| {
        s.matches('“').count() == s.matches('”').count()
            && s.matches(['（', '(']).count() == s.matches(['）', ')']).count()
    };
    if segments.iter().any(|s| !balanced(s)) {
        return None;
    }
    if segments[..segments.len() - 1].iter().any(|s| {
        s.char_indices().any(|(i, c)| {
            (c.is_ascii_digit() || is_numeral_part(c))
                && count_at(s, i).is_some_and(|(_, end)| s[end..].starts_with(is_han))
        })
    }) {
        return None;
    }
    // A count phrase followed by 、 is itself an item of a list
    // (国能哈密煤制油、准东3个煤制气、慧能…项目).
    if t[count_end..]
        .chars()
        .take(4)
        .take_while(|&c| is_han(c) || c == '、')
        .any(|c| c == '、')
    {
        return None;
    }
    let mut items = Vec::new();
    let mut at_seg = start;
    for (k, seg) in segments.iter().enumerate() {
        let last = k + 1 == segments.len();
        let pieces: Vec<&str> = if last {
            seg.split(JOINERS).collect()
        } else {
            vec![seg]
        };
        if last && pieces.len() > 2 {
            return None;
        }
        let mut at_piece = at_seg;
        for piece in pieces {
            let trimmed = piece.trim_matches(is_space);
            let lead = piece.len() - piece.trim_start_matches(is_space).len();
            if trimmed.is_empty() || (k > 0 && trimmed.chars().count() > MAX_ITEM_CHARS) {
                return None;
            }
            items.push((at_piece + lead, at_piece + lead + trimmed.len()));
            at_piece += piece.len() + '和'.len_utf8();
        }
        at_seg += seg.len() + '、'.len_utf8();
    }
    // A direction just before a bare numeral makes a name with it (北三县,
    // 东三省): 通州区与北三县 lists no 北.
    let last_item = items.last().map_or("", |&(a, b)| &t[a..b]);
    if num_end == count_end - noun_len
        && last_item.chars().count() == 1
        && last_item.starts_with(['东', '南', '西', '北'])
    {
        return None;
    }
    // A list is written out in full: a count far above its items (新建和续建
    // 一百二十个项目) counts something else, and no slip turns 2 into 120.
    if count as usize > 2 * items.len() + 2 {
        return None;
    }
    if !items_are_what_is_counted(t, start, &items, segments.len() == 1) {
        return None;
    }
    // …、航空航天与低空经济等4个: the last 与/和 may join two items or
    // belong to one name; with one item fewer the count fits the other
    // reading, and the list is not read.
    if segments.len() > 1 && items.len() > segments.len() && count as usize + 1 == items.len() {
        return None;
    }
    Some(Found {
        count: (at, count_end),
        items,
        open_ended,
    })
}

/// Whether the items read from a list are the things a count after it
/// counts, judged by the words of the clause (`t[start..]` up to the end of
/// the last item):
/// - every item starts and ends on a word boundary, so a joiner inside a
///   word (和 in 和平共处, 总和) joins nothing;
/// - (the list was cut after the clause's last 的, so no item holds one);
/// - no item but the first holds 等 (湛江等十五个港口建设 ends a different list);
/// - in a list joined only by 和/及/与, both sides end in a noun or name:
///   新签和升级8个协定 and 取消和下放200项 join verbs, and in 森林工业部
///   和交通部共有三十三个项目 the count follows a verb. (Items of a 、 list
///   may end in verbs: 城镇发展、农业生产、生态保护三大空间.)
fn items_are_what_is_counted(
    t: &str,
    start: usize,
    items: &[(usize, usize)],
    joined_only: bool,
) -> bool {
    let Some(&(_, end)) = items.last() else {
        return false;
    };
    let clause = &t[start..end];
    let ws = words::words(clause);
    let starts_word = |p: usize| p == clause.len() || ws.binary_search_by_key(&p, |w| w.0).is_ok();
    let word_ending_at = |p: usize| ws.iter().find(|w| w.1 == p).map(|w| &clause[w.0..w.1]);
    for (k, &(a, b)) in items.iter().enumerate() {
        let (a, b) = (a - start, b - start);
        if !starts_word(a) || !starts_word(b) {
            return false;
        }
        if k > 0 && clause[a..b].contains('等') {
            return false;
        }
    }
    !joined_only
        || items
            .iter()
            .all(|&(_, b)| word_ending_at(b - start).is_some_and(is_nominal))
}

/// A noun, name or abbreviation by the dictionary's tag, or a word the
/// dictionary does not know (segmentation found a new word: a name).
fn is_nominal(word: &str) -> bool {
    match words::tag(word) {
        Some(t) => t.starts_with('n') || t == "j" || t == "s",
        None => word.chars().count() >= 2,
    }
}

fn table_counts(doc: &Document, src: &SourceFile) -> Vec<TableCount> {
    let text = &src.text;
    let mut out = Vec::new();
    let mut rows = doc.table_rows.iter().peekable();
    while let Some(header) = rows.next() {
        let table: Vec<_> = std::iter::once(header)
            .chain(std::iter::from_fn(|| {
                rows.next_if(|r| r.table == header.table)
            }))
            .collect();
        let Some(count_col) = header
            .cells
            .iter()
            .position(|&c| COUNT_HEADERS.iter().any(|h| text[c.range()].contains(h)))
        else {
            continue;
        };
        // The list column: the one whose cells hold 、 most often.
        let width = table.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let list_col = (0..width).filter(|&c| c != count_col).max_by_key(|&c| {
            table[1..]
                .iter()
                .filter(|r| {
                    r.cells
                        .get(c)
                        .is_some_and(|s| text[s.range()].contains('、'))
                })
                .count()
        });
        let Some(list_col) = list_col else { continue };
        for row in &table[1..] {
            let (Some(&count_cell), Some(&list_cell)) =
                (row.cells.get(count_col), row.cells.get(list_col))
            else {
                continue;
            };
            let Ok(count) = text[count_cell.range()].trim().parse::<u32>() else {
                continue;
            };
            let items = text[list_cell.range()]
                .split('、')
                .filter(|s| !s.trim_matches(is_space).is_empty())
                .count();
            out.push(TableCount {
                plan: row.plan,
                count,
                count_span: count_cell,
                list_span: list_cell,
                items,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn count_start_set_is_the_start_test() {
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            assert_eq!(
                COUNT_START.contains(c),
                c.is_ascii_digit() || digit_value(c).is_some() || c == '十',
                "{c:?}"
            );
        }
    }

    use super::*;
    use crate::lexicon::Lexicon;

    fn lists(text: &str) -> Vec<(u32, usize, String, bool)> {
        let lexicon = Lexicon::builtin().unwrap();
        let src = SourceFile::from_text("t", text);
        let doc = Document::parse(&src);
        find_all(&doc, &src, &lexicon)
            .0
            .into_iter()
            .map(|l| (l.count, l.items.len(), l.count_text, l.open_ended))
            .collect()
    }

    #[test]
    fn reads_lists_and_counts() {
        let s = |x: &str| x.to_owned();
        assert_eq!(
            lists("本规划范围包括兰州市、白银市、定西市和临夏回族自治州4个市州，总面积6.1万平方公里。"),
            [(4, 4, s("4个市州"), false)]
        );
        assert_eq!(
            lists("黑河、疏勒河、石羊河三大流域生态综合治理。"),
            [(3, 3, s("三大流域"), false)]
        );
        assert_eq!(
            lists("从文化、枢纽、技术、信息、生态五个方面深度参与。"),
            [(5, 5, s("五个方面"), false)]
        );
        assert_eq!(
            lists("加快推进安定、陇西、渭源、临洮四县区与兰州市融合。"),
            [(4, 4, s("四县区"), false)]
        );
        assert_eq!(lists("兰州、白银两市。"), [(2, 2, s("两市"), false)]);
        assert_eq!(
            lists("庆阳市、平凉市、天水市、陇南市、甘南州等 5 个市州。"),
            [(5, 5, s("5 个市州"), true)]
        );
        assert_eq!(
            lists("兰州、白银、定西三市州。"),
            [(3, 3, s("三市州"), false)]
        );
    }

    #[test]
    fn leaves_ambiguous_lists_alone() {
        for text in [
            "拥有兰州白银国家自主创新示范区、兰白科技创新改革试验区、兰州新区和兰州高新区、兰州经济区、白银高新区三个国家级开发区。",
            "兰州、白银 3 万人。",
            "兰州、白银2020年。",
            "纵深推进通州区与北三县一体化高质量发展示范区建设。",
            "建设一批重点实验室、工程研究中心等。",
            "第一、第二阶段。",
            "实施“一核、两极”战略，四带联动。",
            "规划京兰高铁新通道、兰汉十高铁。",
            "推进宝中铁路二线建设。",
            "煤制烯烃、煤制乙二醇。",
            "西部大开发、黄河流域生态保护十分重要。",
            "十九大和十九届二中、三中全会。",
        ] {
            assert_eq!(lists(text), [], "{text}");
        }
    }

    #[test]
    fn table_count_column() {
        let text = "专栏 11 城镇规模等级\n等级\t城区常住人口 (万人)\t数量\t城 镇\nⅡ型大城市\t100—300\t1\t天水市区\n\n中等城市\t50—100\t3\t平凉市区、庆阳市区\n";
        let lexicon = Lexicon::builtin().unwrap();
        let src = SourceFile::from_text("t", text);
        let doc = Document::parse(&src);
        let (_, tables) = find_all(&doc, &src, &lexicon);
        let got: Vec<(u32, usize)> = tables.iter().map(|t| (t.count, t.items)).collect();
        assert_eq!(got, [(1, 1), (3, 2)]);
    }
}
