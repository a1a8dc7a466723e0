//! A set of literal strings found leftmost-longest in one pass over a text.
//!
//! Plans are Chinese text: every pattern starts with one of a handful of
//! UTF-8 lead bytes, so aho-corasick's byte prefilters find a candidate at
//! almost every character and its automaton then runs at 100–150 MB/s. The
//! regex crate's meta engine, given the same literals as an alternation,
//! picks a SIMD literal searcher (Teddy) for small sets and a lazy DFA for
//! large ones: 2–20× faster on plan text (measured on the seed ×100, 21 MB:
//! the typo pack's 159 pairs 183 → 60 ms, the 3 official names 133 → 7 ms).
//!
//! regex is leftmost-first; with the alternatives ordered longest first, the
//! first alternative that matches at a position is the longest one there,
//! which is leftmost-longest for literals.
//!
//! Compiling an alternation costs time in proportion to its size, and a run
//! pays it at start-up: 1,500 typo pairs took 80 M instructions, more than
//! linting the seed (an aho-corasick DFA as much; its NFA builds fast but
//! reads plan text at some 50 instructions a byte). Sets larger than
//! [`REGEX_MAX`] are indexed by their first two characters instead: a
//! 64-kilobit filter of those pairs, checked at each character, and the
//! patterns that start with a pair, tried longest first where the filter
//! says one may start. It builds in microseconds and reads a few
//! instructions a byte.

use std::collections::HashMap;

use regex::Regex;

/// The largest set searched with a regex alternation.
const REGEX_MAX: usize = 300;

#[derive(Clone)]
enum Engine {
    None,
    Regex(Regex),
    Prefix(PrefixIndex),
}

/// Patterns by their first two characters (`(first << 32) | second`; the
/// second 0 for a pattern of one character), each list longest first,
/// behind a bit filter of those keys: two characters of plan text are
/// rarely the start of a pattern (192 of the seed's 62,000 pairs for 1,500
/// typos), while any one character often is.
#[derive(Clone)]
struct PrefixIndex {
    filter: Box<[u64; FILTER_WORDS]>,
    /// Each list: the pattern and its index in the input list.
    starts: HashMap<u64, Vec<(String, usize)>, KeyHasher>,
    /// Whether some pattern is one character long (its key is checked too).
    singles: bool,
}

const FILTER_WORDS: usize = 1 << 10;

fn pair_key(a: char, b: Option<char>) -> u64 {
    (a as u64) << 32 | b.map_or(0, |b| b as u64)
}

fn filter_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize % (FILTER_WORDS * 64)
}

/// The keys are two characters already spread by a multiply: that is all
/// the hashing they need (SipHash was a third of the search's time).
#[derive(Clone, Default)]
struct KeyHash(u64);

impl std::hash::Hasher for KeyHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type KeyHasher = std::hash::BuildHasherDefault<KeyHash>;

impl PrefixIndex {
    fn new(patterns: &[(&str, usize)]) -> Self {
        let mut filter = Box::new([0u64; FILTER_WORDS]);
        let mut starts: HashMap<u64, Vec<(String, usize)>, KeyHasher> = HashMap::default();
        let mut singles = false;
        for &(p, index) in patterns {
            let mut chars = p.chars();
            let a = chars.next().expect("patterns are not empty");
            let b = chars.next();
            singles |= b.is_none();
            let k = pair_key(a, b);
            let bit = filter_bit(k);
            filter[bit / 64] |= 1 << (bit % 64);
            starts.entry(k).or_default().push((p.to_owned(), index));
        }
        for list in starts.values_mut() {
            list.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then(x.0.cmp(&y.0)));
        }
        PrefixIndex {
            filter,
            starts,
            singles,
        }
    }

    fn candidates(&self, k: u64) -> &[(String, usize)] {
        let bit = filter_bit(k);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return &[];
        }
        self.starts.get(&k).map_or(&[], Vec::as_slice)
    }

    /// The longest pattern starting at byte `at` with characters `a`, `b`:
    /// its length and index.
    fn longest_at(
        &self,
        text: &str,
        at: usize,
        a: char,
        b: Option<char>,
    ) -> Option<(usize, usize)> {
        let bytes = &text.as_bytes()[at..];
        let two = if b.is_some() {
            self.candidates(pair_key(a, b))
        } else {
            &[]
        };
        let one = if self.singles {
            self.candidates(pair_key(a, None))
        } else {
            &[]
        };
        two.iter()
            .chain(one)
            .find(|p| bytes.starts_with(p.0.as_bytes()))
            .map(|p| (p.0.len(), p.1))
    }

    /// The next match at or after byte `from`: start, length, index.
    fn next(&self, text: &str, from: usize) -> Option<(usize, usize, usize)> {
        let mut chars = text[from..].char_indices();
        let mut prev = chars.next()?;
        loop {
            let cur = chars.next();
            let (at, a) = prev;
            if let Some((len, index)) = self.longest_at(text, from + at, a, cur.map(|c| c.1)) {
                return Some((from + at, len, index));
            }
            prev = cur?;
        }
    }
}

