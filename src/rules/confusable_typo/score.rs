//! The cut-offs the evidence is weighed against, and the tests of the
//! sentence they apply to: the odds of a reading, whether the sentence
//! reads as a slip, whether jieba's model finds the corrected sentence far
//! likelier.

use super::evidence::{between_words, parallel};
use crate::cjk::within_quotes;
use crate::lexicon::words;

/// Dictionary frequency a corrected word needs: a word common enough that
/// a slip in it is likelier than a rare word written on purpose.
pub(super) const MIN_WORD: usize = 300;
/// What each occurrence in the document adds to a word's dictionary
/// frequency: a word the document writes three times is common enough.
pub(super) const DOC_WEIGHT: usize = 100;
/// A pair that is a dictionary word this common is written on purpose.
pub(super) const MAX_PAIR: usize = 20;
/// Dictionary frequency above which a character is common on its own
/// (做 50,331, 新 62,626; not 东 18,279).
pub(super) const FREESTANDING: usize = 30_000;
/// A character the dictionary tags as a verb or an adjective stands as a
/// word of its own when it is counted alone at least this often: a
/// predicate before its object or verb (稳 of 积极稳外贸, 1,908; 应 of
/// 并应成为, 25,537). A place word or noun does not (东 of 公路东沿线,
/// tagged ns).
pub(super) const LONE_PREDICATE: usize = 1000;
/// A character the dictionary tags as a function word (preposition,
/// conjunction, pronoun, particle) is one when it is at least this common:
/// 鉴 (565, tagged p) is no preposition in a plan.
pub(super) const FUNCTION_WORD: usize = 10_000;
/// ln(p(word) / (p(a)·p(b))) a default reading needs, with the document's
/// support (e², about 7 to 1: the word likelier than its two characters
/// side by side, with a margin). The support is the evidence: readings
/// between e⁰ and e⁴ added no false alarm on the corpus or the seeds,
/// and planted slips of common characters lie there (发展城就 for 成就,
/// e³·⁷; 是出 for 提出, e³·⁰)…
pub(super) const DEFAULT_ODDS: f64 = 2.0;
/// …and a preview reading without it.
pub(super) const PREVIEW_ODDS: f64 = 6.0;
/// Odds a reading against general usage needs to be a default one: the
/// document does not write the word, so the evidence must be stronger
/// than for its own words (e⁸, about 3,000 to 1, as `SEGMENT_GAIN`).
pub(super) const GENERAL_ODDS: f64 = 8.0;
/// A reading without the document's support is a default one when the
/// odds are at least this (e⁶, about 400 to 1), general usage does not
/// know the pair and the pair stands between words.
pub(super) const ALONE_ODDS: f64 = 6.0;
/// A wrong form written more often than this is a spelling of its own,
/// unless the word is written `COMMON_BESIDE` times as often: a slip
/// pasted with its sentence (建股 three times beside 建设 589 times).
pub(super) const MAX_WRONG: u32 = 2;
/// See `MAX_WRONG`: the most a form beside a far commoner word is written.
pub(super) const MAX_WRONG_BESIDE_COMMON: u32 = 3;
/// See `MAX_WRONG`.
pub(super) const COMMON_BESIDE: u32 = 30;
/// A pair at least this common in general usage (wordfreq's centibels:
/// 700 is one word in ten million) is a word of its own, however new (发力,
/// 提质, 智造, 宪制, which jieba's dictionary lacks). Rarer entries of the
/// list (down to 800, one in a hundred million) only keep a reading
/// against general usage out of the default tier.
pub(super) const KNOWN_CB: u16 = 700;
/// A pair general usage knows that is at least this rare there (one in 4.5
/// million words) and `MISSPELT_GAP` rarer than the word one substitution
/// away is the web's misspelling of that word (跟据, 这此, 问是).
pub(super) const MISSPELT_CB: u16 = 650;
/// See `MISSPELT_CB`: 300 centibels, a thousand times rarer.
pub(super) const MISSPELT_GAP: u16 = 300;
/// The character taken for a slip is at least this common on its own
/// (擧 of 擧行 is an old form, not a typist's slip).
pub(super) const COMMON_CHAR: usize = 100;
/// A common dictionary word: a division's stem this common, and tagged as
/// no place, is read as the common word (合作 of 合作市: 13,478); a
/// character of an unsupported pair making one with its outer neighbour
/// (政府 of 省政府办公厅 for 府办) is two words meeting.
pub(super) const COMMON_WORD: usize = 1000;
/// ln of how many times likelier jieba's model must find the corrected
/// sentence than the sentence as written when a character of the pair
/// makes a word with a neighbour: e⁸, about 3,000 to 1. Measured with
/// those vetoes lifted, on the corpus and both seeds: words meeting scored
/// at most 7.6 (农房 for 农户, 供商业 for 工商业 7.0, 百亿园区 6.4; most
/// below 0: 发挥政府 −2.9, 正规化 −3.9); slips from 8.3 (设思维修 for
/// 设备维修; 超极大国 14.1, a slip in the 1978 report).
pub(super) const SEGMENT_GAIN: f64 = 8.0;
/// Bytes of context segmented around a candidate.
pub(super) const CONTEXT_BYTES: usize = 60;

/// ln(p(word) / (p(a)·p(b))): how much likelier the word is than its two
/// characters side by side, from the word's frequency and the characters'
/// own (at least 1), on the scale of jieba's counts.
pub(super) fn odds(word: f64, a: usize, b: usize) -> f64 {
    word.ln() - (a.max(1) as f64).ln() - (b.max(1) as f64).ln() + (words::total() as f64).ln()
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
pub(super) fn reads_as_slip(
    t: &str,
    at: usize,
    end: usize,
    word: &str,
    supported: bool,
    made_by_slip: impl Fn(&str) -> bool,
    likelier: impl FnOnce() -> bool,
) -> Option<bool> {
    let (s, e) = words::sentence_around(t, at, end, CONTEXT_BYTES);
    if within_quotes(&t[s..at]) {
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
pub(super) fn far_likelier(t: &str, at: usize, end: usize, word: &str) -> bool {
    let (s, e) = words::sentence_around(t, at, end, CONTEXT_BYTES);
    let corrected = [&t[s..at], word, &t[end..e]].concat();
    words::route_log_prob(&corrected) - words::route_log_prob(&t[s..e]) >= SEGMENT_GAIN
}
