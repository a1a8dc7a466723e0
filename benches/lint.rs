//! Throughput of the default rule set: `cargo bench --bench lint`.
//!
//! The seed (211 KB, a notice and three plans) once, and repeated 10 and 100
//! times in one file, so that cost can be checked to grow linearly with input
//! size; the one-off cost of loading the rule data; and printing findings
//! of a text that is one long line, against the same text with its line
//! breaks, in every format (printing must stay linear in line length).

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use planlint::lexicon::Lexicon;
use planlint::rules::pack::Packs;
use planlint::source::SourceFile;
use planlint::{Linter, SEED_TEXT};

fn main() {
    divan::main();
}

/// All default rules on the seed repeated `n` times in one file.
#[divan::bench(args = [1, 10, 100], sample_count = 10)]
fn seed_repeated(bencher: Bencher, n: usize) {
    let linter = Linter::builtin().expect("built-in rule data loads");
    let text = SEED_TEXT.repeat(n);
    let src = SourceFile::from_text("seed.txt", text);
    bencher
        .counter(BytesCount::new(src.text.len()))
        .bench(|| linter.lint_file(0, black_box(&src)));
}

/// Loading and compiling the built-in rule data (once per run).
#[divan::bench]
fn load_packs() -> (Lexicon, Packs) {
    (
        Lexicon::builtin().expect("built-in catalogs load"),
        Packs::builtin().expect("built-in packs load"),
    )
}

/// A directory of 1,000 plan-sized files (the seed's three plans in turn,
/// 60–75 KB each), linted in parallel as `check DIR` does.
#[divan::bench(sample_count = 3)]
fn directory_of_1000_files(bencher: Bencher) {
    let linter = Linter::builtin().expect("built-in rule data loads");
    let starts: Vec<usize> = [
        "“十四五”兰州经济圈发展规划",
        "“十四五”河西走廊经济带发展规划",
        "“十四五”陇东南区域发展规划",
    ]
    .iter()
    .map(|t| SEED_TEXT.find(t).expect("the seed's three titles"))
    .collect();
    let plans = [
        &SEED_TEXT[starts[0]..starts[1]],
        &SEED_TEXT[starts[1]..starts[2]],
        &SEED_TEXT[starts[2]..],
    ];
    let sources: Vec<SourceFile> = (0..1000)
        .map(|i| SourceFile::from_text(format!("plan{i}.txt"), plans[i % 3]))
        .collect();
    let jobs: Vec<planlint::Job<'_>> = (0..sources.len())
        .map(planlint::Job::without_indicators)
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| linter.lint(black_box(&sources), &jobs));
}

/// The formats findings print in.
const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "html"];

fn format_named(name: &str) -> planlint::report::Format {
    use planlint::report::Format;
    match name {
        "human" => Format::Human,
        "concise" => Format::Concise,
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        "github" => Format::Github,
        _ => Format::Html,
    }
}

/// Renders the findings of the seed five times over in `format`, written
/// as one line (`one_line`) or with its line breaks: issue 39 measured 31 s
/// for the one-line text when each finding rescanned its line; the two
/// should cost about the same per finding.
fn render_seed_x5(bencher: Bencher, format: &str, one_line: bool) {
    let linter = Linter::builtin().expect("built-in rule data loads");
    let packs = Packs::builtin().expect("built-in packs load");
    let rules = planlint::rules::all(&packs);
    let text = if one_line {
        SEED_TEXT.replace(['\n', '\r'], "").repeat(5)
    } else {
        SEED_TEXT.repeat(5)
    };
    let sources = vec![SourceFile::from_text("seed.txt", text)];
    let mut found = linter.lint_file(0, &sources[0]);
    found.sort();
    let run = planlint::report::Run {
        sources: &sources,
        linted: 1,
        diagnostics: &found,
        input_errors: &[],
        rules: &rules,
    };
    let options = planlint::report::HumanOptions {
        color: false,
        width: 100,
    };
    bencher
        .counter(divan::counter::ItemsCount::new(found.len()))
        .bench(|| {
            let mut out = Vec::new();
            run.render(format_named(format), &options, &mut out)
                .expect("renders to memory");
            out
        });
}

/// Printing the seed x5 as one line (1 MB).
#[divan::bench(args = FORMATS, sample_count = 5)]
fn render_one_line(bencher: Bencher, format: &str) {
    render_seed_x5(bencher, format, true);
}

/// Printing the seed x5 with its line breaks, for comparison.
#[divan::bench(args = FORMATS, sample_count = 5)]
fn render_lined(bencher: Bencher, format: &str) {
    render_seed_x5(bencher, format, false);
}
