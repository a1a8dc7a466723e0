//! Indexes the word-boundary dictionary (`rules/jieba/dict.txt`) by first
//! character at build time: for every character that starts a dictionary
//! word, the byte range of the lines whose word starts with it. The
//! dictionary is 5 MB of sorted text searched in place (src/lexicon/words.rs);
//! a binary search over the whole of it costs about 0.7 µs, over one
//! character's range a few lines. The character's own entry (frequency and
//! tag, when it is a word by itself) rides along: rules ask for single
//! characters by the thousand, and each answer read from the text would
//! touch another of its pages. Generated, not committed, so it can never
//! disagree with the dictionary.

use std::fmt::Write as _;

fn main() {
    let path = "rules/jieba/dict.txt";
    println!("cargo::rerun-if-changed={path}");
    let dict = std::fs::read_to_string(path).expect("rules/jieba/dict.txt is readable UTF-8");
    let mut out = String::from("&[\n");
    // (first character, start of its lines, its own frequency and tag)
    let mut current: Option<(char, usize, u32, &str)> = None;
    let mut at = 0;
    let flush = |out: &mut String, cur: Option<(char, usize, u32, &str)>, end: usize| {
        if let Some((c, lo, freq, tag)) = cur {
            writeln!(out, "({c:?}, {lo}, {end}, {freq}, {tag:?}),").unwrap();
        }
    };
    for line in dict.split_inclusive('\n') {
        let first = line.chars().next().expect("no empty dictionary line");
        if current.is_none_or(|cur| cur.0 != first) {
            assert!(
                current.is_none_or(|cur| cur.0 < first),
                "rules/jieba/dict.txt is sorted by first character"
            );
            flush(&mut out, current, at);
            current = Some((first, at, 0, ""));
        }
        let mut fields = line.split_whitespace();
        if fields.next().is_some_and(|w| w.chars().count() == 1) {
            let cur = current.as_mut().unwrap();
            cur.2 = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
            cur.3 = fields.next().unwrap_or("");
        }
        at += line.len();
    }
    flush(&mut out, current, at);
    out.push(']');
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("first_chars.rs");
    std::fs::write(dest, out).unwrap();
    rule_docs();
    general_words();
}

/// The rules' Chinese documentation, `rules/i18n/zh/<CODE>.md`, as a table
/// of (code, text) compiled in (src/i18n.rs); a test checks that every rule
/// has one and that its examples are the English ones.
fn rule_docs() {
    let dir = "rules/i18n/zh";
    println!("cargo::rerun-if-changed={dir}");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("rules/i18n/zh exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for path in files {
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let abs = std::fs::canonicalize(&path).unwrap();
        writeln!(
            out,
            "({code:?}, include_str!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_docs_zh.rs");
    std::fs::write(dest, out).unwrap();
}

/// `lexicon::general::COMMON`: a word at least this common (about three in
/// a million words) is in the tables of common words too.
const COMMON_CB: u16 = 550;

/// The general-usage frequencies of two-character words
/// (`rules/wordfreq/words2.txt`) as sorted tables of 10-byte entries
/// (first character, second character as little-endian u32, centibels as
/// u16): all of them by (first, second), for looking a word up; and the
/// common ones (`COMMON_CB`) by (first, second) and by (second, first), so
/// that the common words starting or ending with a character are one short
/// range (src/lexicon/general.rs).
fn general_words() {
    let path = "rules/wordfreq/words2.txt";
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).expect("rules/wordfreq/words2.txt is readable UTF-8");
    let mut entries: Vec<(char, char, u16)> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (word, cb) = line.split_once('\t').expect("word<TAB>centibels");
        let mut chars = word.chars();
        let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else {
            panic!("{path}: {word:?} is not two characters");
        };
        entries.push((a, b, cb.parse().expect("centibels are a number")));
    }
    let write = |name: &str, entries: &[(char, char, u16)]| {
        let mut out = Vec::with_capacity(entries.len() * 10);
        for &(a, b, cb) in entries {
            out.extend_from_slice(&u32::from(a).to_le_bytes());
            out.extend_from_slice(&u32::from(b).to_le_bytes());
            out.extend_from_slice(&cb.to_le_bytes());
        }
        let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join(name);
        std::fs::write(dest, out).unwrap();
    };
    entries.sort_unstable();
    write("general_by_first.bin", &entries);
    let common: Vec<(char, char, u16)> = entries
        .iter()
        .copied()
        .filter(|e| e.2 <= COMMON_CB)
        .collect();
    write("general_common_by_first.bin", &common);
    let mut by_second: Vec<(char, char, u16)> =
        common.iter().map(|&(a, b, cb)| (b, a, cb)).collect();
    by_second.sort_unstable();
    write("general_common_by_second.bin", &by_second);
}
