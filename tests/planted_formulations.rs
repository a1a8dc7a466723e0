//! Planted formulation slips (W106): slips of fixed formulations written
//! by script (fixed seed) into the seeds, the work reports of
//! `../shared/corpus` and the published plans of `../shared/plans`, where
//! those texts write a catalogued formulation. A plant is found when a
//! finding covers it (W106's, or contents-mismatch's for a plant in a
//! table of contents). Prints recall per kind and holds
//! each to a floor; findings of W106 away from the plants are counted too.
//!
//! Kinds, each an edit a drafter makes:
//! - numeral: a numeral of a formulation written as another word of the
//!   same value (两 → 二), or as the next value (三严三实 → 三严四实,
//!   四个意识 → 五个意识);
//! - character: a character of a formulation of five or more replaced by
//!   one that the ECSpell official-document development split
//!   (`../shared/benchmarks/ecspell/odw.train`, Lv et al. 2023) records
//!   typed for it — a published confusion set, independent of planlint's;
//! - order: two members of an enumeration of an ordered formulation
//!   swapped, or two parts of an ordered formulation (放管服 → 管放服);
//! - member: a member of such an enumeration replaced by a word of the same
//!   length that the text writes elsewhere (看齐意识 → 安全意识);
//! - dropped: a member removed from such an enumeration where the sentence
//!   names the formulation;
//! - head: a formulation's head word replaced by another formulation's
//!   (“五位一体”总体布局 → “五位一体”战略布局).
//!
//! Retired names of bodies (W107) are not planted: the dated texts name
//! a current body's full name twice in all, too few to measure.

mod common;

use std::collections::HashMap;

use common::Rng;
use planlint::lexicon::{words, Formula, Lexicon};
use planlint::source::{SourceFile, Span};
use planlint::Linter;

const NATIONAL: &str = include_str!("../seeds/national-fyp14-2021.txt");
const GANSU: &str = include_str!("../seeds/gansu-2021-93.txt");

/// Plants per kind and text at most.
const PER_TEXT: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Numeral,
    Character,
    Order,
    Member,
    Dropped,
    Head,
}

/// Dropped members are planted with replaced ones and counted as one
/// kind: the texts name a formulation beside its members too rarely
/// (once in the 34 texts) for a kind of their own.
const KINDS: [Kind; 5] = [
    Kind::Numeral,
    Kind::Character,
    Kind::Order,
    Kind::Member,
    Kind::Head,
];

/// One edit: `text[start..end]` becomes `with`.
#[derive(Debug, Clone)]
struct Plant {
    start: usize,
    end: usize,
    with: String,
    what: String,
}

/// The texts: the seeds, then the corpus and the plans when present (under
/// CI they must be).
fn texts() -> Vec<(String, String)> {
    let mut out = vec![
        ("national".to_owned(), NATIONAL.to_owned()),
        ("gansu".to_owned(), GANSU.to_owned()),
    ];
    for p in common::shared_texts() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, std::fs::read_to_string(&p).unwrap()));
    }
    out
}

/// Characters typed for a right one in the ECSpell development split: right
/// → wrong ones.
fn confusions() -> HashMap<char, Vec<char>> {
    let path = common::root().join("../shared/benchmarks/ecspell/odw.train");
    let Ok(text) = std::fs::read_to_string(&path) else {
        common::skipped("../shared/benchmarks/ecspell/odw.train not found");
        return HashMap::new();
    };
    common::ecspell_confusions(&text)
}

const DETECTED: &[&str] = &["formulation", "principle", "slogan", "policy", "campaign"];

fn value(c: char) -> Option<u32> {
    planlint::cjk::digit_value(c)
}

