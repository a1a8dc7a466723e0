//! The README's examples stay true: every option it names exists, and its
//! planlint.toml example loads without a problem.

mod common;

fn readme() -> String {
    std::fs::read_to_string(common::root().join("README.md")).unwrap()
}

/// The body of the first fenced block with `info` after `heading`.
fn block_after(text: &str, heading: &str, info: &str) -> String {
    let at = text
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading}"));
    let fence = format!("```{info}\n");
    let start = at + text[at..].find(&fence).unwrap() + fence.len();
    text[start..start + text[start..].find("```").unwrap()].to_owned()
}

#[test]
fn every_option_named_in_the_readme_exists() {
    let text = readme();
    let help = [
        common::stdout(&common::planlint(&["check", "--help"])),
        common::stdout(&common::planlint(&["diff", "--help"])),
        common::stdout(&common::planlint(&["init", "--help"])),
        common::stdout(&common::planlint(&["snapshot", "--help"])),
    ]
    .concat();
    let mut named = std::collections::BTreeSet::new();
    for (i, _) in text.match_indices("--") {
        let flag: String = text[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        // Options of other tools (cargo, git, diff -u) are not ours.
        if flag.len() > 2
            && ![
                "release",
                "locked",
                "check",
                "name-only",
                "cached",
                "diff-filter",
                "path",
                "test",
                "bench",
                "all-targets",
                "unreferenced",
                "max-total-time",
                "help",
            ]
            .contains(&flag.as_str())
        {
            named.insert(flag);
        }
    }
    assert!(named.len() > 15, "{named:?}");
    for flag in named {
        assert!(
            help.contains(&format!("--{flag}")),
            "README names --{flag}, which no command has"
        );
    }
}

#[test]
fn configuration_example_loads() {
    let example = block_after(&readme(), "## Configuration", "toml");
    let src = planlint::source::SourceFile::from_text("planlint.toml", example);
    let (config, errors) = planlint::config::load(&src, 0, &common::PACKS);
    assert!(errors.is_empty(), "{errors:?}");
    let config = config.unwrap();
    assert_eq!(config.ignores.len(), 1);
    assert!(!config.selected.unwrap().contains("U106"));
}

#[test]
fn the_rule_tables_list_every_rule_with_its_tier_and_corpus_precision() {
    // Each row: | CODE | name | … | tier | corpus |, as `planlint rules` says.
    let text = readme();
    let corpus = planlint::expect::corpus_tally();
    for rule in common::all_rules() {
        let m = rule.meta();
        let row = text
            .lines()
            .find(|l| l.starts_with(&format!("| {} | {} |", m.code, m.name)))
            .unwrap_or_else(|| panic!("README's rule tables have no row for {}", m.code));
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let n = cells.len();
        assert_eq!(cells[n - 2], m.tier.as_str(), "{row}");
        assert_eq!(
            cells[n - 1],
            planlint::expect::precision_text(corpus.get(m.code)),
            "{row}"
        );
    }
}
