//! Finding and reading inputs: files, directories (every `*.txt`, `*.md` and
//! `*.docx` below them) and standard input. Nothing here ever writes.

use std::io::Read;
use std::path::{Path, PathBuf};

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
/// directory for every `*.txt`, `*.md` and `*.docx` file below it but a
/// `README` and Word's lock files (`~$…`), in sorted order. Symbolic links
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
            out.files.push(path);
        } else if let Some(reason) = unread_document(&path) {
            out.skipped.push(InputError {
                file: path.display().to_string(),
                message: reason.to_owned(),
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

/// Whether a directory walk lints `path`: a `.txt`, `.md` or `.docx` file,
/// except a folder's `README` (it describes the folder; name it to lint it)
/// and the lock file Word keeps beside an open document (`~$计划.docx`).
fn is_plan_file(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    matches!(extension(path).as_str(), "txt" | "md" | "docx")
        && !stem.eq_ignore_ascii_case("readme")
        && !name.starts_with("~$")
}

/// Why a directory walk does not read a document it finds, with what to do
/// instead; `None` for files that are not documents (images, data, the
/// indicator files beside a plan).
fn unread_document(path: &Path) -> Option<&'static str> {
    let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    if name.starts_with("~$") {
        return None;
    }
    Some(match extension(path).as_str() {
        "pdf" => MESSAGE_PDF,
        "doc" | "wps" | "dot" | "wpt" | "rtf" => MESSAGE_LEGACY_WORD,
        "odt" | "docm" | "dotx" | "ofd" => MESSAGE_OTHER_DOCUMENT,
        _ => return None,
    })
}

const MESSAGE_PDF: &str = "未读取：PDF 文件的文字无法可靠地按段落取出。请打开原稿，\
     在 Word/WPS 中“另存为” .docx，或“另存为”纯文本（.txt，UTF-8 编码）后再检查";
const MESSAGE_LEGACY_WORD: &str = "未读取：旧版 Word/WPS 格式（.doc、.wps、.rtf）。\
     请在 Word 或 WPS 中打开，“另存为” Word 文档（.docx）后再检查";
const MESSAGE_OTHER_DOCUMENT: &str = "未读取：不支持这种文档格式。\
     请在 Word、WPS 或 LibreOffice 中“另存为” Word 文档（.docx）后再检查";

/// Reads and decodes one file: a Word document (`.docx`, told by its bytes
/// as well as its name) or plain text. PDF and legacy Word files get a
/// message saying how to export them.
pub fn read_file(path: &Path) -> Result<SourceFile, InputError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError {
        file: name.clone(),
        message: io_message(&e),
    })?;
    let fail = |message: String| InputError {
        file: name.clone(),
        message,
    };
    if bytes.starts_with(b"%PDF") {
        return Err(fail(MESSAGE_PDF.to_owned()));
    }
    // An OLE compound file: .doc, .wps, .et, or an encrypted .docx.
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        let message = if extension(path) == "docx" {
            "未读取：这个 .docx 设置了打开密码（已加密）。请在 Word/WPS 中取消密码，\
             或另存一份不加密的 .docx 后再检查"
        } else {
            MESSAGE_LEGACY_WORD
        };
        return Err(fail(message.to_owned()));
    }
    if extension(path) == "docx" || crate::source::docx::is_zip(&bytes) {
        if !crate::source::docx::is_zip(&bytes) {
            return Err(fail(
                "未读取：文件名是 .docx，内容却不是 Word 文档（不是 ZIP 包）。\
                 请在 Word/WPS 中重新“另存为” .docx"
                    .to_owned(),
            ));
        }
        return SourceFile::from_docx(name.clone(), &bytes).map_err(|e| fail(e.to_string()));
    }
    decode(name, &bytes)
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

pub fn decode(name: String, bytes: &[u8]) -> Result<SourceFile, InputError> {
    SourceFile::decode(name.clone(), bytes).map_err(|e| InputError {
        file: name,
        message: format!("cannot read: the file {e}"),
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "cannot read: no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".to_owned(),
        _ => format!("cannot read: {e}"),
    }
}
