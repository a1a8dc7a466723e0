//! The machine-readable output formats: SARIF validated against the
//! official 2.1.0 schema, GitHub workflow commands snapshotted and parsed.

mod common;

use serde_json::Value;

/// tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema
/// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/, Schemata/
/// sarif-schema-2.1.0.json), copied byte for byte from the serde-sarif 0.7.0
/// crate's src/schema.json.
fn validate_sarif(doc: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/data/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("file:///sarif-schema-2.1.0.json", schema)
        .unwrap();
    let index = compiler
        .compile("file:///sarif-schema-2.1.0.json", &mut schemas)
        .unwrap();
    if let Err(e) = schemas.validate(doc, index) {
        panic!("SARIF output is not valid: {e:#}");
    }
}

#[test]
fn sarif_of_the_seed_is_valid_and_complete() {
    let out = common::planlint(&["check", "--sample", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    validate_sarif(&doc);
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    // The same findings as the other formats: 14 errors, 13 warnings, 4 infos.
    assert_eq!(results.len(), 31);
    let n101 = results.iter().find(|r| r["ruleId"] == "N101").unwrap();
    let region = &n101["locations"][0]["physicalLocation"]["region"];
    // Seed line 23, “41.09%” at code point 274 (columns before are all
    // single code points, so the concise output's 23:274 agrees).
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(23), Some(274))
    );
    assert_eq!(region["endColumn"].as_u64(), Some(280));
    // The label into the indicator file becomes a related location.
    let related = n101["relatedLocations"].as_array().unwrap();
    assert!(related
        .iter()
        .any(|r| r["physicalLocation"]["artifactLocation"]["uri"] == "seeds/gansu-2021-93.toml"));
    // Every rule a result names is in the driver's rule list at its index.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    // Each rule carries its summary, what it checks and its documentation,
    // for code-scanning tools to show beside an alert.
    for rule in rules {
        assert!(
            rule["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{rule}"
        );
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{rule}"
        );
        let help = rule["help"]["markdown"].as_str().unwrap();
        assert!(help.contains("## Why it matters"), "{rule}");
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    assert!(results.iter().any(|r| r["fixes"].is_array()));
}

#[test]
fn sarif_with_an_input_error_is_valid() {
    let dir = common::tempdir("sarif-input-error");
    let plan = dir.join("规划 一.txt");
    std::fs::write(&plan, "推进兰州,白银协同发展。\n").unwrap();
    let missing = dir.join("missing.txt");
    let out = common::planlint(&[
        "check",
        "--format",
        "sarif",
        plan.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    validate_sarif(&doc);
    let run = &doc["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.ends_with("/%E8%A7%84%E5%88%92%20%E4%B8%80.txt"),
        "{uri}"
    );
}

#[test]
fn github_annotations() {
    let out = common::planlint(&[
        "check",
        "--format",
        "github",
        "tests/fixtures/N101/invalid_part_and_whole.txt",
    ]);
    let text = common::stdout(&out);
    insta::assert_snapshot!("github_N101", text);
    for line in text.lines().filter(|l| l.starts_with("::")) {
        // ::error title=…,file=…,line=…,col=…,endLine=…,endColumn=…::message
        let (head, message) = line[2..].split_once("::").unwrap();
        let (command, props) = head.split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split_once('=').unwrap().0)
            .collect();
        assert_eq!(
            keys,
            ["title", "file", "line", "col", "endLine", "endColumn"],
            "{line}"
        );
        assert!(!message.contains('\n'));
    }
}
