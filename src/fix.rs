//! Applying fixes: choosing non-overlapping edits, re-linting until nothing
//! fixable is left, and writing the result back atomically in the file's own
//! encoding, byte-order mark and line endings.
//!
//! The model is ruff's: a [`Fix`] is a set of [`Edit`]s that apply together or
//! not at all; `--fix` applies [`Applicability::Safe`] fixes, `--unsafe-fixes`
//! the rest too. When two fixes overlap, the earlier one applies and the
//! later is left for the next round, which lints the edited text again.

use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit, FileId, Fix};
use crate::indicators::Indicators;
use crate::linter::Linter;
use crate::source::{html, Encoding, SourceFile};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixLevel {
    /// Only fixes that keep the meaning.
    Safe,
    /// Every fix, including those a person should look at.
    Unsafe,
}

impl FixLevel {
    pub fn allows(self, applicability: Applicability) -> bool {
        match self {
            FixLevel::Safe => applicability == Applicability::Safe,
            FixLevel::Unsafe => true,
        }
    }
}

/// The most lint-and-fix rounds on one file. Each round applies at least one
/// fix; the limit stops a pair of rules that undo each other (a bug, which
/// the fixpoint tests would show) from looping.
pub const MAX_ROUNDS: usize = 10;

/// The edits of `diagnostics` in `file` that `level` allows, with overlapping
/// fixes dropped (the one starting first wins), sorted by position.
pub fn select_edits(diagnostics: &[Diagnostic], file: FileId, level: FixLevel) -> Vec<Edit> {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter(|d| d.file == file)
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| level.allows(f.applicability) && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| (e.span.start, e.span.end)).min());
    fixes.dedup();
    let mut taken: Vec<Edit> = Vec::new();
    for fix in fixes {
        let mut edits = fix.edits.clone();
        edits.sort();
        // Two edits of one fix must not overlap each other either.
        let inner_overlap = edits.windows(2).any(|w| w[0].span.end > w[1].span.start);
        let clashes = edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.span.start < t.span.end && t.span.start < e.span.end
                    // Two insertions at one point would have an arbitrary order.
                    || (e.span.is_empty() && t.span.is_empty() && e.span.start == t.span.start)
            })
        });
        if !inner_overlap && !clashes {
            taken.extend(edits);
        }
    }
    taken.sort();
    taken
}

/// `text` with `edits` (sorted, non-overlapping, on char boundaries) applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The result of fixing one text.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The text after every round.
    pub text: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// For an HTML page: its source after every round (what `--fix`
    /// writes).
    pub page: Option<String>,
    /// Fixes left out because they would touch a page's markup (a tag, a
    /// character reference, collapsed whitespace), as the last round found
    /// them.
    pub unwritable: usize,
}

/// Lints `source` and applies the fixes `level` allows, again and again until
/// a round has nothing left to apply (at most [`MAX_ROUNDS`]).
pub fn fix_text(
    linter: &Linter,
    source: &SourceFile,
    indicators: Option<&Indicators>,
    level: FixLevel,
) -> Fixed {
    let mut current = source.clone();
    let (mut applied, mut unwritable) = (0, 0);
    for _ in 0..MAX_ROUNDS {
        let mut diagnostics = linter.lint_with(0, &current, indicators);
        if let Some(markup) = &current.markup {
            // A page's fixes go into its source: only those whose every
            // edit stands in text the source holds verbatim.
            let writable = |f: &Fix| f.edits.iter().all(|e| markup.can_write(e.span));
            unwritable = diagnostics
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .filter(|f| level.allows(f.applicability) && !writable(f))
                .count();
            diagnostics.retain(|d| d.fix.as_ref().is_none_or(writable));
        }
        let edits = select_edits(&diagnostics, 0, level);
        if edits.is_empty() {
            break;
        }
        applied += diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.edits.iter().all(|e| edits.binary_search(e).is_ok()))
            .count();
        current = match &current.markup {
            Some(markup) => {
                let page = html::rewrite(
                    markup,
                    edits.iter().map(|e| (e.span, e.replacement.as_str())),
                );
                SourceFile::from_html(source.name.clone(), page, source.encoding, source.had_bom)
            }
            None => source.with_text(apply_edits(&current.text, &edits)),
        };
    }
    Fixed {
        page: current.markup.as_ref().map(|m| m.source.clone()),
        text: current.text,
        applied,
        unwritable,
    }
}

