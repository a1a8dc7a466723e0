//! Outline headings (第X篇 / 第X章 / 第X节 and 一、 （一） 1. （1）), 专栏 boxes
//! and 图 captions: the numbered lines of a plan.

use crate::cjk::{is_numeral_char, is_space, parse_small_numeral};
use crate::source::Span;

/// Outline levels, shallowest first: the ordinal divisions of long plans
/// (第X篇 or 第X部分, 第X章, 第X节) above the four levels of GB/T 9704
/// numbering (一、 / （一） / 1. / （1））.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Part = 1,
    Chapter = 2,
    Section = 3,
    One = 4,
    Two = 5,
    Three = 6,
    Four = 7,
}

impl Level {
    pub fn depth(self) -> usize {
        self as usize
    }
}

/// The form of a heading's number, so messages can quote the expected marker
/// in the plan's own style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// 一、
    ChineseComma,
    /// （一） or, half-width, (一)
    ChineseParen { half_width: bool },
    /// 1. 1． or 1、
    ArabicPoint { point: char },
    /// （1） or, half-width, (1)
    ArabicParen { half_width: bool },
    /// 第一章, 第三节, 第二篇, 第一部分; `arabic` for 第1章.
    Ordinal { unit: Division, arabic: bool },
}

/// The word of an ordinal heading: 第X篇, 第X部分, 第X章, 第X节.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Division {
    /// 篇
    Part,
    /// 部分 (a part, as some plans and reports name it)
    Portion,
    /// 章
    Chapter,
    /// 节
    Section,
}

impl Division {
    pub fn word(self) -> &'static str {
        match self {
            Division::Part => "篇",
            Division::Portion => "部分",
            Division::Chapter => "章",
            Division::Section => "节",
        }
    }

    fn level(self) -> Level {
        match self {
            Division::Part | Division::Portion => Level::Part,
            Division::Chapter => Level::Chapter,
            Division::Section => Level::Section,
        }
    }
}

impl MarkerStyle {
    pub fn level(self) -> Level {
        match self {
            MarkerStyle::ChineseComma => Level::One,
            MarkerStyle::ChineseParen { .. } => Level::Two,
            MarkerStyle::ArabicPoint { .. } => Level::Three,
            MarkerStyle::ArabicParen { .. } => Level::Four,
            MarkerStyle::Ordinal { unit, .. } => unit.level(),
        }
    }

    /// An ordinal division (第X章): a heading on its own line, never an
    /// item of a list inside the text.
    pub fn is_ordinal(self) -> bool {
        matches!(self, MarkerStyle::Ordinal { .. })
    }

    pub fn is_half_width(self) -> bool {
        matches!(
            self,
            MarkerStyle::ChineseParen { half_width: true }
                | MarkerStyle::ArabicParen { half_width: true }
        )
    }

    /// The marker for number `n` in this style.
    pub fn marker(self, n: u32) -> String {
        let cn = crate::cjk::small_numeral(n);
        match self {
            MarkerStyle::ChineseComma => format!("{cn}、"),
            MarkerStyle::ChineseParen { half_width: false } => format!("（{cn}）"),
            MarkerStyle::ChineseParen { half_width: true } => format!("({cn})"),
            MarkerStyle::ArabicPoint { point } => format!("{n}{point}"),
            MarkerStyle::ArabicParen { half_width: false } => format!("（{n}）"),
            MarkerStyle::ArabicParen { half_width: true } => format!("({n})"),
            MarkerStyle::Ordinal {
                unit,
                arabic: false,
            } => format!("第{cn}{}", unit.word()),
            MarkerStyle::Ordinal { unit, arabic: true } => format!("第{n}{}", unit.word()),
        }
    }

    /// The same style with full-width brackets.
    pub fn full_width(self) -> Self {
        match self {
            MarkerStyle::ChineseParen { .. } => MarkerStyle::ChineseParen { half_width: false },
            MarkerStyle::ArabicParen { .. } => MarkerStyle::ArabicParen { half_width: false },
            other => other,
        }
    }
}

/// A numbered outline heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Index of the plan (or notice) the heading belongs to.
    pub plan: usize,
    pub level: Level,
    pub number: u32,
    pub style: MarkerStyle,
    /// The marker with its brackets or point: `（一）`, `一、`, `1.`.
    pub marker: Span,
    /// The heading text after the marker, up to and including the first
    /// sentence end, or to the end of the line.
    pub title: Span,
    /// The numbering sequence it belongs to: an index into
    /// `Document::groups`. Siblings share a group.
    pub group: usize,
    /// The part of the plan it numbers: an index into `Document::parts`.
    pub part: usize,
}

