//! `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and other
//! viewers. Columns count Unicode code points (`columnKind`
//! `unicodeCodePoints`); an end column is the column just after the span.
//! A test validates the output against the official schema.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{positions, word_place, Run};
use crate::diagnostic::Severity;
use crate::source::{SourceFile, Span};

pub fn render(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    // Rules in the order of their codes; results refer to them by index.
    let mut rules: BTreeMap<&str, &str> = BTreeMap::new();
    for d in run.diagnostics {
        rules.insert(d.code, d.name);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, c)| (*c, i)).collect();
    let results: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            let src = &run.sources[d.file];
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [location(src, d.span)],
            });
            if !d.labels.is_empty() {
                result["relatedLocations"] = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let src = &run.sources[l.file];
                        let mut text = l.message.clone();
                        if let Some(place) = word_place(src, l.span) {
                            text.push_str(&format!("（{place}）"));
                        }
                        json!({
                            "id": i,
                            "physicalLocation": physical(src, l.span),
                            "message": { "text": text },
                        })
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(src, e.span),
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": format!("{} fix", fix.applicability.as_str()) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&src.name) },
                        "replacements": replacements,
                    }],
                }]);
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = run
        .input_errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.file) } } }],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "planlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|(code, name)| describe(run, code, name)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": run.input_errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(src: &SourceFile, span: Span) -> Value {
    let (start, end) = positions(src, span);
    json!({
        "startLine": start.line,
        "startColumn": start.char_column,
        "endLine": end.line,
        "endColumn": end.char_column,
    })
}

/// A result's location: the region, and for a Word document its place in
/// Word as the location's message (viewers show it beside the region).
fn location(src: &SourceFile, span: Span) -> Value {
    let mut location = json!({ "physicalLocation": physical(src, span) });
    if let Some(place) = word_place(src, span) {
        location["message"] = json!({ "text": place });
    }
    location
}

fn physical(src: &SourceFile, span: Span) -> Value {
    json!({
        "artifactLocation": { "uri": uri(&src.name) },
        "region": region(src, span),
    })
}

/// A file name as a relative or absolute URI reference: `/` separators and
/// everything outside RFC 3986's unreserved set percent-encoded as UTF-8.
fn uri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A rule as SARIF's reportingDescriptor: its summary, what it checks, its
/// whole documentation as help (text and Markdown), default level, category
/// and tier. A code the run's rules do not know gets its id and name only.
fn describe(run: &Run<'_>, code: &str, name: &str) -> serde_json::Value {
    let Some(m) = run.rules.iter().map(|r| r.meta()).find(|m| m.code == code) else {
        return json!({ "id": code, "name": name });
    };
    // In the interface's language: the Chinese documentation's 检查什么 in
    // Chinese, What it checks in English.
    let (summary, doc) = crate::i18n::rule_doc(code, (m.summary, m.doc));
    let what = ["## What it checks", "## 检查什么"]
        .iter()
        .find_map(|h| doc.split(h).nth(1))
        .and_then(|rest| rest.split("\n## ").next())
        .map_or(summary, str::trim);
    json!({
        "id": code,
        "name": name,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": what },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": { "category": m.category.as_str(), "tier": m.tier.as_str() },
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            super::uri("plans/兰州 规划.txt"),
            "plans/%E5%85%B0%E5%B7%9E%20%E8%A7%84%E5%88%92.txt"
        );
        assert_eq!(super::uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(super::uri(r"a\b.txt"), "a/b.txt");
    }
}
