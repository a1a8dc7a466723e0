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

/// The Chinese summary and body of a rule's documentation.
pub fn chinese_doc(code: &str) -> Option<(&'static str, &'static str)> {
    static DOCS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/rule_docs_zh.rs"));
    let (_, text) = DOCS.iter().find(|(c, _)| *c == code)?;
    let (summary, body) = text.split_once('\n')?;
    Some((summary.trim(), body.trim_start_matches('\n')))
}

#[cfg(test)]
mod tests {
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
