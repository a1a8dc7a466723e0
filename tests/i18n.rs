//! The interface in two languages: every message in Chinese and English
//! with the same placeholders, every key the code uses in the catalogue,
//! every rule documented in Chinese with the English examples, Chinese by
//! default and English with `--lang en` or an English locale.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use planlint::i18n;

/// The `{name}` placeholders of a message (`{name:s}` counts as `name`).
fn placeholders(message: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        out.insert(inner.split(':').next().unwrap().to_owned());
        rest = &rest[open + close + 1..];
    }
    out
}

#[test]
fn every_message_is_in_both_languages_with_the_same_placeholders() {
    assert!(i18n::MESSAGES.len() > 80, "{}", i18n::MESSAGES.len());
    for (key, (zh, en)) in i18n::MESSAGES.iter() {
        assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{key}");
        assert_eq!(placeholders(zh), placeholders(en), "{key}");
        assert!(
            // Chinese words, or at least Chinese punctuation (“{prefix}：”).
            zh.chars().any(|c| c >= '\u{3000}') || zh == en,
            "{key}: the Chinese is not Chinese"
        );
    }
}

/// `t("key"` and `line("key"` in the sources: each key is in the catalogue.
#[test]
fn every_key_the_code_uses_is_in_the_catalogue() {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&common::root().join("src"), &mut files);
    let mut used = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for call in ["t(", "line("] {
            for (i, _) in text.match_indices(call) {
                let before = text[..i].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = text[i + call.len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let key = &rest[..rest.find('"').unwrap()];
                if key.contains('.') && !key.contains(' ') {
                    used += 1;
                    assert!(
                        i18n::MESSAGES.contains_key(key),
                        "{}: `{key}` is not in rules/i18n/messages.toml",
                        file.display()
                    );
                }
            }
        }
    }
    assert!(used > 60, "{used}");
    // Keys made from a rule's metadata.
    let packs = planlint::rules::pack::Packs::builtin().unwrap();
    for r in planlint::rules::all(&packs) {
        let m = r.meta();
        for key in [
            format!("category.{}", m.category.as_str()),
            format!("severity.{}", m.severity.as_str()),
            format!("fix.{}", m.fix.as_str()),
            format!("tier.{}", m.tier.as_str()),
        ] {
            assert!(i18n::MESSAGES.contains_key(&key), "{key}");
        }
    }
}

/// The fenced blocks of a Markdown text, info string and all.
fn fences(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match current.as_mut() {
            None if line.trim_start().starts_with("```") => current = Some(format!("{line}\n")),
            None => {}
            Some(block) => {
                block.push_str(line);
                block.push('\n');
                if line.trim_start().starts_with("```") {
                    out.push(current.take().unwrap());
                }
            }
        }
    }
    out
}

fn headings(doc: &str) -> Vec<&str> {
    doc.lines().filter(|l| l.starts_with("## ")).collect()
}

#[test]
fn every_rule_is_documented_in_chinese_with_the_english_examples() {
    let packs = planlint::rules::pack::Packs::builtin().unwrap();
    let rules = planlint::rules::all(&packs);
    assert!(rules.len() >= 48);
    for r in rules {
        let m = r.meta();
        let (summary, doc) = i18n::chinese_doc(m.code)
            .unwrap_or_else(|| panic!("rules/i18n/zh/{}.md is missing", m.code));
        assert!(
            !summary.is_empty() && !summary.starts_with('#'),
            "{}",
            m.code
        );
        assert_eq!(
            fences(doc),
            fences(m.doc),
            "{}: the examples differ",
            m.code
        );
        let english = headings(m.doc);
        let chinese = headings(doc);
        assert_eq!(chinese.len(), english.len(), "{}: sections", m.code);
        for (en, zh) in english.iter().zip(&chinese) {
            let expected = match *en {
                "## What it checks" => "## 检查什么",
                "## Why it matters" => "## 为什么重要",
                "## Example" => "## 示例",
                "## Fix safety" => "## 修复安全性",
                "## Options" => "## 选项",
                other => panic!("{}: unknown section {other}", m.code),
            };
            assert_eq!(*zh, expected, "{}", m.code);
        }
    }
}

fn run(env: Option<&str>, args: &[&str]) -> (String, String) {
    let mut c = common::planlint_command();
    c.env_remove("LANG");
    if let Some(lang) = env {
        c.env("LANG", lang);
    }
    let o = c.args(args).current_dir(common::root()).output().unwrap();
    (common::stdout(&o), common::stderr(&o))
}

