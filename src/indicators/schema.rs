//! The indicator file as written: serde types with spans. `docs/indicators.md`
//! documents every field; `super::load` validates and resolves them.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(default)]
    pub region: Vec<RawRegion>,
    #[serde(default)]
    pub figure: Vec<RawFigure>,
    #[serde(default)]
    pub partition: Vec<RawPartition>,
    #[serde(default)]
    pub target: Vec<RawTarget>,
    #[serde(default)]
    pub structure: Vec<RawStructure>,
    #[serde(default)]
    pub term: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub parent: Option<Spanned<String>>,
    pub members: Option<Spanned<Vec<Spanned<String>>>>,
    pub kind: Option<String>,
    /// The title of the plan that covers this region, when it is not
    /// “十四五” + name + 发展规划.
    pub plan: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub region: Spanned<String>,
    pub measure: Spanned<String>,
    pub value: Spanned<String>,
    pub unit: Spanned<String>,
    pub year: Option<Spanned<u32>>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPartition {
    pub whole: Spanned<String>,
    pub parts: Spanned<Vec<Spanned<String>>>,
    pub measures: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub region: Spanned<String>,
    pub measure: Spanned<String>,
    pub year: Spanned<u32>,
    /// A level: with `unit`.
    pub value: Option<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
    /// Annual growth in percent.
    pub growth: Option<Spanned<String>>,
    /// Share of the parent region, in percent.
    pub share: Option<Spanned<String>>,
    /// `>=`, `<=`, `~` or `=` (default).
    pub bound: Option<Spanned<String>>,
    /// 约束性 or 预期性.
    pub binding: Option<Spanned<String>>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStructure {
    pub region: Spanned<String>,
    /// The canonical label: 一核两极四带.
    pub label: Spanned<String>,
    /// The figure that draws it: 图1.
    pub figure: Option<String>,
    /// The labels as drawn on the figure.
    #[serde(default)]
    pub figure_labels: Vec<Spanned<String>>,
    /// The English label: "one core, two poles and four belts".
    pub english: Option<Spanned<String>>,
    #[serde(default)]
    pub parts: Vec<RawStructurePart>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStructurePart {
    pub name: Spanned<String>,
    #[serde(default)]
    pub members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub canonical: Spanned<String>,
    #[serde(default)]
    pub wrong: Vec<Spanned<String>>,
    pub note: Option<String>,
}
