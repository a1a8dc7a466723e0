//! W104 confusable-typo: two characters that are no word, where one
//! sound-alike or look-alike substitution gives a common word the document
//! itself uses (惯彻 beside 贯彻, 针贬 beside 针砭). No list of misspellings:
//! the evidence is the dictionary's frequencies, the segmentation of the
//! sentence as written and as corrected, and the rest of the document.
//!
//! The rule is split by what each part knows: [`pairs`] holds the
//! document's characters and pair counts, [`evidence`] what the document
//! and general usage say about a reading, [`score`] the cut-offs it is
//! weighed against; this file collects the candidates, weighs them and
//! reports.

mod evidence;
mod model;
mod pairs;
mod score;

use foldhash::HashMap;

use self::evidence::{
    abbreviates, beside_traditional, contracts, general_readings, is_excluded, is_place,
    meets_words, supported, written_too_often, Likeness, ReadingIds,
};
use self::pairs::{PairCounts, Pairs, Run, Sequence};
use self::score::{
    far_likelier, odds, reads_as_slip, ALONE_ODDS, DEFAULT_ODDS, DOC_WEIGHT, KNOWN_CB, MAX_PAIR,
    MAX_WRONG, MAX_WRONG_BESIDE_COMMON, MIN_WORD, MISSPELT_CB, MISSPELT_GAP, PREVIEW_ODDS,
};
use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::{text_units, TextUnit};
use crate::lexicon::{words, Confusion};

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

/// Marks a look-alike group among the keys of `members`.
const SHAPE: u32 = 1 << 16;

/// A candidate: a pair written at most twice, and the word one
/// substitution away that the document also writes.
struct Candidate<'p> {
    wrong: &'p Run,
    word: &'p Run,
    confusion: Confusion,
}

/// A pair that may be a slip and a word one substitution away that the
/// document writes, by their ids, before their places are collected.
type Near = ((u16, u16), (u16, u16), Confusion);

/// The best reading of a wrong pair against the document's own words.
#[derive(Clone, Copy)]
struct Reading<'c> {
    /// ln(p(word) / (p(a)·p(b))), as `score::odds`.
    odds: f64,
    cand: &'c Candidate<'c>,
    /// Whether its word is below the common floor (`MIN_WORD`).
    rare_word: bool,
    /// How often the wrong form is written, not counting the places where
    /// its characters make common words with their outer neighbours.
    spelt: u32,
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
        let mut readings = ReadingIds::default();
        let like = Likeness::build(&s, ctx.lexicon.confusables(), &mut readings);
        let single = single_chars(ctx, &s);
        let near = near_words(&s, &mut counts, &like, &single);
        let pairs = Pairs::build(&s, |a, b| counts.marked(a, b));
        let candidates = collect_candidates(&pairs, near);
        let found = weigh(&s, &pairs, &single, &candidates, sink.keeps_preview());
        // The wrong pairs reported against the document's own words; the
        // rest are read against general usage below.
        let mut read: foldhash::HashSet<(u16, u16)> = foldhash::HashSet::default();
        for reading in &found {
            if report(ctx, sink, &units, &s, &pairs, reading) {
                read.insert((reading.cand.wrong.a, reading.cand.wrong.b));
            }
        }
        // The places of all the pairs that may be slips.
        let rare = Pairs::build(&s, |a, b| may_slip(&single, &counts, a, b, MAX_WRONG));
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

/// Per character, once: its frequency on its own, and whether it can be
/// part of a slip at all (not a numeral or a traditional character).
/// Function words and common characters can (跟据, 之持, 个级): the
/// segmentation of the sentence tells a slip from two words meeting.
fn single_chars(ctx: &Context<'_>, s: &Sequence) -> Vec<(usize, bool)> {
    let ch = |id: u16| s.chars[usize::from(id)];
    (0..s.han_end)
        .map(|id| {
            if id == 0 || is_excluded(ctx, ch(id)) {
                return (0, true);
            }
            let (freq, _) = words::char_entry(ch(id)).unwrap_or((0, ""));
            (freq, false)
        })
        .collect()
}

/// Whether a + b may be a slip: written at most `most` times, of two
/// characters that can be part of one.
fn may_slip(single: &[(usize, bool)], counts: &PairCounts, a: u16, b: u16, most: u32) -> bool {
    let (x, y) = (&single[usize::from(a)], &single[usize::from(b)]);
    !x.1 && !y.1 && u32::from(counts.count(a, b)) <= most
}

/// The pairs that may be slips, each with the words one substitution away
/// that the document writes; both are marked in `counts`, for their places
/// to be collected in one more pass.
fn near_words(
    s: &Sequence,
    counts: &mut PairCounts,
    like: &Likeness,
    single: &[(usize, bool)],
) -> Vec<Near> {
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
    // The distinct pairs that may be slips, in one pass without
    // collecting places (most pairs of a document are written once or
    // twice; the places of the few with a reading are collected below).
    let mut rare: Vec<(u16, u16)> = Vec::new();
    for w in s.seq.windows(2) {
        let (a, b) = (w[0], w[1]);
        if s.is_han(a)
            && s.is_han(b)
            && may_slip(single, counts, a, b, MAX_WRONG_BESIDE_COMMON)
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
    keyed
}

/// The candidates of `near`, with the places `pairs` collected: one
/// reading of each wrong pair and word.
fn collect_candidates(pairs: &Pairs, near: Vec<Near>) -> Vec<Candidate<'_>> {
    let mut candidates: Vec<Candidate<'_>> = near
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
    candidates
}

