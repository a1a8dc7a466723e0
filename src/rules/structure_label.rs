//! C101 structure-label: mentions of one spatial structure (一核两极四带) that
//! disagree on a count or on the numeral's form.

use std::collections::BTreeMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::{Count, StructureMention, StructurePart};
use crate::source::Span;

pub struct StructureLabel;

static META: RuleMeta = RuleMeta {
    code: "C101",
    name: "structure-label",
    category: Category::Consistency,
    summary: "Mentions of one spatial structure (一核两极四带) disagree on a count or numeral form",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
A plan names its spatial structure with a label of counted parts: 一核两极四带,
“一核牵引、两极并进、四带联动”, “一轴、四圈、多点”, 一带一圈多增长极. Every
mention of the same structure within one plan (the same nouns in the same
order, 核 极 带) must agree:

- a part counted differently (三极 against 两极) is an error, with both places
  labelled;
- the same count written with another numeral (二极 against 两极) is a warning
  that suggests the form the plan uses most;
- 多 against a definite number (多点 against 三点) is a warning.

A quotation that names one part alone (“两极”是指……) is held to the structure
when exactly one structure of the plan has that part; the members it lists
(“两极”是指定西市和临夏州, “三横”为陆桥通道、沿江通道和沪昆通道) must be as
many as its count (an error otherwise; a list with 等 is not counted). Labels are read inside
quotation marks, and without them when every noun is a known label noun
(`rules/labels.toml`).

## Why it matters
The label is the plan's summary of itself. A figure drawn as 一核二极四带 beside
text that says 两极, or a chapter that says 三带 where the overview says 四带,
is the kind of slip that reaches print because nobody reads the caption
against the text.

## Example
```bad
推动形成“一核牵引、两极并进、四带联动”的新格局。“两极”是指定西市和临夏州。

图1 兰州经济圈“一核二极四带”的基本格局
```

```good
推动形成“一核牵引、两极并进、四带联动”的新格局。“两极”是指定西市和临夏州。

图1 兰州经济圈“一核两极四带”的基本格局
```

## Fix safety
A different numeral form gets a fix to the plan's majority form. It is unsafe:
the label is a name inside quotation marks, and the editor may prefer to change
the other mentions instead. A different count has no fix: only the editor knows
which count is right.

## Options
None yet.
"#,
};

impl Rule for StructureLabel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let canonical = canonical_structures(ctx);
        for ((plan, keys, index), parts) in part_groups(ctx.facts.structures()) {
            match canonical.iter().find(|c| c.plan == plan && c.keys == keys) {
                Some(c) => check_against_canonical(ctx, sink, c, index, &parts),
                None => check_part(ctx, sink, &parts),
            }
        }
        check_members(ctx, sink);
        if let Some(ind) = ctx.indicators {
            for c in &canonical {
                let s = &ind.structures[c.structure];
                for (drawn, span) in &s.figure_labels {
                    check_drawn(ctx, sink, c, drawn, *span);
                }
                if let Some((english, span)) = &s.english {
                    check_english(ctx, sink, c, english, *span);
                }
            }
        }
    }
}

/// A structure of the indicator file, read, with the plan it belongs to.
struct Canonical {
    /// Index in the file's structures.
    structure: usize,
    /// The plan of the text whose region the structure belongs to
    /// (`usize::MAX` when no plan of the text is about that region).
    plan: usize,
    keys: Vec<char>,
    parts: Vec<(Count, String, String)>,
}

fn canonical_structures(ctx: &Context<'_>) -> Vec<Canonical> {
    let Some(ind) = ctx.indicators else {
        return Vec::new();
    };
    let regions = &ctx.facts.quantities().regions;
    ind.structures
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let parts = crate::extract::structure::parse(&s.label, &ctx.lexicon.labels)?;
            let plan = regions
                .iter()
                .position(|r| r.name.as_deref().and_then(|n| ind.region_named(n)) == Some(s.region))
                .unwrap_or(usize::MAX);
            Some(Canonical {
                structure: i,
                plan,
                keys: parts
                    .iter()
                    .map(|p| p.2.chars().next().unwrap_or_default())
                    .collect(),
                parts,
            })
        })
        .collect()
}

