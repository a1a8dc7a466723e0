//! Finding and reading inputs: files, directories (every `*.txt`, `*.md`,
//! `*.docx` and `*.html` below them) and standard input. Nothing here ever
//! writes.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::i18n::t;
use crate::source::SourceFile;

/// An input that could not be read; the run goes on with the others and ends
/// with exit code 2.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// The files a run reads, and what it could not or would not read.
#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// Paths that do not exist or cannot be listed (the run fails).
    pub errors: Vec<InputError>,
    /// Documents a directory holds that planlint does not read (PDF, `.doc`,
    /// `.wps` …), each with how to make them readable; the run goes on.
    pub skipped: Vec<InputError>,
}

/// Expands paths: a file stands for itself (whatever its extension), a
/// directory for every `*.txt`, `*.md`, `*.docx`, `*.docm`, `*.html` and
/// `*.htm` file below it but a `README`, Word's lock files (`~$…`), the
/// HTML reports and the commented Word copies planlint writes, in sorted
/// order. Symbolic links
/// to directories are not followed, so a link cycle cannot loop.
pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut out),
            Ok(_) => out.files.push(path.clone()),
            Err(e) => out.errors.push(InputError {
                file: path.display().to_string(),
                message: io_message(&e),
            }),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Expanded) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.errors.push(InputError {
                file: dir.display().to_string(),
                message: io_message(&e),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, out);
        } else if is_plan_file(&path) {
            if is_html_name(&path) && is_report(&path) {
                out.skipped.push(InputError {
                    file: path.display().to_string(),
                    message: t("input.planlint-report", &[]),
                });
                continue;
            }
            if matches!(extension(&path).as_str(), "docx" | "docm")
                && crate::source::docx::is_planlint_copy(&path)
            {
                out.skipped.push(InputError {
                    file: path.display().to_string(),
                    message: t("input.planlint-copy", &[]),
                });
                continue;
            }
            out.files.push(path);
        } else if let Some(reason) = unread_document(&path) {
            out.skipped.push(InputError {
                file: path.display().to_string(),
                message: t(reason, &[]),
            });
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether a directory walk lints `path`: a `.txt`, `.md`, `.docx`, `.docm`,
/// `.html` or `.htm` file,
/// except a folder's `README` (it describes the folder; name it to lint it)
/// and the lock file Word keeps beside an open document (`~$计划.docx`).
fn is_plan_file(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    matches!(
        extension(path).as_str(),
        "txt" | "md" | "docx" | "docm" | "html" | "htm"
    ) && !stem.eq_ignore_ascii_case("readme")
        && !name.starts_with("~$")
}

/// Why a directory walk does not read a document it finds, with what to do
/// instead (a message key); `None` for files that are not documents (images, data, the
/// indicator files beside a plan).
fn unread_document(path: &Path) -> Option<&'static str> {
    let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    if name.starts_with("~$") {
        return None;
    }
    Some(match extension(path).as_str() {
        "pdf" => "input.pdf",
        "doc" | "wps" | "dot" | "wpt" | "rtf" => "input.legacy-word",
        "odt" | "dotx" | "ofd" => "input.other-document",
        _ => return None,
    })
}

/// Whether a path is named as an HTML page (`.html`, `.htm`, `.xhtml`).
pub fn is_html_name(path: &Path) -> bool {
    matches!(extension(path).as_str(), "html" | "htm" | "xhtml")
}

/// Whether an HTML file is a report planlint wrote (`--format html`): its
/// head names planlint as the generator.
fn is_report(path: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_ok()
        && crate::source::html::is_planlint_report(&String::from_utf8_lossy(&head))
}

/// Reads and decodes one file: a Word document (`.docx`, told by its bytes
/// as well as its name) or plain text. PDF and legacy Word files get a
/// message saying how to export them.
pub fn read_file(path: &Path) -> Result<SourceFile, InputError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError {
        file: name.clone(),
        message: io_message(&e),
    })?;
    from_bytes(name, &bytes)
}

/// Decodes the bytes of a file named `name` as [`read_file`] does (the web
/// page's files come as bytes, with a name and no path).
pub fn from_bytes(name: String, bytes: &[u8]) -> Result<SourceFile, InputError> {
    let path = Path::new(&name);
    let fail = |message: String| InputError {
        file: name.clone(),
        message,
    };
    if bytes.starts_with(b"%PDF") {
        return Err(fail(t("input.pdf", &[])));
    }
    // Named on the command line, a document planlint does not read is
    // refused as in a folder's walk, whatever its bytes look like (an .rtf
    // is ASCII and would decode as text: 0 findings, exit 0).
    if let Some(reason) = unread_document(path) {
        return Err(fail(t(reason, &[])));
    }
    // An OLE compound file: .doc, .wps, .et, or an encrypted .docx.
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        let key = if extension(path) == "docx" {
            "input.encrypted"
        } else {
            "input.legacy-word"
        };
        return Err(fail(t(key, &[])));
    }
    if extension(path) == "docx" || crate::source::docx::is_zip(bytes) {
        if !crate::source::docx::is_zip(bytes) {
            return Err(fail(t("input.fake-docx", &[])));
        }
        return SourceFile::from_docx(name.clone(), bytes).map_err(|e| fail(e.to_string()));
    }
    decode(name.clone(), bytes)
}

/// Whether bytes named `name` are an HTML page: by the name (`.html`,
/// `.htm`, `.xhtml`), or, unless the name says plain text or Markdown, by
/// how they begin (a doctype, `<html>` …).
fn is_html(name: &str, bytes: &[u8]) -> bool {
    let path = Path::new(name);
    is_html_name(path)
        || (!matches!(extension(path).as_str(), "txt" | "md" | "markdown")
            && crate::source::html::looks_like_html(bytes))
}

/// Reads and decodes standard input, named `name` in diagnostics.
pub fn read_stdin(name: &str) -> Result<SourceFile, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| InputError {
            file: name.to_owned(),
            message: io_message(&e),
        })?;
    decode(name.to_owned(), &bytes)
}

/// Decodes a plain-text file or an HTML page (told by its name or its
/// opening bytes) in whatever encoding it is in.
pub fn decode(name: String, bytes: &[u8]) -> Result<SourceFile, InputError> {
    use crate::source::DecodeError;
    if is_rtf(bytes) {
        return Err(InputError {
            file: name,
            message: t("input.rtf", &[]),
        });
    }
    let html = is_html(&name, bytes);
    SourceFile::decode(name.clone(), bytes)
        .map(|file| if html { file.into_html() } else { file })
        .map_err(|e| InputError {
            file: name,
            message: match e {
                DecodeError::NulByte { offset } => t("input.nul", &[("offset", &offset)]),
                DecodeError::UnknownEncoding { utf8_error_at } => {
                    t("input.encoding", &[("offset", &utf8_error_at)])
                }
            },
        })
}

/// Whether bytes are an RTF document (`{\\rtf1…`), whatever the name.
fn is_rtf(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.trim_ascii_start().starts_with(b"{\\rtf")
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => t("input.not-found", &[]),
        std::io::ErrorKind::PermissionDenied => t("input.permission", &[]),
        _ => t("input.io", &[("error", &crate::i18n::io_error(e))]),
    }
}