/// The best reading of each wrong pair against the document's own words,
/// in document order: the candidates whose odds and support pass the
/// cut-offs, the likeliest of each pair.
fn weigh<'c>(
    s: &Sequence,
    pairs: &Pairs,
    single: &[(usize, bool)],
    candidates: &'c [Candidate<'c>],
    keeps_preview: bool,
) -> Vec<Reading<'c>> {
    let mut freq_of: HashMap<(u16, u16), Option<(usize, usize)>> = HashMap::default();
    let mut spelt_of: HashMap<(u16, u16), u32> = HashMap::default();
    // The best reading of each wrong pair.
    let mut best: HashMap<(u16, u16), Reading<'c>> = HashMap::default();
    for cand in candidates {
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
                .filter(|&at| !meets_words(s, at))
                .count() as u32
        });
        if written_too_often(spelt, word.len) {
            continue;
        }
        let rare_word = common < MIN_WORD;
        let odds = odds(fw as f64, fa, fb);
        if odds < DEFAULT_ODDS
            || best
                .get(&(wrong.a, wrong.b))
                .is_some_and(|b| b.odds >= odds)
            || ((rare_word || (!keeps_preview && odds < ALONE_ODDS))
                && !pairs
                    .places(wrong)
                    .any(|at| supported(s, pairs, at, word, false)))
        {
            continue;
        }
        if s.dict_freq(wrong.a, wrong.b).is_some_and(|f| f >= MAX_PAIR) {
            continue;
        }
        let slot = best.entry((wrong.a, wrong.b)).or_insert(Reading {
            odds: f64::MIN,
            cand,
            rare_word: false,
            spelt,
        });
        if odds > slot.odds {
            *slot = Reading {
                odds,
                cand,
                rare_word,
                spelt,
            };
        }
    }
    let mut found: Vec<_> = best.into_values().collect();
    found.sort_by_key(|r| r.cand.wrong.first);
    found
}

/// Reports a reading against the document's own word at each place of its
/// wrong pair that the evidence lets through: whether it reported any.
fn report(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    units: &[TextUnit<'_>],
    s: &Sequence,
    pairs: &Pairs,
    reading: &Reading<'_>,
) -> bool {
    let Reading {
        odds,
        cand,
        rare_word,
        spelt,
    } = *reading;
    let keeps_preview = sink.keeps_preview();
    let ch = |id: u16| s.chars[usize::from(id)];
    let (wrong_run, word_run) = (cand.wrong, cand.word);
    if contracts(s, (wrong_run.a, wrong_run.b), (word_run.a, word_run.b)) {
        return false;
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
                    && cb(word_run.a, word_run.b).is_some_and(|w| known >= w + MISSPELT_GAP))
        })
    };
    // A reading that is not a default one is shown with --preview.
    let shown =
        |default: bool| default || (odds >= PREVIEW_ODDS && keeps_preview && !known_in_general);
    let (mut entry, mut phrase) = (None, None);
    // The character taken for the slip, and the one it stands for.
    let (slip, meant) = if ch(wrong_run.a) == ch(word_run.a) {
        (ch(wrong_run.b), ch(word_run.b))
    } else {
        (ch(wrong_run.a), ch(word_run.a))
    };
    // A pair read only because most of its places are words meeting
    // (国加: 中国加入 twice) is not read where they meet.
    let often = written_too_often(wrong_run.len, word_run.len);
    let mut reported = false;
    for place in pairs.places(wrong_run) {
        if beside_traditional(ctx, s, place) {
            continue;
        }
        let sup = supported(s, pairs, place, word_run, false);
        if rare_word && !sup {
            continue;
        }
        let default = word_run.len >= spelt && (sup || (odds >= ALONE_ODDS && !known_in_general));
        if !shown(default) {
            continue;
        }
        let (u, at) = s.place(units, place);
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
        let crossing = !sup && meets_words(s, place) && !corrected_likelier();
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
        let Some(between) = reads_as_slip(t, at, end, &word, sup, made_by_slip, corrected_likelier)
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
            && (supported(s, pairs, place, word_run, true)
                || (between
                    && !*entry.get_or_insert_with(|| words::is_word(&wrong))
                    && (sup
                        || !*phrase.get_or_insert_with(|| {
                            words::begins_longer(&wrong, MAX_PAIR)
                                || abbreviates(
                                    s,
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
        let (wu, wat) = s.place(units, word_run.first);
        let word_span = units[wu].text.span(wat, wat + word.len());
        let v = own_finding(span, default, cand, &wrong, &word, (slip, meant))
            .label(ctx.file, word_span, format!("此处写作{}", quote(&word)))
            .help(format!("改为{}", quote(&word)))
            .fix(Fix::replace(span, word.clone(), Applicability::Unsafe));
        sink.push(v);
        reported = true;
    }
    reported
}

/// The finding of a reading against the document's own word at `span`:
/// `slip` is the character taken for the slip, `meant` the one it stands
/// for; a reading that is not a default one is a preview one.
fn own_finding(
    span: crate::source::Span,
    default: bool,
    cand: &Candidate<'_>,
    wrong: &str,
    word: &str,
    (slip, meant): (char, char),
) -> Violation {
    if default {
        Violation::new(
            span,
            format!(
                "{}疑为{}之误（“{slip}”与“{meant}”{}），本文另有 {} 处{}",
                quote(wrong),
                quote(word),
                cand.confusion.name(),
                cand.word.len,
                quote(word)
            ),
        )
    } else {
        Violation::new(
            span,
            format!(
                "{}可能是{}之误（“{slip}”与“{meant}”{}，把握较低）",
                quote(wrong),
                quote(word),
                cand.confusion.name()
            ),
        )
        .preview()
    }
}
