//! Reviewed expectations of a corpus check (`planlint snapshot`): every
//! finding on a folder of real texts, each with a verdict a person gave it.
//! A finding is known by its file, rule, flagged text and the characters
//! around it on its line (as in a baseline), so edits elsewhere and moved
//! lines do not churn the file; its line and message are kept for reading.
//!
//! The file is TOML, written here canonically (sorted by file, line, rule),
//! so that a change of rules shows as a readable diff in review.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::baseline;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// What a person judged a finding to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A real defect of the text (the reason says which).
    True,
    /// Not a defect an editor would fix (a false alarm, or a scraping
    /// artefact); kept so the check stays green, and counted against the
    /// rule's precision.
    Accepted,
    /// Written by `--update`, not judged yet: fails the check.
    Unreviewed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::True => "true",
            Verdict::Accepted => "accepted",
            Verdict::Unreviewed => "unreviewed",
        }
    }
}

/// One expected finding (or `count` identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The text's path relative to the checked folder, with `/`.
    pub file: String,
    /// Where it was when last written; for reading, not for matching.
    pub line: usize,
    pub rule: String,
    pub text: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
    /// The finding's message when last written; for reading.
    #[serde(default)]
    pub message: String,
    pub verdict: Verdict,
    /// Why the verdict: one line. Required for `true` and `accepted`.
    #[serde(default)]
    pub reason: String,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// What identifies a finding across runs.
pub type Key = (String, String, String, String, String);

impl Expected {
    pub fn key(&self) -> Key {
        (
            self.file.clone(),
            self.rule.clone(),
            self.text.clone(),
            self.before.clone(),
            self.after.clone(),
        )
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectFile {
    #[serde(default)]
    finding: Vec<Expected>,
}

/// The expectations of a corpus.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Expectations {
    pub findings: Vec<Expected>,
}

/// Per rule: how many expected findings were judged true and how many
/// accepted (false alarms), and how many wait for review.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub true_: usize,
    pub accepted: usize,
    pub unreviewed: usize,
}

impl Tally {
    pub fn total(&self) -> usize {
        self.true_ + self.accepted + self.unreviewed
    }

    /// True findings over judged findings, in percent; `None` with none judged.
    pub fn precision(&self) -> Option<f64> {
        let judged = self.true_ + self.accepted;
        (judged > 0).then(|| 100.0 * self.true_ as f64 / judged as f64)
    }

    /// The precision and how many findings were judged, as `rules` and
    /// `explain` show them; `None` with none judged.
    pub fn precision_of_judged(&self) -> Option<(f64, usize)> {
        self.precision().map(|p| (p, self.true_ + self.accepted))
    }
}

/// The difference between a run and its expectations.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Found now, not expected: (finding as it would be written, the run's column).
    pub new: Vec<(Expected, usize)>,
    /// Expected, not found now.
    pub gone: Vec<Expected>,
    /// Found and expected, but not judged yet.
    pub unreviewed: Vec<Expected>,
}

impl Comparison {
    pub fn passes(&self) -> bool {
        self.new.is_empty() && self.gone.is_empty() && self.unreviewed.is_empty()
    }
}

impl Expectations {
    /// Reads an expectation file; the error names the place.
    pub fn parse(text: &str) -> Result<Self, String> {
        let f: ExpectFile = toml::from_str(text).map_err(|e| e.to_string())?;
        for e in &f.finding {
            if e.verdict != Verdict::Unreviewed && e.reason.trim().is_empty() {
                return Err(format!(
                    "{}:{} {} {:?}: a `{}` verdict needs a one-line `reason`",
                    e.file,
                    e.line,
                    e.rule,
                    e.text,
                    e.verdict.as_str()
                ));
            }
        }
        Ok(Expectations {
            findings: f.finding,
        })
    }

    /// Per rule code, the verdicts of its expected findings.
    pub fn tally(&self) -> BTreeMap<String, Tally> {
        let mut out: BTreeMap<String, Tally> = BTreeMap::new();
        for e in &self.findings {
            let t = out.entry(e.rule.clone()).or_default();
            match e.verdict {
                Verdict::True => t.true_ += e.count,
                Verdict::Accepted => t.accepted += e.count,
                Verdict::Unreviewed => t.unreviewed += e.count,
            }
        }
        out
    }

