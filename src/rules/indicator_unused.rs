//! I105 indicator-unused: a figure of the indicator file that the text never uses.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::extract::Kind;

pub struct IndicatorUnused;

static META: RuleMeta = RuleMeta {
    code: "I105",
    name: "indicator-unused",
    category: Category::Indicators,
    summary: "A figure in the indicator file that the text never states or uses",
    severity: Severity::Info,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
Every `[[figure]]` of a region the plan is about (its own region and that
region's parent) should be used by the plan: stated
(the region's figure for that measure and year, in a sentence or in the
plan's table of main indicators), or the whole that a share
in the text is a share of (全省's population for 占全省的41.09%). A figure that
is neither is reported once, at the figure in the TOML.

## Why it matters
An indicator file outlives drafts. A figure that no text uses is often a
stale one (an old year, a region that was renamed), and stale data makes
every other check less trustworthy.

## Example
An indicator file giving 兰州经济圈's 2019 GDP, for a plan that only states
2020 figures, reports that figure as unused.

## Fix safety
No fix.

## Options
`--indicators FILE`, or `PLAN.toml` beside `PLAN.txt`.
"#,
};

impl Rule for IndicatorUnused {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let Some(ind) = ctx.indicators else { return };
        let items = &ctx.facts.quantities().items;
        let region_of = |name: Option<&str>| name.and_then(|n| ind.region_named(n));
        // Only the regions this text is about (its plans' regions and their
        // parents): a file shared by several plans holds the others' figures.
        let mut covered: Vec<usize> = Vec::new();
        for r in ctx
            .facts
            .quantities()
            .regions
            .iter()
            .filter_map(|p| region_of(p.name.as_deref()))
        {
            covered.push(r);
            covered.extend(ind.regions[r].parent);
        }
        for f in ind.figures.iter().filter(|f| covered.contains(&f.region)) {
            let year_fits = |y: Option<u32>| {
                f.year.is_none()
                    || y == f.year
                    || (y.is_none() && ctx.lexicon.measures.measures[f.measure].timeless)
            };
            let used = items.iter().any(|q| {
                q.measure == Some(f.measure)
                    && year_fits(q.year)
                    && match q.kind {
                        Kind::Level => region_of(q.subject.as_deref()) == Some(f.region),
                        Kind::Share => {
                            region_of(q.whole.as_deref()) == Some(f.region)
                                || region_of(q.subject.as_deref()) == Some(f.region)
                        }
                        Kind::Change { .. } => false,
                    }
            });
            // Or a value of the plan's 主要指标 table, for that year.
            let in_table = || {
                ctx.facts.indicator_rows().iter().any(|row| {
                    row.measure == f.measure
                        && region_of(ctx.facts.quantities().regions[row.plan].name.as_deref())
                            == Some(f.region)
                        && row.values.iter().any(|v| f.year == Some(v.year))
                })
            };
            if used || in_table() {
                continue;
            }
            let when = f.year.map(|y| format!("{y}年")).unwrap_or_default();
            sink.push(
                Violation::new(
                    f.span,
                    format!(
                        "{}（{}{when}{}，{}）在正文中没有用到",
                        quote(&f.value.to_string_printed(f.magnitude)),
                        ind.regions[f.region].name,
                        ctx.lexicon.measures.measures[f.measure].name,
                        f.text
                    ),
                )
                .in_file(ind.file)
                .help("删去不再使用的数据，或核对年份和区域"),
            );
        }
    }
}
