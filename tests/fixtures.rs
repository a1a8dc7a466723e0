//! Every rule has `tests/fixtures/<CODE>/` with `invalid_*.txt` files (each
//! must be reported, and its human rendering is snapshotted) and `valid_*.txt`
//! files (no rule may report anything on them); a fixture may be Markdown
//! (`.md`) instead.

mod common;

use common::all_rules;

use std::path::PathBuf;

use planlint::report::Format;

fn fixture_files(code: &str) -> Vec<PathBuf> {
    let dir = common::root().join("tests/fixtures").join(code);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("rule {code} has no fixture folder tests/fixtures/{code}/"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .map(|p| p.strip_prefix(common::root()).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

fn stem(p: &std::path::Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_rule_has_valid_and_invalid_fixtures() {
    for rule in all_rules() {
        let code = rule.meta().code;
        let files = fixture_files(code);
        assert!(
            files.iter().any(|f| stem(f).starts_with("invalid_")),
            "{code}: no invalid_*.txt"
        );
        assert!(
            files.iter().any(|f| stem(f).starts_with("valid_")),
            "{code}: no valid_*.txt"
        );
        for f in &files {
            let s = stem(f);
            assert!(
                s.starts_with("invalid_") || s.starts_with("valid_"),
                "{}: fixture names start with invalid_ or valid_",
                f.display()
            );
        }
    }
}

#[test]
fn invalid_fixtures_are_reported() {
    for rule in all_rules() {
        let meta = rule.meta();
        // Selected by name, as `--select CODE` does: a rule of the preview
        // tier runs too (its low-confidence readings still need --preview).
        let linter = common::linter()
            .with_rules(|r| r.meta().code == meta.code)
            .with_explicit([meta.code]);
        for path in fixture_files(meta.code)
            .iter()
            .filter(|f| stem(f).starts_with("invalid_"))
        {
            let (sources, diags) = common::lint_fixture(&linter, path);
            assert!(
                diags.iter().any(|d| d.code == meta.code),
                "{}: {} reported nothing",
                path.display(),
                meta.code
            );
            let shown = common::render(&sources, &diags, Format::Human);
            common::assert_underlines_align(&shown, &sources, &diags);
            insta::with_settings!({
                snapshot_path => "snapshots",
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => path.display().to_string(),
            }, {
                insta::assert_snapshot!(format!("{}__{}", meta.code, stem(path)), shown);
            });
        }
    }
}

#[test]
fn valid_fixtures_are_silent_under_every_rule() {
    // Every rule and reading, preview included.
    let linter = common::linter().with_preview(true);
    for rule in all_rules() {
        for path in fixture_files(rule.meta().code)
            .iter()
            .filter(|f| stem(f).starts_with("valid_"))
        {
            let (sources, diags) = common::lint_fixture(&linter, path);
            assert!(
                diags.is_empty(),
                "{} should be silent:\n{}",
                path.display(),
                common::render(&sources, &diags, Format::Concise)
            );
        }
    }
}

/// The `--unreferenced=reject` of `cargo insta test`, without needing
/// cargo-insta in CI: every stored snapshot belongs to an input, an invalid
/// fixture (`snapshots/CODE__stem.snap`) or a render case
/// (`snapshots/render/stem.snap`).
#[test]
fn no_snapshot_is_unreferenced() {
    let root = common::root();
    for (dir, input_for) in [
        (
            "tests/snapshots",
            &(|stem: &str| {
                // Snapshots of the output-format tests are named in that test file.
                if let Some(name) = stem.strip_prefix("formats__") {
                    let source =
                        std::fs::read_to_string(common::root().join("tests/formats.rs")).unwrap();
                    assert!(
                        source.contains(&format!("\"{name}\"")),
                        "snapshot {stem} is not named in tests/formats.rs"
                    );
                    return "tests/formats.rs".to_owned();
                }
                let (code, fixture) = stem
                    .split_once("__")
                    .unwrap_or_else(|| panic!("unexpected snapshot {stem}"));
                let txt = format!("tests/fixtures/{code}/{fixture}.txt");
                if common::root().join(&txt).exists() {
                    txt
                } else {
                    format!("tests/fixtures/{code}/{fixture}.md")
                }
            }) as &dyn Fn(&str) -> String,
        ),
        ("tests/snapshots/render", &|stem: &str| {
            format!("tests/render/{stem}.txt")
        }),
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                !name.ends_with(".snap.new"),
                "pending snapshot {dir}/{name}: review it with `cargo insta review`"
            );
            let Some(stem) = name.strip_suffix(".snap") else {
                continue;
            };
            let input = input_for(stem);
            assert!(
                root.join(&input).exists(),
                "snapshot {dir}/{name} has no input {input}"
            );
        }
    }
}
