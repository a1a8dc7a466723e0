//! The indicator-file loader on arbitrary text: it returns diagnostics or a
//! file, never panics, and every diagnostic span lies inside the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use planlint::packs::Packs;
use planlint::source::SourceFile;

static PACKS: LazyLock<Packs> = LazyLock::new(|| Packs::builtin().expect("built-in rule data"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = SourceFile::from_text("fuzz.toml", text);
    let (_, diags) = planlint::indicators::load(&src, 0, &PACKS);
    for d in &diags {
        assert!(src.text.is_char_boundary(d.span.start) && src.text.is_char_boundary(d.span.end));
    }
});
