//! W201 name-drift: a proper name written in a near form once or twice
//! (内蚀合金 beside 耐蚀合金, 耨河 beside 藉河).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::is_han;
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::text_units;
use crate::lexicon::words;
use crate::literals::Literals;
use crate::rules::pack::kinds::may_match;
use crate::rules::pack::NAME_SUFFIXES;
use crate::source::Span;

pub struct NameDrift;

static META: RuleMeta = RuleMeta {
    code: "W201",
    name: "name-drift",
    category: Category::Words,
    summary: "A proper name written in a near form (内蚀合金 beside 耐蚀合金, 河西走廊经济区 beside 河西走廊经济带)",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
Names ending in a suffix of `rules/names.toml` are collected from the whole
file with jieba-rs word segmentation. Two names with the same suffix whose
stems differ in one character are compared, and one is reported as a drift
of the other only when the evidence is one-sided:

- technical terms (合金, 材料 …): the rare form's stem is not a word and the
  other's is (内蚀合金 against 耐蚀合金);
- organisations (集团, 公司, 大学 …): the other form is used at least three
  times as often, and the rare form's stem is not a word.

Region and zone names (the endings of `region-suffixes`: 经济带, 经济圈,
城市群 …) are compared by their ending: a place the plan names at most
twice with one ending and at least three times as often with another that
differs in one character (河西走廊经济区 beside 河西走廊经济带) has drifted.
The name is the shortest ending of the Han characters before the suffix
that starts a word of the sentence and names something: a division's stem
(兰州), a word the dictionary lacks, or three characters and more (旅游
alone does not make 河西走廊旅游经济带 and 大敦煌文化旅游经济圈 one place).
A mention listed beside items with its own last character (兰州高新区、
兰州经济区、白银高新区) is left alone.

Geographic and transport names (rivers, railways, counties) are built from
abbreviations that are rarely words (兰合铁路, 汭河), so they are not
compared at all; two real companies (酒钢集团, 首钢集团) are not flagged
either. For such names, list the right form as a `[[term]]` of the indicator
file, which W102 enforces.

## Why it matters
Names drift in drafting: a stem is mistyped once and the plan then names a
company, a material or a river that does not exist.

## Example
```bad
发展耐蚀合金产业，开发高温合金、内蚀合金等新材料。
```

```good
发展耐蚀合金产业，开发高温合金、耐蚀合金等新材料。
```

## Fix safety
The fix replaces the rare form with the common one; it is unsafe, since
either form may be the right one.

## Options
Name suffixes and non-stems are data in `rules/names.toml`.
"#,
};

/// One name found: its text and where it stands.
struct Found {
    name: String,
    span: Span,
}

/// How far around a suffix the sentence is segmented.
const CONTEXT_BYTES: usize = 60;
/// Longest stem read before a suffix.
const MAX_STEM_CHARS: usize = 4;

/// The stems (by suffix) that could pair with another stem differing in one
/// character, one of the two not a word, read without segmentation: the 2–4
/// Han characters before each suffix, in every length. Only matches with
/// such a stem are segmented; most plans have none, and then nothing is.
fn near_pair_stems(ctx: &Context<'_>, ac: &Literals) -> Stems {
    // Suffix → stem → how often it stands before the suffix.
    let mut seen: HashMap<usize, HashMap<String, usize>> = HashMap::new();
    // Suffix, blanked position, stem with that position blanked → stems.
    let mut buckets: HashMap<(usize, usize, String), Vec<String>> = HashMap::new();
    let may_match = may_match(ctx, NAME_SUFFIXES);
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        if !may_match(u, 0) {
            continue;
        }
        let t = unit.text.text();
        for m in ac.find_iter(t) {
            let suffix = m.pattern;
            for stem in raw_stems(t, m.start) {
                let counts = seen.entry(suffix).or_default();
                if let Some(n) = counts.get_mut(stem) {
                    *n += 1;
                    continue;
                }
                counts.insert(stem.to_owned(), 1);
                let stem = stem.to_owned();
                for (i, _) in stem.char_indices().enumerate() {
                    let key: String = stem
                        .chars()
                        .enumerate()
                        .map(|(k, c)| if k == i { '\u{0}' } else { c })
                        .collect();
                    buckets
                        .entry((suffix, i, key))
                        .or_default()
                        .push(stem.clone());
                }
            }
        }
    }
    // Only a pair that `check` could report is segmented. A segmented stem
    // is one of these raw stems, and occurs at most as often: a term's
    // drift is a non-word beside a word (not 新型/新兴, both words; not
    // 展新/属新 of 发展新材料/金属新材料, both non-words); an
    // organisation's is a non-word beside a stem seen at least three times.
    let terms = ctx.lexicon.names.term_suffixes.len();
    let mut out = Stems::new();
    for ((suffix, _, _), stems) in buckets {
        let count = |s: &String| seen[&suffix][s];
        for (k, a) in stems.iter().enumerate() {
            for b in &stems[k + 1..] {
                let pair = if suffix < terms {
                    words::is_word(a) != words::is_word(b)
                } else {
                    (!words::is_word(a) && count(b) >= 3) || (!words::is_word(b) && count(a) >= 3)
                };
                if pair {
                    let stems = out.entry(suffix).or_default();
                    stems.insert(a.clone());
                    stems.insert(b.clone());
                }
            }
        }
    }
    out
}