#[test]
fn chinese_by_default_english_on_request() {
    let sample = ["check", "--sample", "--format", "concise"];
    for env in [None, Some("zh_CN.UTF-8"), Some("C.UTF-8")] {
        let (out, _) = run(env, &sample);
        assert!(
            out.lines().last().unwrap().starts_with("共发现 14 个错误"),
            "{env:?}: {out}"
        );
    }
    let (out, _) = run(Some("en_US.UTF-8"), &sample);
    assert!(
        out.lines().last().unwrap().starts_with("Found 14 errors"),
        "{out}"
    );
    let with_flag: Vec<&str> = sample.iter().copied().chain(["--lang", "en"]).collect();
    let (out, _) = run(None, &with_flag);
    assert!(
        out.lines().last().unwrap().starts_with("Found 14 errors"),
        "{out}"
    );
    // And the other way round: an English locale, --lang zh.
    let with_flag: Vec<&str> = sample.iter().copied().chain(["--lang", "zh"]).collect();
    let (out, _) = run(Some("en_US.UTF-8"), &with_flag);
    assert!(out.lines().last().unwrap().starts_with("共发现"), "{out}");

    let (out, _) = run(None, &["explain", "C101"]);
    assert!(
        out.contains("## 检查什么") && out.contains("类别：一致性"),
        "{out}"
    );
    let (out, _) = run(None, &["explain", "C101", "--lang", "en"]);
    assert!(out.contains("## What it checks") && out.contains("Category: consistency"));
    let (out, _) = run(None, &["rules"]);
    assert!(
        out.starts_with("代码") && out.contains("structure-label"),
        "{out}"
    );
    let (_, err) = run(None, &["check", "--no-config", "no-such-plan.txt"]);
    assert!(
        err.contains("错误：no-such-plan.txt: 无法读取：文件或目录不存在"),
        "{err}"
    );
    let (_, err) = run(
        None,
        &["check", "--no-config", "no-such-plan.txt", "--lang", "en"],
    );
    assert!(
        err.contains("error: no-such-plan.txt: cannot read: no such file or directory"),
        "{err}"
    );
}

#[test]
fn the_command_line_help_and_its_errors_are_chinese_by_default() {
    let (out, _) = run(None, &["--help"]);
    assert!(out.contains("用法：planlint [选项] <命令>"), "{out}");
    assert!(
        out.contains("检查规划文本") && out.contains("显示帮助"),
        "{out}"
    );
    let (out, _) = run(None, &["check", "-h"]);
    assert!(out.contains("对文件应用安全修复"), "{out}");
    assert!(out.contains("--indicators <文件>"), "{out}");
    // Defaults and choices, which clap writes in English, are in the help.
    assert!(out.contains("可选：human、concise、json"), "{out}");
    assert!(
        !out.contains("[default:") && !out.contains("Usage:"),
        "{out}"
    );
    let (out, _) = run(None, &["check", "-h", "--lang", "en"]);
    assert!(out.contains("Usage: planlint check [OPTIONS]"), "{out}");
    assert!(out.contains("Apply safe fixes"), "{out}");

    let mut c = common::planlint_command();
    c.env_remove("LANG").args(["check", "--bogus"]);
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(err.starts_with("错误：无法识别的参数“--bogus”"), "{err}");
    assert!(
        err.contains("用法：planlint check [选项] [路径]..."),
        "{err}"
    );
    let (_, err) = run(None, &["chek"]);
    assert!(err.contains("是否要用“check”？"), "{err}");
    let (_, err) = run(None, &["check", "--format", "xml"]);
    assert!(err.contains("参数“--format <格式>”的值“xml”无效"), "{err}");
}

#[test]
fn the_chinese_help_keeps_the_order_of_positionals() {
    // `diff OLD NEW`: the Chinese command line still reads OLD first.
    let dir = common::tempdir("zh-diff-order");
    std::fs::write(dir.join("old.txt"), "推进发展。\n").unwrap();
    std::fs::write(dir.join("new.txt"), "推进发展,实现增长。\n").unwrap();
    let o = common::planlint_zh_in(
        &dir,
        &[
            "diff",
            "old.txt",
            "new.txt",
            "--no-config",
            "--format",
            "concise",
        ],
    );
    let out = common::stdout(&o);
    assert!(out.starts_with("new.txt:1:5: warning[P101/"), "{out}");
}

/// Every built-in rule has a Chinese name (rules/i18n/zh/names.toml), and
/// the file names no rule that does not exist.
#[test]
fn every_rule_has_a_chinese_name() {
    let rules = common::all_rules();
    let codes: BTreeSet<&str> = rules.iter().map(|r| r.meta().code).collect();
    for code in &codes {
        let name = i18n::chinese_rule_name(code)
            .unwrap_or_else(|| panic!("{code} has no Chinese name in rules/i18n/zh/names.toml"));
        assert!(
            name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{code}: {name}"
        );
    }
    for code in i18n::chinese_rule_names().keys() {
        assert!(
            codes.contains(code.as_str()),
            "names.toml names {code}, no such rule"
        );
    }
}

