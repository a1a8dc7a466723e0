//! `planlint lsp`, driven with JSON-RPC messages as an editor sends them.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, ChildStdout, Stdio};

use serde_json::{json, Value};

struct Client {
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Client {
    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.until(|m| m["id"] == id)
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "server closed"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Reads messages until one satisfies `want`; returns it.
    fn until(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.receive();
            if want(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self) -> Value {
        self.until(|m| m["method"] == "textDocument/publishDiagnostics")["params"].clone()
    }
}

#[test]
fn diagnostics_code_actions_hover_over_json_rpc() {
    let dir = common::tempdir("lsp");
    let (child, mut c) = start();
    let init = c.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["hoverProvider"], true, "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "{init}");
    c.notify("initialized", json!({}));

    // 𠀀 (U+20000) is two UTF-16 code units: the typo 补尝 starts at
    // character 2 + 6 = 8, not at code point 7 or byte 22.
    let uri = format!("file://{}/plan.txt", dir.display());
    let text = "𠀀开展生态综合补尝试点。\n推进兰州,白银协同发展。\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let published = c.diagnostics();
    assert_eq!(published["uri"], uri.as_str());
    assert_eq!(published["version"], 1);
    let diags = published["diagnostics"].as_array().unwrap();
    let typo = diags.iter().find(|d| d["code"] == "W101").expect("W101");
    assert_eq!(
        typo["range"],
        json!({"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 10}})
    );
    assert_eq!(typo["severity"], 1);
    assert_eq!(typo["source"], "planlint");
    let comma = diags.iter().find(|d| d["code"] == "P101").expect("P101");
    assert_eq!(comma["range"]["start"], json!({"line": 1, "character": 4}));

    let actions = code_actions(&mut c, 2, &uri, typo);
    let edit = quickfix_edit(&actions, &uri);
    assert_eq!(edit["newText"], "补偿");
    assert_eq!(edit["range"], typo["range"]);
    // Both fixes are safe: the whole text comes back corrected.
    assert_eq!(
        fix_all_of(&actions, &uri),
        "𠀀开展生态综合补偿试点。\n推进兰州，白银协同发展。\n"
    );

    let hover = c.request(
        3,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 9}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.starts_with("**typo** `W101`") && shown.contains("## Why it matters"),
        "{shown}"
    );
    let nothing = c.request(
        4,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert!(nothing["result"].is_null(), "{nothing}");

    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "加快发展。\n"}]}),
    );
    let published = c.diagnostics();
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));

    let unknown = c.request(
        5,
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(unknown["error"]["code"], -32601);

    shut_down(child, c, 6);
}

fn start() -> (std::process::Child, Client) {
    let mut child = common::planlint_command()
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let c = Client {
        stdin: child.stdin.take().unwrap(),
        stdout: BufReader::new(child.stdout.take().unwrap()),
    };
    (child, c)
}

#[test]
fn indicator_files_are_checked_as_toml_and_watched() {
    let dir = common::tempdir("lsp-toml");
    let plan = dir.join("plan.txt");
    let toml = dir.join("plan.toml");
    std::fs::write(&plan, "加快发展。\n").unwrap();
    std::fs::write(
        &toml,
        "[[region]]\nid = \"a\"\nname = \"甲市\"\nnonsense = 1\n",
    )
    .unwrap();
    let (mut child, mut c) = start();
    let init = c.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    // The server asks to watch TOML files.
    let register = c.until(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        register["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    c.send(json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));
    c.notify("initialized", json!({}));

    let plan_uri = format!("file://{}", plan.display());
    let toml_uri = format!("file://{}", toml.display());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": plan_uri, "languageId": "plaintext", "version": 1, "text": "加快发展。\n"}}),
    );
    // The broken indicator file is reported on the TOML, not ignored.
    let on_toml = c.until(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == toml_uri.as_str()
    });
    let diags = on_toml["params"]["diagnostics"].as_array().unwrap();
    assert!(diags.iter().any(|d| d["code"] == "F002"), "{on_toml}");
    assert_eq!(diags[0]["range"]["start"]["line"], 3, "{on_toml}");

    // Opened, the TOML is checked as an indicator file, never as prose.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": toml_uri, "languageId": "toml", "version": 1,
               "text": "[[region]]\nid = \"a\"\nname = \"甲市\"\n# and more English words here\n"}}),
    );
    let opened = c.until(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == toml_uri.as_str()
    });
    assert_eq!(opened["params"]["diagnostics"], json!([]), "{opened}");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": toml_uri}}),
    );

    // Fixed on disk: the watched-files notification re-lints the plan and
    // clears the TOML's findings.
    std::fs::write(&toml, "[[region]]\nid = \"a\"\nname = \"甲市\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    let cleared = c.until(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == toml_uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(cleared["params"].is_object());
    let relinted = c.until(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == plan_uri.as_str()
    });
    assert!(relinted["params"]["diagnostics"].is_array());

    c.request(2, "shutdown", Value::Null);
    c.notify("exit", Value::Null);
    drop(c);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_request_before_the_end_of_input_is_answered() {
    // initialize, then standard input closes at once: the reply still comes.
    for _ in 0..5 {
        let (mut child, mut c) = start();
        c.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                      "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
        let Client { stdin, mut stdout } = c;
        drop(stdin);
        let mut all = String::new();
        stdout.read_to_string(&mut all).unwrap();
        assert!(
            all.contains("\"id\":1") && all.contains("capabilities"),
            "{all}"
        );
        let status = child.wait().unwrap();
        assert!(status.success(), "{status:?}");
    }
}