/// Stems by suffix (the suffix's index in the suffix set).
type Stems = HashMap<usize, HashSet<String>>;

fn has(stems: &Stems, suffix: usize, stem: &str) -> bool {
    stems.get(&suffix).is_some_and(|s| s.contains(stem))
}

/// The last 2, 3 and 4 characters before `at`, where they are all Han.
fn raw_stems(t: &str, at: usize) -> impl Iterator<Item = &str> {
    t[..at]
        .char_indices()
        .rev()
        .take(MAX_STEM_CHARS)
        .take_while(|&(_, c)| is_han(c))
        .skip(1)
        .map(move |(k, _)| &t[k..at])
}

fn names(ctx: &Context<'_>) -> Vec<Found> {
    let data = &ctx.lexicon.names;
    let ac = data.suffixes();
    let candidates = near_pair_stems(ctx, ac);
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let may_match = may_match(ctx, NAME_SUFFIXES);
    for (u, unit) in text_units(ctx.document, &ctx.source.text).enumerate() {
        if !may_match(u, 0) {
            continue;
        }
        let t = unit.text.text();
        // Matches in one sentence share its segmentation.
        type Segmented = ((usize, usize), Vec<(usize, usize)>);
        let mut last: Option<Segmented> = None;
        for m in ac.find_iter(t) {
            let suffix = m.pattern;
            if !raw_stems(t, m.start).any(|stem| has(&candidates, suffix, stem)) {
                continue;
            }
            let (a, b) = words::sentence_around(t, m.start, m.end, CONTEXT_BYTES);
            if last.as_ref().is_none_or(|(r, _)| *r != (a, b)) {
                let ws = words::words(&t[a..b])
                    .into_iter()
                    .map(|(x, y)| (x + a, y + a))
                    .collect();
                last = Some(((a, b), ws));
            }
            let ws = &last.as_ref().expect("set above").1;
            // The word holding the suffix: it either ends with it, or the
            // suffix starts it (合金 of 合金材料) or is it.
            let Some(k) = ws.iter().position(|w| w.0 <= m.start && m.start < w.1) else {
                continue;
            };
            let (start, end) = if ws[k].0 < m.start && ws[k].1 == m.end {
                (ws[k].0, m.end)
            } else if ws[k].0 == m.start && k > 0 {
                (ws[k - 1].0, m.end)
            } else {
                continue;
            };
            let stem = &t[start..m.start];
            let chars = stem.chars().count();
            let plain = stem
                .chars()
                .all(|c| is_han(c) && !crate::cjk::is_numeral_char(c));
            if !(2..=MAX_STEM_CHARS).contains(&chars)
                || !plain
                || data.not_stems.iter().any(|n| stem.starts_with(n.as_str()))
            {
                continue;
            }
            out.push(Found {
                name: t[start..end].to_owned(),
                span: unit.text.span(start, end),
            });
        }
    }
    out
}

