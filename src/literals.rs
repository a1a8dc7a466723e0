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

use std::collections::HashMap;

use regex::Regex;

#[derive(Clone)]
pub struct Literals {
    regex: Option<Regex>,
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
        let regex = if sorted.is_empty() {
            None
        } else {
            let alternation = sorted
                .iter()
                .map(|p| regex::escape(p))
                .collect::<Vec<_>>()
                .join("|");
            Some(
                regex::RegexBuilder::new(&alternation)
                    .size_limit(64 << 20)
                    .build()?,
            )
        };
        Ok(Literals { regex, index })
    }

    /// The set as one regular expression (for a `RegexSet` that reads a
    /// text once for several rules); `None` for an empty set.
    pub fn alternation(&self) -> Option<&str> {
        self.regex.as_ref().map(Regex::as_str)
    }

    /// The patterns in `text`, leftmost-longest, not overlapping.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Found> + 'a {
        self.regex
            .iter()
            .flat_map(move |re| re.find_iter(text))
            .map(|m| Found {
                pattern: self.index[m.as_str()],
                start: m.start(),
                end: m.end(),
            })
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
