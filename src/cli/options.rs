//! Options that `check` and `diff` share, and how output is shown.

use std::io::IsTerminal;
use std::path::PathBuf;

use planlint::report::{Format, HumanOptions};

/// What `check` and `diff` share: output, rules, configuration, indicators.
#[derive(clap::Args)]
pub(crate) struct Options {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// The file name to show for standard input
    #[arg(long, default_value = "<stdin>")]
    pub(crate) stdin_filename: String,
    /// Exit 0 even when errors are found (a failed run still exits 2)
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Colour in human output: auto (when writing to a terminal), always, never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    /// Indicator file(s) to hold the plans to (repeatable). Without it,
    /// PLAN.toml beside PLAN.txt is used when it exists.
    #[arg(long = "indicators", value_name = "FILE")]
    pub(crate) indicators: Vec<PathBuf>,
    /// A directory of extra rule packs (every *.toml in it; repeatable)
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rules: Vec<PathBuf>,
    /// Print the time of each stage and rule to standard error
    #[arg(long)]
    pub(crate) timings: bool,
    /// The configuration to use (default: planlint.toml in the first input's
    /// directory or above it)
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore every planlint.toml
    #[arg(long)]
    pub(crate) no_config: bool,
    /// Run only these rules: codes, code prefixes, names or categories
    /// (comma-separated; replaces the config's `select`)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) select: Vec<String>,
    /// Also run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) extend_select: Vec<String>,
    /// Also run the rules and readings of the preview tier (less precise,
    /// off by default)
    #[arg(long)]
    pub(crate) preview: bool,
    /// Do not run these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub(crate) ignore: Vec<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub(crate) fn human_options(opts: &Options) -> HumanOptions {
    HumanOptions {
        color: use_color(opts.color),
        width: terminal_width(),
    }
}

pub(crate) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}
