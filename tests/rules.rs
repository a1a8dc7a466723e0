//! The registry and each rule's documentation: what `planlint explain`
//! prints must have every section, and its examples must do what they say.

mod common;

use common::{all_rules, PACKS};

use planlint::rules::Category;
use planlint::source::SourceFile;

const SECTIONS: &[&str] = &[
    "## What it checks",
    "## Why it matters",
    "## Example",
    "## Fix safety",
    "## Options",
];

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    for rule in all_rules() {
        let m = rule.meta();
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        let (letter, digits) = m.code.split_at(1);
        assert!(
            letter.chars().all(|c| c.is_ascii_uppercase())
                && digits.len() == 3
                && digits.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            m.code
        );
        assert!(
            m.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && !m.name.starts_with('-'),
            "{}",
            m.name
        );
        assert!(
            planlint::rules::find(&PACKS, m.code).is_some()
                && planlint::rules::find(&PACKS, m.name).is_some()
        );
    }
}

#[test]
fn every_doc_has_every_section_in_order() {
    for rule in all_rules() {
        let m = rule.meta();
        let mut at = 0;
        for s in SECTIONS {
            let found = m.doc[at..]
                .find(s)
                .unwrap_or_else(|| panic!("{}: missing or misplaced `{s}`", m.code));
            at += found + s.len();
        }
    }
}

/// Fenced blocks with the given info string.
fn blocks<'a>(doc: &'a str, info: &str) -> Vec<&'a str> {
    let fence = format!("```{info}\n");
    doc.match_indices(&fence)
        .map(|(i, _)| {
            let body = &doc[i + fence.len()..];
            &body[..body.find("```").unwrap()]
        })
        .collect()
}

#[test]
fn doc_examples_do_what_they_say() {
    for rule in all_rules() {
        let m = rule.meta();
        let bad = blocks(m.doc, "bad");
        let good = blocks(m.doc, "good");
        // Input rules are about bytes, indicator rules need an indicator
        // file beside the text, and revision rules an earlier revision: their
        // fixtures (a .txt with a same-stem .toml or .old) carry what the
        // runnable examples carry for the others.
        if matches!(
            m.category,
            Category::Input | Category::Indicators | Category::Revision
        ) {
            continue;
        }
        assert!(
            !bad.is_empty() && !good.is_empty(),
            "{}: needs ```bad and ```good examples",
            m.code
        );
        let only = common::linter()
            .with_rules(|r| r.meta().code == m.code)
            .with_explicit([m.code]);
        for text in bad {
            let src = SourceFile::from_text("example.txt", text);
            assert!(
                !only.lint_file(0, &src).is_empty(),
                "{}: bad example not reported:\n{text}",
                m.code
            );
        }
        let all = common::linter().with_preview(true);
        for text in good {
            let src = SourceFile::from_text("example.txt", text);
            let found = all.lint_file(0, &src);
            assert!(
                found.is_empty(),
                "{}: good example reported: {found:?}",
                m.code
            );
        }
    }
}

#[test]
fn fixability_matches_declaration() {
    use planlint::rules::FixAvailability;
    // A rule that declares no fix never offers one on its fixtures; one that
    // declares fixes offers one somewhere.
    for rule in all_rules() {
        let m = rule.meta();
        let only = common::linter()
            .with_rules(|r| r.meta().code == m.code)
            .with_explicit([m.code])
            .with_preview(true);
        let dir = common::root().join("tests/fixtures").join(m.code);
        let mut any_fix = false;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let src = planlint::input::decode("f".into(), &std::fs::read(&path).unwrap()).unwrap();
            let diags = only.lint_file(0, &src);
            any_fix |= diags.iter().any(|d| d.fix.is_some());
            if m.fix == FixAvailability::None {
                assert!(
                    diags.iter().all(|d| d.fix.is_none()),
                    "{} declares no fix",
                    m.code
                );
            }
        }
        if m.fix != FixAvailability::None {
            assert!(
                any_fix,
                "{} declares fixes but none of its fixtures gets one",
                m.code
            );
        }
    }
}

#[test]
fn packs_are_canonical() {
    // The canonical writer gives every built-in pack back byte for byte:
    // sorted pairs, no duplicates, one layout (typos' verify.rs does the same).
    for (file, _) in planlint::rules::pack::BUILTIN_PACKS {
        let text = std::fs::read_to_string(common::root().join(file)).unwrap();
        let pack = planlint::rules::pack::file::load(file, &text).unwrap();
        let written = planlint::rules::pack::file::write(&pack);
        if written != text {
            let line = written
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{file} is not canonical from line {}:\n  file:      {:?}\n  canonical: {:?}",
                line + 1,
                text.lines().nth(line),
                written.lines().nth(line)
            );
        }
    }
}