/// English left in the Chinese interface (issue 39): diff's last line, OS
/// and ZIP errors, SARIF's fullDescription, rule names as slugs in the HTML
/// report, its filter menu and Word comments.
#[test]
fn no_english_left_in_the_chinese_interface() {
    let dir = common::tempdir("i18n-english");
    let zh = |args: &[&str]| common::planlint_zh_in(&dir, args);
    let is_english = |s: &str| {
        s.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
            w.len() > 3 && !["docx", "html", "planlint", "annotate", "Word", "UTF"].contains(&w)
        })
    };
    // diff: the count of findings OLD had too.
    std::fs::write(dir.join("old.txt"), "推进经济高质量发展(试行)。\n").unwrap();
    std::fs::write(
        dir.join("new.txt"),
        "推进经济高质量发展(试行)。\n加快建设(草案)。\n",
    )
    .unwrap();
    let o = zh(&["diff", "--no-config", "old.txt", "new.txt"]);
    let err = common::stderr(&o);
    assert!(
        err.contains("old.txt") && !is_english(&err.replace("old.txt", "")),
        "{err}"
    );
    // An OS error: a symbolic link loop.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop.txt", dir.join("loop.txt")).unwrap();
        let o = zh(&["check", "--no-config", "loop.txt"]);
        let err = common::stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(!is_english(&err.replace("loop.txt", "")), "{err}");
    }
    // A ZIP error: a .docx cut short.
    let mut cut = docx_bytes();
    cut.truncate(cut.len() / 2);
    std::fs::write(dir.join("cut.docx"), cut).unwrap();
    let o = zh(&["check", "--no-config", "cut.docx"]);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        !is_english(&err.replace("cut.docx", "").replace(".docx", "")),
        "{err}"
    );
    // SARIF: what the rule checks, in Chinese.
    let o = zh(&["check", "--no-config", "--format", "sarif", "old.txt"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rule = &sarif["runs"][0]["tool"]["driver"]["rules"][0];
    let full = rule["fullDescription"]["text"].as_str().unwrap();
    assert!(full.contains("中文文本的标点符号为全角"), "{full}");
    // HTML: the rule's Chinese name, in the list, the filter and the rules.
    let o = zh(&["check", "--no-config", "--format", "html", "old.txt"]);
    let page = common::stdout(&o);
    assert!(!page.contains("halfwidth-punctuation"), "slug in the page");
    assert!(
        page.contains(r#"<option value="P101">P101 半角标点（1）</option>"#),
        "{page}"
    );
    assert!(page.contains("P101 半角标点</span>"));
    // A Word comment.
    std::fs::write(dir.join("plan.docx"), docx_bytes()).unwrap();
    let o = zh(&[
        "check",
        "--no-config",
        "plan.docx",
        "--annotate",
        "out.docx",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let copy = std::fs::read(dir.join("out.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(copy)).unwrap();
    let mut comments = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/comments.xml").unwrap(),
        &mut comments,
    )
    .unwrap();
    assert!(comments.contains("P101 半角标点（警告）"), "{comments}");
    assert!(!comments.contains("halfwidth-punctuation"), "{comments}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A one-paragraph Word document with a half-width bracket (P101).
fn docx_bytes() -> Vec<u8> {
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>推进经济高质量发展(试行)。</w:t></w:r></w:p></w:body></w:document>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    common::package(&[
        ("[Content_Types].xml", types),
        ("word/document.xml", document),
    ])
}

/// `check --help` in Chinese: the descriptions start in one column, as a
/// terminal shows them (placeholders like <文件名> are two cells a
/// character; padding counted characters and left them ragged).
#[test]
fn the_chinese_help_lines_up_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    let (out, _) = run(None, &["check", "--help"]);
    let mut columns = BTreeSet::new();
    for line in out.lines().filter(|l| l.trim_start().starts_with("--")) {
        // The description starts after the run of two or more spaces that
        // ends the option and its placeholder.
        let option_end = line
            .trim_start()
            .find("  ")
            .map(|i| i + line.len() - line.trim_start().len());
        let Some(end) = option_end else { continue };
        let start = end + line[end..].len() - line[end..].trim_start().len();
        columns.insert(line[..start].width());
    }
    assert_eq!(
        columns.len(),
        1,
        "descriptions start at columns {columns:?}:\n{out}"
    );
}

/// `explain` is for an editor: what the rule checks in a few sentences and
/// an example, in either language; the measurements behind a rule live in
/// `docs/rules/` (explain W104 was an essay on frequencies and cut-offs,
/// 3,221 characters in Chinese and 7,611 in English).
#[test]
fn explain_is_short_for_every_rule() {
    for rule in common::all_rules() {
        let code = rule.meta().code;
        for (lang, max) in [("zh", 1_200), ("en", 2_500)] {
            let (out, _) = run(None, &["explain", code, "--lang", lang]);
            let n = out.chars().count();
            assert!(
                n <= max,
                "explain {code} --lang {lang}: {n} characters (at most {max})"
            );
        }
    }
    // W104's detail is in the docs, and its documentation says where.
    let detail = std::fs::read_to_string(common::root().join("docs/rules/W104.md")).unwrap();
    assert!(
        detail.contains("e⁶") && detail.contains("wordfreq"),
        "{detail}"
    );
    let (out, _) = run(None, &["explain", "W104"]);
    assert!(out.contains("docs/rules/W104.md"), "{out}");
}
