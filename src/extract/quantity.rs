//! Quantities: numbers with the measure they state (总人口), the region they
//! are about (the plan's region, a member city, 全省), the year they refer to
//! (2020年末, 到2025年) and how they relate (a level, a change, a share of a
//! whole); 分别 groups that pair values with what they belong to; ratio
//! statements (17.90：29.86：52.24); year ranges, phases and the plan period.
//!
//! One pass over each text unit; indexes are built by the rules that need them.

use aho_corasick::{AhoCorasick, MatchKind};

use super::decimal::{format_fixed, Decimal, Interval};
use super::number::{Bound, NumUnit, NumberToken, Scanner};
use super::{text_units, UnitKind};
use crate::document::paragraph::sentence_ranges;
use crate::document::{Document, JoinedText};
use crate::lexicon::{Lexicon, MeasureKind, Scale, PERCENT};
use crate::source::{SourceFile, Span};

/// How a quantity relates to its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The measure's value: 总人口1050.53万人.
    Level,
    /// A change of the measure: 增长29.1%, 提高3.5个百分点.
    Change { annual: bool },
    /// A share of a whole: 占全省的41.09%.
    Share,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub plan: usize,
    pub unit_kind: UnitKind,
    /// The number with its unit, in the original text.
    pub span: Span,
    /// As printed, page breaks removed.
    pub text: String,
    pub value: Decimal,
    pub upper: Option<Decimal>,
    pub unit: NumUnit,
    pub bound: Bound,
    pub plus_minus: bool,
    /// Power of ten of the magnitude word (4 for 万).
    pub magnitude: i32,
    /// What follows the digits as printed: 万人, 亿元, %, 万平方公里.
    pub suffix: String,
    pub measure: Option<usize>,
    pub measure_span: Option<Span>,
    /// For a change named by a growth or change measure (地区生产总值年均
    /// 增长, 单位GDP能耗降低): that measure; `measure` is then the level it
    /// moves where the catalogue names one.
    pub change_measure: Option<usize>,
    /// The value a movement starts from (由60.6%提高到65%).
    pub starting: bool,
    /// The region it is about: the plan's region unless the sentence names another.
    pub subject: Option<String>,
    /// For a share: the whole it is a share of (全省).
    pub whole: Option<String>,
    pub year: Option<u32>,
    /// Stated for a target year (到2025年 …) rather than as a fact.
    pub target: bool,
    pub kind: Kind,
    /// The 分别 group it is a value of.
    pub group: Option<usize>,
    /// For a share: the figure it is a share of the whole of (the region's
    /// 总人口 for 占全省的41.09%), paired by 分别 or stated just before it.
    pub part: Option<usize>,
    /// A change of a rate or share (城镇化率提高3.5%, 高出全省平均水平3.5%):
    /// in percent it is ambiguous between points and a relative change.
    pub rate_change: bool,
    /// Sentence number within the file, for keeping comparisons local.
    pub sentence: usize,
}

impl Quantity {
    /// A single value, not a range and not a bound (以上, 多).
    pub fn is_point(&self) -> bool {
        self.upper.is_none()
            && matches!(self.bound, Bound::Exact | Bound::About)
            && !self.plus_minus
    }

    /// The dimension of its unit and the factor to base units: (`area`, 1e6)
    /// for 平方公里, (`population/area`, 1e-6) for 人/平方公里, (`percent`, 1)
    /// for %. `None` for bare numbers, years, 个百分点 and 倍. A per-capita
    /// measure's unwritten denominator is applied: 39568元 of 人均地区生产总值
    /// is money/population.
    pub fn dimension(&self, lexicon: &Lexicon) -> Option<(String, f64)> {
        dimension_of(self.unit, self.measure, lexicon)
    }

    /// The printed value's interval in base units; "约" widens it to a
    /// whole unit of the last digit either side.
    pub fn base_interval(&self, lexicon: &Lexicon) -> Option<Interval> {
        let (_, factor) = self.dimension(lexicon)?;
        let i = if self.bound == Bound::About {
            let ulp = 10f64.powi(self.value.exp);
            Interval::new(self.value.to_f64() - ulp, self.value.to_f64() + ulp)
        } else {
            self.value.interval()
        };
        Some(i.scale(factor))
    }

    /// Digits after the point as printed (2 for 1050.53万人).
    pub fn printed_decimals(&self) -> usize {
        (self.magnitude - self.value.exp).max(0) as usize
    }

    /// Writes `x` (in the same units as `value`) the way this quantity is
    /// printed: with its magnitude word and unit, and `decimals` digits.
    pub fn display(&self, x: f64, decimals: usize) -> String {
        let shown = x / 10f64.powi(self.magnitude);
        format!("{}{}", format_fixed(shown, decimals), self.suffix)
    }
}

/// A 分别 group: what comes before 分别 and the values after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Respectively {
    pub plan: usize,
    /// The word 分别.
    pub span: Span,
    /// What the values belong to: quantities earlier in the sentence, or the
    /// items of a list just before 分别. Empty when it cannot be told.
    pub subjects: Vec<Span>,
    /// Whether the subjects are quantities (indices in `quantities`), paired in order.
    pub subject_quantities: Vec<usize>,
    /// Joiners (和, 及, 与) inside a 、 list: each may or may not join two
    /// items (信息传输软件和信息技术服务业 is one), so the list has between
    /// `subjects.len()` and `subjects.len() + extra` items.
    pub extra: usize,
    /// The values after 分别, indices in `quantities`.
    pub values: Vec<usize>,
    /// The whole clause of values, for labels.
    pub values_span: Span,
}

/// A ratio of parts: 三次产业结构比为17.90：29.86：52.24.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratio {
    pub plan: usize,
    pub span: Span,
    pub text: String,
    pub terms: Vec<Decimal>,
    /// The words before the ratio in its clause: 三次产业结构比为.
    pub lead: String,
}

/// A range of years: the plan period, a phase, or any other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRange {
    pub plan: usize,
    pub span: Span,
    pub text: String,
    pub from: u32,
    pub to: u32,
    /// 第N阶段 right before it: the phase number.
    pub phase: Option<u32>,
    /// Stated as the plan period (规划期为 …).
    pub period: bool,
}

