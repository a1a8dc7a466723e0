//! The unit catalog (`rules/units.toml`) and the measure catalog
//! (`rules/measures.toml`), built once per run into anchored matchers.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;
use toml::Spanned;

use super::{error_at, parse, DataError};

/// Dimensions that are not units of the catalog.
pub const PERCENT: &str = "percent";
/// A measure whose figures have no dimension planlint can read (a bare
/// ratio such as 城乡居民收入比, per 10万 rates, intensities written without
/// their denominator): its names are known, its units are not checked.
pub const NO_DIMENSION: &str = "none";

/// The family of a dimension: each `/`-separated part without its variant
/// suffix (`money-usd` and `money` are money; `energy-coal` and `energy`
/// are energy). Units of one family measure the same thing by different
/// conventions (美元 and 元, 吨标准煤 and 千瓦时): a text may use either,
/// but they do not convert by a fixed factor.
pub fn dimension_family(dimension: &str) -> String {
    dimension
        .split('/')
        .map(|part| part.split('-').next().unwrap_or(part))
        .collect::<Vec<_>>()
        .join("/")
}

/// One unit: its name as used in messages, dimension and factor to the
/// dimension's base unit.
#[derive(Debug, Clone)]
pub struct UnitDef {
    pub name: String,
    pub dimension: String,
    pub factor: f64,
}

#[derive(Debug, Clone)]
pub struct UnitCatalog {
    pub units: Vec<UnitDef>,
    names: AhoCorasick,
    name_unit: Vec<usize>,
    magnitudes: AhoCorasick,
    magnitude_exp: Vec<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    magnitudes: BTreeMap<String, i32>,
    unit: Vec<RawUnit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    names: Vec<Spanned<String>>,
    dimension: String,
    factor: Spanned<String>,
}

/// Parses an exact factor: `1000`, `1e6`, `10000/15`.
fn parse_factor(s: &str) -> Option<f64> {
    let one = |t: &str| {
        t.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x > 0.0)
    };
    match s.split_once('/') {
        Some((a, b)) => Some(one(a)? / one(b)?),
        None => one(s),
    }
}

fn anchored(patterns: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .build(patterns)
        .expect("a few hundred short literal patterns always build")
}

fn match_at(ac: &AhoCorasick, text: &str, at: usize) -> Option<(usize, usize)> {
    let input = Input::new(text).range(at..).anchored(Anchored::Yes);
    ac.find(input)
        .map(|m| (m.pattern().as_usize(), m.end() - at))
}

impl UnitCatalog {
    pub fn load(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: UnitsFile = parse(file, text)?;
        let mut units = Vec::new();
        let mut names = Vec::new();
        let mut name_unit = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        for u in raw.unit {
            let factor = parse_factor(u.factor.get_ref()).ok_or_else(|| {
                error_at(
                    file,
                    text,
                    u.factor.span(),
                    format!(
                        "`{}` is not a positive number or fraction",
                        u.factor.get_ref()
                    ),
                )
            })?;
            let Some(first) = u.names.first() else {
                return Err(error_at(
                    file,
                    text,
                    u.factor.span(),
                    "a unit needs at least one name".into(),
                ));
            };
            let index = units.len();
            units.push(UnitDef {
                name: first.get_ref().clone(),
                dimension: u.dimension,
                factor,
            });
            for n in &u.names {
                if seen.insert(n.get_ref().clone(), ()).is_some() {
                    return Err(error_at(
                        file,
                        text,
                        n.span(),
                        format!("unit name `{}` is listed twice", n.get_ref()),
                    ));
                }
                names.push(n.get_ref().clone());
                name_unit.push(index);
            }
        }
        let (mag_names, magnitude_exp): (Vec<String>, Vec<i32>) =
            raw.magnitudes.into_iter().unzip();
        Ok(UnitCatalog {
            units,
            names: anchored(&names),
            name_unit,
            magnitudes: anchored(&mag_names),
            magnitude_exp,
        })
    }

