//! Table-driven tests of the number scanner, and a property test.

use std::sync::LazyLock;

use super::*;
use crate::lexicon::Lexicon;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::builtin().unwrap());

/// One token as `value@exp[~upper]|unit|bound|flagged text`, with `±` for
/// plus-minus.
fn describe(text: &str, t: &NumberToken, units: &UnitCatalog) -> String {
    let unit = match t.unit {
        NumUnit::None => "-".to_owned(),
        NumUnit::Percent => "%".to_owned(),
        NumUnit::Permille => "‰".to_owned(),
        NumUnit::Points => "pt".to_owned(),
        NumUnit::Times => "倍".to_owned(),
        NumUnit::Year => "year".to_owned(),
        NumUnit::Unit { num, den } => match den {
            Some(d) => format!("{}/{}", units.units[num].name, units.units[d].name),
            None => units.units[num].name.clone(),
        },
    };
    let upper = t.upper.map(|u| format!("~{u}")).unwrap_or_default();
    format!(
        "{}{}@{}{}|{}|{:?}|{}",
        if t.plus_minus { "±" } else { "" },
        t.value,
        t.value.exp,
        upper,
        unit,
        t.bound,
        &text[t.start..t.end]
    )
}

fn scan(text: &str) -> Vec<String> {
    let lexicon = &*LEXICON;
    Scanner::new(&lexicon.units)
        .scan(text)
        .iter()
        .map(|t| describe(text, t, &lexicon.units))
        .collect()
}

