//! The document's characters and pairs: the text as a sequence of small
//! character ids, how often each pair of adjacent ideographs occurs, and
//! the places of the pairs a check looks at.

use foldhash::HashMap;

use crate::extract::TextUnit;
use crate::lexicon::words;

/// The CJK Unified Ideographs block: the characters typos are made of.
pub(super) const URO: std::ops::Range<u32> = 0x4E00..0xA000;

/// The document as a sequence of small character ids, one per character
/// of each text unit and a 0 after each unit (and for whitespace), so that
/// the characters around any place are a slice away. Ideographs take ids
/// `1..han_end`, the commonest first; other characters (punctuation,
/// digits) take ids from `u16::MAX` down.
pub(super) struct Sequence {
    pub(super) seq: Vec<u16>,
    /// The ideograph of each id below `han_end`.
    pub(super) chars: Vec<char>,
    /// Where each text unit starts in `seq`.
    unit_starts: Vec<u32>,
    /// Ids of ideographs are below this; those of other characters far
    /// above.
    pub(super) han_end: u16,
    /// The places of each ideograph, built on first use (by `contracts`
    /// and `abbreviates`, which look at the few places of one character
    /// instead of the whole document per pair).
    places: std::cell::OnceCell<Vec<Vec<u32>>>,
}

impl Sequence {
    /// One pass over the characters; ids come from tables indexed by code
    /// point (no hashing), characters outside the Basic Multilingual Plane
    /// from a map.
    pub(super) fn build(units: &[TextUnit<'_>]) -> Option<Sequence> {
        let mut han = vec![0u16; (URO.end - URO.start) as usize];
        let mut bmp = vec![0u16; 0x1_0000];
        let mut astral: HashMap<char, u16> = HashMap::default();
        let mut chars = vec!['\0'];
        let mut other_start = u16::MAX;
        let mut seq = Vec::with_capacity(units.iter().map(|u| u.text.text().len() / 3 + 1).sum());
        let mut unit_starts = Vec::with_capacity(units.len());
        for unit in units {
            unit_starts.push(u32::try_from(seq.len()).ok()?);
            for c in unit.text.text().chars() {
                let code = u32::from(c);
                let id = if URO.contains(&code) {
                    let slot = &mut han[(code - URO.start) as usize];
                    if *slot == 0 {
                        *slot = u16::try_from(chars.len()).ok()?;
                        chars.push(c);
                    }
                    *slot
                } else if c.is_whitespace() {
                    0
                } else {
                    let slot = match bmp.get_mut(code as usize) {
                        Some(slot) => slot,
                        None => astral.entry(c).or_insert(0),
                    };
                    if *slot == 0 {
                        other_start -= 1;
                        *slot = other_start;
                    }
                    *slot
                };
                seq.push(id);
            }
            seq.push(0);
        }
        let han_end = u16::try_from(chars.len()).ok()?;
        if han_end > other_start {
            return None; // over 65,535 distinct characters: no plan
        }
        u32::try_from(seq.len()).ok()?;
        // Renumber the ideographs by frequency, the commonest first, so
        // that the pairs most places hold index a small table
        // (`PairCounts`).
        let mut uses = vec![0u32; chars.len()];
        for &id in &seq {
            if let Some(n) = uses.get_mut(usize::from(id)) {
                *n += 1;
            }
        }
        let mut order: Vec<u16> = (1..han_end).collect();
        order.sort_by_key(|&id| std::cmp::Reverse(uses[usize::from(id)]));
        let mut new_id = vec![0u16; chars.len()];
        let mut new_chars = vec!['\0'];
        for &id in &order {
            new_id[usize::from(id)] = new_chars.len() as u16;
            new_chars.push(chars[usize::from(id)]);
        }
        for id in &mut seq {
            if let Some(&n) = new_id.get(usize::from(*id)) {
                *id = n;
            }
        }
        Some(Sequence {
            seq,
            chars: new_chars,
            unit_starts,
            han_end,
            places: std::cell::OnceCell::new(),
        })
    }

    pub(super) fn is_han(&self, id: u16) -> bool {
        id != 0 && id < self.han_end
    }

    /// The dictionary frequency of the two ideographs x + y as a word.
    pub(super) fn dict_freq(&self, x: u16, y: u16) -> Option<usize> {
        let ch = |id: u16| self.chars[usize::from(id)];
        let mut buf = [0u8; 8];
        (self.is_han(x) && self.is_han(y))
            .then(|| words::lookup(pair_str(&mut buf, ch(x), ch(y))))
            .flatten()
    }

    /// How common x + y is in general usage (wordfreq), on jieba's scale
    /// (0 when the list lacks it). jieba's counts date from 2013 and
    /// undercount current official words (专栏 224 against wordfreq's 473
    /// cb, about 1,100; 减免 294 against 530 cb, about 300).
    pub(super) fn general_freq(&self, x: u16, y: u16) -> usize {
        let ch = |id: u16| self.chars[usize::from(id)];
        crate::lexicon::general::centibels(ch(x), ch(y)).map_or(0, |cb| {
            crate::lexicon::general::expected_count(cb, words::total()) as usize
        })
    }

    /// The four ids from each place of ideograph `a` (fewer at the end).
    pub(super) fn windows_from(&self, a: u16) -> impl Iterator<Item = &[u16]> + '_ {
        let places = self.places.get_or_init(|| {
            let mut places = vec![Vec::new(); usize::from(self.han_end)];
            for (i, &id) in self.seq.iter().enumerate() {
                if let Some(p) = places.get_mut(usize::from(id)) {
                    p.push(i as u32);
                }
            }
            places
        });
        places
            .get(usize::from(a))
            .into_iter()
            .flatten()
            .map(|&i| &self.seq[i as usize..(i as usize + 4).min(self.seq.len())])
    }

