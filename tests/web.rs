//! The web page (planlint compiled to WebAssembly, `scripts/build-web`) in
//! headless Chromium: opened from a file (`file://`, as an editor opens it
//! from a folder), it checks the sample bundle (`index.html?sample`) and
//! shows the report the CLI's `check --sample --format html` shows, finding
//! for finding and highlight for highlight; given a .docx and its .toml in
//! its file box, it offers the CLI's JSON and a commented copy to download. The page is built here (cargo
//! makes it a no-op when nothing changed). Skipped where Chromium or the
//! build's tools are missing, but never in CI, which installs them
//! (.ci/run). Chromium is driven over its DevTools protocol, in real time:
//! the tests wait for the page to say it is done, however loaded the
//! machine (a dump after a virtual-time budget came too early under load,
//! while the WebAssembly still compiled).

mod common;

use common::{chromium, planlint_zh_in, root, stderr, stdout, tempdir};

use std::path::Path;
use std::process::Command;

/// The report's part of a page, from its `<header>` to the end of `<main>`.
fn report(page: &str) -> &str {
    let start = page.find("<header>").expect("a report header");
    let end = page.find("</main>").expect("the report's end") + "</main>".len();
    &page[start..end]
}

/// Runs scripts/build-web, once for the tests of this file; false (after
/// saying why) when it cannot run here.
fn build() -> bool {
    static BUILT: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let o = Command::new("bash")
            .arg(root().join("scripts/build-web"))
            .output()
            .unwrap();
        if o.status.success() {
            Ok(())
        } else {
            Err(stderr(&o))
        }
    });
    if let Err(e) = built {
        common::skipped(&format!(
            "scripts/build-web failed (the wasm32 target or wasm-bindgen-cli missing?):\n{e}"
        ));
        return false;
    }
    true
}

#[test]
fn the_web_page_shows_the_clis_report_of_the_sample() {
    let Some(browser) = chromium() else {
        return;
    };
    if !build() {
        return;
    }
    let web = common::target_dir().join("web");
    let index = std::fs::read_to_string(web.join("index.html")).unwrap();
    // It sends nothing anywhere: the browser is told to allow no request
    // but for the page's own files, and no address elsewhere is named.
    assert!(index
        .contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none';"#));
    for file in ["index.html", "planlint.js"] {
        let text = std::fs::read_to_string(web.join(file)).unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{file} names an address"
        );
    }
    assert!(index.contains("不会上传或发送到任何地方"));

    let dir = tempdir("web-page");
    let mut chrome = Devtools::open(browser, &dir);
    let url = format!("file://{}?sample", web.join("index.html").display());
    chrome.call("Page.navigate", serde_json::json!({"url": url}));
    assert_eq!(chrome.wait_for(&["done", "failed"]), "done");
    let page = chrome.html();
    // For the record (not asserted: a loaded machine is slower).
    let ms = |v: serde_json::Value| v.as_str().unwrap_or("?").to_owned();
    let load = ms(chrome.eval("document.body.dataset.loadMs"));
    let shown = ms(chrome.eval("document.body.dataset.shownMs"));
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("web page: ready after {load} ms, the sample checked and shown in {shown} ms\n")
            .as_bytes(),
    );
    // A picture for people to look at (target/web-page.png).
    let shot = chrome.call(
        "Page.captureScreenshot",
        serde_json::json!({"format": "png"}),
    );
    let png = base64(shot["data"].as_str().unwrap());
    assert!(png.len() > 50_000 && png.starts_with(b"\x89PNG"));
    std::fs::write(common::target_dir().join("web-page.png"), png).unwrap();

    // The CLI's report of the same bundle, through the same browser.
    let o = planlint_zh_in(&root(), &["check", "--sample", "--format", "html"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let file = dir.join("report.html");
    std::fs::write(&file, stdout(&o)).unwrap();
    chrome.call(
        "Page.navigate",
        serde_json::json!({"url": format!("file://{}", file.display())}),
    );
    let clock = std::time::Instant::now();
    while chrome.eval("document.readyState") != "complete" && clock.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let cli = chrome.html();

    // 14 errors, 13 warnings, 4 infos, each highlighted where the CLI's is.
    let shown = report(&page);
    assert_eq!(shown.matches(r#"<li class="finding "#).count(), 31);
    assert!(
        shown.contains("显示 31 / 31 条"),
        "the report's script did not run"
    );
    assert!(
        shown == report(&cli),
        "the page's report differs from the CLI's"
    );
}

/// Bytes of standard base64 (the screenshot Chromium sends).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len() - 1)
        })
        .collect()
}