#[test]
fn pack_errors_point_into_the_pack() {
    let load = |t: &str| planlint::rules::pack::file::load("p.toml", t).unwrap_err();
    let head = "[pack]\nname = \"p\"\ndescription = \"d\"\n\n[[rule]]\ncode = \"X101\"\nname = \"x\"\nkind = \"substitution\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\nhelp = \"h\"\nfix = \"safe\"\ndescription = \"d\"\nwhy = \"w\"\nexamples = []\n";
    let unsorted = format!("{head}\n[[rule.block]]\nsource = \"s\"\npairs = [\n  [\"甲\", \"丁\"],\n  [\"乙\", \"丙\"],\n]\n");
    let e = load(&unsorted);
    assert!(e.message.contains("sorted"), "{e}");
    assert_eq!(&unsorted[e.span.unwrap().range()], "[\"乙\", \"丙\"]");
    let e = load(&head.replace("substitution", "spelling"));
    assert!(e.message.contains("unknown kind `spelling`"), "{e}");
    let e = load(&head.replace("X101", "X1"));
    assert!(e.message.contains("three digits"), "{e}");
    let e = load(&head.replace("[[rule]]", "[[rule]]\nextra = 1"));
    assert!(e.message.contains("unknown field"), "{e}");
    let e = load(&format!(
        "{head}\n[[rule.block]]\nsource = \"s\"\npairs = [\n  [\"甲\", \"甲\"],\n]\n"
    ));
    assert!(e.message.contains("different right form"), "{e}");
}

#[test]
fn pack_examples_fix_to_what_they_say() {
    // An invalid example with `fixed` is reported, and applying its fixes
    // gives `fixed` exactly.
    for rule in PACKS.rules.iter() {
        for e in &rule.def.examples {
            let (Some(bad), Some(fixed)) = (&e.invalid, &e.fixed) else {
                continue;
            };
            let src = SourceFile::from_text("example.txt", bad.as_str());
            let only = common::linter().with_rules(|r| r.meta().code == rule.meta.code);
            let diags = only.lint_file(0, &src);
            let mut edits: Vec<_> = diags
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .flat_map(|f| f.edits.clone())
                .collect();
            assert!(!edits.is_empty(), "{}: no fix for {bad:?}", rule.meta.code);
            edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
            let mut out = bad.clone();
            for e in edits {
                out.replace_range(e.span.range(), &e.replacement);
            }
            assert_eq!(&out, fixed, "{}", rule.meta.code);
        }
    }
}

/// A form that is no word of the segmentation dictionary, or only a rare
/// spelling in it: jieba's dictionary, counted on a large text corpus,
/// keeps common misspellings with tiny counts (布署 2, 幅射 3, 趋之若骛 10),
/// and more often ones several times rarer than the right form (震憾 26
/// beside 震撼 696, 倍受 71 beside 备受 408).
fn rare_form(wrong: &str, right: &str) -> bool {
    use planlint::lexicon::words::lookup;
    match lookup(wrong) {
        None => true,
        Some(n) if n < 20 => true,
        Some(n) => n < 100 && lookup(right).is_some_and(|r| n * 5 < r),
    }
}

#[test]
fn every_typo_pair_is_a_rare_form_of_a_word() {
    // Right forms jieba's dictionary (2013) lacks, checked in 《现代汉语词典》
    // 第7版: 发轫 (发轫之作), 张弛有度.
    const NOT_IN_JIEBA: &[&str] = &["发轫", "张弛有度"];
    let text = std::fs::read_to_string(common::root().join("rules/typos.toml")).unwrap();
    let pack = planlint::rules::pack::file::load("rules/typos.toml", &text).unwrap();
    let typo = pack.rule.iter().find(|r| r.code == "W101").unwrap();
    let mut checked = 0;
    for b in &typo.block {
        for [wrong, right] in &b.pairs {
            assert!(
                rare_form(wrong, right),
                "{wrong} → {right}: the wrong form is a dictionary word ({:?})",
                planlint::lexicon::words::lookup(wrong)
            );
            assert!(
                planlint::lexicon::words::is_word(right) || NOT_IN_JIEBA.contains(&right.as_str()),
                "{wrong} → {right}: the right form is no dictionary word"
            );
            checked += 1;
        }
        assert!(!b.source.trim().is_empty());
    }
    assert!(checked > 1400, "{checked}");
}

