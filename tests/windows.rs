//! The Windows program (`scripts/build-windows`: planlint.exe cross-built
//! with mingw-w64) under Wine: `check --sample --format json` gives what
//! the Linux build gives, byte for byte, and a Word document dropped on it
//! (`planlint.exe FILE`) gets its report and its commented copy beside it.
//! The program and its zip are built here (cargo makes it a no-op when
//! nothing changed). Skipped where Wine or mingw-w64 is missing, but never
//! in CI, which installs them (.ci/run).
//!
//! Debian 12's Wine 8 lacks `bcryptprimitives.dll` (Rust's standard library
//! calls its `ProcessPrng`): the test builds a stand-in with mingw
//! (tests/windows/bcryptprimitives.c) and puts it beside the .exe it runs,
//! in a folder of its own. The zip never holds it.

mod common;

use common::{docx_of, planlint_zh_in, root, seed_as, seed_text, stderr, stdout, tempdir};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn found(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Builds planlint.exe and its zip; the .exe's path, or `None` (after
/// saying why) when the tools are missing.
fn build() -> Option<PathBuf> {
    if !found("wine", "--version") {
        common::skipped("wine not found (Wine is not installed)");
        return None;
    }
    if !found("x86_64-w64-mingw32-gcc", "--version") {
        common::skipped("x86_64-w64-mingw32-gcc not found (mingw-w64 is not installed)");
        return None;
    }
    let o = Command::new("bash")
        .arg(root().join("scripts/build-windows"))
        .output()
        .unwrap();
    assert!(o.status.success(), "scripts/build-windows:\n{}", stderr(&o));
    Some(common::target_dir().join("x86_64-pc-windows-gnu/release/planlint.exe"))
}

/// A folder holding planlint.exe and the stand-in bcryptprimitives.dll.
fn install(exe: &Path, dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(exe, bin.join("planlint.exe")).unwrap();
    let o = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-shared", "-O2", "-o"])
        .arg(bin.join("bcryptprimitives.dll"))
        .arg(root().join("tests/windows/bcryptprimitives.c"))
        .arg("-ladvapi32")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    bin.join("planlint.exe")
}

/// `wine planlint.exe ARGS` in `dir`, with a Wine prefix kept under target/
/// (made once, about ten seconds).
fn wine(exe: &Path, dir: &Path, args: &[&str]) -> Output {
    let prefix = common::target_dir().join("wine-prefix");
    Command::new("wine")
        .arg(exe)
        .args(args)
        .current_dir(dir)
        .env("WINEPREFIX", &prefix)
        .env("WINEDEBUG", "-all")
        // No Mono or Gecko installer when the prefix is made.
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        // Wine maps Windows names to the system's through its locale: a
        // UTF-8 one, which every Debian has, for the Chinese file names.
        // planlint reads no English in it, so its interface is Chinese.
        .env("LC_ALL", "C.UTF-8")
        .env("PLANLINT_NO_OPEN", "1")
        .output()
        .unwrap()
}

/// A path as Windows programs under Wine see it (drive Z: is `/`).
fn windows_path(p: &Path) -> String {
    format!("Z:{}", p.display()).replace('/', "\\")
}

#[test]
fn the_windows_program_under_wine_gives_the_linux_findings() {
    let Some(exe) = build() else {
        return;
    };
    // The zip: the program, the README and the checksum of the program.
    let zip_path = std::fs::read_dir(common::target_dir().join("windows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "zip"))
        .expect("a zip in target/windows");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    names.sort();
    assert!(
        names.iter().any(|n| n.ends_with("/planlint.exe")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with("/README.md")), "{names:?}");
    let sums = names.iter().find(|n| n.ends_with("/SHA256SUMS")).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(sums).unwrap(), &mut text).unwrap();
    assert!(
        text.ends_with("  planlint.exe\n") && text.len() == 64 + 2 + 12 + 1,
        "{text}"
    );

    let dir = tempdir("windows");
    let exe = install(&exe, &dir);
    let windows = wine(&exe, &dir, &["check", "--sample", "--format", "json"]);
    let linux = planlint_zh_in(&dir, &["check", "--sample", "--format", "json"]);
    assert_eq!(linux.status.code(), Some(1), "{}", stderr(&linux));
    assert_eq!(windows.status.code(), Some(1), "{}", stderr(&windows));
    let (w, l) = (stdout(&windows), stdout(&linux));
    let count = |s: &str| {
        serde_json::from_str::<serde_json::Value>(s).unwrap()["diagnostics"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&w), 31);
    assert!(
        w == l,
        "the Windows build's JSON differs from the Linux build's"
    );

    // A Word document dropped on the program: the report and the
    // commented copy beside it, the original as it was.
    let docx = docx_of(&seed_text());
    let name = seed_as(&dir, "docx", &docx);
    let o = wine(&exe, &dir, &[&windows_path(&dir.join(&name))]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.join("gansu-2021-93-检查报告.html")).unwrap();
    assert_eq!(page.matches(r#"<li class="finding "#).count(), 31);
    let copy = std::fs::read(dir.join("gansu-2021-93-批注.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(copy)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/comments.xml").unwrap(), &mut xml)
        .unwrap();
    assert_eq!(xml.matches("<w:comment ").count(), 31);
    assert_eq!(std::fs::read(dir.join(&name)).unwrap(), docx);
}
