//! Numbers as printed in plans, with what sticks to them: magnitude words
//! (万, 亿), units (平方公里, 万吨/年, 每平方米 … 人), percentages (%, ％,
//! 百分之三十, ‰, 个百分点, 倍), ranges (2021—2025年, 10%～20%), ± and the
//! bound words around them (约, 近, 左右, 多, 余, 以上, 以下, 超过, 不低于 …).
//!
//! One left-to-right pass over a text unit; offsets are into that text.

use crate::cjk::{is_numeral_char, parse_small_numeral, CharSet};
use crate::lexicon::UnitCatalog;

use super::decimal::Decimal;

/// How a value is bounded by the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    Exact,
    /// 约, 近, 左右
    About,
    /// 以上, 不低于, 不少于
    AtLeast,
    /// 以下, 以内, 不超过, 不高于
    AtMost,
    /// 多, 余, 超过, 逾, 突破, 高于
    MoreThan,
    /// 低于, 不足
    LessThan,
}

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumUnit {
    /// A bare number.
    None,
    /// % ％ 百分之
    Percent,
    /// ‰
    Permille,
    /// 个百分点: a difference of percentages.
    Points,
    /// 倍
    Times,
    /// A calendar year: 2020年, 二〇三五年.
    Year,
    /// A catalog unit, possibly per another (万吨/年, 每平方米 … 人).
    Unit { num: usize, den: Option<usize> },
}

/// One number with what sticks to it. Offsets are bytes into the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberToken {
    /// From the first character that belongs to the number (每, ±, 百分之, the
    /// first digit) to the end of its unit.
    pub start: usize,
    pub end: usize,
    /// The digits of the (first) value.
    pub value_start: usize,
    pub value_end: usize,
    /// The value with its magnitude word applied, keeping printed precision.
    pub value: Decimal,
    /// The upper end of a range (2021—2025年, 10%～20%).
    pub upper: Option<Decimal>,
    pub unit: NumUnit,
    pub bound: Bound,
    pub plus_minus: bool,
    /// Written in Chinese numerals (三十万, 百分之二十, 二〇三五年).
    pub chinese: bool,
    /// The power of ten of its magnitude word (4 for 万), 0 without one.
    pub magnitude: i32,
}

impl NumberToken {
    pub fn is_percent(&self) -> bool {
        self.unit == NumUnit::Percent
    }
}

fn ascii_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// The characters that can begin a number: an ASCII or full-width digit, a
/// Chinese numeral. Tested for every character of the text.
static CAN_START: CharSet = CharSet::new(&[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６',
    '７', '８', '９', '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十',
    '百', '千',
]);

fn can_start(c: char) -> bool {
    CAN_START.contains(c)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{3000}')
}

fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches(is_space).len()
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// Reads an Arabic number at `at`: ASCII or full-width digits, optional
/// thousands separators (`38,018.73`), optional decimal point.
fn arabic_at(text: &str, at: usize) -> Option<(Decimal, usize)> {
    let mut digits = String::new();
    let mut i = at;
    let mut seen_point = false;
    let mut group_len = 0usize; // digits since the last separator
    let mut groups = 0usize;
    while let Some(c) = char_at(text, i) {
        if let Some(d) = ascii_digit(c) {
            digits.push(char::from(b'0' + d));
            group_len += 1;
            i += c.len_utf8();
        } else if (c == '.' || c == '．') && !seen_point {
            // A point must be followed by a digit: "3." ends a sentence.
            if char_at(text, i + c.len_utf8())
                .and_then(ascii_digit)
                .is_none()
            {
                break;
            }
            if groups > 0 && group_len != 3 {
                return None;
            }
            seen_point = true;
            digits.push('.');
            i += c.len_utf8();
        } else if c == ',' && !seen_point {
            // A thousands separator: exactly three digits follow.
            let rest = &text[i + 1..];
            let next3: Vec<char> = rest.chars().take(4).collect();
            let three = next3.len() >= 3 && next3[..3].iter().all(|c| c.is_ascii_digit());
            let fourth_digit = next3.get(3).is_some_and(|c| c.is_ascii_digit());
            if !three
                || fourth_digit
                || (groups == 0 && group_len > 3)
                || (groups > 0 && group_len != 3)
            {
                break;
            }
            groups += 1;
            group_len = 0;
            i += 1;
        } else {
            break;
        }
    }
    if digits.is_empty() {
        return None;
    }
    Decimal::parse(&digits).map(|d| (d, i))
}

