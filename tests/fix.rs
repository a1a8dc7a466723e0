//! `check --fix`: fixes reach a fixpoint (a second run finds nothing left to
//! fix) on the seed and on every fixture; files are written atomically in
//! their own encoding; a read-only file is refused untouched.

mod common;

use std::path::{Path, PathBuf};

use planlint::fix::{fix_text, FixLevel};
use planlint::source::SourceFile;
use planlint::{Linter, SEED_INDICATORS_TEXT, SEED_TEXT};

/// After fixing at `level`, linting the fixed text gives no fix that `level`
/// would apply. Returns how many fixes were applied.
fn assert_fixpoint(
    linter: &Linter,
    src: &SourceFile,
    toml: Option<&SourceFile>,
    level: FixLevel,
) -> usize {
    let indicators = toml.and_then(|t| linter.load_indicators(t, 1).0);
    let fixed = fix_text(linter, src, indicators.as_ref(), level);
    let again = linter.lint_with(0, &src.with_text(fixed.text.clone()), indicators.as_ref());
    let left: Vec<_> = again
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| level.allows(f.applicability))
        })
        .map(|d| format!("{} {:?} {}", d.code, d.span, d.message))
        .collect();
    assert!(
        left.is_empty(),
        "{}: fixable after --fix ({level:?}): {left:#?}",
        src.name
    );
    fixed.applied
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(common::root().join("tests/fixtures")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "txt") {
                out.push(f.strip_prefix(common::root()).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn seed_reaches_a_fixpoint() {
    let linter = common::linter();
    let src = SourceFile::from_text("seed.txt", SEED_TEXT);
    let toml = SourceFile::from_text("seed.toml", SEED_INDICATORS_TEXT);
    let safe = assert_fixpoint(&linter, &src, Some(&toml), FixLevel::Safe);
    let all = assert_fixpoint(&linter, &src, Some(&toml), FixLevel::Unsafe);
    // `check --diff` on the seed: 11 safe fixes (T102 <p> </p> at line
    // 1179, O101 (一) ×2, P101 at 19/329/1384, W101 补尝 …), 23 with the
    // unsafe ones (C101 二极, N103, P106, T101 ×3, W102 ×2, W201, W202,
    // W203 ×2). P106 changes a published heading: its fix is unsafe.
    assert_eq!((safe, all), (11, 23));
    assert!(all > safe, "unsafe {all} vs safe {safe}");
}

#[test]
fn every_fixture_reaches_a_fixpoint() {
    let linter = common::linter();
    let mut applied = 0;
    for rel in fixtures() {
        let src = common::load(&rel);
        let toml_rel = rel.with_extension("toml");
        let toml = common::root()
            .join(&toml_rel)
            .exists()
            .then(|| common::load(&toml_rel));
        applied += assert_fixpoint(&linter, &src, toml.as_ref(), FixLevel::Safe);
        applied += assert_fixpoint(&linter, &src, toml.as_ref(), FixLevel::Unsafe);
    }
    assert!(applied > 20, "fixes applied over all fixtures: {applied}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

// Two safe fixes (P101: half-width comma between Chinese → ，; W101: the
// typo 补尝 → 补偿) and an unsafe one (N103: 分别 with one value → 均);
// invented text.
const TEXT: &str =
    "推进兰州,白银协同发展。\r\n开展生态综合补尝试点。\r\n城乡居民收入年均增长分别达到8%左右。\r\n";

#[test]
fn fix_writes_safe_fixes_and_keeps_encoding_bom_and_crlf() {
    let dir = common::tempdir("fix-encoding");
    let utf8 = write(
        &dir,
        "utf8.txt",
        &[b"\xEF\xBB\xBF", TEXT.as_bytes()].concat(),
    );
    let gb = write(&dir, "gb.txt", &encoding_rs::GB18030.encode(TEXT).0);
    let utf16: Vec<u8> = b"\xFF\xFE"
        .iter()
        .copied()
        .chain(TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let u16 = write(&dir, "utf16.txt", &utf16);
    let out = common::planlint(&[
        "check",
        "--fix",
        "--format",
        "concise",
        dir.to_str().unwrap(),
    ]);
    let err = common::stderr(&out);
    assert!(err.contains("fixed 6 problems in 3 files"), "{err}");
    let want = TEXT
        .replace("兰州,白银", "兰州，白银")
        .replace("补尝", "补偿");
    assert_eq!(
        std::fs::read(&utf8).unwrap(),
        [b"\xEF\xBB\xBF", want.as_bytes()].concat()
    );
    assert_eq!(
        std::fs::read(&gb).unwrap(),
        encoding_rs::GB18030.encode(&want).0.into_owned()
    );
    let want16: Vec<u8> = b"\xFF\xFE"
        .iter()
        .copied()
        .chain(want.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    assert_eq!(std::fs::read(&u16).unwrap(), want16);
    // The unsafe fix was not applied and is still reported.
    assert!(
        common::stdout(&out).contains("N103"),
        "{}",
        common::stdout(&out)
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");

    let out = common::planlint(&["check", "--fix", "--unsafe-fixes", utf8.to_str().unwrap()]);
    assert!(
        common::stderr(&out).contains("fixed 1 problem"),
        "{}",
        common::stderr(&out)
    );
    let want = want.replace("分别达到", "均达到");
    assert_eq!(
        std::fs::read(&utf8).unwrap(),
        [b"\xEF\xBB\xBF", want.as_bytes()].concat()
    );
    // Nothing left: a second run changes nothing and exits 0.
    let out = common::planlint(&["check", "--fix", "--unsafe-fixes", utf8.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert!(
        !common::stderr(&out).contains("fixed"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn diff_prints_the_change_and_writes_nothing() {
    let dir = common::tempdir("fix-diff");
    let p = write(&dir, "plan.txt", TEXT.as_bytes());
    let out = common::planlint(&["check", "--diff", p.to_str().unwrap()]);
    let diff = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{diff}");
    assert!(diff.contains("-推进兰州,白银协同发展。"), "{diff}");
    assert!(diff.contains("+推进兰州，白银协同发展。"), "{diff}");
    assert!(diff.contains("+开展生态综合补偿试点。"), "{diff}");
    assert!(
        !diff.contains("均达到"),
        "unsafe fix in a safe diff: {diff}"
    );
    assert_eq!(std::fs::read(&p).unwrap(), TEXT.as_bytes());
    let out = common::planlint(&["check", "--diff", "--unsafe-fixes", p.to_str().unwrap()]);
    assert!(common::stdout(&out).contains("+城乡居民收入年均增长均达到8%左右。"));
    // The embedded sample can be diffed, not written.
    let out = common::planlint(&["check", "--sample", "--diff"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stdout(&out).contains("+++ seeds/gansu-2021-93.txt"));
    let out = common::planlint(&["check", "--sample", "--fix"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("embedded"),
        "{}",
        common::stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn read_only_file_is_refused_and_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::tempdir("fix-readonly");
    let p = write(&dir, "plan.txt", TEXT.as_bytes());
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = common::planlint(&["check", "--fix", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("plan.txt") && err.contains("read-only"),
        "{err}"
    );
    assert_eq!(std::fs::read(&p).unwrap(), TEXT.as_bytes());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn fixes_write_through_symlinks_and_keep_hard_links() {
    let dir = common::tempdir("fix-links");
    let fixed = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    // A symbolic link: the target gets the fix, the link stays a link.
    let target = write(&dir, "real.txt", TEXT.as_bytes());
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = common::planlint(&["check", "--fix", link.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(2), "{}", common::stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_ne!(fixed(&target), TEXT, "the target was not fixed");
    assert_eq!(fixed(&link), fixed(&target));
    // A hard link: both names still share one file, and both see the fix.
    let a = write(&dir, "a.txt", TEXT.as_bytes());
    let b = dir.join("b.txt");
    std::fs::hard_link(&a, &b).unwrap();
    let out = common::planlint(&["check", "--fix", a.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(2), "{}", common::stderr(&out));
    assert_ne!(fixed(&b), TEXT, "the other name was not fixed");
    assert_eq!(fixed(&a), fixed(&b));
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
    assert_eq!(
        std::fs::metadata(&a).unwrap().ino(),
        std::fs::metadata(&b).unwrap().ino()
    );
    // No temporary or backup file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[test]
fn markup_fixes_delete_only_what_they_flag() {
    let linter = common::linter();
    // Tags between sentences go with the space beside them.
    let src = SourceFile::from_text("p.txt", "加快推进。</p> <p>加快建设。\n");
    let fixed = fix_text(&linter, &src, None, FixLevel::Safe);
    assert_eq!(fixed.text, "加快推进。加快建设。\n");
    // A web page saved as .txt is reported once and never stripped.
    let page = "<!DOCTYPE html>\n<html><body><p>加快推进。</p></body></html>\n";
    let src = SourceFile::from_text("page.txt", page);
    let found = linter.lint_file(0, &src);
    assert_eq!(found.iter().filter(|d| d.code == "T102").count(), 1);
    assert_eq!(fix_text(&linter, &src, None, FixLevel::Unsafe).text, page);
}

#[test]
fn unsafe_fixes_alone_applies_every_fix() {
    let dir = common::tempdir("fix-unsafe-alone");
    let p = write(&dir, "plan.txt", TEXT.as_bytes());
    // --unsafe-fixes without --fix or --diff means --fix --unsafe-fixes.
    let out = common::planlint(&["check", "--unsafe-fixes", p.to_str().unwrap()]);
    assert!(
        common::stderr(&out).contains("fixed 3 problems"),
        "{}",
        common::stderr(&out)
    );
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("均达到") && text.contains("补偿"), "{text}");
    // What is left needs nothing more: the summary says so.
    let out = common::planlint(&["check", "--format", "concise", p.to_str().unwrap()]);
    assert!(
        !common::stdout(&out).contains("fixable"),
        "{}",
        common::stdout(&out)
    );
}
