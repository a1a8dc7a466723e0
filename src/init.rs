//! `planlint init`: a draft indicator file from a plan's own text, so that
//! nobody types two hundred figures by hand. Everything the extractors find
//! is written out for an editor to review; the draft loads without errors.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::document::Document;
use crate::extract::indicator_table::{bracketed_unit, cell_value};
use crate::extract::number::{Bound, NumUnit};
use crate::extract::{Facts, Kind, Quantity, UnitKind};
use crate::i18n::t;
use crate::lexicon::Lexicon;
use crate::source::SourceFile;

/// A TOML basic string.
fn s(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn bound(b: Bound) -> Option<&'static str> {
    match b {
        Bound::Exact => None,
        Bound::About => Some("~"),
        Bound::AtLeast | Bound::MoreThan => Some(">="),
        Bound::AtMost | Bound::LessThan => Some("<="),
    }
}

/// The value as printed, without its magnitude word: 1050.53 for 1050.53万人.
fn printed(q: &Quantity) -> String {
    q.value.to_string_printed(q.magnitude)
}

/// The unit as the indicator file writes it: 万人, 亿元, 人/平方米, %.
fn unit(q: &Quantity, lexicon: &Lexicon) -> Option<String> {
    let magnitude = match q.magnitude {
        0 => "",
        4 => "万",
        8 => "亿",
        12 => "万亿",
        _ => return None,
    };
    let name = |u: usize| lexicon.units.units[u].name.clone();
    Some(match q.unit {
        NumUnit::Percent => "%".to_owned(),
        NumUnit::Unit { num, den: None } => format!("{magnitude}{}", name(num)),
        NumUnit::Unit { num, den: Some(d) } => format!("{magnitude}{}/{}", name(num), name(d)),
        _ => return None,
    })
}

