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
//! The dictionary is a double-array trie (the `yada` crate, written by
//! build.rs), read in place from the binary: nothing is built at run time,
//! and finding every word that starts at a character is one common-prefix
//! search.

use yada::DoubleArray;

static WORDS: DoubleArray<&[u8]> =
    DoubleArray(include_bytes!(concat!(env!("OUT_DIR"), "/words.da")));

/// The sum of the dictionary's frequencies (`words::total`).
const TOTAL: f64 = 60_101_964.0;

static WORD_STARTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/word_starts.bin"));

static WORD_STARTS_BY_SECOND: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/word_starts_by_second.bin"));

/// A run of a sorted table of u64 pairs (`high << 32 | low`) sharing their
/// high half: the low halves, in order.
#[derive(Debug, Clone, Copy)]
pub struct Partners(&'static [u8]);

impl Partners {
    fn of(table: &'static [u8], high: char) -> Partners {
        let n = table.len() / 8;
        let at = |i: usize| {
            let mut e = [0u8; 8];
            e.copy_from_slice(&table[i * 8..i * 8 + 8]);
            u64::from_le_bytes(e)
        };
        let key = u64::from(u32::from(high)) << 32;
        let first = |k: u64| {
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if at(mid) < k {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let (lo, hi) = (first(key), first(key + (1 << 32)));
        Partners(&table[lo * 8..hi * 8])
    }

    pub fn contains(self, c: char) -> bool {
        let key = u32::from(c);
        let n = self.0.len() / 8;
        let at = |i: usize| {
            let e = &self.0[i * 8..i * 8 + 4];
            u32::from_le_bytes([e[0], e[1], e[2], e[3]])
        };
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match at(mid).cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// The second characters of the dictionary words of two characters or more
/// that start with `a` (a table of the 178,232 such pairs, written by
/// build.rs).
pub fn followers(a: char) -> Partners {
    Partners::of(WORD_STARTS, a)
}

/// The first characters of the dictionary words of two characters or more
/// whose second character is `b`.
pub fn leaders(b: char) -> Partners {
    Partners::of(WORD_STARTS_BY_SECOND, b)
}

/// Calls `each(end, frequency)` for every dictionary word that starts at
/// the beginning of `text`, `end` its byte length.
fn words_at(text: &str, mut each: impl FnMut(usize, u64)) {
    for (freq, len) in WORDS.common_prefix_search(text.as_bytes()) {
        each(len, u64::from(freq));
    }
}

static CONTEXT: DoubleArray<&[u8]> =
    DoubleArray(include_bytes!(concat!(env!("OUT_DIR"), "/char_bigrams.da")));
static CONTEXT_UNIGRAMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/char_unigrams.bin"));

/// Ideographs counted in the context model's text (`rules/lm/`, unpruned).
const CONTEXT_TOKENS: f64 = 31_312_726.0;

/// The weight of a character's own frequency in its probability after
/// another (Dirichlet smoothing): a bigram seen fewer than 6 times is not
/// in the pruned table, and a character seen a few hundred times after
/// another is known to follow it whatever its own frequency.
const CONTEXT_PRIOR: f64 = 100.0;

/// Looks `c` up in a table of sorted 8-byte (character, count) entries.
fn table_count(table: &[u8], c: char) -> u64 {
    let n = table.len() / 8;
    let key = u32::from(c);
    let at = |i: usize| {
        let e = &table[i * 8..i * 8 + 8];
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

/// How often `a` then `b` are written in the context model's text (0 when
/// fewer than 6 times).
pub fn bigram_count(a: char, b: char) -> u64 {
    let mut key = [0u8; 8];
    let la = a.encode_utf8(&mut key).len();
    let lb = b.encode_utf8(&mut key[la..]).len();
    CONTEXT
        .exact_match_search(&key[..la + lb])
        .map_or(0, u64::from)
}

/// ln P(b | a) in the context model: the bigram's count smoothed towards
/// `b`'s own frequency.
pub fn context_log_prob(a: char, b: char) -> f64 {
    let pb = (table_count(CONTEXT_UNIGRAMS, b) as f64 + 0.5) / CONTEXT_TOKENS;
    let ca = table_count(CONTEXT_UNIGRAMS, a) as f64;
    ((bigram_count(a, b) as f64 + CONTEXT_PRIOR * pb) / (ca + CONTEXT_PRIOR)).ln()
}

static CHAR_COUNTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/char_counts.bin"));

/// How often `c` is written in general text: the sum of the frequencies of
/// the dictionary words holding it (0 for a character no word holds).
pub fn char_count(c: char) -> u64 {
    table_count(CHAR_COUNTS, c)
}

/// ln P of one word of frequency `freq` (a character no word covers:
/// frequency 1, as in jieba's own route).
pub fn word_log_prob(freq: u64) -> f64 {
    (freq.max(1) as f64).ln() - TOTAL.ln()
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
                WORDS.exact_match_search(w).map(|f| f as usize),
                crate::lexicon::words::lookup(w),
                "{w}"
            );
        }
        assert_eq!(WORDS.exact_match_search("惯彻"), None);
        assert!(followers('互').contains('联'));
        assert!(leaders('联').contains('互'));
        assert!(!followers('惯').contains('彻'));
    }

    #[test]
    fn context_prefers_the_word_of_the_context() {
        assert!(bigram_count('机', '制') > 1000);
        assert_eq!(bigram_count('惯', '彻'), 0);
        assert!(context_log_prob('机', '制') > context_log_prob('机', '智'));
        assert!(context_log_prob('贯', '彻') > context_log_prob('惯', '彻'));
    }

    #[test]
    fn routes_are_jieba_s() {
        // The likeliest route is jieba's segmentation, and its probability
        // the product of its words' frequencies in the dictionary text.
        let mut best = Vec::new();
        for s in ["全面贯彻党中央决策部署", "本条例自发布之日起施行"] {
            let (lp, words) = segment(s, &mut best);
            let spans: Vec<(usize, usize)> = words.iter().map(|w| (w.0, w.1)).collect();
            assert_eq!(spans, crate::lexicon::words::words(s), "{s}");
            let mut sum = 0.0;
            for w in &words {
                let f = crate::lexicon::words::lookup(&s[w.0..w.1]).unwrap_or(1);
                sum += (f as f64 / 60_101_964.0).ln();
            }
            assert!((lp - sum).abs() < 1e-9, "{s}: {lp} vs {sum}");
        }
        let (_, words) = segment("推进技木创新", &mut best);
        let words: Vec<&str> = words.iter().map(|w| &"推进技木创新"[w.0..w.1]).collect();
        assert_eq!(words, ["推进", "技", "木", "创新"]);
    }
}
