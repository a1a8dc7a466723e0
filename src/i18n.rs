//! The interface's language: Chinese by default, English with `--lang en`
//! or an English locale (`LC_ALL`, `LC_MESSAGES`, `LANG`). Findings' own
//! messages are about Chinese text and stay Chinese; what surrounds them
//! (summary lines, input errors, `rules`, `explain`, the HTML report, Word
//! comments, LSP titles, `init` comments) follows the language.
//!
//! Messages are data: `rules/i18n/messages.toml`, every key with `zh` and
//! `en`, the same placeholders in both (a test checks). The rules' Chinese
//! documentation is `rules/i18n/zh/<CODE>.md` (first line the summary, then
//! the body), compiled in by build.rs.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// 中文
    Zh,
    /// English
    En,
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of the process (the CLI does, once, at start).
pub fn set(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == Lang::En as u8 {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// The language a locale asks for: English for `en…`, else Chinese. The
/// first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set decides.
pub fn from_env() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty());
    match locale {
        Some(v) if v.to_ascii_lowercase().starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The catalogue: key → (zh, en).
pub static MESSAGES: LazyLock<HashMap<String, (String, String)>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct Entry {
        zh: String,
        en: String,
    }
    let table: HashMap<String, Entry> = toml::from_str(include_str!("../rules/i18n/messages.toml"))
        .expect("rules/i18n/messages.toml is valid (tests/i18n.rs)");
    table.into_iter().map(|(k, e)| (k, (e.zh, e.en))).collect()
});

/// The message `key` in the current language, its `{name}` placeholders
/// filled from `args`; `{name:s}` is `s` unless the value is 1 (English
/// plurals). A key missing from the catalogue is shown as itself (a test
/// checks that every key the code uses is there).
pub fn t(key: &str, args: &[(&str, &dyn Display)]) -> String {
    let Some((zh, en)) = MESSAGES.get(key) else {
        return key.to_owned();
    };
    fill(if lang() == Lang::En { en } else { zh }, args)
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &rest[open + 1..close];
        let (name, plural) = match inner.split_once(':') {
            Some((n, "s")) => (n, true),
            _ => (inner, false),
        };
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => {
                let v = v.to_string();
                if plural {
                    if v != "1" {
                        out.push('s');
                    }
                } else {
                    out.push_str(&v);
                }
            }
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Items as a list in the current language: `甲、乙、丙` or `a, b, c`.
pub fn list<T: Display>(items: &[T]) -> String {
    let sep = if lang() == Lang::En { ", " } else { "、" };
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

/// A message of the TOML reader (serde's and toml's, always English) in
/// the current language: the common ones are translated, each line on its
/// own; what is not recognised is kept as it is.
pub fn serde_message(message: &str) -> String {
    if lang() == Lang::En {
        return message.to_owned();
    }
    message
        .lines()
        .map(serde_line)
        .collect::<Vec<_>>()
        .join("；")
}

fn serde_line(line: &str) -> String {
    let line = line.trim();
    let quoted = |s: &str| -> Option<String> {
        let s = s.strip_prefix('`')?;
        Some(s[..s.find('`')?].to_owned())
    };
    if let Some(rest) = line.strip_prefix("missing field ") {
        if let Some(field) = quoted(rest) {
            return t("serde.missing-field", &[("field", &field)]);
        }
    }
    if let Some(rest) = line.strip_prefix("unknown field ") {
        if let (Some(field), Some((_, expected))) = (quoted(rest), rest.split_once(", ")) {
            if expected == "there are no fields" {
                return t("serde.unknown-field-none", &[("field", &field)]);
            }
            let expected = serde_expected(expected.trim_start_matches("expected "));
            return t(
                "serde.unknown-field",
                &[("field", &field), ("expected", &expected)],
            );
        }
    }
    if let Some(rest) = line.strip_prefix("unknown variant ") {
        if let (Some(value), Some((_, expected))) = (quoted(rest), rest.split_once(", ")) {
            let expected = serde_expected(expected.trim_start_matches("expected "));
            return t(
                "serde.unknown-variant",
                &[("value", &value), ("expected", &expected)],
            );
        }
    }
    for (prefix, key) in [
        ("invalid type: ", "serde.invalid-type"),
        ("invalid value: ", "serde.invalid-value"),
        ("invalid length ", "serde.invalid-length"),
    ] {
        if let Some((found, expected)) = line
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return t(
                key,
                &[
                    ("found", &serde_kind(found)),
                    ("expected", &serde_kind(expected)),
                ],
            );
        }
    }
    for (prefix, key) in [
        ("duplicate field ", "serde.duplicate-field"),
        ("duplicate key ", "serde.duplicate-key"),
    ] {
        if let Some(field) = line.strip_prefix(prefix).and_then(quoted) {
            return t(key, &[("field", &field)]);
        }
    }
    // toml's syntax errors: `invalid table header`, `expected `.`, `]``.
    if let Some(what) = line.strip_prefix("invalid ") {
        return format!("{}无效", serde_kind(what));
    }
    if let Some(what) = line.strip_prefix("expected ") {
        return format!("应为 {}", serde_expected(what));
    }
    line.to_owned()
}

/// `` `a`, `b` or `c` `` / ``one of `a`, `b` `` in Chinese: `` `a`、`b` 或 `c` ``.
fn serde_expected(list: &str) -> String {
    let list = list.trim_start_matches("one of ");
    serde_kind(&list.replace(" or ", " 或 ").replace(", ", "、"))
}

/// What serde and toml call kinds of value, in Chinese (a value written out
/// after the kind is kept).
fn serde_kind(kind: &str) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("a string", "字符串"),
        ("string", "字符串"),
        ("a sequence", "数组"),
        ("sequence", "数组"),
        ("array", "数组"),
        ("a map", "表"),
        ("map", "表"),
        ("inline table", "内联表"),
        ("table header", "表头"),
        ("table", "表"),
        ("a boolean", "布尔值"),
        ("boolean", "布尔值"),
        ("floating point", "小数"),
        ("floating-point number", "小数"),
        ("integer", "整数"),
        ("i64", "整数"),
        ("i32", "整数"),
        ("u64", "整数"),
        ("u32", "整数"),
        ("u16", "整数"),
        ("u8", "整数"),
        ("usize", "整数"),
        ("f64", "数"),
        ("f32", "数"),
        ("key", "键"),
        ("newline", "换行"),
        ("date-time", "日期时间"),
        ("escape sequence", "转义序列"),
        ("basic string", "字符串"),
        ("literal string", "字符串"),
        ("multiline basic string", "字符串"),
        ("multiline literal string", "字符串"),
    ];
    let mut best: Option<(&str, &str)> = None;
    for &(en, zh) in KINDS {
        let starts = kind.starts_with(en)
            && kind[en.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        if starts && best.is_none_or(|(b, _)| en.len() > b.len()) {
            best = Some((en, zh));
        }
    }
    if kind.starts_with("struct ") {
        return "表".to_owned();
    }
    match best {
        Some((en, zh)) => format!("{zh}{}", &kind[en.len()..]),
        None => kind.to_owned(),
    }
}

