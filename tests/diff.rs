//! `planlint diff OLD NEW`: only what the revision added is reported.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn diff(dir: &Path, args: &[&str], stdin: Option<&str>) -> (Option<i32>, String, String) {
    let mut child = common::planlint_command()
        .args(["diff", "--no-config", "--format", "concise"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        common::stdout(&out),
        common::stderr(&out),
    )
}

/// The seed, with the second statement of 河西's 2020 GDP (seed line 510,
/// 2291.4 亿元, also on line 497) changed and a typo added at the end.
fn revise(seed: &str) -> String {
    let line510 = seed.lines().nth(509).unwrap();
    assert!(line510.contains("2291.4 亿元"), "{line510}");
    let revised = seed.replacen(line510, &line510.replace("2291.4 亿元", "2391.4 亿元"), 1);
    format!("前言。\n\n{revised}\n开展生态综合补尝工作。\n")
}

#[test]
fn reports_only_what_the_revision_added() {
    let dir = common::tempdir("diff");
    let seed = std::fs::read_to_string(common::root().join("seeds/gansu-2021-93.txt")).unwrap();
    std::fs::write(dir.join("old.txt"), &seed).unwrap();
    std::fs::write(dir.join("new.txt"), revise(&seed)).unwrap();
    let (code, out, err) = diff(&dir, &["old.txt", "new.txt"], None);
    assert_eq!(code, Some(1), "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    // D101 at the statement left at 2291.4 (line 497, now 499), N105 at the
    // changed one (now 512), W101 at the added typo; the seed's own 27
    // findings are not repeated.
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with("new.txt:499:") && lines[0].contains("D101/stale-figure"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("new.txt:512:") && lines[1].contains("N105"),
        "{out}"
    );
    assert!(lines[2].contains("W101/typo"), "{out}");
    assert!(
        err.contains("27 findings also in old.txt not shown"),
        "{err}"
    );

    // The same revision compared with itself: nothing new, exit 0.
    let (code, out, _) = diff(&dir, &["new.txt", "new.txt"], None);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Found 0 errors"), "{out}");
}

#[test]
fn old_revision_from_standard_input() {
    let dir = common::tempdir("diff-stdin");
    std::fs::write(dir.join("plan.txt"), "开展生态综合补尝工作。\n加快发展。\n").unwrap();
    // `git show HEAD:plan.txt | planlint diff - plan.txt`
    let (code, out, _) = diff(&dir, &["-", "plan.txt"], Some("加快发展。\n"));
    assert_eq!(code, Some(1));
    assert!(out.starts_with("plan.txt:1:7: error[W101/typo]"), "{out}");
    let (code, out, _) = diff(&dir, &["plan.txt", "-"], Some("加快发展。\n"));
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn unreadable_or_directory_inputs_fail() {
    let dir = common::tempdir("diff-bad");
    std::fs::write(dir.join("plan.txt"), "加快发展。\n").unwrap();
    let (code, _, err) = diff(&dir, &["missing.txt", "plan.txt"], None);
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.txt"), "{err}");
    let (code, _, err) = diff(&dir, &[".", "plan.txt"], None);
    assert_eq!(code, Some(2));
    assert!(err.contains("not directories"), "{err}");
}
