//! The bad-input catalog: each input gets a clear message naming the file,
//! exit 2 where the run cannot go on, the other files still linted, no
//! panic, no file modified.

mod common;

use common::{planlint, tempdir};

use std::process::Output;

use planlint::source::SourceFile;

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Lints `bytes` as a file through the binary; checks that the file was not
/// changed and that nothing panicked.
fn lint_bytes(name: &str, bytes: &[u8]) -> Output {
    let d = tempdir(name);
    let f = d.join(format!("{name}.txt"));
    std::fs::write(&f, bytes).unwrap();
    let o = planlint(&["check", "--format", "concise", f.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&f).unwrap(),
        bytes,
        "{name}: the input was modified"
    );
    assert!(!out(&o).contains("panicked"), "{name}: {}", out(&o));
    o
}

#[test]
fn empty_and_blank_files_are_clean() {
    for (name, bytes) in [
        ("empty", &b""[..]),
        ("blank", &b" \n\t\r\n\xE3\x80\x80\n"[..]),
    ] {
        let o = lint_bytes(name, bytes);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", out(&o));
        assert!(out(&o).contains("Found 0 errors"), "{name}: {}", out(&o));
    }
}

#[test]
fn binary_and_undecodable_files_exit_2_naming_the_file() {
    let o = lint_bytes("nul", b"\xe5\x85\xb0\x00\x01\x02");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        out(&o).contains("nul.txt: cannot read: the file contains a NUL byte"),
        "{}",
        out(&o)
    );
    // 0xFF never starts a GB18030 character and is invalid UTF-8.
    let o = lint_bytes("latin1", b"caf\xe9 na\xefve \xff");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        out(&o).contains("latin1.txt: cannot read: the file is neither UTF-8"),
        "{}",
        out(&o)
    );
}

#[test]
fn legacy_encodings_are_read() {
    let (gb, _, _) = encoding_rs::GB18030
        .encode("“十四五”示例发展规划\n\n一、背景\n\n区位优势 and 物流优势。\n");
    let o = lint_bytes("gb18030", &gb);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        out(&o).contains("info[F001/legacy-encoding] 文件按 GB18030 解码"),
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains("gb18030.txt:5:6: error[T101/stray-latin]"),
        "{}",
        out(&o)
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "区位优势 and 物流优势。\r\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let o = lint_bytes("utf16", &utf16);
    assert!(out(&o).contains("文件按 UTF-16LE 解码"), "{}", out(&o));
    assert!(
        out(&o).contains("utf16.txt:1:6: error[T101/stray-latin]"),
        "{}",
        out(&o)
    );
}

