//! The typo evaluator: precision, recall and false alarms of the spelling
//! rules on text nobody on the team wrote, per tier, snapshot-tested so that
//! a change to the typo model is a reviewed diff.
//!
//! - **ECSpell development split** (`../shared/benchmarks/ecspell/odw.train`,
//!   Lv et al. 2023, MIT): 1,720 official-document sentences, 997 with
//!   slips of one character for another. Two modes: all sentences in one
//!   file (a long document), and each sentence in its own file (a short
//!   notice). A sentence is *flagged* when a spelling rule reports inside
//!   it; *located* when a finding covers a character the benchmark
//!   corrects.
//! - **Planted slips** in the work reports of `../shared/corpus` and the
//!   plans of `../shared/plans` (fixed seed): a character of a word replaced
//!   by one that ECSpell's sentences record typed for it — a confusion set
//!   independent of planlint's sound and shape data. Reported per kind
//!   (sound-alike in any tone, or other), with findings away from the
//!   plants.
//!
//! Run `cargo test --release --test ecspell -- --nocapture` to see the
//! tables; the snapshots `snapshots/eval/ecspell__*.snap` hold them.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;

use common::Rng;
use planlint::diagnostic::Diagnostic;
use planlint::lexicon::{sound_alike_any_tone, words};
use planlint::source::SourceFile;
use planlint::Linter;

/// The rules whose findings say a character is wrong.
const SPELLING: &[&str] = &["W101", "W102", "W104", "W105", "W106"];

struct Sentence {
    wrong: String,
    /// Byte ranges of the characters the benchmark corrects.
    slips: Vec<(usize, usize)>,
}

fn benchmark() -> Option<Vec<Sentence>> {
    let path = common::root().join("../shared/benchmarks/ecspell/odw.train");
    let Ok(text) = std::fs::read_to_string(&path) else {
        common::skipped("../shared/benchmarks/ecspell/odw.train not found");
        return None;
    };
    let mut out = Vec::new();
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(_), Some(wrong), Some(right)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let mut slips = Vec::new();
        for ((at, w), r) in wrong.char_indices().zip(right.chars()) {
            if w != r {
                slips.push((at, at + w.len_utf8()));
            }
        }
        out.push(Sentence {
            wrong: wrong.to_owned(),
            slips,
        });
    }
    Some(out)
}

fn spelling(d: &Diagnostic) -> bool {
    SPELLING.contains(&d.code)
}

#[derive(Default)]
struct Tally {
    with_slips: usize,
    correct: usize,
    /// Sentences with slips that are flagged.
    flagged_wrong: usize,
    /// …of which a finding covers a slip.
    located: usize,
    /// Correct sentences flagged.
    flagged_correct: usize,
    /// Findings per rule: (in a sentence with slips, in a correct one).
    by_rule: HashMap<&'static str, (usize, usize)>,
}