/// A rule's summary and documentation in the current language: the
/// Chinese of `rules/i18n/zh/<CODE>.md` where it exists, else `english`.
pub fn rule_doc(code: &str, english: (&'static str, &'static str)) -> (&'static str, &'static str) {
    if lang() == Lang::En {
        return english;
    }
    match chinese_doc(code) {
        Some(found) => found,
        None => english,
    }
}

/// An operating-system error described in the interface's language: the
/// OS's own text is English ("Too many levels of symbolic links (os error
/// 40)"), so Chinese gets a description of the common kinds and the error
/// code of the others; English keeps the OS's text.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if lang() == Lang::En {
        return e.to_string();
    }
    // ELOOP: 40 on Linux, 62 on macOS and the BSDs.
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    let key = match e.kind() {
        _ if cfg!(unix) && e.raw_os_error() == Some(eloop) => "io.loop",
        K::NotFound => "io.not-found",
        K::PermissionDenied => "io.permission",
        K::IsADirectory => "io.is-dir",
        K::NotADirectory => "io.not-dir",
        K::StorageFull => "io.full",
        K::ReadOnlyFilesystem => "io.read-only",
        K::AlreadyExists => "io.exists",
        K::UnexpectedEof => "io.eof",
        _ => match e.raw_os_error() {
            Some(code) => return t("io.other", &[("code", &code)]),
            None => "io.unknown",
        },
    };
    t(key, &[])
}

/// Every rule's Chinese name, by code (`rules/i18n/zh/names.toml`).
pub fn chinese_rule_names() -> &'static std::collections::BTreeMap<String, String> {
    static NAMES: LazyLock<std::collections::BTreeMap<String, String>> = LazyLock::new(|| {
        toml::from_str(include_str!("../rules/i18n/zh/names.toml"))
            .expect("rules/i18n/zh/names.toml is a table of strings (tests/i18n.rs)")
    });
    &NAMES
}

/// A rule's Chinese name (`P101` → 半角标点), if it has one.
pub fn chinese_rule_name(code: &str) -> Option<&'static str> {
    chinese_rule_names().get(code).map(String::as_str)
}

/// How the interface names a rule: its Chinese name in Chinese (its
/// kebab-case `name` when it has none, as a user's pack rule may), its
/// name in English.
pub fn rule_name<'a>(code: &str, name: &'a str) -> &'a str {
    match lang() {
        Lang::Zh => chinese_rule_name(code).unwrap_or(name),
        Lang::En => name,
    }
}

/// The Chinese summary and body of a rule's documentation.
pub fn chinese_doc(code: &str) -> Option<(&'static str, &'static str)> {
    static DOCS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/rule_docs_zh.rs"));
    let (_, text) = DOCS.iter().find(|(c, _)| *c == code)?;
    let (summary, body) = text.split_once('\n')?;
    Some((summary.trim(), body.trim_start_matches('\n')))
}

#[cfg(test)]
mod tests {
    #[test]
    fn toml_reader_messages_in_chinese() {
        // The process language is Chinese in the library's tests (nothing
        // sets it; English is the CLI tests' business).
        use super::serde_message as m;
        assert_eq!(m("missing field `id`"), "缺少字段 `id`");
        assert_eq!(
            m("unknown field `regoin`, expected one of `region`, `figure`"),
            "未知字段 `regoin`，可用的字段：`region`、`figure`"
        );
        assert_eq!(
            m("invalid type: integer `2025`, expected a string"),
            "类型不对：写的是整数 `2025`，应为字符串"
        );
        assert_eq!(
            m("invalid table header\nexpected `.`, `]`"),
            "表头无效；应为 `.`、`]`"
        );
        assert_eq!(m("duplicate key `value`"), "键 `value` 重复");
        assert_eq!(m("something new"), "something new");
    }

    use super::fill;

    #[test]
    fn placeholders_and_plurals() {
        let n = 1;
        let m = 3;
        assert_eq!(
            fill("{n} error{n:s}, {m} warning{m:s}", &[("n", &n), ("m", &m)]),
            "1 error, 3 warnings"
        );
        assert_eq!(fill("共{m}个{missing}", &[("m", &m)]), "共3个{missing}");
    }
}