/// Enumerations of an ordered formulation's members as the text writes
/// them: (formula, byte range of each member).
fn enumerations(text: &str, formulas: &[Formula]) -> Vec<(usize, Vec<(usize, usize)>)> {
    let mut out = Vec::new();
    for (i, f) in formulas.iter().enumerate() {
        if !f.ordered || f.members.len() < 3 {
            continue;
        }
        let n = f.members.len();
        for last in ["、", "和"] {
            let mut joined = f.members[..n - 1].join("、");
            joined.push_str(last);
            joined.push_str(&f.members[n - 1]);
            for (at, _) in text.match_indices(joined.as_str()) {
                let mut ranges = Vec::new();
                let mut pos = at;
                for (k, m) in f.members.iter().enumerate() {
                    ranges.push((pos, pos + m.len()));
                    pos += m.len() + if k + 2 == n { last.len() } else { "、".len() };
                }
                out.push((i, ranges));
            }
        }
    }
    out
}

/// The sentence around byte `at`.
fn sentence(text: &str, at: usize) -> (usize, usize) {
    let ends = ['。', '；', '！', '？', '\n'];
    let s = text[..at]
        .rfind(ends)
        .map_or(0, |i| i + text[i..].chars().next().unwrap().len_utf8());
    let e = text[at..].find(ends).map_or(text.len(), |i| at + i);
    (s, e)
}

