//! `planlint lsp`: a language server over standard input and output.
//!
//! Diagnostics are published on open, change and save (full-text sync),
//! positioned in UTF-16 code units as the protocol requires; fixes are code
//! actions (one per finding, and `source.fixAll.planlint` for every safe
//! fix); hovering a finding shows its rule's documentation. A plan is held to
//! `PLAN.toml` beside it and to the nearest `planlint.toml` above it, as
//! `check` does. This is the shell: the linting is the library's.

use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fix::{fix_text, FixLevel};
use crate::indicators::Indicators;
use crate::lexicon::Lexicon;
use crate::linter::Linter;
use crate::rules::pack::Packs;
use crate::source::{SourceFile, Span};
use crate::{config, input, rules};

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// Serves until the client sends `shutdown` and `exit`.
pub fn serve() -> Result<()> {
    let (connection, io) = Connection::stdio();
    let served = serve_on(&connection);
    // Dropping the connection ends the writer thread once it has written
    // every reply; joining waits for that, even when serving failed, so a
    // request read before standard input closed is still answered.
    drop(connection);
    io.join()?;
    served
}

/// The server loop on any connection (tests use an in-memory one).
pub fn serve_on(connection: &Connection) -> Result<()> {
    let capabilities = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::new("source.fixAll.planlint"),
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        ..Default::default()
    };
    let init = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "planlint", "version": env!("CARGO_PKG_VERSION") },
    });
    // The reply to `initialize` goes out at once; the `initialized`
    // notification that should follow is not waited for (a client that
    // closes its end right after `initialize` still gets its answer).
    let (id, params) = connection.initialize_start()?;
    connection
        .sender
        .send(Message::Response(Response::new_ok(id, init)))?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let can_watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if can_watch {
        // Indicator files and planlint.toml changed on disk re-lint the
        // open plans (workspace/didChangeWatchedFiles).
        let registration = lsp::Registration {
            id: "planlint-watch-toml".to_owned(),
            method: lsp::notification::DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(lsp::DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String("**/*.toml".to_owned()),
                    kind: None,
                }],
            })
            .ok(),
        };
        connection.sender.send(Message::Request(Request::new(
            RequestId::from("planlint-register".to_owned()),
            lsp::request::RegisterCapability::METHOD.to_owned(),
            lsp::RegistrationParams {
                registrations: vec![registration],
            },
        )))?;
    }
    let mut server = Server::default();
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                let response = server.request(req);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(n) if n.method == lsp::notification::Exit::METHOD => {
                return Ok(());
            }
            Message::Notification(n) => {
                for out in server.notification(n) {
                    connection.sender.send(Message::Notification(out))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// An open document and what the last lint found in it.
struct Document {
    /// The plan first, then its indicator file (labels may point there).
    sources: Vec<SourceFile>,
    /// Where each source is, for related locations.
    uris: Vec<lsp::Url>,
    diagnostics: Vec<Diagnostic>,
    indicators: Option<Indicators>,
    /// The key of the linter (configuration) it was linted with.
    config: Option<PathBuf>,
}

#[derive(Default)]
struct Server {
    docs: HashMap<lsp::Url, Document>,
    /// A linter per configuration file (`None`: no planlint.toml).
    linters: HashMap<Option<PathBuf>, Linter>,
    /// Messages for the client (a broken configuration), sent once each.
    warned: std::collections::HashSet<String>,
    /// The texts of the TOML files open in the editor (indicator files,
    /// planlint.toml): they win over what is on disk.
    open_tomls: HashMap<PathBuf, String>,
}

impl Server {
    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            lsp::request::CodeActionRequest::METHOD => parse::<lsp::CodeActionParams>(req)
                .map(|p| serde_json::to_value(self.code_actions(&p))),
            lsp::request::HoverRequest::METHOD => {
                parse::<lsp::HoverParams>(req).map(|p| serde_json::to_value(self.hover(&p)))
            }
            _ => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("planlint does not handle {}", req.method),
                )
            }
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) => internal(id, &e.to_string()),
            Err(e) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, e),
        }
    }

    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        use lsp::notification::*;
        let mut out = Vec::new();
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    out.extend(self.opened(d.uri, d.text, Some(d.version)));
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                {
                    // Full sync: the last change is the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        let d = p.text_document;
                        out.extend(self.opened(d.uri, change.text, Some(d.version)));
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    let text = p.text.or_else(|| {
                        self.docs
                            .get(&uri)
                            .map(|d| d.sources[0].text.clone())
                            .or_else(|| {
                                uri.to_file_path()
                                    .ok()
                                    .and_then(|p| self.open_tomls.get(&p).cloned())
                            })
                    });
                    if let Some(text) = text {
                        // A saved indicator file or configuration may change
                        // the findings: read them again.
                        self.linters.clear();
                        out.extend(self.opened(uri, text, None));
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.docs.remove(&uri);
                    out.push(publish(uri.clone(), Vec::new(), None));
                    if let Some(path) = uri.to_file_path().ok().filter(|p| is_toml(p)) {
                        // The file on disk counts again.
                        self.open_tomls.remove(&path);
                        self.linters.clear();
                        out.extend(self.relint_all());
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                // An indicator file or planlint.toml changed on disk.
                self.linters.clear();
                out.extend(self.relint_all());
            }
            _ => {}
        }
        out
    }

    /// A document opened or changed: a plan is linted; a TOML file (an
    /// indicator file or planlint.toml) is checked as what it is, never as
    /// prose, and the plans that use it are linted again.
    fn opened(&mut self, uri: lsp::Url, text: String, version: Option<i32>) -> Vec<Notification> {
        let Some(path) = uri.to_file_path().ok().filter(|p| is_toml(p)) else {
            return self.lint(uri, text, version);
        };
        self.open_tomls.insert(path.clone(), text.clone());
        let name = path.display().to_string();
        let src = SourceFile::from_text(name, text);
        let is_config = path.file_name().is_some_and(|n| n == config::FILE_NAME);
        let problems = if is_config {
            self.linters.clear();
            self.config_problems(&path, &src)
        } else {
            match Linter::builtin() {
                Ok(l) => l.load_indicators(&src, 0).1,
                Err(_) => Vec::new(),
            }
        };
        let sources = [src];
        let uris = [uri.clone()];
        let diags = problems
            .iter()
            .filter(|d| d.file == 0)
            .map(|d| to_lsp(&sources, &uris, d))
            .collect();
        let mut out = vec![publish(uri, diags, version)];
        out.extend(self.relint_all());
        out
    }

    /// The problems of a planlint.toml (F003), with its rule packs.
    fn config_problems(&self, path: &Path, src: &SourceFile) -> Vec<Diagnostic> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut packs = match Packs::builtin() {
            Ok(p) => p,
            Err(_) => return Vec::new(),
        };
        for d in &config::paths(src, dir).rules {
            if let Err(e) = packs.add_dir(d) {
                let mut out = Vec::new();
                let meta = rules::config_file_meta();
                rules::Sink::new(meta, 0, &mut out)
                    .push(rules::Violation::new(Span::new(0, 0), e.to_string()));
                return out;
            }
        }
        config::load(src, 0, &packs).1
    }

    /// Lints every open plan again (their indicator file or configuration
    /// changed).
    fn relint_all(&mut self) -> Vec<Notification> {
        let plans: Vec<(lsp::Url, String)> = self
            .docs
            .iter()
            .map(|(uri, d)| {
                let src = &d.sources[0];
                let text = src.markup.as_ref().map_or(&src.text, |m| &m.source);
                (uri.clone(), text.clone())
            })
            .collect();
        let mut out = Vec::new();
        for (uri, text) in plans {
            out.extend(self.lint(uri, text, None));
        }
        out
    }

    /// The linter for a plan at `path`: with the nearest planlint.toml.
    /// Returns the key of the linter in `self.linters`; `None` when not even
    /// the built-in rule data could be loaded.
    fn linter_for(
        &mut self,
        path: Option<&Path>,
        out: &mut Vec<Notification>,
    ) -> Option<Option<PathBuf>> {
        let key = path.and_then(config::find);
        if !self.linters.contains_key(&key) {
            let linter = match &key {
                None => Linter::builtin().ok(),
                Some(p) => self.configured(p, out),
            };
            let linter = linter.or_else(|| Linter::builtin().ok())?;
            self.linters.insert(key.clone(), linter);
        }
        Some(key)
    }

    /// A linter with the configuration at `path`, or `None` (and a message
    /// for the user) when it cannot be used.
    fn configured(&mut self, path: &Path, out: &mut Vec<Notification>) -> Option<Linter> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let problem = (|| {
            let src = input::read_file(path).map_err(|e| e.to_string())?;
            let pack_dirs = config::paths(&src, dir).rules;
            let mut packs = Packs::builtin().map_err(|e| e.to_string())?;
            for d in &pack_dirs {
                packs.add_dir(d).map_err(|e| e.to_string())?;
            }
            let (config, errors) = config::load(&src, 1, &packs);
            match config {
                Some(c) => Ok(
                    Linter::new(Lexicon::builtin().map_err(|e| e.to_string())?, packs)
                        .with_config(c),
                ),
                None => Err(errors
                    .first()
                    .map(|d| {
                        let p = src.lines.position(&src.text, d.span.start);
                        format!("{}:{}:{}: {}", path.display(), p.line, p.column, d.message)
                    })
                    .unwrap_or_default()),
            }
        })();
        match problem {
            Ok(linter) => Some(linter),
            Err(message) => {
                let message = format!("planlint: the configuration is not used: {message}");
                if self.warned.insert(message.clone()) {
                    out.push(Notification::new(
                        lsp::notification::ShowMessage::METHOD.to_owned(),
                        lsp::ShowMessageParams {
                            typ: lsp::MessageType::WARNING,
                            message,
                        },
                    ));
                }
                None
            }
        }
    }

    fn lint(&mut self, uri: lsp::Url, text: String, version: Option<i32>) -> Vec<Notification> {
        let mut out = Vec::new();
        let path = uri.to_file_path().ok();
        let Some(key) = self.linter_for(path.as_deref(), &mut out) else {
            return out;
        };
        let name = path
            .as_ref()
            .map_or_else(|| uri.to_string(), |p| p.display().to_string());
        // An HTML page is linted as the text it shows; positions and edits
        // map back to its source.
        let page = path.as_deref().is_some_and(input::is_html_name);
        let src = if page {
            SourceFile::from_html(name, text, crate::source::Encoding::Utf8, false)
        } else {
            SourceFile::from_text(name, text)
        };
        let mut sources = vec![src];
        let mut uris = vec![uri.clone()];
        let linter = &self.linters[&key];
        // PLAN.toml beside PLAN.txt, as `check` does.
        // Its problems (F002) are published on the TOML file itself.
        let mut indicators = None;
        if let Some(toml) = path.as_ref().map(|p| p.with_extension("toml")) {
            let text = self
                .open_tomls
                .get(&toml)
                .cloned()
                .map(|t| SourceFile::from_text(toml.display().to_string(), t));
            let src = text.or_else(|| {
                (Some(&toml) != path.as_ref() && toml.is_file())
                    .then(|| input::read_file(&toml).ok())
                    .flatten()
            });
            if let (Some(src), Ok(toml_uri)) = (src, lsp::Url::from_file_path(&toml)) {
                let (ind, problems) = linter.load_indicators(&src, 1);
                indicators = ind;
                sources.push(src);
                uris.push(toml_uri.clone());
                let on_toml: Vec<lsp::Diagnostic> = problems
                    .iter()
                    .map(|d| {
                        let d = Diagnostic {
                            file: 0,
                            ..d.clone()
                        };
                        to_lsp(&sources[1..], &uris[1..], &d)
                    })
                    .collect();
                out.push(publish(toml_uri, on_toml, None));
            }
        }
        let diagnostics: Vec<Diagnostic> = linter
            .lint_with(0, &sources[0], indicators.as_ref())
            .into_iter()
            .filter(|d| d.file == 0)
            .collect();
        let doc = Document {
            sources,
            uris,
            diagnostics,
            indicators,
            config: key,
        };
        let lsp_diags = doc
            .diagnostics
            .iter()
            .map(|d| to_lsp(&doc.sources, &doc.uris, d))
            .collect();
        self.docs.insert(uri.clone(), doc);
        out.push(publish(uri, lsp_diags, version));
        out
    }

    fn code_actions(&self, p: &lsp::CodeActionParams) -> lsp::CodeActionResponse {
        let uri = &p.text_document.uri;
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let wanted = |kind: &lsp::CodeActionKind| {
            p.context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let mut actions = Vec::new();
        if wanted(&lsp::CodeActionKind::QUICKFIX) {
            for d in &doc.diagnostics {
                let Some(fix) = &d.fix else {
                    continue;
                };
                let lsp_diag = to_lsp(&doc.sources, &doc.uris, d);
                if !overlaps(lsp_diag.range, p.range) {
                    continue;
                }
                let Some(edits) = text_edits(&doc.sources[0], &fix.edits) else {
                    // A page's fix that would touch its markup.
                    continue;
                };
                let title = match &d.help {
                    Some(help) => format!("{}（{}）", help, d.code),
                    None => crate::i18n::t("lsp.fix", &[("code", &d.code)]),
                };
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag]),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..Default::default()
                }));
            }
        }
        let fix_all = lsp::CodeActionKind::new("source.fixAll.planlint");
        if wanted(&fix_all)
            && doc.diagnostics.iter().any(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Safe)
            })
        {
            let linter = &self.linters[&doc.config];
            let fixed = fix_text(
                linter,
                &doc.sources[0],
                doc.indicators.as_ref(),
                FixLevel::Safe,
            );
            let src = &doc.sources[0];
            let (whole, new_text) = match (&src.markup, fixed.page) {
                (Some(markup), Some(page)) => (
                    source_range(&markup.source, &markup.lines, 0, markup.source.len()),
                    page,
                ),
                _ => (range(src, Span::new(0, src.text.len())), fixed.text),
            };
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: crate::i18n::t("lsp.fix-all", &[("count", &fixed.applied)]),
                kind: Some(fix_all),
                edit: Some(workspace_edit(
                    uri,
                    vec![lsp::TextEdit {
                        range: whole,
                        new_text,
                    }],
                )),
                ..Default::default()
            }));
        }
        actions
    }

    fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let at = &p.text_document_position_params;
        let doc = self.docs.get(&at.text_document.uri)?;
        let d = doc.diagnostics.iter().find(|d| {
            let r = range(&doc.sources[0], d.span);
            r.start <= at.position && at.position <= r.end
        })?;
        let linter = &self.linters[&doc.config];
        let rule = rules::find(linter.packs(), d.code)?;
        let m = rule.meta();
        let (summary, body) = crate::i18n::rule_doc(m.code, (m.summary, m.doc));
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: format!("**{}** `{}`: {summary}\n\n{body}", m.name, m.code),
            }),
            range: Some(range(&doc.sources[0], d.span)),
        })
    }
}