/// Mentions of a part held to the indicator file's label instead of to the
/// plan's majority.
fn check_against_canonical(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    c: &Canonical,
    index: usize,
    entries: &[Entry<'_>],
) {
    let Some(ind) = ctx.indicators else { return };
    let s = &ind.structures[c.structure];
    let (count, numeral, noun) = &c.parts[index];
    let want = format!("{numeral}{}", noun.chars().next().unwrap_or_default());
    for e in entries {
        if e.part.count != *count {
            let definite = matches!((e.part.count, count), (Count::Exact(_), Count::Exact(_)));
            let mut v = Violation::new(
                e.part.span,
                format!(
                    "{}与指标文件的{}不符（应为{}）",
                    quote(&part_text(e.part)),
                    quote(&s.label),
                    quote(&want)
                ),
            )
            .label(ind.file, s.label_span, "指标文件")
            .help(format!("核对{}与指标文件", quote(&e.mention.text)));
            if !definite {
                v = v.severity(Severity::Warning);
            }
            sink.push(v);
        } else if e.part.numeral != *numeral {
            sink.push(
                Violation::new(
                    e.part.span,
                    format!(
                        "{}与指标文件的{}写法不一致",
                        quote(&part_text(e.part)),
                        quote(&s.label)
                    ),
                )
                .label(ind.file, s.label_span, "指标文件")
                .help(format!("统一写作“{numeral}{}”", e.part.noun))
                .fix(Fix::replace(
                    e.part.numeral_span,
                    numeral.clone(),
                    Applicability::Unsafe,
                ))
                .severity(Severity::Warning),
            );
        }
    }
}

/// A label as drawn on a figure (`figure_labels`), held to the file's label.
fn check_drawn(ctx: &Context<'_>, sink: &mut Sink<'_>, c: &Canonical, drawn: &str, span: Span) {
    let Some(ind) = ctx.indicators else { return };
    let s = &ind.structures[c.structure];
    let figure = s.figure.as_deref().unwrap_or("图");
    let Some(parts) = crate::extract::structure::parse(drawn, &ctx.lexicon.labels) else {
        sink.push(
            Violation::new(
                span,
                format!("{}上标注的{}不是空间结构提法", figure, quote(drawn)),
            )
            .in_file(ind.file)
            .label(ind.file, s.label_span, "指标文件的提法"),
        );
        return;
    };
    let same_nouns = parts.len() == c.parts.len()
        && parts
            .iter()
            .zip(&c.parts)
            .all(|(a, b)| a.2.chars().next() == b.2.chars().next());
    let same_counts = same_nouns && parts.iter().zip(&c.parts).all(|(a, b)| a.0 == b.0);
    let same_forms = same_counts && parts.iter().zip(&c.parts).all(|(a, b)| a.1 == b.1);
    if same_forms {
        return;
    }
    let mut v = Violation::new(
        span,
        format!(
            "{figure}上标注的{}与{}不一致",
            quote(drawn),
            quote(&s.label)
        ),
    )
    .in_file(ind.file)
    .label(ind.file, s.label_span, "规划的提法")
    .help(format!("把{figure}上的标注改为{}", quote(&s.label)));
    if same_counts {
        v = v.severity(Severity::Warning);
    }
    sink.push(v);
}

/// English numerals of structure labels.
fn english_count(word: &str) -> Option<Count> {
    Some(match word {
        "a" | "an" | "one" | "single" => Count::Exact(1),
        "two" | "dual" | "twin" | "double" => Count::Exact(2),
        "three" | "triple" => Count::Exact(3),
        "four" => Count::Exact(4),
        "five" => Count::Exact(5),
        "six" => Count::Exact(6),
        "seven" => Count::Exact(7),
        "eight" => Count::Exact(8),
        "nine" => Count::Exact(9),
        "ten" => Count::Exact(10),
        "multiple" | "several" | "many" | "numerous" | "multi" | "various" => Count::Many,
        _ => return None,
    })
}

/// The singular of an English noun of the glossary: poles → pole, axes → axis.
fn singular(word: &str) -> String {
    match word {
        "axes" => "axis".to_owned(),
        "centres" => "centre".to_owned(),
        "centers" => "center".to_owned(),
        _ => word
            .strip_suffix("ies")
            .map(|b| format!("{b}y"))
            .or_else(|| {
                word.strip_suffix('s')
                    .filter(|b| !b.ends_with('s'))
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| word.to_owned()),
    }
}

/// The English label (`english`) held to the Chinese one, part by part:
/// "one core, two poles and four belts" for 一核两极四带.
fn check_english(ctx: &Context<'_>, sink: &mut Sink<'_>, c: &Canonical, english: &str, span: Span) {
    let Some(ind) = ctx.indicators else { return };
    let s = &ind.structures[c.structure];
    let lower = english.to_lowercase();
    let pieces: Vec<&str> = lower
        .split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty())
        .collect();
    let mut problems = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        let words: Vec<&str> = piece
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        let Some(count) = english_count(first) else {
            problems.push(format!("“{piece}”没有数词"));
            continue;
        };
        let Some((want_count, numeral, noun)) = c.parts.get(k) else {
            problems.push(format!("多出“{piece}”"));
            continue;
        };
        let head = singular(last);
        let glossary = &ctx.lexicon.labels;
        let mut names = glossary.english(noun).to_vec();
        if let Some(last_char) = noun.chars().last() {
            names.extend_from_slice(glossary.english(&last_char.to_string()));
        }
        let noun_ok = names
            .iter()
            .any(|n| n.split_whitespace().last() == Some(head.as_str()));
        let short = format!("{numeral}{}", noun.chars().next().unwrap_or_default());
        if count != *want_count {
            problems.push(format!("“{piece}”与“{short}”数目不符"));
        } else if !noun_ok && !names.is_empty() {
            problems.push(format!(
                "“{piece}”的“{last}”不是“{short}”的译法（{}）",
                names.join("、")
            ));
        }
    }
    if pieces.len() < c.parts.len() {
        let missing: Vec<String> = c.parts[pieces.len()..]
            .iter()
            .map(|(_, n, noun)| format!("“{n}{noun}”"))
            .collect();
        problems.push(format!("缺少{}", missing.join("、")));
    }
    if problems.is_empty() {
        return;
    }
    sink.push(
        Violation::new(
            span,
            format!(
                "英文提法{}与{}不符：{}",
                quote(english),
                quote(&s.label),
                problems.join("；")
            ),
        )
        .in_file(ind.file)
        .label(ind.file, s.label_span, "中文提法")
        .help("按中文提法逐项核对数目和名词"),
    );
}

