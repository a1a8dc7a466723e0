//! O102 contents-mismatch: a table of contents (目录) held to the headings of
//! the body it lists.

use super::{quote, Category, Context, FixAvailability, Rule, RuleMeta, Sink, Tier, Violation};
use crate::diagnostic::Severity;
use crate::document::{Contents, Heading, Level};
use crate::source::Span;

pub struct ContentsMismatch;

static META: RuleMeta = RuleMeta {
    code: "O102",
    name: "contents-mismatch",
    category: Category::Outline,
    summary: "A 目录 entry with no matching body heading, a different title, or a heading it omits",
    severity: Severity::Error,
    fix: FixAvailability::None,
    tier: Tier::Default,
    doc: r#"## What it checks
A plan that opens with a table of contents (a line 目录, then heading lines
such as 第一篇…, 第一章…, until the body starts) is held to its body, level by
level, for the levels the contents lists (篇 and 章, say, but not 节):

- every entry has a body heading with the same number under the same parent
  (第三章 of the contents is 第三章 of the body);
- the two titles agree (spaces, leader dots and page numbers aside);
- every body heading of a listed level appears in the contents.

## Why it matters
A chapter renamed, added or moved in the body and not in the contents (or
the reverse) is one of the commonest slips of long plans: the contents is
typed once and the body is revised many times.

## Example
```bad
目录
第一章　发展环境
第二章　主要目标

第一章　发展环境
我国进入新发展阶段。
第二章　主要指标
到2025年，经济保持稳定增长。
```

```good
目录
第一章　发展环境
第二章　主要目标

第一章　发展环境
我国进入新发展阶段。
第二章　主要目标
到2025年，经济保持稳定增长。
```

## Fix safety
No fix: the contents or the heading may be the one that is out of date.

## Options
None yet.
"#,
};

impl Rule for ContentsMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let doc = ctx.document;
        for (k, contents) in doc.contents.iter().enumerate() {
            let Some(last) = contents.entries.last() else {
                continue;
            };
            // The body it lists: the headings after it, in the plan of the
            // first of them, up to the next table of contents.
            let end = doc
                .contents
                .get(k + 1)
                .map_or(ctx.source.text.len(), |c| c.label.start);
            let after = last.span().end;
            let levels: Vec<Level> = contents.entries.iter().map(|e| e.level).collect();
            let mut body = doc
                .headings
                .iter()
                .filter(|h| h.marker.start >= after && h.marker.start < end)
                .filter(|h| !doc.groups[h.group].inline && levels.contains(&h.level))
                .peekable();
            let Some(plan) = body.peek().map(|h| h.plan) else {
                continue;
            };
            let body: Vec<&Heading> = body.filter(|h| h.plan == plan).collect();
            check_contents(ctx, sink, contents, &body);
        }
    }
}

/// How many listed entries missing at the end of the body make a text cut
/// short, reported once (the web copy of a plan that stops mid-chapter).
const TRUNCATED_MIN: usize = 3;

/// A heading's place: the numbers of the listed levels down to it.
type Path = Vec<(Level, u32)>;

/// The path of each item, given its level and number in document order.
fn paths(items: impl Iterator<Item = (Level, u32)>) -> Vec<Path> {
    let mut stack: Path = Vec::new();
    items
        .map(|(level, number)| {
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            stack.push((level, number));
            stack.clone()
        })
        .collect()
}

/// Text compared without spaces of any width.
fn normalised(text: &str) -> String {
    text.chars().filter(|&c| !crate::cjk::is_space(c)).collect()
}

/// Pairs entries with body headings: first by title (one heading of the
/// same level with the same title), so that a heading renumbered in the body
/// is one finding; the rest by their place (the same numbers down the same
/// parents). Returns, per entry, the matched body heading and whether the
/// match was by title.
fn pair(
    ctx: &Context<'_>,
    contents: &Contents,
    body: &[&Heading],
    entry_paths: &[Path],
    body_paths: &[Path],
) -> (Vec<Option<(usize, bool)>>, Vec<bool>) {
    let mut matched = vec![None; contents.entries.len()];
    let mut used = vec![false; body.len()];
    let body_titles: Vec<String> = body.iter().map(|h| normalised(ctx.text(h.title))).collect();
    for (i, e) in contents.entries.iter().enumerate() {
        let title = normalised(ctx.text(e.title));
        if title.is_empty() {
            continue;
        }
        let mut same =
            (0..body.len()).filter(|&b| body[b].level == e.level && body_titles[b] == title);
        if let (Some(b), None) = (same.next(), same.next()) {
            if !used[b] {
                used[b] = true;
                matched[i] = Some((b, true));
            }
        }
    }
    for (i, path) in entry_paths.iter().enumerate() {
        if matched[i].is_some() {
            continue;
        }
        if let Some(b) = (0..body.len()).find(|&b| !used[b] && &body_paths[b] == path) {
            used[b] = true;
            matched[i] = Some((b, false));
        }
    }
    (matched, used)
}

