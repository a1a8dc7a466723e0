//! The `planlint` command: parses arguments, calls the library, picks the exit
//! code. Exit 0: no errors found; 1: errors found; 2: the run itself failed.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use planlint::baseline::Baseline;
use planlint::config;
use planlint::diagnostic::{Diagnostic, FileId, Severity};
use planlint::fix::{self, fix_text, FixLevel, Fixed};
use planlint::indicators::{self, Indicators};
use planlint::input::{self, InputError};
use planlint::packs::{PackError, Packs};
use planlint::report::{Format, HumanOptions, Run};
use planlint::rules;
use planlint::source::SourceFile;
use planlint::{
    Job, Linter, Timings, SEED_INDICATORS_NAME, SEED_INDICATORS_TEXT, SEED_NAME, SEED_TEXT,
};

#[derive(Parser)]
#[command(
    name = "planlint",
    version,
    about = "A linter for Chinese government planning documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint plan texts (with no paths: the embedded sample bundle)
    Check(CheckArgs),
    /// Lint two revisions of a plan; report what NEW added: new findings, and
    /// figures changed in one place but left at the old value in another
    Diff(DiffArgs),
    /// List every rule: code, name, category, default severity, fixable
    Rules {
        /// Also list the rules of the packs in this directory (repeatable)
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Print a rule's documentation
    Explain {
        /// A rule code (C101) or name (structure-label)
        rule: String,
        /// Also look in the packs of this directory (repeatable)
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Run the language server on standard input and output
    Lsp,
    /// Draft an indicator file from a plan's own text, to review
    Init {
        /// The plan text (with no path: the embedded sample)
        path: Option<PathBuf>,
        /// Write the draft here instead of to standard output (never overwrites)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// What `check` and `diff` share: output, rules, configuration, indicators.
#[derive(clap::Args)]
struct Options {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The file name to show for standard input
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    /// Exit 0 even when errors are found (a failed run still exits 2)
    #[arg(long)]
    exit_zero: bool,
    /// Colour in human output: auto (when writing to a terminal), always, never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Indicator file(s) to hold the plans to (repeatable). Without it,
    /// PLAN.toml beside PLAN.txt is used when it exists.
    #[arg(long = "indicators", value_name = "FILE")]
    indicators: Vec<PathBuf>,
    /// A directory of extra rule packs (every *.toml in it; repeatable)
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Print the time of each stage and rule to standard error
    #[arg(long)]
    timings: bool,
    /// The configuration to use (default: planlint.toml in the first input's
    /// directory or above it)
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every planlint.toml
    #[arg(long)]
    no_config: bool,
    /// Run only these rules: codes, code prefixes, names or categories
    /// (comma-separated; replaces the config's `select`)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Also run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    extend_select: Vec<String>,
    /// Do not run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, directories (every *.txt below them) or `-` for standard input
    paths: Vec<PathBuf>,
    #[command(flatten)]
    opts: Options,
    /// Apply safe fixes to the files, then report what is left
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (read the diff first)
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1
    /// when there is something to fix
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Write every finding to this baseline file (JSON) and exit 0
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "diff"])]
    write_baseline: Option<PathBuf>,
    /// Report only findings that this baseline file does not list
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The earlier revision (`-` for standard input, e.g. from `git show`)
    old: PathBuf,
    /// The revision to check
    new: PathBuf,
    #[command(flatten)]
    opts: Options,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Diff(args) => diff(args),
        Command::Lsp => match planlint::lsp::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: language server: {e}");
                ExitCode::from(FAILED)
            }
        },
        Command::Rules { rules } => match load_packs(&rules) {
            Ok(packs) => {
                print_rules(&packs);
                ExitCode::SUCCESS
            }
            Err(e) => pack_failure(&e),
        },
        Command::Explain { rule, rules } => match load_packs(&rules) {
            Ok(packs) => explain(&packs, &rule),
            Err(e) => pack_failure(&e),
        },
        Command::Init { path, output } => init(path.as_deref(), output.as_deref()),
    }
}

fn init(path: Option<&std::path::Path>, output: Option<&std::path::Path>) -> ExitCode {
    let packs = match Packs::builtin() {
        Ok(p) => p,
        Err(e) => return pack_failure(&e),
    };
    let src = match path {
        None => SourceFile::from_text(SEED_NAME, SEED_TEXT),
        Some(p) => match input::read_file(p) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(FAILED);
            }
        },
    };
    let draft = planlint::init::draft(&src, &packs);
    match output {
        None => {
            print!("{draft}");
            ExitCode::SUCCESS
        }
        Some(out) => {
            // create_new: a draft never overwrites a reviewed file.
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(out)
                .and_then(|mut f| f.write_all(draft.as_bytes()));
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", out.display());
                    ExitCode::from(FAILED)
                }
            }
        }
    }
}

