//! Traditional and variant characters, and conversion leftovers
//! (`rules/variants/variants.txt`): 國 for 国, 显着 for 显著, 关於 for 关于.
//!
//! A text is read once, character by character, against a bit set of every
//! character that is either wrong on its own or the first wrong character
//! of a phrase; only a set bit costs a lookup. The file is plain text, one
//! `wrong<TAB>right` pair a line under `[characters]` or `[phrases]`,
//! because it is generated from OpenCC's tables and a TOML array of five
//! thousand pairs would double its size for nothing.

use super::{data_lines, error_at, DataError};

/// One phrase that conversion gets wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub wrong: String,
    pub right: String,
    /// Bytes of `wrong` before its first wrong character.
    pub lead: usize,
    /// The first wrong character, by which phrases are looked up.
    key: char,
    /// Where its line is in the catalog, for a duplicate's error.
    line: std::ops::Range<usize>,
}

/// What a position of a text holds, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantHit<'a> {
    /// A character that is wrong wherever it stands in simplified text.
    Char { wrong: char, right: char },
    /// A phrase written with a character of the wrong script; `start` is
    /// where it begins in the text.
    Phrase { start: usize, phrase: &'a Phrase },
}

/// The catalog.
#[derive(Debug, Clone)]
pub struct Variants {
    /// One bit for every character of the Basic Multilingual Plane that
    /// starts a lookup.
    bits: Box<crate::cjk::CharSet>,
    /// Sorted by the wrong character. A sorted table rather than a hash
    /// map: it is built on every start, and sorting 3,000 pairs is cheaper
    /// than hashing them.
    chars: Vec<(char, char)>,
    /// Sorted by first wrong character, then longest first.
    phrases: Vec<Phrase>,
}

impl Variants {
    /// Reads the catalog; a malformed line is a [`DataError`] at that line.
    pub fn load(file: &str, text: &str) -> Result<Variants, DataError> {
        let mut v = Variants {
            bits: Box::default(),
            chars: Vec::new(),
            phrases: Vec::new(),
        };
        let mut section = None;
        let mut char_lines = Vec::new();
        for (span, body) in data_lines(text) {
            if body.starts_with('[') {
                section = match body {
                    "[characters]" => Some(true),
                    "[phrases]" => Some(false),
                    _ => {
                        return Err(error_at(
                            file,
                            text,
                            span,
                            format!("未知的节“{body}”，应为 [characters] 或 [phrases]"),
                        ))
                    }
                };
                continue;
            }
            let bad = |message: String| Err(error_at(file, text, span.clone(), message));
            let Some((wrong, right)) = body.split_once('\t') else {
                return bad("应为“错误写法<TAB>正确写法”".to_owned());
            };
            match section {
                None => return bad("条目前缺少 [characters] 或 [phrases]".to_owned()),
                Some(true) => {
                    let (mut w, mut r) = (wrong.chars(), right.chars());
                    let (Some(wc), None, Some(rc), None) = (w.next(), w.next(), r.next(), r.next())
                    else {
                        return bad(format!("[characters] 的条目应为单字：“{body}”"));
                    };
                    if wc == rc || u32::from(wc) > 0xFFFF {
                        return bad(format!("“{wc}”不是基本多文种平面内需要改写的字"));
                    }
                    v.chars.push((wc, rc));
                    char_lines.push(span.clone());
                    v.bits.insert(wc);
                }
                Some(false) => {
                    let first_wrong = wrong
                        .char_indices()
                        .zip(right.chars())
                        .find(|((_, w), r)| w != r);
                    let Some(((lead, c), _)) = first_wrong else {
                        return bad(format!("“{body}”两种写法相同"));
                    };
                    if wrong.chars().count() != right.chars().count() || u32::from(c) > 0xFFFF {
                        return bad(format!("“{body}”两种写法应逐字对应"));
                    }
                    v.phrases.push(Phrase {
                        wrong: wrong.to_owned(),
                        right: right.to_owned(),
                        lead,
                        key: c,
                        line: span.clone(),
                    });
                    v.bits.insert(c);
                }
            }
        }
        let mut order: Vec<usize> = (0..v.chars.len()).collect();
        order.sort_by_key(|&i| (v.chars[i].0, char_lines[i].start));
        if let Some(w) = order
            .windows(2)
            .find(|w| v.chars[w[0]].0 == v.chars[w[1]].0)
        {
            let c = v.chars[w[1]].0;
            return Err(error_at(
                file,
                text,
                char_lines[w[1]].clone(),
                format!("“{c}”重复"),
            ));
        }
        v.chars.sort_unstable();
        v.phrases.sort_by(|a, b| {
            (
                a.key,
                std::cmp::Reverse(a.wrong.len()),
                &a.wrong,
                a.line.start,
            )
                .cmp(&(
                    b.key,
                    std::cmp::Reverse(b.wrong.len()),
                    &b.wrong,
                    b.line.start,
                ))
        });
        if let Some(w) = v.phrases.windows(2).find(|w| w[0].wrong == w[1].wrong) {
            let message = format!("“{}”重复", w[1].wrong);
            return Err(error_at(file, text, w[1].line.clone(), message));
        }
        Ok(v)
    }

