//! Word boundaries from jieba-rs, for rules that need words: a typo pair
//! must not fire inside a longer correct word (即有 in 立即有效), a doubled
//! character is a slip only where it is not a word (主城区区, not 饮用水水源),
//! names are compared as words.
//!
//! Segmentation is jieba-rs's, with its default dictionary
//! (`rules/jieba/dict.txt`), but the full dictionary is never built: that
//! takes 250–300 ms, far more than linting a plan. Only the sentence around
//! a candidate is segmented, by a `Jieba` (one per thread) that holds just
//! the dictionary words occurring in the sentences segmented so far (found
//! by binary search in the sorted dictionary text) and a placeholder that keeps
//! the total frequency of the full dictionary. jieba's route through a
//! sentence depends only on the dictionary words in it and on that total,
//! so the words are the same (a test compares them with the full dictionary
//! on every sentence of the seed).

use std::collections::HashMap;
use std::sync::OnceLock;

use jieba_rs::Jieba;

/// jieba's dictionary: `word freq tag` lines, sorted by bytes.
static DICT: &str = include_str!("../../rules/jieba/dict.txt");

/// The sum of the dictionary's frequencies (checked by a test).
const TOTAL: usize = 60_101_964;

/// The longest dictionary word, in characters (checked by a test).
const MAX_CHARS: usize = 16;

/// A word no text contains, carrying the frequency of the words left out.
const PLACEHOLDER: &str = "\u{E000}\u{E001}";

/// The start of the dictionary line holding byte `at`.
fn line_start(at: usize) -> usize {
    memchr::memrchr(b'\n', &DICT.as_bytes()[..at]).map_or(0, |p| p + 1)
}

/// The start of the line after the one starting at `start`.
fn next_line(start: usize) -> usize {
    memchr::memchr(b'\n', &DICT.as_bytes()[start..]).map_or(DICT.len(), |p| start + p + 1)
}

/// The word of the line starting at byte `start`.
fn word(start: usize) -> &'static [u8] {
    let line = &DICT.as_bytes()[start..];
    &line[..memchr::memchr2(b' ', b'\n', line).unwrap_or(line.len())]
}

/// The word and frequency of the line starting at byte `start`.
fn entry(start: usize) -> (&'static str, usize) {
    let len = word(start).len();
    let freq = DICT[start + len..]
        .trim_start_matches(' ')
        .split([' ', '\n'])
        .next()
        .and_then(|f| f.parse().ok())
        .unwrap_or(0);
    (&DICT[start..start + len], freq)
}

/// The start of the first line in `lo..hi` (both line starts, or the end)
/// whose word fails `pred`, where `pred` holds for a run of lines and then
/// fails: a binary search in the sorted text itself, so there is no index
/// to build and only the pages it reads are touched.
fn partition(mut lo: usize, mut hi: usize, pred: impl Fn(&[u8]) -> bool) -> usize {
    while lo < hi {
        let mid = line_start(lo + (hi - lo) / 2);
        if pred(word(mid)) {
            lo = next_line(mid);
        } else {
            hi = mid;
        }
    }
    lo
}

/// The dictionary frequency of `w`, if it is a dictionary word.
pub fn lookup(w: &str) -> Option<usize> {
    let at = partition(0, DICT.len(), |x| x < w.as_bytes());
    (at < DICT.len() && word(at) == w.as_bytes()).then(|| entry(at).1)
}

/// The lines whose word starts with one character, or with two, found the
/// first time a thread asks and remembered (contiguous: the dictionary is
/// sorted by bytes). Most positions of a text need nothing else: the word
/// starting there is one or two characters long, or none is.
#[derive(Default)]
struct Ranges(HashMap<(char, Option<char>), (usize, usize)>);

impl Ranges {
    fn get(&mut self, c1: char, c2: Option<char>) -> (usize, usize) {
        if let Some(&r) = self.0.get(&(c1, c2)) {
            return r;
        }
        let (lo, hi) = match c2 {
            None => (0, DICT.len()),
            Some(_) => self.get(c1, None),
        };
        let mut buf = [0u8; 8];
        let mut len = c1.encode_utf8(&mut buf).len();
        if let Some(c2) = c2 {
            len += c2.encode_utf8(&mut buf[len..]).len();
        }
        let key = &buf[..len];
        let lo = partition(lo, hi, |w| w < key);
        let r = (lo, partition(lo, hi, |w| w.starts_with(key)));
        self.0.insert((c1, c2), r);
        r
    }
}

