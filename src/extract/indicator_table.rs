//! A plan's table of main indicators (主要指标), as the plain-text export of
//! a Word table gives it: a header row naming years (2020年, 2025年) and one
//! row per indicator, its name with the unit in brackets
//! (常住人口城镇化率（%）) and a value under each year (60.6*, 65, ＞6.5, —).
//! Each row whose name is a catalogued measure becomes an [`IndicatorRow`]
//! with its values in the measure's base units.

use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::source::{SourceFile, Span};

use super::decimal::{Decimal, Interval};
use super::number::{Bound, Scanner};
use super::quantity::dimension_of;

/// One value of an indicator row: the cell under a year column.
#[derive(Debug, Clone, PartialEq)]
pub struct TableValue {
    pub year: u32,
    /// The cell, trimmed.
    pub span: Span,
    pub text: String,
    /// The values the cell allows, in base units (see [`allowed`]).
    pub range: Interval,
    /// A single value (not a bound).
    pub point: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub plan: usize,
    pub measure: usize,
    /// The cell that names the indicator.
    pub name: Span,
    /// Values in column order: earlier years first in every table seen.
    pub values: Vec<TableValue>,
}

/// The year a header cell names: 2020年, 2025, 2025年目标.
fn header_year(cell: &str) -> Option<u32> {
    let digits = cell.get(..4)?;
    let rest = &cell[4..];
    let year: u32 = digits.parse().ok()?;
    ((1949..=2100).contains(&year)
        && (rest.is_empty() || rest.starts_with('年'))
        && rest.chars().count() <= 5)
        .then_some(year)
}

/// The unit in the last bracket of a name cell: 常住人口城镇化率（%） → %.
pub fn bracketed_unit(cell: &str) -> Option<&str> {
    let close = cell.rfind(['）', ')'])?;
    let open = cell[..close].rfind(['（', '('])?;
    let open_len = cell[open..].chars().next()?.len_utf8();
    let unit = cell[open + open_len..close].trim();
    (!unit.is_empty()).then_some(unit)
}

/// A value cell: an optional bound sign, the digits, an optional mark
/// (* for a figure of another year) or 左右. `None` for —, words, 〔13.5〕
/// (a five-year total, not a level).
pub fn cell_value(cell: &str) -> Option<(Bound, &str)> {
    let mut s = cell.trim();
    let mut bound = Bound::Exact;
    for (sign, b) in [
        ("＞", Bound::MoreThan),
        (">", Bound::MoreThan),
        ("≥", Bound::AtLeast),
        ("＜", Bound::LessThan),
        ("<", Bound::LessThan),
        ("≤", Bound::AtMost),
    ] {
        if let Some(rest) = s.strip_prefix(sign) {
            s = rest.trim_start();
            bound = b;
            break;
        }
    }
    s = s.trim_end_matches(['*', '＊']);
    for (word, b) in [
        ("左右", Bound::About),
        ("以上", Bound::AtLeast),
        ("以内", Bound::AtMost),
    ] {
        if let Some(rest) = s.strip_suffix(word) {
            s = rest;
            bound = b;
        }
    }
    let digits = s.trim();
    Decimal::parse(digits).map(|_| (bound, digits))
}

/// The values a stated target allows: the value itself (a target is set,
/// not measured and rounded: 95 and 96 are two targets), one unit of the
/// last digit either side for 左右, a half-line for a bound.
pub fn allowed(value: Decimal, bound: Bound, factor: f64) -> Interval {
    let v = value.to_f64();
    let i = match bound {
        Bound::Exact => Interval::new(v, v),
        Bound::About => {
            let ulp = 10f64.powi(value.exp);
            Interval::new(v - ulp, v + ulp)
        }
        Bound::AtLeast | Bound::MoreThan => Interval::new(v, f64::INFINITY),
        Bound::AtMost | Bound::LessThan => Interval::new(f64::NEG_INFINITY, v),
    };
    i.scale(factor)
}