#[test]
fn variants_file_states_its_sources_and_holds_its_invariants() {
    use std::collections::{HashMap, HashSet};
    let text = std::fs::read_to_string(common::root().join("rules/variants/variants.txt")).unwrap();
    for source in [
        "OpenCC",
        "5249273a3e5606852f088c9a8b23522145d94f78",
        "Apache-2.0",
        "kTGH",
        "Unicode License",
    ] {
        assert!(text.contains(source), "variants.txt does not name {source}");
    }
    let mut section = "";
    let mut chars: HashMap<char, char> = HashMap::new();
    let mut phrases: HashSet<(String, String)> = HashSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let (wrong, right) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {}: no tab", n + 1));
        assert_ne!(wrong, right, "line {}", n + 1);
        match section {
            "[characters]" => {
                let (mut w, mut r) = (wrong.chars(), right.chars());
                let (Some(wc), None, Some(rc), None) = (w.next(), w.next(), r.next(), r.next())
                else {
                    panic!("line {}: one character each side", n + 1)
                };
                assert!(chars.insert(wc, rc).is_none(), "line {}: {wc} twice", n + 1);
            }
            "[phrases]" => {
                assert_eq!(
                    wrong.chars().count(),
                    right.chars().count(),
                    "line {}",
                    n + 1
                );
                assert!(
                    phrases.insert((wrong.into(), right.into())),
                    "line {}: twice",
                    n + 1
                );
            }
            other => panic!("line {}: outside a section ({other:?})", n + 1),
        }
    }
    // A fix never writes a character the rule would flag again.
    for (w, r) in &chars {
        assert!(
            !chars.contains_key(r),
            "{w} → {r}, and {r} is itself listed"
        );
    }
    let mut not_words = Vec::new();
    for (w, r) in &phrases {
        assert!(
            r.chars().all(|c| !chars.contains_key(&c)),
            "{w} → {r}: right form has a listed character"
        );
        if !planlint::lexicon::words::is_word(r) {
            not_words.push(r.clone());
        }
    }
    // The phrases come from jieba's dictionary and OpenCC's word lists;
    // nearly every right form is a dictionary word.
    assert!(
        not_words.len() * 20 < phrases.len(),
        "{} right forms are no words: {:?}",
        not_words.len(),
        &not_words[..not_words.len().min(20)]
    );
    let loaded = planlint::lexicon::Variants::load("variants.txt", &text).unwrap();
    assert_eq!(loaded.len(), (chars.len(), phrases.len()));
    assert!(chars.len() > 2500 && phrases.len() > 2000);
}

#[test]
fn confusable_typo_unsupported_readings_with_high_odds_are_default() {
    // A reading the document does not support with the same neighbours
    // (培育 written once elsewhere) is a default one when its odds are
    // high, the pair stands between words and general usage does not know
    // it: W104 reports it without --preview, as a high-confidence reading.
    let found = w104_found(&w104_fixture("invalid_unsupported.txt"), false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("疑为"), "{}", found[0].message);
    let strong =
        std::fs::read_to_string(common::root().join("tests/fixtures/W104/invalid_sound_alike.txt"))
            .unwrap();
    let src = SourceFile::from_text("plan.txt", strong.as_str());
    let found = common::linter().lint_file(0, &src);
    assert!(
        found
            .iter()
            .any(|d| d.code == "W104" && d.message.contains("疑为")),
        "{found:?}"
    );
}

#[test]
fn confusable_typo_reads_slips_of_sound_against_general_usage_by_default() {
    // The document writes none of 植被, 贷款, 周期: each is common in
    // general usage, one character of the same sound away, and the
    // sentence is far likelier with it (odds and gain above e⁸).
    let text = w104_fixture("invalid_general_usage_default.txt");
    let found = w104_found(&text, false);
    let spans: Vec<&str> = found.iter().map(|d| &text[d.span.range()]).collect();
    assert_eq!(spans, ["植备", "待款", "洲期"]);
    for d in &found {
        assert!(
            d.message.contains("疑为") && d.message.contains("是常用词"),
            "{}",
            d.message
        );
    }
    // A look-alike slip against general usage stays in preview (建没 for
    // 建设).
    let text = "一、主要任务\n\n加快建没美丽乡村。\n";
    assert!(w104_found(text, false).is_empty());
    let found = w104_found(text, true);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("把握较低"));
}

