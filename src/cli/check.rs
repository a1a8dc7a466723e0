//! `planlint check`: lint, fix, baseline.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use planlint::baseline::Baseline;
use planlint::diagnostic::FileId;
use planlint::fix::{self, fix_text, FixLevel, Fixed};
use planlint::input::InputError;
use planlint::source::SourceFile;
use planlint::{Job, Linter, Timings};

use super::options::Options;
use super::output::finish;
use super::prepare::{prepare, Inputs, Prepared};
use super::{error, note, warning, FAILED};
use planlint::i18n::t;

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    /// Files, directories (every *.txt, *.md, *.docx and *.html below them) or `-` for standard
    /// input; none: the `paths` of planlint.toml, else the working directory
    pub(crate) paths: Vec<PathBuf>,
    /// Lint the embedded sample bundle (seeds/gansu-2021-93.txt) with its
    /// indicator file
    #[arg(long, conflicts_with = "paths")]
    pub(crate) sample: bool,
    #[command(flatten)]
    pub(crate) opts: Options,
    /// Apply safe fixes to the files, then report what is left
    #[arg(long)]
    pub(crate) fix: bool,
    /// Apply unsafe fixes too (read the diff first); without --diff it
    /// implies --fix
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1
    /// when there is something to fix
    #[arg(long, conflicts_with = "fix")]
    pub(crate) diff: bool,
    /// Write every finding to this baseline file (JSON) and exit 0
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "diff"])]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Report only findings that this baseline file does not list
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Write a copy of each Word document (.docx) with one comment (批注)
    /// per finding: to this .docx for one document, else into this
    /// directory, subfolders mirrored (a folder walk skips these copies).
    /// The originals are never changed
    #[arg(long, value_name = "PATH", conflicts_with_all = ["diff", "write_baseline"])]
    pub(crate) annotate: Option<PathBuf>,
}

pub(crate) fn check(mut args: CheckArgs) -> ExitCode {
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match read_baseline(path) {
            Ok(b) => Some(b),
            Err(e) => {
                error(&t(
                    "check.baseline-unreadable",
                    &[("path", &path.display()), ("error", &e)],
                ));
                return ExitCode::from(FAILED);
            }
        },
    };
    let inputs = if args.sample {
        Inputs::Sample
    } else {
        Inputs::Paths(&args.paths)
    };
    // --unsafe-fixes asks for fixes: alone, it means --fix --unsafe-fixes.
    if args.unsafe_fixes && !args.diff {
        args.fix = true;
    }
    let mut run = match prepare(&mut args.opts, inputs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if args.diff {
        run.progress.done();
        return print_diffs(&run.linter, &run.sources, &run.jobs(), fix_level(&args));
    }
    if args.fix {
        if args.sample {
            error(&t("check.sample-read-only", &[]));
            return ExitCode::from(FAILED);
        }
        let fixed = fix_all(&run.linter, &run.sources, &run.jobs(), fix_level(&args));
        // fix_files writes notes: the bar goes first.
        run.progress.done();
        fix_files(&mut run, fixed, args.annotate.is_some());
    }
    let mut timings = Timings::default();
    let clock = std::time::Instant::now();
    run.lint(args.opts.timings.then_some(&mut timings));
    run.phases.push(("lint (wall)", clock.elapsed()));
    run.diagnostics.sort();
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &run);
    }
    if let (Some(baseline), Some(path)) = (baseline, &args.baseline) {
        let dir = baseline_dir(path);
        let names: Vec<String> = (0..run.sources.len())
            .map(|f| run.baseline_name(f, &dir))
            .collect();
        let name_of = |f: FileId| names[f].clone();
        let linted: std::collections::BTreeSet<&String> = names.iter().collect();
        let mut diagnostics = std::mem::take(&mut run.diagnostics);
        let known = baseline.filter(&mut diagnostics, &run.sources, Some(&name_of));
        run.diagnostics = diagnostics;
        if known > 0 {
            errln!("{}", t("check.baseline-known", &[("count", &known)]));
        }
        if !baseline.findings.is_empty()
            && !baseline.findings.iter().any(|e| linted.contains(&e.file))
        {
            warning(&t("check.baseline-no-file", &[("path", &path.display())]));
        }
    }
    if let Some(out) = &args.annotate {
        let roots = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        annotate_files(&mut run, out, &roots);
    }
    finish(&args.opts, run, &timings)
}

