//! One pass over each text unit for the regular expressions of all pack
//! rules together.
//!
//! A pattern without a literal to search for first (`\d{4}…年`,
//! `[０-９]+`, a number followed by a Han character) makes regex run its
//! lazy DFA over every byte of the text: about 2.5 ns a byte on this
//! machine, 50 ms for 21 MB, for each such pattern. As one `RegexSet` the
//! sixteen built-in patterns cost one such pass (72 ms for the seed ×100,
//! against 314 ms one by one), and a rule then runs its own pattern only on
//! the text units the set says it matches, which for most patterns is none.

use std::collections::HashMap;

use regex::RegexSet;

/// Groups of patterns, each under a key (a rule code, or a kind's name),
/// compiled into one set.
pub struct PatternSet {
    /// `None` when the patterns are too many for one set: then every unit is
    /// reported as a possible match and rules search it themselves.
    set: Option<RegexSet>,
    /// Key → id of its first pattern in the set.
    slots: HashMap<String, usize>,
}

impl std::fmt::Debug for PatternSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PatternSet({} patterns)", self.len())
    }
}

impl PatternSet {
    pub fn new(groups: Vec<(String, Vec<String>)>) -> Self {
        let mut slots = HashMap::new();
        let mut all = Vec::new();
        for (key, patterns) in groups {
            slots.insert(key, all.len());
            all.extend(patterns);
        }
        let set = RegexSet::new(&all).ok().filter(|s| !s.is_empty());
        PatternSet { set, slots }
    }

    pub fn len(&self) -> usize {
        self.set.as_ref().map_or(0, RegexSet::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of the first pattern of `key`'s group; its other patterns
    /// follow in order.
    pub fn slot(&self, key: &str) -> Option<usize> {
        self.set.as_ref().and(self.slots.get(key).copied())
    }

    /// An empty table of hits, to which [`Hits::push`] adds units.
    pub fn hits(&self) -> Hits {
        Hits {
            stride: self.len().div_ceil(64),
            bits: Vec::new(),
        }
    }
}

/// For each text unit (in `text_units` order), the set's patterns that
/// match in it.
#[derive(Debug)]
pub struct Hits {
    stride: usize,
    bits: Vec<u64>,
}

impl Hits {
    /// Adds the next unit: which patterns of `set` match somewhere in `t`.
    pub fn push(&mut self, set: &PatternSet, t: &str) {
        let Some(regex_set) = &set.set else {
            return;
        };
        let at = self.bits.len();
        self.bits.resize(at + self.stride, 0);
        for id in regex_set.matches(t).iter() {
            self.bits[at + id / 64] |= 1 << (id % 64);
        }
    }

    /// Whether pattern `id` matches in unit `unit`; true when there is no
    /// set to ask.
    pub fn get(&self, unit: usize, id: usize) -> bool {
        if self.stride == 0 {
            return true;
        }
        self.bits
            .get(unit * self.stride + id / 64)
            .is_none_or(|w| w & (1 << (id % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_hits() {
        let set = PatternSet::new(vec![
            ("A".into(), vec!["甲".into(), r"\d年".into()]),
            ("B".into(), vec!["乙+".into()]),
        ]);
        assert_eq!(
            (set.slot("A"), set.slot("B"), set.slot("C")),
            (Some(0), Some(2), None)
        );
        let mut hits = set.hits();
        for t in ["甲乙", "2020年", ""] {
            hits.push(&set, t);
        }
        let row = |u| (0..3).map(|id| hits.get(u, id)).collect::<Vec<_>>();
        assert_eq!(row(0), [true, false, true]);
        assert_eq!(row(1), [false, true, false]);
        assert_eq!(row(2), [false, false, false]);
    }

    #[test]
    fn without_a_set_every_unit_may_match() {
        let set = PatternSet::new(vec![("A".into(), vec!["(".into()])]);
        assert_eq!(set.slot("A"), None);
        let mut hits = set.hits();
        hits.push(&set, "甲");
        assert!(hits.get(0, 0));
    }
}