    /// The longest unit name starting exactly at `at`: (unit index, byte length).
    pub fn unit_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        match_at(&self.names, text, at).map(|(p, len)| (self.name_unit[p], len))
    }

    /// The longest magnitude word starting at `at`: (power of ten, byte length).
    pub fn magnitude_at(&self, text: &str, at: usize) -> Option<(i32, usize)> {
        match_at(&self.magnitudes, text, at).map(|(p, len)| (self.magnitude_exp[p], len))
    }

    /// A unit by one of its names, matched whole.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.unit_at(name, 0)
            .filter(|&(_, len)| len == name.len())
            .map(|(u, _)| u)
    }

    /// Whether `dimension` is known: a catalog dimension, `percent`, or two
    /// catalog dimensions joined by `/`.
    pub fn knows_dimension(&self, dimension: &str) -> bool {
        let known = |d: &str| self.units.iter().any(|u| u.dimension == d);
        match dimension.split_once('/') {
            Some((a, b)) => known(a) && known(b),
            None => dimension == PERCENT || dimension == NO_DIMENSION || known(dimension),
        }
    }

    /// Resolves a unit expression of the catalog (`人`, `人/平方公里`, `%`)
    /// into its dimension and factor to base units.
    pub fn resolve(&self, expr: &str) -> Option<(String, f64)> {
        match expr {
            "%" => return Some((PERCENT.to_owned(), 1.0)),
            "‰" => return Some((PERCENT.to_owned(), 0.1)),
            _ => {}
        }
        match expr.split_once('/') {
            Some((a, b)) => {
                let (ua, ub) = (&self.units[self.find(a)?], &self.units[self.find(b)?]);
                Some((
                    format!("{}/{}", ua.dimension, ub.dimension),
                    ua.factor / ub.factor,
                ))
            }
            None => {
                let u = &self.units[self.find(expr)?];
                Some((u.dimension.clone(), u.factor))
            }
        }
    }
}

/// The plausible range of a measure, in its dimension's base units.
#[derive(Debug, Clone)]
pub struct Plausible {
    /// The unit the range was written in, for messages.
    pub unit: String,
    pub unit_factor: f64,
    pub min: f64,
    pub max: f64,
    /// Narrower ranges by the scale of the region the figure is about,
    /// indexed by [`Scale`]: (min, max) in base units.
    pub by_scale: [Option<(f64, f64)>; 3],
}

impl Plausible {
    /// The range for a region of `scale`, or the range for any region.
    pub fn range(&self, scale: Option<Scale>) -> (f64, f64) {
        scale
            .and_then(|s| self.by_scale[s as usize])
            .unwrap_or((self.min, self.max))
    }
}

/// The level of the region a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// The whole country.
    National = 0,
    /// A province, autonomous region or municipality under the central government.
    Province = 1,
    /// A prefecture, county or district.
    City = 2,
}

/// What a measure's figure states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureKind {
    /// A level: 常住人口城镇化率65%.
    Level,
    /// An annual growth rate in %: 国内生产总值年均增长.
    Growth,
    /// A change over the period in %, usually a reduction stated as a
    /// positive number: 单位GDP能源消耗降低13.5%.
    Change,
}

