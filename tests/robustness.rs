//! Whatever the input, planlint never panics, every span lies on character
//! boundaries inside its text, and the output is the same from run to run.

mod common;

use std::sync::LazyLock;

use planlint::fix::{fix_text, FixLevel};
use planlint::report::Format;
use planlint::source::SourceFile;
use planlint::Linter;
use proptest::prelude::*;

static LINTER: LazyLock<Linter> = LazyLock::new(common::linter);

/// Pieces of plan text: CJK, digits, units, punctuation, brackets, headings,
/// page breaks, tabs, markup.
const PIECES: &[&str] = &[
    "兰州",
    "经济圈",
    "总人口",
    "地区生产总值",
    "人口密度",
    "占全省的",
    "分别",
    "达到",
    "约",
    "左右",
    "以上",
    "年均增长",
    "1050.53",
    "2501.98",
    "41.09",
    "6.1",
    "2020",
    "2021—2025",
    "二〇三五",
    "十四五",
    "三大",
    "4个",
    "两极",
    "一核",
    "万人",
    "亿元",
    "万平方公里",
    "每平方米",
    "人",
    "%",
    "％",
    "个百分点",
    "倍",
    "、",
    "，",
    "。",
    "；",
    "：",
    "“",
    "”",
    "（",
    "）",
    "(",
    ")",
    "《",
    "》",
    "〔",
    "〕",
    "一、",
    "（一）",
    "1.",
    "（1）",
    "专栏 1",
    "图2",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u{3000}",
    "<p>",
    "&nbsp;",
    "\u{200b}",
    "e\u{301}",
    "😀",
    "and",
    "G30",
    "5G",
    "±800千伏",
    "—",
    "～",
    "-",
    "补尝",
    "区区",
    "十",
    "合金",
    "内蚀",
    "集团",
    "金昌",
    "规划",
    "“十四五”兰州经济圈发展规划\n",
    // The parts of a published plan and its page layout.
    "目 录\n",
    "专栏目录\n",
    "前 言\n",
    "第一章 发展基础",
    "第一节 指导思想",
    " ……… 3",
    "— 1 —",
    "注：",
    "1．",
    "序号",
    "主要指标\n",
    "附录",
    "有关名词解释",
    "20.5G",
    "首页\n",
    "05-26 11:30\n",
    "Copyright",
    "表1 ",
    "北三县",
];

fn plan_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn check(src: &SourceFile) {
    let diags = LINTER.lint_file(0, src);
    for d in &diags {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            assert!(
                span.start <= span.end && span.end <= src.text.len(),
                "{d:?}"
            );
            assert!(
                src.text.is_char_boundary(span.start) && src.text.is_char_boundary(span.end),
                "{d:?}"
            );
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(
                    src.text.is_char_boundary(e.span.start)
                        && src.text.is_char_boundary(e.span.end),
                    "{d:?}"
                );
            }
        }
    }
    // Fixing reaches a fixpoint: the fixed text has nothing fixable left.
    let fixed = fix_text(&LINTER, src, None, FixLevel::Unsafe);
    let left: Vec<_> = LINTER
        .lint_file(0, &src.with_text(fixed.text.clone()))
        .into_iter()
        .filter(|d| d.fix.is_some())
        .collect();
    assert!(
        left.is_empty(),
        "fixable after --fix: {left:?}\n{:?}",
        fixed.text
    );
    // Rendering never panics either, in every format, and is deterministic.
    let sources = [src.clone()];
    for &format in Format::all() {
        let a = common::render(&sources, &diags, format);
        let b = common::render(&sources, &LINTER.lint_file(0, src), format);
        assert_eq!(a, b);
    }
}

proptest! {
    // 256 cases in the normal suite; PROPTEST_CASES=30000 for a long run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        .. ProptestConfig::default()
    })]

    #[test]
    fn plan_like_text_never_panics(text in plan_like()) {
        check(&SourceFile::from_text("p.txt", text));
    }

    #[test]
    fn arbitrary_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(src) = SourceFile::decode("b.txt", &bytes) {
            check(&src);
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        check(&SourceFile::from_text("u.txt", text));
    }
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let sources: Vec<SourceFile> = (0..6)
        .map(|i| SourceFile::from_text(format!("p{i}.txt"), planlint::SEED_TEXT.repeat(1 + i % 2)))
        .collect();
    let jobs: Vec<planlint::Job<'_>> = (0..sources.len())
        .map(planlint::Job::without_indicators)
        .collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let diags = pool.install(|| LINTER.lint(&sources, &jobs));
        let rules = common::all_rules();
        let run = planlint::report::Run {
            sources: &sources,
            linted: sources.len(),
            diagnostics: &diags,
            input_errors: &[],
            rules: &rules,
        };
        let mut out = Vec::new();
        run.render(
            Format::Json,
            &planlint::report::HumanOptions::default(),
            &mut out,
        )
        .unwrap();
        out
    };
    assert_eq!(run(1), run(4));
}

#[test]
fn a_paragraph_pasted_as_one_very_long_line_renders() {
    // 36,000 characters on one line (text pasted without breaks), with a
    // finding at its end whose label is at its start: the human renderer
    // once panicked here (miette's padding stops at 65,535 columns).
    let filler = "推进经济高质量发展".repeat(4000);
    let text = format!("构建“一核两极四带”发展格局，{filler}形成“一核二极四带”的空间结构。\n");
    let src = SourceFile::from_text("long.txt", text);
    let diags = LINTER.lint_file(0, &src);
    assert!(diags
        .iter()
        .any(|d| d.code == "C101" && !d.labels.is_empty()));
    check(&src);
    // One long span too: a whole line flagged.
    let src = SourceFile::from_text("long.txt", format!("{}<p>\n", "甲".repeat(40_000)));
    check(&src);
}