/// A single year stated as a target: 到2025年, 2030年前.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetYear {
    pub plan: usize,
    pub span: Span,
    pub year: u32,
    /// Stated as the outlook year (展望至2035年).
    pub outlook: bool,
}

/// The regions a plan speaks of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanRegions {
    /// The plan's own region, from its title (兰州经济圈).
    pub name: Option<String>,
    /// The members its scope sentence lists (兰州市, 白银市 …).
    pub members: Vec<String>,
    /// Where each member stands in the scope sentence.
    pub member_spans: Vec<Span>,
}

#[derive(Debug, Clone, Default)]
pub struct Quantities {
    /// In extraction order (paragraphs first, then headings, captions and
    /// table cells), which other fields index into; not sorted by position.
    pub items: Vec<Quantity>,
    pub groups: Vec<Respectively>,
    pub ratios: Vec<Ratio>,
    pub year_ranges: Vec<YearRange>,
    pub target_years: Vec<TargetYear>,
    pub regions: Vec<PlanRegions>,
}

/// The subject of figures in a plan whose title names no region.
pub const UNNAMED_REGION: &str = "本规划范围";

/// Words for wholes that are not the plan's own region.
pub const WHOLES: &[(&str, &str)] = &[
    ("全省", "全省"),
    ("我省", "全省"),
    ("本省", "全省"),
    ("全国", "全国"),
    ("全市", "全市"),
    ("全州", "全州"),
];

/// The five-year period a plan title names: “十四五” or 第十四个五年 →
/// 2021—2025. The third plan (1966—1970) onwards follow each other every
/// five years.
pub fn title_period(title: &str) -> Option<(u32, u32)> {
    let chars: Vec<char> = title.chars().collect();
    for (i, w) in chars.windows(3).enumerate() {
        let ordinal = match w {
            ['十', d, '五'] => crate::cjk::digit_value(*d),
            ['十', d, '个'] if chars.get(i + 3) == Some(&'五') => crate::cjk::digit_value(*d),
            _ => None,
        };
        if let Some(d) = ordinal.filter(|&d| (1..=9).contains(&d)) {
            let n = 10 + d;
            let from = 1966 + 5 * (n - 3);
            return Some((from, from + 4));
        }
    }
    None
}

/// The year a figure is a target for: its own (到2025年 …), or, for a figure
/// with no year under a heading of the plan's goals (主要目标, 发展目标, not
/// 远景目标), the last year of the plan's period.
pub fn target_year(
    doc: &Document,
    text: &str,
    quantities: &Quantities,
    q: &Quantity,
) -> Option<u32> {
    if q.target {
        return q.year;
    }
    if q.year.is_some() {
        return None;
    }
    let headings = &doc.headings;
    let upto = headings.partition_point(|h| h.title.start < q.span.start);
    let mut level = None;
    let mut goals = false;
    for h in headings[..upto].iter().rev() {
        if h.plan != q.plan {
            break;
        }
        if level.is_some_and(|l| h.level >= l) {
            continue;
        }
        level = Some(h.level);
        let title = &text[h.title.range()];
        if title.contains("远景") || title.contains("2035") {
            return None;
        }
        goals |= title.contains("目标");
    }
    if !goals {
        return None;
    }
    plan_period(doc, text, quantities, q.plan).map(|p| p.1)
}

/// A plan's period: the one it states (规划期为2021—2025年), else the five
/// years its title names (“十四五”).
pub fn plan_period(
    doc: &Document,
    text: &str,
    quantities: &Quantities,
    plan: usize,
) -> Option<(u32, u32)> {
    let stated = quantities
        .year_ranges
        .iter()
        .find(|r| r.plan == plan && r.period)
        .map(|r| (r.from, r.to));
    stated.or_else(|| {
        let title = doc.plans.get(plan)?.title?;
        title_period(&text[title.range()])
    })
}

/// The level of the region a subject names: 全国 and the country's own plan
/// are national, 全省 and a province's plan provincial, 全市 and a city's,
/// county's or district's plan below. `None` for a subject whose level the
/// name does not show (an economic circle of several cities, a report).
pub fn scale_of(subject: &str) -> Option<Scale> {
    const MUNICIPALITIES: &[&str] = &["北京", "天津", "上海", "重庆"];
    if subject.contains("中华人民共和国") || matches!(subject, "全国" | "我国") {
        return Some(Scale::National);
    }
    if matches!(subject, "全省" | "我省" | "本省")
        || subject.ends_with('省')
        || (subject.ends_with("自治区") && !subject.ends_with("旗自治区"))
        || MUNICIPALITIES
            .iter()
            .any(|m| subject == *m || subject.strip_prefix(m) == Some("市"))
    {
        return Some(Scale::Province);
    }
    let city = ["市", "州", "县", "区", "盟", "旗", "地区"];
    (matches!(subject, "全市" | "全州" | "全县") || city.iter().any(|c| subject.ends_with(c)))
        .then_some(Scale::City)
}

/// Suffixes a title adds to the region name: “十四五”兰州经济圈发展规划.
const TITLE_SUFFIXES: &[&str] = &[
    "发展规划纲要",
    "规划纲要",
    "发展规划",
    "建设规划",
    "规划",
    "实施方案",
];

/// Words that may stand between a measure's name and its number
/// (总人口达到1050.53万人, 地区生产总值年均增长6.5%); anything else there means
/// the name belongs to a longer noun (劳动人口平均受教育年限).
const LINKING: &[&str] = &[
    "达到了",
    "达到",
    "高达",
    "达",
    "为",
    "是",
    "约",
    "近",
    "共",
    "总计",
    "合计",
    "累计",
    "超过",
    "突破",
    "增长",
    "增加",
    "提高到",
    "提高至",
    "提高",
    "提升至",
    "提升到",
    "提升",
    "下降",
    "降低",
    "减少",
    "上升",
    "年均",
    "分别",
    "的",
    "比重",
    "比例",
    "占比",
    "年末",
    "年底",
    "末",
    "已经",
    "已",
    "将",
    "由",
    "至",
    "到",
    "了",
    "稳定在",
    "保持在",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "控制在",
    "实现",
    "预计",
    "力争",
    "仅",
    "全年",
];

