//! Making a run ready: configuration, rule data, inputs, indicator files
//! and the rule selection.

use std::path::PathBuf;
use std::process::ExitCode;

use planlint::config;
use planlint::diagnostic::{Diagnostic, FileId, Severity};
use planlint::indicators::Indicators;
use planlint::input::{self, InputError};
use planlint::report::Run;
use planlint::rules::{self, pack::Packs};
use planlint::source::SourceFile;
use planlint::{Job, Linter, SEED_INDICATORS_NAME, SEED_INDICATORS_TEXT, SEED_NAME, SEED_TEXT};

use super::options::{human_options, Options};
use super::{load_lexicon, load_packs, pack_failure, FAILED};

/// A run made ready: inputs read, indicator files and configuration loaded,
/// rules selected. Plans are `sources[..plans]`; indicator files and the
/// configuration follow them.
pub(crate) struct Prepared {
    /// The directory of the planlint.toml in use, if any.
    pub(crate) config_dir: Option<PathBuf>,
    pub(crate) sources: Vec<SourceFile>,
    /// Where each plan came from (`None` for standard input and the seed).
    pub(crate) paths: Vec<Option<PathBuf>>,
    pub(crate) plans: usize,
    pub(crate) input_errors: Vec<InputError>,
    /// Diagnostics of loading: indicator files (F002).
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) loaded: Vec<(FileId, Option<Indicators>)>,
    /// For each plan, the index in `loaded` of its indicator file.
    pub(crate) chosen: Vec<Option<usize>>,
    pub(crate) linter: Linter,
    pub(crate) fail_level: Severity,
    /// An indicator file named or found could not be used.
    pub(crate) load_failed: bool,
    pub(crate) started: std::time::Instant,
    pub(crate) phases: Vec<(&'static str, std::time::Duration)>,
    /// Word documents whose fixes were written as tracked changes into a
    /// copy (`--fix --annotate`): the copy's bytes, by file, which the
    /// annotations then go into and the findings are of, and how many
    /// changes it holds.
    pub(crate) tracked: std::collections::BTreeMap<usize, (Vec<u8>, usize)>,
    /// Progress on a terminal (nothing elsewhere), until the report.
    pub(crate) progress: super::progress::Progress,
}

impl Prepared {
    /// How a baseline in `dir` names file `f`: its path relative to `dir`,
    /// however it was typed; standard input and the sample by their names.
    pub(crate) fn baseline_name(&self, f: FileId, dir: &std::path::Path) -> String {
        let name = &self.sources[f].name;
        match self.paths.get(f) {
            Some(Some(p)) => planlint::baseline::relative_to(p, dir),
            Some(None) => name.clone(),
            None if std::path::Path::new(name).exists() => {
                planlint::baseline::relative_to(std::path::Path::new(name), dir)
            }
            None => name.clone(),
        }
    }

    /// Lints every source, then reports the `[[ignore]]` entries of the
    /// configuration that matched nothing (F004): what `check` and a
    /// dropped file both do.
    pub(crate) fn lint(&mut self, timings: Option<&mut planlint::Timings>) {
        let found = self.linter.lint_all(&self.sources, &self.jobs(), timings);
        self.progress.done();
        self.diagnostics.extend(found);
        if let Some(config) = self.linter.config() {
            let names: Vec<&str> = self.sources[..self.plans]
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            let dir = self
                .config_dir
                .clone()
                .unwrap_or_else(|| PathBuf::from("."));
            let unused = config.unused_ignores(&names, &dir);
            self.diagnostics.extend(unused);
        }
    }

    pub(crate) fn jobs(&self) -> Vec<Job<'_>> {
        self.chosen
            .iter()
            .enumerate()
            .map(|(file, c)| Job {
                file,
                indicators: c.and_then(|k| self.loaded[k].1.as_ref()),
            })
            .collect()
    }
}

/// What a run lints.
pub(crate) enum Inputs<'a> {
    /// Files, directories or `-`; none: the config's `paths`, else `.`.
    Paths(&'a [PathBuf]),
    /// The embedded sample bundle and its indicator file.
    Sample,
}

