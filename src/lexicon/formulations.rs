//! The detection index over the formulations catalog
//! (`rules/formulas.toml`), built once per process on first use: what the
//! formulation rule (W106) looks up in each text.
//!
//! - **Near misses.** Every form (text, variant, alias) of four characters
//!   or more is cut in two halves; a window one character off a form
//!   matches one of its halves exactly, so an automaton over the halves
//!   finds every candidate in one pass, and each is verified by comparing
//!   the window with the form.
//! - **Order.** Each ordered formula's parts (or characters, for a text of
//!   three) with two of them swapped: 管放服 for 放管服.
//! - **Heads.** A formula followed by another formula's head word:
//!   五位一体 + 战略布局.
//! - **Members.** Every wording of every member of an ordered formula, for
//!   reading enumerations.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};

use super::formulas::Formulas;

/// The kinds whose forms are held to every near miss. Places (三峡),
/// organisations and other phrases are names, often abbreviated: they are
/// held only to a numeral written as another word of the same value
/// (二个中国 for 两个中国).
const NEAR_KINDS: &[&str] = &["formulation", "principle", "slogan", "policy", "campaign"];

/// The fewest characters a form needs for a near-miss reading: a form of
/// three is one character from too many ordinary phrases.
pub const NEAR_MIN_CHARS: usize = 4;

/// A form held to near misses.
#[derive(Debug)]
pub struct Form {
    pub text: String,
    pub chars: Vec<char>,
    /// The formula it belongs to (an index into `Formulas::formulas`).
    pub formula: usize,
    /// Characters in its left half.
    left: usize,
    /// Held to every near miss, not only to numerals of the same value.
    pub strict: bool,
}

/// A window of a text one character off a form.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// Byte range of the window in the text searched.
    pub start: usize,
    pub end: usize,
    /// The form (an index into [`FormulaIndex::forms`]).
    pub form: usize,
    /// Byte offset of the differing character in the text.
    pub at: usize,
    /// Its position in the form, in characters.
    pub position: usize,
    pub written: char,
    pub expected: char,
}

/// A formula with two of its ordered parts swapped.
#[derive(Debug)]
pub struct Swap {
    pub formula: usize,
    pub written: String,
}

/// A formula followed by the head word of another.
#[derive(Debug)]
pub struct HeadSlip {
    pub formula: usize,
    /// The formula whose head was written.
    pub other: usize,
    /// Bytes of the pattern before the head (the formula and a closing
    /// quote).
    pub name_len: usize,
    pub wrong: String,
    pub right: String,
}

/// A wording of a member of an ordered formula.
#[derive(Debug, Clone, Copy)]
pub struct MemberRef {
    pub formula: usize,
    /// Its place in the formula's members.
    pub slot: usize,
}

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Role {
    /// The left (false) or right (true) half of a form.
    Half(usize, bool),
    /// A written form of a formula.
    Exact(usize),
    Swap(usize),
    Head(usize),
    Member(MemberRef),
}

/// What one pass over a text unit finds.
#[derive(Debug, Default)]
pub struct Scan {
    pub near_misses: Vec<NearMiss>,
    /// Catalogued forms written: (start, end, formula), overlapping.
    pub exact: Vec<(usize, usize, usize)>,
    /// Ordered formulas with two parts swapped: (start, end, swap).
    pub swaps: Vec<(usize, usize, usize)>,
    /// Formulas followed by another's head: (start of the head, end, slip).
    pub heads: Vec<(usize, usize, usize)>,
    /// Members of ordered formulas: (start, end, member), overlapping.
    pub members: Vec<(usize, usize, MemberRef)>,
}

#[derive(Debug)]
pub struct FormulaIndex {
    pub forms: Vec<Form>,
    pub swap_list: Vec<Swap>,
    pub head_list: Vec<HeadSlip>,
    /// Every pattern of every role, once: one overlapping pass per text
    /// unit finds them all (callgrind, seed ×10, 2026-12-07: five automata,
    /// one per role, cost W106 a quarter of the whole run).
    all: AhoCorasick,
    roles: Vec<Vec<Role>>,
    /// The written forms alone, to tell whether a window is one.
    exact: AhoCorasick,
}

