//! Figures: the statements of one measure of one subject for one year, found
//! among the quantities. Used to compare them within a plan (figure-conflict)
//! and between two revisions of it (stale-figure).

use std::collections::BTreeMap;

use super::decimal::Interval;
use super::{Kind, Quantities};
use crate::lexicon::Lexicon;

/// What makes two statements statements of one figure: subject, measure,
/// year (none for timeless measures), target or fact, the whole of a share,
/// and the dimension of the unit.
pub type FigureKey<'a> = (&'a str, usize, Option<u32>, bool, Option<&'a str>, String);

/// How messages name a figure: subject, year and measure (兰州经济圈2020年地区生产总值).
pub fn describe(subject: &str, measure: usize, year: Option<u32>, lexicon: &Lexicon) -> String {
    let when = year.map(|y| format!("{y}年")).unwrap_or_default();
    format!("{subject}{when}{}", lexicon.measures.measures[measure].name)
}

/// Every comparable statement, by figure: the quantity's index and its value
/// in base units. Only point values with a subject and measure, of a level or
/// of a share of a named whole, with a year unless the measure is timeless;
/// values paired by 分别 with listed items are left out (they are of
/// different things).
pub fn index<'a>(
    q: &'a Quantities,
    lexicon: &Lexicon,
) -> BTreeMap<FigureKey<'a>, Vec<(usize, Interval)>> {
    let mut index: BTreeMap<FigureKey<'a>, Vec<(usize, Interval)>> = BTreeMap::new();
    for (i, item) in q.items.iter().enumerate() {
        let (Some(subject), Some(measure)) = (item.subject.as_deref(), item.measure) else {
            continue;
        };
        let year = if lexicon.measures.measures[measure].timeless {
            None
        } else if item.year.is_some() {
            item.year
        } else {
            continue;
        };
        if !item.is_point() || !matches!(item.kind, Kind::Level | Kind::Share) {
            continue;
        }
        if item.kind == Kind::Share && item.whole.is_none() {
            continue;
        }
        if item
            .group
            .is_some_and(|g| q.groups[g].subject_quantities.is_empty())
        {
            continue;
        }
        let (Some((dimension, _)), Some(iv)) =
            (item.dimension(lexicon), item.base_interval(lexicon))
        else {
            continue;
        };
        let key = (
            subject,
            measure,
            year,
            item.target,
            item.whole.as_deref(),
            dimension,
        );
        index.entry(key).or_default().push((i, iv));
    }
    index
}