/// A numbering sequence: the headings of one level under one parent, or an
/// enumeration inside the text that reuses heading markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub plan: usize,
    pub level: Level,
    /// An enumeration inside a section, not part of the outline: it starts
    /// at 1 after a colon (以下规定：一、…) or restarts a level whose
    /// sequence is still open (…六、 then 一、二、三、 inside part 六).
    pub inline: bool,
    /// For an outline group under a new parent, the last number of the
    /// previous group of its level in the plan: documents that number a
    /// level straight through (建议 1.–60. across its parts) start at the
    /// next number instead of 1.
    pub carried: Option<u32>,
    /// For an inline group, the outline group of its level that was open
    /// where it started: a "list" of one item that restarts an open
    /// sequence is more likely a misnumbered heading of that group.
    pub outer: Option<usize>,
}

/// Assigns each heading of a plan (in document order) to its numbering
/// group; `groups` grows by the plan's groups. `text` is the source text.
///
/// A heading joins the open group of its level when it continues it; an
/// inline enumeration starts at 1 after a colon, or where its level's
/// outline sequence is still open and running text stands between it and
/// the heading before it (a list inside a section's prose; a heading that
/// goes back to 1 right after its sibling is a numbering slip), and ends at
/// the first heading of its level that does not continue it (the outer
/// sequence resumes there). A heading of a shallower level closes every
/// deeper group.
///
/// `boxes` are the starts of the plan's 专栏 captions: items right after a
/// caption number the box's own list.
pub fn assign_groups<'h>(
    headings: impl IntoIterator<Item = &'h mut Heading>,
    plan: usize,
    text: &str,
    boxes: &[usize],
    groups: &mut Vec<Group>,
) {
    struct Open {
        group: usize,
        level: Level,
        inline: bool,
        last: u32,
    }
    let mut open: Vec<Open> = Vec::new();
    // Last number of the last closed outline group, per level.
    let mut closed_last: std::collections::HashMap<Level, u32> = Default::default();
    let mut prev_end: Option<usize> = None;
    for h in headings {
        let from = prev_end.unwrap_or(0).min(h.marker.start);
        let prose_between = prev_end.is_some()
            && text[from..h.marker.start]
                .chars()
                .any(|c| !crate::cjk::is_space(c));
        let after_box = boxes.iter().any(|&b| from <= b && b < h.marker.start);
        prev_end = Some(h.title.end);
        // Deeper groups end at a shallower heading.
        while let Some(o) = open.last() {
            if o.level > h.level {
                let o = open.pop().expect("checked");
                if !o.inline {
                    closed_last.insert(o.level, o.last);
                }
            } else {
                break;
            }
        }
        // An inline run of this level continues (a slip inside it, a
        // repeated or skipped number, stays in it), or ends where the outer
        // sequence resumes or the numbers go elsewhere.
        let outer_next = open
            .iter()
            .rev()
            .find(|o| o.level == h.level && !o.inline)
            .map(|o| o.last + 1);
        if let Some(o) = open.last_mut() {
            if o.level == h.level && o.inline {
                let next = h.number == o.last + 1;
                let slip =
                    Some(h.number) != outer_next && h.number >= o.last && h.number <= o.last + 3;
                if next || slip {
                    o.last = h.number;
                    h.group = o.group;
                    continue;
                }
                open.pop();
            }
        }
        let outline = open.iter().rposition(|o| o.level == h.level && !o.inline);
        let after_colon = text[..h.marker.start]
            .trim_end_matches(crate::cjk::is_space)
            .ends_with(['：', ':']);
        let restarts = outline.is_some_and(|k| open[k].last >= 1) && prose_between;
        if h.number == 1 && !h.style.is_ordinal() && (after_colon || restarts || after_box) {
            groups.push(Group {
                plan,
                level: h.level,
                inline: true,
                carried: None,
                outer: outline.filter(|_| !after_box).map(|k| open[k].group),
            });
            h.group = groups.len() - 1;
            open.push(Open {
                group: h.group,
                level: h.level,
                inline: true,
                last: 1,
            });
            continue;
        }
        match outline {
            Some(k) => {
                open[k].last = h.number;
                h.group = open[k].group;
            }
            None => {
                groups.push(Group {
                    plan,
                    level: h.level,
                    inline: false,
                    carried: closed_last.get(&h.level).copied(),
                    outer: None,
                });
                h.group = groups.len() - 1;
                open.push(Open {
                    group: h.group,
                    level: h.level,
                    inline: false,
                    last: h.number,
                });
            }
        }
    }
}

