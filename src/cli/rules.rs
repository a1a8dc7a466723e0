//! `planlint rules` and `planlint explain`.

use std::path::PathBuf;
use std::process::ExitCode;

use planlint::i18n::t;
use planlint::rules;
use planlint::rules::pack::Packs;

use super::{load_packs, pack_failure, FAILED};

/// `planlint rules`: every rule, with the packs of `dirs`.
pub(crate) fn list(dirs: &[PathBuf]) -> ExitCode {
    match load_packs(dirs) {
        Ok(packs) => {
            print_rules(&packs);
            ExitCode::SUCCESS
        }
        Err(e) => pack_failure(&e),
    }
}

/// `planlint explain RULE`: a rule's documentation.
pub(crate) fn explain(key: &str, dirs: &[PathBuf]) -> ExitCode {
    match load_packs(dirs) {
        Ok(packs) => explain_in(&packs, key),
        Err(e) => pack_failure(&e),
    }
}

/// `text` padded with spaces to `width` columns as a terminal shows them
/// (a Chinese character takes two).
fn pad(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown) + 1))
}

/// Words of a rule's metadata in the interface's language.
fn words(m: &rules::RuleMeta) -> [String; 4] {
    [
        t(&format!("category.{}", m.category.as_str()), &[]),
        t(&format!("severity.{}", m.severity.as_str()), &[]),
        t(&format!("fix.{}", m.fix.as_str()), &[]),
        t(&format!("tier.{}", m.tier.as_str()), &[]),
    ]
}

/// The corpus precision in words: `100 %（共 5 条）`, or none.
fn precision(code: &str) -> String {
    let tally = planlint::expect::corpus_tally();
    match tally
        .get(code)
        .and_then(planlint::expect::Tally::precision_of_judged)
    {
        Some((p, n)) => t(
            "precision.of",
            &[("percent", &format!("{p:.0}")), ("count", &n)],
        ),
        None => t("precision.none", &[]),
    }
}

fn print_rules(packs: &Packs) {
    const WIDTHS: [usize; 6] = [6, 22, 12, 8, 9, 8];
    let columns = t("rules.columns", &[]);
    let mut header = String::new();
    for (i, c) in columns.split('|').enumerate() {
        match WIDTHS.get(i) {
            Some(&w) => header.push_str(&pad(c, w)),
            None => header.push_str(c),
        }
    }
    outln!("{header}");
    for r in rules::all(packs) {
        let m = r.meta();
        let [category, severity, fix, tier] = words(m);
        let mut line = String::new();
        for (text, w) in [m.code, m.name, &category, &severity, &fix, &tier]
            .iter()
            .zip(WIDTHS)
        {
            line.push_str(&pad(text, w));
        }
        line.push_str(&precision(m.code));
        outln!("{line}");
    }
}

fn explain_in(packs: &Packs, key: &str) -> ExitCode {
    let Some(rule) = rules::find(packs, key) else {
        super::error(&t("rules.no-such-rule", &[("key", &key)]));
        return ExitCode::from(FAILED);
    };
    let m = rule.meta();
    let (summary, doc) = planlint::i18n::rule_doc(m.code, (m.summary, m.doc));
    let [category, severity, fix, tier] = words(m);
    outln!("# {} ({})\n", m.name, m.code);
    outln!("{summary}\n");
    let line = t(
        "explain.meta",
        &[
            ("category", &category),
            ("severity", &severity),
            ("fix", &fix),
            ("tier", &tier),
            ("precision", &precision(m.code)),
        ],
    );
    outln!("{line}\n");
    out!("{doc}");
    ExitCode::SUCCESS
}