/// Longest stretch between a measure's name and its number that linking
/// words (and a year) can fill; names further back are not looked at, which
/// keeps the search bounded however many names a clause holds.
const MAX_LINK_BYTES: usize = 96;

/// What a clause has said before the current number.
#[derive(Default)]
struct ClauseState {
    /// Where the last 占 stands.
    share_at: Option<usize>,
    /// The last change or comparison verb and where it stands.
    verb: Option<(usize, &'static str)>,
    /// 年均 was said: a change is an annual rate.
    annual: bool,
}

impl ClauseState {
    /// Reads `text`, which starts at `at`, once.
    fn read(&mut self, text: &str, at: usize) {
        if let Some(i) = text.rfind('占') {
            self.share_at = Some(at + i);
        }
        for v in CHANGE_VERBS.iter().chain(COMPARE_VERBS) {
            if let Some(i) = text.rfind(v) {
                if self.verb.is_none_or(|(p, _)| at + i > p) {
                    self.verb = Some((at + i, v));
                }
            }
        }
        self.annual |= text.contains("年均");
    }
}

/// The text from `a` to `b` with the years in it left out (2020 年末总人口
/// → 年末总人口 between a measure and its number).
fn years_removed(t: &str, toks: &[&NumberToken], a: usize, b: usize) -> String {
    let mut gap = String::new();
    let mut at = a;
    let first = toks.partition_point(|o| o.start < a);
    // A starting value (由60.6%提高到65%, 从2.9人提高到3.2人) stands between
    // the measure and its target like a year.
    let starts_from = |o: &NumberToken| starts_a_movement(&t[a..o.start]);
    for o in toks[first..]
        .iter()
        .take_while(|o| o.end <= b)
        .filter(|o| o.unit == NumUnit::Year || starts_from(o))
    {
        gap.push_str(&t[at..o.start]);
        at = o.end;
    }
    gap.push_str(&t[at..b]);
    gap
}

/// Whether text ending here introduces a starting value: 由60.6%, 从2019年
/// 的10.8年 (`before` is the text up to the value).
pub fn starts_a_movement(before: &str) -> bool {
    let b = before.trim_end_matches(crate::cjk::is_space);
    let b = b.strip_suffix('的').unwrap_or(b);
    let b = b.trim_end_matches(|c: char| c.is_ascii_digit() || c == '年');
    b.ends_with('由') || b.ends_with('从')
}

/// Whether `gap` is made only of linking words (and white space).
fn only_linking(gap: &str) -> bool {
    let mut rest = gap.trim_matches(crate::cjk::is_space);
    while !rest.is_empty() {
        match LINKING.iter().find(|w| rest.starts_with(*w)) {
            Some(w) => rest = rest[w.len()..].trim_start_matches(crate::cjk::is_space),
            None => return false,
        }
    }
    true
}

/// Words that end the name of a rate or share: 城镇化率, 比重, 依存度.
const RATE_WORDS: &[&str] = &["率", "比重", "比例", "占比", "份额", "依存度", "系数"];
/// Verbs that compare one rate with another (高出全省平均水平3.5%).
const COMPARE_VERBS: &[&str] = &["高出", "高于", "低于", "超出"];
/// Comparison verbs that, right before a number, bound a level instead
/// (失业率低于5.5%, 优良天数比率高于87%).
const BOUND_VERBS: &[&str] = &["高于", "低于"];

/// Verbs that make the following number a change rather than a level.
const CHANGE_VERBS: &[&str] = &[
    "增长", "增加", "提高", "提升", "下降", "降低", "减少", "上升", "高出", "回落", "扩大", "缩小",
];

/// Region name from a plan title: strip the period in quotes and the suffix.
pub fn region_from_title(title: &str) -> Option<String> {
    let mut s = title.trim();
    // 甘肃省“十四五”…, 北京市国民经济和社会发展第十四个五年规划…,
    // 中华人民共和国国民经济…: the region comes before the plan's kind.
    if let Some(i) = [
        "“",
        "国民经济和社会发展",
        "第十",
        "十四五",
        "十五五",
        "十三五",
    ]
    .iter()
    .filter_map(|w| s.find(w))
    .min()
    .filter(|&i| s[..i].chars().count() >= 2)
    {
        return Some(s[..i].to_owned());
    }
    if let Some(rest) = s.strip_prefix('“') {
        s = rest.split_once('”').map_or(rest, |(_, after)| after);
    }
    for suffix in TITLE_SUFFIXES {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped;
            break;
        }
    }
    let s = s.strip_suffix("区域").unwrap_or(s);
    (s.chars().count() >= 2).then(|| s.to_owned())
}

/// Administrative suffixes of region names, longest first.
const ADMIN_SUFFIXES: &[&str] = &[
    "回族自治州",
    "藏族自治州",
    "自治州",
    "地区",
    "市",
    "州",
    "县",
    "区",
];

/// A region name without its administrative suffix, and the suffix:
/// 临夏回族自治州 → (临夏, 回族自治州), 白银市 → (白银, 市). `None` when the
/// name has no such suffix or the rest would be shorter than two characters.
pub fn region_base(name: &str) -> Option<(&str, &str)> {
    let suffix = ADMIN_SUFFIXES.iter().find(|s| name.ends_with(*s))?;
    let base = &name[..name.len() - suffix.len()];
    (base.chars().count() >= 2).then_some((base, *suffix))
}

/// Short forms of a member name: 临夏回族自治州 → 临夏, 临夏州; 白银市 → 白银.
fn short_forms(name: &str) -> Vec<String> {
    match region_base(name) {
        Some((base, suffix)) if suffix.ends_with("自治州") => {
            vec![base.to_owned(), format!("{base}州")]
        }
        Some((base, _)) => vec![base.to_owned()],
        None => Vec::new(),
    }
}