#[test]
fn an_html_page_is_linted_as_the_text_it_shows() {
    let dir = common::tempdir("lsp-html");
    let (child, mut c) = start();
    c.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    let uri = format!("file://{}/plan.html", dir.display());
    // Tags are not stray markup; &ldquo; is a quotation mark; the ranges
    // are in the page's source.
    let text = "<html><body>\n<p>开展&ldquo;生态&rdquo;综合<b>补尝</b>试点。</p>\n<p>推进兰州,白银协同发展。</p>\n</body></html>\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "html", "version": 1, "text": text}}),
    );
    let published = c.diagnostics();
    let diags = published["diagnostics"].as_array().unwrap();
    assert!(diags.iter().all(|d| d["code"] != "T102"), "{published}");
    let typo = diags.iter().find(|d| d["code"] == "W101").expect("W101");
    // `<p>开展&ldquo;生态&rdquo;综合<b>` is 3 + 2 + 7 + 2 + 7 + 2 + 3 = 26
    // UTF-16 units before 补尝 on line 1.
    assert_eq!(
        typo["range"],
        json!({"start": {"line": 1, "character": 26}, "end": {"line": 1, "character": 28}})
    );
    let comma = diags.iter().find(|d| d["code"] == "P101").expect("P101");
    assert_eq!(comma["range"]["start"], json!({"line": 2, "character": 7}));

    let actions = code_actions(&mut c, 2, &uri, comma);
    let edit = quickfix_edit(&actions, &uri);
    assert_eq!(edit["newText"], "，");
    assert_eq!(edit["range"], comma["range"]);
    let fix_all = fix_all_of(&actions, &uri);
    assert_eq!(
        fix_all,
        text.replace("补尝", "补偿").replace("兰州,", "兰州，")
    );
    shut_down(child, c, 3);
}

/// The code actions (request `id`) for `diagnostic` of the document `uri`.
fn code_actions(c: &mut Client, id: u64, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let actions = c.request(
        id,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        }),
    );
    actions["result"].as_array().unwrap().clone()
}

/// The one edit of the quick fix among `actions`.
fn quickfix_edit(actions: &[Value], uri: &str) -> Value {
    actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("quickfix")["edit"]["changes"][uri][0]
        .clone()
}

/// The text the fix-all action of `actions` gives the document `uri`.
fn fix_all_of(actions: &[Value], uri: &str) -> Value {
    actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.planlint")
        .expect("fix all")["edit"]["changes"][uri][0]["newText"]
        .clone()
}

/// Shuts the server down (request `id`) and sees it exit cleanly.
fn shut_down(mut child: std::process::Child, mut c: Client, id: u64) {
    let shutdown = c.request(id, "shutdown", Value::Null);
    assert!(shutdown["result"].is_null(), "{shutdown}");
    c.notify("exit", Value::Null);
    drop(c);
    assert!(child.wait().unwrap().success());
}
