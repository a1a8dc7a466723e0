//! Candidate slips of one character for another (错别字), the way the field
//! finds them: detect → generate → rank.
//!
//! - **Detect**: a clause (a run of ideographs) is segmented by the
//!   language model (`lexicon::lm`); the characters of a weak stretch — a
//!   character standing alone that is no common word by itself, or a rare
//!   word — and of the words beside it are examined. A clause read as
//!   common words throughout costs one segmentation.
//! - **Generate**: for each examined character, the common characters of
//!   its syllable (any tone) and its look-alikes (`lexicon::alikes`) that
//!   make a dictionary word with a neighbour.
//! - **Rank** (here the evidence, the decision is the rule's): how much
//!   likelier the language model finds the clause around the character
//!   with the candidate (`gain`, in nats), and what the rule weighs beside
//!   it: how the characters are alike, how common each is, the words as
//!   written and as corrected.

use crate::cjk::{is_han, is_numeral_char};
use std::collections::HashMap;

use crate::lexicon::{alikes, general, lm, Alike, Confusables, Lexicon, Likeness, Terms};

/// A character standing alone in the likeliest segmentation is weak when
/// it is rarer than this as a word by itself (的 28 million… 木 1,835;
/// 和 and 在 stand alone far more often).
pub const LONE_CHAR: u64 = 30_000;

/// A word of the segmentation is weak when it is rarer than this: the
/// dictionary's misspellings (幅射 3, 复盖 2) and rare words a slip
/// makes by chance.
pub const RARE_WORD: u64 = 60;

/// The most candidates drawn for a character, the commonest first: 30
/// keeps the recall of all of them on the ECSpell development split (32.7
/// against 32.8 % of its sentences at the score's 0 cut) for half the work
/// (measured 2026-12-08 with examples/slip_features.rs).
pub const MAX_ALIKES: usize = 30;

/// Characters of context either side in which a candidate is weighed.
const WINDOW: usize = 4;

/// One reading of a character as a slip.
#[derive(Debug, Clone)]
pub struct Slip {
    /// Byte range of the written character in the scanned text.
    pub at: usize,
    pub end: usize,
    pub written: char,
    /// The character it may stand for, and how the two are alike.
    pub with: char,
    pub how: Likeness,
    /// ln P(window corrected) − ln P(window as written).
    pub gain: f64,
    /// The word holding the character as written (byte range in the
    /// scanned text).
    pub written_word: (usize, usize),
    /// The word holding the candidate in the corrected reading: its byte
    /// range in the scanned text (the same length as written) and the
    /// corrected word itself.
    pub word: (usize, usize),
    pub corrected: String,
}

/// Scratch space kept between clauses.
#[derive(Default)]
pub struct Detector {
    best: Vec<(f64, usize, u64)>,
    /// Each character's candidates, drawn once.
    alikes: HashMap<char, std::rc::Rc<[Alike]>>,
    scratch: Vec<Alike>,
    window: String,
    examined: Vec<bool>,
}

