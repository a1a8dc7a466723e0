//! The whole pipeline on arbitrary bytes: decode, document, every fact,
//! every rule, every output format. Spans must lie on character boundaries.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use planlint::report::{Format, HumanOptions, Run};
use planlint::source::SourceFile;
use planlint::Linter;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::builtin().expect("built-in rule data"));

fuzz_target!(|data: &[u8]| {
    let Ok(src) = SourceFile::decode("fuzz.txt", data) else { return };
    let diags = LINTER.lint_file(0, &src);
    for d in &diags {
        assert!(src.text.is_char_boundary(d.span.start) && src.text.is_char_boundary(d.span.end));
    }
    let sources = [src];
    let rules = planlint::rules::all(LINTER.packs());
    let run = Run { sources: &sources, linted: 1, diagnostics: &diags, input_errors: &[], rules: &rules };
    for &format in Format::all() {
        let mut out = Vec::new();
        run.render(format, &HumanOptions::default(), &mut out).expect("rendering to memory");
    }
});
