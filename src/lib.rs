//! planlint: a linter for Chinese government planning documents.
//!
//! # Layers
//!
//! Data flows one way. Each layer may use the layers listed before it,
//! never one after it; `tests/layers.rs` reads every `use` of `src/` and
//! fails on an import that goes up.
//!
//! | layer | modules | what it is |
//! | --- | --- | --- |
//! | foundation | [`cjk`], [`literals`], [`source`], [`toml_spans`], [`diagnostic`], [`input`] | characters, literal sets, decoded files with byte spans, the diagnostic type, reading paths |
//! | lexicon | [`lexicon`] | the language data from `rules/*.toml`: units, measures, count nouns, label nouns, name data, milestones, the segmentation dictionary |
//! | document | [`document`] | plans, outline, paragraphs, sentences, boxes, tables |
//! | extract | [`extract`] | facts with spans: numbers, quantities, lists, structures, figures |
//! | indicators | [`indicators`] | the indicator file, read with the number scanner and the catalogs |
//! | rules | [`rules`] | every rule (one file each) and the rule kinds of packs ([`rules::pack`]) |
//! | report | [`report`], [`baseline`], [`expect`] | output formats; fingerprints of findings; reviewed corpus expectations |
//! | config | [`config`] | `planlint.toml`: selection, severities, ignores, tolerances |
//! | engine | [`linter`], [`fix`], [`init`], [`lsp`] | running rules over files, fixes, drafting indicator files, the language server |
//! | web | `web` (WebAssembly only) | the web page's entry point: lints the files it is given as the CLI does |
//! | CLI | `src/main.rs`, `src/cli/` | argument parsing and one file per subcommand |
//!
//! See `docs/architecture.md` and the README for more.

pub mod baseline;
pub mod cjk;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod expect;
pub mod extract;
pub mod fix;
pub mod i18n;
pub mod indicators;
pub mod init;
pub mod input;
pub mod lexicon;
pub mod linter;
pub mod literals;
#[cfg(not(target_arch = "wasm32"))]
pub mod lsp;
pub mod report;
pub mod rules;
pub mod source;
mod toml_spans;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use linter::{Job, Linter, Timings};

/// The sample plan bundle embedded in the binary: `planlint check` with no
/// paths lints it. A byte-identical copy of a published document
/// (甘政办发〔2021〕93号), real errors included.
pub const SEED_NAME: &str = "seeds/gansu-2021-93.txt";
pub const SEED_TEXT: &str = include_str!("../seeds/gansu-2021-93.txt");
/// The seed's indicator file, used with it when the sample is linted.
pub const SEED_INDICATORS_NAME: &str = "seeds/gansu-2021-93.toml";
pub const SEED_INDICATORS_TEXT: &str = include_str!("../seeds/gansu-2021-93.toml");
