//! Name data for name-drift (`rules/names.toml`).

use serde::Deserialize;

/// Proper-name endings compared by name-drift, and words that never begin a name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameData {
    pub term_suffixes: Vec<String>,
    pub organisation_suffixes: Vec<String>,
    /// Endings of region and zone names (经济带, 城市群): one place named
    /// with two of them that differ in one character has drifted.
    pub region_suffixes: Vec<String>,
    pub not_stems: Vec<String>,
    #[serde(skip)]
    suffixes: std::sync::OnceLock<crate::literals::Literals>,
    #[serde(skip)]
    regions: std::sync::OnceLock<crate::literals::Literals>,
}

impl NameData {
    /// Every suffix, compiled once: pattern `i` is `term_suffixes[i]`, then
    /// the organisation suffixes follow.
    pub fn suffixes(&self) -> &crate::literals::Literals {
        self.suffixes.get_or_init(|| {
            crate::literals::Literals::new(
                self.term_suffixes.iter().chain(&self.organisation_suffixes),
            )
            .expect("a few short literals are within regex's size limit")
        })
    }

    /// The region suffixes, compiled once: pattern `i` is
    /// `region_suffixes[i]`.
    pub fn regions(&self) -> &crate::literals::Literals {
        self.regions.get_or_init(|| {
            crate::literals::Literals::new(&self.region_suffixes)
                .expect("a few short literals are within regex's size limit")
        })
    }
}
