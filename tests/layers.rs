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

/// The `.rs` files below `dir`, in path order.
fn sorted_rs_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    rs_files(dir, &mut files);
    files.sort();
    files
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
    let mut bad = Vec::new();
    for path in &sorted_rs_files(&src) {
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

/// The rule modules: the children of `src/rules/` (a file `NAME.rs` or a
/// folder `NAME/`) but `mod.rs` (the trait, the registry and the helpers
/// every rule may use) and `pack/` (the machinery of the rule packs).
fn rule_modules(rules: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(rules)
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.trim_end_matches(".rs").to_owned()
        })
        .filter(|n| n != "mod" && n != "pack")
        .collect();
    out.sort();
    out
}

/// The leading name of each item of the group that `rest` opens after its
/// `{` (`{a, b::{c, d}, e}`: a, b, e).
fn group_names(rest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let (mut depth, mut item_start) = (0usize, true);
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && (c.is_alphanumeric() || c == '_') => {
                item_start = false;
                if depth == 0 {
                    let name: String = rest[i..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.push(name);
                }
            }
            _ => {}
        }
    }
    names
}

/// Every (line, name) by which a file of `src/rules/` reaches a child of
/// `rules` in its non-test code: `crate::rules::NAME`, or `super::NAME`
/// with as many `super::` as climb from the file's module to `rules`
/// (`depth`: one from `rules/NAME.rs` and `rules/NAME/mod.rs`, two from
/// `rules/NAME/part.rs`), plain or grouped, a group over several lines
/// too.
fn rules_children(text: &str, depth: usize) -> Vec<(usize, String)> {
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let supers = "super::".repeat(depth);
    let mut out = Vec::new();
    for prefix in ["crate::rules::", supers.as_str()] {
        for (i, _) in code.match_indices(prefix) {
            // The start of a path: not the tail of another one, and not
            // `super::` climbing further than `rules`.
            let before = &code[..i];
            if before.ends_with(ident) || before.ends_with("::") {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            if rest.starts_with("super::") {
                continue;
            }
            let line = before.matches('\n').count() + 1;
            let names = match rest.strip_prefix('{') {
                Some(group) => group_names(group),
                None => vec![rest.chars().take_while(|&c| ident(c)).collect()],
            };
            out.extend(
                names
                    .into_iter()
                    .filter(|n| !n.is_empty() && n != "self")
                    .map(|n| (line, n)),
            );
        }
    }
    out.sort();
    out
}

/// A rule does not use another rule: what two rules share lives below the
/// rules (in `extract`, `lexicon` or `cjk`) or in `rules/mod.rs`, so that
/// a rule can change, move or go without touching another.
#[test]
fn no_rule_uses_another_rule() {
    let rules = common::root().join("src/rules");
    let modules = rule_modules(&rules);
    assert!(
        modules.iter().any(|m| m == "confusable_typo"),
        "{modules:?}"
    );
    let mut bad = Vec::new();
    for path in &sorted_rs_files(&rules) {
        let rel = path.strip_prefix(&rules).unwrap();
        if rel == Path::new("mod.rs") {
            continue;
        }
        let own = module_of(rel);
        let depth = rel.components().count() - usize::from(rel.ends_with("mod.rs"));
        let text = std::fs::read_to_string(path).unwrap();
        for (line, name) in rules_children(&text, depth) {
            if name != own && modules.contains(&name) {
                bad.push(format!(
                    "src/rules/{}:{line}: uses the rule `{name}`; move what they share below the rules (extract, lexicon, cjk) or into rules/mod.rs",
                    rel.display()
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "rules that use other rules:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_rule_reader_resolves_super_and_groups() {
    let text = "use super::other::f;\nuse super::{quote, other_rule::{g, h}, Context};\nuse crate::rules::{\n    third,\n    pack::kinds,\n};\nlet x = super::super::far::y; // super::commented\n#[cfg(test)]\nuse super::tested;";
    assert_eq!(
        rules_children(text, 1),
        [
            (1, "other".to_owned()),
            (2, "Context".to_owned()),
            (2, "other_rule".to_owned()),
            (2, "quote".to_owned()),
            (3, "pack".to_owned()),
            (3, "third".to_owned()),
        ]
    );
    // From a part of a rule's folder, `super::` is the rule itself.
    assert_eq!(
        rules_children("use super::pairs::Run;\nuse super::super::quote;", 2),
        [(2, "quote".to_owned())]
    );
    assert_eq!(group_names("a, b::{c, d}, e}"), ["a", "b", "e"]);
}
