"""Fits the typo model's weights (rules/confusion/score.toml) and prints
what each cut gives, from the candidates `examples/slip_features.rs` dumps.

    cargo run --release --example slip_features > /tmp/slips.tsv
    pip install pandas scikit-learn
    python3 scripts/fit-slip-score.py /tmp/slips.tsv

Positives: candidates that are the ECSpell development split's correction
(the split as one document). Negatives: every other candidate there, and
every candidate on ../shared/corpus and ../shared/plans, weighted TEXTS.
Sentence-level precision, recall and false alarms are the model's alone;
tests/ecspell.rs measures the rule as shipped.
"""

import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

TERMS = ["gain", "context", "other_tone", "near_sound", "shape", "char_ratio", "doc_corrected",
         "doc_written", "corrected_len", "form_repeated", "quoted",
         "general_written"]
TEXTS = 5.0

d = pd.read_csv(sys.argv[1], sep="\t", quoting=3, keep_default_na=False)
X = d[TERMS].astype(float)
w = np.where(d.src == "texts", TEXTS, 1.0)
m = LogisticRegression(C=1.0, max_iter=5000).fit(X, d.label, sample_weight=w)
print("bias =", round(float(m.intercept_[0]), 2))
for t, c in zip(TERMS, m.coef_[0]):
    print(f"{t.replace('_', '-')} = {c:.2f}")
d["score"] = m.decision_function(X)
e, t = d[d.src == "ecspell"], d[d.src == "texts"]
with_slips = set(e[e.slip_here == 1].sent)
bench = "../shared/benchmarks/ecspell/odw.train"
lines = [l.split("\t") for l in open(bench, encoding="utf-8").read().splitlines()]
nw = sum(1 for l in lines if l[1] != l[2])
wrong = {i for i, l in enumerate(lines) if l[1] != l[2]}
nc = len(lines) - nw
best = e.groupby("sent").score.max()
for cut in np.arange(-1.0, 7.01, 0.5):
    fl = best[best >= cut].index
    tp = sum(1 for s in fl if s in wrong)
    print(f"cut {cut:4.1f}: flagged {len(fl):4d} precision {tp / max(1, len(fl)):.3f} "
          f"recall {tp / nw:.3f} false alarms {(len(fl) - tp) / nc:.3f}; texts {(t.score >= cut).sum()}")
