//! Names of national bodies that were renamed, merged or abolished
//! (`rules/bodies.toml`), with the date of each change and the body that
//! took over: what retired-name (W107) reads.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use super::{catalog_date, error_at, parse, DataError};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub name: String,
    #[serde(default)]
    pub short: Vec<String>,
    pub until: String,
    pub successor: String,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodiesFile {
    body: Vec<Spanned<Body>>,
}

/// A retired name written in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyHit {
    pub start: usize,
    pub end: usize,
    /// The body (an index into [`Bodies::bodies`]).
    pub body: usize,
}

#[derive(Debug)]
pub struct Bodies {
    pub bodies: Vec<Body>,
    /// The date each was retired, parsed.
    pub until: Vec<(u32, u32, u32)>,
    /// Every retired name and short form, and every successor's name: a
    /// successor that contains a retired name (住房和城乡建设部 holds
    /// 建设部) matches first, leftmost-longest, and is no hit.
    matcher: AhoCorasick,
    /// The body of each pattern; `None` for a successor's name.
    owner: Vec<Option<usize>>,
}

impl Bodies {
    pub fn load(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: BodiesFile = parse(file, text)?;
        let mut bodies = Vec::new();
        let mut until = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut owner = Vec::new();
        for (i, b) in raw.body.iter().enumerate() {
            let span = b.span();
            let b = b.get_ref();
            let bad = |m: String| error_at(file, text, span.clone(), m);
            let Some(date) = catalog_date(&b.until).filter(|_| b.until.len() == 10) else {
                return Err(bad(format!(
                    "`{}`: until `{}` is no YYYY-MM-DD date",
                    b.name, b.until
                )));
            };
            if b.source.trim().is_empty() {
                return Err(bad(format!("`{}` needs a source", b.name)));
            }
            if b.successor == b.name {
                return Err(bad(format!("`{}` succeeds itself", b.name)));
            }
            for name in std::iter::once(&b.name).chain(&b.short) {
                if patterns.contains(name) {
                    return Err(bad(format!("`{name}` is listed twice")));
                }
                patterns.push(name.clone());
                owner.push(Some(i));
            }
            until.push(date);
            bodies.push(b.clone());
        }
        for b in &bodies {
            if !patterns.contains(&b.successor) {
                patterns.push(b.successor.clone());
                owner.push(None);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| error_at(file, text, 0..0, e.to_string()))?;
        Ok(Bodies {
            bodies,
            until,
            matcher,
            owner,
        })
    }

    /// Retired names written in `text`, not inside a current name, nor
    /// followed by 门 (建设部门, 农业部门: departments) or 署 (部署).
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = BodyHit> + 'a {
        self.matcher.find_iter(text).filter_map(move |m| {
            let body = self.owner[m.pattern().as_usize()]?;
            let next = text[m.end()..].chars().next();
            if matches!(next, Some('门' | '署' | '分' | '位')) {
                return None;
            }
            Some(BodyHit {
                start: m.start(),
                end: m.end(),
                body,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_retired_names_only() {
        let b = Bodies::load("rules/bodies.toml", include_str!("../../rules/bodies.toml")).unwrap();
        let t = "环境保护部、住房和城乡建设部、建设部门、农业农村部、银保监会、国家发展改革委";
        let found: Vec<&str> = b.find(t).map(|h| &t[h.start..h.end]).collect();
        assert_eq!(found, ["环境保护部", "银保监会"]);
        let e = Bodies::load(
            "x.toml",
            "[[body]]\nname = \"甲\"\nuntil = \"2018\"\nsuccessor = \"乙\"\nsource = \"s\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("YYYY-MM-DD"), "{e}");
    }
}
