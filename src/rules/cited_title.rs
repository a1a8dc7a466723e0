//! O103 cited-title: a title cited in 《》 that differs by a character from
//! the same title elsewhere in the file (or from the title of a plan the file
//! holds), and a notice's count of the plans it issues against the plans
//! that follow it.

use std::collections::HashMap;

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::cjk::{is_han, is_numeral_char, is_space};
use crate::diagnostic::Severity;
use crate::document::PlanKind;
use crate::extract::titles;
use crate::source::Span;

pub struct CitedTitle;

static META: RuleMeta = RuleMeta {
    code: "O103",
    name: "cited-title",
    category: Category::Outline,
    summary: "A title in 《》 one character off the same title elsewhere or a plan's own title; a notice's 等N项 that does not count the plans it issues",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    tier: Tier::Default,
    doc: r#"## What it checks
- A title cited in 《》 that is one character away from a title the file
  states elsewhere: one character written differently, or one or two
  characters dropped or added (《“十四五”兰州经济区发展规划》 beside the
  plan title “十四五”兰州经济圈发展规划). The form the file uses more often,
  or the title line of a plan the file holds, is taken as the right one.
  Titles that differ in a number (十三五 / 十四五, 2021 / 2022) or only in
  punctuation or spaces are different documents or a matter of style, and
  are left alone. A mismatch with a plan's own title line is an error; two
  cited forms that disagree are a warning.
- A notice that issues plans (《…》等3项…规划的通知) against the plans the
  file holds after it: the count must be their number.

## Why it matters
A notice and the plans it issues are typed and revised separately; a plan
renamed late keeps its old name in the notice, and the notice's count goes
stale when a plan is added or dropped. Readers search for the title as
cited.

## Example
```bad
关于印发《“十四五”兰州经济区发展规划》等2项规划的通知

《“十四五”兰州经济区发展规划》已经省政府同意，现印发给你们。

“十四五”兰州经济圈发展规划

一、规划背景

兰州经济圈地处我省中部。
```

```good
关于印发《“十四五”兰州经济圈发展规划》的通知

《“十四五”兰州经济圈发展规划》已经省政府同意，现印发给你们。

“十四五”兰州经济圈发展规划

一、规划背景

兰州经济圈地处我省中部。
```

## Fix safety
A cited title that differs from a plan title of the same file gets a safe
fix to that title. Other differences have no fix: either form may be the
wrong one.

## Options
None yet.
"#,
};

/// Shortest title compared, in characters: short titles (《民法典》) differ
/// by one character from other real titles.
const MIN_TITLE_CHARS: usize = 8;

/// One way a title is written in the file.
struct Form {
    chars: Vec<char>,
    /// Where it is cited (outer spans: with the marks; inner for fixes).
    cited: Vec<(Span, Span)>,
    /// The plan title line that states it, if any.
    plan_title: Option<Span>,
}

impl Form {
    fn weight(&self) -> (bool, usize) {
        (self.plan_title.is_some(), self.cited.len())
    }
}

impl Rule for CitedTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = &ctx.source.text;
        let cited = titles::find_all(text);
        let plan_titles: Vec<Span> = ctx
            .document
            .plans
            .iter()
            .filter(|p| p.kind == PlanKind::Plan)
            .filter_map(|p| p.title)
            .collect();
        check_issued_count(ctx, sink, &cited, &plan_titles);

        let mut forms: Vec<Form> = Vec::new();
        let mut index: HashMap<Vec<char>, usize> = HashMap::new();
        let mut form_of = |chars: Vec<char>, forms: &mut Vec<Form>| {
            *index.entry(chars.clone()).or_insert_with(|| {
                forms.push(Form {
                    chars,
                    cited: Vec::new(),
                    plan_title: None,
                });
                forms.len() - 1
            })
        };
        for &t in &plan_titles {
            let f = form_of(normalised(ctx.text(t)), &mut forms);
            forms[f].plan_title.get_or_insert(t);
        }
        for t in &cited {
            let f = form_of(normalised(ctx.text(t.inner)), &mut forms);
            forms[f].cited.push((t.outer, t.inner));
        }
        for (odd, reference) in near_pairs(&forms) {
            report_drift(ctx, sink, &forms[odd], &forms[reference]);
        }
    }
}