/// Words a place's name ends with.
pub const PLACE_ENDINGS: &[&str] = &[
    "市", "州", "县", "区", "盟", "旗", "镇", "乡", "村", "城区", "县域", "城市", "地区", "园区",
];

/// The place a figure's clause opens with when the plan's region matcher
/// does not know it (深汕特别合作区常住人口超32万人): its figures are that
/// place's, not the plan's. A clause that opens with the figure's measure
/// (…，地区生产总值达1100亿元) is about the place the clause before it in
/// the sentence opened with; time phrases (到2030年) are skipped.
/// `clauses` are the sentence's clauses up to the figure's, `before` where
/// the figure's measure (or the figure) starts.
fn place_opening<'t>(t: &'t str, clauses: &[(usize, usize)], before: usize) -> Option<&'t str> {
    let (&(c_start, _), earlier) = clauses.split_last()?;
    let head = t[c_start..before.max(c_start)].trim_matches(crate::cjk::is_space);
    if !head.is_empty() {
        return place_at_start(head);
    }
    let prev = earlier
        .iter()
        .rev()
        .map(|&(a, b)| t[a..b].trim_matches(|c: char| crate::cjk::is_space(c) || c == '，'))
        .find(|c| !starts_with_time(c))?;
    place_at_start(prev)
}

/// The name of a place a clause opens with: Han characters up to a place
/// ending, before any figure or mark; an administrative division (兰州市,
/// 定西县), or a longer name (深汕特别合作区). 全市, 本区, 各县 and a
/// generic word (示范区, 地区生产总值) name no other place.
pub fn place_at_start(clause: &str) -> Option<&str> {
    let end = clause
        .find(|c: char| !crate::cjk::is_han(c))
        .unwrap_or(clause.len());
    let head = &clause[..end];
    if head.starts_with(['全', '本', '该', '各', '我', '其']) {
        return None;
    }
    head.char_indices().skip(1).find_map(|(i, c)| {
        let name = &head[..i + c.len_utf8()];
        let chars = name.chars().count();
        let division = name.ends_with(['市', '县', '州', '盟', '旗']) && chars >= 3;
        let named = PLACE_ENDINGS.iter().any(|w| name.ends_with(w)) && chars >= 4;
        (division || named).then_some(name)
    })
}

/// Whether a place a clause names is the plan's own region by another
/// name: it starts as the region's name does (河西五市 in a plan of 河西走廊
/// 经济带), or it counts places (河西五市, 兰白两市: a group of the plan's).
fn same_place(name: &str, own: Option<&str>) -> bool {
    let counts = name.chars().any(|c| crate::cjk::digit_value(c).is_some());
    let head = |s: &str| s.chars().take(2).collect::<String>();
    counts || own.is_some_and(|own| head(own) == head(name))
}

/// A time phrase that opens a sentence: 到2030年, 2025年, “十五五”时期.
fn starts_with_time(clause: &str) -> bool {
    let c = clause.trim_start_matches(['到', '至', '在']);
    (c.starts_with(|ch: char| ch.is_ascii_digit()) && c.ends_with('年'))
        || c.ends_with("期间")
        || c.ends_with("时期")
}

/// Region names a sentence may mention, mapped to the subject they stand for.
struct RegionMatcher {
    ac: Option<AhoCorasick>,
    canonical: Vec<String>,
}

impl RegionMatcher {
    fn new(regions: &PlanRegions) -> Self {
        let mut names = Vec::new();
        let mut canonical = Vec::new();
        let mut add = |n: String, c: &str| {
            if !names.contains(&n) {
                names.push(n);
                canonical.push(c.to_owned());
            }
        };
        if let Some(name) = &regions.name {
            for n in [name.clone(), format!("{name}地区"), format!("{name}区域")] {
                add(n, name);
            }
        }
        for m in &regions.members {
            add(m.clone(), m);
            for s in short_forms(m) {
                add(s, m);
            }
        }
        for (w, c) in WHOLES {
            add((*w).to_owned(), c);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .ok();
        RegionMatcher { ac, canonical }
    }

    /// (start, end, subject) of each region mention in `text`.
    fn find(&self, text: &str) -> Vec<(usize, usize, String)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        ac.find_iter(text)
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    self.canonical[m.pattern().as_usize()].clone(),
                )
            })
            .collect()
    }
}

/// The members a plan's scope sentence lists: 本规划范围包括兰州市、白银市、
/// 定西市和临夏回族自治州4个市州. Byte ranges into `text`.
fn members_from(text: &str) -> Vec<(usize, usize)> {
    let Some(at) = ["范围包括", "范围为"]
        .iter()
        .find_map(|w| text.find(w).map(|i| i + w.len()))
    else {
        return Vec::new();
    };
    let rest = &text[at..];
    let mut end = rest.find(['，', '。', '；']).unwrap_or(rest.len());
    // Cut the count phrase: 等5个市州, 4个市州.
    if let Some(i) = rest[..end]
        .find(|c: char| c.is_ascii_digit() || c == '等' || crate::cjk::digit_value(c).is_some())
    {
        end = i;
    }
    let mut out = Vec::new();
    let mut start = at;
    let list = &text[at..at + end];
    for (i, c) in list
        .char_indices()
        .chain(std::iter::once((list.len(), '、')))
    {
        if matches!(c, '、' | '和' | '及') {
            let piece = &text[start..at + i];
            let lead = piece.len() - piece.trim_start_matches(crate::cjk::is_space).len();
            let trimmed = piece.trim_matches(crate::cjk::is_space);
            if (2..=10).contains(&trimmed.chars().count()) {
                out.push((start + lead, start + lead + trimmed.len()));
            }
            start = at + i + c.len_utf8();
        }
    }
    out
}

fn clause_ranges(s: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    for (i, c) in s[start..end].char_indices() {
        if matches!(c, '，' | '；' | '：' | '。' | '！' | '？' | ',' | ';') {
            let e = start + i + c.len_utf8();
            out.push((at, e));
            at = e;
        }
    }
    if at < end {
        out.push((at, end));
    }
    out
}

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.ends_with(w))
}