/// Drafts an indicator file for `src`. When the text gives nothing to hold
/// it to (no plan region, no catalogued figure, no structure), the error
/// says so and why, instead of an empty draft.
pub fn draft(src: &SourceFile, lexicon: &Lexicon) -> Result<String, String> {
    let doc = Document::parse(src);
    let facts = Facts::new(src, &doc, lexicon);
    let q = facts.quantities();
    let measures = &lexicon.measures.measures;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        t("init.header", &[("file", &src.name)]).trim_start()
    );

    // Regions: the plans' own, and the province when shares of 全省 appear.
    let plan_regions: Vec<(usize, String)> = q
        .regions
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.name.clone().map(|n| (i, n)))
        .collect();
    // A national plan is no part of a province, whatever shares of 全省 it
    // quotes.
    let national = |name: &str| matches!(name, "中华人民共和国" | "全国" | "中国" | "我国");
    let has_province = q.items.iter().any(|x| x.whole.as_deref() == Some("全省"))
        && plan_regions.iter().any(|(_, name)| !national(name));
    let id_of: BTreeMap<&str, String> = plan_regions
        .iter()
        .enumerate()
        .map(|(k, (_, name))| (name.as_str(), format!("region{}", k + 1)))
        .chain(has_province.then(|| ("全省", "province".to_owned())))
        .collect();
    if has_province {
        let _ = writeln!(
            out,
            "[[region]]\nid = \"province\"\nname = \"全省\"  # {}\naliases = [\"全省\"]\n",
            t("init.province-todo", &[])
        );
    }
    for (k, (plan, name)) in plan_regions.iter().enumerate() {
        let _ = writeln!(
            out,
            "[[region]]\nid = \"region{}\"\nname = {}",
            k + 1,
            s(name)
        );
        if has_province && !national(name) {
            let _ = writeln!(out, "parent = \"province\"");
        }
        let members = &q.regions[*plan].members;
        if !members.is_empty() {
            let list: Vec<String> = members.iter().map(|m| s(m)).collect();
            let _ = writeln!(out, "members = [{}]", list.join(", "));
        }
        out.push('\n');
    }

    // The table of main indicators (主要指标): each row's base-year value is
    // a figure and its last year's value a target, for the plan's region.
    let mut from_table = BTreeSet::new();
    let rows = facts.indicator_rows();
    for row in rows {
        if measures[row.measure].kind != crate::lexicon::MeasureKind::Level {
            continue;
        }
        // The table's last year is the target year.
        let target_year = rows
            .iter()
            .filter(|r| r.plan == row.plan)
            .flat_map(|r| r.values.iter().map(|v| v.year))
            .max();
        let Some(id) = q.regions[row.plan]
            .name
            .as_deref()
            .and_then(|n| id_of.get(n))
        else {
            continue;
        };
        let Some(unit) = bracketed_unit(&src.text[row.name.range()]) else {
            continue;
        };
        let line = src.lines.line_of(row.name.start) + 1;
        for v in &row.values {
            let Some((b, digits)) = cell_value(&v.text) else {
                continue;
            };
            let bound = bound(b);
            if Some(v.year) != target_year {
                if !v.point || !from_table.insert((id.clone(), row.measure, Some(v.year))) {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "[[figure]]\nregion = {}\nmeasure = {}\nvalue = {}\nunit = {}\nyear = {}\nsource = {}\n",
                    s(id),
                    s(&measures[row.measure].name),
                    s(digits),
                    s(unit),
                    v.year,
                    s(&t("init.table-source", &[("line", &line)]))
                );
            } else {
                from_table.insert((id.clone(), row.measure, None));
                let _ = writeln!(
                    out,
                    "[[target]]\nregion = {}\nmeasure = {}\nyear = {}\nvalue = {}\nunit = {}",
                    s(id),
                    s(&measures[row.measure].name),
                    v.year,
                    s(digits),
                    s(unit)
                );
                if let Some(b) = bound {
                    let _ = writeln!(out, "bound = {}", s(b));
                }
                out.push('\n');
            }
        }
    }

    // Figures: each region's levels, one per measure and year; a level
    // under the plan's goals (主要目标) is a target, not a figure.
    let mut seen = BTreeSet::new();
    for x in &q.items {
        let (Kind::Level, Some(m), Some(subject), false) =
            (x.kind, x.measure, x.subject.as_deref(), x.target)
        else {
            continue;
        };
        if crate::extract::quantity::target_year(&doc, &src.text, q, x).is_some()
            || from_table.contains(&(id_of.get(subject).cloned().unwrap_or_default(), m, x.year))
        {
            continue;
        }
        let (Some(id), Some(u), true) = (
            id_of.get(subject),
            unit(x, lexicon),
            x.is_point() && x.bound == Bound::Exact,
        ) else {
            continue;
        };
        if !seen.insert((id.clone(), m, x.year)) {
            continue;
        }
        let line = src.lines.line_of(x.span.start) + 1;
        // A value reached with no year (“十四五”时期……达到11.3年) would be
        // held against the statements of every year: the 2030 target
        // 11.7年 then contradicts it. Left for the editor, as a comment.
        if x.year.is_none() && !measures[m].timeless {
            let note = t(
                "init.no-year",
                &[
                    ("line", &line),
                    ("measure", &measures[m].name),
                    ("value", &printed(x)),
                    ("unit", &u),
                ],
            );
            let _ = writeln!(out, "# {note}\n");
            continue;
        }
        let _ = writeln!(
            out,
            "[[figure]]\nregion = {}\nmeasure = {}\nvalue = {}\nunit = {}",
            s(id),
            s(&measures[m].name),
            s(&printed(x)),
            s(&u)
        );
        if let Some(y) = x.year {
            let _ = writeln!(out, "year = {y}");
        }
        let source = t("init.text-source", &[("line", &line)]);
        let _ = writeln!(out, "source = {}\n", s(&source));
    }

    // Partition: the plans' regions make up the province when the text
    // gives shares of 全省.
    if has_province && plan_regions.len() >= 2 {
        let share_measures: BTreeSet<&str> = q
            .items
            .iter()
            .filter(|x| x.kind == Kind::Share && x.whole.as_deref() == Some("全省"))
            .filter_map(|x| x.measure.map(|m| measures[m].name.as_str()))
            .collect();
        if !share_measures.is_empty() {
            let parts: Vec<String> = (1..=plan_regions.len())
                .map(|k| s(&format!("region{k}")))
                .collect();
            let ms: Vec<String> = share_measures.iter().map(|m| s(m)).collect();
            let _ = writeln!(
                out,
                "{}\n[[partition]]\nwhole = \"province\"\nparts = [{}]\nmeasures = [{}]\n",
                t("init.partition-todo", &[]),
                parts.join(", "),
                ms.join(", ")
            );
        }
    }

    // Targets: growth rates, shares and levels stated for a target year
    // (到2025年, or under the plan's goals), unless the table gives them.
    let mut seen = BTreeSet::new();
    for x in &q.items {
        let year = crate::extract::quantity::target_year(&doc, &src.text, q, x);
        let (Some(year), Some(m), Some(subject)) = (year, x.measure, x.subject.as_deref()) else {
            continue;
        };
        let Some(id) = id_of.get(subject) else {
            continue;
        };
        if from_table.contains(&(id.clone(), m, None)) {
            continue;
        }
        if x.upper.is_some() || x.plus_minus {
            continue;
        }
        let value = match (x.kind, x.unit) {
            (Kind::Change { annual: true }, NumUnit::Percent) => {
                format!("growth = {}", s(&printed(x)))
            }
            (Kind::Share, NumUnit::Percent) if x.whole.is_some() => {
                format!("share = {}", s(&printed(x)))
            }
            (Kind::Level, _) => match unit(x, lexicon) {
                Some(u) => format!("value = {}\nunit = {}", s(&printed(x)), s(&u)),
                None => continue,
            },
            _ => continue,
        };
        if !seen.insert((id.clone(), m, year, value.clone())) {
            continue;
        }
        let _ = writeln!(
            out,
            "[[target]]\nregion = {}\nmeasure = {}\nyear = {year}\n{value}",
            s(id),
            s(&measures[m].name)
        );
        if let Some(b) = bound(x.bound) {
            let _ = writeln!(out, "bound = {}", s(b));
        }
        out.push('\n');
    }

    // Structures: per plan, each structure's most frequent label, counting
    // mentions in running text twice (a caption may be the faulty one), and
    // only labels whose nouns are structure nouns (not 一带一路, 两江一水).
    let glossary = &lexicon.labels;
    let is_structure_noun = |noun: &str| {
        let first = noun.chars().next().unwrap_or_default();
        let last = noun.chars().last().unwrap_or_default();
        glossary.is_single_char_noun(first) || glossary.is_single_char_noun(last)
    };
    let mut labels: BTreeMap<(usize, Vec<char>), BTreeMap<String, usize>> = BTreeMap::new();
    for m in facts.structures().iter().filter(|m| m.parts.len() >= 2) {
        if !m.parts.iter().all(|p| is_structure_noun(&p.noun)) {
            continue;
        }
        // 一核牵引、两极并进、四带联动 is written 一核两极四带.
        let label = if m.text.contains('、') && m.parts.iter().any(|p| p.noun.chars().count() > 1)
        {
            m.parts
                .iter()
                .map(|p| format!("{}{}", p.numeral, p.key))
                .collect()
        } else {
            m.text.clone()
        };
        let weight = if m.unit == UnitKind::Paragraph { 2 } else { 1 };
        *labels
            .entry((m.plan, m.keys()))
            .or_default()
            .entry(label)
            .or_default() += weight;
    }
    for ((plan, _), texts) in &labels {
        let Some(name) = q.regions[*plan].name.as_deref() else {
            continue;
        };
        let Some(id) = id_of.get(name) else { continue };
        let Some((label, _)) = texts
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(t.len())))
        else {
            continue;
        };
        if crate::extract::structure::parse(label, glossary).is_none() {
            continue;
        }
        let _ = writeln!(
            out,
            "[[structure]]\nregion = {}\nlabel = {}\n",
            s(id),
            s(label)
        );
    }
    let out = without_problems(out, lexicon);
    if !out.contains("\n[[") {
        return Err(t("init.empty", &[("file", &src.name)]));
    }
    Ok(out)
}

