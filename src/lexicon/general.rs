//! How common a two-character word is in general modern Chinese, from
//! wordfreq's word list (`rules/wordfreq/words2.txt`: Wikipedia, news,
//! books, subtitles and web text, tokenised with jieba). jieba's own
//! dictionary (words.rs) dates from 2013 and lacks much of current official
//! usage (发力, 提质, 智造); this list knows them, with a frequency.
//!
//! Frequencies are in wordfreq's centibels: `n` means 10^(-n/100), so a
//! smaller number is a commoner word (300: one word in a thousand; 700: one
//! in ten million; 800, the rarest: one in a hundred million). Built into
//! sorted tables at build time (build.rs: all words, and the common ones
//! by either character), searched in place: nothing is loaded at start-up.

/// Entries of 10 bytes: first character, second character (u32 LE each),
/// centibels (u16 LE), sorted by (first, second).
static BY_FIRST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/general_by_first.bin"));
/// The entries of common words (`COMMON`), sorted by (first, second).
static COMMON_BY_FIRST: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/general_common_by_first.bin"));
/// The same with the characters swapped, sorted by (second, first).
static COMMON_BY_SECOND: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/general_common_by_second.bin"));

const ENTRY: usize = 10;

/// The rarest frequency the list holds, in centibels.
pub const RAREST: u16 = 800;

/// A word at least this common (550 centibels: about three in a million
/// words) is a common word, listed by [`starting_with`] and
/// [`ending_with`] (build.rs keeps the same number).
pub const COMMON: u16 = 550;

fn at(table: &'static [u8], i: usize) -> (u32, u32, u16) {
    let e = &table[i * ENTRY..(i + 1) * ENTRY];
    (
        u32::from_le_bytes([e[0], e[1], e[2], e[3]]),
        u32::from_le_bytes([e[4], e[5], e[6], e[7]]),
        u16::from_le_bytes([e[8], e[9]]),
    )
}

fn len(table: &'static [u8]) -> usize {
    table.len() / ENTRY
}

/// The first index whose entry is not below `key`.
fn lower_bound(table: &'static [u8], key: (u32, u32)) -> usize {
    let (mut lo, mut hi) = (0, len(table));
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (a, b, _) = at(table, mid);
        if (a, b) < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// How many times a word of `cb` centibels is expected among `words`
/// words: its frequency on another list's scale (jieba's total, for
/// comparing with jieba's counts).
pub fn expected_count(cb: u16, words: usize) -> f64 {
    10f64.powf(-f64::from(cb) / 100.0) * words as f64
}

/// The frequency of the word `a` + `b` in centibels, if the list holds it.
pub fn centibels(a: char, b: char) -> Option<u16> {
    let key = (u32::from(a), u32::from(b));
    let i = lower_bound(BY_FIRST, key);
    (i < len(BY_FIRST))
        .then(|| at(BY_FIRST, i))
        .filter(|&(x, y, _)| (x, y) == key)
        .map(|e| e.2)
}

/// The words of `table` whose key character is `c`: (the other character,
/// centibels).
fn range(table: &'static [u8], c: char) -> impl Iterator<Item = (char, u16)> {
    let c = u32::from(c);
    let start = lower_bound(table, (c, 0));
    (start..len(table))
        .map(move |i| at(table, i))
        .take_while(move |e| e.0 == c)
        .filter_map(|(_, other, cb)| Some((char::from_u32(other)?, cb)))
}

/// The common words (`COMMON`) starting with `a`: (second character,
/// centibels).
pub fn starting_with(a: char) -> impl Iterator<Item = (char, u16)> {
    range(COMMON_BY_FIRST, a)
}

/// The common words (`COMMON`) ending with `b`: (first character,
/// centibels).
pub fn ending_with(b: char) -> impl Iterator<Item = (char, u16)> {
    range(COMMON_BY_SECOND, b)
}

/// How many words the list holds.
pub fn count() -> usize {
    len(BY_FIRST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_words_and_their_neighbours() {
        assert!(count() > 60_000);
        let common = centibels('贯', '彻').unwrap();
        assert!(common < 500, "{common}");
        // A word of current official usage jieba's dictionary lacks.
        assert!(centibels('发', '力').is_some());
        assert!(crate::lexicon::words::lookup("发力").is_none());
        assert_eq!(centibels('惯', '彻'), None);
        assert!(starting_with('贯').any(|(b, _)| b == '彻'));
        assert!(ending_with('彻').any(|(a, _)| a == '贯'));
        assert!(starting_with('贯').all(|(b, cb)| centibels('贯', b) == Some(cb)));
        assert!(ending_with('彻').all(|(a, cb)| centibels(a, '彻') == Some(cb)));
        // The common words, and only they, are listed by their characters.
        assert!(starting_with('发').all(|(_, cb)| cb <= COMMON));
        let common = (0..count())
            .filter(|&i| at(BY_FIRST, i).2 <= COMMON)
            .count();
        assert_eq!(len(COMMON_BY_FIRST), common);
        assert_eq!(len(COMMON_BY_SECOND), common);
        assert!(common > 10_000, "{common}");
    }

    /// The file's invariants: its source stated, two ideographs a line, one
    /// line a word, sorted, frequencies within the stated range.
    #[test]
    fn the_data_file_holds_its_invariants() {
        let text = include_str!("../../rules/wordfreq/words2.txt");
        assert!(text.starts_with("# Two-character Chinese words"));
        assert!(text.contains("wordfreq 3.1.1") && text.contains("Attribution-ShareAlike 4.0"));
        let mut last = String::new();
        let mut n = 0;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (w, cb) = line.split_once('\t').unwrap();
            assert_eq!(w.chars().count(), 2, "{line}");
            assert!(
                w.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{line}"
            );
            let cb: u16 = cb.parse().unwrap();
            assert!(cb <= RAREST, "{line}");
            assert!(last.as_str() < w, "not sorted or repeated: {line}");
            last = w.to_owned();
            n += 1;
        }
        assert_eq!(n, count());
    }
}
