//! `planlint rules` and `planlint explain`.

use std::path::PathBuf;
use std::process::ExitCode;

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

fn print_rules(packs: &Packs) {
    let corpus = planlint::expect::corpus_tally();
    outln!(
        "{:<6} {:<22} {:<12} {:<8} {:<9} {:<8} corpus precision",
        "code",
        "name",
        "category",
        "severity",
        "fix",
        "tier"
    );
    for r in rules::all(packs) {
        let m = r.meta();
        outln!(
            "{:<6} {:<22} {:<12} {:<8} {:<9} {:<8} {}",
            m.code,
            m.name,
            m.category.as_str(),
            m.severity.as_str(),
            m.fix.as_str(),
            m.tier.as_str(),
            planlint::expect::precision_text(corpus.get(m.code))
        );
    }
}

fn explain_in(packs: &Packs, key: &str) -> ExitCode {
    let Some(rule) = rules::find(packs, key) else {
        eprintln!("error: no rule named `{key}`; `planlint rules` lists them");
        return ExitCode::from(FAILED);
    };
    let m = rule.meta();
    outln!("# {} ({})\n", m.name, m.code);
    outln!("{}\n", m.summary);
    outln!(
        "Category: {}. Default severity: {}. Fix: {}. Tier: {}. Corpus precision: {}.\n",
        m.category.as_str(),
        m.severity.as_str(),
        m.fix.as_str(),
        m.tier.as_str(),
        planlint::expect::precision_text(planlint::expect::corpus_tally().get(m.code))
    );
    out!("{}", m.doc);
    ExitCode::SUCCESS
}
