//! A language model of written Chinese for the typo model: jieba's word
//! unigram model. `rules/jieba/dict.txt` lists 349,046 words with their
//! counts in general text (jieba's sources: the 1998 人民日报 corpus, MSR's
//! segmented corpus and web text; MIT licence, `rules/jieba/README.md`);
//! a sentence's probability is that of its likeliest segmentation, the
//! product of its words' relative frequencies, a character no word covers
//! counting once. The ratio of two readings of a sentence (one character
//! replaced) is the language-model term of the typo score: idioms,
//! compounds, names and two words meeting at a boundary weigh in through
//! the words they make, with no case of their own.
//!
//! The dictionary is an FST (the `fst` crate, written by build.rs), borrowed
//! from the binary: nothing is built at run time, and finding every word
//! that starts at a character is one walk of the transducer.

use std::sync::OnceLock;

use fst::raw::{Fst, Output};

static FST_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));

/// The sum of the dictionary's frequencies (`words::total`).
const TOTAL: f64 = 60_101_964.0;

/// The longest dictionary word, in characters (checked by a test in
/// `words`).
const MAX_CHARS: usize = 16;

fn fst() -> &'static Fst<&'static [u8]> {
    static FST: OnceLock<Fst<&'static [u8]>> = OnceLock::new();
    FST.get_or_init(|| Fst::new(FST_BYTES).expect("build.rs writes a valid transducer"))
}

/// The dictionary frequency of `word`, if it is a word.
pub fn frequency(word: &str) -> Option<u64> {
    fst().get(word).map(|o| o.value())
}

/// Whether some dictionary word of at least two characters starts with
/// `prefix` (or is it).
pub fn starts_word(prefix: &str) -> bool {
    let f = fst();
    let mut node = f.root();
    for &b in prefix.as_bytes() {
        let Some(i) = node.find_input(b) else {
            return false;
        };
        node = f.node(node.transition(i).addr);
    }
    prefix.chars().nth(1).is_some()
}

/// Calls `each(end, frequency)` for every dictionary word that starts at
/// the beginning of `text`, `end` its byte length.
pub fn words_at(text: &str, mut each: impl FnMut(usize, u64)) {
    let f = fst();
    let mut node = f.root();
    let mut out = Output::zero();
    let bytes = text.as_bytes();
    let mut chars = 0;
    for (k, &b) in bytes.iter().enumerate() {
        let Some(i) = node.find_input(b) else {
            return;
        };
        let t = node.transition(i);
        out = out.cat(t.out);
        node = f.node(t.addr);
        let end = k + 1;
        if end == bytes.len() || (bytes[end] as i8) >= -0x40 {
            chars += 1;
            if node.is_final() {
                each(end, out.cat(node.final_output()).value());
            }
            if chars == MAX_CHARS {
                return;
            }
        }
    }
}

static CHAR_COUNTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/char_counts.bin"));

/// How often `c` is written in general text: the sum of the frequencies of
/// the dictionary words holding it (0 for a character no word holds).
pub fn char_count(c: char) -> u64 {
    let n = CHAR_COUNTS.len() / 8;
    let key = u32::from(c);
    let at = |i: usize| {
        let e = &CHAR_COUNTS[i * 8..i * 8 + 8];
        (
            u32::from_le_bytes([e[0], e[1], e[2], e[3]]),
            u32::from_le_bytes([e[4], e[5], e[6], e[7]]),
        )
    };
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (k, v) = at(mid);
        match k.cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return u64::from(v),
        }
    }
    0
}

/// ln P of one word of frequency `freq` (a character no word covers:
/// frequency 1, as in jieba's own route).
pub fn word_log_prob(freq: u64) -> f64 {
    (freq.max(1) as f64 / TOTAL).ln()
}

/// The likeliest segmentation of `text`: its log-probability and its
/// words (byte ranges, with their frequency: 0 for a character no word
/// covers). `best` is scratch space, kept between calls.
pub fn segment(text: &str, best: &mut Vec<(f64, usize, u64)>) -> (f64, Vec<(usize, usize, u64)>) {
    let lp = route(text, best);
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let (_, end, f) = best[at];
        out.push((at, end, f));
        at = end;
    }
    (lp, out)
}

/// The log-probability of the likeliest segmentation of `text`; `best[i]`
/// holds, for each character start `i`, the best route's log-probability
/// from there, the end of its first word and that word's frequency.
pub fn route(text: &str, best: &mut Vec<(f64, usize, u64)>) -> f64 {
    best.clear();
    best.resize(text.len() + 1, (0.0, 0, 0));
    for (start, c) in text.char_indices().rev() {
        let next = start + c.len_utf8();
        let mut b = (word_log_prob(1) + best[next].0, next, 0);
        words_at(&text[start..], |len, freq| {
            let end = start + len;
            let lp = word_log_prob(freq) + best[end].0;
            if lp > b.0 {
                b = (lp, end, freq);
            }
        });
        best[start] = b;
    }
    best[0].0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_are_the_dictionary_s() {
        for w in ["辐射", "覆盖", "中华人民共和国", "的"] {
            assert_eq!(
                frequency(w).map(|f| f as usize),
                crate::lexicon::words::lookup(w),
                "{w}"
            );
        }
        assert_eq!(frequency("惯彻"), None);
        assert!(starts_word("互联"));
        assert!(!starts_word("互"));
        assert!(!starts_word("惯彻"));
    }

    #[test]
    fn route_matches_jieba_s() {
        let mut best = Vec::new();
        for s in [
            "全面贯彻党中央决策部署",
            "本条例自发布之日起施行",
            "本条例白发布之日起施行",
            "工业互连网和大数局",
            "a1，。",
        ] {
            let a = route(s, &mut best);
            let b = crate::lexicon::words::route_log_prob(s);
            assert!((a - b).abs() < 1e-9, "{s}: {a} vs {b}");
        }
        let (_, words) = segment("推进技木创新", &mut best);
        let words: Vec<&str> = words.iter().map(|w| &"推进技木创新"[w.0..w.1]).collect();
        assert_eq!(words, ["推进", "技", "木", "创新"]);
    }
}