/// Reads a Chinese numeral at `at`: 三十, 一百二十, 两千, or a year written
/// digit by digit (二〇三五). Returns the value and end.
fn chinese_at(text: &str, at: usize) -> Option<(Decimal, usize, bool)> {
    let len = text[at..]
        .find(|c: char| !(is_numeral_char(c) || c == '〇' || c == '零'))
        .unwrap_or(text.len() - at);
    if len == 0 {
        return None;
    }
    let s = &text[at..at + len];
    // Digit by digit: 二〇三五 (four or more digits, no 十百千).
    if s.chars().count() >= 4 && s.chars().all(|c| crate::cjk::digit_value(c).is_some()) {
        let v = s.chars().fold(0i128, |acc, c| {
            acc * 10 + i128::from(crate::cjk::digit_value(c).unwrap_or(0))
        });
        return Some((Decimal::integer(v), at + len, true));
    }
    parse_small_numeral(s).map(|v| (Decimal::integer(i128::from(v)), at + len, false))
}

/// Words before a number that bound it, longest first.
const BOUND_BEFORE: &[(&str, Bound)] = &[
    ("不低于", Bound::AtLeast),
    ("不少于", Bound::AtLeast),
    ("不高于", Bound::AtMost),
    ("不超过", Bound::AtMost),
    ("超过", Bound::MoreThan),
    ("突破", Bound::MoreThan),
    ("高于", Bound::MoreThan),
    ("低于", Bound::LessThan),
    ("不足", Bound::LessThan),
    ("约", Bound::About),
    ("近", Bound::About),
    ("逾", Bound::MoreThan),
];

/// Words after a number (and its unit) that bound it.
const BOUND_AFTER: &[(&str, Bound)] = &[
    ("左右", Bound::About),
    ("以上", Bound::AtLeast),
    ("以下", Bound::AtMost),
    ("以内", Bound::AtMost),
    ("之内", Bound::AtMost),
];

/// How far before a number 每 + unit (每平方公里) may start.
const PER_LOOKBACK_BYTES: usize = 24;

const RANGE_SEPARATORS: &[char] = &['—', '–', '～', '~', '－', '-', '至', '到'];

/// A number: digits and everything after them up to the end of the unit.
struct Parsed {
    value: Decimal,
    magnitude: i32,
    value_end: usize,
    upper: Option<Decimal>,
    unit: NumUnit,
    end: usize,
    more: bool,
    chinese: bool,
}

pub struct Scanner<'a> {
    units: &'a UnitCatalog,
}

impl<'a> Scanner<'a> {
    pub fn new(units: &'a UnitCatalog) -> Self {
        Scanner { units }
    }