#[test]
fn table() {
    let cases: &[(&str, &[&str])] = &[
        // Plain Arabic numbers, decimals, full-width digits, separators.
        ("达到12个", &["12@0|个|Exact|12个"]),
        ("比重为0.5", &["0.5@-1|-|Exact|0.5"]),
        ("收入38018.73元", &["38018.73@-2|元|Exact|38018.73元"]),
        ("收入38,018.73元", &["38018.73@-2|元|Exact|38,018.73元"]),
        ("投资1,234,567元", &["1234567@0|元|Exact|1,234,567元"]),
        ("１２３４５元", &["12345@0|元|Exact|１２３４５元"]),
        ("２．５万人", &["25000@3|人|Exact|２．５万人"]),
        ("共3，4个", &["3@0|-|Exact|3", "4@0|个|Exact|4个"]),
        ("数字1,23不是分组", &["1@0|-|Exact|1", "23@0|-|Exact|23"]),
        ("第3.句。", &["3@0|-|Exact|3"]),
        // Magnitudes compose with units.
        ("总面积6.1万平方公里", &["61000@3|平方公里|Exact|6.1万平方公里"]),
        ("总人口达到1050.53万人", &["10505300@2|人|Exact|1050.53万人"]),
        ("生产总值4156.7亿元", &["415670000000@7|元|Exact|4156.7亿元"]),
        ("生产总值 2291.4 亿元", &["229140000000@7|元|Exact|2291.4 亿元"]),
        ("总面积 24.78 万平方公里", &["247800@2|平方公里|Exact|24.78 万平方公里"]),
        ("装机300万千瓦", &["3000000@4|千瓦|Exact|300万千瓦"]),
        ("产能500万吨/年", &["5000000@4|吨/年|Exact|500万吨/年"]),
        ("投资1.2万亿元", &["1200000000000@11|元|Exact|1.2万亿元"]),
        ("3千万元", &["30000000@7|元|Exact|3千万元"]),
        ("新增30万", &["300000@4|-|Exact|30万"]),
        ("3.5万", &["35000@3|-|Exact|3.5万"]),
        ("1.2亿", &["120000000@7|-|Exact|1.2亿"]),
        ("10万千瓦时", &["100000@4|千瓦时|Exact|10万千瓦时"]),
        ("5000万吨标准煤", &["50000000@4|吨标准煤|Exact|5000万吨标准煤"]),
        ("2000亩", &["2000@0|亩|Exact|2000亩"]),
        ("500公顷", &["500@0|公顷|Exact|500公顷"]),
        ("1000立方米", &["1000@0|立方米|Exact|1000立方米"]),
        ("2亿立方米", &["200000000@8|立方米|Exact|2亿立方米"]),
        // Units that begin like magnitudes.
        ("±800千伏", &["±800@0|千伏|Exact|±800千伏"]),
        ("±800 千伏", &["±800@0|千伏|Exact|±800 千伏"]),
        ("750千伏", &["750@0|千伏|Exact|750千伏"]),
        ("5千米", &["5@0|公里|Exact|5千米"]),
        ("全长120公里", &["120@0|公里|Exact|120公里"]),
        ("1000米", &["1000@0|米|Exact|1000米"]),
        // ASCII units and codes.
        ("300 MW", &["300@0|兆瓦|Exact|300 MW"]),
        ("300MW", &["300@0|兆瓦|Exact|300MW"]),
        ("110kV", &["110@0|千伏|Exact|110kV"]),
        ("12 km", &["12@0|公里|Exact|12 km"]),
        ("建设5G基站", &[]),
        ("4G/5G网络", &[]),
        ("G30连霍高速", &[]),
        ("G312线", &[]),
        ("S32省道", &[]),
        ("PM2.5浓度", &[]),
        ("C919大飞机", &[]),
        ("3D打印", &[]),
        ("GB/T 15834", &["15834@0|-|Exact|15834"]),
        // Percentages and their kin.
        ("41.09%", &["41.09@-2|%|Exact|41.09%"]),
        ("41.09％", &["41.09@-2|%|Exact|41.09％"]),
        ("增长 29.1%", &["29.1@-1|%|Exact|29.1%"]),
        ("增长 29.1 %", &["29.1@-1|%|Exact|29.1 %"]),
        ("百分之三十", &["30@0|%|Exact|百分之三十"]),
        ("百分之二十五", &["25@0|%|Exact|百分之二十五"]),
        ("百分之5", &["5@0|%|Exact|百分之5"]),
        ("5‰", &["5@0|‰|Exact|5‰"]),
        ("提高3.5个百分点", &["3.5@-1|pt|Exact|3.5个百分点"]),
        ("是“十二五”末的1.3倍", &["1.3@-1|倍|Exact|1.3倍"]),
        // Bounds.
        ("年均增长6.5%以上", &["6.5@-1|%|AtLeast|6.5%"]),
        ("提高至10%左右", &["10@0|%|About|10%"]),
        ("约占全省的25.4%", &["25.4@-1|%|Exact|25.4%"]),
        ("约25.4%", &["25.4@-1|%|About|25.4%"]),
        ("近 30 万人", &["300000@4|人|About|30 万人"]),
        ("近30万人", &["300000@4|人|About|30万人"]),
        ("科研机构 1200 多家", &["1200@0|个|MoreThan|1200 多家"]),
        ("10余个", &["10@0|个|MoreThan|10余个"]),
        ("超过100亿元", &["10000000000@8|元|MoreThan|100亿元"]),
        ("不低于90%", &["90@0|%|AtLeast|90%"]),
        ("不少于5个", &["5@0|个|AtLeast|5个"]),
        ("不超过3%", &["3@0|%|AtMost|3%"]),
        ("不高于3%", &["3@0|%|AtMost|3%"]),
        ("控制在5%以内", &["5@0|%|AtMost|5%"]),
        ("3%以下", &["3@0|%|AtMost|3%"]),
        ("逾千亿", &[]),
        ("突破1000亿元", &["100000000000@8|元|MoreThan|1000亿元"]),
        ("低于全国平均水平5个百分点", &["5@0|pt|Exact|5个百分点"]),
        ("不足1%", &["1@0|%|LessThan|1%"]),
        // Years, year ranges and durations.
        ("2020年末", &["2020@0|year|Exact|2020年"]),
        ("2020 年末", &["2020@0|year|Exact|2020 年"]),
        ("到2025年", &["2025@0|year|Exact|2025年"]),
        ("二〇三五年远景目标", &["2035@0|year|Exact|二〇三五年"]),
        ("二○三五年", &[]),
        ("规划期为2021—2025年", &["2021@0~2025|year|Exact|2021—2025年"]),
        ("规划期为 2021—2025 年", &["2021@0~2025|year|Exact|2021—2025 年"]),
        ("第一阶段（2021—2022年）", &["2021@0~2022|year|Exact|2021—2022年"]),
        ("2021-2025年", &["2021@0~2025|year|Exact|2021-2025年"]),
        ("2021年至2025年", &["2021@0~2025|year|Exact|2021年至2025年"]),
        ("用5年时间", &["5@0|年|Exact|5年"]),
        ("3个月", &["3@0|个月|Exact|3个月"]),
        ("15 分钟生活圈", &["15@0|分钟|Exact|15 分钟"]),
        ("75.5岁", &["75.5@-1|岁|Exact|75.5岁"]),
        // Ranges of values.
        ("10%～20%", &["10@0~20|%|Exact|10%～20%"]),
        ("10～20%", &["10@0~20|%|Exact|10～20%"]),
        ("100—300", &["100@0~300|-|Exact|100—300"]),
        ("5—10万人", &["50000@4~100000|人|Exact|5—10万人"]),
        ("50—100", &["50@0~100|-|Exact|50—100"]),
        ("提高到60%", &["60@0|%|Exact|60%"]),
        // Per-unit forms.
        ("人口密度达到每平方米 125 人", &["125@0|人/平方米|Exact|每平方米 125 人"]),
        ("每平方公里125人", &["125@0|人/平方公里|Exact|每平方公里125人"]),
        ("172人/平方公里", &["172@0|人/平方公里|Exact|172人/平方公里"]),
        ("每人5000元", &["5000@0|元/人|Exact|每人5000元"]),
        ("8000元/人", &["8000@0|元/人|Exact|8000元/人"]),
        // Chinese numerals: only with a magnitude.
        ("三十万人", &["300000@4|人|Exact|三十万人"]),
        ("两千亿元", &["200000000000@8|元|Exact|两千亿元"]),
        ("五十万千瓦", &["500000@4|千瓦|Exact|五十万千瓦"]),
        ("三个方面", &[]),
        ("三大流域", &[]),
        ("第三阶段", &[]),
        ("一体化", &[]),
        ("“十四五”", &[]),
        ("四个全面", &[]),
        ("一年一度", &[]),
        ("第十四个五年规划", &[]),
        // Several in one sentence.
        (
            "总面积6.1万平方公里，2020年末总人口达到1050.53万人，地区生产总值达到4156.7亿元，分别占全省的14.33%、41.09%和46.1%。",
            &[
                "61000@3|平方公里|Exact|6.1万平方公里",
                "2020@0|year|Exact|2020年",
                "10505300@2|人|Exact|1050.53万人",
                "415670000000@7|元|Exact|4156.7亿元",
                "14.33@-2|%|Exact|14.33%",
                "41.09@-2|%|Exact|41.09%",
                "46.1@-1|%|Exact|46.1%",
            ],
        ),
        (
            "三次产业结构比为17.90：29.86：52.24",
            &["17.90@-2|-|Exact|17.90", "29.86@-2|-|Exact|29.86", "52.24@-2|-|Exact|52.24"],
        ),
        ("比 2015 年增长 29.1%", &["2015@0|year|Exact|2015 年", "29.1@-1|%|Exact|29.1%"]),
        ("较2020年下降16%", &["2020@0|year|Exact|2020年", "16@0|%|Exact|16%"]),
        ("34 所，国家重点实验室 10 个", &["34@0|个|Exact|34 所", "10@0|个|Exact|10 个"]),
        ("“两院”院士 21 人", &["21@0|人|Exact|21 人"]),
        ("天水市区\t100—300\t1", &["100@0~300|-|Exact|100—300", "1@0|-|Exact|1"]),
        ("民航旅客吞吐量达到500万人次", &["5000000@4|人|Exact|500万人次"]),
        ("1000名", &["1000@0|人|Exact|1000名"]),
        ("3.", &["3@0|-|Exact|3"]),
        ("", &[]),
    ];
    assert!(cases.len() >= 100, "{} cases", cases.len());
    for (text, want) in cases {
        assert_eq!(scan(text), *want, "{text}");
    }
}