/// Chromium driven over its DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: it reads commands on descriptor 3 and
/// answers on 4, each message JSON ended by a NUL), in real time: what a
/// user does, opening files with the page's file box and downloading
/// what it offers.
struct Devtools {
    child: std::process::Child,
    to: std::fs::File,
    from: std::fs::File,
    buf: Vec<u8>,
    next: u64,
    session: Option<String>,
}

extern "C" {
    fn pipe2(fds: *mut i32, flags: i32) -> i32;
    fn fcntl(fd: i32, cmd: i32, ...) -> i32;
    fn dup2(old: i32, new: i32) -> i32;
}

/// A pipe's read and write ends, closed on exec (std's `io::pipe` is newer
/// than the crate's rust-version).
fn pipe() -> (std::fs::File, std::fs::File) {
    use std::os::fd::FromRawFd;
    const O_CLOEXEC: i32 = 0o2_000_000;
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills in two new descriptors, which the Files own.
    unsafe {
        assert_eq!(pipe2(fds.as_mut_ptr(), O_CLOEXEC), 0);
        (
            std::fs::File::from_raw_fd(fds[0]),
            std::fs::File::from_raw_fd(fds[1]),
        )
    }
}

impl Devtools {
    fn start(browser: &str, dir: &Path) -> Devtools {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let (theirs_in, to) = pipe();
        let (from, theirs_out) = pipe();
        let (a, b) = (theirs_in.as_raw_fd(), theirs_out.as_raw_fd());
        let mut c = Command::new(browser);
        c.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--remote-debugging-pipe",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg("about:blank")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
        // SAFETY: between fork and exec only async-signal-safe calls:
        // the pipe's ends are copied above 9 (F_DUPFD), then onto 3 and 4,
        // which dup2 leaves open across exec.
        unsafe {
            c.pre_exec(move || {
                let (a, b) = (fcntl(a, 0, 10), fcntl(b, 0, 10));
                if a < 0 || b < 0 || dup2(a, 3) < 0 || dup2(b, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = c.spawn().unwrap();
        Devtools {
            child,
            to,
            from,
            buf: Vec::new(),
            next: 0,
            session: None,
        }
    }

    /// Sends a command (to the page once attached) and waits for its answer.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        use std::io::{Read, Write};
        self.next += 1;
        let mut message = serde_json::json!({"id": self.next, "method": method, "params": params});
        if let Some(s) = &self.session {
            message["sessionId"] = s.clone().into();
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        loop {
            while let Some(end) = self.buf.iter().position(|&b| b == 0) {
                let answer: serde_json::Value = serde_json::from_slice(&self.buf[..end]).unwrap();
                self.buf.drain(..=end);
                if answer["id"] == self.next {
                    assert!(answer.get("error").is_none(), "{method}: {answer}");
                    return answer["result"].clone();
                }
            }
            let mut chunk = [0; 1 << 16];
            let n = self.from.read(&mut chunk).unwrap();
            assert!(n > 0, "Chromium closed the pipe");
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }

    /// Chromium with one page of 1400×1000 attached: what the calls after
    /// this speak to.
    fn open(browser: &str, dir: &Path) -> Devtools {
        let mut chrome = Devtools::start(browser, dir);
        let target = chrome.call(
            "Target.createTarget",
            serde_json::json!({"url": "about:blank"}),
        );
        let session = chrome.call(
            "Target.attachToTarget",
            serde_json::json!({"targetId": target["targetId"], "flatten": true}),
        );
        chrome.session = session["sessionId"].as_str().map(str::to_owned);
        chrome.call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
        );
        chrome
    }

    /// The page's DOM as HTML, as it stands.
    fn html(&mut self) -> String {
        let v = self.eval("document.documentElement.outerHTML");
        v.as_str().unwrap().to_owned()
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let r = self.call(
            "Runtime.evaluate",
            serde_json::json!({"expression": expression, "returnByValue": true}),
        );
        r["result"]["value"].clone()
    }

    /// Waits (up to a minute) until the page's body says `state`.
    fn wait_for(&mut self, states: &[&str]) -> String {
        let clock = std::time::Instant::now();
        loop {
            let state = self.eval("document.body ? document.body.dataset.state || '' : ''");
            let state = state.as_str().unwrap_or("").to_owned();
            if states.contains(&state.as_str()) || clock.elapsed().as_secs() > 60 {
                return state;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Devtools {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_web_page_checks_an_opened_docx_and_offers_its_copy_and_json() {
    let Some(browser) = chromium() else {
        return;
    };
    if !build() {
        return;
    }
    // The seed as a Word document with its indicator file beside it, as
    // an editor picks the two in the file box.
    let dir = tempdir("web-docx");
    let docx = common::docx_of(&common::seed_text());
    std::fs::write(dir.join("规划.docx"), &docx).unwrap();
    std::fs::copy(
        root().join("seeds/gansu-2021-93.toml"),
        dir.join("规划.toml"),
    )
    .unwrap();
    let o = planlint_zh_in(&dir, &["check", "--format", "json", "规划.docx"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let cli: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();

    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let mut chrome = Devtools::open(browser, &dir);
    // A browser's command, not the page's.
    let page = chrome.session.take();
    chrome.call(
        "Browser.setDownloadBehavior",
        serde_json::json!({"behavior": "allow", "downloadPath": downloads.display().to_string()}),
    );
    chrome.session = page;
    let url = format!(
        "file://{}",
        common::target_dir().join("web/index.html").display()
    );
    chrome.call("Page.navigate", serde_json::json!({"url": url}));
    assert_eq!(chrome.wait_for(&["ready", "failed"]), "ready");
    let document = chrome.call("DOM.getDocument", serde_json::json!({}));
    let input = chrome.call(
        "DOM.querySelector",
        serde_json::json!({"nodeId": document["root"]["nodeId"], "selector": "#files"}),
    );
    let files = [dir.join("规划.docx"), dir.join("规划.toml")].map(|p| p.display().to_string());
    chrome.call(
        "DOM.setFileInputFiles",
        serde_json::json!({"nodeId": input["nodeId"], "files": files}),
    );
    assert_eq!(chrome.wait_for(&["done", "failed"]), "done");
    assert_eq!(
        chrome.eval("document.querySelectorAll('li.finding').length"),
        31
    );
    let links =
        chrome.eval("Array.from(document.querySelectorAll('#downloads a')).map(a => a.download)");
    assert_eq!(
        links,
        serde_json::json!(["规划-检查报告.html", "规划-检查报告.json", "规划-批注.docx"])
    );
    // Downloaded as a user downloads them.
    chrome.eval("document.querySelectorAll('#downloads a').forEach(a => a.click())");
    let clock = std::time::Instant::now();
    let done = |name: &str| downloads.join(name).is_file();
    while !(done("规划-检查报告.json") && done("规划-批注.docx") && done("规划-检查报告.html"))
        && clock.elapsed().as_secs() < 30
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(downloads.join("规划-检查报告.json")).unwrap())
            .unwrap();
    // The JSON is the CLI's, finding for finding (the same file names).
    assert!(json == cli, "the page's JSON differs from the CLI's");
    let copy = std::fs::read(downloads.join("规划-批注.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(copy)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/comments.xml").unwrap(), &mut xml)
        .unwrap();
    assert_eq!(xml.matches("<w:comment ").count(), 31);
}