    /// Every number in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<NumberToken> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            // Skip to the next character that can start a number (about one
            // in fifty of a plan's characters) in one tight loop.
            let Some((off, c)) = text[i..].char_indices().find(|&(_, c)| can_start(c)) else {
                break;
            };
            i += off;
            let found = if ascii_digit(c).is_some() {
                self.arabic_token(text, i)
            } else if c == '百' && text[i..].starts_with("百分之") {
                self.percent_words(text, i)
            } else {
                self.chinese_token(text, i)
            };
            match found {
                Ok(tok) => {
                    i = tok.end.max(i + c.len_utf8());
                    out.push(tok);
                }
                Err(next) => i = next.max(i + c.len_utf8()),
            }
        }
        out
    }

    /// `Err(next)` when the text at `at` is not a number (a code such as G30).
    fn arabic_token(&self, text: &str, at: usize) -> Result<NumberToken, usize> {
        let (value, value_end) = arabic_at(text, at).ok_or(at + 1)?;
        let skip_run = || {
            let rest = &text[at..];
            at + rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_')))
                .unwrap_or(rest.len())
        };
        // Codes: G30, S32, PM2.5, C919 (a letter before), 5G, 3D (a letter after
        // that is not a unit name).
        if char_before(text, at).is_some_and(|c| c.is_ascii_alphabetic() || c == '.' || c == '/') {
            return Err(skip_run());
        }
        let after = char_at(text, value_end);
        if after.is_some_and(|c| c.is_ascii_alphabetic()) && !self.ascii_unit_at(text, value_end) {
            return Err(skip_run());
        }
        let parsed = self.rest(text, value, value_end, false);
        Ok(self.finish(text, at, at, parsed))
    }

    /// Whether an ASCII unit name (kV, MW, km) starts at `at` and is not
    /// followed by more letters.
    fn ascii_unit_at(&self, text: &str, at: usize) -> bool {
        self.units.unit_at(text, at).is_some_and(|(_, len)| {
            !char_at(text, at + len).is_some_and(|c| c.is_ascii_alphanumeric())
        })
    }

    fn chinese_token(&self, text: &str, at: usize) -> Result<NumberToken, usize> {
        let (value, value_end, digit_by_digit) = chinese_at(text, at).ok_or(at + 1)?;
        let skip = value_end;
        // An ordinal (第三) or a numeral inside a longer word is not a quantity.
        if char_before(text, at).is_some_and(|c| c == '第') {
            return Err(skip);
        }
        if digit_by_digit {
            let after = skip_spaces(text, value_end);
            if text[after..].starts_with('年') {
                let year = (1900..=2100).contains(&value.mantissa);
                if year {
                    let parsed = Parsed {
                        value,
                        magnitude: 0,
                        value_end,
                        upper: None,
                        unit: NumUnit::Year,
                        end: after + '年'.len_utf8(),
                        more: false,
                        chinese: true,
                    };
                    return Ok(self.finish(text, at, at, parsed));
                }
            }
            return Err(skip);
        }
        // Chinese numerals count a quantity only with a magnitude word after
        // them (三十万人, 两千亿元); 三个, 一年, 四大 are counts and words, read
        // by the list extractor where they matter.
        let after = skip_spaces(text, value_end);
        if self.units.magnitude_at(text, after).is_none() {
            return Err(skip);
        }
        let mut parsed = self.rest(text, value, value_end, true);
        parsed.chinese = true;
        Ok(self.finish(text, at, at, parsed))
    }

    /// 百分之三十, 百分之二十五.
    fn percent_words(&self, text: &str, at: usize) -> Result<NumberToken, usize> {
        let digits_at = at + "百分之".len();
        let (value, value_end) = match chinese_at(text, digits_at) {
            Some((v, e, false)) => (v, e),
            _ => match arabic_at(text, digits_at) {
                Some((v, e)) => (v, e),
                None => return Err(digits_at),
            },
        };
        let parsed = Parsed {
            value,
            magnitude: 0,
            value_end,
            upper: None,
            unit: NumUnit::Percent,
            end: value_end,
            more: false,
            chinese: true,
        };
        Ok(self.finish(text, at, digits_at, parsed))
    }

    /// What follows the digits: 多/余, magnitude, unit, a range.
    fn rest(&self, text: &str, value: Decimal, value_end: usize, chinese: bool) -> Parsed {
        let mut value = value;
        let mut at = skip_spaces(text, value_end);
        let mut more = false;
        // 1200 多家, 10 余个: the more-than word stands between number and unit.
        for w in ["多", "余"] {
            if text[at..].starts_with(w) && self.unit_or_magnitude_at(text, at + w.len()) {
                more = true;
                at = skip_spaces(text, at + w.len());
            }
        }
        let mut end = value_end;
        let mut unit = NumUnit::None;
        let (u, mag) = self.unit_after(text, at);
        if let Some(k) = mag {
            value = value.shift(k.0);
            end = k.1;
        }
        if let Some((u, e)) = u {
            unit = u;
            end = e;
        }
        // A year: 2020年 (four digits, no magnitude).
        if let NumUnit::Unit { num, den: None } = unit {
            let is_year_unit = self.units.units[num].name == "年";
            if is_year_unit
                && mag.is_none()
                && value.exp == 0
                && (1900..=2100).contains(&value.mantissa)
                && !chinese
            {
                unit = NumUnit::Year;
            }
        }
        let mut parsed = Parsed {
            value,
            magnitude: mag.map_or(0, |m| m.0),
            value_end,
            upper: None,
            unit,
            end,
            more,
            chinese,
        };
        self.range(text, &mut parsed);
        parsed
    }

    fn unit_or_magnitude_at(&self, text: &str, at: usize) -> bool {
        self.units.unit_at(text, at).is_some() || self.units.magnitude_at(text, at).is_some()
    }

    /// The unit (and magnitude before it) at `at`: units are tried before
    /// magnitudes so that 千伏 and 千米 are units, not 千 + 伏.
    #[allow(clippy::type_complexity)]
    fn unit_after(
        &self,
        text: &str,
        at: usize,
    ) -> (Option<(NumUnit, usize)>, Option<(i32, usize)>) {
        for (mark, u) in [
            ("个百分点", NumUnit::Points),
            ("%", NumUnit::Percent),
            ("％", NumUnit::Percent),
            ("‰", NumUnit::Permille),
            ("倍", NumUnit::Times),
        ] {
            if text[at..].starts_with(mark) {
                return (Some((u, at + mark.len())), None);
            }
        }
        if let Some(u) = self.catalog_unit(text, at) {
            return (Some(u), None);
        }
        if let Some((k, len)) = self.units.magnitude_at(text, at) {
            let after = at + len;
            let unit = self.catalog_unit(text, after);
            return (unit, Some((k, after)));
        }
        (None, None)
    }

    /// A catalog unit at `at`, with a `/` denominator (万吨/年, 人/平方公里).
    fn catalog_unit(&self, text: &str, at: usize) -> Option<(NumUnit, usize)> {
        let (num, len) = self.units.unit_at(text, at)?;
        let name_end = at + len;
        // ASCII unit names must stand alone: 5G is not 5 + G.
        if text[at..name_end].is_ascii()
            && char_at(text, name_end).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        if text[name_end..].starts_with('/') {
            if let Some((den, dlen)) = self.units.unit_at(text, name_end + 1) {
                return Some((
                    NumUnit::Unit {
                        num,
                        den: Some(den),
                    },
                    name_end + 1 + dlen,
                ));
            }
        }
        Some((NumUnit::Unit { num, den: None }, name_end))
    }

    /// 2021—2025年, 10%～20%, 5—10万: a separator and a second number whose
    /// unit (if the first had none) applies to both.
    fn range(&self, text: &str, p: &mut Parsed) {
        let at = skip_spaces(text, p.end);
        let Some(sep) = char_at(text, at).filter(|c| RANGE_SEPARATORS.contains(c)) else {
            return;
        };
        let second_at = skip_spaces(text, at + sep.len_utf8());
        let Some((second, second_end)) = arabic_at(text, second_at) else {
            return;
        };
        // 至/到 join two numbers only when both are the same kind (2021年至2025年).
        let rest = self.rest(text, second, second_end, p.chinese);
        let first_unitless = p.unit == NumUnit::None;
        if !first_unitless && rest.unit != p.unit && rest.unit != NumUnit::None {
            return;
        }
        if matches!(sep, '至' | '到') && first_unitless && rest.unit == NumUnit::None {
            return;
        }
        if first_unitless {
            // The second number's magnitude applies to the first: 5—10万 is 5万—10万.
            p.value = p.value.shift(rest.magnitude);
            p.magnitude = rest.magnitude;
            p.unit = rest.unit;
            // 2021—2025年: both are years.
            if let NumUnit::Year = rest.unit {
                p.unit = NumUnit::Year;
            }
        }
        p.upper = Some(rest.value);
        p.end = rest.end;
    }

    fn finish(&self, text: &str, start: usize, value_start: usize, p: Parsed) -> NumberToken {
        let mut start = start;
        let mut unit = p.unit;
        let mut bound = if p.more {
            Bound::MoreThan
        } else {
            Bound::Exact
        };
        let mut plus_minus = false;
        // Before: ±, 每 + unit (每平方米 125 人), bound words.
        let before = &text[..start];
        let trimmed = before.trim_end_matches(is_space);
        if trimmed.ends_with('±') {
            plus_minus = true;
            start = trimmed.len() - '±'.len_utf8();
        } else if let Some((den, per_start)) = self.per_unit_before(trimmed) {
            if let NumUnit::Unit { num, den: None } = unit {
                unit = NumUnit::Unit {
                    num,
                    den: Some(den),
                };
                start = per_start;
            }
        }
        let before = text[..start].trim_end_matches(is_space);
        if let Some(&(_, b)) = BOUND_BEFORE.iter().find(|(w, _)| before.ends_with(w)) {
            bound = b;
        }
        let after_at = skip_spaces(text, p.end);
        if let Some(&(_, b)) = BOUND_AFTER
            .iter()
            .find(|(w, _)| text[after_at..].starts_with(w))
        {
            bound = b;
        }
        NumberToken {
            start,
            end: p.end,
            value_start,
            value_end: p.value_end,
            value: p.value,
            upper: p.upper,
            unit,
            bound,
            plus_minus,
            chinese: p.chinese,
            magnitude: p.magnitude,
        }
    }

    /// `每` + a unit name ending exactly at the end of `before`: returns the
    /// unit and where 每 starts.
    fn per_unit_before(&self, before: &str) -> Option<(usize, usize)> {
        // 每 and a unit name: a few characters back at most.
        let from =
            crate::cjk::ceil_boundary(before, before.len().saturating_sub(PER_LOOKBACK_BYTES));
        let idx = from + before[from..].rfind('每')?;
        let name_at = idx + '每'.len_utf8();
        let (unit, len) = self.units.unit_at(before, name_at)?;
        (name_at + len == before.len()).then_some((unit, idx))
    }
}

#[cfg(test)]
mod tests;
