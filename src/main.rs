//! The `planlint` command: parses arguments, calls the library, picks the exit
//! code. Exit 0: no errors found; 1: errors found; 2: the run itself failed.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use planlint::diagnostic::Severity;
use planlint::input::{self, InputError};
use planlint::packs::{PackError, Packs};
use planlint::report::{Format, HumanOptions, Run};
use planlint::rules::{self, REGISTRY};
use planlint::source::SourceFile;
use planlint::{Linter, SEED_NAME, SEED_TEXT};

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
    /// List every rule: code, name, category, default severity, fixable
    Rules,
    /// Print a rule's documentation
    Explain {
        /// A rule code (C101) or name (structure-label)
        rule: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, directories (every *.txt below them) or `-` for standard input
    paths: Vec<PathBuf>,
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
        Command::Rules => {
            print_rules();
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => explain(&rule),
    }
}

const FAILED: u8 = 2;

fn check(args: CheckArgs) -> ExitCode {
    let packs = match Packs::builtin() {
        Ok(p) => p,
        Err(e) => return pack_failure(&e),
    };
    let (sources, input_errors) = read_inputs(&args);
    let linter = Linter::new(packs);
    let diagnostics = linter.lint(&sources);
    let run = Run {
        sources: &sources,
        diagnostics: &diagnostics,
        input_errors: &input_errors,
    };
    for e in &input_errors {
        eprintln!("error: {e}");
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let human = HumanOptions {
        color,
        width: terminal_width(),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = run
        .render(args.format, &human, &mut stdout)
        .and_then(|()| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
        }
        return ExitCode::from(FAILED);
    }
    if !input_errors.is_empty() {
        ExitCode::from(FAILED)
    } else if !args.exit_zero && diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read_inputs(args: &CheckArgs) -> (Vec<SourceFile>, Vec<InputError>) {
    if args.paths.is_empty() {
        return (
            vec![SourceFile::from_text(SEED_NAME, SEED_TEXT)],
            Vec::new(),
        );
    }
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let (stdin, paths): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        match input::read_stdin(&args.stdin_filename) {
            Ok(s) => sources.push(s),
            Err(e) => errors.push(e),
        }
    }
    let (files, expand_errors) = input::expand(&paths);
    errors.extend(expand_errors);
    for path in files {
        match input::read_file(&path) {
            Ok(s) => sources.push(s),
            Err(e) => errors.push(e),
        }
    }
    (sources, errors)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}

fn pack_failure(e: &PackError) -> ExitCode {
    eprintln!("error: cannot load rule data {e}");
    ExitCode::from(FAILED)
}

fn print_rules() {
    println!(
        "{:<6} {:<20} {:<12} {:<8} fix",
        "code", "name", "category", "severity"
    );
    for r in REGISTRY {
        let m = r.meta();
        println!(
            "{:<6} {:<20} {:<12} {:<8} {}",
            m.code,
            m.name,
            m.category.as_str(),
            m.severity.as_str(),
            m.fix.as_str()
        );
    }
}

fn explain(key: &str) -> ExitCode {
    let Some(rule) = rules::find(key) else {
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
