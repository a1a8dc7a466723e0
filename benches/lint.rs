//! Throughput of the default rule set: `cargo bench --bench lint`.
//!
//! The seed (211 KB, a notice and three plans) once, and repeated 10 and 100
//! times in one file, so that cost can be checked to grow linearly with input
//! size; and the one-off cost of loading the rule data.

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