    /// The simplified form of a character that is wrong on its own.
    pub fn char(&self, c: char) -> Option<char> {
        let i = self.chars.binary_search_by_key(&c, |p| p.0).ok()?;
        Some(self.chars[i].1)
    }

    /// The phrases whose first wrong character is `c`, longest first.
    fn phrases_at(&self, c: char) -> &[Phrase] {
        let from = self.phrases.partition_point(|p| p.key < c);
        let to = from + self.phrases[from..].partition_point(|p| p.key == c);
        &self.phrases[from..to]
    }

    /// How many characters and phrases the catalog holds.
    pub fn len(&self) -> (usize, usize) {
        (self.chars.len(), self.phrases.len())
    }

    /// Every hit in `text`, in order, with its byte range. Phrases are
    /// tried before the character, longest first; a position is reported
    /// once.
    pub fn hits<'a, 't>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, VariantHit<'a>)> + 't
    where
        'a: 't,
    {
        text.char_indices().filter_map(move |(i, c)| {
            if !self.bits.contains(c) {
                return None;
            }
            for p in self.phrases_at(c) {
                let Some(start) = i.checked_sub(p.lead) else {
                    continue;
                };
                if text.is_char_boundary(start) && text[start..].starts_with(&p.wrong) {
                    return Some((i, VariantHit::Phrase { start, phrase: p }));
                }
            }
            let right = self.char(c)?;
            Some((i, VariantHit::Char { wrong: c, right }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "# test\n[characters]\n國\t国\n們\t们\n[phrases]\n显着\t显著\n关於\t关于\n";

    #[test]
    fn finds_characters_and_phrases() {
        let v = Variants::load("x.txt", SAMPLE).unwrap();
        assert_eq!(v.len(), (2, 2));
        let t = "我們取得显着成就，关於國家";
        let hits: Vec<_> = v.hits(t).collect();
        assert_eq!(hits.len(), 4, "{hits:?}");
        assert!(matches!(
            hits[0].1,
            VariantHit::Char {
                wrong: '們',
                right: '们'
            }
        ));
        match hits[1].1 {
            VariantHit::Phrase { start, phrase } => {
                assert_eq!(&t[start..hits[1].0], "显");
                assert_eq!(phrase.right, "显著");
            }
            other => panic!("{other:?}"),
        }
        assert!(v.hits("着手，於是").next().is_none());
    }

    #[test]
    fn malformed_lines_point_at_themselves() {
        for (text, line) in [
            ("[characters]\n國国\n", "國国"),
            ("[characters]\n國\t国\n國\t国\n", "國\t国"),
            ("國\t国\n", "國\t国"),
            ("[words]\n", "[words]"),
            ("[phrases]\n显着\t显着\n", "显着\t显着"),
            ("[phrases]\n显着\t显著的\n", "显着\t显著的"),
        ] {
            let e = Variants::load("x.txt", text).unwrap_err();
            assert_eq!(&text[e.span.unwrap().range()], line, "{}", e.message);
        }
    }
}
