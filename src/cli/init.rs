//! `planlint init`: draft an indicator file from a plan.

use std::io::Write;
use std::process::ExitCode;

use planlint::input;
use planlint::source::SourceFile;
use planlint::{SEED_NAME, SEED_TEXT};

use super::{load_lexicon, pack_failure, FAILED};

pub(crate) fn init(path: Option<&std::path::Path>, output: Option<&std::path::Path>) -> ExitCode {
    let lexicon = match load_lexicon() {
        Ok(l) => l,
        Err(e) => return pack_failure(&e),
    };
    let src = match path {
        None => SourceFile::from_text(SEED_NAME, SEED_TEXT),
        Some(p) => match input::read_file(p) {
            Ok(s) => s,
            Err(e) => {
                super::error(&e.to_string());
                return ExitCode::from(FAILED);
            }
        },
    };
    let draft = match planlint::init::draft(&src, &lexicon) {
        Ok(d) => d,
        Err(why) => {
            // Nothing is written: an empty draft would look like a result.
            errln!("{why}");
            return ExitCode::from(1);
        }
    };
    match output {
        None => {
            out!("{draft}");
            ExitCode::SUCCESS
        }
        Some(out) => {
            // create_new: a draft never overwrites a reviewed file.
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(out)
                .and_then(|mut f| f.write_all(draft.as_bytes()));
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    super::error(&planlint::i18n::t(
                        "check.cannot-write",
                        &[
                            ("path", &out.display()),
                            ("error", &planlint::i18n::io_error(&e)),
                        ],
                    ));
                    ExitCode::from(FAILED)
                }
            }
        }
    }
}
