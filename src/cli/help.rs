//! The command line in Chinese: `--help` texts, headings and usage lines, and
//! the errors of argument parsing. The English is clap's, from the doc
//! comments; the Chinese is data (`rules/i18n/cli.zh.toml`), put on the
//! command before it parses when the interface is Chinese.

use std::collections::HashMap;
use std::ffi::OsString;
use std::sync::LazyLock;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use planlint::i18n::Lang;

#[derive(serde::Deserialize)]
struct Data {
    /// Headings and the texts clap writes itself.
    text: HashMap<String, String>,
    /// Placeholders of values (`FILE` → `文件`).
    values: HashMap<String, String>,
    /// Command and argument help, by path (`check`, `check.fix`, `*.format`
    /// for an option every command with it shares).
    help: HashMap<String, String>,
}

static ZH: LazyLock<Data> = LazyLock::new(|| {
    toml::from_str(include_str!("../../rules/i18n/cli.zh.toml"))
        .expect("rules/i18n/cli.zh.toml is valid (tested)")
});

fn text(key: &str) -> &'static str {
    ZH.text.get(key).map_or("", String::as_str)
}

/// The language the arguments ask for (`--lang zh`, `--lang=en`), read
/// before they are parsed, since the help is in it.
pub(crate) fn lang_in(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => continue,
        };
        return match value.as_deref() {
            Some("zh") => Some(Lang::Zh),
            Some("en") => Some(Lang::En),
            _ => None,
        };
    }
    None
}

/// The help of an argument or command at `key`, or failing that the shared
/// one (`*.format`).
fn help_for(path: &str, id: &str) -> Option<&'static str> {
    let key = if path.is_empty() {
        id.to_owned()
    } else {
        format!("{path}.{id}")
    };
    ZH.help
        .get(&key)
        .or_else(|| ZH.help.get(&format!("*.{id}")))
        .map(String::as_str)
}

/// `cmd` with its help in Chinese: every command's description and every
/// argument's help, the headings, the usage lines, the help and version
/// flags and the `help` command.
pub(crate) fn chinese(cmd: Command) -> Command {
    let mut cmd = localize(cmd, "", true);
    cmd.build();
    // The `help` command exists once the command is built.
    let mut cmd = cmd.mut_subcommand("help", |s| {
        s.about(text("help-command"))
            .help_template(TEMPLATE)
            .disable_help_flag(true)
    });
    chinese_usage(&mut cmd);
    cmd
}

const TEMPLATE: &str = "{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}{after-help}";

fn localize(cmd: Command, path: &str, root: bool) -> Command {
    let mut cmd = if root {
        cmd.about(text("about")).after_help(text("more"))
    } else {
        match ZH.help.get(path) {
            Some(about) => cmd.about(about.as_str()).long_about(None),
            None => cmd,
        }
    };
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    // `mut_arg` moves the argument last: keep its place, and each
    // positional's index (clap numbers positionals in order).
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|a| a.get_id().to_string())
        .collect();
    for (order, id) in ids.iter().enumerate() {
        let help = help_for(path, id);
        let index = positionals.iter().position(|p| p == id);
        cmd = cmd.mut_arg(id, |a| {
            let a = chinese_arg(a, help).display_order(order);
            match index {
                Some(i) => a.index(i + 1),
                None => a,
            }
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("help"))
                .help_heading(text("options")),
        )
        .subcommand_help_heading(text("commands"))
        .help_template(TEMPLATE);
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("version"))
                .help_heading(text("options")),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &name, false));
    }
    cmd
}

/// An argument with its Chinese help, its default and its values written
/// into the help (clap would write `[default: …]`, `[possible values: …]`).
fn chinese_arg(a: Arg, help: Option<&str>) -> Arg {
    let heading = if a.is_positional() {
        text("arguments")
    } else {
        text("options")
    };
    // The placeholder: its value name, else the id in capitals.
    let placeholder = a
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| v.to_string())
        .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
    let a = match ZH.values.get(&placeholder) {
        Some(zh) if a.get_action().takes_values() => a.value_name(zh.as_str()),
        _ => a,
    };
    let Some(help) = help else {
        return a.help_heading(heading);
    };
    let mut help = help.to_owned();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut notes = Vec::new();
    if !values.is_empty() && !a.is_positional() && a.get_action().takes_values() {
        notes.push(format!("{}：{}", text("values"), values.join("、")));
    }
    if !defaults.is_empty() {
        notes.push(format!("{}：{}", text("default"), defaults.join("、")));
    }
    if !notes.is_empty() {
        help.push_str(&format!("（{}）", notes.join("；")));
    }
    let a = a.help(help).long_help(None).help_heading(heading);
    // (clap asserts these only on arguments that take values.)
    if a.get_action().takes_values() {
        a.hide_possible_values(true).hide_default_value(true)
    } else {
        a
    }
}

