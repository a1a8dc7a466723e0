//! C101 structure-label: mentions of one spatial structure (一核两极四带) that
//! disagree on a count or on the numeral's form.

use std::collections::BTreeMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Violation};
use crate::diagnostic::{Applicability, Fix, Severity};
use crate::extract::{Count, StructureMention, StructurePart};

pub struct StructureLabel;

static META: RuleMeta = RuleMeta {
    code: "C101",
    name: "structure-label",
    category: Category::Consistency,
    summary: "Mentions of one spatial structure (一核两极四带) disagree on a count or numeral form",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
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
when exactly one structure of the plan has that part. Labels are read inside
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
        for (_, parts) in part_groups(ctx.facts.structures()) {
            check_part(ctx, sink, &parts);
        }
    }
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
