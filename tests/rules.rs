//! The registry and each rule's documentation: what `planlint explain`
//! prints must have every section, and its examples must do what they say.

mod common;

use planlint::rules::{Category, REGISTRY};
use planlint::source::SourceFile;

const SECTIONS: &[&str] = &[
    "## What it checks",
    "## Why it matters",
    "## Example",
    "## Fix safety",
    "## Options",
];

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    for rule in REGISTRY {
        let m = rule.meta();
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        let (letter, digits) = m.code.split_at(1);
        assert!(
            letter.chars().all(|c| c.is_ascii_uppercase())
                && digits.len() == 3
                && digits.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            m.code
        );
        assert!(
            m.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && !m.name.starts_with('-'),
            "{}",
            m.name
        );
        assert!(planlint::rules::find(m.code).is_some() && planlint::rules::find(m.name).is_some());
    }
}

#[test]
fn every_doc_has_every_section_in_order() {
    for rule in REGISTRY {
        let m = rule.meta();
        let mut at = 0;
        for s in SECTIONS {
            let found = m.doc[at..]
                .find(s)
                .unwrap_or_else(|| panic!("{}: missing or misplaced `{s}`", m.code));
            at += found + s.len();
        }
    }
}

/// Fenced blocks with the given info string.
fn blocks<'a>(doc: &'a str, info: &str) -> Vec<&'a str> {
    let fence = format!("```{info}\n");
    doc.match_indices(&fence)
        .map(|(i, _)| {
            let body = &doc[i + fence.len()..];
            &body[..body.find("```").unwrap()]
        })
        .collect()
}

#[test]
fn doc_examples_do_what_they_say() {
    for rule in REGISTRY {
        let m = rule.meta();
        let bad = blocks(m.doc, "bad");
        let good = blocks(m.doc, "good");
        // Input rules are about bytes, and indicator rules need an indicator
        // file beside the text: their fixtures (a .txt with a same-stem .toml)
        // carry what the runnable examples carry for the others.
        if matches!(m.category, Category::Input | Category::Indicators) {
            continue;
        }
        assert!(
            !bad.is_empty() && !good.is_empty(),
            "{}: needs ```bad and ```good examples",
            m.code
        );
        let only = common::linter().with_rules(|r| r.meta().code == m.code);
        for text in bad {
            let src = SourceFile::from_text("example.txt", text);
            assert!(
                !only.lint_file(0, &src).is_empty(),
                "{}: bad example not reported:\n{text}",
                m.code
            );
        }
        let all = common::linter();
        for text in good {
            let src = SourceFile::from_text("example.txt", text);
            let found = all.lint_file(0, &src);
            assert!(
                found.is_empty(),
                "{}: good example reported: {found:?}",
                m.code
            );
        }
    }
}

#[test]
fn fixability_matches_declaration() {
    use planlint::rules::FixAvailability;
    // A rule that declares no fix never offers one on its fixtures; one that
    // declares fixes offers one somewhere.
    for rule in REGISTRY {
        let m = rule.meta();
        let only = common::linter().with_rules(|r| r.meta().code == m.code);
        let dir = common::root().join("tests/fixtures").join(m.code);
        let mut any_fix = false;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let src = planlint::input::decode("f".into(), &std::fs::read(&path).unwrap()).unwrap();
            let diags = only.lint_file(0, &src);
            any_fix |= diags.iter().any(|d| d.fix.is_some());
            if m.fix == FixAvailability::None {
                assert!(
                    diags.iter().all(|d| d.fix.is_none()),
                    "{} declares no fix",
                    m.code
                );
            }
        }
        if m.fix != FixAvailability::None {
            assert!(
                any_fix,
                "{} declares fixes but none of its fixtures gets one",
                m.code
            );
        }
    }
}
