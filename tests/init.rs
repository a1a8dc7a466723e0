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

/// `init` then `check` on the same text agree: the draft holds what the
/// text says, so no indicator rule (I1xx) may report anything. Over the
/// seeds, the corpus texts (`../shared/corpus`) and the published plans
/// (`../shared/plans`) when present, and a national outline whose 主要指标
/// table gives 2025 and 2030 values (issue 39: its table values were
/// reported unused, a value reached filed without a year, and the country
/// made a part of a 全省).
#[test]
fn init_then_check_finds_nothing_to_disagree_with() {
    let lexicon = planlint::lexicon::Lexicon::builtin().unwrap();
    let linter = common::linter();
    let mut texts: Vec<SourceFile> =
        vec![SourceFile::from_text("national-15th.txt", NATIONAL_OUTLINE)];
    let root = common::root();
    for dir in ["seeds", "../shared/corpus", "../shared/plans"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            let stem = p.file_stem().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "txt" | "html") || stem.eq_ignore_ascii_case("readme") {
                continue;
            }
            // As `init` and `check` read it (an .html page by its text).
            texts.push(planlint::input::read_file(&p).unwrap());
        }
    }
    let mut drafted = 0;
    let mut disagreements = Vec::new();
    for src in &texts {
        let name = &src.name;
        let Ok(draft) = planlint::init::draft(src, &lexicon) else {
            continue;
        };
        drafted += 1;
        let toml = SourceFile::from_text("draft.toml", draft.clone());
        let (ind, errors) = planlint::rules::load_indicators(&toml, 1, &lexicon);
        assert!(errors.is_empty(), "{name}: {errors:?}\n{draft}");
        let ind = ind.unwrap();
        // The country is no part of a province.
        if draft.contains("name = \"中华人民共和国\"") {
            assert!(!draft.contains("parent = \"province\""), "{name}:\n{draft}");
        }
        for d in linter.lint_with(0, src, Some(&ind)) {
            if d.code.starts_with('I') {
                let file = if d.file == 0 { src } else { &toml };
                disagreements.push(format!(
                    "{name}: {} {} at {:?}",
                    d.code,
                    d.message,
                    file.slice(d.span)
                ));
            }
        }
    }
    assert!(drafted >= 3, "{drafted}");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// A national outline in the shape of the 15th one: a 2025 value and a
/// 2030 target per indicator, the values reached stated in the text with
/// no year, a share of 全省 quoted from a province.
const NATIONAL_OUTLINE: &str = "中华人民共和国国民经济和社会发展第十五个五年规划纲要

第一章　发展环境

“十四五”时期，我国经济实力、科技实力、综合国力跃上新台阶，劳动年龄人口平均受教育年限达到11.3年，常住人口城镇化率提高到67%。东部某省常住人口占全省的比重为20%。

第二章　主要目标

到2030年，劳动年龄人口平均受教育年限提高到11.7年，常住人口城镇化率提高到71%。

表1　“十五五”时期经济社会发展主要指标
类别	指标	2025年	2030年	年均/累计	属性
民生福祉	1.劳动年龄人口平均受教育年限（年）	11.3	11.7	—	约束性
	2.常住人口城镇化率（%）	67	71	—	预期性
";
