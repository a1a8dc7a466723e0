//! The subcommands of `planlint`, one file each, and what they share.

/// `println!` for a subcommand's output: when standard output is closed
/// early (`planlint rules | head`) the process ends quietly, where
/// `println!` would panic.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            $crate::cli::output_failed(&e)
        }
    }};
}

/// `print!` with the same care as [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($arg)*) {
            $crate::cli::output_failed(&e)
        }
    }};
}

/// `eprintln!` for what a subcommand says on standard error: a closed
/// standard error (`planlint check --diff x 2>&1 | head -3`) is not an
/// error of the run, and nothing can be said about it anyway, where
/// `eprintln!` would panic.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` with the same care as [`errln!`].
#[allow(unused_macros)]
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod drop;
pub(crate) mod help;
pub(crate) mod init;
pub(crate) mod options;
pub(crate) mod output;
pub(crate) mod prepare;
pub(crate) mod progress;
pub(crate) mod rules;
pub(crate) mod snapshot;
pub(crate) mod test_rules;

use std::path::PathBuf;
use std::process::ExitCode;

use planlint::i18n::t;
use planlint::lexicon::{DataError, Lexicon};
use planlint::rules::pack::Packs;

/// The exit code of a run that failed (usage, unreadable input, bad TOML).
pub(crate) const FAILED: u8 = 2;

/// Standard output could not be written: a reader that stopped reading
/// (a closed pipe) ends the run quietly; anything else fails it.
pub(crate) fn output_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    error(&t(
        "output.cannot-write",
        &[("error", &planlint::i18n::io_error(e))],
    ));
    std::process::exit(i32::from(FAILED))
}

/// A line on standard error: `错误：message` (`error: message` in English).
fn line(prefix: &str, message: &str) {
    let prefix = t(prefix, &[]);
    errln!(
        "{}",
        t("prefix.line", &[("prefix", &prefix), ("message", &message)])
    );
}

/// `错误：message` (`error: message` in English) on standard error.
pub(crate) fn error(message: &str) {
    line("prefix.error", message);
}

/// `提示：message` (`note: …`) on standard error.
pub(crate) fn note(message: &str) {
    line("prefix.note", message);
}

/// `警告：message` (`warning: …`) on standard error.
pub(crate) fn warning(message: &str) {
    line("prefix.warning", message);
}

/// The built-in rule packs and the packs of `dirs`.
pub(crate) fn load_packs(dirs: &[PathBuf]) -> Result<Packs, DataError> {
    let mut packs = Packs::builtin()?;
    for dir in dirs {
        packs.add_dir(dir)?;
    }
    Ok(packs)
}

/// The built-in catalogs.
pub(crate) fn load_lexicon() -> Result<Lexicon, DataError> {
    Lexicon::builtin()
}

pub(crate) fn pack_failure(e: &DataError) -> ExitCode {
    error(&t("rules.cannot-load", &[("error", e)]));
    ExitCode::from(FAILED)
}

/// `planlint lsp`: the language server on standard input and output.
pub(crate) fn lsp() -> ExitCode {
    match planlint::lsp::serve() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            errln!("error: language server: {e}");
            ExitCode::from(FAILED)
        }
    }
}
