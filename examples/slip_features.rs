//! Dumps every candidate of the typo model (src/extract/slips.rs) with its
//! features, as TSV, for calibrating the score (rules/confusion/score.toml):
//! the ECSpell development split as one document (label 1 where the
//! candidate is the benchmark's correction), and the texts of
//! ../shared/corpus and ../shared/plans (label 0: edited, published text).
//!
//! cargo run --release --example slip_features > /tmp/slips.tsv
//!
//! The columns after `how` are the terms exactly as the rule computes them
//! (`extract::slips::terms`); `label` is 1 where the candidate is the
//! benchmark's correction, `slip_here` where the character is a slip.

use std::collections::HashMap;
use std::fmt::Write as _;

use planlint::extract::slips::{terms, Detector, DocCounts, QuoteSpans};
use planlint::lexicon::Lexicon;

/// Per sentence of the benchmark: the corrections, by byte offset.
type Truth = Vec<Option<HashMap<usize, char>>>;

fn main() {
    let lexicon = Lexicon::builtin().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = String::from(
        "src\tdoc\tsent\tat\twritten\twith\tcorrected\thow\tgain\tcontext\tother_tone\tnear_sound\tshape\tchar_ratio\tdoc_corrected\tdoc_written\tcorrected_len\tform_repeated\tquoted\tgeneral_written\tslip_here\tlabel\n",
    );
    // A file given on the command line is dumped alone (label 0).
    if let Some(path) = std::env::args().nth(1) {
        let t = std::fs::read_to_string(&path).unwrap();
        dump(&lexicon, &[(path, t, Truth::new())], &mut out);
        print!("{out}");
        return;
    }
    let bench =
        std::fs::read_to_string(root.join("../shared/benchmarks/ecspell/odw.train")).unwrap();
    let mut docs: Vec<(String, String, Truth)> = Vec::new();
    // ECSpell as one document, a sentence a line.
    let mut text = String::new();
    let mut truth = Vec::new();
    for line in bench.lines() {
        let mut f = line.split('\t');
        let (_, wrong, right) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
        let base = text.len();
        let mut m = HashMap::new();
        for ((i, w), r) in wrong.char_indices().zip(right.chars()) {
            if w != r {
                m.insert(base + i, r);
            }
        }
        truth.push(Some(m));
        text.push_str(wrong);
        text.push('\n');
    }
    docs.push(("ecspell".into(), text, truth));
    for dir in ["../shared/corpus", "../shared/plans"] {
        let mut names: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for p in names {
            let t = std::fs::read_to_string(&p).unwrap();
            docs.push((
                p.file_name().unwrap().to_string_lossy().into_owned(),
                t,
                Vec::new(),
            ));
        }
    }
    dump(&lexicon, &docs, &mut out);
    print!("{out}");
}

/// Writes a line per candidate of each document.
fn dump(lexicon: &Lexicon, docs: &[(String, String, Truth)], out: &mut String) {
    let mut d = Detector::default();
    for (name, text, truth) in docs {
        let src = if name == "ecspell" {
            "ecspell"
        } else {
            "texts"
        };
        let mut counts = DocCounts::new(text);
        let mut at = 0;
        for (k, line) in text.split_inclusive('\n').enumerate() {
            let truth_here = truth.get(k).and_then(|t| t.as_ref());
            let quotes = QuoteSpans::new(line);
            d.scan(line, lexicon, |s| {
                let t = terms(&s, line, quotes.contains(s.at), &mut counts);
                let right = truth_here.and_then(|m| m.get(&(at + s.at)));
                let _ = writeln!(
                    out,
                    "{src}\t{name}\t{k}\t{}\t{}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    at + s.at,
                    s.written,
                    s.with,
                    s.corrected,
                    s.how,
                    t.gain,
                    t.context,
                    t.other_tone,
                    t.near_sound,
                    t.shape,
                    t.char_ratio,
                    t.doc_corrected,
                    t.doc_written,
                    t.corrected_len,
                    t.form_repeated,
                    t.quoted,
                    t.general_written,
                    u8::from(right.is_some()),
                    u8::from(right == Some(&s.with)),
                );
            });
            at += line.len();
        }
    }
}
