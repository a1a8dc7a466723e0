//! The embedded seed, 甘政办发〔2021〕93号 (a notice and three regional plans):
//! the document model's counts and the first rules' findings. Every expected
//! number below was checked by reading seeds/gansu-2021-93.txt (line numbers
//! in the comments).

mod common;

use planlint::document::{Document, Level, PlanKind};
use planlint::report::Format;
use planlint::source::SourceFile;
use planlint::{SEED_NAME, SEED_TEXT};

fn seed() -> SourceFile {
    SourceFile::from_text(SEED_NAME, SEED_TEXT)
}

#[test]
fn the_embedded_seed_is_the_shared_file() {
    let on_disk = std::fs::read_to_string(common::root().join("seeds/gansu-2021-93.txt")).unwrap();
    assert_eq!(on_disk, SEED_TEXT);
}

#[test]
fn document_model_counts() {
    let src = seed();
    let d = Document::parse(&src);
    // The notice (lines 1–19), then titles at lines 21, 495 and 1035.
    let titles: Vec<Option<&str>> = d
        .plans
        .iter()
        .map(|p| p.title.map(|t| src.slice(t)))
        .collect();
    assert_eq!(
        titles,
        [
            None,
            Some("“十四五”兰州经济圈发展规划"),
            Some("“十四五”河西走廊经济带发展规划"),
            Some("“十四五”陇东南区域发展规划"),
        ]
    );
    assert_eq!(d.plans[0].kind, PlanKind::FrontMatter);

    let per_plan = |count: &dyn Fn(usize) -> usize| (0..4).map(count).collect::<Vec<_>>();
    let level = |l: Level| {
        per_plan(&|p| {
            d.headings
                .iter()
                .filter(|h| h.plan == p && h.level == l)
                .count()
        })
    };
    // 一、 … 十一、 in each plan; （一）… : 40 (lines 29–491), 38 (508–1031), 37 (1048–1586).
    assert_eq!(level(Level::One), [0, 11, 11, 11]);
    assert_eq!(level(Level::Two), [0, 40, 38, 37]);
    assert_eq!(level(Level::Three), [0, 0, 0, 0]);
    // 专栏 1–6, 1–10, 1–14; 图 1–2, 1–4, 1–5.
    assert_eq!(
        per_plan(&|p| d.boxes.iter().filter(|c| c.plan == p).count()),
        [0, 6, 10, 14]
    );
    assert_eq!(
        per_plan(&|p| d.figures.iter().filter(|c| c.plan == p).count()),
        [0, 2, 4, 5]
    );
    // Table rows: 专栏 1 of the third plan (lines 1178–1181) and 专栏 11 (1384–1391).
    assert_eq!(
        per_plan(&|p| d.table_rows.iter().filter(|r| r.plan == p).count()),
        [0, 0, 0, 11]
    );
    // Paragraphs split by a page break and re-joined: line 11 (已经省政府同 | 意),
    // 30 in the first plan (31 具有 | “秦陇锁钥 … 483 力 | 争), 28 in the second
    // (518 全 | 面推开 … 1027), 27 in the third (1050 … 1570).
    assert_eq!(
        per_plan(&|p| d
            .paragraphs
            .iter()
            .filter(|x| x.plan == p && x.is_rejoined())
            .count()),
        [1, 30, 28, 27]
    );
    // The split label of line 111/113 reads whole.
    let joined = d
        .paragraphs
        .iter()
        .map(|p| p.joined(&src.text))
        .find(|j| j.text().contains("推动形成“一核牵引"))
        .unwrap();
    assert!(joined
        .text()
        .contains("“一核牵引、两极并进、四带联动”的经济圈发展新格局。"));
    // The half-width （一） of lines 115 and 845.
    let half: Vec<usize> = d
        .headings
        .iter()
        .filter(|h| h.style.is_half_width())
        .map(|h| src.lines.line_of(h.marker.start) + 1)
        .collect();
    assert_eq!(half, [115, 845]);
    // The 专栏 11 table: the rows of 小城市 without a class name keep an empty first cell.
    let row = d
        .table_rows
        .iter()
        .find(|r| src.slice(r.span).contains("5—10"))
        .unwrap();
    assert_eq!(src.slice(row.cells[0]), "");
    assert_eq!(src.slice(row.cells[2]), "13");
}

fn seed_json() -> serde_json::Value {
    let src = seed();
    let diags = common::linter().lint_file(0, &src);
    serde_json::from_str(&common::render(&[src], &diags, Format::Json)).unwrap()
}

/// The text a message flags: its first “…” quotation.
fn first_quote(message: &str) -> Option<&str> {
    let start = message.find('“')? + '“'.len_utf8();
    let end = start + message[start..].find('”')?;
    Some(&message[start..end])
}

