//! Which characters can be mistaken for which: sound-alike characters
//! (the same syllable and tone, from the `pinyin` crate's readings, which
//! are pinyin-data's) and look-alike characters (`rules/confusion/shape.txt`,
//! pycorrector's 形近字 groups).
//!
//! Nothing is expanded into per-character lists: the typo rules ask whether
//! two given characters are confusable, for characters the document itself
//! holds, so a test is a comparison of a few readings and group numbers.

use std::collections::HashMap;

use pinyin::ToPinyinMulti;

use super::{data_lines, error_at, DataError};

/// How two characters can be mistaken for each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confusion {
    /// They share a reading, tone included (惯/贯 guàn).
    Sound,
    /// They look alike (砭/贬).
    Shape,
}

impl Confusion {
    /// The Chinese name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Confusion::Sound => "音同",
            Confusion::Shape => "形近",
        }
    }
}

/// The look-alike groups, and the readings of characters.
#[derive(Debug, Clone, Default)]
pub struct Confusables {
    /// Group numbers of each character in a shape group, sorted.
    groups: HashMap<char, Vec<u16>>,
}

/// The most look-alike groups one character may be in (监 is in five of
/// pycorrector's): the typo rules keep a character's groups in a fixed
/// array.
pub const MAX_SHAPE_GROUPS: usize = 5;

impl Confusables {
    /// Reads the shape groups: one group of characters a line, separated
    /// by tabs; `#` starts a comment line.
    pub fn load(file: &str, text: &str) -> Result<Confusables, DataError> {
        let mut groups: HashMap<char, Vec<u16>> = HashMap::new();
        let mut n: u16 = 0;
        for (span, body) in data_lines(text) {
            let mut members = 0;
            for item in body.split('\t') {
                let mut cs = item.chars();
                let (Some(c), None) = (cs.next(), cs.next()) else {
                    return Err(error_at(
                        file,
                        text,
                        span.clone(),
                        format!("形近字组应为以 TAB 分隔的单字，“{item}”不是单字"),
                    ));
                };
                let list = groups.entry(c).or_default();
                if list.last() == Some(&n) {
                    return Err(error_at(
                        file,
                        text,
                        span.clone(),
                        format!("“{c}”在同一组中重复"),
                    ));
                }
                if list.len() == MAX_SHAPE_GROUPS {
                    return Err(error_at(
                        file,
                        text,
                        span.clone(),
                        format!("“{c}”所在的形近字组过多（至多 {MAX_SHAPE_GROUPS} 组）"),
                    ));
                }
                list.push(n);
                members += 1;
            }
            if members < 2 {
                return Err(error_at(
                    file,
                    text,
                    span.clone(),
                    "形近字组至少要有两个字".into(),
                ));
            }
            n = n.checked_add(1).ok_or_else(|| {
                error_at(
                    file,
                    text,
                    span.clone(),
                    "形近字组过多（至多 65535 组）".into(),
                )
            })?;
        }
        Ok(Confusables { groups })
    }

    /// The look-alike groups `c` belongs to (numbers, sorted).
    pub fn shape_groups(&self, c: char) -> &[u16] {
        self.groups.get(&c).map_or(&[], Vec::as_slice)
    }

    /// How many characters have look-alikes.
    pub fn shape_len(&self) -> usize {
        self.groups.len()
    }

    /// Whether `a` and `b` share a shape group.
    pub fn look_alike(&self, a: char, b: char) -> bool {
        let (Some(x), Some(y)) = (self.groups.get(&a), self.groups.get(&b)) else {
            return false;
        };
        x.iter().any(|g| y.binary_search(g).is_ok())
    }

    /// How `a` can be mistaken for `b`, if it can: sound before shape.
    pub fn confusion(&self, a: char, b: char) -> Option<Confusion> {
        if a == b {
            return None;
        }
        if sound_alike(a, b) {
            Some(Confusion::Sound)
        } else if self.look_alike(a, b) {
            Some(Confusion::Shape)
        } else {
            None
        }
    }
}

/// The reading a character is typed by: the first of the `pinyin` crate's
/// readings. The others are mostly literary or archaic (大 dài, 厂 ān,
/// 石 dàn) and would pair characters no typist confuses.
pub fn reading(c: char) -> Option<&'static str> {
    c.to_pinyin_multi()
        .and_then(|m| m.get_opt(0))
        .map(|p| p.with_tone())
}

/// Whether two characters share their reading, tone aside (发 fā, 法 fǎ):
/// the slips of a typist choosing among a syllable's characters.
pub fn sound_alike_any_tone(a: char, b: char) -> bool {
    let plain = |c: char| {
        c.to_pinyin_multi()
            .and_then(|m| m.get_opt(0))
            .map(|p| p.plain())
    };
    plain(a).is_some_and(|x| plain(b) == Some(x))
}

/// Whether two characters share their reading, tone included.
pub fn sound_alike(a: char, b: char) -> bool {
    reading(a).is_some_and(|x| reading(b) == Some(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sound_and_shape() {
        let c = Confusables::load("s.txt", "# x\n贬\t砭\t眨\n").unwrap();
        assert_eq!(c.confusion('惯', '贯'), Some(Confusion::Sound));
        assert_eq!(c.confusion('砭', '贬'), Some(Confusion::Shape));
        assert_eq!(c.confusion('部', '布'), Some(Confusion::Sound));
        // Same syllable, other tone: not a sound-alike.
        assert_eq!(c.confusion('惯', '关'), None);
        assert_eq!(c.confusion('惯', '惯'), None);
        // By the first reading only: 带 dài is not 大 dà (dài in 大夫).
        assert!(!sound_alike('带', '大'));
    }

    #[test]
    fn bad_groups_are_errors_at_their_line() {
        let e = Confusables::load("s.txt", "# x\n贬\t砭砭\n").unwrap_err();
        assert!(e.message.contains("不是单字"), "{e}");
        let e = Confusables::load("s.txt", "贬\n").unwrap_err();
        assert!(e.message.contains("两个字"), "{e}");
        let e = Confusables::load("s.txt", "贬\t砭\t贬\n").unwrap_err();
        assert!(e.message.contains("重复"), "{e}");
        // One character in more groups than the typo rules keep.
        let five = "监\t临\n".repeat(MAX_SHAPE_GROUPS);
        assert!(Confusables::load("s.txt", &five).is_ok());
        let six = format!("{five}监\t鉴\n");
        let e = Confusables::load("s.txt", &six).unwrap_err();
        assert!(e.message.contains("过多"), "{e}");
        let at = six.rfind("监\t鉴").unwrap();
        assert_eq!(e.span.map(|s| s.start), Some(at), "{e}");
    }
}
