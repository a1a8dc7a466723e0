//! W105 place-name: a name one sound-alike character away from
//! an administrative division the plan itself names (章掖 beside 张掖,
//! 甘诉省 beside 甘肃省).

use std::collections::HashMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::within_quotes;
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::{text_units, TextUnit};
use crate::lexicon::{pair_bit, reading, words, Confusion};

pub struct PlaceName;

static META: RuleMeta = RuleMeta {
    code: "W105",
    name: "place-name",
    category: Category::Words,
    summary: "A place name one sound-alike character away from a division the plan names (章掖 beside 张掖)",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    tier: Tier::Default,
    doc: r#"## What it checks
The divisions of `rules/names/divisions.txt` (民政部's code list of
provinces, prefectures and counties, 2024-12-31) that the plan names at
least twice by their stem (张掖 for 张掖市, 甘南 for 甘南藏族自治州), once at
least with the division word or in full (张掖市, 甘肃省, 香港特别行政区,
新疆维吾尔自治区: 新建 and 市中 are words far more often than the stems of
新建区 and 市中区); then
every place where the plan writes such a stem with one character replaced
by one of the same reading and tone (章掖, 甘诉: names are typed by pinyin;
look-alike characters gave false readings such as 拉配泉 for 酒泉), when
that form:

- is no dictionary word and no division's stem itself,
- is followed by a division word (事中区) when the stem is no dictionary
  word (市中 of 市中区): such a stem is a name only with it (事中事后),
- occurs at most twice,
- starts a word as the sentence is written (拉配泉 is a place of its own),
  is not part of a longer dictionary word, and the sentence read with the
  name in its place keeps the name whole,
- is not inside “” or 《》.

Divisions whose stem is a frequent word not tagged as a place name
(和平区, 开发区, 合作市) are not read as names.

Silent on the corpus, on 57 other official texts and on 31 provincial
government work reports. Its cost is one pass over the document for the
stems it names and one for their near forms, with the replacements drawn
from the document's own characters (a near form is found only where the
plan writes it): about 4 ms on a 200 KB plan, beside the other rules.

## Why it matters
A misspelt place name is an error of fact that readers notice at once,
and word lists cannot hold every name. The plan's own use of the name is
the evidence.

## Example
```bad
支持张掖、酒泉建设新能源基地，推动张掖市高质量发展，加快章掖市生态保护。
```

```good
支持张掖、酒泉建设新能源基地，推动张掖市高质量发展，加快张掖市生态保护。
```

## Fix safety
The fix writes the plan's own name; it is unsafe, since a different place
with a similar name could be meant.

## Options
None.
"#,
};

/// A division the plan names at least this often is its vocabulary.
const MIN_USES: u32 = 2;
/// The characters that end a division's name (张掖市, 甘肃省).
const DIVISION_WORDS: [char; 7] = ['省', '市', '县', '区', '州', '盟', '旗'];
/// A near form written more often is a name of its own.
const MAX_WRONG: usize = 2;
/// A stem that is a dictionary word this common, not tagged as a place
/// name, is read as that word (和平 7,998, 开发 10,022, 资源); jieba's
/// tags are loose (酒泉 n 208, 武威 nr 188), so rarer words count as names.
const COMMON_WORD: usize = 1000;

/// A Bloom filter of character pairs (see [`pair_bit`]).
struct PairBloom(Vec<u64>);