/// The usage lines in Chinese: `用法： planlint check [选项] [PATHS]...`.
fn chinese_usage(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .replace("[COMMAND]", "[命令]");
    let mut owned = std::mem::take(cmd)
        .override_usage(usage)
        .help_template(TEMPLATE.replace("{usage-heading} ", text("usage")));
    let names: Vec<String> = owned
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        owned = owned.mut_subcommand(&name, |mut s| {
            chinese_usage(&mut s);
            s
        });
    }
    *cmd = owned;
}

/// A parse error in Chinese, for the kinds people meet: an unknown option
/// or command, a bad value, a missing argument, two options that exclude
/// each other. Others keep clap's English. Then the usage and a pointer to
/// `--help`.
pub(crate) fn chinese_error(e: &clap::Error) -> String {
    let get = |k: ContextKind| -> Option<String> {
        e.get(k).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join("、"),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            other => other.to_string(),
        })
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let mut out = match e.kind() {
        ErrorKind::UnknownArgument => format!("错误：无法识别的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => format!(
            "错误：无法识别的命令“{}”",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue)
                .map(|v| format!("（{}：{v}）", text("values")))
                .unwrap_or_default();
            format!(
                "错误：参数“{arg}”的值“{}”无效{valid}",
                get(ContextKind::InvalidValue).unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => format!("错误：缺少必需的参数：{arg}"),
        ErrorKind::ArgumentConflict => format!(
            "错误：参数“{arg}”不能与“{}”同时使用",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand => "错误：缺少命令".to_owned(),
        _ => return e.render().to_string(),
    };
    out.push('\n');
    if let Some(s) =
        get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedSubcommand))
    {
        out.push_str(&format!("\n  提示：是否要用“{s}”？\n"));
    }
    // The usage clap shows is the command's, already in Chinese.
    let rendered = e.render().to_string();
    if let Some(usage) = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage:"))
    {
        out.push_str(&format!("\n{}{}\n", text("usage"), usage.trim()));
    }
    out.push_str("\n更多说明请用“--help”。\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument paths, as the help data keys them.
    fn paths(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        for a in cmd.get_arguments() {
            let id = a.get_id().to_string();
            if id != "help" && id != "version" {
                out.push((path.to_owned(), id));
            }
        }
        for s in cmd.get_subcommands() {
            out.push((String::new(), s.get_name().to_owned()));
            paths(s, s.get_name(), out);
        }
    }

    #[test]
    fn every_command_and_argument_has_chinese_help_and_every_entry_is_used() {
        let cmd = <crate::Cli as clap::CommandFactory>::command();
        let mut all = Vec::new();
        paths(&cmd, "", &mut all);
        let missing: Vec<String> = all
            .iter()
            .filter(|(p, id)| help_for(p, id).is_none())
            .map(|(p, id)| format!("{p}.{id}"))
            .collect();
        assert!(missing.is_empty(), "no Chinese help for {missing:?}");
        for key in ZH.help.keys() {
            let used = all.iter().any(|(p, id)| {
                let k = if p.is_empty() {
                    id.clone()
                } else {
                    format!("{p}.{id}")
                };
                k == *key || key.strip_prefix("*.") == Some(id.as_str())
            });
            assert!(used, "{key} in cli.zh.toml matches no command or argument");
        }
    }

    #[test]
    fn the_chinese_command_is_well_formed() {
        // clap checks a command's consistency in debug builds (what CI
        // tests): the Chinese one must pass as the English one does.
        chinese(<crate::Cli as clap::CommandFactory>::command()).debug_assert();
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |s: &[&str]| -> Vec<OsString> { s.iter().map(OsString::from).collect() };
        assert_eq!(
            lang_in(&args(&["planlint", "--lang", "en", "-h"])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_in(&args(&["planlint", "check", "--lang=zh"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_in(&args(&["planlint", "check", "--", "--lang=en"])),
            None
        );
        assert_eq!(lang_in(&args(&["planlint", "check"])), None);
    }
}
