//! `check --write-baseline` / `--baseline`: adopting planlint on an archive.

mod common;

use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    common::run_in(
        dir,
        &[&["check", "--format", "concise", "--no-config"], args].concat(),
    )
}

#[test]
fn baseline_hides_known_findings_across_edits_elsewhere() {
    let dir = common::tempdir("baseline");
    std::fs::copy(
        common::root().join("seeds/gansu-2021-93.txt"),
        dir.join("plan.txt"),
    )
    .unwrap();
    let (code, _, err) = run(&dir, &["--write-baseline", "base.json", "plan.txt"]);
    assert_eq!(code, Some(0), "{err}");
    // The seed without its indicator file: 11 errors, 13 warnings, 3 infos
    // (the embedded run adds W102 ×2, N102 and the 17.59% truncation, which
    // need seeds/gansu-2021-93.toml).
    assert!(err.starts_with("wrote 27 findings to base.json"), "{err}");
    let (code, out, _) = run(&dir, &["--baseline", "base.json", "plan.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("Found 0 errors"), "{out}");

    // A paragraph added at the top moves every line; a new typo is added at
    // the end. Only the new typo is reported.
    let text = std::fs::read_to_string(dir.join("plan.txt")).unwrap();
    let edited = format!("新增的一段说明文字。\n\n{text}\n开展生态综合补尝工作。\n");
    std::fs::write(dir.join("plan.txt"), edited).unwrap();
    let (code, out, err) = run(&dir, &["--baseline", "base.json", "plan.txt"]);
    assert_eq!(code, Some(1), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("error[W101/typo] “补尝”"), "{out}");
    assert!(err.contains("listed in the baseline not shown"), "{err}");
}

#[test]
fn baseline_file_is_stable() {
    let dir = common::tempdir("baseline-stable");
    std::fs::copy(
        common::root().join("seeds/gansu-2021-93.txt"),
        dir.join("plan.txt"),
    )
    .unwrap();
    run(&dir, &["--write-baseline", "a.json", "plan.txt"]);
    run(&dir, &["--write-baseline", "b.json", "plan.txt"]);
    let a = std::fs::read(dir.join("a.json")).unwrap();
    assert_eq!(a, std::fs::read(dir.join("b.json")).unwrap());
}

#[test]
fn bad_baseline_is_a_clear_error() {
    let dir = common::tempdir("baseline-bad");
    std::fs::write(dir.join("plan.txt"), "开展生态综合补尝工作。\n").unwrap();
    std::fs::write(dir.join("bad.json"), "{\"version\": 1,\n \"findings\": [\n").unwrap();
    let (code, out, err) = run(&dir, &["--baseline", "bad.json", "plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        err.contains("bad.json: cannot read the baseline") && err.contains("line 3"),
        "{err}"
    );
    std::fs::write(dir.join("old.json"), "{\"version\": 0, \"findings\": []}").unwrap();
    let (code, _, err) = run(&dir, &["--baseline", "old.json", "plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("version 0"), "{err}");
    let (code, _, err) = run(&dir, &["--baseline", "missing.json", "plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.json"), "{err}");
}

#[test]
fn baseline_paths_do_not_depend_on_how_the_path_was_typed() {
    let dir = common::tempdir("baseline-paths");
    std::fs::create_dir_all(dir.join("plans/sub")).unwrap();
    std::fs::create_dir_all(dir.join("ci")).unwrap();
    std::fs::write(dir.join("plans/x.txt"), "开展生态综合补尝工作。\n").unwrap();
    // Written from the top with `.`: the file records `plans/x.txt`.
    let (code, _, err) = run(&dir, &["--write-baseline", "base.json", "."]);
    assert_eq!(code, Some(0), "{err}");
    let json = std::fs::read_to_string(dir.join("base.json")).unwrap();
    assert!(json.contains("\"file\": \"plans/x.txt\""), "{json}");
    // Read with the file named directly, with ./, as an absolute path and
    // from another working directory: the finding is known every time.
    let abs = dir.join("plans/x.txt");
    for (cwd, args) in [
        (dir.clone(), vec!["--baseline", "base.json", "plans/x.txt"]),
        (
            dir.clone(),
            vec!["--baseline", "base.json", "./plans/x.txt"],
        ),
        (
            dir.clone(),
            vec!["--baseline", "base.json", abs.to_str().unwrap()],
        ),
        (
            dir.join("ci"),
            vec!["--baseline", "../base.json", "../plans/x.txt"],
        ),
        (
            dir.join("plans/sub"),
            vec!["--baseline", "../../base.json", ".."],
        ),
    ] {
        let (code, out, err) = run(&cwd, &args);
        assert_eq!(code, Some(0), "{args:?}: {out}{err}");
        assert!(out.starts_with("Found 0 errors"), "{args:?}: {out}");
    }
    // A baseline that names no file of the run says so.
    std::fs::write(dir.join("other.txt"), "开展生态综合补尝工作。\n").unwrap();
    let (code, _, err) = run(&dir, &["--baseline", "base.json", "other.txt"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("lists no file of this run"), "{err}");
}
