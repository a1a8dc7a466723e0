//! `planlint FILE`: a file dropped on the program (src/cli/drop.rs) gets
//! its report and its commented copy written beside it; a file of those
//! names that planlint did not write is never replaced; the subcommands
//! are as they were. `PLANLINT_NO_OPEN` keeps the report from opening.

mod common;

use common::{docx_of, planlint_command, seed_as, seed_text, stderr, tempdir};

use std::path::Path;
use std::process::Output;

fn dropped(dir: &Path, file: &str) -> Output {
    planlint_command()
        .env("LANG", "zh_CN.UTF-8")
        .env("PLANLINT_NO_OPEN", "1")
        .arg(file)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Comments in a .docx (its `word/comments.xml`).
fn comments(docx: &Path) -> usize {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/comments.xml").unwrap(), &mut xml)
        .unwrap();
    xml.matches("<w:comment ").count()
}

#[test]
fn a_dropped_docx_gets_its_report_and_commented_copy_beside_it() {
    let dir = tempdir("drop-docx");
    let docx = docx_of(&seed_text());
    let name = seed_as(&dir, "docx", &docx);
    // Windows passes the dropped file's whole path.
    let whole = dir.join(&name).display().to_string();
    let o = dropped(&dir, &whole);
    // Errors found: exit 1, as `check`.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = dir.join("gansu-2021-93-检查报告.html");
    let copy = dir.join("gansu-2021-93-批注.docx");
    let page = std::fs::read_to_string(&report).unwrap();
    // The seed's 31 findings (its indicator file beside it is used), as
    // in `check --format html`.
    assert_eq!(page.matches(r#"<li class="finding "#).count(), 31);
    assert_eq!(comments(&copy), 31);
    assert!(stderr(&o).contains("已写出检查报告"), "{}", stderr(&o));
    assert!(stderr(&o).contains("已写出带批注的副本"), "{}", stderr(&o));
    // The original is as it was.
    assert_eq!(std::fs::read(dir.join(&name)).unwrap(), docx);

    // Dropped again: its own files are written anew.
    std::fs::write(&report, page.replace("gansu", "GANSU")).unwrap();
    let o = dropped(&dir, &whole);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&report).unwrap() == page,
        "not rewritten"
    );

    // A file of the report's name that planlint did not write stays.
    std::fs::write(&report, "编辑部自己的文件").unwrap();
    let o = dropped(&dir, &name);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("不是 planlint 写出的文件"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "编辑部自己的文件"
    );
    // So does a Word document of the copy's name.
    std::fs::remove_file(&report).unwrap();
    std::fs::write(&copy, b"PK").unwrap();
    let o = dropped(&dir, &name);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&copy).unwrap(), b"PK");
    assert!(report.exists(), "the report is still written");
}

#[test]
fn a_dropped_text_gets_its_report_and_a_pdf_a_chinese_message() {
    let dir = tempdir("drop-txt");
    let name = seed_as(&dir, "txt", seed_text().as_bytes());
    let o = dropped(&dir, &name);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(dir.join("gansu-2021-93-检查报告.html").is_file());
    assert!(!dir.join("gansu-2021-93-批注.docx").exists());

    std::fs::write(dir.join("规划.pdf"), b"%PDF-1.7\n").unwrap();
    let o = dropped(&dir, "规划.pdf");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("PDF"), "{}", stderr(&o));
    assert!(!dir.join("规划-检查报告.html").exists());
}

#[test]
fn subcommands_and_missing_files_are_as_before() {
    let dir = tempdir("drop-cli");
    // A file named like a subcommand: the subcommand runs.
    std::fs::write(dir.join("rules"), "不是规则").unwrap();
    let o = dropped(&dir, "rules");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(common::stdout(&o).contains("C101"));
    // A path that is no file: the usage error it always was.
    let o = dropped(&dir, "没有这个文件.docx");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(std::fs::read_dir(&*dir).unwrap().count() == 1);
}
