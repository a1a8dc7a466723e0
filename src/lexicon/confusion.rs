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
    /// The characters of each group.
    members: Vec<Vec<char>>,
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
        let mut all: Vec<Vec<char>> = Vec::new();
        for (span, body) in data_lines(text) {
            let mut members = 0;
            all.push(Vec::new());
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
                all[n as usize].push(c);
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
        Ok(Confusables {
            groups,
            members: all,
        })
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

/// A character a typist may have meant instead of another, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alike {
    pub c: char,
    pub how: Likeness,
}

/// How one character is like another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Likeness {
    /// The same syllable and tone.
    SameTone,
    /// The same syllable in another tone.
    OtherTone,
    /// A syllable of the commonly confused initials and finals (z/zh,
    /// c/ch, s/sh, n/l; an/ang, en/eng, in/ing), any tone.
    NearSound,
    /// A look-alike (a shape group).
    Shape,
}

/// A character written at least this often in general text
/// (`lm::char_count`, out of 60 million words) is one a typist meets:
/// the candidates for a slip are drawn from these (7,139 characters).
pub const COMMON_CHAR_COUNT: u64 = 50;

/// The common characters of each syllable (tone aside), with their
/// readings: built on first use from the `pinyin` crate's first reading
/// of each CJK ideograph.
fn syllables() -> &'static std::collections::HashMap<&'static str, Vec<(char, &'static str)>> {
    static TABLE: std::sync::OnceLock<
        std::collections::HashMap<&'static str, Vec<(char, &'static str)>>,
    > = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: std::collections::HashMap<&'static str, Vec<(char, &'static str)>> =
            std::collections::HashMap::new();
        for c in
            ('\u{4E00}'..='\u{9FFF}').filter(|&c| super::lm::char_count(c) >= COMMON_CHAR_COUNT)
        {
            if let Some(p) = c.to_pinyin_multi().and_then(|m| m.get_opt(0)) {
                t.entry(p.plain()).or_default().push((c, p.with_tone()));
            }
        }
        t
    })
}

/// A syllable with the commonly confused initials and finals merged
/// (zh → z, ch → c, sh → s, l → n; ang → an, eng → en, ing → in): the
/// syllables a typist of a southern accent, or a slip of the pinyin keys,
/// writes for each other.
fn blurred(plain: &str) -> String {
    let mut s = plain.to_owned();
    for (from, to) in [("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n")] {
        if let Some(rest) = s.strip_prefix(from) {
            s = format!("{to}{rest}");
            break;
        }
    }
    for (from, to) in [("ang", "an"), ("eng", "en"), ("ing", "in")] {
        if let Some(stem) = s.strip_suffix(from) {
            s = format!("{stem}{to}");
            break;
        }
    }
    s
}

/// The syllables (tone aside) that blur into each other, by their blurred
/// form: built on first use from `syllables`.
fn near_syllables() -> &'static std::collections::HashMap<String, Vec<&'static str>> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<String, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: std::collections::HashMap<String, Vec<&'static str>> =
            std::collections::HashMap::new();
        let mut all: Vec<&'static str> = syllables().keys().copied().collect();
        all.sort_unstable();
        for p in all {
            t.entry(blurred(p)).or_default().push(p);
        }
        t
    })
}

/// The common characters sounding like `c` (its first reading's syllable,
/// any tone, then the syllables it blurs with), then those looking like
/// it, `c` itself left out.
pub fn alikes(c: char, shapes: &Confusables, out: &mut Vec<Alike>) {
    out.clear();
    if let Some(p) = c.to_pinyin_multi().and_then(|m| m.get_opt(0)) {
        let tone = p.with_tone();
        if let Some(list) = syllables().get(p.plain()) {
            for &(d, t) in list {
                if d != c {
                    let how = if t == tone {
                        Likeness::SameTone
                    } else {
                        Likeness::OtherTone
                    };
                    out.push(Alike { c: d, how });
                }
            }
        }
        for &q in near_syllables()
            .get(&blurred(p.plain()))
            .into_iter()
            .flatten()
        {
            if q == p.plain() {
                continue;
            }
            for &(d, _) in syllables().get(q).into_iter().flatten() {
                if d != c {
                    out.push(Alike {
                        c: d,
                        how: Likeness::NearSound,
                    });
                }
            }
        }
    }
    let groups = shapes
        .shape_groups(c)
        .iter()
        .flat_map(|&g| shapes.members[g as usize].iter().copied());
    for d in groups.chain(stroke_neighbours(c)) {
        if d != c && super::lm::char_count(d) >= COMMON_CHAR_COUNT && !out.iter().any(|a| a.c == d)
        {
            out.push(Alike {
                c: d,
                how: Likeness::Shape,
            });
        }
    }
}

static STROKE_PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/stroke_pairs.bin"));

/// The characters one stroke from `c` (`rules/confusion/strokes.txt`,
/// paired by build.rs).
pub fn stroke_neighbours(c: char) -> impl Iterator<Item = char> {
    let n = STROKE_PAIRS.len() / 8;
    let at = |i: usize, k: usize| {
        let e = &STROKE_PAIRS[i * 8 + k..i * 8 + k + 4];
        u32::from_le_bytes([e[0], e[1], e[2], e[3]])
    };
    let key = u32::from(c);
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if at(mid, 0) < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..n)
        .take_while(move |&i| at(i, 0) == key)
        .filter_map(move |i| char::from_u32(at(i, 4)))
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
