//! `--format html`: one self-contained page (no network, no files beside it):
//! the findings as a list with filters by severity and rule, and each text
//! with the findings highlighted in place. Every finding links to its place
//! and to its related places; each rule's explanation opens on demand.
//!
//! The page works without its script (every link and explanation is plain
//! HTML); the script adds the filters. A filter can be preset in the address,
//! `report.html#severity=error&rule=C101`, to share a view.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{escape, positions, word_place, Run};
use crate::diagnostic::Severity;
use crate::i18n::t;
use crate::source::Span;

const STYLE: &str = r#"
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --line: #ddd; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { display: flex; flex-direction: column; margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #222; }
header { flex: none; background: #fafafa; border-bottom: 1px solid var(--line); padding: .5em 1.2em; }
h1 { font-size: 1.25em; margin: .2em 0; }
h2 { font-size: 1.1em; margin: 1em 0 .4em; }
#filters label { margin-right: 1em; white-space: nowrap; }
#shown { color: #555; margin-left: 1em; }
main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(22em, 38%) 1fr; gap: 0 1.2em; padding: 0 0 0 1.2em; }
main > section { overflow: auto; padding-right: 1.2em; }
#findings ol { list-style: none; padding: 0; margin: 0; }
.finding { border-left: 4px solid var(--line); padding: .35em .6em; margin: .4em 0; background: #fff; }
.finding.error { border-color: var(--error); }
.finding.warning { border-color: var(--warning); }
.finding.info { border-color: var(--info); }
.finding:target { background: #fff8e1; }
.badge { display: inline-block; font-size: .8em; padding: 0 .45em; border-radius: 3px; color: #fff; margin-right: .3em; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
.code { font-family: ui-monospace, monospace; font-size: .9em; color: #444; }
.where { display: block; font-size: .85em; }
.help, .related { font-size: .9em; color: #333; margin: .15em 0 0; }
.related { padding-left: 1.2em; }
.text { white-space: pre-wrap; word-break: break-all; border: 1px solid var(--line); padding: .6em .8em; max-height: none; }
mark { background: #ffe0b2; border-bottom: 2px solid var(--warning); cursor: pointer; }
mark.error { background: #ffcdd2; border-color: var(--error); }
mark.info { background: #bbdefb; border-color: var(--info); }
mark.off { background: none; border: none; cursor: auto; }
.rel { background: #e0f2f1; border-bottom: 1px dashed #00897b; }
.rel.off { background: none; border: none; }
a.anchor { scroll-margin-top: 3em; }
details.rule { border: 1px solid var(--line); margin: .4em 0; padding: .3em .6em; }
details.rule pre { white-space: pre-wrap; font: inherit; }
[hidden] { display: none !important; }
"#;

const SCRIPT: &str = r#"
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll('li.finding'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.severity'));
  var rule = document.getElementById('rule');
  function apply() {
    var severities = {};
    boxes.forEach(function (b) { severities[b.value] = b.checked; });
    var code = rule.value, shown = {}, count = 0;
    items.forEach(function (li) {
      var on = severities[li.dataset.severity] && (!code || li.dataset.code === code);
      li.hidden = !on;
      if (on) { shown[li.dataset.n] = true; count++; }
    });
    document.querySelectorAll('[data-f]').forEach(function (m) {
      var on = m.dataset.f.split(' ').some(function (n) { return shown[n]; });
      m.classList.toggle('off', !on);
    });
    var shownLine = document.getElementById('shown');
    shownLine.textContent = shownLine.dataset.template.replace('{shown}', count).replace('{total}', items.length);
    var hash = [];
    var unchecked = boxes.filter(function (b) { return !b.checked; });
    if (unchecked.length) {
      hash.push('severity=' + boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).join(','));
    }
    if (code) { hash.push('rule=' + code); }
    return hash.join('&');
  }
  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (h.indexOf('=') < 0) { return; }
    h.split('&').forEach(function (kv) {
      var p = kv.split('=');
      if (p[0] === 'severity') {
        var on = p[1].split(',');
        boxes.forEach(function (b) { b.checked = on.indexOf(b.value) >= 0; });
      } else if (p[0] === 'rule') {
        rule.value = p[1];
      }
    });
  }
  function changed() {
    var h = apply();
    history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
  }
  boxes.forEach(function (b) { b.addEventListener('change', changed); });
  rule.addEventListener('change', changed);
  document.querySelectorAll('mark[data-f]').forEach(function (m) {
    m.addEventListener('click', function () {
      var first = m.dataset.f.split(' ')[0];
      location.hash = 'item-' + first;
    });
  });
  document.querySelectorAll('a.explain').forEach(function (a) {
    a.addEventListener('click', function () {
      var d = document.getElementById(a.getAttribute('href').slice(1));
      if (d) { d.open = true; }
    });
  });
  fromHash();
  apply();
})();
"#;

fn severity_word(s: Severity) -> String {
    t(&format!("severity.{}", s.as_str()), &[])
}

/// `file:line:col`, and the place in Word for a `.docx`.
fn place(run: &Run<'_>, file: usize, span: Span) -> String {
    let src = &run.sources[file];
    let (start, _) = positions(src, span);
    let mut out = format!("{}:{}:{}", src.name, start.line, start.column);
    if let Some(word) = word_place(src, span) {
        out.push_str(&format!("（{word}）"));
    }
    out
}

/// What covers a stretch of a text: findings (by number) and labels.
#[derive(Default)]
struct Marks {
    /// Offsets where a finding or label starts or ends.
    points: BTreeMap<usize, Vec<Event>>,
}

#[derive(Clone, Copy)]
enum Event {
    /// A finding or label with an empty span: a place to link to, nothing
    /// to highlight.
    Anchor(usize, Option<usize>),
    StartFinding(usize, Severity),
    EndFinding(usize),
    StartLabel(usize, usize),
    EndLabel(usize, usize),
}

/// One text with its findings marked: anchors at each start, highlighted
/// stretches with the findings (`data-f`) or labels that cover them.
fn marked_text(text: &str, marks: &Marks) -> String {
    let mut out = String::with_capacity(text.len() + marks.points.len() * 64);
    let mut findings: BTreeMap<usize, Severity> = BTreeMap::new();
    let mut labels: Vec<(usize, usize)> = Vec::new();
    let mut last = 0;
    let close =
        |out: &mut String, findings: &BTreeMap<usize, Severity>, labels: &[(usize, usize)]| {
            if !findings.is_empty() {
                out.push_str("</mark>");
            } else if !labels.is_empty() {
                out.push_str("</span>");
            }
        };
    let open =
        |out: &mut String, findings: &BTreeMap<usize, Severity>, labels: &[(usize, usize)]| {
            if let Some(worst) = findings.values().max() {
                let ids: Vec<String> = findings.keys().map(usize::to_string).collect();
                let _ = write!(
                    out,
                    r#"<mark class="{}" data-f="{}">"#,
                    worst.as_str(),
                    ids.join(" ")
                );
            } else if !labels.is_empty() {
                let ids: Vec<String> = labels.iter().map(|&(n, _)| n.to_string()).collect();
                let _ = write!(out, r#"<span class="rel" data-f="{}">"#, ids.join(" "));
            }
        };
    for (&at, events) in &marks.points {
        let at = at.min(text.len());
        if at > last {
            out.push_str(&escape(&text[last..at]));
            last = at;
        }
        close(&mut out, &findings, &labels);
        for e in events {
            match *e {
                Event::EndFinding(n) => {
                    findings.remove(&n);
                }
                Event::EndLabel(n, k) => labels.retain(|&l| l != (n, k)),
                _ => {}
            }
        }
        for e in events {
            match *e {
                Event::StartFinding(n, s) => {
                    let _ = write!(out, r#"<a class="anchor" id="f-{n}"></a>"#);
                    findings.insert(n, s);
                }
                Event::StartLabel(n, k) => {
                    let _ = write!(out, r#"<a class="anchor" id="l-{n}-{k}"></a>"#);
                    labels.push((n, k));
                }
                Event::Anchor(n, None) => {
                    let _ = write!(out, r#"<a class="anchor" id="f-{n}"></a>"#);
                }
                Event::Anchor(n, Some(k)) => {
                    let _ = write!(out, r#"<a class="anchor" id="l-{n}-{k}"></a>"#);
                }
                _ => {}
            }
        }
        open(&mut out, &findings, &labels);
    }
    out.push_str(&escape(&text[last..]));
    close(&mut out, &findings, &labels);
    out
}

pub fn render(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let summary = run.summary();
    let lang = match crate::i18n::lang() {
        crate::i18n::Lang::Zh => "zh-CN",
        crate::i18n::Lang::En => "en",
    };
    let title = escape(&t("html.title", &[]));
    let mut page = String::new();
    let _ = write!(
        page,
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="generator" content="planlint"><meta name="viewport" content="width=device-width"><title>{title}</title><style>"#,
    );
    page.push_str(STYLE);
    let _ = write!(page, "</style></head><body><header><h1>{title}</h1>");
    let _ = write!(
        page,
        r#"<p id="summary">{}</p>"#,
        escape(&t(
            "html.summary",
            &[
                ("files", &summary.files),
                ("errors", &summary.errors),
                ("warnings", &summary.warnings),
                ("infos", &summary.infos),
            ]
        ))
    );

    // Filters: severities, and rules with their counts.
    let mut by_rule: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for d in run.diagnostics {
        // The rule's Chinese name in Chinese, not its kebab-case slug.
        let name = crate::i18n::rule_name(d.code, d.name);
        by_rule.entry(d.code).or_insert((name, 0)).1 += 1;
    }
    page.push_str(r#"<div id="filters">"#);
    for (s, n) in [
        (Severity::Error, summary.errors),
        (Severity::Warning, summary.warnings),
        (Severity::Info, summary.infos),
    ] {
        let _ = write!(
            page,
            r#"<label><input type="checkbox" class="severity" value="{}" checked> {}（{n}）</label>"#,
            s.as_str(),
            severity_word(s)
        );
    }
    let _ = write!(
        page,
        r#"<label>{} <select id="rule"><option value="">{}</option>"#,
        t("html.rule", &[]),
        t("html.all-rules", &[])
    );
    for (code, (name, n)) in &by_rule {
        let _ = write!(
            page,
            r#"<option value="{code}">{code} {}（{n}）</option>"#,
            escape(name)
        );
    }
    let total = run.diagnostics.len();
    let _ = write!(
        page,
        r#"</select></label><span id="shown" data-template="{}">{}</span></div></header><main><section id="findings"><h2>{}</h2><ol>"#,
        escape(&t("html.shown", &[])),
        escape(&t("html.shown", &[("shown", &total), ("total", &total)])),
        t("html.findings", &[])
    );

    // The list, and the marks each text will carry.
    let mut marks: BTreeMap<usize, Marks> = BTreeMap::new();
    for (n, d) in run.diagnostics.iter().enumerate() {
        let m = marks.entry(d.file).or_default();
        if d.span.is_empty() {
            m.points
                .entry(d.span.start)
                .or_default()
                .push(Event::Anchor(n, None));
        } else {
            m.points
                .entry(d.span.start)
                .or_default()
                .push(Event::StartFinding(n, d.severity));
            m.points
                .entry(d.span.end)
                .or_default()
                .push(Event::EndFinding(n));
        }
        let sev = d.severity.as_str();
        let _ = write!(
            page,
            r##"<li class="finding {sev}" id="item-{n}" data-n="{n}" data-severity="{sev}" data-code="{code}"><span class="badge {sev}">{word}</span><span class="code">{code} {name}</span> {message}<a class="where" href="#f-{n}">{place}</a>"##,
            code = d.code,
            name = escape(crate::i18n::rule_name(d.code, d.name)),
            word = severity_word(d.severity),
            message = escape(&d.message),
            place = escape(&place(run, d.file, d.span)),
        );
        if let Some(help) = &d.help {
            let _ = write!(
                page,
                r#"<p class="help">{}</p>"#,
                escape(&t("html.help", &[("help", help)]))
            );
        }
        if !d.labels.is_empty() {
            page.push_str(r#"<ul class="related">"#);
            for (k, l) in d.labels.iter().enumerate() {
                let m = marks.entry(l.file).or_default();
                if l.span.is_empty() {
                    m.points
                        .entry(l.span.start)
                        .or_default()
                        .push(Event::Anchor(n, Some(k)));
                } else {
                    m.points
                        .entry(l.span.start)
                        .or_default()
                        .push(Event::StartLabel(n, k));
                    m.points
                        .entry(l.span.end)
                        .or_default()
                        .push(Event::EndLabel(n, k));
                }
                let _ = write!(
                    page,
                    r##"<li><a href="#l-{n}-{k}">{}：{}</a></li>"##,
                    escape(&l.message),
                    escape(&place(run, l.file, l.span))
                );
            }
            page.push_str("</ul>");
        }
        let _ = write!(
            page,
            r##"<a class="explain" href="#rule-{}">{}</a></li>"##,
            d.code,
            t("html.explain", &[])
        );
    }
    if run.diagnostics.is_empty() {
        let _ = write!(page, "<li>{}</li>", t("html.none", &[]));
    }
    page.push_str("</ol>");
    if !run.input_errors.is_empty() {
        let _ = write!(
            page,
            r#"<h2>{}</h2><ul id="input-errors">"#,
            t("html.input-errors", &[])
        );
        for e in run.input_errors {
            let _ = write!(page, "<li>{}：{}</li>", escape(&e.file), escape(&e.message));
        }
        page.push_str("</ul>");
    }

    // Each rule that has a finding, explained on demand.
    let _ = write!(page, r#"<h2>{}</h2><div id="rules">"#, t("html.rules", &[]));
    for (code, (name, _)) in &by_rule {
        let rule = run.rules.iter().find(|r| r.meta().code == *code);
        let (summary, doc) = rule.map_or(("", ""), |r| {
            crate::i18n::rule_doc(code, (r.meta().summary, r.meta().doc))
        });
        let _ = write!(
            page,
            r#"<details class="rule" id="rule-{code}"><summary>{code} {}：{}</summary><pre>{}</pre></details>"#,
            escape(name),
            escape(summary),
            escape(doc)
        );
    }
    page.push_str(r#"</div></section><section id="texts">"#);

    // The texts with findings or related places, marked.
    for (file, m) in &marks {
        let src = &run.sources[*file];
        let _ = write!(
            page,
            r#"<h2 id="file-{file}">{}</h2><div class="text">{}</div>"#,
            escape(&src.name),
            marked_text(&src.text, m)
        );
    }
    page.push_str("</section></main><script>");
    page.push_str(SCRIPT);
    page.push_str("</script></body></html>\n");
    out.write_all(page.as_bytes())
}