impl PairBloom {
    fn new() -> Self {
        PairBloom(vec![0; 1024])
    }
    fn insert(&mut self, a: char, b: char) {
        let i = pair_bit(a, b);
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn may_contain(&self, a: char, b: char) -> bool {
        let i = pair_bit(a, b);
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Calls `f(unit, byte offset, first char, second char)` for every pair of
/// adjacent characters whose first passes `first` and that `may` lets
/// through.
fn scan(
    units: &[TextUnit<'_>],
    first: impl Fn(char) -> bool,
    may: impl Fn(char, char) -> bool,
    mut f: impl FnMut(usize, usize, char, char),
) {
    for (u, unit) in units.iter().enumerate() {
        let mut prev: Option<(usize, char)> = None;
        for (i, c) in unit.text.text().char_indices() {
            if let Some((pi, pc)) = prev {
                if may(pc, c) {
                    f(u, pi, pc, c);
                }
            }
            prev = first(c).then_some((i, c));
        }
    }
}

/// A near form of a stem.
struct Variant<'g> {
    text: String,
    stem: &'g str,
    confusion: Confusion,
    wrong: char,
    right: char,
}

impl Rule for PlaceName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let g = &ctx.lexicon.gazetteer();
        let units: Vec<TextUnit<'_>> = text_units(ctx.document, &ctx.source.text).collect();

        // The stems the plan names, with their first place, and every
        // character it uses. A stem counts once the plan also writes it as a division (张掖市,
        // 甘肃省): 新建 and 市中 are words far more often than the stems of
        // 新建区 and 市中区.
        let mut present: HashMap<&str, (u32, bool, (usize, usize))> = HashMap::new();
        for (u, unit) in units.iter().enumerate() {
            let t = unit.text.text();
            // The previous character, when it may start a stem.
            let mut prev: Option<(usize, char)> = None;
            for (i, c) in t.char_indices() {
                if let Some((at, a)) = prev.filter(|&(_, a)| g.may_start(a, c)) {
                    for s in g.stems_from(a, c) {
                        if let Some(rest) = t[at..].strip_prefix(s) {
                            let e = present.entry(s).or_insert((0, false, (u, at)));
                            e.0 += 1;
                            e.1 |= rest.starts_with(DIVISION_WORDS)
                                || g.completes_name(s, rest)
                                || rest.chars().take(6).collect::<String>().contains("族自治");
                        }
                    }
                }
                prev = g.may_start_with(c).then_some((i, c));
            }
        }
        present.retain(|s, (n, named, _)| *n >= MIN_USES && *named && !common_word(s));
        if present.is_empty() {
            return;
        }
        // A near form is found only where the plan writes it, so its
        // replacement character is one of the plan's own characters.
        let by_reading = homophones(&units);

        // Near forms of the stems named, by their first two characters.
        let mut variants: HashMap<(char, char), Vec<Variant<'_>>> = HashMap::new();
        let mut bloom = PairBloom::new();
        let mut firsts = Box::<crate::cjk::CharSet>::default();
        for &s in present.keys() {
            let chars: Vec<char> = s.chars().collect();
            for (p, &right) in chars.iter().enumerate() {
                let sound = reading(right)
                    .and_then(|r| by_reading.get(r))
                    .into_iter()
                    .flatten()
                    .map(|&c| (c, Confusion::Sound));
                for (wrong, confusion) in sound {
                    if wrong == right {
                        continue;
                    }
                    let mut v = chars.clone();
                    v[p] = wrong;
                    let text: String = v.iter().collect();
                    if g.is_stem(&text) {
                        continue;
                    }
                    bloom.insert(v[0], v[1]);
                    firsts.insert(v[0]);
                    let list = variants.entry((v[0], v[1])).or_default();
                    if list.iter().all(|x| x.text != text) {
                        list.push(Variant {
                            text,
                            stem: s,
                            confusion,
                            wrong,
                            right,
                        });
                    }
                }
            }
        }

        // Where the plan writes them.
        let mut hits: HashMap<&str, Vec<(usize, usize, &Variant<'_>)>> = HashMap::new();
        scan(
            &units,
            |c| firsts.contains(c),
            |a, b| bloom.may_contain(a, b),
            |u, at, a, b| {
                let t = units[u].text.text();
                for v in variants.get(&(a, b)).into_iter().flatten() {
                    if t[at..].starts_with(&v.text) {
                        hits.entry(v.text.as_str()).or_default().push((u, at, v));
                    }
                }
            },
        );
        let mut found: Vec<_> = hits
            .into_values()
            .filter(|h| h.len() <= MAX_WRONG)
            .flatten()
            .collect();
        found.sort_by_key(|&(u, at, _)| (u, at));
        for (u, at, v) in found {
            if words::lookup(&v.text).is_some() {
                continue;
            }
            let unit = &units[u];
            let t = unit.text.text();
            let end = at + v.text.len();
            // A stem the dictionary does not know as a word (市中 of 市中区)
            // is a name only with its division word: 事中 alone is no slip.
            if words::lookup(v.stem).is_none() && !t[end..].starts_with(DIVISION_WORDS) {
                continue;
            }
            if !reads_as_name_slip(t, at, end, v.stem) {
                continue;
            }
            let (uses, _, (su, sat)) = present[v.stem];
            let span = unit.text.span(at, end);
            let stem_span = units[su].text.span(sat, sat + v.stem.len());
            sink.push(
                Violation::new(
                    span,
                    format!(
                        "{}疑为地名{}之误（“{}”与“{}”{}），本文另有 {uses} 处{}",
                        quote(&v.text),
                        quote(v.stem),
                        v.wrong,
                        v.right,
                        v.confusion.name(),
                        quote(v.stem)
                    ),
                )
                .label(ctx.file, stem_span, format!("此处写作{}", quote(v.stem)))
                .help(format!("改为{}", quote(v.stem)))
                .fix(Fix::replace(span, v.stem, Applicability::Unsafe)),
            );
        }
    }
}

/// Whether a stem is read as a common word rather than a place: a
/// frequent dictionary word that the dictionary does not tag as a place
/// name (和平, 开发, 合作).
fn common_word(s: &str) -> bool {
    words::lookup(s).is_some_and(|f| f >= COMMON_WORD) && words::tag(s) != Some("ns")
}

/// Whether the sentence reads as a slip in the name: as written, a word
/// starts at the near form (拉配泉 is a place of its own, not 配泉 after 拉)
/// and no dictionary word reaches past it (增长幅度 over 长幅); with the name
/// in its place, the name lies inside one word; and it is not inside “”
/// or 《》.
fn reads_as_name_slip(t: &str, at: usize, end: usize, name: &str) -> bool {
    let (s, e) = words::sentence_around(t, at, end, 60);
    if within_quotes(&t[s..at]) {
        return false;
    }
    let (a, b) = (at - s, end - s);
    let written = words::words(&t[s..e]);
    if !words::is_boundary(&written, a) {
        return false;
    }
    let beyond = written
        .iter()
        .filter(|w| w.0 < b && a < w.1 && (w.0 < a || w.1 > b))
        .any(|w| words::lookup(&t[s + w.0..s + w.1]).is_some());
    if beyond {
        return false;
    }
    words::corrected_keeps(t, (s, e), at, end, name)
}

/// The ideographs of the text by their reading: the sound-alike
/// replacements of a name's characters that can occur in it.
fn homophones(units: &[TextUnit<'_>]) -> HashMap<&'static str, Vec<char>> {
    let mut seen = Box::<crate::cjk::CharSet>::default();
    let mut m: HashMap<&'static str, Vec<char>> = HashMap::new();
    for c in units.iter().flat_map(|u| u.text.text().chars()) {
        if !crate::cjk::is_han(c) || crate::cjk::is_numeral_char(c) || seen.contains(c) {
            continue;
        }
        seen.insert(c);
        if let Some(r) = reading(c) {
            m.entry(r).or_default().push(c);
        }
    }
    m
}
