//! W104's scored readings: the typo model. The detector
//! (`extract::slips`) proposes, for the weak stretches of each text unit,
//! sound-alike and look-alike characters that the language model finds
//! likelier; each reading gets one score with named terms
//! (`rules/confusion/score.toml`) and is reported at the cut of its tier.
//! Places the document-evidence readings of the rest of W104 already
//! report are left to them.
//!
//! The model runs with `--preview` only, all its readings preview ones:
//! on the seed it costs about 110–150 ms beside the 53 ms of the rest of
//! W104 (measured 2026-12-08), beyond what a default run may spend (issue
//! 40). A reading at the `default` cut of `rules/confusion/score.toml` is
//! worded as a confident one.

use crate::diagnostic::{Applicability, Fix};
use crate::extract::slips::{
    document_bound, document_terms, local_terms, Detector, DocCounts, QuoteSpans, Slip,
};
use crate::extract::TextUnit;
use crate::lexicon::Likeness;
use crate::rules::{quote, Context, Sink, Violation};

fn likeness(how: Likeness) -> &'static str {
    match how {
        Likeness::SameTone => "音同",
        Likeness::OtherTone | Likeness::NearSound => "音近",
        Likeness::Shape => "形近",
    }
}

pub(super) fn report(ctx: &Context<'_>, sink: &mut Sink<'_>, units: &[TextUnit<'_>]) {
    if !sink.keeps_preview() {
        return;
    }
    let score = ctx.lexicon.slip_score();
    let cut = score.cuts.preview;
    let reported: Vec<_> = sink.reported().collect();
    let mut doc = DocCounts::new(&ctx.source.text);
    let mut detector = Detector::default();
    let mut found: Vec<(f64, Slip)> = Vec::new();
    for unit in units {
        let t = unit.text.text();
        let quotes = QuoteSpans::new(t);
        found.clear();
        detector.scan(t, ctx.lexicon, |s| {
            let mut terms = local_terms(&s, t, quotes.contains(s.at));
            // The document's counts only for readings they could lift to
            // the cut: every search of the document is then for a likely
            // reading, and a long document costs a pass, not a pass per
            // candidate.
            if score.score(&terms) + document_bound(&score.weights, &s, t, &mut doc) < cut {
                return;
            }
            document_terms(&mut terms, &s, t, &mut doc);
            let sc = score.score(&terms);
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
            let v = Violation::new(span, message)
                .help(format!("改为{}", quote(&s.corrected)))
                .fix(Fix::replace(
                    span,
                    s.with.to_string(),
                    Applicability::Unsafe,
                ))
                .preview();
            sink.push(v);
        }
    }
}