    /// The findings of a run as they would be written: `name_of` gives a
    /// file's path relative to the checked folder.
    pub fn found(
        diagnostics: &[Diagnostic],
        sources: &[SourceFile],
        name_of: impl Fn(&SourceFile) -> String,
    ) -> Vec<(Expected, usize)> {
        let mut counted: BTreeMap<Key, (Expected, usize)> = BTreeMap::new();
        for d in diagnostics {
            let src = &sources[d.file];
            let e = baseline::entry(d, sources);
            let pos = src
                .lines
                .position(&src.text, d.span.start.min(src.text.len()));
            let x = Expected {
                file: name_of(src),
                line: pos.line,
                rule: e.code,
                text: e.text,
                before: e.before,
                after: e.after,
                count: 1,
                message: d.message.clone(),
                verdict: Verdict::Unreviewed,
                reason: String::new(),
            };
            counted
                .entry(x.key())
                .and_modify(|(old, _)| old.count += 1)
                .or_insert((x, pos.column));
        }
        counted.into_values().collect()
    }

    /// Compares a run's findings (from [`Expectations::found`]) with these.
    pub fn compare(&self, found: &[(Expected, usize)]) -> Comparison {
        let mut expected: BTreeMap<Key, &Expected> = BTreeMap::new();
        for e in &self.findings {
            expected.insert(e.key(), e);
        }
        let mut c = Comparison::default();
        let mut seen = std::collections::BTreeSet::new();
        for (f, column) in found {
            let key = f.key();
            match expected.get(&key) {
                Some(e) if e.count == f.count => {
                    if e.verdict == Verdict::Unreviewed {
                        c.unreviewed.push((*e).clone());
                    }
                }
                Some(e) if e.count > f.count => {
                    c.gone.push(Expected {
                        count: e.count - f.count,
                        ..(*e).clone()
                    });
                }
                Some(e) => c.new.push((
                    Expected {
                        count: f.count - e.count,
                        ..f.clone()
                    },
                    *column,
                )),
                None => c.new.push((f.clone(), *column)),
            }
            seen.insert(key);
        }
        for e in &self.findings {
            if !seen.contains(&e.key()) {
                c.gone.push(e.clone());
            }
        }
        c
    }

    /// The expectations after a run: the verdicts of findings still found
    /// are kept (with their line and message brought up to date), new ones
    /// are `unreviewed`, and those no longer found are dropped.
    pub fn updated(&self, found: &[(Expected, usize)]) -> Expectations {
        let mut by_key: BTreeMap<Key, &Expected> = BTreeMap::new();
        for e in &self.findings {
            by_key.insert(e.key(), e);
        }
        let mut findings: Vec<Expected> = found
            .iter()
            .map(|(f, _)| match by_key.get(&f.key()) {
                Some(e) => Expected {
                    line: f.line,
                    count: f.count,
                    message: f.message.clone(),
                    ..(*e).clone()
                },
                None => f.clone(),
            })
            .collect();
        sort(&mut findings);
        Expectations { findings }
    }

    /// The canonical text of the file.
    pub fn to_toml(&self) -> String {
        let mut findings = self.findings.clone();
        sort(&mut findings);
        let mut out = String::from(HEADER);
        for e in &findings {
            out.push_str("\n[[finding]]\n");
            out.push_str(&format!("file = {}\n", quoted(&e.file)));
            out.push_str(&format!("line = {}\n", e.line));
            out.push_str(&format!("rule = {}\n", quoted(&e.rule)));
            out.push_str(&format!("text = {}\n", quoted(&e.text)));
            out.push_str(&format!("before = {}\n", quoted(&e.before)));
            out.push_str(&format!("after = {}\n", quoted(&e.after)));
            if e.count != 1 {
                out.push_str(&format!("count = {}\n", e.count));
            }
            out.push_str(&format!("message = {}\n", quoted(&e.message)));
            out.push_str(&format!("verdict = {}\n", quoted(e.verdict.as_str())));
            out.push_str(&format!("reason = {}\n", quoted(&e.reason)));
        }
        out
    }
}