/// The dictionary words that occur in `text`, with their frequencies. For
/// each start, the range of words with the piece read so far as a prefix
/// narrows as the piece grows (the first two steps remembered in `ranges`),
/// and the search stops when it is empty.
fn words_in(text: &str, ranges: &mut Ranges) -> Vec<(&'static str, usize)> {
    let mut found = Vec::new();
    for (start, c) in text.char_indices() {
        let rest = &text[start..];
        let mut ends = rest.char_indices().map(|(e, c)| (e + c.len_utf8(), c));
        let mut c2 = None;
        for (n, (end, next)) in ends.by_ref().take(MAX_CHARS).enumerate() {
            let (lo, hi) = match n {
                0 => ranges.get(c, None),
                _ => {
                    c2 = Some(next);
                    ranges.get(c, c2)
                }
            };
            if lo < hi && word(lo) == &rest.as_bytes()[..end] {
                found.push(entry(lo));
            }
            if lo >= hi || n == 1 {
                break;
            }
        }
        if c2.is_none() {
            continue;
        }
        // Three characters and more: search within the two-character range.
        let (mut lo, mut hi) = ranges.get(c, c2);
        for (end, _) in ends.take(MAX_CHARS - 2) {
            if lo >= hi {
                break; // no dictionary word starts with this piece
            }
            let piece = &rest.as_bytes()[..end];
            lo = partition(lo, hi, |w| w < piece);
            hi = partition(lo, hi, |w| w.starts_with(piece));
            if lo < hi && word(lo) == piece {
                found.push(entry(lo));
            }
        }
    }
    found
}

/// A thread's `Jieba`: the dictionary words of every text it has segmented,
/// and the placeholder carrying the rest of the total frequency. Words of
/// other texts never occur in a text's segmentation graph, so they do not
/// change its words; only the total matters, and it is kept.
struct Partial {
    jieba: Jieba,
    added: std::collections::HashSet<&'static str>,
    sum: usize,
    ranges: Ranges,
}

impl Partial {
    fn new() -> Self {
        let mut jieba = Jieba::empty();
        jieba.add_word(PLACEHOLDER, Some(TOTAL), None);
        Partial {
            jieba,
            added: std::collections::HashSet::new(),
            sum: 0,
            ranges: Ranges::default(),
        }
    }

    /// Makes the dictionary words of `text` known.
    fn cover(&mut self, text: &str) {
        let before = self.sum;
        for (word, freq) in words_in(text, &mut self.ranges) {
            if self.added.insert(word) {
                self.jieba.add_word(word, Some(freq), None);
                self.sum += freq;
            }
        }
        if self.sum != before {
            let rest = TOTAL.saturating_sub(self.sum).max(1);
            self.jieba.add_word(PLACEHOLDER, Some(rest), None);
        }
    }
}

/// After this many bytes of sentences segmented with partial dictionaries,
/// the process builds the full one (250–300 ms) and uses it from then on.
/// Filling a partial dictionary costs about 0.05 µs a byte more than using
/// the full one (the seed ×100 segments 1 MB: name-drift, typo and
/// doubled-character rules together 320 ms with partial dictionaries, 520 ms
/// with the full one built), so only an archive run of several hundred
/// plans reaches this point; a single plan (the seed segments 10 KB) never
/// does.
const FULL_AFTER_BYTES: usize = 5_000_000;

/// Runs `f` with a `Jieba` that segments `text` exactly as the full
/// dictionary does: this thread's partial one, or the full one once the
/// process has segmented enough to make building it worthwhile.
fn with_jieba<T>(text: &str, f: impl FnOnce(&Jieba) -> T) -> T {
    static SEGMENTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    static FULL: OnceLock<Jieba> = OnceLock::new();
    thread_local! {
        static PARTIAL: std::cell::RefCell<Partial> = std::cell::RefCell::new(Partial::new());
    }
    if let Some(full) = FULL.get() {
        return f(full);
    }
    let before = SEGMENTED.fetch_add(text.len(), std::sync::atomic::Ordering::Relaxed);
    if before + text.len() > FULL_AFTER_BYTES {
        return f(FULL.get_or_init(full_dictionary));
    }
    PARTIAL.with(|p| {
        let mut p = p.borrow_mut();
        p.cover(text);
        f(&p.jieba)
    })
}

/// jieba with the whole dictionary.
fn full_dictionary() -> Jieba {
    Jieba::with_dict(&mut std::io::BufReader::new(DICT.as_bytes()))
        .expect("the built-in dictionary is well-formed (tested)")
}

