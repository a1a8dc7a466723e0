//! Finding and reading inputs: files, directories (every `*.txt` and `*.md`
//! below them)
//! and standard input. Nothing here ever writes.

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

/// Expands paths: a file stands for itself (whatever its extension), a
/// directory for every `*.txt` and `*.md` file below it but a `README`, in sorted order. Symbolic links
/// to directories are not followed, so a link cycle cannot loop.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push(InputError {
                file: path.display().to_string(),
                message: io_message(&e),
            }),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(InputError {
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
            walk(&path, files, errors);
        } else if is_plan_file(&path) {
            files.push(path);
        }
    }
}

/// Whether a directory walk lints `path`: a `.txt` or `.md` file, except a
/// folder's `README` (it describes the folder; name it to lint it).
fn is_plan_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    (ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("md"))
        && !stem.eq_ignore_ascii_case("readme")
}

/// Reads and decodes one file.
pub fn read_file(path: &Path) -> Result<SourceFile, InputError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError {
        file: name.clone(),
        message: io_message(&e),
    })?;
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