/// Assigns the headings of a table or of notes to their groups: one
/// enumeration per level, counted on its own (notes count 1, 2, 3 under
/// their label, whatever the text around them numbers).
pub fn assign_flat_groups<'h>(
    headings: impl IntoIterator<Item = &'h mut Heading>,
    plan: usize,
    groups: &mut Vec<Group>,
) {
    let mut by_level: Vec<(Level, usize)> = Vec::new();
    for h in headings {
        let group = match by_level.iter().find(|(l, _)| *l == h.level) {
            Some(&(_, g)) => g,
            None => {
                groups.push(Group {
                    plan,
                    level: h.level,
                    inline: true,
                    carried: None,
                    outer: None,
                });
                by_level.push((h.level, groups.len() - 1));
                groups.len() - 1
            }
        };
        h.group = group;
    }
}

impl Heading {
    pub fn span(&self) -> Span {
        Span::new(self.marker.start, self.title.end)
    }
}

/// A numbered caption line: `专栏 3 “四带”定位与布局` or `图1 兰州经济圈…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    pub plan: usize,
    pub number: u32,
    /// `专栏 3` or `图1`: the word and its number.
    pub label: Span,
    /// The caption text after the number (may be empty).
    pub title: Span,
}

impl Caption {
    pub fn span(&self) -> Span {
        Span::new(self.label.start, self.title.end.max(self.label.end))
    }
}

/// What a heading marker at the start of `line` looks like: its style, number
/// and length in bytes (marker only, without spaces after it).
pub(crate) fn parse_marker(line: &str) -> Option<(MarkerStyle, u32, usize)> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    match first {
        '第' => parse_ordinal(line),
        '（' | '(' => {
            let half_width = first == '(';
            let close = if half_width { ')' } else { '）' };
            let inner_start = first.len_utf8();
            let inner_end = inner_start + line[inner_start..].find(close)?;
            let inner = &line[inner_start..inner_end];
            let len = inner_end + close.len_utf8();
            if !inner.is_empty() && inner.chars().all(is_numeral_char) {
                let n = parse_small_numeral(inner)?;
                Some((MarkerStyle::ChineseParen { half_width }, n, len))
            } else if !inner.is_empty()
                && inner.len() <= 3
                && inner.bytes().all(|b| b.is_ascii_digit())
            {
                let n = inner.parse().ok()?;
                Some((MarkerStyle::ArabicParen { half_width }, n, len))
            } else {
                None
            }
        }
        c if is_numeral_char(c) && c != '〇' && c != '零' => {
            let end = line.find(|c: char| !is_numeral_char(c))?;
            if !line[end..].starts_with('、') {
                return None;
            }
            let n = parse_small_numeral(&line[..end])?;
            Some((MarkerStyle::ChineseComma, n, end + '、'.len_utf8()))
        }
        c if c.is_ascii_digit() => {
            let end = line.find(|c: char| !c.is_ascii_digit())?;
            if end > 3 {
                return None;
            }
            let point = line[end..].chars().next()?;
            if !matches!(point, '.' | '．' | '、') {
                return None;
            }
            let after = &line[end + point.len_utf8()..];
            // 1.2亿 is a number, not a heading.
            if after
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_digit() || c == '%')
            {
                return None;
            }
            let n = line[..end].parse().ok()?;
            Some((
                MarkerStyle::ArabicPoint { point },
                n,
                end + point.len_utf8(),
            ))
        }
        _ => None,
    }
}

/// Longest title of an ordinal heading line (第X章 …), in characters: a
/// longer line is prose that starts with an ordinal.
const MAX_ORDINAL_LINE_CHARS: usize = 60;

/// 第一章 / 第十二节 / 第3篇 / 第一部分 at the start of a line that reads as a
/// heading: the word is followed by a space, a title or the line end, and the
/// line holds no sentence punctuation (第二章规定，… is prose).
fn parse_ordinal(line: &str) -> Option<(MarkerStyle, u32, usize)> {
    let (unit, n, arabic, len) = ordinal_at(line)?;
    if n == 0
        || line.contains(['。', '，', '；', '？', '！', '：'])
        || line.chars().count() > MAX_ORDINAL_LINE_CHARS
    {
        return None;
    }
    Some((MarkerStyle::Ordinal { unit, arabic }, n, len))
}

