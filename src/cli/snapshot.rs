//! `planlint snapshot DIR --expect FILE`: the corpus check. Lints every text
//! of a folder and compares the findings with a reviewed expectation file;
//! a new finding, a finding that disappeared, or one not judged yet fails it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use planlint::expect::{Comparison, Expectations, Expected, Verdict};
use planlint::source::SourceFile;

use super::options::Options;
use super::prepare::{prepare, Inputs};
use super::FAILED;

#[derive(clap::Args)]
pub(crate) struct SnapshotArgs {
    /// The folder of texts (every *.txt, *.md, *.docx and *.html below it)
    pub(crate) dir: PathBuf,
    /// The reviewed expectation file (TOML)
    #[arg(long, value_name = "FILE")]
    pub(crate) expect: PathBuf,
    /// Rewrite the expectation file: keep the verdicts of findings still
    /// found, add new ones as `unreviewed` (they fail until judged), drop
    /// those no longer found
    #[arg(long)]
    pub(crate) update: bool,
    #[command(flatten)]
    pub(crate) opts: Options,
}

/// The path of `src` relative to `dir`, with `/`.
fn relative(src: &SourceFile, dir: &Path) -> String {
    let name = Path::new(&src.name);
    name.strip_prefix(dir)
        .unwrap_or(name)
        .to_string_lossy()
        .replace('\\', "/")
}

pub(crate) fn snapshot(mut args: SnapshotArgs) -> ExitCode {
    if !args.dir.is_dir() {
        errln!("error: {}: not a folder", args.dir.display());
        return ExitCode::from(FAILED);
    }
    let expectations = if args.expect.exists() {
        let text = match std::fs::read_to_string(&args.expect) {
            Ok(t) => t,
            Err(e) => {
                errln!("error: cannot read {}: {e}", args.expect.display());
                return ExitCode::from(FAILED);
            }
        };
        match Expectations::parse(&text) {
            Ok(x) => x,
            Err(e) => {
                errln!("error: {}: {e}", args.expect.display());
                return ExitCode::from(FAILED);
            }
        }
    } else if args.update {
        Expectations::default()
    } else {
        errln!(
            "error: {}: no such expectation file; write one with --update",
            args.expect.display()
        );
        return ExitCode::from(FAILED);
    };
    let run = match prepare(
        &mut args.opts,
        Inputs::Paths(std::slice::from_ref(&args.dir)),
    ) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if !run.input_errors.is_empty() {
        for e in &run.input_errors {
            errln!("error: {e}");
        }
        return ExitCode::from(FAILED);
    }
    let mut diagnostics = run.diagnostics.clone();
    diagnostics.extend(run.linter.lint(&run.sources, &run.jobs()));
    diagnostics.retain(|d| d.file < run.plans);
    let found = Expectations::found(&diagnostics, &run.sources, |s| relative(s, &args.dir));
    if args.update {
        let updated = expectations.updated(&found);
        if let Err(e) = std::fs::write(&args.expect, updated.to_toml()) {
            errln!("error: cannot write {}: {e}", args.expect.display());
            return ExitCode::from(FAILED);
        }
        let c = updated.compare(&found);
        print_tally(&updated);
        errln!(
            "wrote {} findings to {}; {} to review",
            updated.findings.len(),
            args.expect.display(),
            c.unreviewed.len()
        );
        return if c.passes() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    let c = expectations.compare(&found);
    print_comparison(&c);
    print_tally(&expectations);
    if c.passes() {
        outln!(
            "ok: {} findings in {} texts, as expected",
            found.iter().map(|f| f.0.count).sum::<usize>(),
            run.plans
        );
        ExitCode::SUCCESS
    } else {
        outln!(
            "failed: {} new, {} gone, {} unreviewed; read each, then judge it in {} \
             (`--update` adds new findings as unreviewed)",
            c.new.len(),
            c.gone.len(),
            c.unreviewed.len(),
            args.expect.display()
        );
        ExitCode::from(1)
    }
}

fn describe(e: &Expected) -> String {
    let count = if e.count > 1 {
        format!(" ×{}", e.count)
    } else {
        String::new()
    };
    format!(
        "{} {} “{}” in “{}【{}】{}”{count}",
        e.rule, e.message, e.text, e.before, e.text, e.after
    )
}

fn print_comparison(c: &Comparison) {
    for (e, column) in &c.new {
        outln!("+ {}:{}:{column}: new: {}", e.file, e.line, describe(e));
    }
    for e in &c.gone {
        let was = match e.verdict {
            Verdict::True => format!(" (was true: {})", e.reason),
            Verdict::Accepted => format!(" (was accepted: {})", e.reason),
            Verdict::Unreviewed => String::new(),
        };
        outln!("- {}:{}: gone: {}{was}", e.file, e.line, describe(e));
    }
    for e in &c.unreviewed {
        outln!("? {}:{}: unreviewed: {}", e.file, e.line, describe(e));
    }
}

/// Per rule: findings, verdicts and precision.
fn print_tally(x: &Expectations) {
    let tally = x.tally();
    if tally.is_empty() {
        return;
    }
    outln!(
        "{:<6} {:>8} {:>6} {:>9} {:>11} {:>10}",
        "rule",
        "findings",
        "true",
        "accepted",
        "unreviewed",
        "precision"
    );
    for (code, t) in &tally {
        let p = t
            .precision()
            .map_or_else(|| "-".to_owned(), |p| format!("{p:.1} %"));
        outln!(
            "{code:<6} {:>8} {:>6} {:>9} {:>11} {:>10}",
            t.total(),
            t.true_,
            t.accepted,
            t.unreviewed,
            p
        );
    }
}
