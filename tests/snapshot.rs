//! `planlint snapshot` (the corpus check) and `planlint test-rules`, as a
//! team with its own folder of texts and its own pack uses them.

mod common;

use common::{run_in, tempdir};

#[test]
fn the_corpus_check_fails_on_new_gone_and_unreviewed_findings() {
    let dir = tempdir("snapshot");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "推进改革，，扩大开放。\n").unwrap();
    let args = [
        "snapshot",
        "corpus",
        "--expect",
        "expected.toml",
        "--no-config",
    ];

    // No expectation file yet: --update writes one, every finding unreviewed.
    let (code, _, err) = run_in(&dir, &args);
    assert_eq!(code, Some(2), "{err}");
    let (code, out, err) = run_in(&dir, &[&args[..], &["--update"]].concat());
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(err.contains("1 to review"), "{err}");
    let written = std::fs::read_to_string(dir.join("expected.toml")).unwrap();
    assert!(written.contains("file = \"a.txt\"") && written.contains("rule = \"P103\""));
    assert!(written.contains("verdict = \"unreviewed\""));
    let (code, out, _) = run_in(&dir, &args);
    assert_eq!(code, Some(1));
    assert!(out.contains("? a.txt:1: unreviewed: P103"), "{out}");

    // Judged: the check passes and reports the rule's precision.
    let judged = written
        .replace("verdict = \"unreviewed\"", "verdict = \"true\"")
        .replace("reason = \"\"", "reason = \"a doubled comma\"");
    std::fs::write(dir.join("expected.toml"), &judged).unwrap();
    let (code, out, _) = run_in(&dir, &args);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("P103") && out.contains("100.0 %"), "{out}");

    // Text moved down a line: the same finding, still as expected.
    std::fs::write(corpus.join("a.txt"), "\n推进改革，，扩大开放。\n").unwrap();
    assert_eq!(run_in(&dir, &args).0, Some(0));

    // A new finding and a gone one both fail, each shown.
    std::fs::write(corpus.join("a.txt"), "推进改革。。扩大开放。\n").unwrap();
    let (code, out, _) = run_in(&dir, &args);
    assert_eq!(code, Some(1));
    assert!(out.contains("+ a.txt:1:5: new: P103"), "{out}");
    assert!(
        out.contains("- a.txt:1: gone: P103") && out.contains("was true: a doubled comma"),
        "{out}"
    );
    // --update keeps nothing gone and marks the new one unreviewed.
    run_in(&dir, &[&args[..], &["--update"]].concat());
    let updated = std::fs::read_to_string(dir.join("expected.toml")).unwrap();
    assert!(updated.contains("text = \"。。\"") && !updated.contains("text = \"，，\""));

    // A verdict without a reason is refused.
    std::fs::write(
        dir.join("expected.toml"),
        judged.replace("reason = \"a doubled comma\"", "reason = \"\""),
    )
    .unwrap();
    let (code, _, err) = run_in(&dir, &args);
    assert_eq!(code, Some(2));
    assert!(err.contains("reason"), "{err}");
}

#[test]
fn test_rules_runs_a_packs_examples() {
    let dir = tempdir("test-rules");
    let packs = dir.join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    std::fs::write(packs.join("house.toml"), common::HOUSE_PACK).unwrap();
    let (code, out, _) = run_in(&dir, &["test-rules", "packs"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("ok     X101"), "{out}");

    // An example the rule does not fix as it says fails, naming it.
    let broken = common::HOUSE_PACK.replace(
        "fixed = \"推进高质量发展的着力点。\"",
        "fixed = \"推进高质量发展的抓手。\"",
    );
    std::fs::write(packs.join("house.toml"), broken).unwrap();
    let (code, out, _) = run_in(&dir, &["test-rules", "packs"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("FAILED X101") && out.contains("gives"),
        "{out}"
    );

    // The built-in packs pass their own examples.
    let (code, out, _) = run_in(&dir, &["test-rules"]);
    assert_eq!(code, Some(0), "{out}");
}
