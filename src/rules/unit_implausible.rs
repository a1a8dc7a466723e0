//! N106 unit-implausible: a unit that cannot measure the figure, or a value
//! outside what the measure can plausibly be.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::decimal::format_fixed;
use crate::extract::quantity::{plan_period, scale_of};
use crate::extract::Kind;
use crate::lexicon::{
    dimension_family, MeasureDef, MeasureKind, Plausible, Scale, NO_DIMENSION, PERCENT,
};
use crate::source::Span;

pub struct UnitImplausible;

static META: RuleMeta = RuleMeta {
    code: "N106",
    name: "unit-implausible",
    category: Category::Quantities,
    summary: "A unit that cannot measure the figure (面积 in 万元), or a value far outside the measure's range",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Each figure whose measure is known (`rules/measures.toml`: 总面积, 人口,
人口密度, 地区生产总值 …) is checked against it:

- the unit's dimension must be the measure's: an area in 万元, a population
  in 万户 or a density per 平方公里 without people are errors;
- the value, converted to the measure's unit, must lie in its plausible range
  for any region from a county to the whole country: a population density of
  每平方米 125 人 is 1.25亿 people per 平方公里; a region's population in
  亿人 exceeds the country's.

Changes and growth rates (增长8%) are not levels and are not checked here.

## Why it matters
A unit slip (平方米 for 平方公里, 亿 for 万) changes a figure by orders of
magnitude; it survives proofreading because each character looks right.

## Example
```bad
本区域人口密度达到每平方米 125 人。
```

```good
本区域人口密度达到每平方公里 125 人。
```

## Fix safety
No fix: the right unit is a matter of fact.

## Options
Measures, their dimensions and plausible ranges are data in
`rules/measures.toml`.
"#,
};

/// A value in base units written in the range's own unit: "1.25亿人/平方公里".
fn in_unit(x: f64, p: &Plausible) -> String {
    let v = x / p.unit_factor;
    let (scaled, word) = if v.abs() >= 1e12 {
        (v / 1e12, "万亿")
    } else if v.abs() >= 1e8 {
        (v / 1e8, "亿")
    } else if v.abs() >= 1e4 {
        (v / 1e4, "万")
    } else {
        (v, "")
    };
    let decimals = if scaled.abs() >= 100.0 { 0 } else { 2 };
    let number = format_fixed(scaled, decimals);
    let number = if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        &number
    };
    format!("{number}{word}{}", p.unit)
}

/// How far outside its range a figure must lie to be reported: plan ranges
/// are drawn from a decade of statistics, and a five-year sum (五年累计) or a
/// region at the edge legitimately passes them; a slip of the magnitude word
/// (万 for 亿) or unit moves a figure by orders of magnitude.
const MARGIN: f64 = 10.0;

/// Words between a measure and a percentage that make the percentage a part
/// of the measure rather than its value: 财政收入的60%, 占GDP的5%.
const PART_OF: &[&str] = &["的", "占", "相当于"];

/// Words just before a measure's name that make it the whole of a ratio
/// (研发经费支出相当于全市生产总值比例达到4.5%), with a word after it
/// naming the ratio.
const RATIO_OF: &[&str] = &["占", "相当于"];
const RATIO_WORDS: &[&str] = &["比例", "比重", "之比", "占比"];

/// Words before a measure's name that make the figure an increment, not the
/// measure's level: 新增城际铁路运营里程3000公里, 累计建成高速公路.
const INCREMENT: &[&str] = &[
    "新增",
    "新建",
    "新开工",
    "净增",
    "累计",
    "增加",
    "新改建",
    "改扩建",
];

impl UnitImplausible {
    /// The level of the figure's region (全国, a province, a city) when the
    /// region's name shows it and the figure is of the years the ranges of
    /// each level are drawn from (2015 on: 全国进出口总额1201亿元 was right in
    /// 1984). The year is the figure's own, else the plan's period.
    fn scale(ctx: &Context<'_>, q: &crate::extract::Quantity) -> Option<Scale> {
        let year = q.year.or_else(|| {
            plan_period(
                ctx.document,
                &ctx.source.text,
                ctx.facts.quantities(),
                q.plan,
            )
            .map(|p| p.0)
        })?;
        if year < 2015 {
            return None;
        }
        q.subject.as_deref().and_then(scale_of)
    }

