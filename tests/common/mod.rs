//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

use planlint::diagnostic::Diagnostic;
use planlint::report::{Format, HumanOptions, Run};
use planlint::rules::pack::Packs;
use planlint::rules::Rule;
use planlint::source::SourceFile;
use planlint::{input, Linter};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Cargo's target directory: `target/` of the repository, or
/// `CARGO_TARGET_DIR` when set (relative to the repository), where
/// scripts/build-web and scripts/build-windows write too.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => root().join(d),
        _ => root().join("target"),
    }
}

/// Reads a file under the repository root, named by its relative path.
pub fn load(rel: &Path) -> SourceFile {
    let bytes = std::fs::read(root().join(rel)).unwrap();
    input::decode(rel.display().to_string().replace('\\', "/"), &bytes).unwrap()
}

/// The built-in packs, loaded once per test binary.
pub static PACKS: LazyLock<Packs> = LazyLock::new(|| Packs::builtin().unwrap());

/// Every rule: built-in and of the built-in packs.
pub fn all_rules() -> Vec<&'static dyn Rule> {
    planlint::rules::all(&PACKS)
}

/// Runs the `planlint` binary from the repository root.
pub fn planlint(args: &[&str]) -> Output {
    planlint_in(&root(), args)
}

/// The `planlint` binary with an English locale: the suites assert the
/// English interface (`--lang en`); tests/i18n.rs checks the Chinese one,
/// the default.
pub fn planlint_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_planlint"));
    c.env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// Runs the `planlint` binary in `dir` with a Chinese locale (the default