impl Tally {
    fn add(&mut self, s: &Sentence, findings: &[(&'static str, usize, usize)]) {
        if s.slips.is_empty() {
            self.correct += 1;
        } else {
            self.with_slips += 1;
        }
        for f in findings {
            let e = self.by_rule.entry(f.0).or_default();
            if s.slips.is_empty() {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
        }
        if findings.is_empty() {
            return;
        }
        if s.slips.is_empty() {
            self.flagged_correct += 1;
            return;
        }
        self.flagged_wrong += 1;
        if findings
            .iter()
            .any(|f| s.slips.iter().any(|&(a, b)| f.1 < b && a < f.2))
        {
            self.located += 1;
        }
    }

    fn row(&self, out: &mut String, label: &str) {
        let flagged = self.flagged_wrong + self.flagged_correct;
        let _ = writeln!(
            out,
            "{label:<18} {:>5} {:>5} {:>7} {:>7} {:>6} {:>6} {:>6}",
            flagged,
            self.flagged_wrong,
            self.located,
            self.flagged_correct,
            pct(self.flagged_wrong, flagged),
            pct(self.flagged_wrong, self.with_slips),
            pct(self.flagged_correct, self.correct),
        );
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}", 100.0 * a as f64 / b as f64)
    }
}

fn linter(preview: bool) -> Linter {
    Linter::builtin().unwrap().with_preview(preview)
}

/// Lints all sentences in one file, one a line.
fn document_mode(linter: &Linter, sentences: &[Sentence]) -> Tally {
    let mut text = String::new();
    let mut starts = Vec::new();
    for s in sentences {
        starts.push(text.len());
        text.push_str(&s.wrong);
        text.push('\n');
    }
    let src = SourceFile::from_text("ecspell.txt", text);
    let mut per: Vec<Vec<(&'static str, usize, usize)>> = vec![Vec::new(); sentences.len()];
    for d in linter.lint_with(0, &src, None) {
        if !spelling(&d) {
            continue;
        }
        let k = starts.partition_point(|&s| s <= d.span.start) - 1;
        per[k].push((d.code, d.span.start - starts[k], d.span.end - starts[k]));
    }
    let mut t = Tally::default();
    for (s, f) in sentences.iter().zip(&per) {
        t.add(s, f);
    }
    t
}

/// Lints each sentence as a file of its own.
fn sentence_mode(linter: &Linter, sentences: &[Sentence]) -> Tally {
    let mut t = Tally::default();
    for s in sentences {
        let src = SourceFile::from_text("ecspell.txt", s.wrong.clone());
        let f: Vec<_> = linter
            .lint_with(0, &src, None)
            .into_iter()
            .filter(spelling)
            .map(|d| (d.code, d.span.start, d.span.end))
            .collect();
        t.add(s, &f);
    }
    t
}

fn rules_line(out: &mut String, label: &str, t: &Tally) {
    let mut rules: Vec<_> = t.by_rule.iter().collect();
    rules.sort();
    let parts: Vec<String> = rules
        .iter()
        .map(|(code, (w, c))| format!("{code} {w}/{c}"))
        .collect();
    let _ = writeln!(out, "  {label:<16} {}", parts.join(", "));
}

#[test]
fn ecspell_development_split() {
    let Some(sentences) = benchmark() else {
        return;
    };
    let default = linter(false);
    let preview = linter(true);
    let runs = [
        ("document/default", document_mode(&default, &sentences)),
        ("document/preview", document_mode(&preview, &sentences)),
        ("sentence/default", sentence_mode(&default, &sentences)),
        ("sentence/preview", sentence_mode(&preview, &sentences)),
    ];
    let t = &runs[0].1;
    let mut out = format!(
        "ECSpell odw development split: {} sentences, {} with slips, {} correct\n\
         spelling rules: {}\n\n\
         {:<18} {:>5} {:>5} {:>7} {:>7} {:>6} {:>6} {:>6}\n",
        sentences.len(),
        t.with_slips,
        t.correct,
        SPELLING.join(" "),
        "mode/tier",
        "flag",
        "true",
        "located",
        "false",
        "P%",
        "R%",
        "FA%",
    );
    for (label, t) in &runs {
        t.row(&mut out, label);
    }
    out.push_str("\nfindings per rule (in sentences with slips / in correct ones):\n");
    for (label, t) in &runs {
        rules_line(&mut out, label, t);
    }
    eprintln!("{out}");
    insta::with_settings!({ snapshot_path => "snapshots/eval" }, {
        insta::assert_snapshot!("ecspell_dev", out);
    });
}

/// Plants per text.
const PLANTS: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Kind {
    /// The typed character has the right one's syllable (any tone).
    Sound,
    /// Any other confusion ECSpell records (mostly look-alikes).
    Other,
}

#[test]
fn planted_typos() {
    let Ok(bench) =
        std::fs::read_to_string(common::root().join("../shared/benchmarks/ecspell/odw.train"))
    else {
        common::skipped("../shared/benchmarks/ecspell/odw.train not found");
        return;
    };
    let confusions = common::ecspell_confusions(&bench);
    let texts = common::shared_texts();
    if texts.is_empty() {
        return;
    }
    let linters = [("default", linter(false)), ("preview", linter(true))];
    let mut rng = Rng(35);
    // kind → (planted, found per tier); findings away from plants per tier.
    let mut found: HashMap<Kind, (usize, [usize; 2])> = HashMap::new();
    let mut away = [0usize; 2];
    let mut away_before = [0usize; 2];
    for path in &texts {
        let text = std::fs::read_to_string(path).unwrap();
        // Candidate places: a character of a two- to four-character word
        // of a line of prose, for which ECSpell records a slip.
        let mut places = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if line.chars().count() >= 30 {
                for (s, e) in words::words(line) {
                    let w = &line[s..e];
                    let n = w.chars().count();
                    if !(2..=4).contains(&n) || !w.chars().all(planlint::cjk::is_han) {
                        continue;
                    }
                    for (i, c) in w.char_indices() {
                        if confusions.contains_key(&c) {
                            places.push((at + s + i, c));
                        }
                    }
                }
            }
            at += line.len();
        }
        if places.is_empty() {
            continue;
        }
        // Findings on the text as it is: those are no plant's.
        let src = SourceFile::from_text("plain.txt", text.clone());
        let before: Vec<Vec<(usize, &str)>> = linters
            .iter()
            .map(|(_, l)| {
                l.lint_with(0, &src, None)
                    .into_iter()
                    .filter(spelling)
                    .map(|d| (d.span.start, d.code))
                    .collect()
            })
            .collect();
        for (k, b) in before.iter().enumerate() {
            away_before[k] += b.len();
        }
        // Plants far apart, at most one a line.
        let mut chosen: Vec<(usize, char, char)> = Vec::new();
        let mut tries = 0;
        while chosen.len() < PLANTS && tries < 200 {
            tries += 1;
            let (p, c) = places[rng.below(places.len())];
            if chosen.iter().any(|&(q, _, _)| q.abs_diff(p) < 400) {
                continue;
            }
            let typed = &confusions[&c];
            let w = typed[rng.below(typed.len())];
            chosen.push((p, c, w));
        }
        chosen.sort();
        let mut planted = String::with_capacity(text.len());
        let mut spans = Vec::new();
        let mut last = 0;
        for &(p, c, w) in &chosen {
            planted.push_str(&text[last..p]);
            let s = planted.len();
            planted.push(w);
            spans.push((s, planted.len(), kind(c, w)));
            last = p + c.len_utf8();
        }
        planted.push_str(&text[last..]);
        let src = SourceFile::from_text("planted.txt", planted);
        for (k, (_, l)) in linters.iter().enumerate() {
            let ds: Vec<Diagnostic> = l
                .lint_with(0, &src, None)
                .into_iter()
                .filter(spelling)
                .collect();
            for &(s, e, kind) in &spans {
                let entry = found.entry(kind).or_default();
                if k == 0 {
                    entry.0 += 1;
                }
                if ds.iter().any(|d| d.span.start < e && s < d.span.end) {
                    entry.1[k] += 1;
                }
            }
            away[k] += ds
                .iter()
                .filter(|d| {
                    !spans
                        .iter()
                        .any(|&(s, e, _)| d.span.start < e && s < d.span.end)
                })
                .count();
        }
    }
    let mut out = format!(
        "planted ECSpell confusions in {} texts of ../shared/corpus and ../shared/plans, \
         up to {PLANTS} a text (seed 35)\n\n{:<8} {:>7} {:>9} {:>9}\n",
        texts.len(),
        "kind",
        "planted",
        "default",
        "preview"
    );
    let mut kinds: Vec<_> = found.iter().collect();
    kinds.sort();
    for (kind, (n, f)) in kinds {
        let _ = writeln!(
            out,
            "{:<8} {:>7} {:>9} {:>9}",
            format!("{kind:?}").to_lowercase(),
            n,
            format!("{} {}%", f[0], pct(f[0], *n)),
            format!("{} {}%", f[1], pct(f[1], *n)),
        );
    }
    let _ = writeln!(
        out,
        "\nspelling findings away from the plants: default {} (the texts as they are: {}), \
         preview {} ({})",
        away[0], away_before[0], away[1], away_before[1]
    );
    eprintln!("{out}");
    insta::with_settings!({ snapshot_path => "snapshots/eval" }, {
        insta::assert_snapshot!("planted_typos", out);
    });
}

fn kind(right: char, typed: char) -> Kind {
    if sound_alike_any_tone(right, typed) {
        Kind::Sound
    } else {
        Kind::Other
    }
}
