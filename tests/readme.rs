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
                "no-verify",
                "quiet",
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

/// A one-paragraph Word document.
fn docx_of(text: &str) -> Vec<u8> {
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
    );
    common::package(&[("word/document.xml", &document)])
}

/// The pre-commit configuration's file pattern takes every kind of plan
/// `check` reads, not only `*.txt`.
#[test]
fn the_pre_commit_config_takes_every_plan_file() {
    let config = block_after(&readme(), "`.pre-commit-config.yaml`", "yaml");
    let line = config
        .lines()
        .find(|l| l.trim_start().starts_with("files:"))
        .unwrap();
    let pattern = regex::Regex::new(line.trim_start().trim_start_matches("files:").trim()).unwrap();
    for name in [
        "规划.txt",
        "规划.md",
        "规划.docx",
        "规划.docm",
        "规划.html",
        "规划.htm",
    ] {
        assert!(pattern.is_match(name), "{name}: {line}");
    }
    assert!(!pattern.is_match("规划.toml"), "{line}");
}

#[cfg(unix)]
#[test]
fn the_git_hook_lints_chinese_names_and_names_with_spaces() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    if Command::new("git").arg("--version").output().is_err() {
        common::skipped("git not found: no hook to run");
        return;
    }
    let hook = block_after(&readme(), "Or, without pre-commit", "sh");
    let dir = common::tempdir("hook");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_planlint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let git = |args: &[&str]| {
        Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&dir)
            .env("PATH", &path)
            .output()
            .unwrap()
    };
    git(&["init", "-q"]);
    let hook_path = dir.join(".git/hooks/pre-commit");
    std::fs::write(&hook_path, &hook).unwrap();
    std::fs::set_permissions(&hook_path, std::fs::Permissions::from_mode(0o755)).unwrap();

    // A clean plan under a Chinese name with a space: the commit goes through.
    std::fs::write(dir.join("甘肃 规划.txt"), "加快推进产业转型升级。\n").unwrap();
    git(&["add", "."]);
    let ok = git(&["commit", "-q", "-m", "clean"]);
    assert!(
        ok.status.success(),
        "{}{}",
        String::from_utf8_lossy(&ok.stdout),
        String::from_utf8_lossy(&ok.stderr)
    );

    // A typo in it: the hook stops the commit and names the file.
    std::fs::write(dir.join("甘肃 规划.txt"), "开展生态综合补尝试点。\n").unwrap();
    git(&["add", "."]);
    let blocked = git(&["commit", "-q", "-m", "typo"]);
    assert!(!blocked.status.success(), "the commit went through");
    // git shows a hook's output on its standard error.
    let out = String::from_utf8_lossy(&blocked.stderr);
    assert!(
        out.contains("甘肃 规划.txt") && out.contains("W101"),
        "{out}"
    );

    // A staged Word document is linted too (the hook named only *.txt).
    git(&["reset", "-q"]);
    std::fs::write(dir.join("甘肃 规划.txt"), "加快推进产业转型升级。\n").unwrap();
    std::fs::write(dir.join("草稿 二.docx"), docx_of("开展生态综合补尝试点。")).unwrap();
    git(&["add", "草稿 二.docx"]);
    let blocked = git(&["commit", "-q", "-m", "docx"]);
    assert!(
        !blocked.status.success(),
        "the .docx went through unchecked"
    );
    let out = String::from_utf8_lossy(&blocked.stderr);
    assert!(
        out.contains("草稿 二.docx") && out.contains("W101"),
        "{out}"
    );
    git(&["reset", "-q"]);
    std::fs::remove_file(dir.join("草稿 二.docx")).unwrap();

    // Nothing staged but other files: the hook does not run planlint on `.`.
    std::fs::write(dir.join("notes.csv"), "记录\n").unwrap();
    git(&["add", "notes.csv"]);
    let ok = git(&["commit", "-q", "-m", "notes"]);
    assert!(
        ok.status.success(),
        "{}{}",
        String::from_utf8_lossy(&ok.stdout),
        String::from_utf8_lossy(&ok.stderr)
    );
}