/// Every plant of `kind` the text offers.
fn candidates(
    kind: Kind,
    text: &str,
    lexicon: &Lexicon,
    confusions: &HashMap<char, Vec<char>>,
    rng: &mut Rng,
) -> Vec<Plant> {
    let formulas = &lexicon.formulas.formulas;
    let index = lexicon.formula_index();
    let mut out = Vec::new();
    match kind {
        Kind::Numeral | Kind::Character => {
            for (s, e, fi) in index.exact_matches(text) {
                let f = &formulas[fi];
                if !DETECTED.contains(&f.kind.as_str()) || text[s..e].chars().count() < 4 {
                    continue;
                }
                let chars: Vec<(usize, char)> = text[s..e].char_indices().collect();
                if kind == Kind::Character && chars.len() < 5 {
                    continue;
                }
                let numerals = chars.iter().filter(|c| value(c.1).is_some()).count();
                // The numerals that count: the first character of the
                // text and of each part (五位一体: 五, 一; not the 一 of 统一).
                let counting: Vec<usize> = if f.parts.is_empty() {
                    vec![0]
                } else {
                    f.parts
                        .iter()
                        .filter_map(|p| f.text.find(p.as_str()))
                        .collect()
                };
                let counts = f.count.is_some() || !f.part_counts.is_empty();
                let sites: Vec<(usize, char)> = chars
                    .iter()
                    .filter_map(|&(k, c)| {
                        let with = match kind {
                            Kind::Numeral
                                if !counts || text[s..e] != f.text || !counting.contains(&k) =>
                            {
                                return None
                            }
                            Kind::Numeral => match (c, value(c)) {
                                ('两', _) => '二',
                                ('二', _) if numerals >= 2 => '两',
                                (_, Some(v)) if (1..9).contains(&v) => {
                                    "〇一二三四五六七八九".chars().nth(v as usize + 1).unwrap()
                                }
                                _ => return None,
                            },
                            _ => {
                                let wrong = confusions.get(&c)?;
                                if value(c).is_some() {
                                    return None;
                                }
                                wrong[rng.below(wrong.len())]
                            }
                        };
                        Some((s + k, with))
                    })
                    .collect();
                if sites.is_empty() {
                    continue;
                }
                let (at, with) = sites[rng.below(sites.len())];
                let c = text[at..].chars().next().unwrap();
                out.push(Plant {
                    start: at,
                    end: at + c.len_utf8(),
                    with: with.to_string(),
                    what: format!("{} {c}→{with}", &text[s..e]),
                });
            }
        }
        Kind::Order => {
            for (fi, ranges) in enumerations(text, formulas) {
                let k = rng.below(ranges.len() - 1);
                let (a, b) = (ranges[k], ranges[k + 1]);
                let with = format!("{}{}{}", &text[b.0..b.1], &text[a.1..b.0], &text[a.0..a.1]);
                out.push(Plant {
                    start: a.0,
                    end: b.1,
                    with,
                    what: format!("{} members {k} and {}", formulas[fi].text, k + 1),
                });
            }
            for (s, e, fi) in index.exact_matches(text) {
                let f = &formulas[fi];
                if !f.ordered || text[s..e] != f.text {
                    continue;
                }
                let Some(units) = f.order_units() else {
                    continue;
                };
                let k = rng.below(units.len() - 1);
                let mut u = units.clone();
                u.swap(k, k + 1);
                out.push(Plant {
                    start: s,
                    end: e,
                    with: u.concat(),
                    what: format!("{} → {}", f.text, u.concat()),
                });
            }
        }
        Kind::Member => {
            // Words of the text, by length in characters.
            let mut by_len: HashMap<usize, Vec<&str>> = HashMap::new();
            for (s, e) in words::words(text) {
                let w = &text[s..e];
                if w.chars().all(planlint::cjk::is_han) {
                    by_len.entry(w.chars().count()).or_default().push(w);
                }
            }
            for (fi, ranges) in enumerations(text, formulas) {
                let f = &formulas[fi];
                let k = rng.below(ranges.len());
                let member = &f.members[k];
                let n = member.chars().count();
                // Members sharing an ending (意识) are replaced by a word of
                // the text with that ending.
                let suffix: String = {
                    let last: Vec<char> = member.chars().collect();
                    let shared = f
                        .members
                        .iter()
                        .map(|m| {
                            m.chars()
                                .rev()
                                .zip(last.iter().rev())
                                .take_while(|(a, b)| a == *b)
                                .count()
                        })
                        .min()
                        .unwrap_or(0);
                    last[last.len() - shared..].iter().collect()
                };
                let pool: Vec<String> = if suffix.is_empty() {
                    by_len
                        .get(&n)
                        .into_iter()
                        .flatten()
                        .map(|w| w.to_string())
                        .collect()
                } else {
                    let stem = n - suffix.chars().count();
                    by_len
                        .get(&stem)
                        .into_iter()
                        .flatten()
                        .map(|w| format!("{w}{suffix}"))
                        .filter(|w| text.contains(w.as_str()))
                        .collect()
                };
                let pool: Vec<&String> = pool.iter().filter(|w| !f.members.contains(w)).collect();
                if pool.is_empty() {
                    continue;
                }
                let with = pool[rng.below(pool.len())].clone();
                out.push(Plant {
                    start: ranges[k].0,
                    end: ranges[k].1,
                    what: format!("{} {member} → {with}", f.text),
                    with,
                });
            }
        }
        Kind::Dropped => {
            for (fi, ranges) in enumerations(text, formulas) {
                let f = &formulas[fi];
                let (ss, se) = sentence(text, ranges[0].0);
                let named = index.exact_matches(&text[ss..se]).iter().any(|m| m.2 == fi);
                if !named {
                    continue;
                }
                // A middle member and the 、 after it.
                let k = 1 + rng.below(ranges.len() - 2);
                out.push(Plant {
                    start: ranges[k].0,
                    end: ranges[k + 1].0,
                    with: String::new(),
                    what: format!("{} without {}", f.text, f.members[k]),
                });
            }
        }
        Kind::Head => {
            let heads: Vec<(usize, &String)> = formulas
                .iter()
                .enumerate()
                .flat_map(|(i, f)| f.heads.iter().map(move |h| (i, h)))
                .collect();
            for (s, e, fi) in index.exact_matches(text) {
                let f = &formulas[fi];
                let Some(head) = f.heads.first() else {
                    continue;
                };
                let after = e + if text[e..].starts_with('”') {
                    '”'.len_utf8()
                } else {
                    0
                };
                if !text[after..].starts_with(head.as_str()) {
                    continue;
                }
                let others: Vec<&String> = heads
                    .iter()
                    .filter(|(j, h)| *j != fi && !f.heads.contains(h))
                    .map(|x| x.1)
                    .collect();
                let with = others[rng.below(others.len())].clone();
                out.push(Plant {
                    start: after,
                    end: after + head.len(),
                    what: format!("{} {head} → {with}", &text[s..e]),
                    with,
                });
            }
        }
    }
    out
}