fn check_contents(ctx: &Context<'_>, sink: &mut Sink<'_>, contents: &Contents, body: &[&Heading]) {
    let entry_paths = paths(contents.entries.iter().map(|e| (e.level, e.number)));
    let body_paths = paths(body.iter().map(|h| (h.level, h.number)));
    let (matched, used) = pair(ctx, contents, body, &entry_paths, &body_paths);
    let line = |marker: Span, title: Span| {
        let title = ctx.text(title);
        if title.is_empty() {
            ctx.text(marker).to_owned()
        } else {
            format!("{} {title}", ctx.text(marker))
        }
    };
    // A body that stops before the contents does (a text copied or saved
    // in part): the entries after the last one the body has are one
    // finding, not one each.
    let last_matched = matched.iter().rposition(Option::is_some);
    let tail = last_matched.map_or(0, |i| i + 1);
    let cut_short = last_matched.is_some()
        && contents.entries.len() - tail >= TRUNCATED_MIN
        && matched[last_matched.unwrap_or(0)].is_some_and(|(b, _)| b + 1 == body.len());
    if cut_short {
        let first = &contents.entries[tail];
        let (b, _) = matched[tail - 1].expect("the last matched entry");
        sink.push(
            Violation::new(
                first.span(),
                format!(
                    "正文到{}为止，目录所列其后 {} 个标题（{}起）正文中都没有",
                    quote(&line(body[b].marker, body[b].title)),
                    contents.entries.len() - tail,
                    quote(&line(first.marker, first.title))
                ),
            )
            .label(ctx.file, body[b].span(), "正文最后一个标题")
            .help("核对文本是否完整：正文可能缺失了后面的部分")
            .severity(Severity::Warning),
        );
    }
    let entries = if cut_short {
        tail
    } else {
        contents.entries.len()
    };
    for (i, e) in contents.entries[..entries].iter().enumerate() {
        let entry_line = line(e.marker, e.title);
        match matched[i] {
            Some((b, true)) => {
                let h = body[b];
                if entry_paths[i] == body_paths[b] {
                    continue;
                }
                sink.push(
                    Violation::new(
                        e.span(),
                        format!(
                            "目录{}在正文中编号为{}",
                            quote(&entry_line),
                            quote(ctx.text(h.marker))
                        ),
                    )
                    .label(ctx.file, h.span(), "正文标题")
                    .help("核对编号，统一目录与正文"),
                );
            }
            Some((b, false)) => {
                let h = body[b];
                let (entry_title, body_title) = (ctx.text(e.title), ctx.text(h.title));
                if entry_title.is_empty()
                    || body_title.is_empty()
                    || normalised(entry_title) == normalised(body_title)
                {
                    continue;
                }
                sink.push(
                    Violation::new(
                        e.span(),
                        format!(
                            "目录{}与正文标题{}不一致",
                            quote(&entry_line),
                            quote(&line(h.marker, h.title))
                        ),
                    )
                    .label(ctx.file, h.span(), "正文标题")
                    .help("核对后统一目录与正文标题的文字"),
                );
            }
            None => sink.push(
                Violation::new(
                    e.span(),
                    format!("目录{}在正文中没有对应标题", quote(&entry_line)),
                )
                .label(ctx.file, contents.label, "目录")
                .help("删去该目录项，或在正文补上对应标题"),
            ),
        }
    }
    // Which entry each body heading was paired with.
    let mut entry_of = vec![None; body.len()];
    for (i, m) in matched.iter().enumerate() {
        if let Some((b, _)) = m {
            entry_of[*b] = Some(i);
        }
    }
    for (j, h) in body.iter().enumerate() {
        if used[j] {
            continue;
        }
        // Where it would stand: after the entry of the body heading before it.
        let before = entry_of[..j].iter().rev().find_map(|&i| i);
        let (at, what) = match before {
            Some(i) => (contents.entries[i].span(), "应列在此目录项之后"),
            None => (contents.label, "目录"),
        };
        sink.push(
            Violation::new(
                h.span(),
                format!("正文标题{}未列入目录", quote(&line(h.marker, h.title))),
            )
            .label(ctx.file, at, what)
            .help("在目录中补上该标题"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_restart_under_each_parent() {
        let items = [
            (Level::Part, 1),
            (Level::Chapter, 1),
            (Level::Chapter, 2),
            (Level::Part, 2),
            (Level::Chapter, 3),
        ];
        let p = paths(items.into_iter());
        assert_eq!(p[2], vec![(Level::Part, 1), (Level::Chapter, 2)]);
        assert_eq!(p[4], vec![(Level::Part, 2), (Level::Chapter, 3)]);
    }
}