/// The draft with every table (`[[figure]]`, `[[target]]` …) that does not
/// load turned into a comment saying why: the text may state a figure in a
/// unit that cannot measure it as read (人均地区生产总值 in 万美元), and a
/// draft that `check` then reports (F002) contradicts the text it came from.
fn without_problems(mut draft: String, lexicon: &Lexicon) -> String {
    // Each round comments out at least one table; a draft has a few hundred.
    for _ in 0..1000 {
        let src = SourceFile::from_text("draft.toml", draft.clone());
        let (_, problems) = crate::indicators::load(&src, 0, lexicon);
        let Some(p) = problems.first() else {
            return draft;
        };
        // The table holding the problem: from its `[[` line to the blank
        // line after it.
        let at = p.span.start.min(draft.len());
        let start = draft[..at].rfind("\n[[").map_or(0, |i| i + 1);
        let end = draft[at..].find("\n\n").map_or(draft.len(), |i| at + i + 1);
        if !draft[start..].starts_with("[[") {
            return draft;
        }
        let mut table = format!("# {}\n", t("init.not-loaded", &[("why", &p.message)]));
        for line in draft[start..end].lines() {
            table.push_str("# ");
            table.push_str(line);
            table.push('\n');
        }
        draft.replace_range(start..end, &table);
    }
    draft
}