impl Rule for NameDrift {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        region_drift(ctx, sink);
        let found = names(ctx);
        // name → occurrences, in text order.
        let mut by_name: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
        for f in &found {
            by_name.entry(f.name.as_str()).or_default().push(f.span);
        }
        for spans in by_name.values_mut() {
            spans.sort_unstable();
            spans.dedup();
        }
        let data = &ctx.lexicon.names;
        let suffix_of = |n: &str| {
            data.term_suffixes
                .iter()
                .map(|s| (s, true))
                .chain(data.organisation_suffixes.iter().map(|s| (s, false)))
                .filter(|(s, _)| n.ends_with(s.as_str()))
                .max_by_key(|(s, _)| s.len())
                .map(|(s, term)| (s.clone(), term))
        };
        let names: Vec<&str> = by_name.keys().copied().collect();
        for &rare in &names {
            let Some((suffix, term)) = suffix_of(rare) else {
                continue;
            };
            let stem = &rare[..rare.len() - suffix.len()];
            if words::is_word(stem) {
                continue; // a real word is never the drift
            }
            let stem_chars: Vec<char> = stem.chars().collect();
            let mut best: Option<(&str, usize)> = None;
            for &other in names.iter().filter(|&&o| o != rare && o.ends_with(&suffix)) {
                let other_stem = &other[..other.len() - suffix.len()];
                let other_chars: Vec<char> = other_stem.chars().collect();
                if other_chars.len() != stem_chars.len()
                    || (0..stem_chars.len())
                        .filter(|&i| stem_chars[i] != other_chars[i])
                        .count()
                        != 1
                {
                    continue;
                }
                let (n_rare, n_other) = (by_name[rare].len(), by_name[other].len());
                let drift = if term {
                    words::is_word(other_stem) && n_rare <= n_other
                } else {
                    n_other >= 3 && n_other >= 3 * n_rare
                };
                let weight = n_other * 1000 + words::frequency(other_stem);
                if drift && best.is_none_or(|(_, w)| weight > w) {
                    best = Some((other, weight));
                }
            }
            let Some((other, _)) = best else { continue };
            let first_other = by_name[other][0];
            for &span in &by_name[rare] {
                sink.push(
                    Violation::new(
                        span,
                        format!("{}疑为{}之误：两处名称只差一字", quote(rare), quote(other)),
                    )
                    .label(
                        ctx.file,
                        first_other,
                        format!("本文件 {} 处写作{}", by_name[other].len(), quote(other)),
                    )
                    .help(format!("核对名称，统一为{}", quote(other)))
                    .fix(Fix::replace(span, other, Applicability::Unsafe)),
                );
            }
        }
    }
}

/// Characters of a place's name read before a region suffix: enough to
/// tell 河西走廊 from 兰州 without segmenting.
const REGION_STEM_CHARS: usize = 4;

/// One mention of a region name: the up to four Han characters before
/// the suffix, and where the mention (those characters and the suffix)
/// stands.
struct RegionMention {
    stem: String,
    /// The text unit, and where the suffix starts and ends in it.
    unit: usize,
    suffix_at: usize,
    end: usize,
}

/// Whether the mention is an item of a list (、 和 及) whose other items end
/// as it does: 兰州高新区、兰州经济区、白银高新区 names three zones, and its
/// 区 is theirs, not a slip for 兰州经济圈.
fn listed_with_same_ending(text: &str, from: usize, to: usize, suffix: &str) -> bool {
    let Some(last) = suffix.chars().last() else {
        return false;
    };
    let ends = ['，', '。', '；', '：', '\n', '（', '）'];
    let start = text[..from].rfind(ends).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[to..].find(ends).map_or(text.len(), |i| to + i);
    let items =
        |s: &str| -> Vec<String> { s.split(['、', '和', '及']).map(str::to_owned).collect() };
    let (before, after) = (&text[start..from], &text[to..end]);
    let mut others = items(before);
    others.pop(); // the text just before the mention belongs to it
    let mut rest = items(after);
    if !rest.is_empty() {
        rest.remove(0); // what follows the mention up to the next mark
    }
    let touches = before.ends_with(['、', '和', '及']) || after.starts_with(['、', '和', '及']);
    touches
        && others
            .iter()
            .chain(&rest)
            .any(|item| item.trim().ends_with(last))
}