    /// The text unit and byte offset of a place.
    pub(super) fn place(&self, units: &[TextUnit<'_>], at: u32) -> (usize, usize) {
        let u = self.unit_starts.partition_point(|&s| s <= at) - 1;
        let k = (at - self.unit_starts[u]) as usize;
        let t = units[u].text.text();
        (u, t.char_indices().nth(k).map_or(t.len(), |(i, _)| i))
    }
}

/// One distinct pair of adjacent ideographs and where it occurs.
pub(super) struct Run {
    pub(super) a: u16,
    pub(super) b: u16,
    /// Its first place.
    pub(super) first: u32,
    pub(super) len: u32,
    /// Its other places, in document order (none for most pairs: nothing
    /// is allocated for a pair written once).
    places: Vec<u32>,
}

/// Ids below this (the 1,024 commonest characters of the document, which
/// most places hold) index the pair table directly: 1 MB, touched only
/// where the document has a pair. Pairs with a rarer character go to a
/// hash map.
const TABLE_IDS: usize = 1024;

/// How often each pair of adjacent ideographs occurs, counted in one pass
/// without hashing (a table indexed by the two ids), and a mark per pair:
/// the pairs whose places a later pass collects.
pub(super) struct PairCounts {
    stride: usize,
    table: Vec<u8>,
    rest: foldhash::HashMap<u32, u8>,
}

/// The count saturates below the two flag bits (at 63: enough to tell a
/// pair written at most twice).
const COUNT: u8 = 0x3F;
/// A pair whose places a later pass collects.
const MARK: u8 = 0x80;
/// A pair already listed among those that may be slips.
const LISTED: u8 = 0x40;

impl PairCounts {
    pub(super) fn build(s: &Sequence) -> PairCounts {
        let stride = usize::from(s.han_end).min(TABLE_IDS);
        let mut c = PairCounts {
            stride,
            // Zeroed by the allocator: pages are touched only where used.
            table: vec![0; stride * stride],
            rest: foldhash::HashMap::default(),
        };
        for w in s.seq.windows(2) {
            if s.is_han(w[0]) && s.is_han(w[1]) {
                let slot = c.slot(w[0], w[1]);
                if *slot < COUNT {
                    *slot += 1;
                }
            }
        }
        c
    }