#[test]
fn every_span_is_exactly_the_flagged_text() {
    let json = seed_json();
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        let (start, end) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert!(
            SEED_TEXT.is_char_boundary(start) && SEED_TEXT.is_char_boundary(end) && start < end,
            "{d}"
        );
        let flagged = &SEED_TEXT[start..end];
        let message = d["message"].as_str().unwrap();
        // Page breaks inside a span are not part of what the message quotes.
        let flagged_joined: String = flagged.split('\n').map(str::trim).collect();
        assert_eq!(Some(flagged_joined.as_str()), first_quote(message), "{d}");
        for l in d["labels"].as_array().unwrap() {
            let (s, e) = (
                l["span"]["start"].as_u64().unwrap() as usize,
                l["span"]["end"].as_u64().unwrap() as usize,
            );
            assert!(
                SEED_TEXT.is_char_boundary(s) && SEED_TEXT.is_char_boundary(e) && s < e,
                "{l}"
            );
        }
        // The line and column agree with the span.
        let line = d["line"].as_u64().unwrap() as usize;
        let column = d["column"].as_u64().unwrap() as usize;
        let line_start = SEED_TEXT[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(SEED_TEXT[..start].matches('\n').count() + 1, line, "{d}");
        assert_eq!(
            SEED_TEXT[line_start..start].chars().count() + 1,
            column,
            "{d}"
        );
    }
}

fn findings(json: &serde_json::Value, name: &str) -> Vec<(u64, u64, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == name)
        .map(|d| {
            let s = d["span"]["start"].as_u64().unwrap() as usize;
            let e = d["span"]["end"].as_u64().unwrap() as usize;
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                SEED_TEXT[s..e].to_owned(),
            )
        })
        .collect()
}

#[test]
fn caption_against_text_is_reported() {
    let json = seed_json();
    // Line 156: 图1 兰州经济圈“一核二极四带”的基本格局; 二 is the 12th character.
    let found = findings(&json, "structure-label");
    assert_eq!(found, [(156, 12, "二极".to_owned())]);
    let d = &json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "structure-label")
        .unwrap();
    assert_eq!(d["severity"], "warning");
    // The other side is labelled: 两极并进 on line 111.
    assert_eq!(d["labels"][0]["line"], 111);
    assert_eq!(d["fix"]["edits"][0]["replacement"], "两");
}

#[test]
fn the_three_stray_ands_and_no_codes() {
    let json = seed_json();
    // Lines 149 (区位优势 and 物流), 212 (科研机构 and 科技), 680 (重点行业 and 重要产业).
    let found = findings(&json, "stray-latin");
    let lines: Vec<(u64, &str)> = found.iter().map(|(l, _, t)| (*l, t.as_str())).collect();
    assert_eq!(lines, [(149, "and"), (212, "and"), (680, "and")]);
    // The seed's G30, G312, 5G, LNG, TDC, VR and AR are codes and names, not stray words.
}

#[test]
fn half_width_headings_are_reported() {
    let json = seed_json();
    let found = findings(&json, "heading-sequence");
    assert_eq!(
        found,
        [(115, 1, "(一)".to_owned()), (845, 1, "(一)".to_owned())]
    );
}