/// A place named with two region suffixes that differ in one character
/// (河西走廊经济区 once beside 河西走廊经济带 three times): one pass over the
/// text for the suffixes, each keyed by the two Han characters before it
/// (a place's name ends there whatever precedes it: 推进兰州经济圈,
/// 、兰州经济圈).
fn region_drift(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let data = &ctx.lexicon.names;
    let suffixes = data.regions();
    // (last two characters of the stem, suffix index) → mentions.
    let mut forms: BTreeMap<(String, usize), Vec<RegionMention>> = BTreeMap::new();
    let units: Vec<_> = text_units(ctx.document, &ctx.source.text).collect();
    for (u, unit) in units.iter().enumerate() {
        let t = unit.text.text();
        for m in suffixes.find_iter(t) {
            let before: Vec<usize> = t[..m.start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_han(c))
                .take(REGION_STEM_CHARS)
                .map(|(i, _)| i)
                .collect();
            if before.len() < 2 {
                continue;
            }
            let key = t[before[1]..m.start].to_owned();
            let stem_start = *before.last().unwrap_or(&m.start);
            forms
                .entry((key, m.pattern))
                .or_default()
                .push(RegionMention {
                    stem: t[stem_start..m.start].to_owned(),
                    unit: u,
                    suffix_at: m.start,
                    end: m.end,
                });
        }
    }
    let near = |a: &str, b: &str| {
        a.chars().count() == b.chars().count()
            && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1
    };
    for ((key, i), group) in &forms {
        let suffix = &data.region_suffixes[*i];
        // The other forms of names ending in the same two characters.
        let others: Vec<(&String, &Vec<RegionMention>)> = forms
            .range((key.clone(), 0)..)
            .take_while(|((k, _), _)| k == key)
            .filter(|((_, j), o)| j != i && near(suffix, &data.region_suffixes[*j]) && o.len() >= 3)
            .map(|((_, j), o)| (&data.region_suffixes[*j], o))
            .collect();
        if others.is_empty() {
            continue;
        }
        // A mention whose whole stem the group writes more than twice can
        // never be the rare form (its name, an ending of the stem, is
        // written at least as often): skipped before any segmentation, so
        // a plan repeated a hundred times costs one pass.
        let mut same_stem: HashMap<&str, usize> = HashMap::new();
        for r in group {
            *same_stem.entry(r.stem.as_str()).or_default() += 1;
        }
        for r in group.iter().filter(|r| same_stem[r.stem.as_str()] <= 2) {
            // The name: the shortest ending of the stem, held by at least
            // three mentions of another form, that starts a word of the
            // sentence (兰州 of 推进兰州, not 进兰州) and names something.
            // Two characters that are a common word (旅游 of 河西走廊旅游经济带
            // and 大敦煌文化旅游经济圈) do not make one name; a place's stem
            // (兰州) or a name the dictionary lacks does.
            let t = units[r.unit].text.text();
            let stem_start = r.suffix_at - r.stem.len();
            let (s, e) = words::sentence_around(t, stem_start, r.end, CONTEXT_BYTES);
            let starts: Vec<usize> = words::words(&t[s..e]).iter().map(|w| s + w.0).collect();
            let named = |name: &str| {
                name.chars().count() >= 3
                    || ctx.lexicon.gazetteer().is_stem(name)
                    || !words::is_word(name)
            };
            let ends_with = |ms: &[RegionMention], name: &str| {
                ms.iter().filter(|m| m.stem.ends_with(name)).count()
            };
            let found =
                r.stem
                    .char_indices()
                    .rev()
                    .map(|(i, _)| &r.stem[i..])
                    .skip(1)
                    .filter(|n| starts.contains(&(stem_start + r.stem.len() - n.len())) && named(n))
                    .find_map(|name| {
                        // Written at most twice, beside a form written at least
                        // three times as often: the name the plan means.
                        let n_rare = ends_with(group, name);
                        let (common_suffix, common) = others
                            .iter()
                            .map(|(sfx, o)| {
                                (
                                    *sfx,
                                    o.iter()
                                        .filter(|m| m.stem.ends_with(name))
                                        .collect::<Vec<_>>(),
                                )
                            })
                            .max_by_key(|(_, o)| o.len())?;
                        (n_rare <= 2 && common.len() >= 3 && common.len() >= 3 * n_rare)
                            .then_some((name, common_suffix, common))
                    });
            let Some((name, common_suffix, common)) = found else {
                continue;
            };
            if listed_with_same_ending(t, r.suffix_at - name.len(), r.end, suffix) {
                continue;
            }
            let tail = name.len();
            let span = units[r.unit].text.span(r.suffix_at - tail, r.end);
            let (wrong, right) = (format!("{name}{suffix}"), format!("{name}{common_suffix}"));
            sink.push(
                Violation::new(
                    span,
                    format!(
                        "{}疑为{}之误：同一地区名称的后缀不一",
                        quote(&wrong),
                        quote(&right)
                    ),
                )
                .label(
                    ctx.file,
                    units[common[0].unit]
                        .text
                        .span(common[0].suffix_at - tail, common[0].end),
                    format!("本文件 {} 处写作{}", common.len(), quote(&right)),
                )
                .help(format!("核对名称，统一为{}", quote(&right)))
                .fix(Fix::replace(span, right.clone(), Applicability::Unsafe)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::Facts;
    use crate::lexicon::Lexicon;
    use crate::rules::pack::Packs;
    use crate::source::SourceFile;

    fn possible(text: &str) -> Vec<String> {
        let lexicon = Lexicon::builtin().unwrap();
        let packs = Packs::builtin().unwrap();
        let src = SourceFile::from_text("t", text);
        let doc = Document::parse(&src);
        let facts = Facts::new(&src, &doc, &lexicon);
        let ctx = Context::new(
            0,
            &src,
            &doc,
            &facts,
            &lexicon,
            &packs,
            None,
            Default::default(),
        );
        let stems = near_pair_stems(&ctx, lexicon.names.suffixes());
        let mut stems: Vec<String> = stems.into_values().flatten().collect();
        stems.sort();
        stems
    }

    #[test]
    fn near_pairs_are_found_without_segmentation() {
        assert!(possible("支持酒钢集团发展，开发高温合金。").is_empty());
        // Only the stems that pair are candidates, not 高温 (no partner).
        assert_eq!(
            possible("发展耐蚀合金产业，开发内蚀合金和高温合金。"),
            ["内蚀", "耐蚀"]
        );
    }
}