/// The ordinal at the start of `s` (第一章, 第12节, 第三部分): its division,
/// number, whether the number is in Arabic digits, and its length in bytes.
pub(crate) fn ordinal_at(s: &str) -> Option<(Division, u32, bool, usize)> {
    let rest = s.strip_prefix('第')?;
    let digits = rest
        .find(|c: char| !(is_numeral_char(c) || c.is_ascii_digit()))
        .unwrap_or(rest.len());
    if digits == 0 {
        return None;
    }
    let numeral = &rest[..digits];
    let (n, arabic) = if numeral.bytes().all(|b| b.is_ascii_digit()) {
        (numeral.parse().ok()?, true)
    } else {
        (parse_small_numeral(numeral)?, false)
    };
    let unit = [
        Division::Portion,
        Division::Part,
        Division::Chapter,
        Division::Section,
    ]
    .into_iter()
    .find(|u| rest[digits..].starts_with(u.word()))?;
    Some((
        unit,
        n,
        arabic,
        '第'.len_utf8() + digits + unit.word().len(),
    ))
}

/// Reads a caption label (`专栏 3`, `图1`, `图 2`) at the start of `line`;
/// returns the number and the byte length of the label.
pub(crate) fn parse_caption_label(line: &str, word: &str) -> Option<(u32, usize)> {
    let rest = line.strip_prefix(word)?;
    let digits_at = rest.len() - rest.trim_start_matches(is_space).len();
    let digits = &rest[digits_at..];
    let len = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    if len == 0 || len > 3 {
        return None;
    }
    // 图1 followed by a letter or digit-ish continuation is not a caption: 图10万
    let after = digits[len..].chars().next();
    if after.is_some_and(|c| c == '.' || c == '%' || c == '万' || c.is_ascii_alphanumeric()) {
        return None;
    }
    let n = digits[..len].parse().ok()?;
    Some((n, word.len() + digits_at + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let cases = [
            ("一、规划背景", Some((MarkerStyle::ChineseComma, 1, 6))),
            (
                "十一、加强规划实施保障",
                Some((MarkerStyle::ChineseComma, 11, 9)),
            ),
            (
                "（一）发展基础。",
                Some((MarkerStyle::ChineseParen { half_width: false }, 1, 9)),
            ),
            (
                "(一) 做强做大",
                Some((MarkerStyle::ChineseParen { half_width: true }, 1, 5)),
            ),
            (
                "1.加强组织领导",
                Some((MarkerStyle::ArabicPoint { point: '.' }, 1, 2)),
            ),
            (
                "12．完善",
                Some((MarkerStyle::ArabicPoint { point: '．' }, 12, 5)),
            ),
            (
                "（3）推进",
                Some((MarkerStyle::ArabicParen { half_width: false }, 3, 7)),
            ),
            ("1.2亿元", None),
            ("2021年", None),
            ("一是加强", None),
            ("（城关、七里河）", None),
            ("(此件公开发布)", None),
            ("两当县", None),
            (
                "第一篇　开启全面建设社会主义现代化国家新征程",
                Some((
                    MarkerStyle::Ordinal {
                        unit: Division::Part,
                        arabic: false,
                    },
                    1,
                    9,
                )),
            ),
            (
                "第六十五章　完善规划实施机制",
                Some((
                    MarkerStyle::Ordinal {
                        unit: Division::Chapter,
                        arabic: false,
                    },
                    65,
                    15,
                )),
            ),
            (
                "第2节 推进",
                Some((
                    MarkerStyle::Ordinal {
                        unit: Division::Section,
                        arabic: true,
                    },
                    2,
                    7,
                )),
            ),
            (
                "第一部分",
                Some((
                    MarkerStyle::Ordinal {
                        unit: Division::Portion,
                        arabic: false,
                    },
                    1,
                    12,
                )),
            ),
            ("第二章规定，县级以上人民政府应当编制规划。", None),
            ("第一次全国污染源普查", None),
            ("第三产业增加值", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_marker(line), want, "{line}");
        }
    }

    #[test]
    fn caption_labels() {
        assert_eq!(
            parse_caption_label("专栏 1 “一核”定位", "专栏"),
            Some((1, 8))
        );
        assert_eq!(parse_caption_label("图1 兰州", "图"), Some((1, 4)));
        assert_eq!(parse_caption_label("图 12 陇东南", "图"), Some((12, 6)));
        assert_eq!(parse_caption_label("图书馆", "图"), None);
        assert_eq!(parse_caption_label("图10万", "图"), None);
    }
}
