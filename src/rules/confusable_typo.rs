//! W104 confusable-typo: two characters that are no word, where one
//! sound-alike or look-alike substitution gives a common word the document
//! itself uses (惯彻 beside 贯彻, 针贬 beside 针砭). No list of misspellings:
//! the evidence is the dictionary's frequencies, the segmentation of the
//! sentence as written and as corrected, and the rest of the document.

mod model;

use foldhash::HashMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::is_numeral_char;
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::{text_units, TextUnit};
use crate::lexicon::{words, Confusables, Confusion, MAX_SHAPE_GROUPS};

pub struct ConfusableTypo;

static META: RuleMeta = RuleMeta {
    code: "W104",
    name: "confusable-typo",
    category: Category::Words,
    summary: "Two characters that are no word, where a sound-alike or look-alike character gives a word the document uses (惯彻 → 贯彻)",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
A misspelling that no word list has: two characters that make no word
as written, where replacing one of them by a character of the same sound
or a similar shape gives a common word, one the document itself writes
elsewhere or one that is common in Chinese (惯彻 → 贯彻). Only readings
with strong evidence are reported by default; the weaker ones need
`--preview`. How the evidence is weighed (frequencies, cut-offs,
exclusions) is in docs/rules/W104.md.

## Why it matters
Most typos in a draft are one wrong character of the same sound typed by
pinyin input (惯彻, 布署) or of a similar shape (针贬). Word lists catch
the common ones; this rule catches the others from the word the document
itself uses.

## Example
```bad
全面惯彻党中央决策部署，坚决贯彻党中央决策部署。
```

```good
全面贯彻党中央决策部署，在发展中固安全，坚决贯彻党中央决策部署。
```

## Fix safety
The fix writes the suggested word and is unsafe: the reading rests on
frequencies and segmentation, so an editor confirms it.

## Options
None.
"#,
};

/// Dictionary frequency a corrected word needs: a word common enough that
/// a slip in it is likelier than a rare word written on purpose.
const MIN_WORD: usize = 300;
/// What each occurrence in the document adds to a word's dictionary
/// frequency: a word the document writes three times is common enough.
const DOC_WEIGHT: usize = 100;
/// A pair that is a dictionary word this common is written on purpose.
const MAX_PAIR: usize = 20;
/// Dictionary frequency above which a character is common on its own
/// (做 50,331, 新 62,626; not 东 18,279).
const FREESTANDING: usize = 30_000;
/// A character the dictionary tags as a verb or an adjective stands as a
/// word of its own when it is counted alone at least this often: a
/// predicate before its object or verb (稳 of 积极稳外贸, 1,908; 应 of
/// 并应成为, 25,537). A place word or noun does not (东 of 公路东沿线,
/// tagged ns).
const LONE_PREDICATE: usize = 1000;
/// A character the dictionary tags as a function word (preposition,
/// conjunction, pronoun, particle) is one when it is at least this common:
/// 鉴 (565, tagged p) is no preposition in a plan.
const FUNCTION_WORD: usize = 10_000;
/// ln(p(word) / (p(a)·p(b))) a default reading needs, with the document's
/// support (e², about 7 to 1: the word likelier than its two characters
/// side by side, with a margin). The support is the evidence: readings
/// between e⁰ and e⁴ added no false alarm on the corpus or the seeds,
/// and planted slips of common characters lie there (发展城就 for 成就,
/// e³·⁷; 是出 for 提出, e³·⁰)…
const DEFAULT_ODDS: f64 = 2.0;
/// …and a preview reading without it.
const PREVIEW_ODDS: f64 = 6.0;
/// Odds a reading against general usage needs to be a default one: the
/// document does not write the word, so the evidence must be stronger
/// than for its own words (e⁸, about 3,000 to 1, as `SEGMENT_GAIN`).
const GENERAL_ODDS: f64 = 8.0;
/// A reading without the document's support is a default one when the
/// odds are at least this (e⁶, about 400 to 1), general usage does not
/// know the pair and the pair stands between words.
const ALONE_ODDS: f64 = 6.0;
/// A wrong form written more often than this is a spelling of its own,
/// unless the word is written `COMMON_BESIDE` times as often: a slip
/// pasted with its sentence (建股 three times beside 建设 589 times).
const MAX_WRONG: u32 = 2;
/// See `MAX_WRONG`: the most a form beside a far commoner word is written.
const MAX_WRONG_BESIDE_COMMON: u32 = 3;
/// See `MAX_WRONG`.
const COMMON_BESIDE: u32 = 30;
/// A pair at least this common in general usage (wordfreq's centibels:
/// 700 is one word in ten million) is a word of its own, however new (发力,
/// 提质, 智造, 宪制, which jieba's dictionary lacks). Rarer entries of the
/// list (down to 800, one in a hundred million) only keep a reading
/// against general usage out of the default tier.
const KNOWN_CB: u16 = 700;
/// A pair general usage knows that is at least this rare there (one in 4.5
/// million words) and `MISSPELT_GAP` rarer than the word one substitution
/// away is the web's misspelling of that word (跟据, 这此, 问是).
const MISSPELT_CB: u16 = 650;
/// See `MISSPELT_CB`: 300 centibels, a thousand times rarer.
const MISSPELT_GAP: u16 = 300;
/// The character taken for a slip is at least this common on its own
/// (擧 of 擧行 is an old form, not a typist's slip).
const COMMON_CHAR: usize = 100;
/// A common dictionary word: a division's stem this common, and tagged as
/// no place, is read as the common word (合作 of 合作市: 13,478); a
/// character of an unsupported pair making one with its outer neighbour
/// (政府 of 省政府办公厅 for 府办) is two words meeting.
const COMMON_WORD: usize = 1000;
/// ln of how many times likelier jieba's model must find the corrected
/// sentence than the sentence as written when a character of the pair
/// makes a word with a neighbour: e⁸, about 3,000 to 1. Measured with
/// those vetoes lifted, on the corpus and both seeds: words meeting scored
/// at most 7.6 (农房 for 农户, 供商业 for 工商业 7.0, 百亿园区 6.4; most
/// below 0: 发挥政府 −2.9, 正规化 −3.9); slips from 8.3 (设思维修 for
/// 设备维修; 超极大国 14.1, a slip in the 1978 report).
const SEGMENT_GAIN: f64 = 8.0;
/// Bytes of context segmented around a candidate.
const CONTEXT_BYTES: usize = 60;