impl FormulaIndex {
    pub fn build(catalog: &Formulas) -> Self {
        let formulas = &catalog.formulas;
        // Every written form, for exact matches (a neighbour formulation,
        // or the right form written elsewhere).
        let mut exact_forms = Vec::new();
        for (i, f) in formulas.iter().enumerate() {
            for form in std::iter::once(&f.text)
                .chain(&f.variants)
                .chain(&f.aliases)
            {
                exact_forms.push((form.clone(), i));
            }
        }
        let known: HashSet<&str> = exact_forms.iter().map(|f| f.0.as_str()).collect();

        let mut forms = Vec::new();
        let mut halves = Vec::new();
        let mut half_owner = Vec::new();
        let mut seen = HashSet::new();
        for (i, f) in formulas.iter().enumerate() {
            let strict = NEAR_KINDS.contains(&f.kind.as_str());
            for text in std::iter::once(&f.text)
                .chain(&f.variants)
                .chain(&f.aliases)
            {
                let chars: Vec<char> = text.chars().collect();
                if chars.len() < NEAR_MIN_CHARS || !seen.insert(text.clone()) {
                    continue;
                }
                let left = chars.len() / 2;
                let k = forms.len();
                halves.push(chars[..left].iter().collect::<String>());
                half_owner.push((k, false));
                halves.push(chars[left..].iter().collect::<String>());
                half_owner.push((k, true));
                forms.push(Form {
                    text: text.clone(),
                    chars,
                    formula: i,
                    left,
                    strict,
                });
            }
        }

        let mut swap_list = Vec::new();
        for (i, f) in formulas.iter().enumerate().filter(|(_, f)| f.ordered) {
            let Some(units) = f.order_units() else {
                continue;
            };
            for a in 0..units.len() {
                for b in a + 1..units.len() {
                    let mut u = units.clone();
                    u.swap(a, b);
                    let written = u.concat();
                    if written != f.text && !known.contains(written.as_str()) {
                        swap_list.push(Swap {
                            formula: i,
                            written,
                        });
                    }
                }
            }
        }

        let mut head_list = Vec::new();
        let mut head_patterns = Vec::new();
        for (i, f) in formulas
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.heads.is_empty())
        {
            for (j, g) in formulas.iter().enumerate() {
                for wrong in g.heads.iter().filter(|h| i != j && !f.heads.contains(h)) {
                    for name in std::iter::once(&f.text).chain(&f.variants) {
                        for close in ["", "”"] {
                            head_patterns.push(format!("{name}{close}{wrong}"));
                            head_list.push(HeadSlip {
                                formula: i,
                                other: j,
                                name_len: name.len() + close.len(),
                                wrong: wrong.clone(),
                                right: f.heads[0].clone(),
                            });
                        }
                    }
                }
            }
        }

        let mut member_patterns = Vec::new();
        let mut member_owner = Vec::new();
        for (i, f) in formulas.iter().enumerate().filter(|(_, f)| f.ordered) {
            for (slot, m) in f.members.iter().enumerate() {
                let other = f.member_forms.get(m).into_iter().flatten();
                for form in std::iter::once(m).chain(other) {
                    member_patterns.push(form.clone());
                    member_owner.push(MemberRef { formula: i, slot });
                }
            }
        }