/// Up to `PER_TEXT` plants, apart from each other, in a random order.
fn choose(mut c: Vec<Plant>, rng: &mut Rng) -> Vec<Plant> {
    for i in (1..c.len()).rev() {
        c.swap(i, rng.below(i + 1));
    }
    let mut chosen: Vec<Plant> = Vec::new();
    for p in c {
        if chosen.len() == PER_TEXT {
            break;
        }
        if chosen
            .iter()
            .all(|q| p.end + 60 <= q.start || q.end + 60 <= p.start)
        {
            chosen.push(p);
        }
    }
    chosen.sort_by_key(|p| p.start);
    chosen
}

#[test]
fn planted_formulation_slips_are_found() {
    let linter = Linter::builtin().unwrap();
    let lexicon = Lexicon::builtin().unwrap();
    let confusions = confusions();
    let texts = texts();
    let show = std::env::var_os("PLANTED_SHOW").is_some();
    // (kind, floor in percent): measured 2026-12-07, floors just below.
    let floors = [
        (Kind::Numeral, 85),
        (Kind::Character, 90),
        (Kind::Order, 95),
        (Kind::Member, 85),
        (Kind::Head, 95),
    ];
    let mut report = String::new();
    let mut rng = Rng(0x0037_F0A1);
    for kind in KINDS {
        let (mut planted, mut found, mut extra) = (0, 0, 0);
        for (name, text) in &texts {
            let mut c = candidates(kind, text, &lexicon, &confusions, &mut rng);
            if kind == Kind::Member {
                c.extend(candidates(
                    Kind::Dropped,
                    text,
                    &lexicon,
                    &confusions,
                    &mut rng,
                ));
            }
            let plants = choose(c, &mut rng);
            if plants.is_empty() {
                continue;
            }
            // Apply from the end; map each plant to its span in the new text.
            let mut edited = text.clone();
            for p in plants.iter().rev() {
                edited.replace_range(p.start..p.end, &p.with);
            }
            let mut shift: isize = 0;
            let mut sites = Vec::new();
            for p in &plants {
                let start = (p.start as isize + shift) as usize;
                let end = start + p.with.len();
                sites.push(Span::new(start, end));
                shift += p.with.len() as isize - (p.end - p.start) as isize;
            }
            let diags = linter.lint_file(0, &SourceFile::from_text("plan.txt", edited.as_str()));
            let w106: Vec<_> = diags.iter().filter(|d| d.code == "W106").collect();
            for (p, site) in plants.iter().zip(&sites) {
                let hit = diags.iter().any(|d| {
                    d.span.start <= site.end.max(site.start + 1) && site.start <= d.span.end
                });
                planted += 1;
                found += hit as usize;
                if show {
                    let from =
                        planlint::cjk::floor_boundary(&edited, site.start.saturating_sub(24));
                    let to =
                        planlint::cjk::ceil_boundary(&edited, (site.end + 24).min(edited.len()));
                    let around = edited[from..to].replace('\n', "⏎");
                    println!("{kind:?} {name}: {} found={hit} [{around}]", p.what);
                }
            }
            for d in &w106 {
                let near = sites
                    .iter()
                    .any(|s| d.span.start <= s.end.max(s.start + 1) && s.start <= d.span.end);
                if !near {
                    extra += 1;
                    if show {
                        println!("{kind:?} {name}: extra {}", d.message);
                    }
                }
            }
        }
        let floor = floors.iter().find(|f| f.0 == kind).unwrap().1;
        assert!(planted >= 5, "{kind:?}: only {planted} planted\n{report}");
        let pct = 100 * found / planted;
        report += &format!(
            "{kind:?}: planted {planted}, found {found} ({pct} %), other findings {extra}\n"
        );
        assert!(pct >= floor, "{report}");
        assert_eq!(extra, 0, "{report}");
    }
    println!("{report}");
}
