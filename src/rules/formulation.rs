//! W106 formulation: a fixed formulation (提法) of the catalog
//! (`rules/formulas.toml`) written wrong — one character off, its ordered
//! parts or members out of order, dropped, added or replaced, or given
//! another formulation's head word — and a slogan of the document's own
//! written with two spellings of its numerals.
//!
//! Sites come from the catalog through [`FormulaIndex`] (one pass of an
//! automaton per text unit); whether a near miss is a slip is one score
//! with named terms ([`points`]).

use std::collections::{HashMap, HashSet};

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::{digit_value, is_han, is_numeral_char};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::{text_units, TextUnit};
use crate::lexicon::{
    catalog_date, sound_alike_any_tone, words, Formula, FormulaIndex, Lexicon, MemberRef, NearMiss,
    Scan,
};
use crate::source::Span;

pub struct Formulation;

static META: RuleMeta = RuleMeta {
    code: "W106",
    name: "formulation",
    category: Category::Words,
    summary: "A fixed formulation written wrong (二个一百年, 管放服, “五位一体”战略布局)",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
Fixed formulations (提法) must be written exactly: their numerals, their
members and their order, every character. The catalog
`rules/formulas.toml` holds them with their members, order, head words,
dates and sources (the party congress reports, plenary sessions and work
reports that define them). This rule reports:

- **a formulation one character off**: a window of the text that differs
  from a catalogued form in one character (二个一百年 for 两个一百年,
  创新推动发展战略 for 创新驱动发展战略, “三严四实” for 三严三实). Whether
  it is reported is one score with named terms (below);
- **parts out of order** in an ordered formulation: 管放服 for 放管服;
- **another formulation's head word**: “五位一体”战略布局 (五位一体 goes with
  总体布局, 战略布局 with 四个全面);
- **an enumeration of an ordered formulation's members** with a member
  replaced (政治意识、大局意识、核心意识、责任意识), out of order, or, where
  the formulation is named in the same sentence, with a member dropped or
  one added (创新、协调、绿色、共享的新发展理念);
- **a formulation replaced by a newer wording** before the document's
  date (三个自信 after 2016), as retired-name (W107) dates it; citations
  and sentences telling the change are left alone;
- **the document's own slogans**: a quoted slogan with a numeral written
  two ways (“两新” and “二新”, “两万亿” and “2万亿”): the rarer spelling is
  reported. Spatial structures of two parts or more (一城两区三带) are
  structure-label's (C101).

Whether a near miss is reported is one score with named terms (a numeral
of the same value, a sound-alike or look-alike, quotes, length, the right
form written elsewhere, …); the terms, their points and the measurement
behind them are in `docs/rules/W106.md`.

## Why it matters
A formulation written wrong is read as a political error, the slip
editors fear most; it survives spell checkers, since each word is right.

## Example
```bad
实现“二个一百年”奋斗目标，深化管放服改革，统筹推进“五位一体”战略布局。增强政治意识、大局意识、核心意识、责任意识。
```

```good
实现“两个一百年”奋斗目标，深化放管服改革，统筹推进“五位一体”总体布局。增强政治意识、大局意识、核心意识、看齐意识。
```

## Fix safety
A numeral written as another word of the same value (二 for 两), parts out
of order and a wrong head word have safe fixes; other near misses and a
replaced member have unsafe ones, since the text may mean something else.

## Options
None. Add a formulation to `rules/formulas.toml`, with its source.
"#,
};

