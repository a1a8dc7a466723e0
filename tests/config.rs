//! planlint.toml through the binary: discovery, --config / --no-config,
//! command-line selectors, fail-level, paths relative to the config,
//! tolerances, ignores and the F003/F004 exit codes.

mod common;

use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    common::run_in(dir, &[&["check", "--format", "concise"], args].concat())
}

// Invented text: a half-width comma (P101, warning) and a typo (W101, error).
const PLAN: &str = "推进兰州,白银协同发展。\n开展生态综合补尝试点。\n";

#[test]
fn found_upward_from_the_first_input_and_overridable() {
    let dir = common::tempdir("config-discovery");
    write(&dir.join("plans/a/plan.txt"), PLAN);
    write(&dir.join("planlint.toml"), "[lint]\nignore = [\"W101\"]\n");
    // From a subdirectory: the config two levels up applies.
    let (code, out, _) = check(&dir.join("plans"), &["a/plan.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("P101") && !out.contains("W101"), "{out}");
    let (code, out, _) = check(&dir, &["--no-config", "plans/a/plan.txt"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("W101"), "{out}");
    write(&dir.join("other.toml"), "[lint]\nselect = [\"typo\"]\n");
    let (_, out, _) = check(&dir, &["--config", "other.toml", "plans/a/plan.txt"]);
    assert!(out.contains("W101") && !out.contains("P101"), "{out}");
}

#[test]
fn command_line_selectors_and_fail_level() {
    let dir = common::tempdir("config-cli");
    write(&dir.join("plan.txt"), PLAN);
    let (code, out, _) = check(&dir, &["--select", "punctuation", "plan.txt"]);
    // A warning alone does not fail the run …
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("P101") && !out.contains("W101"), "{out}");
    // … unless fail-level says so.
    write(
        &dir.join("planlint.toml"),
        "[lint]\nfail-level = \"warning\"\n",
    );
    let (code, _, _) = check(&dir, &["--select", "P1", "plan.txt"]);
    assert_eq!(code, Some(1));
    let (_, out, _) = check(
        &dir,
        &[
            "--select",
            "P",
            "--extend-select",
            "W101",
            "--ignore",
            "halfwidth-punctuation",
            "plan.txt",
        ],
    );
    assert!(!out.contains("P101") && out.contains("W101"), "{out}");
    let (code, _, err) = check(&dir, &["--select", "P9", "plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--select P9"), "{err}");
}

#[test]
fn severity_allow_and_ignores() {
    let dir = common::tempdir("config-ignores");
    write(&dir.join("plan.txt"), PLAN);
    write(
        &dir.join("planlint.toml"),
        r#"[lint]
allow = ["兰州,白银"]

[lint.severity]
typo = "warning"

[[ignore]]
code = "W101"
text = "补尝"
context = "综合补尝试点"
file = "other.txt"
reason = "只在另一个文件里忽略"
"#,
    );
    // The ignore names a file that does not exist: it can never apply.
    let (code, out, _) = check(&dir, &["plan.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains(
            "planlint.toml:11:9: warning[F004/unused-ignore] the file “other.txt” of this ignore does not exist"
        ),
        "{out}"
    );
    // It exists but was not linted in this run: it neither applies nor is reported.
    write(&dir.join("other.txt"), "完善机制。\n");
    let (code, out, _) = check(&dir, &["plan.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("warning[W101/typo]"), "{out}");
    assert!(!out.contains("P101") && !out.contains("F004"), "{out}");
    write(&dir.join("planlint.toml"), "[[ignore]]\ncode = \"W101\"\ntext = \"补尝\"\ncontext = \"综合补尝试点\"\nfile = \"plan.txt\"\nreason = \"引文\"\n");
    let (_, out, _) = check(&dir, &["plan.txt"]);
    assert!(!out.contains("W101") && !out.contains("F004"), "{out}");
    // Fixed text: the ignore matches nothing and is reported (a warning).
    write(&dir.join("plan.txt"), "开展生态综合补偿试点。\n");
    let (code, out, _) = check(&dir, &["plan.txt"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("planlint.toml:3:9: warning[F004/unused-ignore]"),
        "{out}"
    );
}

#[test]
fn ignored_findings_are_not_fixed() {
    let dir = common::tempdir("config-fix");
    write(&dir.join("plan.txt"), PLAN);
    write(
        &dir.join("planlint.toml"),
        "[[ignore]]\ncode = \"W101\"\ntext = \"补尝\"\nreason = \"引文\"\n",
    );
    let (_, _, err) = check(&dir, &["--fix", "plan.txt"]);
    assert!(err.contains("fixed 1 problem"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.txt")).unwrap(),
        "推进兰州，白银协同发展。\n开展生态综合补尝试点。\n"
    );
}

#[test]
fn indicators_and_packs_relative_to_the_config() {
    let dir = common::tempdir("config-paths");
    // 1050.53万人 of 2501.98万人 is 41.99%, not 41.09% (seed line 23; 7th census).
    write(
        &dir.join("plans/plan.txt"),
        "甘肃省兰州经济圈2020年末总人口1050.53万人，占全省的41.09%。找准发展的抓手。\n",
    );
    write(
        &dir.join("data/gansu.toml"),
        "[[region]]\nid = \"gansu\"\nname = \"甘肃省\"\naliases = [\"全省\"]\n\n[[figure]]\nregion = \"gansu\"\nmeasure = \"人口\"\nyear = 2020\nvalue = \"2501.98\"\nunit = \"万人\"\n",
    );
    write(&dir.join("packs/house.toml"), common::HOUSE_PACK);
    write(
        &dir.join("planlint.toml"),
        "indicators = [\"data/gansu.toml\"]\nrules = [\"packs\"]\n",
    );
    let (code, out, err) = check(&dir.join("plans"), &["plan.txt"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("N101") && out.contains("2501.98"), "{out}");
    assert!(out.contains("X101"), "{out}");
}

#[test]
fn tolerance_widens_the_arithmetic() {
    let dir = common::tempdir("config-tolerance");
    // 1050.53 ÷ 2501.98 = 41.988% (seed line 23; 7th census), printed as
    // 42.02%: 0.03 points off, within a tolerance of 0.05.
    write(
        &dir.join("plan.txt"),
        "“十四五”示例经济圈发展规划\n\n一、规划背景\n\n2020年末，全省常住人口2501.98万人。本区域2020年末总人口1050.53万人，占全省的42.02%。\n",
    );
    let (_, out, _) = check(&dir, &["--select", "N101", "plan.txt"]);
    assert!(out.contains("N101"), "{out}");
    write(
        &dir.join("planlint.toml"),
        "[lint.tolerance]\nshare = 0.05\n",
    );
    let (_, out, _) = check(&dir, &["--select", "N101", "plan.txt"]);
    assert!(!out.contains("N101"), "{out}");
    write(
        &dir.join("planlint.toml"),
        "[lint.tolerance]\nshare = 0.02\n",
    );
    let (_, out, _) = check(&dir, &["--select", "N101", "plan.txt"]);
    assert!(out.contains("N101"), "{out}");
}

#[test]
fn broken_config_is_reported_and_nothing_is_linted() {
    let dir = common::tempdir("config-broken");
    write(&dir.join("plan.txt"), PLAN);
    write(&dir.join("planlint.toml"), "[lint]\nselct = [\"N101\"]\n");
    let (code, out, _) = check(&dir, &["plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        out.contains("planlint.toml:2:1: error[F003/config-file]"),
        "{out}"
    );
    assert!(!out.contains("P101"), "{out}");
    let (code, _, err) = check(&dir, &["--config", "missing.toml", "plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.toml"), "{err}");
}