/// Which way a measure should move for the better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone)]
pub struct MeasureDef {
    pub name: String,
    pub dimension: String,
    pub plausible: Option<Plausible>,
    /// For a ratio measure (density, per capita): (numerator, denominator) measures.
    pub derived: Option<(usize, usize)>,
    /// The unit a per-capita figure leaves unwritten (人 for 人均…39568元).
    pub per: Option<usize>,
    /// The value does not change from year to year (a region's area): its
    /// statements are compared whether or not they give a year.
    pub timeless: bool,
    pub kind: MeasureKind,
    pub direction: Option<Direction>,
    /// A part of a whole in %: never above 100 %.
    pub share: bool,
    /// For a growth or change measure: the level it moves.
    pub level_of: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct MeasureCatalog {
    pub measures: Vec<MeasureDef>,
    names: AhoCorasick,
    name_measure: Vec<usize>,
    /// Per name: whether it counts only where it begins the noun.
    name_guarded: Vec<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasuresFile {
    measure: Vec<RawMeasure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    name: Spanned<String>,
    names: Vec<Spanned<String>>,
    dimension: Spanned<String>,
    plausible: Option<RawPlausible>,
    derived: Option<RawDerived>,
    #[serde(default)]
    timeless: bool,
    per: Option<Spanned<String>>,
    #[serde(default)]
    guarded: Vec<Spanned<String>>,
    kind: Option<Spanned<String>>,
    direction: Option<Spanned<String>>,
    #[serde(default)]
    share: bool,
    level_of: Option<Spanned<String>>,
    /// What the measure is, after the statistical definition (documentation).
    #[allow(dead_code)]
    definition: Option<String>,
    /// Where its names and ranges come from (documentation).
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlausible {
    unit: Spanned<String>,
    min: Spanned<String>,
    max: Spanned<String>,
    national: Option<Spanned<Vec<String>>>,
    province: Option<Spanned<Vec<String>>>,
    city: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDerived {
    numerator: Spanned<String>,
    denominator: Spanned<String>,
}

impl MeasureCatalog {
    pub fn load(file: &str, text: &str, units: &UnitCatalog) -> Result<Self, DataError> {
        let raw: MeasuresFile = parse(file, text)?;
        let by_name: HashMap<&str, usize> = raw
            .measure
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.get_ref().as_str(), i))
            .collect();
        let mut measures = Vec::new();
        let mut names = Vec::new();
        let mut name_measure = Vec::new();
        let mut name_guarded = Vec::new();
        let mut seen = HashMap::new();
        for (i, m) in raw.measure.iter().enumerate() {
            if !units.knows_dimension(m.dimension.get_ref()) {
                return Err(error_at(file, text, m.dimension.span(), format!(
                    "unknown dimension `{}`: use one of units.toml, `percent`, or two joined by `/`",
                    m.dimension.get_ref()
                )));
            }
            let plausible = match &m.plausible {
                None => None,
                Some(p) => {
                    let (dimension, factor) = units.resolve(p.unit.get_ref()).ok_or_else(|| {
                        error_at(
                            file,
                            text,
                            p.unit.span(),
                            format!("unknown unit `{}`", p.unit.get_ref()),
                        )
                    })?;
                    if dimension != *m.dimension.get_ref() {
                        return Err(error_at(
                            file,
                            text,
                            p.unit.span(),
                            format!(
                                "`{}` measures {dimension}, not {}",
                                p.unit.get_ref(),
                                m.dimension.get_ref()
                            ),
                        ));
                    }
                    let number = |s: &Spanned<String>| {
                        s.get_ref()
                            .parse::<f64>()
                            .ok()
                            .filter(|x| x.is_finite())
                            .ok_or_else(|| {
                                error_at(
                                    file,
                                    text,
                                    s.span(),
                                    format!("`{}` is not a number", s.get_ref()),
                                )
                            })
                    };
                    let (min, max) = (number(&p.min)? * factor, number(&p.max)? * factor);
                    let mut by_scale = [None; 3];
                    for (i, r) in [&p.national, &p.province, &p.city].into_iter().enumerate() {
                        let Some(r) = r else { continue };
                        let bad = |what: &str| error_at(file, text, r.span(), what.to_owned());
                        let [lo, hi] = r.get_ref().as_slice() else {
                            return Err(bad("a range is two numbers: [low, high]"));
                        };
                        let (Ok(lo), Ok(hi)) = (lo.parse::<f64>(), hi.parse::<f64>()) else {
                            return Err(bad("a range is two numbers: [low, high]"));
                        };
                        let (lo, hi) = (lo * factor, hi * factor);
                        if !(min <= lo && lo <= hi && hi <= max) {
                            return Err(bad("a scale's range must lie within min..max"));
                        }
                        by_scale[i] = Some((lo, hi));
                    }
                    Some(Plausible {
                        unit: p.unit.get_ref().clone(),
                        unit_factor: factor,
                        min,
                        max,
                        by_scale,
                    })
                }
            };
            let derived = match &m.derived {
                None => None,
                Some(d) => {
                    let find = |s: &Spanned<String>| {
                        by_name.get(s.get_ref().as_str()).copied().ok_or_else(|| {
                            error_at(
                                file,
                                text,
                                s.span(),
                                format!("no measure named `{}`", s.get_ref()),
                            )
                        })
                    };
                    Some((find(&d.numerator)?, find(&d.denominator)?))
                }
            };
            let per = match &m.per {
                None => None,
                Some(p) => Some(units.find(p.get_ref()).ok_or_else(|| {
                    error_at(
                        file,
                        text,
                        p.span(),
                        format!("unknown unit `{}`", p.get_ref()),
                    )
                })?),
            };
            let word =
                |v: &Option<Spanned<String>>, allowed: &[&str]| -> Result<usize, DataError> {
                    match v {
                        None => Ok(0),
                        Some(v) => allowed
                            .iter()
                            .position(|a| a == v.get_ref())
                            .ok_or_else(|| {
                                error_at(
                                    file,
                                    text,
                                    v.span(),
                                    format!("`{}`: use one of {}", v.get_ref(), allowed.join(", ")),
                                )
                            }),
                    }
                };
            let kind = [MeasureKind::Level, MeasureKind::Growth, MeasureKind::Change]
                [word(&m.kind, &["level", "growth", "change"])?];
            let direction = [None, Some(Direction::Up), Some(Direction::Down)]
                [word(&m.direction, &["none", "up", "down"])?];
            if m.share && m.dimension.get_ref() != PERCENT {
                return Err(error_at(
                    file,
                    text,
                    m.dimension.span(),
                    "a share is measured in percent".into(),
                ));
            }
            let level_of = match &m.level_of {
                None => None,
                Some(l) => Some(by_name.get(l.get_ref().as_str()).copied().ok_or_else(|| {
                    error_at(
                        file,
                        text,
                        l.span(),
                        format!("no measure named `{}`", l.get_ref()),
                    )
                })?),
            };
            measures.push(MeasureDef {
                kind,
                direction,
                share: m.share,
                level_of,
                per,
                name: m.name.get_ref().clone(),
                dimension: m.dimension.get_ref().clone(),
                plausible,
                derived,
                timeless: m.timeless,
            });
            for g in &m.guarded {
                if !m.names.iter().any(|n| n.get_ref() == g.get_ref()) {
                    return Err(error_at(
                        file,
                        text,
                        g.span(),
                        format!("`{}` is not one of the measure's names", g.get_ref()),
                    ));
                }
            }
            for n in &m.names {
                if seen.insert(n.get_ref().clone(), ()).is_some() {
                    return Err(error_at(
                        file,
                        text,
                        n.span(),
                        format!("measure name `{}` is listed twice", n.get_ref()),
                    ));
                }
                names.push(n.get_ref().clone());
                name_measure.push(i);
                name_guarded.push(m.guarded.iter().any(|g| g.get_ref() == n.get_ref()));
            }
        }
        Ok(MeasureCatalog {
            measures,
            names: anchored(&names),
            name_measure,
            name_guarded,
        })
    }

    /// Every measure name in `text`, leftmost-longest and not overlapping:
    /// (start, end, measure index). A guarded name (面积, 人口) is kept only
    /// where `begins_noun(start)` says it begins the noun.
    pub fn find_all<'t>(
        &'t self,
        text: &'t str,
        begins_noun: impl Fn(usize) -> bool + 't,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        self.names
            .find_iter(text)
            .filter(move |m| !self.name_guarded[m.pattern().as_usize()] || begins_noun(m.start()))
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    self.name_measure[m.pattern().as_usize()],
                )
            })
    }

    /// The growth measure of a level (国内生产总值增长 of 地区生产总值).
    pub fn growth_of(&self, level: usize) -> Option<usize> {
        self.measures
            .iter()
            .position(|m| m.kind == MeasureKind::Growth && m.level_of == Some(level))
    }

    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lexicon;

    #[test]
    fn units_and_magnitudes_match_longest_first() {
        let p = Lexicon::builtin().unwrap();
        let u = &p.units;
        let text = "万平方公里";
        assert_eq!(u.magnitude_at(text, 0), Some((4, 3)));
        let (unit, len) = u.unit_at(text, 3).unwrap();
        assert_eq!((u.units[unit].name.as_str(), len), ("平方公里", 12));
        let (kv, _) = u.unit_at("千伏", 0).unwrap();
        assert_eq!(u.units[kv].dimension, "voltage");
        assert_eq!(u.magnitude_at("万亿元", 0), Some((12, 6)));
        let (d, f) = u.resolve("人/平方公里").unwrap();
        assert_eq!(d, "population/area");
        assert!((f - 1e-6).abs() < 1e-18);
    }

    #[test]
    fn measures_match_longest_first() {
        let p = Lexicon::builtin().unwrap();
        let m = &p.measures;
        let found: Vec<&str> = m
            .find_all(
                "人口密度高，总人口多，城镇居民人均可支配收入，城镇人口少",
                |_| false,
            )
            .map(|(_, _, i)| m.measures[i].name.as_str())
            .collect();
        assert_eq!(found, ["人口密度", "人口", "城镇居民人均可支配收入"]);
        let density = &m.measures[m.by_name("人口密度").unwrap()];
        let (num, den) = density.derived.unwrap();
        assert_eq!(
            (m.measures[num].name.as_str(), m.measures[den].name.as_str()),
            ("人口", "总面积")
        );
    }
}