/// interface, as editors see it).
pub fn planlint_zh_in(dir: &Path, args: &[&str]) -> Output {
    planlint_command()
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Runs the `planlint` binary in `dir`.
pub fn planlint_in(dir: &Path, args: &[&str]) -> Output {
    planlint_command()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Runs the `planlint` binary in `dir`: exit code, standard output, standard error.
pub fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = planlint_in(dir, args);
    (out.status.code(), stdout(&out), stderr(&out))
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh empty directory under the system temp dir, private to this test
/// process, removed when the test is done with it (a run left about 30
/// `planlint-test-*` folders behind). A failing test keeps it, and says
/// where, to look at.
pub fn tempdir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("planlint-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// A directory removed when dropped (see [`tempdir`]); it reads as its path.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "kept for a look: {}", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub fn linter() -> Linter {
    Linter::builtin().unwrap()
}

/// Lints a fixture the way `check` does: with its same-stem `.toml`
/// indicator file when there is one. Returns the sources (the plan first,
/// then the TOML) and every diagnostic, loading errors included.
pub fn lint_fixture(linter: &Linter, rel: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let plan = load(rel);
    let toml = rel.with_extension("toml");
    let mut sources = vec![plan];
    let mut diagnostics = Vec::new();
    let mut indicators = None;
    if root().join(&toml).exists() {
        let src = load(&toml);
        let (ind, errors) = linter.load_indicators(&src, 1);
        sources.push(src);
        diagnostics.extend(errors);
        indicators = ind;
    }
    // A same-stem `.planlint.toml` is the fixture's configuration.
    let config_rel = rel.with_extension("planlint.toml");
    let configured;
    let mut linter = linter;
    if root().join(&config_rel).exists() {
        let src = load(&config_rel);
        let (config, errors) = planlint::config::load(&src, sources.len(), linter.packs());
        sources.push(src);
        diagnostics.extend(errors);
        if let Some(config) = config {
            let outer = linter;
            let selected = config.selected.clone();
            configured = Linter::builtin()
                .unwrap()
                .with_config(config)
                .with_rules(|r| {
                    let code = r.meta().code;
                    outer.is_selected(code) && selected.as_ref().is_none_or(|s| s.contains(code))
                });
            linter = &configured;
        }
    }
    diagnostics.extend(linter.lint_with(0, &sources[0], indicators.as_ref()));
    // A same-stem `.old` file is the previous revision (`planlint diff`).
    let old_rel = rel.with_extension("old");
    if root().join(&old_rel).exists() {
        sources.push(load(&old_rel));
        let old = sources.len() - 1;
        diagnostics.extend(linter.stale_figures(
            (old, &sources[old]),
            (0, &sources[0]),
            indicators.as_ref(),
        ));
    }
    if let Some(config) = linter.config() {
        // Fixture configurations name files relative to the repository.
        diagnostics.extend(config.unused_ignores(&[sources[0].name.as_str()], &root()));
    }
    diagnostics.sort();
    (sources, diagnostics)
}

/// What a person sees: human output, no colour, width pinned.
pub fn render(sources: &[SourceFile], diagnostics: &[Diagnostic], format: Format) -> String {
    let rules = all_rules();
    let run = Run {
        sources,
        linted: 1,
        diagnostics,
        input_errors: &[],
        rules: &rules,
    };
    let mut out = Vec::new();
    run.render(
        format,
        &HumanOptions {
            color: false,
            width: 100,
        },
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// The texts that miette's underlines (`───`, `─┬─`) sit under in human
/// output, measured in display columns as a terminal shows them. Used to
/// check that underlines line up under Chinese text.
pub fn underlined(rendered: &str) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    let lines: Vec<&str> = rendered.lines().collect();
    let mut out = Vec::new();
    for pair in lines.windows(2) {
        let (src, under) = (pair[0], pair[1]);
        // " 12 │ text" followed by "    · ───".
        let Some(bar) = src.find(" │ ") else {
            continue;
        };
        if !src[..bar].trim().chars().all(|c| c.is_ascii_digit()) || src[..bar].trim().is_empty() {
            continue;
        }
        let Some(dot) = under.find(" · ") else {
            continue;
        };
        let gutter = width(&src[..bar + " │ ".len()]);
        let marks = &under[dot + " · ".len()..];
        let lead = marks.len() - marks.trim_start_matches(' ').len();
        let run: String = marks[lead..]
            .chars()
            .take_while(|&c| c == '─' || c == '┬')
            .collect();
        if run.is_empty() {
            continue;
        }
        let col = width(&under[..dot + " · ".len()]) + lead - gutter;
        let text = &src[bar + " │ ".len()..];
        let (mut at, mut start, mut taken) = (0, None, String::new());
        for c in text.chars() {
            if at == col {
                start = Some(());
            }
            if start.is_some() && width(&taken) < width(&run) {
                taken.push(c);
            }
            at += c.width().unwrap_or(0);
        }
        out.push(taken);
    }
    out
}

/// Asserts that every underline in `rendered` sits under the text of one of
/// the diagnostics' spans (primary or label).
pub fn assert_underlines_align(rendered: &str, sources: &[SourceFile], diagnostics: &[Diagnostic]) {
    let expected: Vec<&str> = diagnostics
        .iter()
        .flat_map(|d| {
            std::iter::once((d.file, d.span)).chain(d.labels.iter().map(|l| (l.file, l.span)))
        })
        .map(|(f, s)| sources[f].slice(s))
        .collect();
    // Adjacent labels (总面积|5万元) are drawn as one run of underline: accept
    // a run that is span texts one after another.
    // Tries every span text that could start the run (one may be a prefix
    // of another: 2291.4 and 2291.4亿元).
    // A span of no display width (a zero-width space) gets an underline of
    // one column, which lands under the character after it.
    fn covered(text: &str, expected: &[&str]) -> bool {
        use unicode_width::UnicodeWidthStr;
        expected.iter().filter(|e| !e.is_empty()).any(|e| {
            e.starts_with(text)
                || (e.width() == 0 && text.starts_with(*e) && text[e.len()..].chars().count() <= 1)
                || (text.starts_with(*e) && covered(&text[e.len()..], expected))
        })
    }
    // miette draws a tab as spaces: an underline over blanks is right for a tab.
    let tab = expected.contains(&"\t");
    for text in underlined(rendered) {
        assert!(
            covered(&text, &expected) || (tab && !text.is_empty() && text.trim().is_empty()),
            "underline under {text:?}, which is no span's text; spans: {expected:?}\n{rendered}"
        );
    }
}

/// A user rule pack in the format of rules/*.toml, invented for the tests:
/// X101 house-term, 抓手 → 着力点 (safe fix).
pub const HOUSE_PACK: &str = r#"[pack]
name = "house-style"
description = "Our own terms."

[[rule]]
code = "X101"
name = "house-term"
kind = "substitution"
severity = "warning"
summary = "Our preferred word"
message = "“{found}”请写作“{replacement}”"
help = "改为“{replacement}”"
fix = "safe"
description = "Words our editors replace."
why = "House style."
examples = [
  { invalid = "推进高质量发展的抓手。", fixed = "推进高质量发展的着力点。" },
]

[[rule.block]]
source = "our style guide"
pairs = [
  ["抓手", "着力点"],
]
"#;

/// xorshift64*: a fixed, dependency-free sequence for the planted-error
/// suites.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The seed plan's text.
pub fn seed_text() -> String {
    std::fs::read_to_string(root().join("seeds/gansu-2021-93.txt")).unwrap()
}

/// The seed's indicator file and the plan (as `plan`, in the format `ext`)
/// in `dir`; returns the plan's file name.
pub fn seed_as(dir: &Path, ext: &str, plan: &[u8]) -> String {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(
        root().join("seeds/gansu-2021-93.toml"),
        dir.join("gansu-2021-93.toml"),
    )
    .unwrap();
    let name = format!("gansu-2021-93.{ext}");
    std::fs::write(dir.join(&name), plan).unwrap();
    name
}

/// `check --format json` of `file` in `dir`, in Chinese, which finds errors.
pub fn json_of(dir: &Path, file: &str) -> serde_json::Value {
    let o = planlint_zh_in(dir, &["check", "--no-config", "--format", "json", file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// Code, message and the flagged text (of `text`) of each finding.
pub fn code_message_text(v: &serde_json::Value, text: &str) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let (a, b) = (
                d["span"]["start"].as_u64().unwrap() as usize,
                d["span"]["end"].as_u64().unwrap() as usize,
            );
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                text[a..b].to_owned(),
            )
        })
        .collect()
}

/// The concise line (in Chinese) of the first finding of rule `code` when
/// `file` in `dir` is checked.
pub fn concise_line(dir: &Path, file: &str, code: &str) -> String {
    let o = planlint_zh_in(dir, &["check", "--no-config", "--format", "concise", file]);
    stdout(&o)
        .lines()
        .find(|l| l.contains(&format!("[{code}/")))
        .unwrap_or_else(|| panic!("no {code} in {}", stdout(&o)))
        .to_owned()
}

/// A test that cannot run here (a tool is missing) says so where people
/// see it: a `skipped: …` line written straight to standard error, which
/// cargo's output capture does not swallow (it takes only `print!` and
/// `eprint!`), so the run shows more than a silent `ok`. Under CI (the
/// `CI` variable set), where the tool must be installed, it fails instead.
pub fn skipped(why: &str) {
    use std::io::Write;
    if std::env::var_os("CI").is_some() {
        panic!("{why}: CI must install it (.ci/run)");
    }
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {why}");
}

/// The headless browser of the HTML and web tests, if installed: a
/// missing one is `skipped` (a failure under CI).
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        skipped("chromium not found (Chromium is not installed)");
    }
    found
}