/// Writes n (< 10⁸) in Chinese numerals the way plans do: 三千零二十万 is
/// not needed; values below 10⁴ with a 万 are enough for the scanner.
fn chinese_small(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return "零".into();
    }
    let mut s = String::new();
    let places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut zero = false;
    let mut started = false;
    for (p, name) in places {
        let d = (n / p) % 10;
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        if !(p == 10 && d == 1 && !started) {
            s.push_str(D[d as usize]);
        }
        s.push_str(name);
        started = true;
    }
    s
}

proptest::proptest! {
    #[test]
    fn arabic_numbers_read_back(int in 0u64..10_000_000_000, frac in 0u32..10_000, decimals in 0usize..5) {
        let frac_str = format!("{frac:04}");
        let printed = if decimals == 0 { int.to_string() } else { format!("{int}.{}", &frac_str[..decimals]) };
        let text = format!("达到{printed}万元，");
        let lexicon = &*LEXICON;
        let toks = Scanner::new(&lexicon.units).scan(&text);
        proptest::prop_assert_eq!(toks.len(), 1);
        let want = Decimal::parse(&printed).unwrap().shift(4);
        proptest::prop_assert!(toks[0].value.same_value(want));
        proptest::prop_assert_eq!(toks[0].value.exp, want.exp);
        proptest::prop_assert_eq!(&text[toks[0].start..toks[0].end], format!("{printed}万元"));
    }

    #[test]
    fn chinese_numerals_read_back(n in 1u32..10_000) {
        let text = format!("新增{}万人。", chinese_small(n));
        let lexicon = &*LEXICON;
        let toks = Scanner::new(&lexicon.units).scan(&text);
        proptest::prop_assert_eq!(toks.len(), 1, "{}", text);
        proptest::prop_assert!(toks[0].value.same_value(Decimal::integer(i128::from(n) * 10_000)), "{}", text);
    }

    #[test]
    fn scanning_never_panics_and_spans_are_boundaries(s in "[0-9０-９.．,，%％万亿千百十一二两三四五六七八九〇零年月日人元公里平方每／/—～~ \\-a-zA-Z±约近左右以上多余]{0,40}") {
        let lexicon = &*LEXICON;
        for t in Scanner::new(&lexicon.units).scan(&s) {
            proptest::prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end);
        }
    }
}

#[test]
fn the_start_bitmap_is_the_start_test() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        assert_eq!(
            can_start(c),
            ascii_digit(c).is_some() || is_numeral_char(c),
            "{c:?}"
        );
    }
}
