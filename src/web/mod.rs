//! The web page's entry point: the library compiled to WebAssembly
//! (`scripts/build-web`, the page in `web/index.html`). The page hands
//! over the files a user opened or the text pasted, as bytes with a name;
//! this lints them as `planlint check` lints the same files side by side
//! (a `.toml` is an indicator file, held to the plan of the same stem or
//! the one naming its regions) and gives back what the CLI writes: the
//! `--format html` report, the `--format json` document, and the
//! `--annotate` copy of each Word document. Nothing leaves the page.
//!
//! A layer of its own at the top, beside the CLI (tests/layers.rs): it
//! drives the engine as `src/cli/` does, and nothing uses it.

use wasm_bindgen::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::i18n::{self, Lang};
use crate::indicators::Indicators;
use crate::input::{self, InputError};
use crate::linter::{indicators_for, Job, Linter};
use crate::report::{self, Format, HumanOptions, Run};
use crate::source::SourceFile;
use crate::{SEED_INDICATORS_NAME, SEED_INDICATORS_TEXT, SEED_NAME, SEED_TEXT};

/// The rule data, loaded once when the page starts, and the files given
/// for the next check.
#[wasm_bindgen]
pub struct Checker {
    linter: Linter,
    files: Vec<(String, Vec<u8>)>,
}

#[wasm_bindgen]
impl Checker {
    /// Loads the built-in rule data (the CLI's, compiled in). The page is
    /// Chinese, as the CLI is by default.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Checker, String> {
        i18n::set(Lang::Zh);
        let linter =
            Linter::builtin().map_err(|e| i18n::t("rules.cannot-load", &[("error", &e)]))?;
        Ok(Checker {
            linter,
            files: Vec::new(),
        })
    }

    /// Adds a file for the next [`Checker::check`]: its name (a `.docx`,
    /// `.txt`, `.md`, `.html`, or a `.toml` indicator file) and bytes.
    pub fn add(&mut self, name: String, bytes: Vec<u8>) {
        self.files.push((name, bytes));
    }

    /// Lints the files added since the last check, and forgets them.
    pub fn check(&mut self) -> Checked {
        let files = std::mem::take(&mut self.files);
        let mut plans = Vec::new();
        let mut originals = Vec::new();
        let mut indicators = Vec::new();
        let mut input_errors = Vec::new();
        for (name, bytes) in files {
            if name.to_ascii_lowercase().ends_with(".toml") {
                match input::decode(name, &bytes) {
                    Ok(src) => indicators.push(src),
                    Err(e) => input_errors.push(e),
                }
                continue;
            }
            match input::from_bytes(name, &bytes) {
                Ok(src) => {
                    originals.push(src.is_docx().then_some(bytes));
                    plans.push(src);
                }
                Err(e) => input_errors.push(e),
            }
        }
        self.run(plans, originals, indicators, input_errors, true)
    }

    /// Lints the embedded sample bundle with its indicator file, as
    /// `planlint check --sample` does.
    pub fn check_sample(&mut self) -> Checked {
        self.files.clear();
        self.run(
            vec![SourceFile::from_text(SEED_NAME, SEED_TEXT)],
            vec![None],
            vec![SourceFile::from_text(
                SEED_INDICATORS_NAME,
                SEED_INDICATORS_TEXT,
            )],
            Vec::new(),
            false,
        )
    }
}

impl Checker {
    /// `plans` with the bytes of each Word document among them, then the
    /// indicator files; `siblings`: a plan is held to the indicator file of
    /// its stem first (files, not the sample).
    fn run(
        &self,
        plans: Vec<SourceFile>,
        originals: Vec<Option<Vec<u8>>>,
        indicator_files: Vec<SourceFile>,
        input_errors: Vec<InputError>,
        siblings: bool,
    ) -> Checked {
        let linted = plans.len();
        let mut sources = plans;
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let mut loaded: Vec<(usize, Option<Indicators>)> = Vec::new();
        for src in indicator_files {
            let id = sources.len();
            let (ind, errors) = self.linter.load_indicators(&src, id);
            sources.push(src);
            diagnostics.extend(errors);
            loaded.push((id, ind));
        }
        let jobs: Vec<Job<'_>> = (0..linted)
            .map(|file| {
                let sibling = siblings.then(|| {
                    let name = &sources[file].name;
                    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                    format!("{stem}.toml")
                });
                let k = indicators_for(&sources[file], sibling.as_deref(), &loaded, &sources);
                Job {
                    file,
                    indicators: k.and_then(|k| loaded[k].1.as_ref()),
                }
            })
            .collect();
        diagnostics.extend(self.linter.lint_all(&sources, &jobs, None));
        diagnostics.sort();
        let rules = crate::rules::all(self.linter.packs());
        let run = Run {
            sources: &sources,
            linted,
            diagnostics: &diagnostics,
            input_errors: &input_errors,
            rules: &rules,
        };
        let render = |format| {
            let mut out = Vec::new();
            let options = HumanOptions {
                color: false,
                width: 100,
            };
            // Rendering into memory cannot fail.
            let _ = run.render(format, &options, &mut out);
            String::from_utf8_lossy(&out).into_owned()
        };
        let summary = run.summary();
        let mut copies = Vec::new();
        let mut notes = Vec::new();
        for (file, bytes) in originals.iter().enumerate() {
            let Some(bytes) = bytes else { continue };
            let name = &sources[file].name;
            match report::annotate::annotate(bytes, file, &sources, &diagnostics) {
                Ok(copy) => copies.push((report::copy_name(name), copy.bytes)),
                Err(e) => notes.push(format!("{name}：{e}")),
            }
        }
        for e in &input_errors {
            notes.push(e.to_string());
        }
        for s in &sources[..linted] {
            if s.text.trim().is_empty() {
                notes.push(format!("{}：{}", s.name, i18n::t("input.no-text", &[])));
            }
        }
        Checked {
            html: render(Format::Html),
            json: render(Format::Json),
            report_name: report::report_name(sources.first().map_or("planlint", |s| &s.name)),
            copies,
            notes,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        }
    }
}

/// What a check gives back to the page.
#[wasm_bindgen]
pub struct Checked {
    html: String,
    json: String,
    report_name: String,
    copies: Vec<(String, Vec<u8>)>,
    notes: Vec<String>,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[wasm_bindgen]
impl Checked {
    /// The report, as `--format html` writes it: a whole page.
    pub fn html(&self) -> String {
        self.html.clone()
    }

    /// The findings as `--format json` writes them.
    pub fn json(&self) -> String {
        self.json.clone()
    }

    /// The name to save the report under (`规划-检查报告.html`).
    pub fn report_name(&self) -> String {
        self.report_name.clone()
    }

    /// How many commented copies of Word documents there are.
    pub fn copies(&self) -> usize {
        self.copies.len()
    }

    /// The name of commented copy `i` (`规划-批注.docx`).
    pub fn copy_name(&self, i: usize) -> String {
        self.copies.get(i).map(|c| c.0.clone()).unwrap_or_default()
    }

    /// The bytes of commented copy `i`.
    pub fn copy_bytes(&self, i: usize) -> Vec<u8> {
        self.copies.get(i).map(|c| c.1.clone()).unwrap_or_default()
    }

    /// What the user should know besides the findings, one line each:
    /// files that could not be read (and why, in Chinese), documents with
    /// no text, copies that could not be made.
    pub fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    pub fn warnings(&self) -> usize {
        self.warnings
    }

    pub fn infos(&self) -> usize {
        self.infos
    }
}