impl Detector {
    /// Every candidate slip of `text` with a positive gain, clause by
    /// clause.
    pub fn scan(&mut self, text: &str, lexicon: &Lexicon, mut each: impl FnMut(Slip)) {
        let shapes = lexicon.confusables();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let in_clause = is_han(c) && i < text.len();
            match (start, in_clause) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    // A clause in traditional characters is W103's: the
                    // model knows simplified Chinese.
                    if i - s > 3
                        && !text[s..i]
                            .chars()
                            .any(|c| lexicon.variants.char(c).is_some())
                    {
                        self.clause(text, s, i, shapes, &mut each);
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }

    fn clause(
        &mut self,
        text: &str,
        s: usize,
        e: usize,
        shapes: &Confusables,
        each: &mut impl FnMut(Slip),
    ) {
        let clause = &text[s..e];
        let (_, words) = lm::segment(clause, &mut self.best);
        // Which words are examined: the weak ones and their neighbours.
        let weak = |w: &(usize, usize, u64)| {
            let single = clause[w.0..w.1].chars().nth(1).is_none();
            if single {
                w.2 < LONE_CHAR
            } else {
                w.2 < RARE_WORD
            }
        };
        self.examined.clear();
        self.examined.resize(words.len(), false);
        for (k, w) in words.iter().enumerate() {
            if weak(w) {
                for j in k.saturating_sub(1)..(k + 2).min(words.len()) {
                    self.examined[j] = true;
                }
            }
        }
        // Character starts of the clause, for windows by characters.
        let starts: Vec<usize> = clause.char_indices().map(|(i, _)| i).collect();
        let index_of = |b: usize| starts.partition_point(|&x| x < b);
        for (k, w) in words.iter().enumerate() {
            if !self.examined[k] {
                continue;
            }
            for (off, c) in clause[w.0..w.1].char_indices() {
                if is_numeral_char(c) {
                    continue;
                }
                let at = w.0 + off;
                let ci = index_of(at);
                let alikes = match self.alikes.get(&c) {
                    Some(a) => a.clone(),
                    None => {
                        alikes(c, shapes, &mut self.scratch);
                        self.scratch
                            .sort_by_key(|a| std::cmp::Reverse(lm::char_count(a.c)));
                        self.scratch.truncate(MAX_ALIKES);
                        let a: std::rc::Rc<[Alike]> = self.scratch.as_slice().into();
                        self.alikes.insert(c, a.clone());
                        a
                    }
                };
                if alikes.is_empty() {
                    continue;
                }
                let lo = starts[ci.saturating_sub(WINDOW)];
                let hi = starts.get(ci + 1 + WINDOW).copied().unwrap_or(clause.len());
                let end = at + c.len_utf8();
                let mut before = None;
                // The candidates that start a word with a neighbour: the
                // characters after the previous one in the dictionary's
                // words, and those before the next one.
                let after_prev = clause[..at].chars().next_back().map(lm::followers);
                let before_next = clause[end..].chars().next().map(lm::leaders);
                for a in alikes.iter() {
                    let makes_word = after_prev.is_some_and(|p| p.contains(a.c))
                        || before_next.is_some_and(|n| n.contains(a.c));
                    if !makes_word {
                        continue;
                    }
                    let before =
                        *before.get_or_insert_with(|| lm::route(&clause[lo..hi], &mut self.best));
                    self.window.clear();
                    self.window.push_str(&clause[lo..at]);
                    self.window.push(a.c);
                    self.window.push_str(&clause[end..hi]);
                    let after = lm::route(&self.window, &mut self.best);
                    let gain = after - before;
                    if gain <= 0.0 {
                        continue;
                    }
                    // The corrected word holding the candidate.
                    let pos = at - lo;
                    let mut from = 0;
                    let (mut ws, mut we) = (pos, pos + a.c.len_utf8());
                    while from < self.window.len() {
                        let to = self.best[from].1;
                        if from <= pos && pos < to {
                            (ws, we) = (from, to);
                            break;
                        }
                        from = to;
                    }
                    let corrected = self.window[ws..we].to_owned();
                    // Same byte lengths except the candidate's.
                    let delta = c.len_utf8() as isize - a.c.len_utf8() as isize;
                    let map = |b: usize| {
                        let b = if b > pos {
                            (b as isize + delta) as usize
                        } else {
                            b
                        };
                        s + lo + b
                    };
                    each(Slip {
                        at: s + at,
                        end: s + end,
                        written: c,
                        with: a.c,
                        how: a.how,
                        gain,
                        written_word: (s + w.0, s + w.1),
                        word: (map(ws), map(we)),
                        corrected,
                    });
                }
            }
        }
    }
}

/// How often words are written in a document: characters and pairs of
/// characters counted in one pass on first use, longer words searched once
/// each.
pub struct DocCounts<'t> {
    text: &'t str,
    singles: HashMap<char, u32>,
    pairs: HashMap<(char, char), u32>,
    longer: HashMap<String, u32>,
    counted: bool,
}

impl<'t> DocCounts<'t> {
    pub fn new(text: &'t str) -> Self {
        DocCounts {
            text,
            singles: HashMap::new(),
            pairs: HashMap::new(),
            longer: HashMap::new(),
            counted: false,
        }
    }

    /// At least as many as the occurrences of `w`: those of its first two
    /// characters (of itself when shorter).
    pub fn bound(&mut self, w: &str) -> u32 {
        let two = w.char_indices().nth(2).map_or(w.len(), |(i, _)| i);
        self.count(&w[..two])
    }

    /// Occurrences of `w` in the document.
    pub fn count(&mut self, w: &str) -> u32 {
        if !self.counted {
            self.counted = true;
            let mut prev = None;
            for c in self.text.chars() {
                *self.singles.entry(c).or_default() += 1;
                if let Some(p) = prev {
                    *self.pairs.entry((p, c)).or_default() += 1;
                }
                prev = Some(c);
            }
        }
        let mut cs = w.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(a), None, _) => self.singles.get(&a).copied().unwrap_or(0),
            (Some(a), Some(b), None) => self.pairs.get(&(a, b)).copied().unwrap_or(0),
            _ => {
                if let Some(&n) = self.longer.get(w) {
                    return n;
                }
                let n =
                    memchr::memmem::find_iter(self.text.as_bytes(), w.as_bytes()).count() as u32;
                self.longer.insert(w.to_owned(), n);
                n
            }
        }
    }
}

/// The places of a text inside “…” or 《…》 (or 「…」, 『…』), found in
/// one pass: a reading there is a title's or a coined phrase's.
pub struct QuoteSpans(Vec<(usize, usize)>);

impl QuoteSpans {
    pub fn new(text: &str) -> Self {
        let mut out = Vec::new();
        let mut depth = 0u32;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            match c {
                '“' | '《' | '「' | '『' => {
                    if depth == 0 {
                        start = i;
                    }
                    depth += 1;
                }
                '”' | '》' | '」' | '』' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        out.push((start, i));
                    }
                }
                _ => {}
            }
        }
        if depth > 0 {
            out.push((start, text.len()));
        }
        QuoteSpans(out)
    }

    /// Whether byte `at` lies inside quotation or title marks.
    pub fn contains(&self, at: usize) -> bool {
        let k = self.0.partition_point(|&(s, _)| s < at);
        k > 0 && at <= self.0[k - 1].1
    }
}

