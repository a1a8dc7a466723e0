//! `planlint init` drafts an indicator file that loads without errors.

mod common;

use planlint::source::SourceFile;
use planlint::{SEED_NAME, SEED_TEXT};

#[test]
fn the_seed_draft_loads_and_holds_what_the_text_says() {
    let lexicon = planlint::lexicon::Lexicon::builtin().unwrap();
    let draft =
        planlint::init::draft(&SourceFile::from_text(SEED_NAME, SEED_TEXT), &lexicon).unwrap();
    let src = SourceFile::from_text("draft.toml", draft.clone());
    let (ind, errors) = planlint::rules::load_indicators(&src, 0, &lexicon);
    assert!(errors.is_empty(), "{errors:?}\n{draft}");
    let ind = ind.unwrap();
    // The three plans (seed lines 21, 495, 1035) and the province of 占全省.
    let names: Vec<&str> = ind.regions.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["全省", "兰州经济圈", "河西走廊经济带", "陇东南"]);
    assert_eq!(
        ind.regions[1].members,
        ["兰州市", "白银市", "定西市", "临夏回族自治州"]
    );
    // 1050.53万人 (line 23) and the 2025 targets of line 93.
    assert!(
        ind.figures
            .iter()
            .any(|f| f.text == "1050.53万人" && f.year == Some(2020)),
        "{draft}"
    );
    assert!(
        draft.contains("growth = \"6.5\"\nbound = \">=\""),
        "{draft}"
    );
    assert!(draft.contains("share = \"50\"\nbound = \">=\""), "{draft}");
    // The structure is taken from the text, not from the faulty caption of 图1.
    assert!(draft.contains("label = \"一核两极四带\""), "{draft}");
    assert!(!draft.contains("一核二极四带"), "{draft}");
    // Linting the seed against its own draft finds no disagreement with it.
    let linted =
        common::linter().lint_with(0, &SourceFile::from_text(SEED_NAME, SEED_TEXT), Some(&ind));
    assert!(
        !linted
            .iter()
            .any(|d| matches!(d.code, "I101" | "I102" | "I103")),
        "{linted:?}"
    );
}

#[test]
fn init_writes_a_new_file_and_never_overwrites() {
    let dir = common::tempdir("init");
    let out = dir.join("draft.toml");
    let o = common::planlint(&["init", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.starts_with("# DRAFT indicator file"));
    let again = common::planlint(&["init", "-o", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("cannot write"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
}

#[test]
fn the_documented_example_loads() {
    let doc = std::fs::read_to_string(common::root().join("docs/indicators.md")).unwrap();
    let start = doc
        .find("```toml\n")
        .expect("docs/indicators.md has a ```toml example")
        + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let lexicon = planlint::lexicon::Lexicon::builtin().unwrap();
    let (ind, errors) = planlint::rules::load_indicators(
        &SourceFile::from_text("example.toml", example),
        0,
        &lexicon,
    );
    assert!(errors.is_empty(), "{errors:?}");
    let ind = ind.unwrap();
    assert_eq!(
        (
            ind.regions.len(),
            ind.figures.len(),
            ind.partitions.len(),
            ind.targets.len()
        ),
        (3, 3, 1, 2)
    );
    assert_eq!(
        ind.structures[0].english.as_ref().unwrap().0,
        "one core, two poles and four belts"
    );
}

#[test]
fn a_text_with_nothing_to_draft_gets_an_explanation_not_an_empty_file() {
    let dir = common::tempdir("init-empty");
    std::fs::write(dir.join("note.txt"), "请各单位认真贯彻执行。\n").unwrap();
    let o = common::planlint_zh_in(&dir, &["init", "note.txt", "-o", "note.toml"]);
    let err = common::stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("没有找到可写入指标文件的内容"), "{err}");
    assert!(
        !dir.join("note.toml").exists(),
        "an empty draft was written"
    );
}

#[test]
fn a_plan_with_a_table_of_main_indicators_gets_its_bases_and_targets() {
    let lexicon = planlint::lexicon::Lexicon::builtin().unwrap();
    let text =
        std::fs::read_to_string(common::root().join("seeds/national-fyp14-2021.txt")).unwrap();
    let plan = SourceFile::from_text("national.txt", text);
    let draft = planlint::init::draft(&plan, &lexicon).unwrap();
    let src = SourceFile::from_text("draft.toml", draft.clone());
    let (ind, errors) = planlint::rules::load_indicators(&src, 0, &lexicon);
    assert!(errors.is_empty(), "{errors:?}\n{draft}");
    // 专栏1: 常住人口城镇化率 60.6* (2020) → 65 (2025); 粮食综合生产能力 ＞6.5.
    assert!(draft.contains(
        "[[figure]]\nregion = \"region1\"\nmeasure = \"常住人口城镇化率\"\nvalue = \"60.6\"\nunit = \"%\"\nyear = 2020"
    ), "{draft}");
    assert!(draft.contains(
        "[[target]]\nregion = \"region1\"\nmeasure = \"常住人口城镇化率\"\nyear = 2025\nvalue = \"65\"\nunit = \"%\""
    ), "{draft}");
    assert!(draft.contains("measure = \"粮食综合生产能力\"\nyear = 2025\nvalue = \"6.5\"\nunit = \"亿吨\"\nbound = \">=\""), "{draft}");
    // A growth row (国内生产总值（GDP）增长（%）2.3) is no level of GDP.
    assert!(!draft.contains("measure = \"地区生产总值\""), "{draft}");
    let linted = common::linter().lint_with(0, &plan, ind.as_ref());
    assert!(
        !linted.iter().any(|d| matches!(d.code, "I101" | "I103")),
        "{linted:?}"
    );
}
