//! `planlint FILE`: a file dropped on the program. Windows starts a program
//! with the path of the file dropped on its icon as its one argument; for
//! editors who do not use a terminal, that run does what they need: it
//! checks the file and writes, beside it, the HTML report
//! (`规划-检查报告.html`) and, for a Word document, the commented copy
//! (`规划-批注.docx`), then opens the report in the default browser.
//!
//! The same on every platform (one argument, an existing file, not a
//! subcommand's name), so that it is tested where the tests run. Setting
//! `PLANLINT_NO_OPEN` (the tests do) writes the files without opening the
//! report. A file of that name planlint did not write is never replaced.
//!
//! On Windows, a program started from Explorer has a console window of its
//! own that closes when it ends: a failed run, and a double-click with no
//! file (which says what the program is for), wait for Enter there.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use planlint::i18n::t;
use planlint::input::InputError;
use planlint::report::{copy_name, report_name, Format, HumanOptions, Run};

use super::check::{annotate_files, CheckArgs};
use super::prepare::{prepare, Inputs};
use super::{error, FAILED};

/// The file of a run started as `planlint FILE`: exactly one argument that
/// names no subcommand (a subcommand wins over a file of its name), is no
/// option, and is an existing file.
pub(crate) fn dropped(args: &[OsString], command: &clap::Command) -> Option<PathBuf> {
    let [_, arg] = args else {
        return None;
    };
    let text = arg.to_string_lossy();
    let subcommand = command
        .get_subcommands()
        .any(|c| c.get_name() == text || c.get_all_aliases().any(|a| a == text))
        || text == "help";
    let path = PathBuf::from(arg);
    (!subcommand && !text.starts_with('-') && path.is_file()).then_some(path)
}

/// The arguments of `check` with their defaults and the report as HTML.
#[derive(Parser)]
struct Defaults {
    #[command(flatten)]
    check: CheckArgs,
}

/// Checks `path` and writes the report and the commented copy beside it.
pub(crate) fn run(path: PathBuf) -> ExitCode {
    let code = write_beside(path);
    // Started by a drop, the program has a console window of its own, which
    // closes when it ends: a failure stays on screen until it is read.
    if code == ExitCode::from(FAILED) && own_console() {
        pause();
    }
    code
}

/// `planlint.exe` double-clicked: what it is for, on screen until read
/// (clap's help would flash by in a window that closes at once).
pub(crate) fn double_clicked() -> ExitCode {
    errln!("{}", t("drop.double-clicked", &[]));
    pause();
    ExitCode::from(FAILED)
}

/// Waits for Enter.
fn pause() {
    errln!("{}", t("drop.press-enter", &[]));
    let _ = std::io::stdin().read_line(&mut String::new());
}

/// Whether the program has a console window of its own, which closes when
/// it ends: started from Windows' Explorer (a double-click, a file dropped
/// on its icon), not from a command prompt or a script.
#[cfg(windows)]
pub(crate) fn own_console() -> bool {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds as many process ids as the call is told.
    // It returns how many processes share the console: 1 when it is ours
    // alone, 0 when there is none (output to pipes, as under the tests).
    unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) == 1 }
}

/// Elsewhere a program runs in a terminal that outlives it.
#[cfg(not(windows))]
pub(crate) fn own_console() -> bool {
    false
}

fn write_beside(path: PathBuf) -> ExitCode {
    let mut args = match Defaults::try_parse_from([
        OsString::from("planlint"),
        OsString::from("--format"),
        OsString::from("html"),
        path.clone().into_os_string(),
    ]) {
        Ok(d) => d.check,
        Err(e) => e.exit(),
    };
    let paths = vec![path.clone()];
    let mut run = match prepare(&mut args.opts, Inputs::Paths(&paths)) {
        Ok(r) => r,
        Err(code) => return code,
    };
    run.lint(None);
    run.diagnostics.sort();
    if run.plans == 0 {
        for e in &run.input_errors {
            error(&e.to_string());
        }
        return ExitCode::from(FAILED);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    if run.sources[0].is_docx() {
        let copy = dir.join(copy_name(&name));
        if copy.exists() && !planlint::source::docx::is_planlint_copy(&copy) {
            let message = t("drop.exists", &[("path", &copy.display())]);
            run.input_errors.push(InputError {
                file: run.sources[0].name.clone(),
                message,
            });
        } else {
            annotate_files(&mut run, &copy, &paths);
        }
    }
    let report = dir.join(report_name(&name));
    let rules = planlint::rules::all(run.linter.packs());
    let mut page = Vec::new();
    let view = Run {
        sources: &run.sources,
        linted: run.plans,
        diagnostics: &run.diagnostics,
        input_errors: &run.input_errors,
        rules: &rules,
    };
    let summary = view.summary();
    let options = HumanOptions {
        color: false,
        width: 100,
    };
    let _ = view.render(Format::Html, &options, &mut page);
    let written = if ours_or_absent(&report) {
        planlint::fix::write_new(&report, &page).map_err(|e| {
            t(
                "check.cannot-write",
                &[
                    ("path", &report.display()),
                    ("error", &planlint::i18n::io_error(&e)),
                ],
            )
        })
    } else {
        Err(t("drop.exists", &[("path", &report.display())]))
    };
    for e in &run.input_errors {
        error(&e.to_string());
    }
    errln!(
        "{}",
        t(
            "summary.found",
            &[
                ("errors", &summary.errors),
                ("warnings", &summary.warnings),
                ("infos", &summary.infos),
                ("files", &summary.files),
            ],
        )
    );
    if let Err(e) = written {
        error(&e);
        return ExitCode::from(FAILED);
    }
    errln!("{}", t("drop.report", &[("path", &report.display())]));
    if std::env::var_os("PLANLINT_NO_OPEN").is_none() {
        if let Err(e) = open(&report) {
            super::warning(&t(
                "drop.cannot-open",
                &[
                    ("path", &report.display()),
                    ("error", &planlint::i18n::io_error(&e)),
                ],
            ));
        }
    }
    if !run.input_errors.is_empty() || run.load_failed {
        ExitCode::from(FAILED)
    } else if run.diagnostics.iter().any(|d| d.severity >= run.fail_level) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether `report` may be written: no such file, or a report planlint
/// wrote (a run on a file dropped again).
fn ours_or_absent(report: &Path) -> bool {
    use std::io::Read as _;
    let Ok(file) = std::fs::File::open(report) else {
        return !report.exists();
    };
    let mut head = Vec::with_capacity(4096);
    file.take(4096).read_to_end(&mut head).is_ok()
        && planlint::source::html::is_planlint_report(&String::from_utf8_lossy(&head))
}

/// Opens `file` with the program the desktop opens it with.
fn open(file: &Path) -> std::io::Result<()> {
    let mut command = if cfg!(windows) {
        // explorer.exe opens a file with its default program and takes the
        // path as one argument, spaces and Chinese included.
        std::process::Command::new("explorer.exe")
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(std::path::absolute(file)?)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}