const FAILED: u8 = 2;

/// The built-in rule data and packs, and the packs of `dirs`.
fn load_packs(dirs: &[PathBuf]) -> Result<Packs, PackError> {
    let mut packs = Packs::builtin()?;
    for dir in dirs {
        packs.add_dir(dir)?;
    }
    Ok(packs)
}

/// A run made ready: inputs read, indicator files and configuration loaded,
/// rules selected. Plans are `sources[..plans]`; indicator files and the
/// configuration follow them.
struct Prepared {
    sources: Vec<SourceFile>,
    /// Where each plan came from (`None` for standard input and the seed).
    paths: Vec<Option<PathBuf>>,
    plans: usize,
    input_errors: Vec<InputError>,
    /// Diagnostics of loading: indicator files (F002).
    diagnostics: Vec<Diagnostic>,
    loaded: Vec<(FileId, Option<Indicators>)>,
    /// For each plan, the index in `loaded` of its indicator file.
    chosen: Vec<Option<usize>>,
    linter: Linter,
    fail_level: Severity,
    /// An indicator file named or found could not be used.
    load_failed: bool,
    started: std::time::Instant,
    phases: Vec<(&'static str, std::time::Duration)>,
}

impl Prepared {
    fn jobs(&self) -> Vec<Job<'_>> {
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

/// Reads the configuration, rule packs, plans (`paths`; none for the
/// embedded seed) and indicator files. A failure that stops the run is
/// reported here and returned as its exit code.
fn prepare(opts: &mut Options, paths: &[PathBuf]) -> Result<Prepared, ExitCode> {
    let started = std::time::Instant::now();
    let config_src = match config_source(opts, paths) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(FAILED));
        }
    };
    // Paths in the config are relative to it; the command line comes first.
    // A plan that none of the config's indicator files is for is normal (the
    // config serves a directory of plans); one that none of the files named
    // on the command line is for is worth a warning.
    let explicit_indicators = !opts.indicators.is_empty();
    if let Some((src, dir)) = &config_src {
        let (indicators, rules) = config::paths(src, dir);
        if opts.indicators.is_empty() {
            opts.indicators = indicators;
        }
        opts.rules.extend(rules);
    }
    let packs = load_packs(&opts.rules).map_err(|e| pack_failure(&e))?;
    let mut phases = vec![("load rule data", started.elapsed())];
    let clock = std::time::Instant::now();
    let (mut sources, origins, mut input_errors) = read_inputs(paths, &opts.stdin_filename);
    phases.push(("read and decode", clock.elapsed()));
    let plans = sources.len();
    let (indicator_sources, load_failed) = indicator_files(
        &opts.indicators,
        paths.is_empty(),
        &origins,
        &mut input_errors,
    );
    // Indicator files join the run's sources so that diagnostics can point into them.
    let mut loaded: Vec<(FileId, Option<Indicators>)> = Vec::new();
    let mut diagnostics = Vec::new();
    for src in indicator_sources {
        let id = sources.len();
        let (ind, errors) = indicators::load(&src, id, &packs);
        sources.push(src);
        diagnostics.extend(errors);
        loaded.push((id, ind));
    }
    let chosen: Vec<Option<usize>> = (0..plans)
        .map(|file| {
            let chosen = choose_indicators(&sources[file], &origins[file], &loaded, &sources);
            if explicit_indicators && chosen.is_none() && loaded.iter().any(|(_, i)| i.is_some()) {
                let names: Vec<&str> = loaded.iter().map(|(id, _)| sources[*id].name.as_str()).collect();
                eprintln!(
                    "warning: {}: no indicator file names a region of this plan ({}); its indicator checks were skipped",
                    sources[file].name,
                    names.join(", ")
                );
            }
            chosen
        })
        .collect();
    let load_failed = load_failed || loaded.iter().any(|(_, ind)| ind.is_none());
    let mut linter = Linter::new(packs);
    let mut fail_level = Severity::Error;
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
                let run = Run {
                    sources: &sources,
                    linted: 0,
                    diagnostics: &diagnostics,
                    input_errors: &input_errors,
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
    match select_from_cli(opts, linter.packs(), |code| linter.is_selected(code)) {
        Ok(Some(codes)) => linter = linter.with_rules(|r| codes.contains(r.meta().code)),
        Ok(None) => {}
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(FAILED));
        }
    }
    Ok(Prepared {
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
    })
}

