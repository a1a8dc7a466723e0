//! The web page (planlint compiled to WebAssembly, `scripts/build-web`) in
//! headless Chromium: opened from a file (`file://`, as an editor opens it
//! from a folder), it checks the sample bundle (`index.html?sample`) and
//! shows the report the CLI's `check --sample --format html` shows, finding
//! for finding and highlight for highlight. The page is built here (cargo
//! makes it a no-op when nothing changed). Skipped where Chromium or the
//! build's tools are missing, but never in CI, which installs them
//! (.ci/run). No timing here: Chromium's virtual time, which lets the page
//! finish its work before the dump, also stops the page's clock; the page
//! shows its real load and check times to its users.

mod common;

use common::{planlint_zh_in, root, stderr, stdout, tempdir};

use std::path::Path;
use std::process::Command;

fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        common::skipped("chromium not found (Chromium is not installed)");
    }
    found
}

/// Headless Chromium, given time for the page's own work (loading the
/// WebAssembly, checking) before it dumps the page or takes its picture.
fn headless(browser: &str, dir: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1400,1000",
        "--virtual-time-budget=60000",
    ])
    .arg(format!("--user-data-dir={}", dir.join("profile").display()));
    c
}

fn dom(browser: &str, dir: &Path, url: &str) -> String {
    let o = headless(browser, dir)
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// The report's part of a page, from its `<header>` to the end of `<main>`.
fn report(page: &str) -> &str {
    let start = page.find("<header>").expect("a report header");
    let end = page.find("</main>").expect("the report's end") + "</main>".len();
    &page[start..end]
}

/// The value of `data-NAME="…"` on the page's body.
fn body_data<'a>(page: &'a str, name: &str) -> Option<&'a str> {
    let body = &page[page.find("<body")?..];
    let body = &body[..body.find('>')?];
    let key = format!("data-{name}=\"");
    let at = body.find(&key)? + key.len();
    Some(&body[at..at + body[at..].find('"')?])
}

/// Runs scripts/build-web; false (after saying why) when it cannot run here.
fn build() -> bool {
    let o = Command::new("bash")
        .arg(root().join("scripts/build-web"))
        .output()
        .unwrap();
    if !o.status.success() {
        common::skipped(&format!(
            "scripts/build-web failed (the wasm32 target or wasm-bindgen-cli missing?):\n{}",
            stderr(&o)
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
    let web = root().join("target/web");
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
    let url = format!("file://{}?sample", web.join("index.html").display());
    let page = dom(browser, &dir, &url);
    assert_eq!(
        body_data(&page, "state"),
        Some("done"),
        "the page did not check the sample:\n{}",
        &page[..page.len().min(3000)]
    );

    // The CLI's report of the same bundle, through the same browser.
    let o = planlint_zh_in(&root(), &["check", "--sample", "--format", "html"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let file = dir.join("report.html");
    std::fs::write(&file, stdout(&o)).unwrap();
    let cli = dom(browser, &dir, &format!("file://{}", file.display()));

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

    // A picture for people to look at (target/web-page.png).
    let shot = root().join("target/web-page.png");
    let o = headless(browser, &dir)
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::metadata(&shot).unwrap().len() > 50_000);
}
