//! The `planlint` command: parses arguments and dispatches to a subcommand
//! in `cli/`. Exit 0: no errors found; 1: errors found; 2: the run itself
//! failed.
// Standard error may be a closed pipe: write to it with `errln!` (cli/mod.rs),
// which ignores the error, never with `eprintln!`, which panics.
#![deny(clippy::print_stderr, clippy::print_stdout)]

mod cli;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "planlint",
    version,
    about = "A linter for Chinese government planning documents"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The interface's language (zh: Chinese, en: English); default: the
    /// locale's (LC_ALL, LC_MESSAGES, LANG) when English, else Chinese
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<planlint::i18n::Lang>,
}

#[derive(Subcommand)]
enum Command {
    /// Lint plan texts (--sample: the embedded sample bundle)
    Check(cli::check::CheckArgs),
    /// Lint two revisions of a plan; report what NEW added: new findings, and
    /// figures changed in one place but left at the old value in another
    Diff(cli::diff::DiffArgs),
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
    /// The corpus check: lint every text of a folder and compare the
    /// findings with a reviewed expectation file
    Snapshot(cli::snapshot::SnapshotArgs),
    /// Run the inline examples of rule packs (with no folder: the built-in packs)
    TestRules {
        /// Folders of rule packs (every *.toml in each)
        dirs: Vec<PathBuf>,
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

fn main() -> ExitCode {
    // The language first: the help and parse errors are in it.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::help::lang_in(&args).unwrap_or_else(planlint::i18n::from_env);
    planlint::i18n::set(lang);
    // `planlint FILE`: a file dropped on the program (cli/drop.rs).
    if let Some(path) = cli::drop::dropped(&args, &Cli::command()) {
        return cli::drop::run(path);
    }
    if args.len() == 1 && cli::drop::own_console() {
        return cli::drop::double_clicked();
    }
    let matches = match Cli::command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind as K;
            // Help, version and errors are shown in the interface's
            // language: in Chinese, the same arguments are parsed again by
            // the Chinese command, whose texts they are. A run that parses
            // never builds it.
            let e = match lang {
                planlint::i18n::Lang::Zh => cli::help::chinese(Cli::command())
                    .try_get_matches_from(&args)
                    .err()
                    .unwrap_or(e),
                planlint::i18n::Lang::En => e,
            };
            let shown = matches!(
                e.kind(),
                K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
            );
            if lang == planlint::i18n::Lang::Zh && !shown {
                // A closed standard error is no reason to panic.
                let _ = write!(std::io::stderr(), "{}", cli::help::chinese_error(&e));
                return ExitCode::from(2);
            }
            e.exit()
        }
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.command {
        Command::Check(args) => cli::check::check(args),
        Command::Diff(args) => cli::diff::diff(args),
        Command::Snapshot(args) => cli::snapshot::snapshot(args),
        Command::TestRules { dirs } => cli::test_rules::test_rules(&dirs),
        Command::Lsp => cli::lsp(),
        Command::Rules { rules } => cli::rules::list(&rules),
        Command::Explain { rule, rules } => cli::rules::explain(&rule, &rules),
        Command::Init { path, output } => cli::init::init(path.as_deref(), output.as_deref()),
    }
}

/// mimalloc instead of the system allocator: a run is short and allocates
/// in bursts on several threads (catalog loading, rayon's rule tasks), and
/// glibc's per-thread arenas met that with about 3,600 page faults on the
/// seed against about 850 here; the whole process on the seed went from a
/// median of 47 to 40 ms (60 alternated runs of `check --sample`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
