//! What people see: each `tests/render/*.txt` is linted with every rule and
//! its human output snapshotted, for the cases where columns and underlines
//! go wrong (combining marks, emoji, full-width Latin, CR and CRLF line
//! endings, long lines, labels split by a page break).

mod common;

use std::path::PathBuf;

use planlint::report::Format;

#[test]
fn human_rendering() {
    let dir = common::root().join("tests/render");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let rel = path.strip_prefix(common::root()).unwrap().to_path_buf();
        let src = common::load(&rel);
        let diags = common::linter().lint_file(0, &src);
        assert!(!diags.is_empty(), "{}: nothing to render", rel.display());
        let sources = [src];
        let shown = common::render(&sources, &diags, Format::Human);
        common::assert_underlines_align(&shown, &sources, &diags);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => "snapshots/render",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => rel.display().to_string(),
        }, {
            insta::assert_snapshot!(name, shown);
        });
    }
}

#[test]
fn the_alignment_check_catches_a_shifted_underline() {
    let good = " 5 │ 优势 and 物流\n   ·      ───\n";
    assert_eq!(common::underlined(good), ["and"]);
    let shifted = " 5 │ 优势 and 物流\n   ·       ───\n";
    assert_eq!(common::underlined(shifted), ["nd "]);
    // Byte counting instead of display width would put it here:
    let bytes = " 5 │ 优势 and 物流\n   ·        ───\n";
    assert_ne!(common::underlined(bytes), ["and"]);
}
