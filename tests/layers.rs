//! Dependencies flow one way (see the crate documentation in `src/lib.rs`):
//! a module may use the modules of the layers below it, never one above.
//! This test reads every `crate::…` and `planlint::…` path in `src/` (test
//! modules aside) and fails on any that goes up or sideways into a later
//! module, naming the file and line.

mod common;

use std::path::Path;

/// Top-level modules from the bottom up. A module may use only those
/// before it. `root` is `src/lib.rs` (the seed and the re-exports), `cli`
/// is `src/main.rs` and `src/cli/`.
const LAYERS: &[&[&str]] = &[
    // foundation, in order: each may use those before it
    &["cjk"],
    &["literals"],
    &["i18n"],
    &["source"],
    &["toml_spans"],
    &["diagnostic"],
    &["input"],
    // language data
    &["lexicon"],
    &["document"],
    &["extract"],
    &["indicators"],
    &["rules"],
    &["report"],
    &["baseline"],
    &["expect"],
    &["config"],
    // the engine and what drives it
    &["linter"],
    &["fix"],
    &["init"],
    &["lsp"],
    &["root"],
    // the web page's entry point (WebAssembly only): drives the engine as
    // the CLI does, from the top; nothing uses it
    &["web"],
    &["cli"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a file of `src/` belongs to.
fn module_of(rel: &Path) -> String {
    let mut parts = rel.iter().map(|p| p.to_string_lossy().into_owned());
    let first = parts.next().unwrap_or_default();
    match first.as_str() {
        "lib.rs" => "root".to_owned(),
        "main.rs" => "cli".to_owned(),
        f => f.trim_end_matches(".rs").to_owned(),
    }
}

/// The module a path `crate::NAME…` or `planlint::NAME…` refers to: a
/// top-level module, or `root` for items of `lib.rs` (the seed, re-exports).
fn target_of(name: &str) -> String {
    if rank(name).is_some() && name != "root" {
        name.to_owned()
    } else {
        "root".to_owned()
    }
}

fn rs_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every (line, module) a file's non-test code refers to through `crate::`
/// or `planlint::`, including grouped imports (`use crate::{a, b::c}`).
fn references(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    // Test modules may use anything; they are at the end of a file.
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    for (n, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("");
        for prefix in ["crate::", "planlint::"] {
            let mut rest = line;
            while let Some(i) = rest.find(prefix) {
                // `planlint::` must not be the tail of another path.
                let before = rest[..i].chars().next_back();
                rest = &rest[i + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    for item in group[..end].split(',') {
                        let name: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !name.is_empty() && name != "self" {
                            out.push((n + 1, target_of(&name)));
                        }
                    }
                } else {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.push((n + 1, target_of(&name)));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn dependencies_flow_one_way() {
    let src = common::root().join("src");
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap();
        let module = module_of(rel);
        let Some(own) = rank(&module) else {
            bad.push(format!(
                "src/{}: module `{module}` is in no layer of tests/layers.rs",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for (line, target) in references(&text) {
            if target == module {
                continue;
            }
            let Some(theirs) = rank(&target) else {
                continue;
            };
            if theirs >= own {
                bad.push(format!(
                    "src/{}:{line}: `{module}` uses `{target}`, a layer above it",
                    rel.display()
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports against the layers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_reader_sees_grouped_and_plain_paths() {
    let refs = references(
        "use crate::{config, input::read, Linter};\nlet x = crate::rules::all(p); // crate::cli\n#[cfg(test)]\nuse crate::cli;",
    );
    let names: Vec<&str> = refs.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(names, ["config", "input", "root", "rules"]);
    assert_eq!(module_of(Path::new("rules/pack/kinds/mod.rs")), "rules");
    assert_eq!(module_of(Path::new("main.rs")), "cli");
    assert_eq!(module_of(Path::new("cli/check.rs")), "cli");
}
