//! Rendering a run and choosing its exit code.

use std::io::Write;
use std::process::ExitCode;

use planlint::report::Run;
use planlint::Timings;

use super::options::{human_options, Options};
use super::prepare::Prepared;
use super::FAILED;

/// Renders the run's diagnostics and picks the exit code.
pub(crate) fn finish(opts: &Options, mut run: Prepared, timings: &Timings) -> ExitCode {
    run.progress.done();
    run.diagnostics.sort();
    let rules = planlint::rules::all(run.linter.packs());
    let report = Run {
        sources: &run.sources,
        linted: run.plans,
        diagnostics: &run.diagnostics,
        input_errors: &run.input_errors,
        rules: &rules,
    };
    for e in &run.input_errors {
        super::error(&e.to_string());
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
            super::error(&planlint::i18n::t(
                "output.cannot-write",
                &[("error", &planlint::i18n::io_error(&e))],
            ));
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

/// The `--timings` table, on standard error: the run's phases, then the
/// stages and rules summed over files (CPU time across threads).
pub(crate) fn print_timings(t: &Timings, phases: &[(&str, std::time::Duration)], bytes: usize) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    errln!("{:<28} {:>10}", "phase", "ms");
    for (name, d) in phases {
        errln!("{name:<28} {:>10.2}", ms(*d));
    }
    if let Some((_, lint)) = phases.iter().find(|(n, _)| *n == "lint (wall)") {
        let mb = bytes as f64 / 1e6;
        errln!(
            "{:<28} {:>10.1}",
            "MB/s (lint, wall)",
            mb / lint.as_secs_f64().max(1e-9)
        );
    }
    errln!("\n{:<28} {:>10}", "stage (summed over files)", "ms");
    for (name, d) in &t.stages {
        errln!("{name:<28} {:>10.2}", ms(*d));
    }
    let mut rules: Vec<_> = t.rules.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    errln!("\n{:<28} {:>10}", "rule (summed over files)", "ms");
    for (code, d) in rules {
        errln!("{code:<28} {:>10.2}", ms(*d));
    }
}