    fn check_dimension(
        ctx: &Context<'_>,
        sink: &mut Sink<'_>,
        q: &crate::extract::Quantity,
        measure: &MeasureDef,
        dimension: &str,
    ) {
        // 人均国内生产总值1000美元: another currency (or convention) of the
        // measure's kind; it cannot be converted to check the range.
        if dimension_family(dimension) == dimension_family(&measure.dimension) {
            return;
        }
        // A span of time (近3年年均增速, 6年来) is an adverbial, not a slip of
        // the measure's unit; a 分别 group's values (原煤、原油、天然气产量分别
        // 达到7000万吨、1280万吨、10亿立方米) belong to several subjects.
        if dimension == "time" || q.group.is_some() {
            return;
        }
        if let Some(ms) = q.measure_span.filter(|s| s.end <= q.span.start) {
            let gap = ctx.text(Span::new(ms.end, q.span.start));
            if dimension == PERCENT && PART_OF.iter().any(|w| gap.contains(w)) {
                return;
            }
            // 研发经费支出相当于全市生产总值比例达到4.5%: the measure is the
            // whole a ratio is taken of.
            let before = &ctx.source.text[..ms.start];
            let whole = RATIO_OF.iter().any(|w| {
                before.rfind(w).is_some_and(|i| {
                    let between = &before[i + w.len()..];
                    between.chars().count() <= 3 && !between.contains(['，', '。', '；'])
                })
            });
            if dimension == PERCENT && whole && RATIO_WORDS.iter().any(|w| gap.contains(w)) {
                return;
            }
        }
        sink.push(
            Violation::new(
                q.span,
                format!("{}的单位不能计量{}", quote(&q.text), measure.name),
            )
            .help(format!(
                "{}应以{}计",
                measure.name,
                measure
                    .plausible
                    .as_ref()
                    .map_or("相应单位", |p| p.unit.as_str())
            ))
            .label_opt(ctx.file, q.measure_span, measure.name.clone()),
        );
    }
}

impl Rule for UnitImplausible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        // The table of main indicators: a share's cell above 100 %.
        for row in ctx.facts.indicator_rows() {
            let measure = &ctx.lexicon.measures.measures[row.measure];
            for v in row
                .values
                .iter()
                .filter(|v| measure.share && v.range.lo > 100.0)
            {
                sink.push(
                    Violation::new(
                        v.span,
                        format!(
                            "主要指标表中{}{}年的{}超过100%：它是部分占整体的比例",
                            measure.name,
                            v.year,
                            quote(&v.text)
                        ),
                    )
                    .label(ctx.file, row.name, measure.name.clone())
                    .help("核对数字：是否多写或错写了一位"),
                );
            }
        }
        for q in &ctx.facts.quantities().items {
            let Some(m) = q.change_measure.or(q.measure) else {
                continue;
            };
            let measure = &ctx.lexicon.measures.measures[m];
            if measure.dimension == NO_DIMENSION {
                continue;
            }
            // Levels of a level measure; annual rates of a growth measure
            // (年均增长); nothing else states the measure's own value.
            let annual_growth = matches!(q.kind, Kind::Change { annual: true })
                && measure.kind == MeasureKind::Growth;
            if !(q.kind == Kind::Level && measure.kind == MeasureKind::Level || annual_growth) {
                continue;
            }
            let Some((dimension, factor)) = q.dimension(ctx.lexicon) else {
                continue;
            };
            // The measure as the text names it (地区生产总值 for 国内生产总值).
            let named = q
                .measure_span
                .map_or(measure.name.as_str(), |s| ctx.text(s));
            if let Some(ms) = q.measure_span {
                let before = &ctx.source.text[..ms.start];
                let clause = before
                    .rfind(['，', '。', '；', '：', '\n'])
                    .map_or(before, |i| &before[i..]);
                if INCREMENT.iter().any(|w| clause.contains(w)) {
                    continue;
                }
            }
            if dimension != measure.dimension {
                // A measure carried over from an earlier clause (…，到2025年
                // 达到65%) is a reading; a unit against it is no evidence.
                if q.kind == Kind::Level && q.measure_span.is_some() {
                    Self::check_dimension(ctx, sink, q, measure, &dimension);
                }
                continue;
            }
            let Some(p) = &measure.plausible else {
                continue;
            };
            let value = q.value.to_f64() * factor;
            let upper = q.upper.map_or(value, |u| u.to_f64() * factor);
            let scale = Self::scale(ctx, q);
            let (lo, hi) = p.range(scale);
            if measure.share && upper > 100.0 {
                sink.push(
                    Violation::new(
                        q.span,
                        format!("{}超过100%：{named}是部分占整体的比例", quote(&q.text),),
                    )
                    .help("核对数字：是否多写或错写了一位")
                    .label_opt(ctx.file, q.measure_span, measure.name.clone()),
                );
                continue;
            }
            // A growth rate has no magnitude word to slip: its range is
            // checked as it stands. Levels are reported only far outside.
            let margin = if annual_growth { 1.0 } else { MARGIN };
            let low = if lo > 0.0 { lo / margin } else { lo * margin };
            if value >= low && upper <= hi * margin {
                continue;
            }
            let shown = if value < low { value } else { upper };
            let region = match scale.filter(|s| p.by_scale[*s as usize].is_some()) {
                Some(Scale::National) => "全国",
                Some(Scale::Province) => "省级",
                Some(Scale::City) => "市县级",
                None => "",
            };
            sink.push(
                Violation::new(
                    q.span,
                    format!(
                        "{}作为{region}{named}不合常理（折合{}，合理范围约为{}～{}）",
                        quote(&q.text),
                        in_unit(shown, p),
                        in_unit(lo, p),
                        in_unit(hi, p)
                    ),
                )
                .help("核对单位和数量级（万、亿）")
                .label_opt(ctx.file, q.measure_span, measure.name.clone()),
            );
        }
    }
}