/// The points of the near-miss score (see the rule's documentation).
/// Chosen on 2026-12-07 by reading every near miss on `../shared/corpus`
/// and `../shared/plans` and the planted suite (`tests/planted_formulations.rs`).
mod points {
    pub const NUMERAL_SAME_VALUE: i32 = 4;
    /// A numeral of another value, where the formulation has two numerals
    /// or more (三严三实): their pattern is the formulation. A formulation
    /// with one numeral changed is often another count (四网融合 beside
    /// 三网融合): no points.
    pub const NUMERAL_OTHER_VALUE: i32 = 2;
    /// The one numeral of a formulation changed (“四个代表”, 五个现代化):
    /// as often another phrase (四网融合 beside 三网融合), so no points of
    /// its own; quotes, support and length decide. Written 一 before a
    /// classifier is the article (是一项基本国策), never a slip. At +1, six
    /// false alarms on the corpus and the national seed (2026-12-07).
    pub const NUMERAL_OTHER_COUNT: i32 = 0;
    /// The same syllable whatever the tone (发/法), or a look-alike.
    pub const CONFUSABLE: i32 = 2;
    /// The written character makes no word where the right one did, in a
    /// formulation of five characters or more (a short slogan's new
    /// compound, 一窗通办 beside 一网通办, is no sign of a slip).
    pub const BROKEN_WORD: i32 = 1;
    /// The formulation's head follows (“五个全面”战略布局), or another
    /// catalogued formulation stands within a few characters (增强“五个意识”、
    /// 坚定“四个自信”).
    pub const CONTEXT: i32 = 1;
    /// How near, in characters, another formulation counts as context.
    pub const CONTEXT_CHARS: usize = 12;
    /// A character that is neither: more often another phrase than a slip
    /// (一码通办 beside 一网通办).
    pub const OTHER: i32 = -1;
    pub const QUOTED: i32 = 1;
    pub const PER_CHAR_BEYOND_FOUR: i32 = 1;
    pub const SUPPORT: i32 = 1;
    pub const EDGE: i32 = -2;
    pub const COMMON_WORD: i32 = -1;
    /// A window scoring this much is reported.
    pub const THRESHOLD: i32 = 2;
    /// Dictionary frequency from which a two-character word is common.
    pub const COMMON_WORD_FREQUENCY: usize = 1_000;
}

/// What a province, a city, the army or an enterprise writes for 国 in a
/// national formulation (科教兴省, 人才强市, 人才强军, 人才强企).
const SCOPES: &[char] = &[
    '省', '市', '县', '区', '州', '镇', '乡', '村', '盟', '旗', '军', '企', '校', '院',
];

impl Rule for Formulation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let lexicon = ctx.lexicon;
        let index = lexicon.formula_index();
        let units: Vec<TextUnit<'_>> = text_units(ctx.document, &ctx.source.text).collect();
        // One pass per unit; the formulas written right anywhere are the
        // support of a near miss.
        let scans: Vec<Scan> = units.iter().map(|u| index.scan(u.text.text())).collect();
        let mut written = vec![false; lexicon.formulas.formulas.len()];
        for scan in &scans {
            for &(_, _, f) in &scan.exact {
                written[f] = true;
            }
        }
        let mut reported: HashSet<Span> = HashSet::new();
        for (unit, scan) in units.iter().zip(scans) {
            let t = unit.text.text();
            let exact = &scan.exact;
            // Of nested forms one character off at the same place (美好生活
            // 须要 inside the whole 主要矛盾), the longest speaks.
            let mut misses = scan.near_misses;
            // Of two forms of one length, a numeral of the same value speaks
            // (二个中国: 两个中国, not 一个中国).
            let same = |m: &NearMiss| {
                digit_value(m.written).is_some()
                    && digit_value(m.written) == digit_value(m.expected)
            };
            misses.sort_by_key(|m| (m.at, std::cmp::Reverse(m.end - m.start), !same(m)));
            misses.dedup_by_key(|m| m.at);
            for miss in misses {
                if let Some(v) = near_miss(lexicon, index, unit, exact, &written, &miss) {
                    reported.insert(v.span);
                    sink.push(v);
                }
            }
            for &(s, e, i) in &scan.swaps {
                let f = &lexicon.formulas.formulas[index.swap_list[i].formula];
                let span = unit.text.span(s, e);
                reported.insert(span);
                sink.push(
                    Violation::new(
                        span,
                        format!("{}顺序有误，应为{}", quote(&t[s..e]), quote(&f.text)),
                    )
                    .help(source_help(f))
                    .fix(Fix::replace(
                        span,
                        f.text.clone(),
                        Applicability::Safe,
                    )),
                );
            }
            for &(s, e, i) in &scan.heads {
                let slip = &index.head_list[i];
                let f = &lexicon.formulas.formulas[slip.formula];
                let other = &lexicon.formulas.formulas[slip.other];
                let span = unit.text.span(s, e);
                reported.insert(span);
                sink.push(
                    Violation::new(
                        span,
                        format!(
                            "{}与{}连用，{}是{}的提法",
                            quote(&f.text),
                            quote(&slip.right),
                            quote(&slip.wrong),
                            quote(&other.text)
                        ),
                    )
                    .help(format!(
                        "应为{}{}；{}",
                        quote(&f.text),
                        slip.right,
                        source_help(f)
                    ))
                    .fix(Fix::replace(
                        span,
                        slip.right.clone(),
                        Applicability::Safe,
                    )),
                );
            }
            enumerations(lexicon, unit, exact, &scan.members, sink, &mut reported);
            if let Some(date) = ctx.facts.date() {
                superseded(ctx, unit, exact, date, sink, &mut reported);
            }
        }
        // A spatial structure of two parts or more (一城两区三带) is
        // structure-label's (C101).
        for m in ctx.facts.structures().iter().filter(|m| m.parts.len() >= 2) {
            reported.insert(m.span);
        }
        slogans(ctx.file, &units, sink, &reported);
    }
}

