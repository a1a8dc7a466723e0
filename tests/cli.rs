//! The `planlint` binary end to end: exit codes, inputs, formats, commands.

mod common;

use common::{planlint, stderr, stdout, tempdir};

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = common::planlint_command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn check_sample_lints_the_embedded_seed() {
    let o = planlint(&["check", "--sample", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("seeds/gansu-2021-93.txt:156:12: warning[C101/structure-label] “二极”与指标文件的“一核两极四带”写法不一致"),
        "{out}"
    );
    assert!(
        out.lines().last().unwrap().starts_with("Found 14 errors"),
        "{out}"
    );
}

#[test]
fn human_output_is_the_default_and_has_no_colour_when_piped() {
    let o = planlint(&["check", "--sample"]);
    let out = stdout(&o);
    assert!(out.contains("[seeds/gansu-2021-93.txt:156:12]"), "{out}");
    assert!(!out.contains('\u{1b}'), "escape codes in piped output");
}

#[test]
fn exit_zero_and_clean_files() {
    assert_eq!(
        planlint(&["check", "--sample", "--exit-zero"])
            .status
            .code(),
        Some(0)
    );
    let o = planlint(&["check", "tests/fixtures/C101/valid_consistent.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Found 0 errors"));
    // Warnings alone do not fail a run.
    let o = planlint(&["check", "tests/fixtures/O101/invalid_half_width.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn json_is_versioned_and_sorted() {
    let o = planlint(&["check", "--sample", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["column_unit"], "grapheme");
    assert_eq!(v["summary"]["errors"], 14);
    let starts: Vec<u64> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["span"]["start"].as_u64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    // Byte-identical from run to run.
    assert_eq!(
        o.stdout,
        planlint(&["check", "--sample", "--format", "json"]).stdout
    );
}

#[test]
fn directories_are_walked_for_txt_and_md_files_in_order() {
    let dir = tempdir("dir");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::write(
        dir.join("b/2.txt"),
        "“十四五”乙发展规划\n\n一、甲\n\n三、乙\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "“十四五”甲发展规划\n\n一、甲\n").unwrap();
    std::fs::write(
        dir.join("c.md"),
        "# “十四五”丙发展规划\n\n## 第一章 背景\n\n## 第三章 目标\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.pdf"), "not a plan and ignored").unwrap();
    std::fs::write(dir.join("README.md"), "describes the folder; ignored").unwrap();
    let o = planlint(&["check", "--format", "concise", dir.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("2.txt:5:1: error[O101/heading-sequence]"),
        "{out}"
    );
    assert!(
        out.contains("c.md:5:4: error[O101/heading-sequence]"),
        "{out}"
    );
    assert!(out.contains("in 3 files."), "{out}");
}

#[test]
fn unreadable_inputs_fail_the_run_but_others_are_linted() {
    let dir = tempdir("bad");
    std::fs::write(dir.join("binary.txt"), b"abc\0def").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"caf\xe9 \xff").unwrap();
    std::fs::write(dir.join("good.txt"), "区位优势 and 物流优势。\n").unwrap();
    let missing = dir.join("missing.txt");
    let o = planlint(&[
        "check",
        "--format",
        "concise",
        dir.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("binary.txt: cannot read: the file contains a NUL byte at offset 3"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt: cannot read: the file is neither UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("missing.txt: cannot read: no such file or directory"),
        "{err}"
    );
    assert!(
        stdout(&o).contains("good.txt:1:6: error[T101/stray-latin]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn gb18030_is_decoded_with_an_info() {
    let o = planlint(&[
        "check",
        "--format",
        "concise",
        "tests/fixtures/F001/invalid_gb18030.txt",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("info[F001/legacy-encoding] 文件按 GB18030 解码"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn stdin_with_a_filename() {
    let o = with_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "draft.txt",
            "--format",
            "concise",
        ],
        "\u{feff}优势 and 物流。\r\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("draft.txt:1:4: error[T101/stray-latin]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_never_writes_its_inputs() {
    let dir = tempdir("ro");
    let file = dir.join("plan.txt");
    let text = "“十四五”示例发展规划\r\n\r\n一、背景\r\n\r\n(一) 甲。\r\n\r\n（二）乙 and 丙。\r\n";
    std::fs::write(&file, text).unwrap();
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    let o = planlint(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn rules_lists_every_rule() {
    let out = stdout(&planlint(&["rules"]));
    let packs = planlint::rules::pack::Packs::builtin().unwrap();
    for rule in planlint::rules::all(&packs) {
        let m = rule.meta();
        assert!(
            out.contains(m.code) && out.contains(m.name),
            "{} missing:\n{out}",
            m.code
        );
    }
    assert!(
        out.contains("C101   structure-label        consistency  error    sometimes"),
        "{out}"
    );
}

#[test]
fn explain_by_code_or_name() {
    let by_code = planlint(&["explain", "c101"]);
    let by_name = planlint(&["explain", "structure-label"]);
    assert_eq!(by_code.status.code(), Some(0));
    assert_eq!(by_code.stdout, by_name.stdout);
    assert!(stdout(&by_code).starts_with("# structure-label (C101)"));
    let unknown = planlint(&["explain", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("planlint rules"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        planlint(&["check", "--sample", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(planlint(&["frobnicate"]).status.code(), Some(2));
    assert!(Path::new(env!("CARGO_BIN_EXE_planlint")).exists());
}

#[test]
fn the_embedded_seed_is_held_to_its_indicator_file() {
    let o = planlint(&["check", "--sample", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    // 41.09% (seed line 23): 1050.53万人 ÷ 2501.98万人 (the file's 甘肃省 2020
    // population, 7th census) = 41.99%, labelled on both figures.
    let share = diags
        .iter()
        .find(|d| d["code"] == "N101" && d["line"] == 23)
        .expect("41.09% reported");
    assert_eq!(share["severity"], "error");
    assert_eq!(
        share["message"],
        "“41.09%”与“1050.53万人 ÷ 2501.98万人 = 41.99%”不符"
    );
    let files: Vec<&str> = share["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["seeds/gansu-2021-93.txt", "seeds/gansu-2021-93.toml"]
    );
    assert_eq!(
        share["labels"][1]["line"], 56,
        "the 2501.98 of the [[figure]] (seeds/gansu-2021-93.toml line 56)"
    );
    // The three plans' population shares: 41.09% + 17.59% + 40.42% = 99.10%.
    let sum = diags
        .iter()
        .find(|d| d["code"] == "N102")
        .expect("99.10% reported");
    assert!(sum["message"].as_str().unwrap().contains("99.10%"), "{sum}");
}

#[test]
fn a_malformed_indicator_file_exits_2_with_its_position() {
    let dir = tempdir("bad-toml");
    let plan = dir.join("plan.txt");
    std::fs::write(
        &plan,
        "“十四五”示例经济圈发展规划\n\n一、背景\n\n总人口1050.53万人。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("plan.toml"),
        "[[region]]\nid = \"a\"\nname = \"示例经济圈\"\nnmae = \"x\"\n",
    )
    .unwrap();
    // PLAN.toml beside PLAN.txt is found without --indicators.
    let o = planlint(&["check", "--format", "concise", plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "plan.toml:4:1: error[F002/indicator-file] the indicator file cannot be read: unknown field `nmae`, expected one of `id`, `name`"
        ),
        "{}",
        stdout(&o)
    );
    // In Chinese, the TOML reader's message too.
    let o = common::planlint_zh_in(&dir, &["check", "--format", "concise", "plan.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "plan.toml:4:1: error[F002/indicator-file] 指标文件无法读取：未知字段 `nmae`，可用的字段：`id`、`name`、"
        ),
        "{}",
        stdout(&o)
    );
    // A missing --indicators file is an input error.
    let o = planlint(&[
        "check",
        "--indicators",
        dir.join("none.toml").to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("none.toml: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn extra_rule_packs_from_a_directory() {
    let dir = tempdir("packs");
    std::fs::write(dir.join("house.toml"), common::HOUSE_PACK).unwrap();
    let plan = dir.join("plan.txt");
    std::fs::write(&plan, "找准发展的抓手。\n").unwrap();
    let o = planlint(&[
        "check",
        "--format",
        "concise",
        "--rules",
        dir.to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    assert!(
        stdout(&o).contains("warning[X101/house-term] “抓手”请写作“着力点”"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let listed = stdout(&planlint(&["rules", "--rules", dir.to_str().unwrap()]));
    assert!(listed.contains("X101   house-term"), "{listed}");
    let explained = stdout(&planlint(&[
        "explain",
        "house-term",
        "--rules",
        dir.to_str().unwrap(),
    ]));
    assert!(
        explained.contains("```bad\n推进高质量发展的抓手。\n```"),
        "{explained}"
    );
    // A pack that reuses a code is refused, with exit 2.
    std::fs::write(
        dir.join("clash.toml"),
        common::HOUSE_PACK
            .replace("X101", "W101")
            .replace("house-term", "other"),
    )
    .unwrap();
    let o = planlint(&[
        "check",
        "--rules",
        dir.to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("W101"), "{}", stderr(&o));
}

#[test]
fn explain_works_for_pack_rules() {
    let o = planlint(&["explain", "W101"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("# typo (W101)"), "{out}");
    assert!(
        out.contains("## Why it matters") && out.contains("```bad"),
        "{out}"
    );
}

#[test]
fn check_without_paths_lints_the_config_paths_or_the_working_directory() {
    let dir = tempdir("no-paths");
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    std::fs::write(dir.join("plans/a.txt"), "推进改革，，扩大开放。\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "完善机制。。\n").unwrap();
    // No config: every *.txt below the working directory, never the sample.
    let (code, out, err) = common::run_in(&dir, &["check", "--format", "concise"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        out.contains("plans/a.txt") && out.contains("notes.txt"),
        "{out}"
    );
    assert!(!out.contains("gansu"), "{out}");
    // With `paths` in planlint.toml: those.
    std::fs::write(dir.join("planlint.toml"), "paths = [\"plans\"]\n").unwrap();
    let (_, out, _) = common::run_in(&dir, &["check", "--format", "concise"]);
    assert!(
        out.contains("plans/a.txt") && !out.contains("notes.txt"),
        "{out}"
    );
    // --sample still lints the embedded bundle, and takes no paths.
    let (code, out, _) = common::run_in(&dir, &["check", "--sample", "--format", "concise"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("seeds/gansu-2021-93.txt"), "{out}");
    assert_eq!(
        common::run_in(&dir, &["check", "--sample", "notes.txt"]).0,
        Some(2)
    );
}

/// `planlint rules | head -1`: a reader that stops reading ends the run
/// quietly, never with a panic.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [&["rules"][..], &["explain", "C101"], &["check", "--sample"]] {
        let mut child = common::planlint_command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(101), "{args:?}: {err}");
    }
}

/// `planlint check --diff x 2>&1 | head -3`: standard output and standard
/// error both go to a pipe nobody reads. Every write to either stream meets
/// EPIPE; the run ends without a panic (exit 101) whatever it had to say on
/// standard error: notes, input errors, summaries, timings, usage errors.
#[test]
fn a_closed_pipe_on_both_streams_never_panics() {
    let dir = tempdir("closed-both");
    std::fs::write(dir.join("plan.txt"), "一、总体要求(试行)\n").unwrap();
    let cases: &[&[&str]] = &[
        &["check", "--diff", "plan.txt"],
        &["check", "--sample", "--timings"],
        &["check", "missing.txt"],
        &["check", "--fix", "plan.txt"],
        &["check", "--bogus"],
        &["--lang", "zh", "check", "--bogus"],
        &["diff", "missing.txt", "plan.txt"],
        &["init", "missing.txt"],
        &["explain", "NOPE"],
        &["rules"],
    ];
    for args in cases {
        for _ in 0..3 {
            let (reader, writer) = std::io::pipe().unwrap();
            // Closed before the child starts: every write fails with EPIPE.
            drop(reader);
            let status = common::planlint_command()
                .args(*args)
                .current_dir(&dir)
                .stdout(writer.try_clone().unwrap())
                .stderr(writer)
                .status()
                .unwrap();
            assert_ne!(status.code(), Some(101), "{args:?} panicked");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A folder of many documents shows its progress on standard error when
/// that is a terminal (300 .docx printed nothing for 6 s), never in a pipe
/// or a CI log. The terminal is a pseudo-terminal made by `script`.
#[cfg(unix)]
#[test]
fn a_folder_run_shows_progress_on_a_terminal_only() {
    let dir = tempdir("progress");
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    for i in 0..40 {
        std::fs::write(
            dir.join("plans").join(format!("{i:02}.txt")),
            "推进经济高质量发展。\n".repeat(50),
        )
        .unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_planlint");
    let under_terminal = |ci: bool| {
        let mut c = std::process::Command::new("script");
        c.args([
            "-qec",
            &format!("'{bin}' --lang zh check --no-config plans >/dev/null"),
            "/dev/null",
        ])
        .current_dir(&dir)
        .env_remove("CI");
        if ci {
            c.env("CI", "true");
        }
        c.output()
    };
    let Ok(o) = under_terminal(false) else {
        assert!(std::env::var_os("CI").is_none(), "CI must have script(1)");
        common::skipped("script(1) is not installed");
        return;
    };
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(
        shown.contains("/40"),
        "no progress on a terminal: {shown:?}"
    );
    let o = under_terminal(true).unwrap();
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(!shown.contains("/40"), "progress in a CI log: {shown:?}");
    // A pipe: nothing but the report's lines.
    let o = common::planlint_in(&dir, &["check", "--no-config", "plans"]);
    let err = stderr(&o);
    assert!(!err.contains("/40") && !err.contains('\r'), "{err:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The suite's temporary folders go when their test is done (a run left
/// about 30 `/tmp/planlint-test-*` folders behind).
#[test]
fn temporary_folders_are_removed() {
    let path = {
        let dir = tempdir("removed");
        std::fs::write(dir.join("plan.txt"), "推进经济高质量发展。\n").unwrap();
        dir.to_path_buf()
    };
    assert!(!path.exists(), "{} left behind", path.display());
}
