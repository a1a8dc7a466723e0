//! The indicator-file loader on arbitrary text: it returns diagnostics or a
//! file, never panics, and every diagnostic span lies inside the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use planlint::lexicon::Lexicon;
use planlint::source::SourceFile;

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::builtin().expect("built-in rule data"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = SourceFile::from_text("fuzz.toml", text);
    let (_, diags) = planlint::rules::load_indicators(&src, 0, &LEXICON);
    for d in &diags {
        assert!(src.text.is_char_boundary(d.span.start) && src.text.is_char_boundary(d.span.end));
    }
});
