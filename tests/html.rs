//! `--format html` in a real browser: headless Chromium (Debian's package)
//! loads the page, runs its script, and the test reads the DOM it leaves:
//! one item per finding, every link lands on an element, the filters preset
//! in the address hide what they should. A screenshot is taken for people
//! to look at. Skipped where Chromium is not installed, but never in CI,
//! which installs it (.ci/run).

mod common;

use common::{chromium, planlint_zh_in, root, stderr, stdout, tempdir};

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn headless(browser: &str, dir: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1400,1000",
    ])
    .arg(format!("--user-data-dir={}", dir.join("profile").display()));
    c
}

/// The DOM Chromium holds once the page (at `url`) has loaded and run.
fn dom(browser: &str, dir: &Path, url: &str) -> String {
    let o = headless(browser, dir)
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// Values of `attr="…"` in `html`.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!("{attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn the_html_report_works_in_chromium() {
    let o = planlint_zh_in(&root(), &["check", "--sample", "--format", "html"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let page = stdout(&o);
    // Self-contained: nothing loaded from elsewhere.
    assert!(
        !page.contains(" src=") && !page.contains("<link"),
        "external resource"
    );
    assert!(!values(&page, "href").iter().any(|h| h.contains("//")));
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempdir("html-report");
    let file = dir.join("report.html");
    std::fs::write(&file, &page).unwrap();
    let url = format!("file://{}", file.display());

    let loaded = dom(browser, &dir, &url);
    // 14 errors, 13 warnings, 4 infos: one item each, all shown.
    assert_eq!(loaded.matches(r#"<li class="finding "#).count(), 31);
    assert!(loaded.contains("显示 31 / 31 条"), "the script did not run");
    // Every in-page link lands on an element.
    let ids: BTreeSet<&str> = values(&loaded, "id").into_iter().collect();
    let links = values(&loaded, "href");
    assert!(links.len() > 60, "{}", links.len());
    for href in links {
        let target = href.strip_prefix('#').expect("only in-page links");
        assert!(ids.contains(target), "#{target} lands nowhere");
    }
    // Each finding's place is marked in the text.
    for n in 0..31 {
        assert!(ids.contains(format!("f-{n}").as_str()), "f-{n}");
    }

    // A filter preset in the address: errors of one rule only.
    let filtered = dom(browser, &dir, &format!("{url}#severity=error&rule=N101"));
    let n101 = page
        .matches(r#"data-severity="error" data-code="N101""#)
        .count();
    assert!(n101 >= 1);
    assert!(
        filtered.contains(&format!("显示 {n101} / 31 条")),
        "filter not applied"
    );
    let hidden = filtered
        .split(r#"<li class="finding "#)
        .skip(1)
        .filter(|item| item[..item.find('>').unwrap()].contains("hidden"))
        .count();
    assert_eq!(hidden, 31 - n101);

    // A screenshot, for people to look at (target/html-report.png, in
    // CARGO_TARGET_DIR when that is set: target/ may not exist then).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    std::fs::create_dir_all(&target).unwrap();
    let shot = target.join("html-report.png");
    let o = headless(browser, &dir)
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::metadata(&shot).unwrap().len() > 50_000);
}