/// `check --annotate OUT`: a commented copy of each Word document of the run,
/// at `out` (one document, `out` ending in .docx) or in directory `out`.
/// In a directory, each copy stands where its document stands under the
/// folder named on the command line (`roots`): `甲/规划.docx` and
/// `乙/规划.docx` keep apart. What cannot be written is an input error; an
/// original is never written.
pub(crate) fn annotate_files(run: &mut Prepared, out: &std::path::Path, roots: &[PathBuf]) {
    let docs: Vec<(usize, PathBuf)> = (0..run.plans)
        .filter(|&f| run.sources[f].is_docx())
        .filter_map(|f| run.paths[f].clone().map(|p| (f, p)))
        .collect();
    let fail = |file: String, message: String| InputError { file, message };
    let to_file = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        && !out.is_dir();
    if docs.is_empty() {
        run.input_errors.push(fail(
            out.display().to_string(),
            t("check.annotate-no-docx", &[]),
        ));
        return;
    }
    if to_file && docs.len() > 1 {
        run.input_errors.push(fail(
            out.display().to_string(),
            t("check.annotate-many", &[("count", &docs.len())]),
        ));
        return;
    }
    let dir = if to_file {
        out.parent().filter(|d| !d.as_os_str().is_empty())
    } else {
        Some(out)
    };
    if let Some(dir) = dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            run.input_errors.push(fail(
                dir.display().to_string(),
                t(
                    "check.annotate-mkdir",
                    &[("error", &planlint::i18n::io_error(&e))],
                ),
            ));
            return;
        }
    }
    let mut written = std::collections::BTreeSet::new();
    for (file, path) in docs {
        let dest = if to_file {
            out.to_path_buf()
        } else {
            out.join(mirrored(&path, roots))
        };
        if let Some(parent) = dest.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                run.input_errors.push(fail(
                    parent.display().to_string(),
                    t(
                        "check.annotate-mkdir",
                        &[("error", &planlint::i18n::io_error(&e))],
                    ),
                ));
                continue;
            }
        }
        let name = run.sources[file].name.clone();
        let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
        if same(&dest, &path) {
            run.input_errors.push(fail(
                name,
                t("check.annotate-original", &[("path", &dest.display())]),
            ));
            continue;
        }
        if !written.insert(dest.clone()) {
            run.input_errors.push(fail(
                name,
                t("check.annotate-same-name", &[("path", &dest.display())]),
            ));
            continue;
        }
        let (bytes, revisions) = match run.tracked.get(&file) {
            Some((bytes, n)) => (Ok(bytes.clone()), *n),
            None => (
                std::fs::read(&path).map_err(|e| planlint::i18n::io_error(&e)),
                0,
            ),
        };
        let result = bytes
            .and_then(|bytes| {
                planlint::report::annotate::annotate(&bytes, file, &run.sources, &run.diagnostics)
                    .map_err(|e| e.to_string())
            })
            .and_then(|copy| {
                fix::write_new(&dest, &copy.bytes)
                    .map(|()| copy)
                    .map_err(|e| {
                        t(
                            "check.annotate-write",
                            &[
                                ("path", &dest.display()),
                                ("error", &planlint::i18n::io_error(&e)),
                            ],
                        )
                    })
            });
        match result {
            Ok(copy) => {
                let missing = match copy.unplaced {
                    0 => String::new(),
                    n => t("check.annotate-unplaced", &[("count", &n)]),
                };
                let revisions = match revisions {
                    0 => String::new(),
                    n => t("check.annotate-revisions", &[("count", &n)]),
                };
                errln!(
                    "{}",
                    t(
                        "check.annotate-done",
                        &[
                            ("path", &dest.display()),
                            ("revisions", &revisions),
                            ("comments", &copy.placed),
                            ("missing", &missing),
                        ],
                    )
                );
            }
            Err(e) => run.input_errors.push(fail(name, e)),
        }
    }
}

/// Where a document's copy goes in the output directory: its path under the
/// directory named on the command line that holds it (`稿/甲/规划.docx`
/// named as `稿` → `甲/规划.docx`), or its file name when it was named
/// itself. A path that would climb out (`..`) keeps only its file name.
fn mirrored(path: &std::path::Path, roots: &[PathBuf]) -> PathBuf {
    use std::path::Component;
    let name = PathBuf::from(path.file_name().unwrap_or_default());
    let under = roots
        .iter()
        .filter(|r| r.is_dir())
        .filter_map(|r| path.strip_prefix(r).ok())
        .min_by_key(|rel| rel.components().count());
    match under {
        Some(rel) if rel.components().all(|c| matches!(c, Component::Normal(_))) => {
            rel.to_path_buf()
        }
        _ => name,
    }
}

/// The directory a baseline file's paths are relative to.
fn baseline_dir(path: &std::path::Path) -> PathBuf {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
}

pub(crate) fn read_baseline(path: &std::path::Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| planlint::i18n::io_error(&e))?;
    Baseline::parse(&text)
}