fn check(mut args: CheckArgs) -> ExitCode {
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match read_baseline(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("error: {}: cannot read the baseline: {e}", path.display());
                return ExitCode::from(FAILED);
            }
        },
    };
    let mut run = match prepare(&mut args.opts, &args.paths) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if args.diff {
        return print_diffs(&run.linter, &run.sources, &run.jobs(), fix_level(&args));
    }
    if args.fix {
        if args.paths.is_empty() {
            eprintln!("error: the embedded sample is read-only; use --diff to see its fixes");
            return ExitCode::from(FAILED);
        }
        let fixed = fix_all(&run.linter, &run.sources, &run.jobs(), fix_level(&args));
        fix_files(&mut run, fixed);
    }
    let mut timings = Timings::default();
    let clock = std::time::Instant::now();
    let found = run.linter.lint_all(
        &run.sources,
        &run.jobs(),
        args.opts.timings.then_some(&mut timings),
    );
    run.phases.push(("lint (wall)", clock.elapsed()));
    run.diagnostics.extend(found);
    if let Some(config) = run.linter.config() {
        let names: Vec<&str> = run.sources[..run.plans]
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        let unused = config.unused_ignores(&names);
        run.diagnostics.extend(unused);
    }
    run.diagnostics.sort();
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &run);
    }
    if let Some(baseline) = baseline {
        let known = baseline.filter(&mut run.diagnostics, &run.sources, true);
        if known > 0 {
            eprintln!(
                "{known} {} listed in the baseline not shown",
                plural(known, "finding")
            );
        }
    }
    finish(&args.opts, run, &timings)
}

/// `planlint diff OLD NEW`: lints both; reports NEW's findings that OLD does
/// not have (by fingerprint, so moved text is not new) and D101 stale figures.
fn diff(mut args: DiffArgs) -> ExitCode {
    for p in [&args.old, &args.new] {
        if p.is_dir() {
            eprintln!(
                "error: {}: diff compares two plan files, not directories",
                p.display()
            );
            return ExitCode::from(FAILED);
        }
    }
    let paths = [args.old.clone(), args.new.clone()];
    let mut run = match prepare(&mut args.opts, &paths) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if run.plans != 2 {
        for e in &run.input_errors {
            eprintln!("error: {e}");
        }
        return ExitCode::from(FAILED);
    }
    // Standard input is read first: `diff plan.txt -` has NEW at index 0.
    let (old, new) = if args.new.as_os_str() == "-" && args.old.as_os_str() != "-" {
        (1, 0)
    } else {
        (0, 1)
    };
    let mut timings = Timings::default();
    let clock = std::time::Instant::now();
    let jobs = run.jobs();
    let found = run.linter.lint_all(
        &run.sources,
        &jobs,
        args.opts.timings.then_some(&mut timings),
    );
    let (mut added, before): (Vec<Diagnostic>, Vec<Diagnostic>) = found
        .into_iter()
        .filter(|d| d.file == old || d.file == new)
        .partition(|d| d.file == new);
    let known =
        Baseline::from_diagnostics(&before, &run.sources).filter(&mut added, &run.sources, false);
    let stale = run.linter.stale_figures(
        (old, &run.sources[old]),
        (new, &run.sources[new]),
        jobs[new].indicators,
    );
    drop(jobs);
    run.phases.push(("lint (wall)", clock.elapsed()));
    run.diagnostics.extend(added);
    run.diagnostics.extend(stale);
    if known > 0 {
        eprintln!(
            "{known} {} also in {} not shown",
            plural(known, "finding"),
            run.sources[old].name
        );
    }
    finish(&args.opts, run, &timings)
}

fn read_baseline(path: &std::path::Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    Baseline::parse(&text)
}