#[test]
fn crlf_files_keep_their_line_numbers() {
    let o = lint_bytes(
        "crlf",
        "一、背景\r\n\r\n区位优势 and 物流优势。\r\n".as_bytes(),
    );
    assert!(
        out(&o).contains("crlf.txt:3:6: error[T101/stray-latin]"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_directory_with_an_unreadable_entry_lints_the_rest() {
    let d = tempdir("unreadable");
    std::fs::write(d.join("good.txt"), "区位优势 and 物流优势。\n").unwrap();
    // A dangling link is unreadable whoever runs the tests (root reads any file).
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("broken.txt")).unwrap();
    let missing = d.join("missing.txt");
    let o = planlint(&[
        "check",
        "--format",
        "concise",
        d.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let text = out(&o);
    if cfg!(unix) {
        assert!(text.contains("broken.txt: cannot read"), "{text}");
    }
    assert!(
        text.contains("missing.txt: cannot read: no such file or directory"),
        "{text}"
    );
    assert!(
        text.contains("good.txt:1:6: error[T101/stray-latin]"),
        "{text}"
    );
}

#[test]
fn huge_and_deep_inputs_finish_without_panicking() {
    let linter = common::linter();
    // A 20 MB single line, 100,000 numbers in one paragraph, 10,000 nested
    // brackets and 10,000 unclosed quotation marks.
    let cases = [
        (
            "line",
            "兰州经济圈加快发展，推进区域协调，".repeat(20_000_000 / 51),
        ),
        (
            "numbers",
            (0..100_000)
                .map(|i| format!("{i}.5万人、"))
                .collect::<String>()
                + "。",
        ),
        (
            "brackets",
            "（".repeat(10_000) + "兰州" + &"）".repeat(10_000) + &"“".repeat(10_000),
        ),
    ];
    for (name, text) in cases {
        let src = SourceFile::from_text(name, text);
        let diags = linter.lint_file(0, &src);
        for d in &diags {
            assert!(
                src.text.is_char_boundary(d.span.start) && src.text.is_char_boundary(d.span.end),
                "{name}"
            );
        }
    }
}

#[test]
fn an_indicator_file_of_another_plan_is_named_and_skipped() {
    let d = tempdir("other-plan");
    let plan = d.join("plan.txt");
    std::fs::write(
        &plan,
        "“十四五”甲经济圈发展规划\n\n一、背景\n\n本区域2020年末总人口100万人。\n",
    )
    .unwrap();
    let toml = d.join("other.toml");
    std::fs::write(
        &toml,
        "[[region]]\nid = \"b\"\nname = \"乙经济带\"\n\n[[figure]]\nregion = \"b\"\nmeasure = \"人口\"\nvalue = \"50\"\nunit = \"万人\"\nyear = 2020\n",
    )
    .unwrap();
    let o = planlint(&[
        "check",
        "--format",
        "concise",
        "--indicators",
        toml.to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("plan.txt: no indicator file names a region of this plan"),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("other.toml"), "{}", out(&o));
}

/// `message` without what it quotes: `…`, “…” and "…".
fn unquoted(message: &str) -> String {
    let mut out = String::new();
    let mut close = None;
    for c in message.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '`' => close = Some('`'),
                '“' => close = Some('”'),
                '"' => close = Some('"'),
                c => out.push(c),
            },
        }
    }
    out
}

#[test]
fn malformed_indicator_files_exit_2() {
    // Every kind of malformed file has a fixture in tests/fixtures/F002/;
    // through the binary, each exits 2 with its position in the TOML.
    let fixtures = common::root().join("tests/fixtures/F002");
    let mut n = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let p = entry.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        if p.extension().is_some_and(|e| e == "toml") && stem.starts_with("invalid_") {
            let o = planlint(&[
                "check",
                "--format",
                "concise",
                p.with_extension("txt").to_str().unwrap(),
            ]);
            assert_eq!(o.status.code(), Some(2), "{stem}: {}", out(&o));
            let shown = format!("{}:", p.display());
            assert!(
                out(&o).contains(&shown) && out(&o).contains("error[F002/indicator-file]"),
                "{stem}: {}",
                out(&o)
            );
            // In English (these runs are), the message is English but for
            // the values it quotes from the file.
            for line in out(&o).lines().filter(|l| l.contains("[F002/")) {
                let message = line.split_once("] ").map_or("", |(_, m)| m);
                assert!(
                    !unquoted(message)
                        .chars()
                        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                    "{stem}: {line}"
                );
            }
            n += 1;
        }
    }
    assert!(n >= 10, "{n} malformed fixtures");
}

/// The seed repeated (as the ×10 bench lints it): names the plan writes
/// more often reach readings that one copy does not (a region ending
/// compared across text units whose text is not a plain slice of the
/// file). Every span must lie on character boundaries, and nothing panics.
#[test]
fn the_seed_repeated_lints_without_panicking() {
    let linter = common::linter();
    let src = SourceFile::from_text("seed3.txt", planlint::SEED_TEXT.repeat(3));
    for d in linter.lint_file(0, &src) {
        assert!(
            src.text.is_char_boundary(d.span.start) && src.text.is_char_boundary(d.span.end),
            "{d:?}"
        );
    }
}
