//! `planlint test-rules [DIR…]`: runs the inline examples of rule packs.
//! Every `invalid` example must be reported by its rule, fixing it must give
//! its `fixed` text exactly, and every `valid` example must be silent under
//! the rule. With no DIR, the built-in packs are tested.

use std::path::PathBuf;
use std::process::ExitCode;

use planlint::fix::{apply_edits, select_edits, FixLevel};
use planlint::rules::pack::file::Example;
use planlint::rules::pack::Packs;
use planlint::source::SourceFile;
use planlint::Linter;

use super::{load_lexicon, pack_failure, FAILED};

/// The rounds of fixing an example may take, as `check --fix`.
const MAX_ROUNDS: usize = 10;

pub(crate) fn test_rules(dirs: &[PathBuf]) -> ExitCode {
    let lexicon = match load_lexicon() {
        Ok(l) => l,
        Err(e) => return pack_failure(&e),
    };
    let mut packs = match Packs::builtin() {
        Ok(p) => p,
        Err(e) => return pack_failure(&e),
    };
    let builtin = packs.rules.len();
    for d in dirs {
        if let Err(e) = packs.add_dir(d) {
            return pack_failure(&e);
        }
    }
    let tested = if dirs.is_empty() {
        0..builtin
    } else {
        builtin..packs.rules.len()
    };
    let rules: Vec<(&'static str, String, Vec<Example>)> = packs.rules[tested]
        .iter()
        .map(|r| (r.meta.code, r.file.clone(), r.def.examples.clone()))
        .collect();
    if rules.is_empty() {
        errln!("error: no pack rules found in the given folders");
        return ExitCode::from(FAILED);
    }
    let linter = Linter::new(lexicon, packs).with_preview(true);
    let (mut passed, mut failed) = (0, 0);
    for (code, file, examples) in &rules {
        let only = |text: &str| {
            let src = SourceFile::from_text("example.txt", text);
            let mut d = linter.lint_file(0, &src);
            d.retain(|d| d.code == *code);
            d
        };
        let mut problems = Vec::new();
        for e in examples {
            if let Some(bad) = &e.invalid {
                if only(bad).is_empty() {
                    problems.push(format!("invalid example not reported: {bad:?}"));
                } else if let Some(want) = &e.fixed {
                    let mut text = bad.clone();
                    for _ in 0..MAX_ROUNDS {
                        let edits = select_edits(&only(&text), 0, FixLevel::Unsafe);
                        if edits.is_empty() {
                            break;
                        }
                        text = apply_edits(&text, &edits);
                    }
                    if &text != want {
                        problems.push(format!(
                            "fixing {bad:?} gives {text:?}, the example says {want:?}"
                        ));
                    }
                }
            }
            if let Some(good) = &e.valid {
                let found = only(good);
                if let Some(d) = found.first() {
                    problems.push(format!("valid example reported: {good:?} ({})", d.message));
                }
            }
        }
        if problems.is_empty() {
            passed += 1;
            outln!("ok     {code} ({file}): {} examples", examples.len());
        } else {
            failed += 1;
            outln!("FAILED {code} ({file}):");
            for p in problems {
                outln!("    {p}");
            }
        }
    }
    outln!("{passed} rules passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
