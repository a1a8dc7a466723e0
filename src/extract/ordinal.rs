//! Numerals that name rather than count: party congresses and plenums
//! (党的十五大, 十六大以来, 八大决议, 十九届五中全会), sessions (五届人大
//! 四次会议), ranks (第三). A count reader asks here before it reads a
//! numeral as "this many of the things listed before".
//!
//! The shapes are those of the 政府工作报告 of 1954–2025: a congress is a
//! numeral and 大 after 党的, or before a word that only a congress takes
//! (精神, 召开, 以来 …); 十大钢铁基地 (ten big steel bases) stays a count.

use crate::cjk::is_space;

/// Words after `N大` that make it a party congress, not "N big …".
const CONGRESS_NEXT: &[&str] = &[
    "精神",
    "召开",
    "以来",
    "报告",
    "决议",
    "路线",
    "提出",
    "作出",
    "确立",
    "确定",
    "部署",
    "胜利",
    "闭幕",
    "开幕",
    "以后",
    "党章",
    "通过",
    "代表大会",
];

/// Words after a numeral that make it the number of a session or plenum.
const SESSION_NEXT: &[&str] = &[
    "届",
    "中全会",
    "次会议",
    "次全会",
    "次全体会议",
    "次代表大会",
    "次党代会",
];

/// Whether the numeral at `start..end` of `t` names a congress, plenum,
/// session or rank rather than counting something.
pub fn names_not_counts(t: &str, start: usize, end: usize) -> bool {
    let before = t[..start].trim_end_matches(is_space);
    if before.ends_with('第') {
        return true;
    }
    let after = &t[end..];
    if SESSION_NEXT.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    if let Some(rest) = after.strip_prefix('大') {
        if before.ends_with("党的") || before.ends_with("党") {
            return true;
        }
        if CONGRESS_NEXT.iter().any(|w| rest.starts_with(w)) {
            return true;
        }
        // 十九大和十九届五中全会, 十五大、十六大: a run of congresses.
        let rest = rest.trim_start_matches(['和', '、', '及', '与']);
        let numeral_len = rest
            .char_indices()
            .take_while(|&(_, c)| crate::cjk::is_numeral_char(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        if numeral_len > 0
            && (rest[numeral_len..].starts_with('届') || rest[numeral_len..].starts_with('大'))
            && rest.len() < after.len() - '大'.len_utf8()
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str, numeral: &str) -> bool {
        let start = t.find(numeral).unwrap();
        names_not_counts(t, start, start + numeral.len())
    }

    #[test]
    fn congresses_plenums_and_sessions_are_names() {
        assert!(named("以邓小平理论和党的十五大精神为指导", "十五"));
        assert!(named("迎接党的十六大召开", "十六"));
        assert!(named("十六大以来", "十六"));
        assert!(named("八大决议", "八"));
        assert!(named("党的十九大和十九届二中全会", "十九"));
        assert!(named("十九届五中全会", "五"));
        assert!(named("五届人大四次会议", "四"));
        assert!(named("在五届人大四次会议上", "五"));
        assert!(named("第三个历史决议", "三"));
    }

    #[test]
    fn big_things_are_counts() {
        assert!(!named("其中有十大钢铁基地", "十"));
        assert!(!named("黑河、疏勒河、石羊河三大流域", "三"));
        assert!(!named("兰州、白银两市", "两"));
    }
}