/// Byte ranges of the words of `text` (a sentence: the cost grows with its
/// length times the longest word).
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut at = 0;
    with_jieba(text, |jieba| {
        jieba
            .cut(text, true)
            .into_iter()
            .map(|w| {
                let r = (at, at + w.len());
                at += w.len();
                r
            })
            .collect()
    })
}

/// Whether `at` is a word boundary of `text` (the start or end of a word).
pub fn is_boundary(words: &[(usize, usize)], at: usize) -> bool {
    words.binary_search_by_key(&at, |w| w.0).is_ok() || words.last().is_some_and(|w| w.1 == at)
}

/// The part-of-speech tag jieba's dictionary gives a word (`n`, `v`, `vn`,
/// `ns` …), if it is a dictionary word.
pub fn tag(w: &str) -> Option<&'static str> {
    let at = partition(0, DICT.len(), |x| x < w.as_bytes());
    if at >= DICT.len() || word(at) != w.as_bytes() {
        return None;
    }
    let line = &DICT[at..next_line(at)];
    line.trim_end().rsplit(' ').next()
}

/// The sum of the dictionary's frequencies: with [`lookup`], the
/// probability of a word in general text.
pub fn total() -> usize {
    TOTAL
}

/// Whether a word is in jieba's dictionary.
pub fn is_word(word: &str) -> bool {
    lookup(word).is_some()
}

/// jieba's suggested frequency of a word (its dictionary frequency, or what
/// its parts imply; at least 1): how common it is in general Chinese text.
pub fn frequency(word: &str) -> usize {
    with_jieba(word, |jieba| jieba.suggest_freq(word))
}

/// The sentence of `text` around byte range `a..b`: from the previous
/// sentence end to the next, at most `limit` bytes either side.
pub fn sentence_around(text: &str, a: usize, b: usize, limit: usize) -> (usize, usize) {
    let ends = ['。', '！', '？', '；', '\n'];
    let start = crate::cjk::ceil_boundary(text, a.saturating_sub(limit));
    let start = text[start..a].rfind(ends).map_or(start, |i| {
        start + i + text[start + i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = crate::cjk::floor_boundary(text, b + limit);
    let end = text[b..end].find(ends).map_or(end, |i| b + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let t = "立即有效";
        let w = words(t);
        let at = t.find("即有").unwrap();
        assert!(!is_boundary(&w, at), "{w:?}");
        let t = "生态综合补尝试点工作";
        let w = words(t);
        assert!(is_boundary(&w, t.find("补尝").unwrap()), "{w:?}");
        assert!(is_word("补偿") && !is_word("补尝"));
    }

    #[test]
    fn dictionary_constants() {
        let (mut total, mut longest, mut previous, mut lines) = (0, 0, "", 0);
        let mut at = 0;
        while at < DICT.len() {
            let (w, freq) = entry(at);
            assert!(previous < w, "not sorted at byte {at}: {previous} {w}");
            assert_eq!(lookup(w), Some(freq), "{w}");
            total += freq;
            longest = longest.max(w.chars().count());
            previous = w;
            lines += 1;
            at = next_line(at);
        }
        assert_eq!(lines, 349_045);
        assert_eq!(total, TOTAL);
        assert_eq!(longest, MAX_CHARS);
        assert_eq!(lookup("补尝"), None);
    }

    #[test]
    fn same_words_as_the_full_dictionary() {
        let full = full_dictionary();
        let mut sentences = 0;
        let text = [
            include_str!("../../seeds/gansu-2021-93.txt"),
            "弥补尝试。饮用水水源。主城区区为主。G30连霍高速，5G基站2.5万个。",
        ]
        .concat();
        for sentence in text
            .split(['。', '！', '？', '；', '\n'])
            .filter(|s| !s.is_empty())
        {
            let mut at = 0;
            let want: Vec<(usize, usize)> = full
                .cut(sentence, true)
                .into_iter()
                .map(|w| {
                    at += w.len();
                    (at - w.len(), at)
                })
                .collect();
            assert_eq!(words(sentence), want, "{sentence}");
            sentences += 1;
        }
        assert!(sentences > 1800, "{sentences}");
        for w in [
            "补偿",
            "补尝",
            "区区",
            "主城区",
            "耐蚀合金",
            "内蚀合金",
            "兰州",
            "酒钢集团",
            "一核两极",
        ] {
            assert_eq!(is_word(w), full.has_word(w), "{w}");
            assert_eq!(frequency(w), full.suggest_freq(w), "{w}");
        }
    }
}
