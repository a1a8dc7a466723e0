//! I104 target-feasibility: targets across a partition that cannot all hold.

use super::{Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::decimal::format_fixed;
use crate::extract::number::Bound;
use crate::indicators::{Figure, Indicators, Partition, Target, TargetValue};

pub struct TargetFeasibility;

static META: RuleMeta = RuleMeta {
    code: "I104",
    name: "target-feasibility",
    category: Category::Indicators,
    summary: "Share and growth targets across a partition that cannot all hold",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Within each `[[partition]]` of the indicator file, for each measure and
target year:

- the parts' share targets cannot add up past 100%: three regions aiming at
  ≥50%, ≥30% and ≥25% of the province's GDP cannot all succeed;
- when every part has a growth target and a base-year figure, the shares they
  imply are computed (base × (1 + growth)^years, over their sum) and held to
  the parts' share targets. A share target that the stated growth rates
  cannot reach is an error when every rate is exact, and a warning showing
  the growth it would need when the rates are lower bounds (以上).

The message shows the arithmetic.

## Why it matters
Each regional plan sets its own targets; only the province sees that they
cannot all be met. An infeasible set of targets is a planning error, not a
typo, and is best caught before publication.

## Example
An indicator file with three regions of one province, each with a 2025 GDP
share target of ≥50%, ≥30% and ≥25%, reports the third: 50% + 30% + 25% =
105% > 100%.

## Fix safety
No fix.

## Options
`--indicators FILE`, or `PLAN.toml` beside `PLAN.txt`.
"#,
};

impl Rule for TargetFeasibility {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let Some(ind) = ctx.indicators else { return };
        for p in &ind.partitions {
            for &m in &p.measures {
                let mut years: Vec<u32> = ind
                    .targets
                    .iter()
                    .filter(|t| t.measure == m && p.parts.contains(&t.region))
                    .map(|t| t.year)
                    .collect();
                years.sort_unstable();
                years.dedup();
                for year in years {
                    check_share_sum(ctx, sink, ind, p, m, year);
                    check_growth(ctx, sink, ind, p, m, year);
                }
            }
        }
    }
}

fn target(ind: &Indicators, region: usize, m: usize, year: u32, share: bool) -> Option<&Target> {
    ind.targets.iter().find(|t| {
        t.region == region
            && t.measure == m
            && t.year == year
            && matches!(
                (&t.value, share),
                (TargetValue::Share(_), true) | (TargetValue::Growth(_), false)
            )
    })
}

fn rate(t: &Target) -> f64 {
    match &t.value {
        TargetValue::Growth(d) | TargetValue::Share(d) => d.to_f64(),
        TargetValue::Level { .. } => f64::NAN,
    }
}

/// The smallest value a share target allows: the value for ≥ and =; one
/// unit of its last digit less for 约.
fn lowest(t: &Target) -> Option<f64> {
    let TargetValue::Share(d) = &t.value else {
        return None;
    };
    match t.bound {
        Bound::AtLeast | Bound::MoreThan | Bound::Exact => Some(d.to_f64()),
        Bound::About => Some(d.to_f64() - 10f64.powi(d.exp)),
        Bound::AtMost | Bound::LessThan => None,
    }
}

fn check_share_sum(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    ind: &Indicators,
    p: &Partition,
    m: usize,
    year: u32,
) {
    let shares: Vec<&Target> = p
        .parts
        .iter()
        .filter_map(|&r| target(ind, r, m, year, true))
        .collect();
    let lows: Vec<f64> = shares.iter().filter_map(|t| lowest(t)).collect();
    if lows.len() < 2 || lows.len() != shares.len() {
        return;
    }
    let total: f64 = lows.iter().sum();
    if total <= 100.0 + 1e-9 {
        return;
    }
    let name = &ctx.lexicon.measures.measures[m].name;
    let terms: Vec<String> = shares
        .iter()
        .map(|t| format!("{}%", format_fixed(rate(t), 1).trim_end_matches(".0")))
        .collect();
    let last = shares[shares.len() - 1];
    let mut v = Violation::new(
        last.span,
        format!(
            "{year}年各部分占{}{name}比重的目标合计 {}% > 100%（{}）",
            ind.regions[p.whole].name,
            format_fixed(total, 1).trim_end_matches(".0"),
            terms.join(" + ")
        ),
    )
    .in_file(ind.file);
    for t in &shares[..shares.len() - 1] {
        v = v.label(
            ind.file,
            t.span,
            format!("{}的目标", ind.regions[t.region].name),
        );
    }
    sink.push(v.help("各部分的比重目标不能同时实现：调低其中的目标"));
}

fn check_growth(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    ind: &Indicators,
    p: &Partition,
    m: usize,
    year: u32,
) {
    // Base figures and growth targets of every part.
    let mut parts: Vec<(usize, &Figure, &Target)> = Vec::new();
    for &r in &p.parts {
        let Some(g) = target(ind, r, m, year, false) else {
            return;
        };
        let Some(base) = ind
            .figures
            .iter()
            .filter(|f| f.region == r && f.measure == m && f.year.is_some_and(|y| y < year))
            .max_by_key(|f| f.year)
        else {
            return;
        };
        parts.push((r, base, g));
    }
    let Some(base_year) = parts.first().and_then(|x| x.1.year) else {
        return;
    };
    if parts.iter().any(|x| x.1.year != Some(base_year)) {
        return;
    }
    let n = (year - base_year) as i32;
    let future: Vec<f64> = parts
        .iter()
        .map(|(_, f, g)| f.value.to_f64() * (1.0 + rate(g) / 100.0).powi(n))
        .collect();
    let total: f64 = future.iter().sum();
    let all_exact = parts
        .iter()
        .all(|x| matches!(x.2.bound, Bound::Exact | Bound::About));
    let name = &ctx.lexicon.measures.measures[m].name;
    for (k, (r, base, g)) in parts.iter().enumerate() {
        let Some(share_target) = target(ind, *r, m, year, true) else {
            continue;
        };
        let Some(low) = lowest(share_target) else {
            continue;
        };
        let share = future[k] / total * 100.0;
        // Half a unit of the target's last digit: honest rounding passes.
        if share + 0.05 >= low {
            continue;
        }
        let others = total - future[k];
        // The growth that would reach the target, others growing as stated:
        // x / (x + others) = low  ⇒  x = low·others / (100 − low).
        let needed = low * others / (100.0 - low);
        let needed_rate = ((needed / base.value.to_f64()).powf(1.0 / f64::from(n)) - 1.0) * 100.0;
        let region = &ind.regions[*r].name;
        let message = format!(
            "按各部分的增长目标推算，{year}年{region}占{}{name}的比重约为 {}%（{} × (1 + {}%)^{n} ÷ 各部分之和），达不到目标 {}%",
            ind.regions[p.whole].name,
            format_fixed(share, 1),
            base.text,
            format_fixed(rate(g), 1).trim_end_matches(".0"),
            format_fixed(low, 1).trim_end_matches(".0"),
        );
        let mut v = Violation::new(share_target.span, message)
            .in_file(ind.file)
            .label(ind.file, g.span, "增长目标")
            .help(format!(
                "需年均增长约 {}% 才能达到；调整比重目标或增长目标",
                format_fixed(needed_rate, 1)
            ));
        if !all_exact {
            v = v.severity(Severity::Warning);
        }
        sink.push(v);
    }
}