/// Reads the configuration, rule packs, plans and indicator files. A failure
/// that stops the run is reported here and returned as its exit code.
pub(crate) fn prepare(opts: &mut Options, inputs: Inputs<'_>) -> Result<Prepared, ExitCode> {
    let (given, sample): (&[PathBuf], bool) = match inputs {
        Inputs::Paths(p) => (p, false),
        Inputs::Sample => (&[], true),
    };
    let started = std::time::Instant::now();
    let config_src = match config_source(opts, given) {
        Ok(c) => c,
        Err(e) => {
            errln!("error: {e}");
            return Err(ExitCode::from(FAILED));
        }
    };
    // Paths in the config are relative to it; the command line comes first.
    // A plan that none of the config's indicator files is for is normal (the
    // config serves a directory of plans); one that none of the files named
    // on the command line is for is worth a warning.
    let explicit_indicators = !opts.indicators.is_empty();
    let mut paths = given.to_vec();
    if let Some((src, dir)) = &config_src {
        let named = config::paths(src, dir);
        if opts.indicators.is_empty() {
            opts.indicators = named.indicators;
        }
        opts.rules.extend(named.rules);
        if paths.is_empty() && !sample {
            paths = named.inputs;
        }
    }
    // With no paths and no sample, `check` lints the working directory.
    if paths.is_empty() && !sample {
        paths.push(PathBuf::from("."));
    }
    // The catalogs and the packs are independent: loading them on two
    // threads takes the start-up of a one-file run from their sum to the
    // longer of the two (each is about 10 ms of parsing and automaton builds).
    let (packs, lexicon) = std::thread::scope(|s| {
        let lexicon = s.spawn(load_lexicon);
        let packs = load_packs(&opts.rules);
        (
            packs,
            lexicon
                .join()
                .expect("loading the built-in catalogs never panics"),
        )
    });
    let packs = packs.map_err(|e| pack_failure(&e))?;
    let lexicon = lexicon.map_err(|e| pack_failure(&e))?;
    let mut linter = Linter::new(lexicon, packs);
    let mut phases = vec![("load rule data", started.elapsed())];
    let clock = std::time::Instant::now();
    let (mut sources, origins, mut input_errors, progress) =
        read_inputs(&paths, &opts.stdin_filename);
    phases.push(("read and decode", clock.elapsed()));
    let plans = sources.len();
    let (indicator_sources, load_failed) =
        indicator_files(&opts.indicators, sample, &origins, &mut input_errors);
    // Indicator files join the run's sources so that diagnostics can point into them.
    let mut loaded: Vec<(FileId, Option<Indicators>)> = Vec::new();
    let mut diagnostics = Vec::new();
    for src in indicator_sources {
        let id = sources.len();
        let (ind, errors) = linter.load_indicators(&src, id);
        sources.push(src);
        diagnostics.extend(errors);
        loaded.push((id, ind));
    }
    let chosen: Vec<Option<usize>> = (0..plans)
        .map(|file| {
            let chosen = choose_indicators(&sources[file], &origins[file], &loaded, &sources);
            if explicit_indicators && chosen.is_none() && loaded.iter().any(|(_, i)| i.is_some()) {
                let names: Vec<&str> = loaded.iter().map(|(id, _)| sources[*id].name.as_str()).collect();
                progress.suspend(|| errln!(
                    "warning: {}: no indicator file names a region of this plan ({}); its indicator checks were skipped",
                    sources[file].name,
                    names.join(", ")
                ));
            }
            chosen
        })
        .collect();
    let load_failed = load_failed || loaded.iter().any(|(_, ind)| ind.is_none());
    let mut fail_level = Severity::Error;
    let config_dir = config_src.as_ref().map(|(_, dir)| dir.clone());
    if let Some((src, _)) = config_src {
        let id = sources.len();
        let (config, errors) = config::load(&src, id, linter.packs());
        sources.push(src);
        match config {
            Some(c) => {
                fail_level = c.fail_level;
                linter = linter.with_config(c);
            }
            None => {
                // A config with errors is not half-used: report it, lint nothing.
                diagnostics.extend(errors);
                let rules = rules::all(linter.packs());
                let run = Run {
                    sources: &sources,
                    linted: 0,
                    diagnostics: &diagnostics,
                    input_errors: &input_errors,
                    rules: &rules,
                };
                let _ = run.render(
                    opts.format,
                    &human_options(opts),
                    &mut std::io::stdout().lock(),
                );
                return Err(ExitCode::from(FAILED));
            }
        }
    }
    linter = linter.with_preview(opts.preview);
    let all = rules::all(linter.packs());
    let explicit: Vec<&'static str> = opts
        .select
        .iter()
        .chain(&opts.extend_select)
        .filter_map(|s| config::exact_rule(s, &all))
        .collect();
    drop(all);
    linter = linter.with_explicit(explicit);
    match select_from_cli(opts, linter.packs(), |code| linter.is_selected(code)) {
        Ok(Some(codes)) => linter = linter.with_rules(|r| codes.contains(r.meta().code)),
        Ok(None) => {}
        Err(e) => {
            errln!("error: {e}");
            return Err(ExitCode::from(FAILED));
        }
    }
    Ok(Prepared {
        config_dir,
        sources,
        paths: origins,
        plans,
        input_errors: std::mem::take(&mut input_errors),
        diagnostics,
        loaded,
        chosen,
        linter,
        fail_level,
        load_failed,
        started,
        phases,
        tracked: Default::default(),
        progress,
    })
}