/// The terms of a reading that need no count of the document
/// (`rules/confusion/score.toml` names and weighs them): the document's
/// terms are 0 until [`document_terms`] fills them. `text` is the scanned
/// text; `quoted`, whether the reading lies inside quotation marks.
pub fn local_terms(s: &Slip, text: &str, quoted: bool) -> Terms {
    let prev = text[..s.at].chars().next_back();
    let next = text[s.end..].chars().next();
    let general_cb = [prev.map(|p| (p, s.written)), next.map(|n| (s.written, n))]
        .into_iter()
        .flatten()
        .filter_map(|(a, b)| general::centibels(a, b))
        .min()
        .unwrap_or(900);
    // The context model's view of the two neighbours: ln P of the
    // character after the previous one and of the next one after it.
    let around = |c: char| {
        prev.filter(|&p| is_han(p))
            .map_or(0.0, |p| lm::context_log_prob(p, c))
            + next
                .filter(|&n| is_han(n))
                .map_or(0.0, |n| lm::context_log_prob(c, n))
    };
    Terms {
        gain: s.gain,
        context: around(s.with) - around(s.written),
        other_tone: f64::from(u8::from(s.how == Likeness::OtherTone)),
        near_sound: f64::from(u8::from(s.how == Likeness::NearSound)),
        shape: f64::from(u8::from(s.how == Likeness::Shape)),
        char_ratio: ((lm::char_count(s.with) + 1) as f64 / (lm::char_count(s.written) + 1) as f64)
            .ln(),
        corrected_len: s.corrected.chars().count() as f64,
        quoted: f64::from(u8::from(quoted)),
        general_written: f64::from(900u16.saturating_sub(general_cb)) / 100.0,
        ..Terms::default()
    }
}

/// The words whose counts the document's terms take: the corrected word,
/// the word as written, and the written characters the corrected word
/// replaces.
fn counted<'a>(s: &'a Slip, text: &'a str) -> [&'a str; 3] {
    [
        &s.corrected,
        &text[s.written_word.0..s.written_word.1],
        &text[s.word.0..s.word.1],
    ]
}

/// Fills the document's terms of `t`.
pub fn document_terms(t: &mut Terms, s: &Slip, text: &str, doc: &mut DocCounts<'_>) {
    let [corrected, written, form] = counted(s, text);
    let ln = |n: u32| f64::from(n.max(1)).ln();
    t.doc_corrected = f64::from(doc.count(corrected)).ln_1p();
    t.doc_written = ln(doc.count(written));
    t.form_repeated = ln(doc.count(form));
}

/// The highest the document's terms could add to a score with weights
/// `w`, from counts that bound the true ones (a word is written no more
/// often than its first two characters): a reading that cannot reach a cut
/// with them costs no search of the document.
pub fn document_bound(w: &Terms, s: &Slip, text: &str, doc: &mut DocCounts<'_>) -> f64 {
    let [corrected, written, form] = counted(s, text);
    let ln = |n: u32| f64::from(n.max(1)).ln();
    let most = |weight: f64, hi: f64| (weight * hi).max(0.0);
    most(w.doc_corrected, f64::from(doc.bound(corrected)).ln_1p())
        + most(w.doc_written, ln(doc.bound(written)))
        + most(w.form_repeated, ln(doc.bound(form)))
}

/// All terms of a reading (the evaluator's dump).
pub fn terms(s: &Slip, text: &str, quoted: bool, doc: &mut DocCounts<'_>) -> Terms {
    let mut t = local_terms(s, text, quoted);
    document_terms(&mut t, s, text, doc);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str) -> Vec<(String, char, char, f64)> {
        let lexicon = crate::lexicon::Lexicon::builtin().unwrap();
        let mut d = Detector::default();
        let mut out: Vec<(String, char, char, f64)> = Vec::new();
        d.scan(text, &lexicon, |s| {
            out.push((s.corrected.clone(), s.written, s.with, s.gain));
        });
        out.sort_by(|a, b| b.3.total_cmp(&a.3));
        out
    }

    #[test]
    fn finds_the_slips_of_the_issue() {
        for (text, written, with) in [
            ("推进技木创新", '木', '术'),
            ("加快发展工业互连网", '连', '联'),
            ("防止幅射污染", '幅', '辐'),
        ] {
            let found = best(text);
            assert!(
                found.first().is_some_and(|f| f.1 == written && f.2 == with),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn function_words_are_candidates() {
        // A unigram model barely prefers 自/发布 to 白发/布; it is a
        // candidate all the same.
        let found = best("本条例白发布之日起施行");
        assert!(
            found.iter().any(|f| f.1 == '白' && f.2 == '自'),
            "{found:?}"
        );
    }

    #[test]
    fn common_words_throughout_are_not_examined() {
        assert!(best("全面贯彻党中央决策部署").is_empty());
    }
}
