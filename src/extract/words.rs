//! Word boundaries from jieba-rs, for rules that need words: a typo pair
//! must not fire inside a longer correct word (即有 in 立即有效), a doubled
//! character is a slip only where it is not a word (主城区区, not 饮用水水源),
//! names are compared as words.
//!
//! jieba builds its dictionary once per process (about 130 ms in a release
//! build), and only when a rule first asks: a file with no candidate never
//! pays for it. Only the sentence around a candidate is segmented.

use std::sync::OnceLock;

use jieba_rs::Jieba;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

/// Byte ranges of the words of `text`.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut at = 0;
    jieba()
        .cut(text, true)
        .into_iter()
        .map(|w| {
            let r = (at, at + w.len());
            at += w.len();
            r
        })
        .collect()
}

/// Whether `at` is a word boundary of `text` (the start or end of a word).
pub fn is_boundary(words: &[(usize, usize)], at: usize) -> bool {
    words.binary_search_by_key(&at, |w| w.0).is_ok() || words.last().is_some_and(|w| w.1 == at)
}

/// Whether a word is in jieba's dictionary.
pub fn is_word(word: &str) -> bool {
    jieba().has_word(word)
}

/// jieba's dictionary frequency of a word (1 for unknown words): how common
/// it is in general Chinese text.
pub fn frequency(word: &str) -> usize {
    jieba().suggest_freq(word)
}

/// The sentence of `text` around byte range `a..b`: from the previous
/// sentence end to the next, at most `limit` bytes either side.
pub fn sentence_around(text: &str, a: usize, b: usize, limit: usize) -> (usize, usize) {
    let ends = ['。', '！', '？', '；', '\n'];
    let start = crate::cjk::ceil_boundary(text, a.saturating_sub(limit));
    let start = text[start..a].rfind(ends).map_or(start, |i| {
        start + i + text[start + i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = crate::cjk::floor_boundary(text, b + limit);
    let end = text[b..end].find(ends).map_or(end, |i| b + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let t = "立即有效";
        let w = words(t);
        let at = t.find("即有").unwrap();
        assert!(!is_boundary(&w, at), "{w:?}");
        let t = "生态综合补尝试点工作";
        let w = words(t);
        assert!(is_boundary(&w, t.find("补尝").unwrap()), "{w:?}");
        assert!(is_word("补偿") && !is_word("补尝"));
    }
}
