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
    dictionary_fst(&dict);
    character_counts(&dict);
    stroke_neighbours();
    context_counts();
}

/// The context model's counts (`rules/lm/`, src/lexicon/lm.rs): the
/// character bigrams as a double-array trie from the two characters to
/// their count,
/// the unigrams as sorted 8-byte entries (character, count; little-endian
/// u32s).
fn context_counts() {
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let read = |path: &str| {
        println!("cargo::rerun-if-changed={path}");
        std::fs::read_to_string(path).unwrap_or_else(|_| panic!("{path} is readable"))
    };
    let rows = |text: &str| -> Vec<(String, u64)> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| {
                let (k, v) = l.split_once('\t').expect("key<TAB>count");
                (k.to_owned(), v.parse().expect("a count"))
            })
            .collect()
    };
    let mut bigrams = rows(&read("rules/lm/zhwiki_char_bigram.tsv"));
    bigrams.sort_unstable();
    bigrams.dedup_by(|a, b| a.0 == b.0);
    let keyset: Vec<(&[u8], u32)> = bigrams
        .iter()
        .map(|(k, v)| {
            assert_eq!(
                k.chars().count(),
                2,
                "rules/lm/zhwiki_char_bigram.tsv: {k:?}"
            );
            (
                k.as_bytes(),
                u32::try_from(*v).unwrap_or(u32::MAX).min((1 << 31) - 1),
            )
        })
        .collect();
    let bytes = yada::builder::DoubleArrayBuilder::build(&keyset).expect("the trie is built");
    std::fs::write(
        std::path::Path::new(&out_dir).join("char_bigrams.da"),
        bytes,
    )
    .unwrap();
    let mut unigrams: Vec<(char, u64)> = rows(&read("rules/lm/zhwiki_char_unigram.tsv"))
        .into_iter()
        .map(|(k, v)| (k.chars().next().expect("a character"), v))
        .collect();
    unigrams.sort_unstable();
    let mut out = Vec::with_capacity(unigrams.len() * 8);
    for (c, n) in unigrams {
        out.extend_from_slice(&u32::from(c).to_le_bytes());
        out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
    std::fs::write(
        std::path::Path::new(&out_dir).join("char_unigrams.bin"),
        out,
    )
    .unwrap();
}

/// Pairs of characters whose stroke sequences (`rules/confusion/strokes.txt`)
/// differ by one stroke — one added, dropped or changed (木 hspn, 术
/// hspnn, 本 hspnh) — both of at least `MIN_STROKES`: the look-alike
/// candidates of the typo model beside the curated groups. Sorted 8-byte
/// entries (character, neighbour; little-endian u32s), each pair both ways.
fn stroke_neighbours() {
    const MIN_STROKES: usize = 3;
    let path = "rules/confusion/strokes.txt";
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).expect("rules/confusion/strokes.txt is readable");
    let mut chars: Vec<(char, &str)> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (c, strokes) = line.split_once('\t').expect("character<TAB>strokes");
        let mut cs = c.chars();
        let (Some(c), None) = (cs.next(), cs.next()) else {
            panic!("{path}: {c:?} is not one character");
        };
        if strokes.len() >= MIN_STROKES {
            chars.push((c, strokes));
        }
    }
    let mut exact: std::collections::HashMap<&str, Vec<char>> = std::collections::HashMap::new();
    let mut changed: std::collections::HashMap<String, Vec<char>> =
        std::collections::HashMap::new();
    for &(c, s) in &chars {
        exact.entry(s).or_default().push(c);
        for i in 0..s.len() {
            changed
                .entry(format!("{}*{}", &s[..i], &s[i + 1..]))
                .or_default()
                .push(c);
        }
    }
    let mut pairs: Vec<(char, char)> = Vec::new();
    for group in changed.values() {
        for &a in group {
            for &b in group {
                if a != b {
                    pairs.push((a, b));
                }
            }
        }
    }
    for &(c, s) in &chars {
        for i in 0..s.len() {
            let shorter = format!("{}{}", &s[..i], &s[i + 1..]);
            for &d in exact.get(shorter.as_str()).into_iter().flatten() {
                pairs.push((c, d));
                pairs.push((d, c));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = Vec::with_capacity(pairs.len() * 8);
    for (a, b) in pairs {
        out.extend_from_slice(&u32::from(a).to_le_bytes());
        out.extend_from_slice(&u32::from(b).to_le_bytes());
    }
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("stroke_pairs.bin");
    std::fs::write(dest, out).unwrap();
}

/// How often each character is written in general text: the sum of the
/// frequencies of the dictionary words holding it, as sorted 8-byte entries
/// (character, count; little-endian u32s) for `lexicon::lm::char_count`.
fn character_counts(dict: &str) {
    let mut counts: std::collections::BTreeMap<char, u64> = std::collections::BTreeMap::new();
    for line in dict.lines() {
        let mut f = line.split(' ');
        let word = f.next().expect("a word a line");
        let freq: u64 = f.next().and_then(|x| x.parse().ok()).unwrap_or(0);
        for c in word.chars() {
            *counts.entry(c).or_default() += freq;
        }
    }
    let mut out = Vec::with_capacity(counts.len() * 8);
    for (c, n) in counts {
        out.extend_from_slice(&u32::from(c).to_le_bytes());
        out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("char_counts.bin");
    std::fs::write(dest, out).unwrap();
}

/// jieba's dictionary as a double-array trie from word to frequency
/// (`src/lexicon/lm.rs`): 5 MB of text become a trie the typo model reads
/// in place, with nothing built at run time.
fn dictionary_fst(dict: &str) {
    let mut entries: Vec<(&str, u64)> = dict
        .lines()
        .map(|line| {
            let mut f = line.split(' ');
            let word = f.next().expect("a word a line");
            let freq = f.next().and_then(|x| x.parse().ok()).unwrap_or(0);
            (word, freq)
        })
        .collect();
    entries.sort_unstable();
    entries.dedup_by(|a, b| a.0 == b.0);
    let keyset: Vec<(&[u8], u32)> = entries
        .iter()
        .map(|&(w, f)| {
            (
                w.as_bytes(),
                u32::try_from(f).unwrap_or(u32::MAX).min((1 << 31) - 1),
            )
        })
        .collect();
    let bytes = yada::builder::DoubleArrayBuilder::build(&keyset).expect("the trie is built");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("words.da");
    std::fs::write(dest, bytes).unwrap();
    // The first two characters of every word of two or more, as sorted
    // u64s (first << 32 | second): whether a candidate starts a word with
    // a neighbour is one binary search, not a walk of the transducer.
    let mut pairs: Vec<u64> = dict
        .lines()
        .filter_map(|line| {
            let mut cs = line.split(' ').next()?.chars();
            let (a, b) = (cs.next()?, cs.next()?);
            Some(u64::from(u32::from(a)) << 32 | u64::from(u32::from(b)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let out: Vec<u8> = pairs.iter().flat_map(|p| p.to_le_bytes()).collect();
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("word_starts.bin");
    std::fs::write(dest, out).unwrap();
    // The same pairs keyed by the second character (second << 32 | first).
    let mut by_second: Vec<u64> = pairs.iter().map(|p| p.rotate_right(32)).collect();
    by_second.sort_unstable();
    let out: Vec<u8> = by_second.iter().flat_map(|p| p.to_le_bytes()).collect();
    let dest =
        std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("word_starts_by_second.bin");
    std::fs::write(dest, out).unwrap();
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
