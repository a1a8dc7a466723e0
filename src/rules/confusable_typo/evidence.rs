//! The evidence a reading is weighed with: from the document (where it
//! writes the word, the words around a pair, its contractions) and from
//! general usage (wordfreq's list, read by sound and shape).

use foldhash::HashMap;

use super::pairs::{pair_str, Pairs, Run, Sequence, URO};
use super::score::{
    far_likelier, odds, reads_as_slip, COMMON_BESIDE, COMMON_CHAR, COMMON_WORD, FREESTANDING,
    FUNCTION_WORD, GENERAL_ODDS, KNOWN_CB, LONE_PREDICATE, MAX_PAIR, MAX_WRONG, PREVIEW_ODDS,
};
use crate::cjk::is_numeral_char;
use crate::diagnostic::{Applicability, Fix};
use crate::extract::TextUnit;
use crate::lexicon::{words, Confusables, Confusion, MAX_SHAPE_GROUPS};
use crate::rules::{quote, Context, Sink, Violation};

/// How each ideograph of the document can be confused: the id of its
/// reading ([`ReadingIds`], 0 for a numeral) and its look-alike groups
/// (group number + 1), 0 for none: all
/// of them (监 is in five, 村 of 寸守付…才 in three; the loader allows
/// no more than `MAX_SHAPE_GROUPS`).
pub(super) struct Likeness {
    pub(super) reading: Vec<u16>,
    pub(super) shape: Vec<[u16; MAX_SHAPE_GROUPS]>,
}

impl Likeness {
    pub(super) fn build(
        s: &Sequence,
        confusables: &Confusables,
        readings: &mut ReadingIds,
    ) -> Likeness {
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

/// Readings against general usage (wordfreq's list, `lexicon::general`):
/// a pair that is no word, one substitution from a word common in general
/// text, whether or not the document writes that word. In the preview
/// tier, but for slips of sound with the strongest evidence (odds and
/// sentence gain of e⁸, a pair general usage never writes), which are
/// default ones. Pairs already reported against the document's words are
/// in `read`.
#[allow(clippy::too_many_arguments)]
pub(super) fn general_readings(
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
        let excluded = |c: char| is_excluded(ctx, c);
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
        let fw = (words::lookup(&word).unwrap_or(0) as f64)
            .max(general::expected_count(cb, words::total()));
        let odds = odds(
            fw,
            single[usize::from(wrong.a)].0,
            single[usize::from(wrong.b)].0,
        );
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
pub(super) struct ReadingIds {
    /// By code point from U+4E00; 0 not yet looked up, else the id + 1.
    ids: Vec<u16>,
    names: HashMap<&'static str, u16>,
}

impl ReadingIds {
    pub(super) fn of(&mut self, c: char) -> u16 {
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
pub(super) fn orphan(s: &Sequence, at: u32, is_word: impl Fn(char, char) -> bool) -> bool {
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

/// Whether a character of the pair at `at` makes a word with its outer
/// neighbour (府办 of 省政府办公厅: 政府), by `is_word`.
pub(super) fn crosses(s: &Sequence, at: u32, is_word: impl Fn(char, char) -> bool) -> bool {
    let q = &s.seq;
    let ch = |id: u16| s.chars[usize::from(id)];
    let at = at as usize;
    let (a, b) = (ch(q[at]), ch(q[at + 1]));
    (at >= 1 && s.is_han(q[at - 1]) && is_word(ch(q[at - 1]), a))
        || (at + 2 < q.len() && s.is_han(q[at + 2]) && is_word(b, ch(q[at + 2])))
}

/// Whether a character can be no part of a slip, nor of the word read:
/// a numeral, or a traditional character (W103 reports it).
pub(super) fn is_excluded(ctx: &Context<'_>, c: char) -> bool {
    is_numeral_char(c) || ctx.lexicon.variants.char(c).is_some()
}

/// A place is supported when the document writes the word elsewhere
/// with the same two characters before it or after it as here.
/// Strongly (`both`), when it writes them on both sides (试行股份制，
/// beside 试行股分制，).
pub(super) fn supported(s: &Sequence, pairs: &Pairs, at: u32, word: &Run, both: bool) -> bool {
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
}

/// Whether a form written `form` times beside a word written `word` times
/// is a spelling of its own: more than `MAX_WRONG` times, unless the word
/// is `COMMON_BESIDE` times as common.
pub(super) fn written_too_often(form: u32, word: u32) -> bool {
    form > MAX_WRONG && word < COMMON_BESIDE * form
}

/// Whether the pair at `at` has a traditional character beside it (國 of
/// 國家工業 for 家工): the dictionaries are of simplified text, so the
/// words around it cannot be told; W103 reports the character.
pub(super) fn beside_traditional(ctx: &Context<'_>, s: &Sequence, at: u32) -> bool {
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
pub(super) fn meets_words(s: &Sequence, at: u32) -> bool {
    crosses(s, at, |x, y| {
        words::lookup(pair_str(&mut [0; 8], x, y)).is_some_and(|f| f >= COMMON_WORD)
    })
}

/// Whether x + y is a word: in jieba's dictionary, or in general usage.
pub(super) fn is_word(x: char, y: char) -> bool {
    crate::lexicon::general::centibels(x, y).is_some_and(|cb| cb <= KNOWN_CB)
        || words::lookup(pair_str(&mut [0; 8], x, y)).is_some_and(|f| f >= MAX_PAIR)
}

/// Whether a word is read as a place: the stem of a division (酒泉) that
/// is not first a common word of another kind (合作 of 合作市, 资源 of
/// 资源县). Loads the gazetteer: asked last, of what would be reported.
pub(super) fn is_place(ctx: &Context<'_>, word: &str) -> bool {
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
pub(super) fn abbreviates(s: &Sequence, (a, b): (u16, u16), word: (u16, u16)) -> bool {
    two_words_from(s, a, |w| {
        (w[2] == b || w[3] == b) && (w[0], w[1]) != word && (w[2], w[3]) != word
    })
}

/// Whether the document writes, at a place of ideograph `a`, four
/// characters that `fits` and that are two two-character dictionary words
/// (asked after `fits`, which is cheaper).
pub(super) fn two_words_from(s: &Sequence, a: u16, fits: impl Fn(&[u16]) -> bool) -> bool {
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
pub(super) fn contracts(s: &Sequence, (a, b): (u16, u16), word: (u16, u16)) -> bool {
    two_words_from(s, a, |w| {
        w[3] == b && ((w[0], w[1]) == word || (w[2], w[3]) == word)
    })
}

/// Whether the pair `t[a..b]` is coined in parallel with a two-character
/// word beside it that has the same character in the same place (细化实化,
/// 实化量化, 提标提效): a pattern of official style, not a slip.
pub(super) fn parallel(t: &str, words: &[(usize, usize)], a: usize, b: usize) -> bool {
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
pub(super) fn between_words(t: &str, cut: &[(usize, usize)], k: usize) -> bool {
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