/// The project's reviewed expectations for `../shared/corpus` (28 政府工作
/// 报告, 1954–2025): the source of the precision `planlint rules` shows.
pub const CORPUS: &str = include_str!("../tests/corpus/expected.toml");

/// Per rule code, the verdicts of the corpus check (see [`CORPUS`]).
pub fn corpus_tally() -> BTreeMap<String, Tally> {
    Expectations::parse(CORPUS)
        .map(|x| x.tally())
        .unwrap_or_default()
}

/// How a rule did on the corpus check, for tables: `100 % of 5`, or `no
/// findings` for a rule silent there.
pub fn precision_text(tally: Option<&Tally>) -> String {
    match tally.and_then(Tally::precision_of_judged) {
        Some((p, n)) => format!("{p:.0} % of {n}"),
        None => "no findings".to_owned(),
    }
}

const HEADER: &str = "\
# Reviewed findings of `planlint snapshot` on a folder of real texts.
# Each finding: where it is (file, line), the rule, the flagged text and the
# characters around it (what identifies it), the message, and a verdict:
#   \"true\"       a real defect of the text (reason: which),
#   \"accepted\"   not a defect an editor would fix (reason: why it is
#                reported anyway); counts against the rule's precision,
#   \"unreviewed\" written by --update and not judged yet: fails the check.
";

fn sort(findings: &mut [Expected]) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, &a.rule, &a.text, &a.before)
            .cmp(&(&b.file, b.line, &b.rule, &b.text, &b.before))
    });
}

/// A TOML basic string, with control and invisible characters escaped so
/// the file shows what the text holds (a zero-width space as `\u200B`).
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || crate::cjk::is_invisible(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exp(file: &str, rule: &str, text: &str, verdict: Verdict) -> Expected {
        Expected {
            file: file.into(),
            line: 3,
            rule: rule.into(),
            text: text.into(),
            before: "前".into(),
            after: "后".into(),
            count: 1,
            message: "m".into(),
            verdict,
            reason: "r".into(),
        }
    }

    #[test]
    fn writes_what_it_reads() {
        let e = Expectations {
            findings: vec![
                exp("b.txt", "P103", "，，", Verdict::True),
                exp("a.txt", "T102", "\u{200B}", Verdict::Accepted),
            ],
        };
        let text = e.to_toml();
        assert!(text.contains("text = \"\\u200B\""), "{text}");
        let back = Expectations::parse(&text).unwrap();
        assert_eq!(back.findings[0].file, "a.txt");
        assert_eq!(back.to_toml(), text);
    }

    #[test]
    fn compares_by_key_and_count() {
        let e = Expectations {
            findings: vec![
                exp("a.txt", "P103", "，，", Verdict::True),
                exp("a.txt", "W202", "是是", Verdict::Unreviewed),
            ],
        };
        let mut moved = exp("a.txt", "P103", "，，", Verdict::Unreviewed);
        moved.line = 99;
        let new = exp("a.txt", "N104", "五项", Verdict::Unreviewed);
        let c = e.compare(&[(moved, 1), (new, 1)]);
        assert_eq!(c.new.len(), 1);
        assert_eq!(c.new[0].0.rule, "N104");
        assert_eq!(c.gone.len(), 1);
        assert_eq!(c.gone[0].rule, "W202");
        assert!(c.unreviewed.is_empty());
        assert!(!c.passes());
        let tally = e.tally();
        assert_eq!(tally["P103"].precision(), Some(100.0));
        assert_eq!(tally["W202"].precision(), None);
    }

    #[test]
    fn the_corpus_expectations_are_read() {
        let x = Expectations::parse(CORPUS).unwrap();
        assert_eq!(
            x.to_toml(),
            CORPUS,
            "tests/corpus/expected.toml is canonical"
        );
        assert!(x.findings.iter().all(|f| f.verdict != Verdict::Unreviewed));
        assert_eq!(precision_text(None), "no findings");
    }

    #[test]
    fn a_verdict_needs_a_reason() {
        let text = "[[finding]]\nfile = \"a\"\nline = 1\nrule = \"P103\"\ntext = \"x\"\nverdict = \"true\"\n";
        assert!(Expectations::parse(text).unwrap_err().contains("reason"));
    }
}