    fn slot(&mut self, a: u16, b: u16) -> &mut u8 {
        let (i, j) = (usize::from(a), usize::from(b));
        if i < self.stride && j < self.stride {
            &mut self.table[i * self.stride + j]
        } else {
            self.rest
                .entry((u32::from(a) << 16) | u32::from(b))
                .or_insert(0)
        }
    }

    fn get(&self, a: u16, b: u16) -> u8 {
        let (i, j) = (usize::from(a), usize::from(b));
        if i < self.stride && j < self.stride {
            self.table[i * self.stride + j]
        } else {
            self.rest
                .get(&((u32::from(a) << 16) | u32::from(b)))
                .copied()
                .unwrap_or(0)
        }
    }

    /// How often a + b occurs.
    pub(super) fn count(&self, a: u16, b: u16) -> u8 {
        self.get(a, b) & COUNT
    }

    /// Lists a + b: whether it was not listed before.
    pub(super) fn list(&mut self, a: u16, b: u16) -> bool {
        let slot = self.slot(a, b);
        let new = *slot & LISTED == 0;
        *slot |= LISTED;
        new
    }

    pub(super) fn mark(&mut self, a: u16, b: u16) {
        *self.slot(a, b) |= MARK;
    }

    pub(super) fn marked(&self, a: u16, b: u16) -> bool {
        self.get(a, b) & MARK != 0
    }
}

/// Some pairs of adjacent ideographs of the document, with their places.
pub(super) struct Pairs {
    /// In order of first occurrence.
    pub(super) runs: Vec<Run>,
    /// (a, b) → index in `runs`.
    index: foldhash::HashMap<u32, u32>,
}

impl Pairs {
    /// One pass over the pairs that `keep` lets through (a few of the
    /// document's): each is looked up in a hash map keyed by its two ids
    /// (foldhash: a few instructions per lookup), its places listed.
    pub(super) fn build(s: &Sequence, keep: impl Fn(u16, u16) -> bool) -> Pairs {
        let mut runs: Vec<Run> = Vec::new();
        let mut index: foldhash::HashMap<u32, u32> = foldhash::HashMap::default();
        // Each id is tested once: `prev` is the id before, if an ideograph.
        let mut prev: Option<u16> = None;
        for (i, &b) in s.seq.iter().enumerate() {
            let Some(a) = prev else {
                prev = s.is_han(b).then_some(b);
                continue;
            };
            if !s.is_han(b) {
                prev = None;
                continue;
            }
            prev = Some(b);
            if !keep(a, b) {
                continue;
            }
            let at = i as u32 - 1;
            let key = (u32::from(a) << 16) | u32::from(b);
            match index.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let r = &mut runs[*e.get() as usize];
                    r.places.push(at);
                    r.len += 1;
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(runs.len() as u32);
                    runs.push(Run {
                        a,
                        b,
                        first: at,
                        len: 1,
                        places: Vec::new(),
                    });
                }
            }
        }
        Pairs { runs, index }
    }

    /// The pair a + b, if the document writes it.
    pub(super) fn find(&self, a: u16, b: u16) -> Option<&Run> {
        let key = (u32::from(a) << 16) | u32::from(b);
        self.index.get(&key).map(|&i| &self.runs[i as usize])
    }

    /// Its places, in document order.
    pub(super) fn places<'p>(&'p self, r: &'p Run) -> impl Iterator<Item = u32> + 'p {
        std::iter::once(r.first).chain(r.places.iter().copied())
    }
}

/// Two characters as a string, in `buf`.
pub(super) fn pair_str(buf: &mut [u8; 8], a: char, b: char) -> &str {
    let n = a.encode_utf8(buf).len();
    let m = b.encode_utf8(&mut buf[n..]).len();
    std::str::from_utf8(&buf[..n + m]).unwrap_or_default()
}