/// The defining document of a formulation, without the addresses where it
/// was checked.
fn source_help(f: &Formula) -> String {
    let source = f.source.split(" (checked:").next().unwrap_or(&f.source);
    format!("出处：{}", source.trim_end_matches([';', ' ']))
}

/// The near-miss score of a window, and the finding if it reaches the
/// threshold.
fn near_miss(
    lexicon: &Lexicon,
    index: &FormulaIndex,
    unit: &TextUnit<'_>,
    exact: &[(usize, usize, usize)],
    written: &[bool],
    miss: &NearMiss,
) -> Option<Violation> {
    let t = unit.text.text();
    let form = &index.forms[miss.form];
    let f = &lexicon.formulas.formulas[form.formula];
    let (w, x) = (miss.written, miss.expected);
    // A digit numeral: 百 and 千 are magnitudes, another word when changed
    // (两个五年 beside 两个百年).
    let numeral =
        |c: char| digit_value(c).is_some() || c.is_ascii_digit() || ('０'..='９').contains(&c);
    if !(is_han(w) || numeral(w))
        || (x == '国' && SCOPES.contains(&w))
        || exact.iter().any(|&(s, e, _)| s <= miss.at && miss.at < e)
    {
        return None;
    }
    let value = |c: char| {
        digit_value(c)
            .or_else(|| c.to_digit(10))
            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
    };
    // A numeral after 第 is an ordinal (第二个百年); one after a digit is
    // part of a larger number (１０３个世界冠军).
    let before = t[..miss.start].chars().next_back();
    if numeral(w) && miss.position == 0 && before.is_some_and(|b| b == '第' || numeral(b)) {
        return None;
    }
    // 一 before a classifier is the article: 是一项基本国策.
    let single = form.chars.iter().filter(|&&c| numeral(c)).count() < 2;
    let next = t[miss.at + w.len_utf8()..].chars().next();
    if w == '一' && single && next.is_some_and(|c| "个项条种件类大位".contains(c)) {
        return None;
    }
    let mut score = 0;
    let same_value = numeral(w) && numeral(x) && value(w).is_some() && value(w) == value(x);
    if !form.strict && !same_value {
        return None;
    }
    if same_value {
        score += points::NUMERAL_SAME_VALUE;
    } else if numeral(w) && numeral(x) {
        score += if form.chars.iter().filter(|&&c| numeral(c)).count() >= 2 {
            points::NUMERAL_OTHER_VALUE
        } else {
            points::NUMERAL_OTHER_COUNT
        };
    } else if sound_alike_any_tone(w, x) || lexicon.confusables().look_alike(w, x) {
        score += points::CONFUSABLE;
    } else if form.chars.len() <= 4 {
        // 一窗通办, 一码通办, 多网合一 beside 一网通办, 多规合一: four
        // characters with one changed are another slogan of the pattern.
        return None;
    } else {
        score += points::OTHER;
    }
    if !numeral(w) && form.chars.len() >= 5 && breaks_word(t, miss) {
        score += points::BROKEN_WORD;
    }
    let quoted =
        t[..miss.start].ends_with(['“', '‘', '"']) || t[miss.end..].starts_with(['”', '’', '"']);
    if quoted {
        score += points::QUOTED;
    }
    if in_context(t, exact, miss, &f.heads) {
        score += points::CONTEXT;
    }
    let n = form.chars.len();
    score += points::PER_CHAR_BEYOND_FOUR * (n as i32 - 4);
    if written[form.formula] {
        score += points::SUPPORT;
    }
    if !numeral(w) && (miss.position == 0 || miss.position + 1 == n) {
        score += points::EDGE;
    }
    if !numeral(w) && makes_common_word(t, miss) {
        score += points::COMMON_WORD;
    }
    if score < points::THRESHOLD {
        return None;
    }
    let span = unit.text.span(miss.start, miss.end);
    let at = unit.text.span(miss.at, miss.at + w.len_utf8());
    let message = if same_value {
        format!(
            "{}应为{}：固定提法中的“{x}”不写作“{w}”",
            quote(&t[miss.start..miss.end]),
            quote(&form.text)
        )
    } else {
        format!(
            "{}疑为{}：固定提法中应为“{x}”",
            quote(&t[miss.start..miss.end]),
            quote(&form.text)
        )
    };
    let applicability = if same_value {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let mut v = Violation::new(span, message)
        .help(source_help(f))
        .fix(Fix::replace(at, x.to_string(), applicability));
    if !same_value && !numeral(w) {
        v = v.severity(Severity::Warning);
    }
    Some(v)
}

/// Whether the window stands among formulations: its own head follows, or
/// another catalogued formulation is written within `CONTEXT_CHARS`.
fn in_context(t: &str, exact: &[(usize, usize, usize)], miss: &NearMiss, heads: &[String]) -> bool {
    let after = t[miss.end..].trim_start_matches(['”', '’']);
    if heads.iter().any(|h| after.starts_with(h.as_str())) {
        return true;
    }
    let lo = t[..miss.start]
        .char_indices()
        .rev()
        .nth(points::CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let hi = t[miss.end..]
        .char_indices()
        .nth(points::CONTEXT_CHARS)
        .map_or(t.len(), |(i, _)| miss.end + i);
    exact
        .iter()
        .any(|&(s, e, _)| (lo <= s && e <= miss.start) || (miss.end <= s && e <= hi))
}

/// Whether the expected character makes a word with a neighbour in the
/// formulation (所有 in 三级所有制) and the written one makes none (说有,
/// 级说): the window no longer segments into words, the mark of a typo.
fn breaks_word(t: &str, miss: &NearMiss) -> bool {
    let w = miss.written;
    let before = t[miss.start..miss.at].chars().next_back();
    let after = t[miss.at + w.len_utf8()..miss.end].chars().next();
    let word = |c: char| {
        before.is_some_and(|b| words::is_word(&format!("{b}{c}")))
            || after.is_some_and(|a| words::is_word(&format!("{c}{a}")))
    };
    word(miss.expected) && !word(w)
}

/// Whether the written character makes a common two-character word with
/// its neighbour inside the window (四个方面 beside 四个全面).
fn makes_common_word(t: &str, miss: &NearMiss) -> bool {
    let w = miss.written;
    let before = t[miss.start..miss.at].chars().next_back();
    let after = t[miss.at + w.len_utf8()..miss.end].chars().next();
    let common = |word: String| words::frequency(&word) >= points::COMMON_WORD_FREQUENCY;
    before.is_some_and(|b| common(format!("{b}{w}")))
        || after.is_some_and(|a| common(format!("{w}{a}")))
}

/// Words of a sentence that tells the history of a formulation.
const HISTORY_WORDS: &[&str] = &["提出", "转化", "取代", "改为", "此前", "曾"];

/// A formulation that a newer wording replaced before the document's date
/// (三个自信 in a plan of 2026), unless cited (《…》, 原…) or in a sentence
/// that tells the change.
fn superseded(
    ctx: &Context<'_>,
    unit: &TextUnit<'_>,
    exact: &[(usize, usize, usize)],
    date: &crate::extract::date::DocumentDate,
    sink: &mut Sink<'_>,
    reported: &mut HashSet<Span>,
) {
    let t = unit.text.text();
    let formulas = &ctx.lexicon.formulas.formulas;
    for &(s, e, fi) in exact {
        let f = &formulas[fi];
        let (Some(when), Some(successor)) = (f.superseded.as_deref(), f.successor.as_deref())
        else {
            continue;
        };
        let Some(until) = catalog_date(when) else {
            continue;
        };
        // Inside a longer form the text writes (全面建设小康社会 inside a
        // quotation of an older title is cited, not used).
        if date.date <= until
            || exact
                .iter()
                .any(|&(a, b, g)| g != fi && a <= s && e <= b && b - a > e - s)
        {
            continue;
        }
        let before = &t[..s];
        if before.ends_with(['原', '曾']) || super::within_title_marks(before) {
            continue;
        }
        let ss = before.rfind(['。', '；', '！', '？']).map_or(0, |i| i + 3);
        let se = t[e..]
            .find(['。', '；', '！', '？'])
            .map_or(t.len(), |i| e + i);
        let sentence = &t[ss..se];
        if sentence.contains(successor) || HISTORY_WORDS.iter().any(|w| sentence.contains(w)) {
            continue;
        }
        let span = unit.text.span(s, e);
        if !reported.insert(span) {
            continue;
        }
        let (y, m, d) = until;
        let dated = date.describe();
        let mut v = Violation::new(
            span,
            format!(
                "{}已于{y}年{m}月{d}日起由{}取代",
                quote(&t[s..e]),
                quote(successor)
            ),
        )
        .help(format!("{dated}；{}", source_help(f)))
        .severity(Severity::Warning);
        if t[s..e] == f.text {
            v = v.fix(Fix::replace(
                span,
                successor.to_owned(),
                Applicability::Unsafe,
            ));
        }
        if let Some(at) = date.span {
            v = v.label(ctx.file, at, "本文件的日期");
        }
        sink.push(v);
    }
}

/// Byte ranges of `t` split at any of `marks`, the marks left out.
fn split_at(t: &str, start: usize, end: usize, marks: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    for (i, c) in t[start..end].char_indices() {
        if marks.contains(&c) {
            out.push((from, start + i));
            from = start + i + c.len_utf8();
        }
    }
    out.push((from, end));
    out
}

/// Quotes, brackets and spaces around an item.
fn trim_item(t: &str, (mut s, mut e): (usize, usize)) -> (usize, usize) {
    const AROUND: &[char] = &[
        '“', '”', '‘', '’', '"', '（', '）', '(', ')', ' ', '\u{3000}',
    ];
    while let Some(c) = t[s..e].chars().next().filter(|c| AROUND.contains(c)) {
        s += c.len_utf8();
    }
    while let Some(c) = t[s..e].chars().next_back().filter(|c| AROUND.contains(c)) {
        e -= c.len_utf8();
    }
    (s, e)
}

/// The longest suffix all members share (意识, 自信, 建设), if any.
fn common_suffix(members: &[String]) -> String {
    let first: Vec<char> = members[0].chars().collect();
    let mut n = first.len();
    for m in &members[1..] {
        let c: Vec<char> = m.chars().collect();
        let shared = first
            .iter()
            .rev()
            .zip(c.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        n = n.min(shared);
    }
    first[first.len() - n..].iter().collect()
}

/// Enumerations of an ordered formulation's members, read clause by clause.
fn enumerations(
    lexicon: &Lexicon,
    unit: &TextUnit<'_>,
    exact: &[(usize, usize, usize)],
    hits: &[(usize, usize, MemberRef)],
    sink: &mut Sink<'_>,
    reported: &mut HashSet<Span>,
) {
    let t = unit.text.text();
    if hits.len() < 2 {
        return;
    }
    // The hits by start, so that a clause's are a run found by a binary
    // search: a unit of many clauses costs no pass over all hits per
    // clause (a 2 MB paragraph took 2.4 s).
    let mut by_start: Vec<&(usize, usize, MemberRef)> = hits.iter().collect();
    by_start.sort_by_key(|h| (h.0, h.1));
    for (ss, se) in split_at(t, 0, t.len(), &['。', '；', '！', '？', '\n']) {
        for (cs, ce) in split_at(t, ss, se, &['，', '：', ',', ':']) {
            let from = by_start.partition_point(|h| h.0 < cs);
            let in_clause: Vec<_> = by_start[from..]
                .iter()
                .take_while(|h| h.0 < ce)
                .filter(|h| h.1 <= ce)
                .copied()
                .collect();
            let mut formulas: Vec<usize> = in_clause.iter().map(|h| h.2.formula).collect();
            formulas.sort_unstable();
            formulas.dedup();
            for fi in formulas {
                let f = &lexicon.formulas.formulas[fi];
                let n = f.members.len();
                if n < 3 || in_clause.iter().filter(|h| h.2.formula == fi).count() < 2 {
                    continue;
                }
                let mut items: Vec<(usize, usize)> = split_at(t, cs, ce, &['、'])
                    .into_iter()
                    .map(|r| trim_item(t, r))
                    .collect();
                if items.len() < 2 {
                    continue;
                }
                // The last member may follow 和, 与 or 及 (道路自信、理论自信、
                // 制度自信和文化自信).
                let last = *items.last().expect("two items");
                if let Some(k) = t[last.0..last.1].char_indices().find_map(|(k, c)| {
                    let after = last.0 + k + c.len_utf8();
                    (matches!(c, '和' | '与' | '及')
                        && in_clause.iter().any(|h| h.2.formula == fi && h.0 == after))
                    .then_some(last.0 + k)
                }) {
                    let l = items.len() - 1;
                    items[l] = (last.0, k);
                    items.push((k + '和'.len_utf8(), last.1));
                }
                let m = items.len();
                // A member is an item, or ends the first item (坚持创新), or
                // begins the last (共享的新发展理念).
                let slot_of = |(i, &(s, e)): (usize, &(usize, usize))| {
                    in_clause
                        .iter()
                        .filter(|h| h.2.formula == fi)
                        .find(|h| {
                            (h.0 == s && h.1 == e)
                                || (i == 0 && h.1 == e && h.0 >= s)
                                || (i + 1 == m && h.0 == s && h.1 <= e)
                        })
                        .map(|h| h.2.slot)
                };
                let slots: Vec<Option<usize>> = items.iter().enumerate().map(slot_of).collect();
                let mut distinct: Vec<usize> = slots.iter().flatten().copied().collect();
                distinct.sort_unstable();
                distinct.dedup();
                let k = distinct.len();
                let ordered_slots: Vec<usize> = slots.iter().flatten().copied().collect();
                let increasing = ordered_slots.windows(2).all(|w| w[0] < w[1]);
                let named = exact.iter().any(|&(s, e, g)| g == fi && ss <= s && e <= se);
                // From the first member written to the last.
                let member_hits = || in_clause.iter().filter(|h| h.2.formula == fi);
                let first = member_hits()
                    .map(|h| h.0)
                    .filter(|&s| s >= items[0].0)
                    .min();
                let last = member_hits()
                    .map(|h| h.1)
                    .filter(|&e| e <= items[m - 1].1)
                    .max();
                let whole = unit
                    .text
                    .span(first.unwrap_or(items[0].0), last.unwrap_or(items[m - 1].1));
                let list = f.members.join("、");
                if k == n && m == n && !increasing {
                    if reported.insert(whole) {
                        sink.push(
                            Violation::new(
                                whole,
                                format!("{}的成员顺序有误：应为{list}", quote(&f.text)),
                            )
                            .help(source_help(f)),
                        );
                    }
                } else if k + 1 == n && m == n && increasing {
                    let p = slots
                        .iter()
                        .position(Option::is_none)
                        .expect("one unmatched");
                    let missing = (0..n).find(|s| !distinct.contains(s)).expect("one missing");
                    if p != missing {
                        continue;
                    }
                    let want = &f.members[missing];
                    let (s, e) = items[p];
                    let suffix = common_suffix(&f.members);
                    let item = &t[s..e];
                    let len = want.chars().count();
                    let (s, e) = if !suffix.is_empty() {
                        let has_suffix = item.ends_with(suffix.as_str())
                            || (p + 1 == m && item.contains(suffix.as_str()));
                        if !has_suffix {
                            continue;
                        }
                        if p == 0 {
                            let s = t[s..e]
                                .char_indices()
                                .rev()
                                .nth(len - 1)
                                .map_or(s, |(k, _)| s + k);
                            (s, e)
                        } else if p + 1 == m {
                            let end =
                                t[s..e].find(suffix.as_str()).expect("contains") + s + suffix.len();
                            (s, end)
                        } else {
                            (s, e)
                        }
                    } else if p + 1 == m && named {
                        // The last item runs on into the sentence (促进的新发展
                        // 理念) where the formulation is named: its first
                        // characters stand for the member.
                        let end = t[s..e].char_indices().nth(len).map_or(e, |(k, _)| s + k);
                        (s, end)
                    } else {
                        let c = item.chars().count();
                        if p == 0
                            || p + 1 == m
                            || c + 1 < len
                            || c > len + 1
                            || !item.chars().all(is_han)
                        {
                            continue;
                        }
                        (s, e)
                    };
                    let written = &t[s..e];
                    if written == want.as_str() {
                        continue;
                    }
                    let span = unit.text.span(s, e);
                    if reported.insert(span) {
                        sink.push(
                            Violation::new(
                                span,
                                format!(
                                    "{}的成员是{list}，{}疑为{}",
                                    quote(&f.text),
                                    quote(written),
                                    quote(want)
                                ),
                            )
                            .help(source_help(f))
                            .fix(Fix::replace(
                                span,
                                want.clone(),
                                Applicability::Unsafe,
                            )),
                        );
                    }
                } else if named && k + 1 == n && m + 1 == n && increasing {
                    let missing = (0..n).find(|s| !distinct.contains(s)).expect("one missing");
                    if reported.insert(whole) {
                        sink.push(
                            Violation::new(
                                whole,
                                format!(
                                    "列举{}缺少{}：应为{list}",
                                    quote(&f.text),
                                    quote(&f.members[missing])
                                ),
                            )
                            .help(source_help(f)),
                        );
                    }
                } else if named && k == n && m == n + 1 && increasing {
                    let p = slots.iter().position(Option::is_none).expect("one extra");
                    let span = unit.text.span(items[p].0, items[p].1);
                    if reported.insert(span) {
                        sink.push(
                            Violation::new(
                                span,
                                format!(
                                    "列举{}多出{}：应为{list}",
                                    quote(&f.text),
                                    quote(&t[items[p].0..items[p].1])
                                ),
                            )
                            .help(source_help(f)),
                        );
                    }
                }
            }
        }
    }
}

/// A numeral written as a key: 两 as 二, digits as Chinese numerals.
fn numeral_key(c: char) -> char {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match c {
        '两' => '二',
        '零' => '〇',
        '0'..='9' => DIGITS[c as usize - '0' as usize],
        '０'..='９' => DIGITS[c as usize - '０' as usize],
        _ => c,
    }
}

/// The document's own quoted slogans with a numeral (“两新”, “两万亿”): one
/// spelling per slogan, the rarer spelling reported where a spelling is
/// quoted at least twice and more often than any other. Only quoted
/// occurrences count: 一小时 inside “一小时经济圈” is no spelling of “1小时”.
fn slogans(
    file: crate::diagnostic::FileId,
    units: &[TextUnit<'_>],
    sink: &mut Sink<'_>,
    reported: &HashSet<Span>,
) {
    let spelling = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || is_han(c);
    // Where each quoted slogan is written, by key and spelling.
    let mut places: HashMap<String, HashMap<&str, Vec<Span>>> = HashMap::new();
    for unit in units {
        let t = unit.text.text();
        let mut open = None;
        for (i, c) in t.char_indices() {
            match c {
                '“' => open = Some(i + c.len_utf8()),
                '”' => {
                    let Some(s) = open.take() else { continue };
                    let inner = &t[s..i];
                    let n = inner.chars().count();
                    let numeral = inner
                        .chars()
                        .any(|c| digit_value(c).is_some() || numeral_key(c) != c);
                    let word = inner.chars().any(|c| is_han(c) && !is_numeral_char(c));
                    if (2..=12).contains(&n) && numeral && word && inner.chars().all(spelling) {
                        let key: String = inner.chars().map(numeral_key).collect();
                        places
                            .entry(key)
                            .or_default()
                            .entry(inner)
                            .or_default()
                            .push(unit.text.span(s, i));
                    }
                }
                _ => {}
            }
        }
    }
    let mut keys: Vec<&String> = places.keys().filter(|k| places[*k].len() >= 2).collect();
    keys.sort();
    for key in keys {
        let mut found: Vec<(&str, &Vec<Span>)> = places[key].iter().map(|(s, v)| (*s, v)).collect();
        found.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        let (top, top_places) = found[0];
        if top_places.len() < 2 || found[1].1.len() == top_places.len() {
            continue;
        }
        for (s, spans) in &found[1..] {
            let covered = |s: &Span| {
                reported
                    .iter()
                    .any(|r| r.start <= s.start && s.end <= r.end)
            };
            for span in spans.iter().filter(|s| !covered(s)) {
                sink.push(
                    Violation::new(
                        *span,
                        format!(
                            "提法写法不一致：全文 {} 处写作{}，此处写作{}",
                            top_places.len(),
                            quote(top),
                            quote(s)
                        ),
                    )
                    .label(file, top_places[0], format!("此处写作{}", quote(top)))
                    .help(format!(
                        "同一提法中的数字写法应前后一致，改为{}",
                        quote(top)
                    ))
                    .fix(Fix::replace(
                        *span,
                        top.to_owned(),
                        Applicability::Unsafe,
                    )),
                );
            }
        }
    }
}