/// `text` encoded as `like` was read: the same encoding and byte-order mark.
/// Line endings are in the text itself and are kept by the edits. An error
/// names a character the encoding cannot hold (Big5 has no 〇): the file is
/// then left as it was rather than written with a stand-in.
pub fn encode_like(like: &SourceFile, text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() + 3);
    match like.encoding {
        Encoding::Utf8 => {
            if like.had_bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
        }
        Encoding::Gb18030 => {
            // GB18030 maps every Unicode scalar value, so nothing is lost.
            let (bytes, _, _) = encoding_rs::GB18030.encode(text);
            out.extend_from_slice(&bytes);
        }
        Encoding::Big5 => {
            let mut encoder = encoding_rs::BIG5.new_encoder();
            let mut buf = vec![
                0u8;
                encoder
                    .max_buffer_length_from_utf8_without_replacement(text.len())
                    .unwrap_or(text.len() * 2 + 16)
            ];
            let (result, read, written) =
                encoder.encode_from_utf8_without_replacement(text, &mut buf, true);
            match result {
                encoding_rs::EncoderResult::InputEmpty => out.extend_from_slice(&buf[..written]),
                encoding_rs::EncoderResult::Unmappable(c) => {
                    return Err(format!("“{c}” cannot be written in Big5 (at byte {read})"))
                }
                encoding_rs::EncoderResult::OutputFull => {
                    return Err("the Big5 encoder ran out of room".to_owned())
                }
            }
        }
        Encoding::Utf16Le => {
            if like.had_bom {
                out.extend_from_slice(b"\xFF\xFE");
            }
            for u in text.encode_utf16() {
                out.extend_from_slice(&u.to_le_bytes());
            }
        }
        Encoding::Utf16Be => {
            if like.had_bom {
                out.extend_from_slice(b"\xFE\xFF");
            }
            for u in text.encode_utf16() {
                out.extend_from_slice(&u.to_be_bytes());
            }
        }
    }
    Ok(out)
}

/// Replaces `path`'s contents with `bytes`, never leaving a half-written
/// file. A symbolic link is followed: its target gets the new contents and
/// the link stays a link. A file with one name is replaced atomically (a
/// temporary file in its directory, flushed, given the original's
/// permissions, renamed over it); a file with several hard links is written
/// in place, so every name sees the change, after a backup copy that is
/// restored if writing fails. A read-only file is refused and not touched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            crate::i18n::t("fix.read-only", &[]),
        ));
    }
    let tmp = temporary_beside(&target);
    if hard_links(&meta) > 1 {
        return write_in_place(&target, &tmp, bytes);
    }
    write_and_rename(&tmp, &target, bytes, Some(meta.permissions()))
}

/// A temporary file's name in the directory of `path`.
fn temporary_beside(path: &Path) -> std::path::PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.planlint-{}.tmp", std::process::id()))
}

/// Writes `bytes` to the new file `tmp`, flushed (with `permissions`), and
/// renames it to `target`; on failure `tmp` is removed.
fn write_and_rename(
    tmp: &Path,
    target: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    let result = (|| {
        {
            // Closed before the rename (Windows renames no open file).
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        if let Some(p) = permissions {
            std::fs::set_permissions(tmp, p)?;
        }
        std::fs::rename(tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    result
}

/// Writes a new file at `path` (a copy planlint makes, never an input):
/// through a temporary file in the same directory, renamed into place, so
/// no half-written file is left and whatever `path` named before (a link to
/// another file, or another name of an input) is replaced, not written
/// through.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_and_rename(&temporary_beside(path), path, bytes, None)
}

/// How many names (hard links) a file has; 1 where the platform cannot say.
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Writes `bytes` into `target` itself (its inode, shared by its hard
/// links), keeping a copy at `backup` until the write is flushed and putting
/// it back if the write fails.
fn write_in_place(target: &Path, backup: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::copy(target, backup)?;
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(target)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if result.is_err() {
        if let Ok(original) = std::fs::read(backup) {
            let _ = std::fs::write(target, original);
        }
    }
    let _ = std::fs::remove_file(backup);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Span;

    fn diag(start: usize, end: usize, to: &str, a: Applicability) -> Diagnostic {
        Diagnostic {
            code: "X001",
            name: "x",
            severity: Severity::Warning,
            message: String::new(),
            file: 0,
            span: Span::new(start, end),
            labels: Vec::new(),
            help: None,
            fix: Some(Fix::replace(Span::new(start, end), to, a)),
        }
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let d = [
            diag(0, 3, "A", Applicability::Safe),
            diag(3, 6, "B", Applicability::Safe),
            diag(4, 9, "C", Applicability::Safe),
            diag(9, 9, "D", Applicability::Safe),
            diag(9, 9, "E", Applicability::Safe),
        ];
        let e = select_edits(&d, 0, FixLevel::Safe);
        let got: Vec<&str> = e.iter().map(|e| e.replacement.as_str()).collect();
        assert_eq!(got, ["A", "B", "D"]);
        assert_eq!(apply_edits("一二三四", &e[..2]), "AB三四");
    }

    #[test]
    fn unsafe_fixes_only_on_request() {
        let d = [
            diag(0, 3, "A", Applicability::Unsafe),
            diag(3, 6, "B", Applicability::Safe),
        ];
        assert_eq!(select_edits(&d, 0, FixLevel::Safe).len(), 1);
        assert_eq!(select_edits(&d, 0, FixLevel::Unsafe).len(), 2);
        assert!(select_edits(&d, 1, FixLevel::Unsafe).is_empty());
    }

    #[test]
    fn encoding_round_trips() {
        let text = "兰州，白银\r\n（万人）\n";
        for bytes in [
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            text.as_bytes().to_vec(),
            encoding_rs::GB18030.encode(text).0.into_owned(),
            [b"\xFF\xFE".as_slice()]
                .into_iter()
                .flatten()
                .copied()
                .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
                .collect(),
        ] {
            let src = SourceFile::decode("a.txt", &bytes).unwrap();
            assert_eq!(src.text, text);
            assert_eq!(
                encode_like(&src, &src.text).unwrap(),
                bytes,
                "{:?}",
                src.encoding
            );
        }
    }
}