#[derive(Clone)]
pub struct Literals {
    engine: Engine,
    /// Pattern text → the index of its first occurrence in the input list.
    index: HashMap<String, usize>,
}

impl std::fmt::Debug for Literals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Literals({} patterns)", self.index.len())
    }
}

/// One pattern found: its index in the input list and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl Literals {
    /// Empty patterns are ignored (they would match everywhere); an empty set
    /// matches nothing. Fails only when the alternation exceeds regex's size
    /// limit.
    pub fn new<I, S>(patterns: I) -> Result<Self, regex::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut index = HashMap::new();
        for (i, p) in patterns.into_iter().enumerate() {
            let p = p.as_ref();
            if !p.is_empty() {
                index.entry(p.to_owned()).or_insert(i);
            }
        }
        let mut sorted: Vec<&str> = index.keys().map(String::as_str).collect();
        // Longest first; ties in byte order, so the regex is the same on
        // every run (HashMap order is not).
        sorted.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let engine = if sorted.is_empty() {
            Engine::None
        } else if sorted.len() > REGEX_MAX {
            let with_index: Vec<(&str, usize)> = sorted.iter().map(|p| (*p, index[*p])).collect();
            Engine::Prefix(PrefixIndex::new(&with_index))
        } else {
            let alternation = sorted
                .iter()
                .map(|p| regex::escape(p))
                .collect::<Vec<_>>()
                .join("|");
            Engine::Regex(
                regex::RegexBuilder::new(&alternation)
                    .size_limit(64 << 20)
                    .build()?,
            )
        };
        Ok(Literals { engine, index })
    }

    /// The set as one regular expression (for a `RegexSet` that reads a
    /// text once for several rules); `None` for an empty set or one too
    /// large to compile cheaply (it is searched on its own).
    pub fn alternation(&self) -> Option<&str> {
        match &self.engine {
            Engine::Regex(re) => Some(re.as_str()),
            _ => None,
        }
    }

    /// The patterns in `text`, leftmost-longest, not overlapping.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = Found> + 'a> {
        match &self.engine {
            Engine::None => Box::new(std::iter::empty()),
            Engine::Regex(re) => Box::new(re.find_iter(text).map(|m| Found {
                pattern: self.index[m.as_str()],
                start: m.start(),
                end: m.end(),
            })),
            Engine::Prefix(index) => {
                let mut from = 0;
                Box::new(std::iter::from_fn(move || {
                    let (at, len, pattern) = index.next(text, from)?;
                    from = at + len;
                    Some(Found {
                        pattern,
                        start: at,
                        end: from,
                    })
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    fn found(l: &Literals, t: &str) -> Vec<(usize, usize, usize)> {
        l.find_iter(t)
            .map(|f| (f.pattern, f.start, f.end))
            .collect()
    }

    #[test]
    fn longest_at_the_leftmost_position() {
        let l = Literals::new(["合金", "耐蚀合金", "a.b", "蚀合"]).unwrap();
        let t = "发展耐蚀合金和高温合金，a.b 不是 axb";
        let want = vec![
            (1, t.find("耐蚀").unwrap(), t.find("和").unwrap()),
            (0, t.find("合金，").unwrap(), t.find("，").unwrap()),
            (2, t.find("a.b").unwrap(), t.find("a.b").unwrap() + 3),
        ];
        assert_eq!(found(&l, t), want);
    }

    #[test]
    fn duplicates_and_empties() {
        let l = Literals::new(["", "甲", "甲"]).unwrap();
        assert_eq!(found(&l, "甲乙甲"), [(1, 0, 3), (1, 6, 9)]);
        let none = Literals::new(Vec::<String>::new()).unwrap();
        assert!(found(&none, "甲").is_empty());
    }

    proptest! {
        /// Same matches as aho-corasick's leftmost-longest, which it replaces.
        #[test]
        fn same_as_aho_corasick(
            patterns in prop::collection::vec("[甲乙丙a.]{1,4}", 1..12),
            text in "[甲乙丙丁a.b]{0,40}",
        ) {
            let l = Literals::new(&patterns).unwrap();
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .unwrap();
            let want: Vec<(usize, usize, usize)> = ac
                .find_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            prop_assert_eq!(found(&l, &text), want);
        }
    }
}
