//! China's administrative divisions (`rules/names/divisions.txt`): names,
//! codes and the stems texts use on their own (张掖 for 张掖市, 甘南 for
//! 甘南藏族自治州), indexed by a stem's first two characters.

use std::collections::HashMap;

use super::{data_lines, error_at, DataError};

/// One division.
#[derive(Debug, Clone)]
pub struct Division {
    pub code: u32,
    pub name: String,
    /// The name without its division word (市, 自治州 …) and nationality.
    pub stem: String,
}

/// The gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub divisions: Vec<Division>,
    /// Distinct stems of at least two characters, by their first two.
    by_start: HashMap<(char, char), Vec<u32>>,
    stems: Vec<String>,
    /// For each stem, what follows it in the full names of its divisions
    /// (市, 特别行政区, 维吾尔自治区).
    endings: Vec<Vec<String>>,
    /// A Bloom filter of those first two characters (see [`pair_bit`]).
    bloom: Vec<u64>,
    /// The stems' first characters, one bit per character of the Basic
    /// Multilingual Plane: most characters of a text start no stem, and
    /// this test is one load.
    first: Box<crate::cjk::CharSet>,
}

/// The bit of a pair of characters in a 65,536-bit Bloom filter: texts
/// test every pair they hold, and a bit test is cheaper than a map lookup.
pub fn pair_bit(a: char, b: char) -> usize {
    let k = (u64::from(u32::from(a)) << 21 | u64::from(u32::from(b)))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (k >> 48) as usize
}

/// The division words a name can end in, by its last character, longest
/// first.
fn suffixes(last: char) -> &'static [&'static str] {
    match last {
        '区' => &[
            "特别行政区",
            "自治区",
            "林区",
            "特区",
            "新区",
            "地区",
            "矿区",
            "区",
        ],
        '州' => &["自治州", "州"],
        '县' => &["自治县", "县"],
        '旗' => &["自治旗", "旗"],
        '省' => &["省"],
        '市' => &["市"],
        '盟' => &["盟"],
        _ => &[],
    }
}

/// The 56 nationalities, as autonomous divisions name them before 族.
const NATIONALITIES: &[&str] = &[
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
];

/// The stem of a division name: 张掖市 → 张掖, 甘南藏族自治州 → 甘南,
/// 浦东新区 → 浦东.
pub fn stem(name: &str) -> &str {
    let last = name.chars().next_back().unwrap_or('\0');
    let mut s = suffixes(last)
        .iter()
        .find_map(|suf| name.strip_suffix(suf).filter(|s| s.chars().count() >= 2))
        .unwrap_or(name);
    if s.ends_with('族') {
        // Cut before the first nationality followed by 族 that leaves two
        // characters (黔东南苗族侗族 → 黔东南).
        let cut = s
            .match_indices('族')
            .filter_map(|(j, _)| {
                NATIONALITIES
                    .iter()
                    .filter(|n| s[..j].ends_with(*n))
                    .map(|n| j - n.len())
                    .min()
            })
            .find(|&i| s[..i].chars().count() >= 2);
        if let Some(i) = cut {
            s = &s[..i];
        }
    }
    s
}