struct Builder<'a> {
    lexicon: &'a Lexicon,
    scanner: Scanner<'a>,
    out: Quantities,
    sentence: usize,
}

pub fn find_all(doc: &Document, src: &SourceFile, lexicon: &Lexicon) -> Quantities {
    let text = &src.text;
    let mut regions: Vec<PlanRegions> = doc
        .plans
        .iter()
        .map(|p| PlanRegions {
            name: p.title.and_then(|t| region_from_title(&text[t.range()])),
            members: Vec::new(),
            member_spans: Vec::new(),
        })
        .collect();
    for p in &doc.paragraphs {
        if regions[p.plan].members.is_empty() {
            let j = p.joined(text);
            for (a, b) in members_from(j.text()) {
                regions[p.plan].members.push(j.text()[a..b].to_owned());
                regions[p.plan].member_spans.push(j.span(a, b));
            }
        }
    }
    let matchers: Vec<RegionMatcher> = regions.iter().map(RegionMatcher::new).collect();
    let mut b = Builder {
        lexicon,
        scanner: Scanner::new(&lexicon.units),
        out: Quantities::default(),
        sentence: 0,
    };
    for unit in text_units(doc, text) {
        let default = regions[unit.plan].name.as_deref().unwrap_or(UNNAMED_REGION);
        b.unit(
            &unit.text,
            unit.plan,
            unit.kind,
            &matchers[unit.plan],
            Some(default),
        );
    }
    b.out.regions = regions;
    // Items stay in extraction order (paragraphs, then headings, captions,
    // cells): `part`, `group` and the groups' indices point into it.
    b.out
}