#[test]
fn confusable_typo_pairs_the_language_writes_are_no_default_readings() {
    // Each pair is read in preview (把握较低) but not by default, which is
    // why none of these is a valid fixture.
    let cases = [
        // 东延线 (an eastern extension line) beside 沿线 written three
        // times: 东 would be left alone beside 沿线, and it is no word
        // alone.
        "推进沿线城镇发展，完善沿线综合交通枢纽，加强沿线生态保护。\
         建设灵台至华亭高速公路东延线，打通省际通道。",
        // 提效 beside 提交: the document's contraction of 提高效率.
        "各地按时提交年度报告，及时提交审核材料。提高效率，减少环节。\
         实施节能提效工程，推动重点行业达标。",
        // 罪大 beside 最大: the start of 罪大恶极.
        "争取最大成效，实现最大效益。依法严惩罪大的犯罪分子，维护社会稳定。",
        // Against general usage, the document writing no 事情: 视情 (as
        // the case may be) is written in general usage, rare as it is (797
        // centibels), though no dictionary lists it.
        "各年度视情提出经济增长预期目标。",
        // 光储 (photovoltaic and storage) against 光绪: a look-alike meets
        // a common word by chance; only slips of sound are default ones
        // against general usage.
        "创建光储一体、发存结合的新型电力系统。",
    ];
    for text in cases {
        let default = w104_found(text, false);
        assert!(default.is_empty(), "{text}: {default:?}");
        let found = w104_found(text, true);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert!(
            found[0].message.contains("把握较低"),
            "{}",
            found[0].message
        );
    }
}

#[test]
fn shape_groups_state_their_source_and_hold_their_invariants() {
    let text = std::fs::read_to_string(common::root().join("rules/confusion/shape.txt")).unwrap();
    for source in [
        "pycorrector",
        "fc8aa56c336276fbd8cdd3a49eef505dc67b8a6e",
        "Apache-2.0",
    ] {
        assert!(text.contains(source), "shape.txt does not name {source}");
    }
    let mut groups = 0;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let members: Vec<&str> = line.split('\t').collect();
        assert!(members.len() >= 2, "line {}: a group of one", n + 1);
        let mut seen = std::collections::HashSet::new();
        for m in &members {
            assert_eq!(
                m.chars().count(),
                1,
                "line {}: {m:?} is not one character",
                n + 1
            );
            assert!(
                planlint::cjk::is_han(m.chars().next().unwrap()),
                "line {}: {m}",
                n + 1
            );
            assert!(seen.insert(*m), "line {}: {m} twice", n + 1);
        }
        groups += 1;
    }
    assert_eq!(groups, 831, "pycorrector 1.1.4 publishes 831 groups");
    // The typo rules keep a character's groups in a fixed array.
    let mut per_char = std::collections::HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        for m in line.split('\t') {
            *per_char.entry(m).or_insert(0) += 1;
        }
    }
    let most = per_char.values().copied().max().unwrap();
    assert_eq!(most, planlint::lexicon::MAX_SHAPE_GROUPS, "监 is in five");
    let c = planlint::lexicon::Confusables::load("shape.txt", &text).unwrap();
    assert!(c.look_alike('贯', '惯') && c.look_alike('部', '剖'));
    assert!(c.shape_len() > 2400);
}

#[test]
fn divisions_state_their_source_and_hold_their_invariants() {
    let text = std::fs::read_to_string(common::root().join("rules/names/divisions.txt")).unwrap();
    for source in [
        "民政部",
        "2024-12-31",
        "yescallop/areacodes",
        "eed219a0678d36bacaa717f62443b10e869f0291",
        "CC0-1.0",
    ] {
        assert!(
            text.contains(source),
            "divisions.txt does not name {source}"
        );
    }
    let g = planlint::lexicon::Gazetteer::load("divisions.txt", &text).unwrap();
    let level = |c: u32| match (c % 10_000, c % 100) {
        (0, _) => 0,
        (_, 0) => 1,
        _ => 2,
    };
    let mut counts = [0; 3];
    for d in &g.divisions {
        counts[level(d.code)] += 1;
        // Every name ends in a division word, and its stem is a prefix.
        assert!(
            ["省", "市", "县", "区", "州", "盟", "旗"]
                .iter()
                .any(|s| d.name.ends_with(s)),
            "{} {}",
            d.code,
            d.name
        );
        assert!(
            d.name.starts_with(&d.stem) && d.stem.chars().count() >= 2,
            "{} → {}",
            d.name,
            d.stem
        );
    }
    // The counts the header states (34 province-level include 台湾, 香港, 澳门).
    assert_eq!(counts, [34, 333, 2846]);
    assert!(g.is_stem("张掖") && g.is_stem("甘南") && g.is_stem("浦东"));
}