impl Gazetteer {
    /// Reads `code<TAB>name` lines; `#` starts a comment.
    pub fn load(file: &str, text: &str) -> Result<Gazetteer, DataError> {
        let mut g = Gazetteer {
            bloom: vec![0; 1024],
            divisions: Vec::with_capacity(4096),
            by_start: HashMap::with_capacity(4096),
            ..Gazetteer::default()
        };
        let mut last = 0;
        for (span, body) in data_lines(text) {
            let bad = |m: String| Err(error_at(file, text, span.clone(), m));
            let Some((code, name)) = body.split_once('\t') else {
                return bad("应为“代码<TAB>名称”".into());
            };
            let Some(code) = code
                .parse::<u32>()
                .ok()
                .filter(|c| (100_000..1_000_000).contains(c))
            else {
                return bad(format!("“{code}”不是六位行政区划代码"));
            };
            if code <= last {
                return bad(format!("代码 {code} 未按升序排列或重复"));
            }
            last = code;
            if name.is_empty() || !name.chars().all(crate::cjk::is_han) {
                return bad(format!("“{name}”不是汉字名称"));
            }
            let s = stem(name);
            g.divisions.push(Division {
                code,
                name: name.to_owned(),
                stem: s.to_owned(),
            });
            let mut cs = s.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                let list = g.by_start.entry((a, b)).or_default();
                let ending = name[s.len()..].to_owned();
                if let Some(&i) = list.iter().find(|&&i| g.stems[i as usize] == s) {
                    let endings = &mut g.endings[i as usize];
                    if !endings.contains(&ending) {
                        endings.push(ending);
                    }
                } else {
                    let i = g.stems.len() as u32;
                    g.stems.push(s.to_owned());
                    g.endings.push(vec![ending]);
                    list.push(i);
                    let bit = pair_bit(a, b);
                    g.bloom[bit / 64] |= 1 << (bit % 64);
                    g.first.insert(a);
                }
            }
        }
        Ok(g)
    }

    /// The stems starting with `a` `b`.
    pub fn stems_from(&self, a: char, b: char) -> impl Iterator<Item = &str> {
        self.by_start
            .get(&(a, b))
            .into_iter()
            .flatten()
            .map(|&i| self.stems[i as usize].as_str())
    }

    /// Whether `a` may start a stem (false: it starts none).
    pub fn may_start_with(&self, a: char) -> bool {
        self.first.contains(a)
    }

    /// Whether `a` `b` may start a stem (false: it starts none).
    pub fn may_start(&self, a: char, b: char) -> bool {
        let bit = pair_bit(a, b);
        self.bloom
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Whether `rest`, the text after the stem `s`, completes the full
    /// name of one of its divisions (香港 + 特别行政区, 新疆 + 维吾尔自治区).
    pub fn completes_name(&self, s: &str, rest: &str) -> bool {
        self.stem_index(s).is_some_and(|i| {
            self.endings[i]
                .iter()
                .any(|e| !e.is_empty() && rest.starts_with(e.as_str()))
        })
    }

    /// Whether `s` is the stem of some division.
    pub fn is_stem(&self, s: &str) -> bool {
        self.stem_index(s).is_some()
    }

    /// The index of stem `s` in `stems`, found among the stems that start
    /// with its first two characters.
    fn stem_index(&self, s: &str) -> Option<usize> {
        let mut cs = s.chars();
        let (a, b) = (cs.next()?, cs.next()?);
        self.by_start
            .get(&(a, b))?
            .iter()
            .map(|&i| i as usize)
            .find(|&i| self.stems[i] == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("张掖市"), "张掖");
        assert_eq!(stem("甘南藏族自治州"), "甘南");
        assert_eq!(stem("临夏回族自治州"), "临夏");
        assert_eq!(stem("黔东南苗族侗族自治州"), "黔东南");
        assert_eq!(stem("浦东新区"), "浦东");
        assert_eq!(stem("甘肃省"), "甘肃");
        assert_eq!(stem("香港特别行政区"), "香港");
        // A one-character stem keeps the name whole.
        assert_eq!(stem("沙县"), "沙县");
    }

    #[test]
    fn errors_point_at_the_line() {
        let e = Gazetteer::load("d.txt", "# x\n620700\t张掖市\n620700\t张掖市\n").unwrap_err();
        assert!(e.message.contains("升序"), "{e}");
        let e = Gazetteer::load("d.txt", "62070\t张掖市\n").unwrap_err();
        assert!(e.message.contains("六位"), "{e}");
        let g = Gazetteer::load("d.txt", "620700\t张掖市\n").unwrap();
        assert!(g.is_stem("张掖") && !g.is_stem("章掖"));
    }
}