/// The configuration of the run, read, with the directory its relative paths
/// start from: `--config FILE`, else the nearest planlint.toml at or above
/// the first input (or the working directory), unless `--no-config`.
pub(crate) fn config_source(
    opts: &Options,
    paths: &[PathBuf],
) -> Result<Option<(SourceFile, PathBuf)>, InputError> {
    let path = match &opts.config {
        Some(p) => Some(p.clone()),
        None if opts.no_config => None,
        None => {
            let start = paths
                .iter()
                .find(|p| p.as_os_str() != "-")
                .cloned()
                .unwrap_or_else(|| PathBuf::from("."));
            config::find(&start)
        }
    };
    let Some(path) = path else {
        return Ok(None);
    };
    // Shown relative to the working directory when it is below it.
    let path = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    let src = input::read_file(&path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    Ok(Some((src, dir)))
}

/// The rules `--select`, `--extend-select` and `--ignore` leave selected,
/// starting from the config's selection; `None` when none was given.
pub(crate) fn select_from_cli(
    opts: &Options,
    packs: &Packs,
    selected: impl Fn(&str) -> bool,
) -> Result<Option<std::collections::BTreeSet<&'static str>>, String> {
    if opts.select.is_empty() && opts.extend_select.is_empty() && opts.ignore.is_empty() {
        return Ok(None);
    }
    let all = rules::all(packs);
    let resolve = |flag: &str, list: &[String]| {
        let mut out = std::collections::BTreeSet::new();
        for s in list {
            let codes = config::resolve_selector(s, &all);
            if codes.is_empty() {
                return Err(format!(
                    "{flag} {s}: no rule code, code prefix, name or category `{s}`; `planlint rules` lists them"
                ));
            }
            out.extend(codes);
        }
        Ok(out)
    };
    let mut set = if opts.select.is_empty() {
        all.iter()
            .map(|r| r.meta().code)
            .filter(|c| selected(c))
            .collect()
    } else {
        resolve("--select", &opts.select)?
    };
    set.extend(resolve("--extend-select", &opts.extend_select)?);
    for c in resolve("--ignore", &opts.ignore)? {
        set.remove(c);
    }
    Ok(Some(set))
}

/// The plan texts to lint, each with the path it came from (`None` for
/// standard input and the embedded seed).
pub(crate) fn read_inputs(
    paths: &[PathBuf],
    stdin_filename: &str,
) -> (
    Vec<SourceFile>,
    Vec<Option<PathBuf>>,
    Vec<InputError>,
    super::progress::Progress,
) {
    if paths.is_empty() {
        return (
            vec![SourceFile::from_text(SEED_NAME, SEED_TEXT)],
            vec![None],
            Vec::new(),
            super::progress::Progress::new(0),
        );
    }
    let mut sources = Vec::new();
    let mut origins = Vec::new();
    let mut errors = Vec::new();
    let (stdin, named): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        match input::read_stdin(stdin_filename) {
            Ok(s) => {
                sources.push(s);
                origins.push(None);
            }
            Err(e) => errors.push(e),
        }
    }
    let expanded = input::expand(&named);
    errors.extend(expanded.errors);
    for skipped in &expanded.skipped {
        super::note(&skipped.to_string());
    }
    let progress = super::progress::Progress::new(expanded.files.len());
    for path in expanded.files {
        progress.inc();
        match input::read_file(&path) {
            Ok(s) => {
                sources.push(s);
                origins.push(Some(path));
            }
            Err(e) => errors.push(e),
        }
    }
    // A document with no text (a scan pasted as pictures, an empty file)
    // lints clean: say so, or "0 findings" reads as "no problems".
    progress.suspend(|| {
        for s in &sources {
            if s.text.trim().is_empty() {
                super::warning(&format!(
                    "{}: {}",
                    s.name,
                    planlint::i18n::t("input.no-text", &[])
                ));
            }
        }
    });
    progress.linting();
    (sources, origins, errors, progress)
}

/// The indicator files of the run: those named with `--indicators`, else
/// `PLAN.toml` beside each `PLAN.txt`, else (for the embedded seed) its own.
/// Returns them read, and whether one named explicitly could not be read.
pub(crate) fn indicator_files(
    named: &[PathBuf],
    seed: bool,
    paths: &[Option<PathBuf>],
    errors: &mut Vec<InputError>,
) -> (Vec<SourceFile>, bool) {
    let mut out = Vec::new();
    let mut failed = false;
    if !named.is_empty() {
        for path in named {
            match input::read_file(path) {
                Ok(s) => out.push(s),
                Err(e) => {
                    errors.push(e);
                    failed = true;
                }
            }
        }
        return (out, failed);
    }
    if seed {
        out.push(SourceFile::from_text(
            SEED_INDICATORS_NAME,
            SEED_INDICATORS_TEXT,
        ));
        return (out, false);
    }
    let mut seen = std::collections::BTreeSet::new();
    for path in paths.iter().flatten() {
        let toml = path.with_extension("toml");
        if toml.is_file() && seen.insert(toml.clone()) {
            match input::read_file(&toml) {
                Ok(s) => out.push(s),
                Err(e) => errors.push(e),
            }
        }
    }
    (out, failed)
}

/// The indicator file a plan is held to (see [`planlint::linter::indicators_for`]):
/// its sibling `PLAN.toml`, else one that names a region of the plan.
pub(crate) fn choose_indicators(
    plan: &SourceFile,
    path: &Option<PathBuf>,
    loaded: &[(FileId, Option<Indicators>)],
    sources: &[SourceFile],
) -> Option<usize> {
    let sibling = path
        .as_ref()
        .map(|p| p.with_extension("toml").display().to_string());
    planlint::linter::indicators_for(plan, sibling.as_deref(), loaded, sources)
}