/// The title's characters without spaces and page breaks.
fn normalised(text: &str) -> Vec<char> {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// Pairs of forms one edit apart (see `one_slip`), as (odd, reference):
/// the reference is a plan's title line, or the form cited more often, or
/// the one cited first.
fn near_pairs(forms: &[Form]) -> Vec<(usize, usize)> {
    // A slip of one or two characters leaves the first three or the last
    // three characters of a title of eight or more intact: compare within
    // those buckets only.
    let mut buckets: HashMap<(bool, [char; 3]), Vec<usize>> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        let n = f.chars.len();
        if n < MIN_TITLE_CHARS {
            continue;
        }
        let head = [f.chars[0], f.chars[1], f.chars[2]];
        let tail = [f.chars[n - 3], f.chars[n - 2], f.chars[n - 1]];
        buckets.entry((true, head)).or_default().push(i);
        buckets.entry((false, tail)).or_default().push(i);
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut keys: Vec<_> = buckets.keys().copied().collect();
    keys.sort();
    for key in keys {
        let members = &buckets[&key];
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                if !one_slip(&forms[a].chars, &forms[b].chars) {
                    continue;
                }
                let first = |f: &Form| f.cited.first().map_or(usize::MAX, |c| c.0.start);
                let (odd, reference) = match forms[a].weight().cmp(&forms[b].weight()) {
                    std::cmp::Ordering::Less => (a, b),
                    std::cmp::Ordering::Greater => (b, a),
                    std::cmp::Ordering::Equal if first(&forms[a]) < first(&forms[b]) => (b, a),
                    std::cmp::Ordering::Equal => (a, b),
                };
                // Two plan title lines are two plans.
                if forms[odd].plan_title.is_some() || forms[odd].cited.is_empty() {
                    continue;
                }
                if !pairs.iter().any(|&(o, _)| o == odd) {
                    pairs.push((odd, reference));
                }
            }
        }
    }
    pairs.sort();
    pairs
}

/// Whether `a` and `b` differ by one character written differently, or by
/// one or two adjacent characters dropped, all of them Chinese characters
/// other than numerals.
fn one_slip(a: &[char], b: &[char]) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let da = &a[prefix..a.len() - suffix];
    let db = &b[prefix..b.len() - suffix];
    let shape_ok = matches!(
        (da.len(), db.len()),
        (1, 1) | (0, 1) | (1, 0) | (0, 2) | (2, 0)
    );
    shape_ok
        && da
            .iter()
            .chain(db)
            .all(|&c| is_han(c) && !is_numeral_char(c) && !matches!(c, '〇' | '两' | '零'))
}

fn report_drift(ctx: &Context<'_>, sink: &mut Sink<'_>, odd: &Form, reference: &Form) {
    let right: String = reference.chars.iter().collect();
    let (at, what) = match (reference.plan_title, reference.cited.first()) {
        (Some(t), _) => (t, "文件中的规划标题"),
        (None, Some(c)) => (c.0, "他处的写法"),
        (None, None) => return,
    };
    for &(outer, inner) in &odd.cited {
        let mut v = Violation::new(
            outer,
            if reference.plan_title.is_some() {
                format!("{}与文件中的规划标题相差一两个字", ctx.text(outer))
            } else {
                format!("{}与他处所引《{right}》相差一两个字", ctx.text(outer))
            },
        )
        .label(ctx.file, at, what)
        .help(format!("核对标题，应为《{right}》"));
        if reference.plan_title.is_some() {
            v = v.fix(crate::diagnostic::Fix::replace(
                inner,
                right.clone(),
                crate::diagnostic::Applicability::Safe,
            ));
        } else {
            v = v.severity(Severity::Warning);
        }
        sink.push(v);
    }
}

/// 《…》等3项 in the front matter against the number of plans the file holds.
fn check_issued_count(
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
    cited: &[titles::CitedTitle],
    plan_titles: &[Span],
) {
    let doc = ctx.document;
    let Some(front) = doc.plans.iter().find(|p| p.kind == PlanKind::FrontMatter) else {
        return;
    };
    if plan_titles.is_empty() {
        return;
    }
    let plan_forms: Vec<Vec<char>> = plan_titles
        .iter()
        .map(|&t| normalised(ctx.text(t)))
        .collect();
    for t in cited.iter().filter(|t| front.span.contains(t.outer)) {
        // The count must follow a title the file holds: 《甲规划》等3项.
        let form = normalised(ctx.text(t.inner));
        if !plan_forms.iter().any(|p| *p == form || one_slip(p, &form)) {
            continue;
        }
        let Some((n, span)) = titles::issued_count(&ctx.source.text, t.outer.end) else {
            continue;
        };
        let m = plan_titles.len();
        if n as usize == m {
            continue;
        }
        let mut v = Violation::new(
            span,
            format!("{}说印发{n}项，文件中有{m}项规划", quote(ctx.text(span))),
        )
        .help(format!("核对印发的规划数目，文件中的规划有{m}项"));
        for &p in plan_titles {
            v = v.label(ctx.file, p, "文件中的规划");
        }
        sink.push(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(a: &str, b: &str) -> bool {
        one_slip(&normalised(a), &normalised(b))
    }

    #[test]
    fn slips() {
        assert!(slip(
            "“十四五”兰州经济圈发展规划",
            "“十四五”兰州经济区发展规划"
        ));
        assert!(slip("“十四五”兰州经济圈发展规划", "“十四五”兰州经济圈规划"));
        assert!(!slip(
            "“十四五”兰州经济圈发展规划",
            "“十三五”兰州经济圈发展规划"
        ));
        assert!(!slip(
            "关于加快建设全国统一大市场的意见",
            "关于加快建设全国统一大市场的决定"
        ));
        assert!(!slip(
            "中华人民共和国国民经济和社会发展第十四个五年规划",
            "中华人民共和国国民经济和社会发展第十四个五年规划"
        ));
        assert!(!slip("甘肃省“十四五”规划纲要", "甘肃省十四五规划纲要"));
    }
}
