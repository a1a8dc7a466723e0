//! W104's scored readings: the typo model. The detector
//! (`extract::slips`) proposes, for the weak stretches of each text unit,
//! sound-alike and look-alike characters that the language model finds
//! likelier; each reading gets one score with named terms
//! (`rules/confusion/score.toml`) and is reported at the cut of its tier.
//! Places the document-evidence readings of the rest of W104 already
//! report are left to them.

use crate::diagnostic::{Applicability, Fix};
use crate::extract::slips::{terms, Detector, DocCounts, Slip};
use crate::extract::TextUnit;
use crate::lexicon::Likeness;
use crate::rules::{quote, Context, Sink, Violation};

fn likeness(how: Likeness) -> &'static str {
    match how {
        Likeness::SameTone => "音同",
        Likeness::OtherTone => "音近",
        Likeness::Shape => "形近",
    }
}

pub(super) fn report(ctx: &Context<'_>, sink: &mut Sink<'_>, units: &[TextUnit<'_>]) {
    let score = ctx.lexicon.slip_score();
    let cut = if sink.keeps_preview() {
        score.cuts.preview
    } else {
        score.cuts.default
    };
    let reported: Vec<_> = sink.reported().collect();
    let mut doc = DocCounts::new(&ctx.source.text);
    let mut detector = Detector::default();
    let mut found: Vec<(f64, Slip)> = Vec::new();
    for unit in units {
        let t = unit.text.text();
        found.clear();
        detector.scan(t, ctx.lexicon, |s| {
            let sc = score.score(&terms(&s, t, &mut doc));
            if sc >= cut {
                found.push((sc, s));
            }
        });
        // The best reading of each stretch: readings whose corrected words
        // overlap compete, the highest score wins.
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.at.cmp(&b.1.at)));
        let mut kept: Vec<&(f64, Slip)> = Vec::new();
        for f in &found {
            if kept
                .iter()
                .all(|k| k.1.word.1 <= f.1.word.0 || f.1.word.1 <= k.1.word.0)
            {
                kept.push(f);
            }
        }
        kept.sort_by_key(|k| k.1.at);
        for &(sc, ref s) in kept {
            let span = unit.text.span(s.at, s.end);
            if reported
                .iter()
                .any(|r| r.start < span.end && span.start < r.end)
            {
                continue;
            }
            let written = &t[s.word.0..s.word.1];
            let default = sc >= score.cuts.default;
            let message = format!(
                "{}疑为{}之误（“{}”与“{}”{}）{}",
                quote(written),
                quote(&s.corrected),
                s.written,
                s.with,
                likeness(s.how),
                if default { "" } else { "，把握较低" }
            );
            let mut v = Violation::new(span, message)
                .help(format!("改为{}", quote(&s.corrected)))
                .fix(Fix::replace(
                    span,
                    s.with.to_string(),
                    Applicability::Unsafe,
                ));
            if !default {
                v = v.preview();
            }
            sink.push(v);
        }
    }
}