#[test]
fn respectively_pairs_the_shares_with_area_population_and_gdp() {
    // Line 23: 总面积6.1万平方公里，…总人口达到1050.53万人，地区生产总值达到4156.7亿元，
    // 分别占全省的14.33%、41.09%和46.1%.
    let src = seed();
    let doc = Document::parse(&src);
    let lexicon = planlint::lexicon::Lexicon::builtin().unwrap();
    let facts = planlint::extract::Facts::new(&src, &doc, &lexicon);
    let q = facts.quantities();
    let group = q
        .groups
        .iter()
        .find(|g| g.values.iter().any(|&v| q.items[v].text == "41.09%"))
        .unwrap();
    let pairs: Vec<(&str, &str, &str)> = group
        .subject_quantities
        .iter()
        .zip(&group.values)
        .map(|(&s, &v)| {
            let m = q.items[v].measure.unwrap();
            (
                q.items[s].text.as_str(),
                q.items[v].text.as_str(),
                lexicon.measures.measures[m].name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("6.1万平方公里", "14.33%", "总面积"),
            ("1050.53万人", "41.09%", "人口"),
            ("4156.7亿元", "46.1%", "地区生产总值"),
        ]
    );
}

#[test]
fn quantity_findings_on_the_seed() {
    let json = seed_json();
    // 41.09% (line 23): 1050.53 ÷ 41.09% ≈ 2556.66万 against 440.24 ÷ 17.59% ≈
    // 2502.79万 (line 497) and 1011.21 ÷ 40.42% ≈ 2501.76万 (line 1037).
    assert_eq!(
        findings(&json, "share-arithmetic"),
        [(23, 274, "41.09%".to_owned())]
    );
    // 人口密度达到每平方米 125 人 (line 37): a unit slip, and 1050.53万 ÷ 6.1万 ≈ 172.
    assert_eq!(
        findings(&json, "unit-implausible"),
        [(37, 103, "每平方米 125 人".to_owned())]
    );
    assert_eq!(
        findings(&json, "derived-ratio"),
        [(37, 103, "每平方米 125 人".to_owned())]
    );
    // 城乡居民人均可支配收入年均增长分别达到8%左右 (line 103): one value after 分别.
    assert_eq!(
        findings(&json, "respectively-count"),
        [(103, 97, "分别".to_owned())]
    );
    // Nothing else: the seed's shares of area and GDP, its structure ratio,
    // its lists and table counts, phases and rate changes are consistent.
    for rule in [
        "share-sum",
        "count-mismatch",
        "figure-conflict",
        "year-range",
        "percent-points",
    ] {
        assert_eq!(findings(&json, rule), [], "{rule}");
    }
}

#[test]
fn the_structure_ratio_is_accepted_and_a_changed_part_is_reported() {
    // Line 1054: 三次产业结构比为17.90：29.86：52.24 (sums to 100.00).
    assert!(SEED_TEXT.contains("17.90：29.86：52.24"));
    let changed = SEED_TEXT.replace("17.90：29.86：52.24", "17.90：29.86：52.34");
    let src = SourceFile::from_text(SEED_NAME, changed);
    let diags = common::linter().lint_file(0, &src);
    let found: Vec<&str> = diags
        .iter()
        .filter(|d| d.name == "share-sum")
        .map(|d| src.slice(d.span))
        .collect();
    assert_eq!(found, ["17.90：29.86：52.34"]);
}

/// The findings of the seed held to its indicator file, as `check` gives them.
fn seed_with_indicators() -> Vec<(String, u64, String)> {
    let linter = planlint::Linter::builtin().unwrap();
    let toml = SourceFile::from_text(
        planlint::SEED_INDICATORS_NAME,
        planlint::SEED_INDICATORS_TEXT,
    );
    let (ind, errors) = linter.load_indicators(&toml, 1);
    assert!(errors.is_empty(), "{errors:?}");
    let src = seed();
    let diags = linter.lint_with(0, &src, ind.as_ref());
    diags
        .iter()
        .filter(|d| d.file == 0)
        .map(|d| {
            (
                d.name.to_owned(),
                src.lines.position(&src.text, d.span.start).line as u64,
                src.slice(d.span).to_owned(),
            )
        })
        .collect()
}

#[test]
fn word_and_markup_findings_on_the_seed() {
    let found = seed_with_indicators();
    let has = |name: &str, line: u64, text: &str| {
        assert!(
            found
                .iter()
                .any(|(n, l, t)| n == name && *l == line && t == text),
            "{name} {line} {text:?} not in {found:?}"
        )
    };
    has("typo", 654, "补尝"); // 生态综合补尝试点 (补偿)
    has("name-drift", 756, "内蚀合金"); // beside 耐蚀合金
    has("term", 971, "金昌集团"); // [[term]] 金川集团 of the seed's indicator file
    has("term", 1494, "耨河"); // [[term]] 藉河
    has("dup-char", 1145, "区区"); // 天水主城区区为主
    has("ocr-symbol", 345, "十"); // “城市服务十乡村生产”
    has("stray-markup", 1179, "<p>");
    has("heading-sequence", 115, "(一)");
    has("heading-sequence", 845, "(一)");
    // No typo-pack finding falls on correct text: 补尝 is the seed's only one.
    let typos: Vec<_> = found.iter().filter(|(n, _, _)| n == "typo").collect();
    assert_eq!(typos.len(), 1, "{typos:?}");
}

#[test]
fn count_readings_on_the_seed() {
    // The seed's count words after lists (all agree with their lists) and
    // its 6 table count cells: the readings count-mismatch checks. The 20
    // of the first version, less 加快推进…等9类产品 (an open list of two
    // items: no slip makes 2 into 9, and the count is of product kinds).
    let src = seed();
    let doc = Document::parse(&src);
    let lexicon = planlint::lexicon::Lexicon::builtin().unwrap();
    let facts = planlint::extract::Facts::new(&src, &doc, &lexicon);
    let (lists, tables) = facts.lists();
    let read: Vec<(String, usize)> = lists
        .iter()
        .map(|l| (l.count_text.clone(), l.items.len()))
        .collect();
    assert_eq!(
        read.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        [
            "4个市州",
            "五个方面",
            "四市州",
            "四市州",
            "四大经济带",
            "四县区",
            "五个方面",
            "四市州",
            "5 个市",
            "三大流域",
            "5 个市州",
            "五省",
            "两市",
            "三大空间",
            "三条控制",
            "四个区域",
            "3个百亿",
            "五市",
            "五市"
        ]
    );
    assert!(read.iter().all(|r| r.1 >= 2));
    assert_eq!(tables.len(), 6);
}
