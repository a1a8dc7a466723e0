//! `planlint diff OLD NEW`: what a revision added.

use std::path::PathBuf;
use std::process::ExitCode;

use planlint::baseline::Baseline;
use planlint::diagnostic::Diagnostic;
use planlint::Timings;

use super::options::Options;
use super::output::finish;
use super::prepare::{prepare, Inputs};
use super::FAILED;
use planlint::i18n::t;

#[derive(clap::Args)]
pub(crate) struct DiffArgs {
    /// The earlier revision (`-` for standard input, e.g. from `git show`)
    pub(crate) old: PathBuf,
    /// The revision to check
    pub(crate) new: PathBuf,
    #[command(flatten)]
    pub(crate) opts: Options,
}

/// `planlint diff OLD NEW`: lints both; reports NEW's findings that OLD does
/// not have (by fingerprint, so moved text is not new) and D101 stale figures.
pub(crate) fn diff(mut args: DiffArgs) -> ExitCode {
    for p in [&args.old, &args.new] {
        if p.is_dir() {
            errln!(
                "error: {}: diff compares two plan files, not directories",
                p.display()
            );
            return ExitCode::from(FAILED);
        }
    }
    let paths = [args.old.clone(), args.new.clone()];
    let mut run = match prepare(&mut args.opts, Inputs::Paths(&paths)) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if run.plans != 2 {
        for e in &run.input_errors {
            errln!("error: {e}");
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
    let known = Baseline::from_diagnostics(&before, &run.sources, &|f| run.sources[f].name.clone())
        .filter(&mut added, &run.sources, None);
    let stale = run.linter.stale_figures(
        (old, &run.sources[old]),
        (new, &run.sources[new]),
        jobs[new].indicators,
    );
    drop(jobs);
    run.progress.done();
    run.phases.push(("lint (wall)", clock.elapsed()));
    run.diagnostics.extend(added);
    run.diagnostics.extend(stale);
    if known > 0 {
        errln!(
            "{}",
            t(
                "diff.known",
                &[("count", &known), ("file", &run.sources[old].name)]
            )
        );
    }
    finish(&args.opts, run, &timings)
}