/// One mention of one part of a structure, with the mention it stands in.
struct Entry<'a> {
    part: &'a StructurePart,
    mention: &'a StructureMention,
}

/// A part of a structure: (plan, nouns in order, part index).
type PartKey = (usize, Vec<char>, usize);
/// Where a noun stands: (structure nouns, part index, the first such part).
type Place<'a> = (Vec<char>, usize, &'a StructurePart);

/// Mentions grouped into structures (plan + nouns in order), then into the
/// parts of each structure: `(plan, keys, part index) → entries`.
fn part_groups(mentions: &[StructureMention]) -> BTreeMap<PartKey, Vec<Entry<'_>>> {
    let mut groups: BTreeMap<PartKey, Vec<Entry<'_>>> = BTreeMap::new();
    // Structures of each plan, by noun, for placing single-part mentions.
    let mut by_key: BTreeMap<(usize, char), Vec<Place<'_>>> = BTreeMap::new();
    for m in mentions.iter().filter(|m| m.parts.len() >= 2) {
        let keys = m.keys();
        for (i, part) in m.parts.iter().enumerate() {
            groups
                .entry((m.plan, keys.clone(), i))
                .or_default()
                .push(Entry { part, mention: m });
            let places = by_key.entry((m.plan, part.key)).or_default();
            if !places.iter().any(|(k, j, _)| *k == keys && *j == i) {
                places.push((keys.clone(), i, part));
            }
        }
    }
    for m in mentions.iter().filter(|m| m.parts.len() == 1 && m.quoted) {
        let single = &m.parts[0];
        let Some(places) = by_key.get(&(m.plan, single.key)) else {
            continue;
        };
        // Only an unambiguous place: one structure, one part with this noun.
        if let [(keys, i, part)] = places.as_slice() {
            // The quoted part is the noun itself (“两极” for 两极并进), never a
            // longer word that starts with it (“两极分化”).
            let compatible = part.noun.starts_with(&single.noun);
            if compatible {
                groups
                    .get_mut(&(m.plan, keys.clone(), *i))
                    .expect("group exists for every place")
                    .push(Entry {
                        part: single,
                        mention: m,
                    });
            }
        }
    }
    for entries in groups.values_mut() {
        entries.sort_by_key(|e| e.part.span.start);
    }
    groups
}