impl Builder<'_> {
    fn unit(
        &mut self,
        joined: &JoinedText<'_>,
        plan: usize,
        unit_kind: UnitKind,
        regions: &RegionMatcher,
        default: Option<&str>,
    ) {
        let t = joined.text();
        let tokens = self.scanner.scan(t);
        if tokens.is_empty() {
            return;
        }
        // Sorted, non-overlapping: searched by position, never scanned whole.
        let places = regions.find(t);
        // A guarded measure name (面积, 人口) begins the noun only after a
        // non-Chinese character, a region's name or a time word.
        let begins_noun = |at: usize| {
            let before = &t[..at];
            // …after a closing quote or bracket the name is the quoted
            // term's (新增“多田套合”面积45万亩).
            before.chars().next_back().is_none_or(|c| {
                !crate::cjk::is_han(c) && !matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》')
            }) || places.iter().any(|p| p.1 == at)
                || ["年末", "年底", "年初", "年", "末"]
                    .iter()
                    .any(|w| before.ends_with(w))
        };
        let measures: Vec<(usize, usize, usize)> =
            self.lexicon.measures.find_all(t, begins_noun).collect();
        for (s_start, s_end) in sentence_ranges(t) {
            let lo = tokens.partition_point(|k| k.start < s_start);
            let hi = tokens.partition_point(|k| k.start < s_end);
            let toks: Vec<&NumberToken> =
                tokens[lo..hi].iter().filter(|k| k.end <= s_end).collect();
            self.sentence += 1;
            if toks.is_empty() {
                continue;
            }
            let clauses = clause_ranges(t, s_start, s_end);
            let mut year: Option<u32> = None;
            let mut target = false;
            let mut start_year: Option<u32> = None;
            let mut token_items: Vec<Option<usize>> = Vec::with_capacity(toks.len());
            // What the clause has said so far, scanned once: the text between
            // the previous number and this one is read for each number.
            let mut scanned = s_start;
            let mut clause = usize::MAX;
            let mut state = ClauseState::default();
            let mut said_lizheng = false;
            for (ti, tok) in toks.iter().enumerate() {
                let ci = clauses
                    .partition_point(|&(_, b)| b <= tok.start)
                    .min(clauses.len() - 1);
                let (c_start, _) = clauses[ci];
                if ci != clause {
                    clause = ci;
                    state = ClauseState::default();
                    scanned = scanned.max(c_start);
                }
                let new_text = &t[scanned.min(tok.start)..tok.start];
                state.read(new_text, scanned.min(tok.start));
                said_lizheng |= new_text.contains("力争");
                scanned = tok.end;

                let before = t[s_start..tok.start].trim_end();
                if tok.unit == NumUnit::Year {
                    token_items.push(None);
                    self.year_token(joined, plan, t, tok, before);
                    if tok.upper.is_some() {
                        continue;
                    }
                    // 由2020年的52.2%: the year of the starting value only.
                    if ends_with_any(before, &["由", "从"]) {
                        start_year = Some(tok.value.mantissa as u32);
                        continue;
                    }
                    // 比2015年, 较2020年: a base year, not the sentence's year.
                    if !ends_with_any(before, &["比", "较", "与", "同比"]) {
                        year = Some(tok.value.mantissa as u32);
                        target = ends_with_any(before, &["到", "至", "力争到", "到了"])
                            || t[tok.end..].starts_with('前')
                            || said_lizheng;
                    }
                    continue;
                }
                // The measure: the last name before the number in its clause,
                // joined to it by linking words only (years may stand between:
                // 2020 年地区生产总值 …).
                let linked = |start_at: usize, end_at: usize| {
                    let upto = measures.partition_point(|m| m.1 <= end_at);
                    measures[..upto]
                        .iter()
                        .rev()
                        .take_while(|&&(ms, me, _)| ms >= start_at && me + MAX_LINK_BYTES >= end_at)
                        .find(|&&(_, me, _)| {
                            only_linking(&years_removed(t, &toks[..ti], me, end_at))
                        })
                        .copied()
                };
                let place_at = |at: usize| {
                    let i = places.partition_point(|p| p.0 < at);
                    places.get(i).filter(|p| p.0 == at).map(|p| p.2.clone())
                };
                let mut rate_change = false;
                let (kind, whole, mut measure, subject_before) = if let Some(at) = state.share_at {
                    // 占全省的 / 占到全省: the whole is the region named right after
                    // 占; 占地区生产总值的 names none (a share within the subject).
                    let mut after = at + '占'.len_utf8();
                    if t[after..].starts_with('到') {
                        after += '到'.len_utf8();
                    }
                    let whole = place_at(after);
                    let of_whole = linked(after, tok.start);
                    let part = linked(c_start, at);
                    // A share of 全省地区生产总值 is a share of the subject's
                    // 地区生产总值; a share of the subject's own 地区生产总值 is
                    // a share of some other measure (生态产业增加值).
                    let measure = part.or(if whole.is_some() { of_whole } else { None });
                    // 占地区生产总值比重提高2.2个百分点: the share changes.
                    let moved = state.verb.filter(|&(v_at, v)| {
                        v_at > at
                            && CHANGE_VERBS.contains(&v)
                            && ends_with_any(t[after..v_at].trim_end(), RATE_WORDS)
                            && {
                                let rest = t[v_at + v.len()..tok.start].trim_start();
                                !(rest.starts_with('至')
                                    || rest.starts_with('到')
                                    || rest.starts_with('为'))
                            }
                    });
                    if moved.is_some() {
                        rate_change = tok.unit == NumUnit::Percent;
                        let kind = Kind::Change {
                            annual: state.annual,
                        };
                        (kind, whole, measure, at)
                    } else {
                        (Kind::Share, whole, measure, at)
                    }
                } else {
                    let measure = linked(c_start, tok.start);
                    let measure_end = measure.map_or(c_start, |m| m.1);
                    // A verb after the measure, not followed by 至/到/为 (提高至10%
                    // is a level reached).
                    // 低于5.5% and 高于90% right before the number bound a
                    // level (失业率低于5.5%); with a comparand between
                    // (低于全国平均水平2个百分点) they state a difference.
                    let verb = state.verb.filter(|&(at, v)| {
                        at >= measure_end && {
                            let rest = t[at + v.len()..tok.start].trim_start();
                            let bound = BOUND_VERBS.contains(&v) && rest.is_empty();
                            !(bound
                                || rest.starts_with('至')
                                || rest.starts_with('到')
                                || rest.starts_with('为'))
                        }
                    });
                    // A growth or change measure names its verb
                    // (地区生产总值年均增长6%, 单位GDP能耗降低13.5%).
                    let names_change = measure.is_some_and(|m| {
                        self.lexicon.measures.measures[m.2].kind != MeasureKind::Level
                    });
                    let kind = match verb {
                        Some(_) => Kind::Change {
                            annual: state.annual,
                        },
                        None if names_change => Kind::Change {
                            annual: state.annual,
                        },
                        None => Kind::Level,
                    };
                    // 地区生产总值达到9016.7亿元，年均增长5.8%; 城镇化率年均提高
                    // 0.9个百分点，到2025年达到65%; …，比2019年提高0.9个百分点: a
                    // clause of linking words, verbs and years only speaks of the
                    // measure stated just before it in the sentence.
                    let measure = match measure {
                        // A clause longer than linking words and a year can
                        // fill is not one (and the bound keeps a clause of
                        // 100,000 numbers linear).
                        None if tok.start - c_start <= MAX_LINK_BYTES => {
                            let gap = years_removed(t, &toks[..ti], c_start, tok.start);
                            let gap = gap.trim_start_matches(|c: char| {
                                crate::cjk::is_space(c) || matches!(c, '，' | '、' | '；')
                            });
                            let gap = ["比上年", "比", "较"]
                                .iter()
                                .find_map(|w| gap.strip_prefix(w))
                                .unwrap_or(gap);
                            let moves = [
                                "达到",
                                "提高",
                                "提升",
                                "增长",
                                "增加",
                                "下降",
                                "降低",
                                "减少",
                                "上升",
                                "控制在",
                                "保持在",
                                "稳定在",
                            ];
                            if only_linking(gap) && moves.iter().any(|v| gap.contains(v)) {
                                self.out
                                    .items
                                    .last()
                                    .filter(|p| {
                                        p.sentence == self.sentence && p.kind != Kind::Share
                                    })
                                    .and_then(|p| p.measure)
                                    .map(|m| (0, 0, m))
                            } else {
                                None
                            }
                        }
                        some => some,
                    };
                    if let (Some((at, v)), NumUnit::Percent) = (verb, tok.unit) {
                        // What changes: the words before the verb name a rate, or
                        // the verb compares with a percentage stated just before.
                        let subject_words = t[c_start.max(crate::cjk::ceil_boundary(
                            t,
                            at.saturating_sub(MAX_LINK_BYTES),
                        ))..at]
                            .trim_end_matches(crate::cjk::is_space)
                            .trim_end_matches("年均")
                            .trim_end_matches("每年");
                        // A catalogued measure says what it is (全员劳动
                        // 生产率 is money per worker, not a rate); else the
                        // words before the verb name a rate.
                        let is_percent = |m: (usize, usize, usize)| {
                            self.lexicon.measures.measures[m.2].dimension == PERCENT
                        };
                        let measure_ends_subject = measure.is_some_and(|m| {
                            m.1 <= at
                                && t[m.1..at]
                                    .trim_matches(crate::cjk::is_space)
                                    .trim_end_matches("年均")
                                    .trim_end_matches("每年")
                                    .is_empty()
                        });
                        let names_rate = match measure {
                            Some(m) if measure_ends_subject => is_percent(m),
                            _ => {
                                RATE_WORDS.iter().any(|w| subject_words.ends_with(w))
                                    || measure.is_some_and(is_percent)
                            }
                        };
                        let compares_rate = COMPARE_VERBS.contains(&v)
                            && self.out.items.last().is_some_and(|p| {
                                p.sentence == self.sentence && p.unit == NumUnit::Percent
                            });
                        rate_change = names_rate || compares_rate;
                    }
                    (kind, None, measure, measure.map_or(tok.start, |m| m.0))
                };
                // The subject: a region named in the same clause before the
                // measure (or before 占), else the plan's own region.
                let subject = {
                    let i = places.partition_point(|p| p.1 <= subject_before);
                    places[..i]
                        .last()
                        .filter(|p| p.0 >= c_start)
                        .map(|p| p.2.clone())
                        .or_else(|| {
                            place_opening(t, &clauses[..=ci], subject_before)
                                .filter(|name| !same_place(name, default))
                                .map(str::to_owned)
                        })
                        .or_else(|| default.map(str::to_owned))
                };
                // 总人口1050.53万人，占全省的41.09%: a share with no measure of
                // its own is a share of the level stated just before it.
                let mut part = None;
                if kind == Kind::Share && measure.is_none() {
                    let prev = token_items.iter().rev().flatten().next().copied();
                    if let Some(p) = prev.filter(|&p| {
                        self.out.items[p].kind == Kind::Level && self.out.items[p].measure.is_some()
                    }) {
                        part = Some(p);
                        measure = self.out.items[p].measure.map(|m| (0, 0, m));
                    }
                }
                // 地区生产总值年均增长6%: a change of 地区生产总值, read against
                // the growth measure's range.
                let mut change_measure = None;
                if let Some(m) = measure {
                    let def = &self.lexicon.measures.measures[m.2];
                    if def.kind != MeasureKind::Level {
                        change_measure = Some(m.2);
                        if let Some(level) = def.level_of {
                            measure = Some((m.0, m.1, level));
                        }
                    } else if kind == (Kind::Change { annual: true }) {
                        change_measure = self.lexicon.measures.growth_of(m.2);
                    }
                }
                // 由(2020年的)52.2%: the value the movement starts from.
                let starting = starts_a_movement(&t[c_start..tok.start]);
                token_items.push(Some(self.out.items.len()));
                self.out.items.push(Quantity {
                    change_measure,
                    plan,
                    unit_kind,
                    span: joined.span(tok.start, tok.end),
                    text: t[tok.start..tok.end].to_owned(),
                    value: tok.value,
                    upper: tok.upper,
                    unit: tok.unit,
                    bound: tok.bound,
                    plus_minus: tok.plus_minus,
                    magnitude: tok.magnitude,
                    suffix: t[tok.value_end..tok.end]
                        .trim_matches(crate::cjk::is_space)
                        .to_owned(),
                    measure: measure.map(|m| m.2),
                    measure_span: measure.filter(|m| m.1 > m.0).map(|m| joined.span(m.0, m.1)),
                    subject,
                    whole,
                    year: if starting { start_year.or(year) } else { year },
                    target: target && !starting,
                    starting,
                    kind,
                    group: None,
                    part,
                    rate_change,
                    sentence: self.sentence,
                });
            }
            self.respectively(
                joined,
                plan,
                t,
                s_start,
                s_end,
                &clauses,
                &toks,
                &token_items,
            );
            self.ratios(joined, plan, t, &clauses, &toks);
        }
    }

    fn year_token(
        &mut self,
        joined: &JoinedText<'_>,
        plan: usize,
        t: &str,
        tok: &NumberToken,
        before: &str,
    ) {
        let before = before.trim_end();
        let span = joined.span(tok.start, tok.end);
        let text = t[tok.start..tok.end].to_owned();
        if let Some(upper) = tok.upper {
            let phase = before
                .strip_suffix('（')
                .or_else(|| before.strip_suffix('('))
                .unwrap_or(before)
                .strip_suffix("阶段")
                .and_then(|b| {
                    let i = b.rfind('第')?;
                    crate::cjk::parse_small_numeral(&b[i + '第'.len_utf8()..])
                });
            self.out.year_ranges.push(YearRange {
                plan,
                span,
                text,
                from: tok.value.mantissa as u32,
                to: upper.mantissa as u32,
                phase,
                period: before.ends_with("规划期为")
                    || before.ends_with("规划期")
                    || before.ends_with("规划期限为"),
            });
            return;
        }
        let outlook = ends_with_any(before, &["展望至", "展望到", "展望"]);
        let target = outlook || ends_with_any(before, &["到", "力争到"]);
        if target {
            self.out.target_years.push(TargetYear {
                plan,
                span,
                year: tok.value.mantissa as u32,
                outlook,
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn respectively(
        &mut self,
        joined: &JoinedText<'_>,
        plan: usize,
        t: &str,
        s_start: usize,
        s_end: usize,
        clauses: &[(usize, usize)],
        toks: &[&NumberToken],
        token_items: &[Option<usize>],
    ) {
        let mut search = s_start;
        while let Some(off) = t[search..s_end].find("分别") {
            let at = search + off;
            search = at + "分别".len();
            let Some(&(c_start, c_end)) = clauses.iter().find(|&&(a, b)| a <= at && at < b) else {
                continue;
            };
            let values: Vec<usize> = toks
                .iter()
                .zip(token_items)
                .filter(|(k, _)| k.start >= at && k.end <= c_end)
                .filter_map(|(_, i)| *i)
                .collect();
            if values.is_empty() {
                continue;
            }
            let group = self.out.groups.len();
            // Subjects: a list just before 分别 in the clause, else the
            // measured levels of the sentence before this clause.
            let before = &t[c_start..at];
            let mut subjects = Vec::new();
            let mut subject_quantities = Vec::new();
            let separators = before.matches('、').count();
            let joiners = before.matches(['和', '及', '与']).count();
            let mut extra = 0;
            if separators > 0 {
                // Items split at 、; a 和 inside may join two items or be part
                // of a name, so it widens the count instead of splitting.
                let mut start = c_start;
                for (i, _) in before.match_indices('、') {
                    subjects.push(joined.span(start, c_start + i));
                    start = c_start + i + '、'.len_utf8();
                }
                subjects.push(joined.span(start, at));
                extra = joiners;
            } else if joiners == 1 {
                let i = before.find(['和', '及', '与']).unwrap_or(0);
                subjects.push(joined.span(c_start, c_start + i));
                subjects.push(joined.span(c_start + i + '和'.len_utf8(), at));
            } else {
                subject_quantities = toks
                    .iter()
                    .zip(token_items)
                    .filter(|(k, _)| k.end <= c_start)
                    .filter_map(|(_, i)| *i)
                    .filter(|&i| {
                        let q = &self.out.items[i];
                        q.measure.is_some() && q.kind == Kind::Level
                    })
                    .collect();
                subjects = subject_quantities
                    .iter()
                    .map(|&i| self.out.items[i].span)
                    .collect();
            }
            // Pair values with subject quantities: the share of area is a share of 总面积.
            if !subject_quantities.is_empty() && subject_quantities.len() == values.len() {
                for (&s, &v) in subject_quantities.iter().zip(&values) {
                    let (measure, subject, year) = {
                        let sq = &self.out.items[s];
                        (sq.measure, sq.subject.clone(), sq.year)
                    };
                    // The pairing is more specific than the guess made from
                    // the value's neighbours, and replaces it.
                    let vq = &mut self.out.items[v];
                    vq.measure = measure;
                    vq.measure_span = None;
                    if vq.kind == Kind::Share {
                        vq.part = Some(s);
                    }
                    vq.subject = subject;
                    vq.year = vq.year.or(year);
                }
            }
            for &v in &values {
                self.out.items[v].group = Some(group);
            }
            let values_span = Span::new(
                self.out.items[values[0]].span.start,
                self.out.items[values[values.len() - 1]].span.end,
            );
            self.out.groups.push(Respectively {
                plan,
                span: joined.span(at, at + "分别".len()),
                subjects,
                subject_quantities,
                extra,
                values,
                values_span,
            });
        }
    }

    fn ratios(
        &mut self,
        joined: &JoinedText<'_>,
        plan: usize,
        t: &str,
        clauses: &[(usize, usize)],
        toks: &[&NumberToken],
    ) {
        let mut i = 0;
        while i < toks.len() {
            let mut j = i;
            while j + 1 < toks.len() {
                let gap = &t[toks[j].end..toks[j + 1].start];
                if (gap == "：" || gap == ":")
                    && toks[j + 1].unit == toks[i].unit
                    && toks[j].upper.is_none()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            if j > i {
                let (start, end) = (toks[i].start, toks[j].end);
                let c_start = clauses
                    .iter()
                    .find(|&&(a, b)| a <= start && start < b)
                    .map_or(start, |c| c.0);
                self.out.ratios.push(Ratio {
                    plan,
                    span: joined.span(start, end),
                    text: t[start..end].to_owned(),
                    terms: toks[i..=j].iter().map(|k| k.value).collect(),
                    lead: t[c_start..start].to_owned(),
                });
            }
            i = j + 1;
        }
    }
}

/// The dimension and base-unit factor of a value in `unit` for `measure`
/// (applying a per-capita measure's unwritten denominator).
pub fn dimension_of(
    unit: NumUnit,
    measure: Option<usize>,
    lexicon: &Lexicon,
) -> Option<(String, f64)> {
    let units = &lexicon.units;
    let per = measure.and_then(|m| lexicon.measures.measures[m].per);
    match unit {
        NumUnit::Percent => Some((PERCENT.to_owned(), 1.0)),
        NumUnit::Unit { num, den: None } if per.is_some() => {
            let (n, d) = (&units.units[num], &units.units[per?]);
            Some((
                format!("{}/{}", n.dimension, d.dimension),
                n.factor / d.factor,
            ))
        }
        NumUnit::Unit { num, den } => {
            let n = &units.units[num];
            match den {
                None => Some((n.dimension.clone(), n.factor)),
                Some(d) => {
                    let d = &units.units[d];
                    Some((
                        format!("{}/{}", n.dimension, d.dimension),
                        n.factor / d.factor,
                    ))
                }
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_a_clause_opens_with() {
        assert_eq!(
            place_at_start("深汕特别合作区常住人口超32万人"),
            Some("深汕特别合作区")
        );
        assert_eq!(place_at_start("兰州市常住人口城镇化率"), Some("兰州市"));
        assert_eq!(place_at_start("兰州新区常住人口"), Some("兰州新区"));
        for none in [
            "全市地区生产总值",
            "地区生产总值",
            "示范区常住人口",
            "本区人口",
            "常住人口",
        ] {
            assert_eq!(place_at_start(none), None, "{none}");
        }
        let t = "到2030年，深汕特别合作区常住人口超32万人，地区生产总值达1100亿元。";
        let clauses = clause_ranges(t, 0, t.len());
        let at = t.find("地区生产总值").unwrap();
        let ci = clauses.partition_point(|&(_, b)| b <= at);
        assert_eq!(
            place_opening(t, &clauses[..=ci], at),
            Some("深汕特别合作区")
        );
        assert!(!same_place("深汕特别合作区", Some("深圳市")));
        assert!(same_place("河西五市", Some("甘肃省")));
        assert!(same_place("兰州新区", Some("兰州市")));
    }

    #[test]
    fn regions_from_titles_and_scope() {
        assert_eq!(
            region_from_title("“十四五”兰州经济圈发展规划").as_deref(),
            Some("兰州经济圈")
        );
        assert_eq!(
            region_from_title("“十四五”陇东南区域发展规划").as_deref(),
            Some("陇东南")
        );
        assert_eq!(
            region_from_title("河西走廊经济带发展规划").as_deref(),
            Some("河西走廊经济带")
        );
        assert_eq!(
            region_from_title("甘肃省“十四五”国民经济和社会发展规划").as_deref(),
            Some("甘肃省")
        );
        assert_eq!(
            region_from_title("北京市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要")
                .as_deref(),
            Some("北京市")
        );
        assert_eq!(
            region_from_title(
                "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"
            )
            .as_deref(),
            Some("中华人民共和国")
        );
        let members = |t: &str| -> Vec<String> {
            members_from(t)
                .into_iter()
                .map(|(a, b)| t[a..b].to_owned())
                .collect()
        };
        assert_eq!(
            members("本规划范围包括兰州市、白银市、定西市和临夏回族自治州4个市州，总面积"),
            ["兰州市", "白银市", "定西市", "临夏回族自治州"]
        );
        assert_eq!(
            members("本规划范围包括庆阳市、平凉市、天水市、陇南市、甘南州等 5 个市州，"),
            ["庆阳市", "平凉市", "天水市", "陇南市", "甘南州"]
        );
        assert_eq!(short_forms("临夏回族自治州"), ["临夏", "临夏州"]);
    }
}
