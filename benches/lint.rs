//! Throughput of the default rule set: `cargo bench --bench lint`.
//!
//! The seed (211 KB, a notice and three plans) once, and repeated 10 and 100
//! times in one file, so that cost can be checked to grow linearly with input
//! size; and the one-off cost of loading the rule data.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use planlint::packs::Packs;
use planlint::source::SourceFile;
use planlint::{Linter, SEED_TEXT};

fn main() {
    divan::main();
}

/// All default rules on the seed repeated `n` times in one file.
#[divan::bench(args = [1, 10, 100], sample_count = 10)]
fn seed_repeated(bencher: Bencher, n: usize) {
    let linter = Linter::new(Packs::builtin().expect("built-in rule data loads"));
    let text = SEED_TEXT.repeat(n);
    let src = SourceFile::from_text("seed.txt", text);
    bencher
        .counter(BytesCount::new(src.text.len()))
        .bench(|| linter.lint_file(0, black_box(&src)));
}

/// Loading and compiling the built-in rule data (once per run).
#[divan::bench]
fn load_packs() -> Packs {
    Packs::builtin().expect("built-in rule data loads")
}