/// `check --write-baseline`: every finding of the run, to `path`.
pub(crate) fn write_baseline(path: &std::path::Path, run: &Prepared) -> ExitCode {
    for e in &run.input_errors {
        error(&e.to_string());
    }
    let dir = baseline_dir(path);
    let baseline = Baseline::from_diagnostics(&run.diagnostics, &run.sources, &|f| {
        run.baseline_name(f, &dir)
    });
    if let Err(e) = std::fs::write(path, baseline.to_json()) {
        error(&t(
            "check.cannot-write",
            &[
                ("path", &path.display()),
                ("error", &planlint::i18n::io_error(&e)),
            ],
        ));
        return ExitCode::from(FAILED);
    }
    errln!(
        "{}",
        t(
            "check.baseline-written",
            &[("count", &run.diagnostics.len()), ("path", &path.display())],
        )
    );
    if !run.input_errors.is_empty() || run.load_failed {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn fix_level(args: &CheckArgs) -> FixLevel {
    if args.unsafe_fixes {
        FixLevel::Unsafe
    } else {
        FixLevel::Safe
    }
}

/// `check --diff`: the fixes of every plan as a unified diff on standard
/// output. Exit 1 when there is a fix to apply, 0 when there is none.
pub(crate) fn print_diffs(
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
        // A page's diff is of its source: what `--fix` would write.
        let (before, after) = match (&old.markup, &fixed.page) {
            (Some(markup), Some(page)) => (markup.source.as_str(), page.as_str()),
            _ => (old.text.as_str(), fixed.text.as_str()),
        };
        let diff = similar::TextDiff::from_lines(before, after);
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
            error(&t(
                "output.cannot-write",
                &[("error", &planlint::i18n::io_error(&e))],
            ));
        }
        return ExitCode::from(FAILED);
    }
    if count == 0 {
        ExitCode::SUCCESS
    } else {
        errln!("{}", t("check.would-fix", &[("count", &count)]));
        ExitCode::from(1)
    }
}

/// Each plan fixed to a fixpoint, in parallel; in the order of `jobs`.
pub(crate) fn fix_all(
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
pub(crate) fn fix_files(run: &mut Prepared, fixed: Vec<Fixed>, annotate: bool) {
    let (mut count, mut files) = (0, 0);
    for (file, fixed) in fixed.into_iter().enumerate() {
        if fixed.unwritable > 0 {
            note(&t(
                "check.html-fix-skipped",
                &[
                    ("file", &run.sources[file].name),
                    ("count", &fixed.unwritable),
                ],
            ));
        }
        if fixed.applied == 0 {
            continue;
        }
        let src = &run.sources[file];
        if src.is_docx() {
            // Fixes go back into a Word document only as tracked changes
            // (修订) in the commented copy; the original is never written.
            if !annotate {
                note(&t("check.docx-fix-not-written", &[("file", &src.name)]));
                continue;
            }
            let tracked = run.paths[file]
                .as_ref()
                .ok_or_else(|| t("input.not-found", &[]))
                .and_then(|path| std::fs::read(path).map_err(|e| planlint::i18n::io_error(&e)))
                .and_then(|bytes| {
                    planlint::report::annotate::track_changes(&bytes, src, &fixed.text)
                        .map_err(|e| e.to_string())
                })
                .and_then(|tracked| {
                    // The copy is linted as it now reads (the tracked changes
                    // accepted): its text and its places in Word.
                    SourceFile::from_docx(src.name.clone(), &tracked.bytes)
                        .map(|s| (tracked, s))
                        .map_err(|e| e.to_string())
                });
            match tracked {
                Ok((tracked, copy)) => {
                    if tracked.skipped > 0 {
                        note(&t(
                            "check.docx-fix-skipped",
                            &[("file", &src.name), ("count", &tracked.skipped)],
                        ));
                    }
                    run.sources[file] = copy;
                    run.tracked.insert(file, (tracked.bytes, tracked.applied));
                }
                Err(e) => run.input_errors.push(InputError {
                    file: src.name.clone(),
                    message: t("check.docx-fix-failed", &[("error", &e)]),
                }),
            }
            continue;
        }
        let Some(path) = &run.paths[file] else {
            run.input_errors.push(InputError {
                file: src.name.clone(),
                message: t("input.stdin-fix", &[]),
            });
            continue;
        };
        // A page's fixes were written into its source, where it holds the
        // text verbatim; markup is never touched.
        let content = fixed.page.as_deref().unwrap_or(&fixed.text);
        let written = fix::encode_like(src, content)
            .map_err(std::io::Error::other)
            .and_then(|bytes| fix::write_atomic(path, &bytes));
        match written {
            Ok(()) => {
                count += fixed.applied;
                files += 1;
                run.sources[file] = match fixed.page {
                    Some(page) => {
                        SourceFile::from_html(src.name.clone(), page, src.encoding, src.had_bom)
                    }
                    None => src.with_text(fixed.text),
                };
            }
            Err(e) => run.input_errors.push(InputError {
                file: src.name.clone(),
                message: t(
                    "input.cannot-write-fixes",
                    &[("error", &planlint::i18n::io_error(&e))],
                ),
            }),
        }
    }
    if count > 0 {
        errln!(
            "{}",
            t("check.fixed", &[("count", &count), ("files", &files)])
        );
    }
}