/// The CJK Unified Ideographs block: the characters typos are made of.
const URO: std::ops::Range<u32> = 0x4E00..0xA000;

/// The document as a sequence of small character ids, one per character
/// of each text unit and a 0 after each unit (and for whitespace), so that
/// the characters around any place are a slice away. Ideographs take ids
/// `1..han_end`, the commonest first; other characters (punctuation,
/// digits) take ids from `u16::MAX` down.
struct Sequence {
    seq: Vec<u16>,
    /// The ideograph of each id below `han_end`.
    chars: Vec<char>,
    /// Where each text unit starts in `seq`.
    unit_starts: Vec<u32>,
    /// Ids of ideographs are below this; those of other characters far
    /// above.
    han_end: u16,
    /// The places of each ideograph, built on first use (by `contracts`
    /// and `abbreviates`, which look at the few places of one character
    /// instead of the whole document per pair).
    places: std::cell::OnceCell<Vec<Vec<u32>>>,
}

impl Sequence {
    /// One pass over the characters; ids come from tables indexed by code
    /// point (no hashing), characters outside the Basic Multilingual Plane
    /// from a map.
    fn build(units: &[TextUnit<'_>]) -> Option<Sequence> {
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

    fn is_han(&self, id: u16) -> bool {
        id != 0 && id < self.han_end
    }

    /// The dictionary frequency of the two ideographs x + y as a word.
    fn dict_freq(&self, x: u16, y: u16) -> Option<usize> {
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
    fn general_freq(&self, x: u16, y: u16) -> usize {
        let ch = |id: u16| self.chars[usize::from(id)];
        crate::lexicon::general::centibels(ch(x), ch(y)).map_or(0, |cb| {
            crate::lexicon::general::expected_count(cb, words::total()) as usize
        })
    }

    /// The four ids from each place of ideograph `a` (fewer at the end).
    fn windows_from(&self, a: u16) -> impl Iterator<Item = &[u16]> + '_ {
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
    fn place(&self, units: &[TextUnit<'_>], at: u32) -> (usize, usize) {
        let u = self.unit_starts.partition_point(|&s| s <= at) - 1;
        let k = (at - self.unit_starts[u]) as usize;
        let t = units[u].text.text();
        (u, t.char_indices().nth(k).map_or(t.len(), |(i, _)| i))
    }
}

/// One distinct pair of adjacent ideographs and where it occurs.
struct Run {
    a: u16,
    b: u16,
    /// Its first place.
    first: u32,
    len: u32,
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
struct PairCounts {
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
    fn build(s: &Sequence) -> PairCounts {
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
    fn count(&self, a: u16, b: u16) -> u8 {
        self.get(a, b) & COUNT
    }

    /// Lists a + b: whether it was not listed before.
    fn list(&mut self, a: u16, b: u16) -> bool {
        let slot = self.slot(a, b);
        let new = *slot & LISTED == 0;
        *slot |= LISTED;
        new
    }

    fn mark(&mut self, a: u16, b: u16) {
        *self.slot(a, b) |= MARK;
    }

    fn marked(&self, a: u16, b: u16) -> bool {
        self.get(a, b) & MARK != 0
    }
}

/// Some pairs of adjacent ideographs of the document, with their places.
struct Pairs {
    /// In order of first occurrence.
    runs: Vec<Run>,
    /// (a, b) → index in `runs`.
    index: foldhash::HashMap<u32, u32>,
}

impl Pairs {
    /// One pass over the pairs that `keep` lets through (a few of the
    /// document's): each is looked up in a hash map keyed by its two ids
    /// (foldhash: a few instructions per lookup), its places listed.
    fn build(s: &Sequence, keep: impl Fn(u16, u16) -> bool) -> Pairs {
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
    fn find(&self, a: u16, b: u16) -> Option<&Run> {
        let key = (u32::from(a) << 16) | u32::from(b);
        self.index.get(&key).map(|&i| &self.runs[i as usize])
    }

    /// Its places, in document order.
    fn places<'p>(&'p self, r: &'p Run) -> impl Iterator<Item = u32> + 'p {
        std::iter::once(r.first).chain(r.places.iter().copied())
    }
}

/// How each ideograph of the document can be confused: the id of its
/// reading ([`ReadingIds`], 0 for a numeral) and its look-alike groups
/// (group number + 1), 0 for none: all
/// of them (监 is in five, 村 of 寸守付…才 in three; the loader allows
/// no more than `MAX_SHAPE_GROUPS`).
struct Likeness {
    reading: Vec<u16>,
    shape: Vec<[u16; MAX_SHAPE_GROUPS]>,
}

impl Likeness {
    fn build(s: &Sequence, confusables: &Confusables, readings: &mut ReadingIds) -> Likeness {
        let n = usize::from(s.han_end);
        let mut reading = vec![0u16; n];
        let mut shape = vec![[0u16; MAX_SHAPE_GROUPS]; n];
        for id in 1..n {
            let c = s.chars[id];
            if is_numeral_char(c) {
                continue;
            }
            reading[id] = readings.of(c);
            for (slot, g) in shape[id].iter_mut().zip(confusables.shape_groups(c)) {
                *slot = g.saturating_add(1);
            }
        }
        Likeness { reading, shape }
    }
}

/// Marks a look-alike group among the keys of `members`.
const SHAPE: u32 = 1 << 16;

/// A candidate: a pair written at most twice, and the word one
/// substitution away that the document also writes.
struct Candidate<'p> {
    wrong: &'p Run,
    word: &'p Run,
    confusion: Confusion,
}

impl Rule for ConfusableTypo {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let units: Vec<TextUnit<'_>> = text_units(ctx.document, &ctx.source.text).collect();
        let Some(s) = Sequence::build(&units) else {
            return; // over 65,535 distinct characters: no plan
        };
        let mut counts = PairCounts::build(&s);
        let confusables = &ctx.lexicon.confusables();
        let mut readings = ReadingIds::default();
        let like = Likeness::build(&s, confusables, &mut readings);
        let ch = |id: u16| s.chars[usize::from(id)];
        let skip = |id: u16| {
            let c = ch(id);
            is_numeral_char(c) || ctx.lexicon.variants.char(c).is_some()
        };

        // The document's characters by reading and by look-alike group:
        // for a pair a + b, each character x like a is looked up as x + b
        // (and each y like b as a + y), a binary search among the pairs
        // starting with x.
        let mut members: HashMap<u32, Vec<u16>> = HashMap::default();
        for id in 1..s.han_end {
            let i = usize::from(id);
            if like.reading[i] != 0 {
                members
                    .entry(u32::from(like.reading[i]))
                    .or_default()
                    .push(id);
            }
            for &g in like.shape[i].iter().filter(|&&g| g != 0) {
                members.entry(SHAPE | u32::from(g)).or_default().push(id);
            }
        }
        let keys = |id: u16| {
            let i = usize::from(id);
            let r = (like.reading[i] != 0).then(|| (u32::from(like.reading[i]), Confusion::Sound));
            let g = like.shape[i]
                .into_iter()
                .filter(|&g| g != 0)
                .map(|g| (SHAPE | u32::from(g), Confusion::Shape));
            r.into_iter().chain(g)
        };
        // Per character, once: its frequency on its own, and whether it
        // can be part of a slip at all (not a numeral or a traditional
        // character). Function words and common characters can (跟据,
        // 之持, 个级): the segmentation of the sentence tells a slip from
        // two words meeting.
        let single: Vec<(usize, bool)> = (0..s.han_end)
            .map(|id| {
                if id == 0 || skip(id) {
                    return (0, true);
                }
                let (freq, _) = words::char_entry(ch(id)).unwrap_or((0, ""));
                (freq, false)
            })
            .collect();
        let keeps_preview = sink.keeps_preview();
        // The pairs that may be slips: written at most `most` times, of two
        // characters that can be part of one.
        let may_slip = |counts: &PairCounts, a: u16, b: u16, most: u32| {
            let (x, y) = (&single[usize::from(a)], &single[usize::from(b)]);
            !x.1 && !y.1 && u32::from(counts.count(a, b)) <= most
        };
        // The distinct pairs that may be slips, in one pass without
        // collecting places (most pairs of a document are written once or
        // twice; the places of the few with a reading are collected below).
        let mut rare: Vec<(u16, u16)> = Vec::new();
        for w in s.seq.windows(2) {
            let (a, b) = (w[0], w[1]);
            if s.is_han(a)
                && s.is_han(b)
                && may_slip(&counts, a, b, MAX_WRONG_BESIDE_COMMON)
                && counts.list(a, b)
            {
                rare.push((a, b));
            }
        }
        // For each, the words one substitution away that the document
        // writes; their places, and those of the pairs read as slips of
        // them, are collected next, in one more pass.
        let mut keyed = Vec::new();
        for &(a, b) in &rare {
            for (key, confusion) in keys(a) {
                for &x in members.get(&key).into_iter().flatten() {
                    if x != a && counts.count(x, b) > 0 {
                        keyed.push(((a, b), (x, b), confusion));
                    }
                }
            }
            for (key, confusion) in keys(b) {
                for &y in members.get(&key).into_iter().flatten() {
                    if y != b && counts.count(a, y) > 0 {
                        keyed.push(((a, b), (a, y), confusion));
                    }
                }
            }
        }
        for &((a, b), (x, y), _) in &keyed {
            counts.mark(a, b);
            counts.mark(x, y);
        }
        let pairs = Pairs::build(&s, |a, b| counts.marked(a, b));
        let mut candidates: Vec<Candidate<'_>> = keyed
            .into_iter()
            .filter_map(|((a, b), (x, y), confusion)| {
                Some(Candidate {
                    wrong: pairs.find(a, b)?,
                    word: pairs.find(x, y)?,
                    confusion,
                })
            })
            .collect();
        // A character both sounds and looks like another (形 and 型 are
        // both): keep one reading, sound first.
        candidates.sort_by_key(|c| (c.wrong.first, c.word.first, c.confusion));
        candidates.dedup_by_key(|c| (c.wrong.first, c.word.first));

        // A place is supported when the document writes the word elsewhere
        // with the same two characters before it or after it as here.
        // Strongly, when it writes them on both sides (试行股份制， beside
        // 试行股分制，).
        let support = |at: u32, word: &Run, both: bool| {
            let at = at as usize;
            let q = &s.seq;
            let before = at >= 2 && s.is_han(q[at - 1]) && q[at - 2] != 0;
            let after = at + 3 < q.len() && s.is_han(q[at + 2]) && q[at + 3] != 0;
            pairs.places(word).any(|j| {
                let j = j as usize;
                let b = before && j >= 2 && q[j - 2..j] == q[at - 2..at];
                let a = after && j + 3 < q.len() && q[j + 2..j + 4] == q[at + 2..at + 4];
                if both {
                    a && b
                } else {
                    a || b
                }
            })
        };
        let supported = |at: u32, word: &Run| support(at, word, false);

        let mut freq_of: HashMap<(u16, u16), Option<(usize, usize)>> = HashMap::default();
        let mut spelt_of: HashMap<(u16, u16), u32> = HashMap::default();
        // The best reading of each wrong pair: the odds, the candidate, and
        // whether its word is below the common floor (`MIN_WORD`).
        let mut best: HashMap<(u16, u16), (f64, &Candidate<'_>, bool)> = HashMap::default();
        for cand in &candidates {
            let (wrong, word) = (cand.wrong, cand.word);
            let (fa, fb) = (
                single[usize::from(wrong.a)].0,
                single[usize::from(wrong.b)].0,
            );
            // A word is common in general text, or in this document: a
            // place name the plan writes many times (张掖) counts as common.
            // A rarer word (践行: 30 in jieba's counts, about 95 in
            // general usage's) is read only where the document writes it
            // beside the same characters. The odds are on jieba's counts
            // alone, the scale of the characters' own frequencies.
            let Some((fw, common)) = *freq_of.entry((word.a, word.b)).or_insert_with(|| {
                let doc = DOC_WEIGHT * word.len as usize;
                s.dict_freq(word.a, word.b)
                    .map(|f| (f.max(doc), f.max(s.general_freq(word.a, word.b)).max(doc)))
            }) else {
                continue;
            };
            // How often the wrong form is written: where its characters
            // make common words with their outer neighbours (国加 of
            // 中国加入: 中国, 加入) it is two words meeting, not the form.
            let spelt = *spelt_of.entry((wrong.a, wrong.b)).or_insert_with(|| {
                pairs
                    .places(wrong)
                    .filter(|&at| !meets_words(&s, at))
                    .count() as u32
            });
            if written_too_often(spelt, word.len) {
                continue;
            }
            let rare_word = common < MIN_WORD;
            let odds = (fw as f64).ln() - (fa.max(1) as f64).ln() - (fb.max(1) as f64).ln()
                + (words::total() as f64).ln();
            if odds < DEFAULT_ODDS
                || best.get(&(wrong.a, wrong.b)).is_some_and(|b| b.0 >= odds)
                || ((rare_word || (!keeps_preview && odds < ALONE_ODDS))
                    && !pairs.places(wrong).any(|at| supported(at, word)))
            {
                continue;
            }
            if s.dict_freq(wrong.a, wrong.b).is_some_and(|f| f >= MAX_PAIR) {
                continue;
            }
            let slot = best
                .entry((wrong.a, wrong.b))
                .or_insert((f64::MIN, cand, false));
            if odds > slot.0 {
                *slot = (odds, cand, rare_word);
            }
        }

        let mut found: Vec<_> = best.into_values().collect();
        found.sort_by_key(|(_, c, _)| c.wrong.first);
        // The wrong pairs reported against the document's own words; the
        // rest are read against general usage below.
        let mut read: foldhash::HashSet<(u16, u16)> = foldhash::HashSet::default();
        for (odds, cand, rare_word) in found {
            let (wrong_run, word_run) = (cand.wrong, cand.word);
            if contracts(&s, (wrong_run.a, wrong_run.b), (word_run.a, word_run.b)) {
                continue;
            }
            let word: String = [ch(word_run.a), ch(word_run.b)].iter().collect();
            let wrong: String = [ch(wrong_run.a), ch(wrong_run.b)].iter().collect();
            // Without the document's support, a pair general usage knows
            // is a word (发力, 设区: current official terms), unless it is
            // that word's misspelling on the web: rarer than one in 4.5
            // million and a thousand times rarer than the word (跟据 666
            // against 根据 332; 设区 624 against 社区 372 is a word).
            let known_in_general = {
                let cb = |x: u16, y: u16| crate::lexicon::general::centibels(ch(x), ch(y));
                cb(wrong_run.a, wrong_run.b).is_some_and(|known| {
                    known <= KNOWN_CB
                        && !(known >= MISSPELT_CB
                            && cb(word_run.a, word_run.b)
                                .is_some_and(|w| known >= w + MISSPELT_GAP))
                })
            };
            // A reading that is not a default one is shown with --preview.
            let shown = |default: bool| {
                default || (odds >= PREVIEW_ODDS && keeps_preview && !known_in_general)
            };
            let (mut entry, mut phrase) = (None, None);
            // The character taken for the slip, and the one it stands for.
            let (slip, meant) = if ch(wrong_run.a) == ch(word_run.a) {
                (ch(wrong_run.b), ch(word_run.b))
            } else {
                (ch(wrong_run.a), ch(word_run.a))
            };
            let spelt = spelt_of[&(wrong_run.a, wrong_run.b)];
            // A pair read only because most of its places are words meeting
            // (国加: 中国加入 twice) is not read where they meet.
            let often = written_too_often(wrong_run.len, word_run.len);
            for place in pairs.places(wrong_run) {
                if beside_traditional(ctx, &s, place) {
                    continue;
                }
                let sup = supported(place, word_run);
                if rare_word && !sup {
                    continue;
                }
                let default =
                    word_run.len >= spelt && (sup || (odds >= ALONE_ODDS && !known_in_general));
                if !shown(default) {
                    continue;
                }
                let (u, at) = s.place(&units, place);
                let unit = &units[u];
                let t = unit.text.text();
                let end = at + wrong.len();
                // Segmenting costs: an unsupported reading of a pair of
                // which a character makes a common word with its outer
                // neighbour (政办 of 省政府办公厅, 展规 of 发展规划) is two
                // words meeting: no default reading, and not segmented
                // at all without --preview.
                //
                // Both that and a dictionary word over the pair's characters
                // (below) give way when jieba's model finds the corrected
                // sentence far likelier than the sentence as written (在建
                // of 在建般资金 for 建设; 思维 of 加强设思维修 for 设备),
                // which it does not for words meeting (发挥政府 against
                // 发挥军政).
                let mut likelier = None;
                let mut corrected_likelier =
                    || *likelier.get_or_insert_with(|| far_likelier(t, at, end, &word));
                let crossing = !sup && meets_words(&s, place) && !corrected_likelier();
                if crossing && (often || !keeps_preview) {
                    continue;
                }
                // A dictionary word over the slip and a neighbour that the
                // document writes nowhere else (水星 of 区域水星态文明 for
                // 水生态) is the slip's doing, when the document writes
                // the corrected word beside the same characters.
                let made_by_slip = |covering: &str| {
                    sup && covering.contains(slip)
                        && memchr::memmem::find_iter(ctx.source.text.as_bytes(), covering)
                            .nth(1)
                            .is_none()
                };
                let Some(between) =
                    reads_as_slip(t, at, end, &word, sup, made_by_slip, corrected_likelier)
                else {
                    continue;
                };
                // Short of the document's support on both sides, a pair the
                // language writes is no default reading: a dictionary entry
                // however rare (自住). Without any support, neither is the
                // start of a longer word (罪大 of 罪大恶极) or the
                // document's contraction of a phrase it writes (提效 of
                // 提高效率).
                let default = default
                    && !crossing
                    && (support(place, word_run, true)
                        || (between
                            && !*entry.get_or_insert_with(|| words::is_word(&wrong))
                            && (sup
                                || !*phrase.get_or_insert_with(|| {
                                    words::begins_longer(&wrong, MAX_PAIR)
                                        || abbreviates(
                                            &s,
                                            (wrong_run.a, wrong_run.b),
                                            (word_run.a, word_run.b),
                                        )
                                }))));
                if !shown(default) {
                    continue;
                }
                // Names are typed by sound: a look-alike of a division's
                // stem is mostly another place (拉配泉 beside 酒泉). Tested
                // last, on what would be reported: it loads the gazetteer.
                if cand.confusion == Confusion::Shape && is_place(ctx, &word) {
                    break;
                }
                let span = unit.text.span(at, end);
                let (wu, wat) = s.place(&units, word_run.first);
                let word_span = units[wu].text.span(wat, wat + word.len());
                let mut v = if default {
                    Violation::new(
                        span,
                        format!(
                            "{}疑为{}之误（“{slip}”与“{meant}”{}），本文另有 {} 处{}",
                            quote(&wrong),
                            quote(&word),
                            cand.confusion.name(),
                            word_run.len,
                            quote(&word)
                        ),
                    )
                } else {
                    Violation::new(
                        span,
                        format!(
                            "{}可能是{}之误（“{slip}”与“{meant}”{}，把握较低）",
                            quote(&wrong),
                            quote(&word),
                            cand.confusion.name()
                        ),
                    )
                    .preview()
                };
                v = v
                    .label(ctx.file, word_span, format!("此处写作{}", quote(&word)))
                    .help(format!("改为{}", quote(&word)))
                    .fix(Fix::replace(span, word.clone(), Applicability::Unsafe));
                sink.push(v);
                read.insert((wrong_run.a, wrong_run.b));
            }
        }
        // The places of all the pairs that may be slips.
        let rare = Pairs::build(&s, |a, b| may_slip(&counts, a, b, MAX_WRONG));
        general_readings(
            ctx,
            sink,
            &units,
            &s,
            &rare,
            &single,
            &like,
            &mut readings,
            &read,
        );
        model::report(ctx, sink, &units);
    }
}

/// Readings against general usage (wordfreq's list, `lexicon::general`):
/// a pair that is no word, one substitution from a word common in general
/// text, whether or not the document writes that word. In the preview
/// tier, but for slips of sound with the strongest evidence (odds and
/// sentence gain of e⁸, a pair general usage never writes), which are
/// default ones. Pairs already reported against the document's words are
/// in `read`.
#[allow(clippy::too_many_arguments)]
fn general_readings(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    units: &[TextUnit<'_>],
    s: &Sequence,
    rare: &Pairs,
    single: &[(usize, bool)],
    like: &Likeness,
    readings: &mut ReadingIds,
    read: &foldhash::HashSet<(u16, u16)>,
) {
    use crate::lexicon::general;
    let keeps_preview = sink.keeps_preview();
    let least = if keeps_preview {
        PREVIEW_ODDS
    } else {
        GENERAL_ODDS
    };
    let ch = |id: u16| s.chars[usize::from(id)];
    let confusables = &ctx.lexicon.confusables();
    let mut sound_words = SoundWords {
        words: vec![None; usize::from(s.han_end) * 2],
    };
    'pairs: for wrong in &rare.runs {
        // Each pair once: `rare` lists distinct pairs.
        if read.contains(&(wrong.a, wrong.b)) {
            continue;
        }
        let (a, b) = (ch(wrong.a), ch(wrong.b));
        // The tests are the same with --preview and without; their order
        // is not. Without, only default readings are sought (of a pair
        // general usage never writes, by sound: below), and the few pairs
        // with a common word one sound away are found first, by the cheap
        // tests, before the dictionary and the places are asked. With it,
        // the places of most pairs are left out first.
        let cheap_first = !keeps_preview;
        let places_of = || -> Option<Vec<u32>> {
            if is_word(a, b) {
                return None;
            }
            let places: Vec<u32> = rare
                .places(wrong)
                .filter(|&at| orphan(s, at, is_word))
                .collect();
            (!places.is_empty()).then_some(places)
        };
        let mut places = None;
        if !cheap_first {
            let Some(p) = places_of() else { continue };
            places = Some(p);
        }
        // The commonest word one substitution away.
        let mut best: Option<(u16, char, char, Confusion)> = None;
        let mut consider = |x: char, y: char, cb: u16, confusion: Confusion| {
            if best.is_none_or(|b| cb < b.0) {
                best = Some((cb, x, y, confusion));
            }
        };
        let (reading_a, reading_b) = (
            like.reading[usize::from(wrong.a)],
            like.reading[usize::from(wrong.b)],
        );
        // No numeral or traditional character is the word's.
        let excluded = |c: char| is_numeral_char(c) || ctx.lexicon.variants.char(c).is_some();
        let alike = |readings: &mut ReadingIds,
                     c: char,
                     id: u16,
                     sound: u16,
                     other: char|
         -> Option<Confusion> {
            if other == c {
                return None;
            }
            let i = usize::from(id);
            let confusion = if sound != 0 && readings.of(other) == sound {
                Confusion::Sound
            } else if like.shape[i][0] != 0 && confusables.look_alike(c, other) {
                Confusion::Shape
            } else {
                return None;
            };
            (!excluded(other)).then_some(confusion)
        };
        // The common words with a character of the pair (at least about
        // three in a million words: `general::COMMON`). Without --preview,
        // by sound only, from each character's commonest word by reading
        // (the same word the scan below would find among the sound-alikes:
        // if it is the pair itself, the pair is a word); with it, by sound
        // or shape, scanning the words.
        if cheap_first {
            // Words starting with a whose second character reads as b,
            // then words ending with b whose first reads as a.
            let sides = [
                (wrong.a, a, true, reading_b, b),
                (wrong.b, b, false, reading_a, a),
            ];
            for (id, kept, starts, sound, replaced) in sides {
                if sound == 0 {
                    continue;
                }
                let Some((cb, other)) =
                    sound_words.best(readings, id, kept, starts, sound, excluded)
                else {
                    continue;
                };
                if other == replaced {
                    continue 'pairs;
                }
                let (x, y) = if starts { (kept, other) } else { (other, kept) };
                consider(x, y, cb, Confusion::Sound);
            }
        } else {
            for (y, cb) in general::starting_with(a) {
                if let Some(c) = alike(readings, b, wrong.b, reading_b, y) {
                    consider(a, y, cb, c);
                }
            }
            for (x, cb) in general::ending_with(b) {
                if let Some(c) = alike(readings, a, wrong.a, reading_a, x) {
                    consider(x, b, cb, c);
                }
            }
        }
        let Some((cb, x, y, confusion)) = best else {
            continue;
        };
        let word: String = [x, y].iter().collect();
        let wrong_text: String = [a, b].iter().collect();
        // A dictionary word, however rare, is written on purpose (拨出,
        // 复盖).
        if words::lookup(&wrong_text).is_some() {
            continue;
        }
        // The odds, as for the document's readings, with the word's
        // frequency the greater of the dictionary's and general usage's.
        let total = words::total() as f64;
        let fw = (words::lookup(&word).unwrap_or(0) as f64)
            .max(general::expected_count(cb, words::total()));
        let (fa, fb) = (
            single[usize::from(wrong.a)].0.max(1) as f64,
            single[usize::from(wrong.b)].0.max(1) as f64,
        );
        let odds = fw.ln() - fa.ln() - fb.ln() + total.ln();
        if odds < least {
            continue;
        }
        // The character replaced is one a typist meets: common on its own
        // or in words (擧 of 擧行 is a traditional form, W103's).
        let replaced = if a == x { wrong.b } else { wrong.a };
        if single[usize::from(replaced)].0 < COMMON_CHAR {
            continue;
        }
        // The document's own contraction of a phrase it writes (智造 of
        // 智能制造, beside 制造), as for its own words.
        let id = |c: char| s.chars.iter().position(|&d| d == c).map(|i| i as u16);
        let word_ids = (id(x), id(y));
        if let (Some(ix), Some(iy)) = word_ids {
            if contracts(s, (wrong.a, wrong.b), (ix, iy)) {
                continue;
            }
        }
        // A default reading needs more than the preview's odds (e⁸). A
        // slip of the same sound (pinyin input's), not of a similar shape:
        // the shape groups are wide, and a look-alike meets a common word
        // by chance (光储 of 光储一体 is no 光绪, 级奶 of 百亿级奶产业 no
        // 奶奶). General usage does not write the pair at all (its whole
        // list, down to one in a hundred million words: 视情 797 and 化险
        // 781 are written), the language does not start a longer word with
        // it (罪大 of 罪大恶极), and it is no contraction of a phrase the
        // document writes (提效 of 提高效率).
        let mut may_default = None;
        let mut may_default = || {
            *may_default.get_or_insert_with(|| {
                odds >= GENERAL_ODDS
                    && confusion == Confusion::Sound
                    && general::centibels(a, b).is_none()
                    && !words::begins_longer(&wrong_text, MAX_PAIR)
                    && !abbreviates(
                        s,
                        (wrong.a, wrong.b),
                        (word_ids.0.unwrap_or(0), word_ids.1.unwrap_or(0)),
                    )
            })
        };
        if !keeps_preview && !may_default() {
            continue;
        }
        let Some(places) = places.or_else(places_of) else {
            continue;
        };
        for place in places {
            if beside_traditional(ctx, s, place) {
                continue;
            }
            let (u, at) = s.place(units, place);
            let unit = &units[u];
            let t = unit.text.text();
            let end = at + wrong_text.len();
            let Some(between) = reads_as_slip(t, at, end, &word, false, |_| false, || false) else {
                continue;
            };
            // By default, when the corrected word also stands between words
            // and jieba's model finds the corrected sentence far likelier.
            let default = between && may_default() && far_likelier(t, at, end, &word);
            if !default && !keeps_preview {
                continue;
            }
            if confusion == Confusion::Shape && is_place(ctx, &word) {
                break;
            }
            let (from, to) = if a == x { (b, y) } else { (a, x) };
            let span = unit.text.span(at, end);
            let v = if default {
                Violation::new(
                    span,
                    format!(
                        "{}疑为{}之误（“{from}”与“{to}”{}），{}是常用词",
                        quote(&wrong_text),
                        quote(&word),
                        confusion.name(),
                        quote(&word),
                    ),
                )
            } else {
                Violation::new(
                    span,
                    format!(
                        "{}可能是{}之误（“{from}”与“{to}”{}，把握较低）",
                        quote(&wrong_text),
                        quote(&word),
                        confusion.name(),
                    ),
                )
                .preview()
            };
            let v = v.help(format!("改为{}", quote(&word))).fix(Fix::replace(
                span,
                word.clone(),
                Applicability::Unsafe,
            ));
            sink.push(v);
        }
    }
}

/// The readings of ideographs as small numbers, each looked up once (the
/// `pinyin` crate's, [`crate::lexicon::reading`]): the common words of
/// general usage with a character of each pair are compared by sound, tens
/// of thousands of characters per document. 0: no reading.
#[derive(Default)]
struct ReadingIds {
    /// By code point from U+4E00; 0 not yet looked up, else the id + 1.
    ids: Vec<u16>,
    names: HashMap<&'static str, u16>,
}

impl ReadingIds {
    fn of(&mut self, c: char) -> u16 {
        let code = u32::from(c);
        if !URO.contains(&code) {
            return 0;
        }
        if self.ids.is_empty() {
            self.ids = vec![0; (URO.end - URO.start) as usize];
        }
        let slot = &mut self.ids[(code - URO.start) as usize];
        if *slot == 0 {
            let id = crate::lexicon::reading(c).map_or(0, |r| {
                let next = self.names.len() as u16 + 1;
                *self.names.entry(r).or_insert(next)
            });
            *slot = id + 1;
        }
        *slot - 1
    }
}

/// For each character of the document, on demand: the common words of
/// general usage (`general::COMMON`) that start with it, or end with it,
/// with the reading of their other character, read once; a pair's
/// sound-alike words are then a short list away, not two searches and
/// scans of the list.
struct SoundWords {
    /// By character id, twice (ending, starting): (reading, centibels,
    /// the other character), sorted by reading and frequency; the
    /// document's characters have ids below `Sequence::han_end`.
    words: Vec<Option<Vec<(u16, u16, char)>>>,
}

impl SoundWords {
    /// The commonest word starting (`starts`) or ending with `c` (of id
    /// `id`) whose other character reads `reading` and is not `excluded`;
    /// the first in the list's order among equally common ones.
    fn best(
        &mut self,
        readings: &mut ReadingIds,
        id: u16,
        c: char,
        starts: bool,
        reading: u16,
        excluded: impl Fn(char) -> bool,
    ) -> Option<(u16, char)> {
        let slot = usize::from(id) * 2 + usize::from(starts);
        let words = self.words[slot].get_or_insert_with(|| {
            let mut read = |(other, cb): (char, u16)| (readings.of(other), cb, other);
            let mut words: Vec<(u16, u16, char)> = if starts {
                crate::lexicon::general::starting_with(c)
                    .map(&mut read)
                    .collect()
            } else {
                crate::lexicon::general::ending_with(c)
                    .map(&mut read)
                    .collect()
            };
            // By reading, then commonest first; a stable sort keeps the
            // list's order among equally common words.
            words.sort_by_key(|&(r, cb, _)| (r, cb));
            words
        });
        let from = words.partition_point(|w| w.0 < reading);
        words[from..]
            .iter()
            .take_while(|w| w.0 == reading)
            .find(|w| !excluded(w.2))
            .map(|&(_, cb, other)| (cb, other))
    }
}

/// Whether the pair at `at` stands as an orphan among words: neither
/// character makes a word with its outer neighbour (a pair across two
/// words, 展规 of 发展规划, does), and the two characters on either side
/// are a word where they are ideographs (a stretch of four characters no
/// word covers is a compact phrase or a name the dictionaries lack:
/// 强边固防, 涉法涉诉).
fn orphan(s: &Sequence, at: u32, is_word: impl Fn(char, char) -> bool) -> bool {
    if crosses(s, at, &is_word) {
        return false;
    }
    let q = &s.seq;
    let ch = |id: u16| s.chars[usize::from(id)];
    let at = at as usize;
    let unread = |i: usize| {
        i + 1 < q.len() && s.is_han(q[i]) && s.is_han(q[i + 1]) && !is_word(ch(q[i]), ch(q[i + 1]))
    };
    !(unread(at + 2) || (at >= 2 && unread(at - 2)))
}

/// Two characters as a string, in `buf`.
fn pair_str(buf: &mut [u8; 8], a: char, b: char) -> &str {
    let n = a.encode_utf8(buf).len();
    let m = b.encode_utf8(&mut buf[n..]).len();
    std::str::from_utf8(&buf[..n + m]).unwrap_or_default()
}

/// Whether a character of the pair at `at` makes a word with its outer
/// neighbour (府办 of 省政府办公厅: 政府), by `is_word`.
fn crosses(s: &Sequence, at: u32, is_word: impl Fn(char, char) -> bool) -> bool {
    let q = &s.seq;
    let ch = |id: u16| s.chars[usize::from(id)];
    let at = at as usize;
    let (a, b) = (ch(q[at]), ch(q[at + 1]));
    (at >= 1 && s.is_han(q[at - 1]) && is_word(ch(q[at - 1]), a))
        || (at + 2 < q.len() && s.is_han(q[at + 2]) && is_word(b, ch(q[at + 2])))
}

/// Whether a form written `form` times beside a word written `word` times
/// is a spelling of its own: more than `MAX_WRONG` times, unless the word
/// is `COMMON_BESIDE` times as common.
fn written_too_often(form: u32, word: u32) -> bool {
    form > MAX_WRONG && word < COMMON_BESIDE * form
}

/// Whether the pair at `at` has a traditional character beside it (國 of
/// 國家工業 for 家工): the dictionaries are of simplified text, so the
/// words around it cannot be told; W103 reports the character.
fn beside_traditional(ctx: &Context<'_>, s: &Sequence, at: u32) -> bool {
    let q = &s.seq;
    let at = at as usize;
    let traditional = |i: usize| {
        q.get(i).is_some_and(|&id| {
            s.is_han(id)
                && ctx
                    .lexicon
                    .variants
                    .char(s.chars[usize::from(id)])
                    .is_some()
        })
    };
    (at >= 1 && traditional(at - 1)) || traditional(at + 2)
}

/// Whether a character of the pair at `at` makes a common dictionary word
/// with its outer neighbour (政府 of 省政府办公厅 for 府办; 中国 of
/// 中国加入 for 国加): two words meeting.
fn meets_words(s: &Sequence, at: u32) -> bool {
    crosses(s, at, |x, y| {
        words::lookup(pair_str(&mut [0; 8], x, y)).is_some_and(|f| f >= COMMON_WORD)
    })
}

/// Whether x + y is a word: in jieba's dictionary, or in general usage.
fn is_word(x: char, y: char) -> bool {
    crate::lexicon::general::centibels(x, y).is_some_and(|cb| cb <= KNOWN_CB)
        || words::lookup(pair_str(&mut [0; 8], x, y)).is_some_and(|f| f >= MAX_PAIR)
}

/// Whether a word is read as a place: the stem of a division (酒泉) that
/// is not first a common word of another kind (合作 of 合作市, 资源 of
/// 资源县). Loads the gazetteer: asked last, of what would be reported.
fn is_place(ctx: &Context<'_>, word: &str) -> bool {
    let common = words::lookup(word).is_some_and(|f| f >= COMMON_WORD)
        && words::tag(word).is_some_and(|t| !t.starts_with("ns"));
    !common && ctx.lexicon.gazetteer().is_stem(word)
}

/// Whether the pair is the document's contraction of a phrase it writes:
/// two two-character dictionary words, the first starting with the pair's
/// first character, the second holding its second (提效 of 提高效率,
/// 农房 of 农村住房, 转企 of 转换企业), and neither word is the one the
/// pair is read as (建设社会 is no contraction of 建社: it holds 建设, the
/// word the slip is in). Only asked of a pair about to be
/// reported by default without the document's support: one pass.
fn abbreviates(s: &Sequence, (a, b): (u16, u16), word: (u16, u16)) -> bool {
    two_words_from(s, a, |w| {
        (w[2] == b || w[3] == b) && (w[0], w[1]) != word && (w[2], w[3]) != word
    })
}

/// Whether the document writes, at a place of ideograph `a`, four
/// characters that `fits` and that are two two-character dictionary words
/// (asked after `fits`, which is cheaper).
fn two_words_from(s: &Sequence, a: u16, fits: impl Fn(&[u16]) -> bool) -> bool {
    s.windows_from(a).any(|w| {
        w.len() == 4
            && fits(w)
            && s.dict_freq(w[0], w[1]).is_some()
            && s.dict_freq(w[2], w[3]).is_some()
    })
}

/// Whether the pair written is the document's own contraction of a phrase
/// it writes, rather than a slip in the word: a phrase of two
/// two-character dictionary words that starts with the pair's first
/// character, ends with its second, and holds the word as one of its
/// halves (智造 of 智能制造, beside 制造). A slip in a word next to
/// another (建设社会 → 建社) leaves the phrase's outer characters alone.
/// Only asked of pairs about to be reported: one pass over the document.
fn contracts(s: &Sequence, (a, b): (u16, u16), word: (u16, u16)) -> bool {
    two_words_from(s, a, |w| {
        w[3] == b && ((w[0], w[1]) == word || (w[2], w[3]) == word)
    })
}

/// Whether a candidate's sentence reads as a slip: no dictionary word of
/// the sentence as written covers either character together with a
/// neighbour (two single characters, or an unknown stretch jieba's HMM
/// joined: 甘诉省) unless `likelier` says the corrected sentence is far
/// likelier, the corrected word lies inside one word of the corrected
/// sentence (走廊 in 河西走廊), the pair is not coined in parallel with a
/// word beside it, and it is not inside quotation marks or a title. If it
/// does, whether the corrected word stands between words of the corrected
/// sentence (`between_words`).
///
/// `supported`: the document writes the corrected word beside the same
/// characters (then a parallel coinage does not count); `made_by_slip`:
/// whether a dictionary word over one character of the pair and its
/// neighbour is the slip's doing (then it does not count either);
/// `likelier`: whether the corrected sentence is far likelier than the
/// sentence as written (asked only of a covered pair).
fn reads_as_slip(
    t: &str,
    at: usize,
    end: usize,
    word: &str,
    supported: bool,
    made_by_slip: impl Fn(&str) -> bool,
    likelier: impl FnOnce() -> bool,
) -> Option<bool> {
    let (s, e) = words::sentence_around(t, at, end, CONTEXT_BYTES);
    if quoted(&t[s..at]) {
        return None;
    }
    let (a, b) = (at - s, end - s);
    let written = words::words(&t[s..e]);
    // The pair itself may be a dictionary entry, too rare to count (自住);
    // a commoner one is written on purpose.
    if written.contains(&(a, b)) && words::lookup(&t[at..end]).is_some_and(|f| f >= MAX_PAIR) {
        return None;
    }
    // A dictionary word reaching past the pair (增长幅度 over 长幅) makes
    // the sentence as written read as words.
    let within = |w: &&(usize, usize)| w.0 < b && a < w.1 && w.1 - w.0 > 3;
    let covered = written.iter().filter(within).any(|w| {
        let text = &t[s + w.0..s + w.1];
        // Over one character of the pair only: perhaps the slip's doing
        // (水星 of 水星态); over both, a word (增长幅度).
        let whole = w.0 <= a && b <= w.1;
        *w != (a, b) && words::lookup(text).is_some() && (whole || !made_by_slip(text))
    });
    // A pair beside a word with a character in common is coined in
    // parallel (提标提效), unless the document writes the corrected word
    // beside the same characters (改格改组 for 改革改组, 宫业企业).
    if (covered && !likelier()) || (!supported && parallel(&t[s..e], &written, a, b)) {
        return None;
    }
    let corrected = [&t[s..at], word, &t[end..e]].concat();
    let cut = words::words(&corrected);
    let inside = cut.iter().position(|w| w.0 <= a && a + word.len() <= w.1)?;
    Some(between_words(&corrected, &cut, inside))
}

/// Whether jieba's model finds the sentence around `t[at..end]` with
/// `word` in its place at least e^`SEGMENT_GAIN` times likelier than as
/// written ([`words::route_log_prob`]): 在建设资金 against 在建般资金.
fn far_likelier(t: &str, at: usize, end: usize, word: &str) -> bool {
    let (s, e) = words::sentence_around(t, at, end, CONTEXT_BYTES);
    let corrected = [&t[s..at], word, &t[end..e]].concat();
    words::route_log_prob(&corrected) - words::route_log_prob(&t[s..e]) >= SEGMENT_GAIN
}

/// Whether the pair `t[a..b]` is coined in parallel with a two-character
/// word beside it that has the same character in the same place (细化实化,
/// 实化量化, 提标提效): a pattern of official style, not a slip.
fn parallel(t: &str, words: &[(usize, usize)], a: usize, b: usize) -> bool {
    let pair: Vec<char> = t[a..b].chars().collect();
    words.iter().filter(|w| w.1 == a || w.0 == b).any(|w| {
        let other: Vec<char> = t[w.0..w.1].chars().collect();
        other.len() == 2 && other != pair && (other[0] == pair[0] || other[1] == pair[1])
    })
}

/// Whether the corrected word, inside the token `cut[k]` of the corrected
/// sentence `t`, stands between words: the token is a dictionary word
/// longer than it (副中心 for 副终心), or the token before it and the
/// token after it are words of two characters or more (of the dictionary
/// or of general usage: 赋能, 冷链), a character used on its own (的, 在,
/// 做, 新; a verb or adjective before its object, 稳 of 积极稳外贸), or
/// no ideograph (a mark, a figure, the sentence's edge). A
/// word next to a lone character that is no word alone (东 of 公路东沿线
/// for 东延线) would leave that character stranded: the pair is part of a
/// compact phrase the dictionaries lack, not a slip in one word.
fn between_words(t: &str, cut: &[(usize, usize)], k: usize) -> bool {
    let (x, y) = cut[k];
    if t[x..y].chars().count() > 2 {
        return words::is_word(&t[x..y]);
    }
    let stands = |w: Option<&(usize, usize)>| {
        let Some(&(x, y)) = w else { return true };
        let text = &t[x..y];
        let mut cs = text.chars();
        let Some(first) = cs.next().filter(|&c| URO.contains(&u32::from(c))) else {
            return true;
        };
        match (cs.next(), cs.next()) {
            (None, _) => {
                let (freq, tag) = words::char_entry(first).unwrap_or((0, ""));
                freq >= FREESTANDING
                    || ((matches!(tag, "p" | "c" | "r" | "y" | "d") || tag.starts_with('u'))
                        && freq >= FUNCTION_WORD)
                    || (matches!(tag, "v" | "a") && freq >= LONE_PREDICATE)
            }
            (Some(second), None) => words::lookup(text).is_some() || is_word(first, second),
            _ => words::lookup(text).is_some(),
        }
    };
    stands(k.checked_sub(1).and_then(|i| cut.get(i))) && stands(cut.get(k + 1))
}

/// Whether the sentence `t[s..e]` with `word` in place of `t[at..end]`
/// segments with the word inside one word (走廊 in 河西走廊).
pub(super) fn corrected_keeps(
    t: &str,
    (s, e): (usize, usize),
    at: usize,
    end: usize,
    word: &str,
) -> bool {
    let corrected = [&t[s..at], word, &t[end..e]].concat();
    let a = at - s;
    words::words(&corrected)
        .iter()
        .any(|w| w.0 <= a && a + word.len() <= w.1)
}

/// Whether text ending here is inside “…” or 《…》.
pub(super) fn quoted(before: &str) -> bool {
    let mut depth = 0i32;
    for c in before.chars() {
        match c {
            '“' | '《' | '「' | '『' => depth += 1,
            '”' | '》' | '」' | '』' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}