fn parse<P: serde::de::DeserializeOwned>(req: Request) -> std::result::Result<P, String> {
    serde_json::from_value(req.params).map_err(|e| e.to_string())
}

fn internal(id: RequestId, message: &str) -> Response {
    Response::new_err(
        id,
        lsp_server::ErrorCode::InternalError as i32,
        message.to_owned(),
    )
}

fn publish(uri: lsp::Url, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) -> Notification {
    Notification::new(
        lsp::notification::PublishDiagnostics::METHOD.to_owned(),
        lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
}

fn workspace_edit(uri: &lsp::Url, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn overlaps(a: lsp::Range, b: lsp::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// A span as an LSP range: 0-based lines, columns in UTF-16 code units.
/// For an HTML page, the range is in the page's source, where the span's
/// text came from.
pub fn range(src: &SourceFile, span: Span) -> lsp::Range {
    match &src.markup {
        Some(m) => {
            let s = m.source_span(span);
            source_range(&m.source, &m.lines, s.start, s.end)
        }
        None => source_range(&src.text, &src.lines, span.start, span.end),
    }
}

fn source_range(
    text: &str,
    lines: &crate::source::LineIndex,
    start: usize,
    end: usize,
) -> lsp::Range {
    let at = |offset: usize| {
        let p = lines.position(text, offset);
        lsp::Position {
            line: (p.line - 1) as u32,
            character: p.utf16_column as u32,
        }
    };
    lsp::Range {
        start: at(start),
        end: at(end),
    }
}

/// A fix's edits for the document as the editor holds it; `None` when one
/// of them cannot be written there (a page's markup).
fn text_edits(src: &SourceFile, edits: &[crate::diagnostic::Edit]) -> Option<Vec<lsp::TextEdit>> {
    edits
        .iter()
        .map(|e| match &src.markup {
            Some(m) => {
                let (span, new_text) = m.source_edit(e.span, &e.replacement)?;
                Some(lsp::TextEdit {
                    range: source_range(&m.source, &m.lines, span.start, span.end),
                    new_text,
                })
            }
            None => Some(lsp::TextEdit {
                range: range(src, e.span),
                new_text: e.replacement.clone(),
            }),
        })
        .collect()
}

/// A diagnostic of `sources[0]` for the protocol; labels become related
/// information in the other sources (their URIs in `uris`).
fn to_lsp(sources: &[SourceFile], uris: &[lsp::Url], d: &Diagnostic) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| l.file < sources.len())
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: uris[l.file].clone(),
                range: range(&sources[l.file], l.span),
            },
            message: l.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: range(&sources[0], d.span),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_owned())),
        source: Some("planlint".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// Whether a path is a TOML file (an indicator file or planlint.toml).
fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}