/// The most frequent value, the earliest on a tie, with its first entry and count.
fn majority<'e, 'a, K: Ord + Clone>(
    entries: &'e [&'e Entry<'a>],
    key: impl Fn(&Entry<'a>) -> K,
) -> (K, &'e Entry<'a>, usize) {
    let mut tally: BTreeMap<K, (usize, usize)> = BTreeMap::new(); // key → (count, first index)
    for (i, e) in entries.iter().enumerate() {
        tally.entry(key(e)).or_insert((0, i)).0 += 1;
    }
    let (k, &(n, first)) = tally
        .iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .expect("entries are never empty");
    (k.clone(), entries[first], n)
}

/// The part as it reads: 两极并进, 二极.
fn part_text(part: &StructurePart) -> String {
    format!("{}{}", part.numeral, part.noun)
}

/// The part's numeral and noun key alone: 两极.
fn short_text(part: &StructurePart) -> String {
    format!("{}{}", part.numeral, part.key)
}

fn check_part(ctx: &Context<'_>, sink: &mut Sink<'_>, entries: &[Entry<'_>]) {
    let all: Vec<&Entry<'_>> = entries.iter().collect();
    let (count, count_first, count_n) = majority(&all, |e| e.part.count);
    // The help names a whole label with the majority count where there is one.
    let whole = all
        .iter()
        .find(|e| e.part.count == count && e.mention.parts.len() > 1)
        .unwrap_or(&count_first);
    for e in all.iter().filter(|e| e.part.count != count) {
        let definite = matches!((e.part.count, count), (Count::Exact(_), Count::Exact(_)));
        let mut v = Violation::new(
            e.part.span,
            format!(
                "{}与同一格局的其他提法{}数目不一致",
                quote(&part_text(e.part)),
                quote(&short_text(count_first.part))
            ),
        )
        .label(
            ctx.file,
            count_first.part.span,
            format!(
                "本规划有 {count_n} 处写作{}",
                quote(&short_text(count_first.part))
            ),
        )
        .help(format!(
            "核对{}与{}，统一数目",
            quote(&e.mention.text),
            quote(&whole.mention.text)
        ));
        if !definite {
            v = v.severity(Severity::Warning);
        }
        sink.push(v);
    }

    let same_count: Vec<&Entry<'_>> = all
        .iter()
        .copied()
        .filter(|e| e.part.count == count)
        .collect();
    let (form, form_first, form_n) = majority(&same_count, |e| e.part.numeral.clone());
    for e in same_count.iter().filter(|e| e.part.numeral != form) {
        sink.push(
            Violation::new(
                e.part.span,
                format!(
                    "{}与本规划其他提法{}写法不一致",
                    quote(&part_text(e.part)),
                    quote(&short_text(form_first.part))
                ),
            )
            .label(
                ctx.file,
                form_first.part.span,
                format!("本规划有 {form_n} 处用“{form}”"),
            )
            .help(format!("统一写作“{form}{}”", e.part.noun))
            .fix(Fix::replace(
                e.part.numeral_span,
                form.clone(),
                Applicability::Unsafe,
            ))
            .severity(Severity::Warning),
        );
    }
}

/// A quoted part defined by a list of its members (“三横”为陆桥通道、沿江通道)
/// that names another number of them than its count.
fn check_members(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let text = &ctx.source.text;
    for m in ctx.facts.structures() {
        let Some(pm) = crate::extract::structure::part_members(text, m) else {
            continue;
        };
        let (split, plain) = pm.readings;
        if pm.count as usize == split || pm.count as usize == plain {
            continue;
        }
        sink.push(
            Violation::new(
                pm.list,
                format!(
                    "{}列出{split}个成员，与数目“{}”不符",
                    quote(&m.text),
                    m.parts[0].numeral
                ),
            )
            .label(ctx.file, m.span, "结构提法")
            .help("核对：补全或删去所列成员，或改正提法中的数目"),
        );
    }
}