pub fn find_all(doc: &Document, src: &SourceFile, lexicon: &Lexicon) -> Vec<IndicatorRow> {
    let text = &src.text;
    let scanner = Scanner::new(&lexicon.units);
    let mut out = Vec::new();
    // The year columns of the table being read: (table, [(column, year)]).
    let mut header: Option<(usize, Vec<(usize, u32)>)> = None;
    for row in &doc.table_rows {
        let cell = |i: usize| &text[row.cells[i].range()];
        let years: Vec<(usize, u32)> = (0..row.cells.len())
            .filter_map(|i| header_year(cell(i)).map(|y| (i, y)))
            .collect();
        if !years.is_empty() {
            header = Some((row.table, years));
            continue;
        }
        let Some((table, columns)) = &header else {
            continue;
        };
        if *table != row.table {
            header = None;
            continue;
        }
        // The name: the first cell before the year columns that holds a
        // catalogued measure (the category column holds none).
        let first_year_col = columns[0].0;
        let Some((name_col, measure)) = (0..first_year_col.min(row.cells.len())).find_map(|i| {
            lexicon
                .measures
                .find_all(cell(i), |_| true)
                .max_by_key(|&(s, e, _)| (e - s, usize::MAX - s))
                .map(|(_, _, m)| (i, m))
        }) else {
            continue;
        };
        let Some(unit) = bracketed_unit(cell(name_col)) else {
            continue;
        };
        let mut values = Vec::new();
        for &(col, year) in columns {
            let Some(&span) = row.cells.get(col) else {
                continue;
            };
            let Some((bound, digits)) = cell_value(&text[span.range()]) else {
                continue;
            };
            // Read the number with the header's unit as the text would
            // write it (65%, 6.5亿吨), so magnitude words and units resolve
            // as in prose.
            let written = format!("{digits}{unit}");
            let Some(tok) = scanner
                .scan(&written)
                .into_iter()
                .find(|t| t.start == 0 && t.end == written.len())
            else {
                continue;
            };
            let Some((dimension, factor)) = dimension_of(tok.unit, Some(measure), lexicon) else {
                continue;
            };
            // 国内生产总值（GDP）增长（%）names a level but states its growth.
            if dimension != lexicon.measures.measures[measure].dimension {
                continue;
            }
            values.push(TableValue {
                year,
                span,
                text: text[span.range()].to_owned(),
                range: allowed(tok.value, bound, factor),
                point: matches!(bound, Bound::Exact | Bound::About),
            });
        }
        if !values.is_empty() {
            out.push(IndicatorRow {
                plan: row.plan,
                measure,
                name: row.cells[name_col],
                values,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_years_and_cells() {
        assert_eq!(header_year("2020年"), Some(2020));
        assert_eq!(header_year("2025"), Some(2025));
        assert_eq!(header_year("2025年目标"), Some(2025));
        assert_eq!(header_year("年均/累计"), None);
        assert_eq!(header_year("2021—2025年"), None);
        assert_eq!(bracketed_unit("3.常住人口城镇化率（%）"), Some("%"));
        assert_eq!(bracketed_unit("粮食综合生产能力（亿吨）"), Some("亿吨"));
        assert_eq!(cell_value("60.6*"), Some((Bound::Exact, "60.6")));
        assert_eq!(cell_value("＞6.5"), Some((Bound::MoreThan, "6.5")));
        assert_eq!(cell_value("—"), None);
        assert_eq!(cell_value("〔13.5〕"), None);
    }

    #[test]
    fn the_national_outline_table_is_read() {
        let lexicon = Lexicon::builtin().unwrap();
        let src = SourceFile::from_text(
            "plan.txt",
            include_str!("../../seeds/national-fyp14-2021.txt"),
        );
        let doc = Document::parse(&src);
        let rows = find_all(&doc, &src, &lexicon);
        let named: Vec<(&str, usize)> = rows
            .iter()
            .map(|r| (&src.text[r.name.range()], r.values.len()))
            .collect();
        assert!(named.contains(&("3.常住人口城镇化率（%）", 2)), "{named:?}");
        assert!(named.contains(&("18.森林覆盖率（%）", 2)), "{named:?}");
        assert!(
            named.contains(&("19.粮食综合生产能力（亿吨）", 1)),
            "{named:?}"
        );
        assert!(rows.len() >= 12, "{named:?}");
    }
}