        let mut patterns: Vec<String> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut add = |p: &str, role: Role| {
            let k = *at.entry(p.to_owned()).or_insert_with(|| {
                patterns.push(p.to_owned());
                roles.push(Vec::new());
                patterns.len() - 1
            });
            roles[k].push(role);
        };
        for (p, &(k, right)) in halves.iter().zip(&half_owner) {
            add(p, Role::Half(k, right));
        }
        for (p, f) in &exact_forms {
            add(p, Role::Exact(*f));
        }
        for (i, sw) in swap_list.iter().enumerate() {
            add(&sw.written, Role::Swap(i));
        }
        for (i, p) in head_patterns.iter().enumerate() {
            add(p, Role::Head(i));
        }
        for (p, m) in member_patterns.iter().zip(&member_owner) {
            add(p, Role::Member(*m));
        }
        let build = |ps: Vec<&String>| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(ps)
                .expect("catalog forms are short literal strings")
        };
        FormulaIndex {
            all: build(patterns.iter().collect()),
            roles,
            exact: build(exact_forms.iter().map(|f| &f.0).collect()),
            forms,
            swap_list,
            head_list,
        }
    }

    /// Everything the rule reads in `text`, in one pass.
    pub fn scan(&self, text: &str) -> Scan {
        let mut scan = Scan::default();
        for m in self.all.find_overlapping_iter(text) {
            for &role in &self.roles[m.pattern().as_usize()] {
                match role {
                    Role::Half(k, right) => {
                        if let Some(miss) = self.verify(text, k, right, m.start()) {
                            let formula = self.forms[miss.form].formula;
                            let dup = scan.near_misses.iter().any(|o| {
                                o.start == miss.start && self.forms[o.form].formula == formula
                            });
                            if !dup {
                                scan.near_misses.push(miss);
                            }
                        }
                    }
                    Role::Exact(f) => scan.exact.push((m.start(), m.end(), f)),
                    Role::Swap(i) => scan.swaps.push((m.start(), m.end(), i)),
                    Role::Head(i) => {
                        let start = m.start() + self.head_list[i].name_len;
                        scan.heads.push((start, m.end(), i));
                    }
                    Role::Member(r) => scan.members.push((m.start(), m.end(), r)),
                }
            }
        }
        scan.near_misses.sort_by_key(|m| (m.start, m.form));
        scan
    }

    /// The window a half found at `at` belongs to, if it is one character
    /// off the form and no catalogued form itself.
    fn verify(&self, text: &str, k: usize, right: bool, at: usize) -> Option<NearMiss> {
        let form = &self.forms[k];
        let start = if right {
            text[..at].char_indices().rev().nth(form.left - 1)?.0
        } else {
            at
        };
        let mut diff = None;
        let mut end = start;
        let mut n = 0;
        for (c, &want) in text[start..].chars().zip(&form.chars) {
            if c != want {
                if diff.is_some() {
                    return None;
                }
                diff = Some((n, end, c));
            }
            end += c.len_utf8();
            n += 1;
        }
        let (position, at, written) = diff?;
        if n < form.chars.len() || self.is_form(&text[start..end]) {
            return None;
        }
        Some(NearMiss {
            start,
            end,
            form: k,
            at,
            position,
            written,
            expected: form.chars[position],
        })
    }

    /// Whether `text` is exactly a catalogued form.
    pub fn is_form(&self, text: &str) -> bool {
        self.exact
            .find_overlapping_iter(text)
            .any(|m| m.start() == 0 && m.end() == text.len())
    }

    /// Every catalogued form written in `text`: (start, end, formula).
    pub fn exact_matches(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.scan(text).exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn index() -> (Lexicon, FormulaIndex) {
        let lexicon = Lexicon::builtin().unwrap();
        let index = FormulaIndex::build(&lexicon.formulas);
        (lexicon, index)
    }

    #[test]
    fn near_misses_are_one_character_off() {
        let (lexicon, index) = index();
        let t = "实施创新推动发展战略，实现“二个一百年”奋斗目标，实施创新驱动发展战略。";
        let found: Vec<(String, char, char)> = index
            .scan(t)
            .near_misses
            .iter()
            .map(|m| {
                let f = &lexicon.formulas.formulas[index.forms[m.form].formula];
                (f.text.clone(), m.written, m.expected)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("创新驱动发展战略".to_owned(), '推', '驱'),
                ("两个一百年".to_owned(), '二', '两'),
            ]
        );
        // A neighbour formulation is no near miss of the other.
        assert!(index
            .scan("全面建设小康社会，全面建成小康社会")
            .near_misses
            .is_empty());
    }

    #[test]
    fn swaps_heads_and_members() {
        let (lexicon, index) = index();
        let name = |i: usize| lexicon.formulas.formulas[i].text.as_str();
        let scan = index.scan("深化管放服改革");
        let s: Vec<&str> = scan
            .swaps
            .iter()
            .map(|s| name(index.swap_list[s.2].formula))
            .collect();
        assert_eq!(s, ["放管服"]);
        let t = "统筹推进“五位一体”战略布局";
        let h: Vec<(&str, &str)> = index
            .scan(t)
            .heads
            .iter()
            .map(|&(a, b, i)| (&t[a..b], index.head_list[i].right.as_str()))
            .collect();
        assert_eq!(h, [("战略布局", "总体布局")]);
        assert!(index.scan("“五位一体”总体布局").heads.is_empty());
        let m: Vec<usize> = index
            .scan("创新、协调、绿色")
            .members
            .iter()
            .filter(|m| name(m.2.formula) == "五大发展理念")
            .map(|m| m.2.slot)
            .collect();
        assert_eq!(m, [0, 1, 2]);
    }
}