#[test]
fn name_drift_leaves_a_stem_seen_twice_to_the_typo_rule() {
    // Name-drift (W201) reads an organisation's near form only beside a
    // stem written at least three times; 金川集团 twice is too few. The
    // one-character slip is still a slip: the typo rule (W104) reads it
    // by default, since the document writes 金川 before the same 集团.
    // (This was a valid fixture of W201 until W104 read rarer words.)
    let text = "“十四五”甲经济圈发展规划\n\n\
                支持金川集团做强镍钴产业，鼓励金川集团延伸产业链，引导金穿集团参与资源开发。";
    let src = SourceFile::from_text("plan.txt", text);
    let found = common::linter().with_preview(true).lint_file(0, &src);
    assert!(found.iter().all(|d| d.code != "W201"), "{found:?}");
    let typo: Vec<_> = found.iter().filter(|d| d.code == "W104").collect();
    assert_eq!(typo.len(), 1, "{found:?}");
    assert_eq!(&text[typo[0].span.range()], "金穿");
    assert!(typo[0].message.contains("疑为"), "{}", typo[0].message);
}

/// The text of each confusable-typo (W104) finding in `text`, by default.
/// A W104 fixture's text.
fn w104_fixture(name: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/W104").join(name)).unwrap()
}

/// W104's findings in `text`, with or without --preview.
fn w104_found(text: &str, preview: bool) -> Vec<planlint::diagnostic::Diagnostic> {
    let src = SourceFile::from_text("plan.txt", text);
    common::linter()
        .with_preview(preview)
        .lint_file(0, &src)
        .into_iter()
        .filter(|d| d.code == "W104")
        .collect()
}

fn w104_texts(text: &str) -> Vec<String> {
    w104_found(text, false)
        .into_iter()
        .map(|d| text[d.span.range()].to_owned())
        .collect()
}

#[test]
fn confusable_typo_reads_a_slip_pasted_three_times_only_beside_a_far_commoner_word() {
    // 建股 three times (a sentence with the slip pasted into three
    // places) beside 建设 written `n` times: a slip when 建设 is written
    // at least thirty times as often; beside 20 it is a spelling of its own.
    let text = |n: usize| {
        let mut t = String::from("一、重点任务\n\n");
        for i in 0..n {
            t += &format!("加快建设第{i}批重点项目，推进工程建设。\n");
        }
        for _ in 0..3 {
            t += "建股现代商贸物流基地，完善配送网络。\n";
        }
        t
    };
    assert_eq!(w104_texts(&text(50)), ["建股", "建股", "建股"]);
    assert!(
        w104_texts(&text(10)).is_empty(),
        "{:?}",
        w104_texts(&text(10))
    );
}

#[test]
fn confusable_typo_reads_a_word_unsupported_only_when_common_in_one_of_the_two_counts() {
    // 践行 is rare in jieba's counts (30) and in general usage's (about
    // 95): its slip is read only where the document writes the word beside
    // the same characters. 专栏 is rare in jieba's (224) but common in
    // general usage's (about 1,100): read without that support.
    let rare = "一、指导思想\n\n坚持践行新发展理念，推动高质量发展。\n\n各地区要把践形作为重要任务，加快构建新发展格局。\n";
    assert!(w104_texts(rare).is_empty(), "{:?}", w104_texts(rare));
    let current = "一、重大工程\n\n本规划列出的重大工程见专栏。各地区要把专蓝中的项目纳入年度计划，加快推进实施。\n";
    assert_eq!(w104_texts(current), ["专蓝"]);
}

#[test]
fn confusable_typo_does_not_read_a_pair_beside_a_traditional_character() {
    // 國家工業 in a report of the 1950s: 國 is no word of the simplified
    // dictionaries, so 家工 looked like two characters alone, one
    // substitution from 加工 (written here twice). The words around a
    // traditional character cannot be told; W103 reports the character.
    let text = "一、工業化\n\n建立國家工業化和國防現代化的基礎，爲國家工業化事業積累資金。發展農產品加工，推進加工貿易。\n";
    let src = SourceFile::from_text("plan.txt", text);
    let found: Vec<&str> = common::linter()
        .with_preview(true)
        .lint_file(0, &src)
        .into_iter()
        .filter(|d| d.code == "W104")
        .map(|d| &text[d.span.range()])
        .collect();
    assert!(found.is_empty(), "{found:?}");
    // The same sentence in simplified characters is two words meeting
    // (国家, 工业), not read either; a slip beside them still is.
    assert_eq!(
        w104_texts("一、工业化\n\n建立国家工业化和国防现代化的基础。发展农产品加工，推进加工贸易。\n\n做好农产品家工和加工贸易。\n"),
        ["家工"]
    );
}