/// `check --write-baseline`: every finding of the run, to `path`.
fn write_baseline(path: &std::path::Path, run: &Prepared) -> ExitCode {
    for e in &run.input_errors {
        eprintln!("error: {e}");
    }
    let baseline = Baseline::from_diagnostics(&run.diagnostics, &run.sources);
    if let Err(e) = std::fs::write(path, baseline.to_json()) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return ExitCode::from(FAILED);
    }
    eprintln!(
        "wrote {} {} to {}",
        run.diagnostics.len(),
        plural(run.diagnostics.len(), "finding"),
        path.display()
    );
    if !run.input_errors.is_empty() || run.load_failed {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// Renders the run's diagnostics and picks the exit code.
fn finish(opts: &Options, mut run: Prepared, timings: &Timings) -> ExitCode {
    run.diagnostics.sort();
    let report = Run {
        sources: &run.sources,
        linted: run.plans,
        diagnostics: &run.diagnostics,
        input_errors: &run.input_errors,
    };
    for e in &run.input_errors {
        eprintln!("error: {e}");
    }
    let mut stdout = std::io::stdout().lock();
    let clock = std::time::Instant::now();
    let rendered = report
        .render(opts.format, &human_options(opts), &mut stdout)
        .and_then(|()| stdout.flush());
    if opts.timings {
        let bytes: usize = run.sources[..run.plans].iter().map(|s| s.text.len()).sum();
        run.phases.push(("render", clock.elapsed()));
        run.phases.push(("total", run.started.elapsed()));
        print_timings(timings, &run.phases, bytes);
    }
    if let Err(e) = rendered {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
        }
        return ExitCode::from(FAILED);
    }
    if !run.input_errors.is_empty() || run.load_failed {
        ExitCode::from(FAILED)
    } else if !opts.exit_zero && run.diagnostics.iter().any(|d| d.severity >= run.fail_level) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn human_options(opts: &Options) -> HumanOptions {
    HumanOptions {
        color: use_color(opts.color),
        width: terminal_width(),
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// The configuration of the run, read, with the directory its relative paths
/// start from: `--config FILE`, else the nearest planlint.toml at or above
/// the first input (or the working directory), unless `--no-config`.
fn config_source(
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
fn select_from_cli(
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

fn fix_level(args: &CheckArgs) -> FixLevel {
    if args.unsafe_fixes {
        FixLevel::Unsafe
    } else {
        FixLevel::Safe
    }
}

/// `check --diff`: the fixes of every plan as a unified diff on standard
/// output. Exit 1 when there is a fix to apply, 0 when there is none.
fn print_diffs(
    linter: &Linter,
    sources: &[SourceFile],
    jobs: &[Job<'_>],
    level: FixLevel,
) -> ExitCode {
    let fixed = fix_all(linter, sources, jobs, level);
    let mut out = String::new();
    let mut count = 0;
    for (job, fixed) in jobs.iter().zip(&fixed) {
        let old = &sources[job.file];
        if fixed.applied == 0 {
            continue;
        }
        count += fixed.applied;
        let diff = similar::TextDiff::from_lines(&old.text, &fixed.text);
        out.push_str(
            &diff
                .unified_diff()
                .header(&old.name, &old.name)
                .missing_newline_hint(false)
                .to_string(),
        );
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
        }
        return ExitCode::from(FAILED);
    }
    if count == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("would fix {count} {}", plural(count, "problem"));
        ExitCode::from(1)
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// Each plan fixed to a fixpoint, in parallel; in the order of `jobs`.
fn fix_all(
    linter: &Linter,
    sources: &[SourceFile],
    jobs: &[Job<'_>],
    level: FixLevel,
) -> Vec<Fixed> {
    use rayon::prelude::*;
    jobs.par_iter()
        .map(|job| fix_text(linter, &sources[job.file], job.indicators, level))
        .collect()
}

/// `check --fix`: writes each fixed plan back to its file (atomically, in its
/// own encoding) and replaces its source so that the report shows what is
/// left. A file that cannot be written is an input error and stays as it was.
/// `fixed` is in the order of `run.jobs()`: plan `i` is file `i`.
fn fix_files(run: &mut Prepared, fixed: Vec<Fixed>) {
    let (mut count, mut files) = (0, 0);
    for (file, fixed) in fixed.into_iter().enumerate() {
        if fixed.applied == 0 {
            continue;
        }
        let src = &run.sources[file];
        let Some(path) = &run.paths[file] else {
            run.input_errors.push(InputError {
                file: src.name.clone(),
                message: "cannot write fixes to standard input; use --diff".to_owned(),
            });
            continue;
        };
        match fix::write_atomic(path, &fix::encode_like(src, &fixed.text)) {
            Ok(()) => {
                count += fixed.applied;
                files += 1;
                run.sources[file] = src.with_text(fixed.text);
            }
            Err(e) => run.input_errors.push(InputError {
                file: src.name.clone(),
                message: format!("cannot write fixes: {e}"),
            }),
        }
    }
    if count > 0 {
        eprintln!(
            "fixed {count} {} in {files} {}",
            plural(count, "problem"),
            plural(files, "file")
        );
    }
}

/// The plan texts to lint, each with the path it came from (`None` for
/// standard input and the embedded seed).
fn read_inputs(
    paths: &[PathBuf],
    stdin_filename: &str,
) -> (Vec<SourceFile>, Vec<Option<PathBuf>>, Vec<InputError>) {
    if paths.is_empty() {
        return (
            vec![SourceFile::from_text(SEED_NAME, SEED_TEXT)],
            vec![None],
            Vec::new(),
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
    let (files, expand_errors) = input::expand(&named);
    errors.extend(expand_errors);
    for path in files {
        match input::read_file(&path) {
            Ok(s) => {
                sources.push(s);
                origins.push(Some(path));
            }
            Err(e) => errors.push(e),
        }
    }
    (sources, origins, errors)
}

/// The indicator files of the run: those named with `--indicators`, else
/// `PLAN.toml` beside each `PLAN.txt`, else (for the embedded seed) its own.
/// Returns them read, and whether one named explicitly could not be read.
fn indicator_files(
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

/// The indicator file a plan is held to: its sibling `PLAN.toml`, else the
/// first loaded file that names a region the plan's text mentions. A file
/// that names none of them belongs to another plan and is not used.
fn choose_indicators(
    plan: &SourceFile,
    path: &Option<PathBuf>,
    loaded: &[(FileId, Option<Indicators>)],
    sources: &[SourceFile],
) -> Option<usize> {
    if let Some(path) = path {
        let sibling = path.with_extension("toml").display().to_string();
        if let Some(k) = loaded
            .iter()
            .position(|(id, ind)| ind.is_some() && sources[*id].name == sibling)
        {
            return Some(k);
        }
    }
    // Names only: aliases such as 全省 stand in every plan of every province.
    loaded.iter().position(|(_, ind)| {
        ind.as_ref()
            .is_some_and(|ind| ind.regions.iter().any(|r| plan.text.contains(&r.name)))
    })
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}

/// The `--timings` table, on standard error: the run's phases, then the
/// stages and rules summed over files (CPU time across threads).
fn print_timings(t: &Timings, phases: &[(&str, std::time::Duration)], bytes: usize) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!("{:<28} {:>10}", "phase", "ms");
    for (name, d) in phases {
        eprintln!("{name:<28} {:>10.2}", ms(*d));
    }
    if let Some((_, lint)) = phases.iter().find(|(n, _)| *n == "lint (wall)") {
        let mb = bytes as f64 / 1e6;
        eprintln!(
            "{:<28} {:>10.1}",
            "MB/s (lint, wall)",
            mb / lint.as_secs_f64().max(1e-9)
        );
    }
    eprintln!("\n{:<28} {:>10}", "stage (summed over files)", "ms");
    for (name, d) in &t.stages {
        eprintln!("{name:<28} {:>10.2}", ms(*d));
    }
    let mut rules: Vec<_> = t.rules.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    eprintln!("\n{:<28} {:>10}", "rule (summed over files)", "ms");
    for (code, d) in rules {
        eprintln!("{code:<28} {:>10.2}", ms(*d));
    }
}

fn pack_failure(e: &PackError) -> ExitCode {
    eprintln!("error: cannot load rule data {e}");
    ExitCode::from(FAILED)
}

fn print_rules(packs: &Packs) {
    println!(
        "{:<6} {:<22} {:<12} {:<8} fix",
        "code", "name", "category", "severity"
    );
    for r in rules::all(packs) {
        let m = r.meta();
        println!(
            "{:<6} {:<22} {:<12} {:<8} {}",
            m.code,
            m.name,
            m.category.as_str(),
            m.severity.as_str(),
            m.fix.as_str()
        );
    }
}

fn explain(packs: &Packs, key: &str) -> ExitCode {
    let Some(rule) = rules::find(packs, key) else {
        eprintln!("error: no rule named `{key}`; `planlint rules` lists them");
        return ExitCode::from(FAILED);
    };
    let m = rule.meta();
    println!("# {} ({})\n", m.name, m.code);
    println!("{}\n", m.summary);
    println!(
        "Category: {}. Default severity: {}. Fix: {}.\n",
        m.category.as_str(),
        m.severity.as_str(),
        m.fix.as_str()
    );
    print!("{}", m.doc);
    ExitCode::SUCCESS
}
