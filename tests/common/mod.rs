//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use planlint::diagnostic::Diagnostic;
use planlint::packs::Packs;
use planlint::report::{Format, HumanOptions, Run};
use planlint::source::SourceFile;
use planlint::{input, Linter};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a file under the repository root, named by its relative path.
pub fn load(rel: &Path) -> SourceFile {
    let bytes = std::fs::read(root().join(rel)).unwrap();
    input::decode(rel.display().to_string().replace('\\', "/"), &bytes).unwrap()
}

pub fn linter() -> Linter {
    Linter::new(Packs::builtin().unwrap())
}

/// What a person sees: human output, no colour, width pinned.
pub fn render(sources: &[SourceFile], diagnostics: &[Diagnostic], format: Format) -> String {
    let run = Run {
        sources,
        diagnostics,
        input_errors: &[],
    };
    let mut out = Vec::new();
    run.render(
        format,
        &HumanOptions {
            color: false,
            width: 100,
        },
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}