/// A zip package (a .docx) holding `parts`: (name, content) in order.
pub fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The WordprocessingML namespace.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Text for XML.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One paragraph, its text split over two runs (the second bold), with
/// Word's record of a new page before it when `page` is set.
fn paragraph(text: &str, page: bool) -> String {
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(text.len(), |(i, _)| i);
    let (a, b) = text.split_at(cut);
    let mark = if page {
        "<w:lastRenderedPageBreak/>"
    } else {
        ""
    };
    format!(
        r#"<w:p><w:r>{mark}<w:t xml:space="preserve">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        xml_escape(a),
        xml_escape(b)
    )
}

/// A Word document of `text` as Word would save it: one paragraph per line,
/// runs of tab-separated lines as tables, a page recorded every 40 lines.
pub fn docx_of(text: &str) -> Vec<u8> {
    let mut body = String::new();
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let row = line.contains('\t');
        if row && !in_table {
            body.push_str("<w:tbl><w:tblPr/>");
        }
        if !row && in_table {
            body.push_str("</w:tbl>");
        }
        in_table = row;
        if row {
            body.push_str("<w:tr>");
            for cell in line.split('\t') {
                body.push_str("<w:tc><w:tcPr/>");
                body.push_str(&paragraph(cell, false));
                body.push_str("</w:tc>");
            }
            body.push_str("</w:tr>");
        } else {
            body.push_str(&paragraph(line, i > 0 && i % 40 == 0));
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", document.as_str()),
    ];
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, xml) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The `.txt` files of `../shared/corpus` and `../shared/plans` (the
/// folders beside the repository), sorted within each; a folder that is
/// absent is skipped with a note.
pub fn shared_texts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["../shared/corpus", "../shared/plans"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            skipped(&format!("{dir} not found"));
            continue;
        };
        let mut names: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        out.extend(names);
    }
    out
}

/// Characters typed for a right one in ECSpell's sentences
/// (`N<TAB>as written<TAB>corrected` lines): right → the wrong ones, in
/// the order the file first shows them.
pub fn ecspell_confusions(text: &str) -> std::collections::HashMap<char, Vec<char>> {
    let mut out: std::collections::HashMap<char, Vec<char>> = std::collections::HashMap::new();
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(_), Some(wrong), Some(right)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        if wrong.chars().count() != right.chars().count() {
            continue;
        }
        for (w, r) in wrong.chars().zip(right.chars()) {
            if w != r && planlint::cjk::is_han(w) && planlint::cjk::is_han(r) {
                let v = out.entry(r).or_default();
                if !v.contains(&w) {
                    v.push(w);
                }
            }
        }
    }
    out
}
