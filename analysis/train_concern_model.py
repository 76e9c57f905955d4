"""Train the statistical concern screen and write ``analysis/data/concern_model.json``.

Run ``python -m analysis.train_concern_model`` (needs scikit-learn, a development dependency;
the program itself only reads the weights). It trains on the labelled answers of
``TRAINING_FILES`` and never on ``FAIR_CHECKS``, the held-out sets written blind to the rules and
the model, which stay the honest measure. ``ORDINARY`` holds everyday answers that share words
with disclosures, so the screen learns that most mentions of a parent or of home are harmless.
The decision threshold is chosen on the tuning files written blind to the patterns
(``BLIND_TUNING``), each screened by a model trained without it, so that both the patterns and
the model meet phrasing they were not built on: the highest threshold at which the two together
find ``TARGET_RECALL`` of the concerns there.
"""

from __future__ import annotations

import sys

from analysis.codebook import load_codebook
from analysis.concern import REASONS, pattern_reasons
from analysis.concern_model import DATA
from analysis.linear_model import features
from analysis.training_data import TRAINING_FILES, load, save

ORDINARY = ("concern_ordinary.jsonl", "concern_ordinary2.jsonl")
"""Everyday answers, all not concerns: always trained on, never left out (without them the
screen has seen no everyday answer at all). The second file holds the answers real surveys
hold most (walking home in the dark, family, bruises from sport), which share words with
disclosures."""
BLIND_TUNING = (
    "text_eval_dev5.jsonl",
    "text_eval_dev6.jsonl",
    "text_eval_dev7.jsonl",
    "text_eval_dev8.jsonl",
)
"""Tuning files written by people who had seen neither the patterns nor the screen."""
TARGET_RECALL = 0.95
"""The recall the issue asks of the screen on answers phrased in ways nobody foresaw."""
_C = 1.0
"""Inverse regularisation strength; 0.3-3 changed leave-one-file-out AUC by under 0.01."""


def _fit_binary(items: list[dict]):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = CountVectorizer(analyzer=features, min_df=2)
    x = vectoriser.fit_transform([it["text"] for it in items])
    model = LogisticRegression(C=_C, max_iter=5000, class_weight="balanced")
    model.fit(x, [bool(it["concern"]) for it in items])
    return vectoriser, model


def _threshold(files: dict[str, list[dict]]) -> tuple[float, float, float]:
    """The highest threshold at which patterns and screen together reach TARGET_RECALL on the
    blind tuning files, each screened by a model trained without it; with the recall and
    precision there."""
    scored: list[tuple[float, bool, bool]] = []  # probability, by a pattern, a concern
    for name in BLIND_TUNING:
        held = files[name]
        train = [it for other, items in files.items() if other != name for it in items]
        vectoriser, model = _fit_binary(train)
        probabilities = model.predict_proba(vectoriser.transform([it["text"] for it in held]))
        for p, it in zip(probabilities[:, 1], held, strict=True):
            by_pattern = bool(pattern_reasons(it["text"], it["lang"]))
            scored.append((p, by_pattern, bool(it["concern"])))
    concerns = sum(want for *_, want in scored)
    for step in range(95, 0, -5):
        threshold = step / 100
        flagged = [want for p, by_pattern, want in scored if by_pattern or p >= threshold]
        if sum(flagged) / concerns >= TARGET_RECALL:
            return threshold, sum(flagged) / concerns, sum(flagged) / len(flagged)
    raise ValueError(f"no threshold reaches recall {TARGET_RECALL} on the blind tuning files")


def _rounded(value: float) -> float:
    return round(float(value), 4)


def train() -> dict:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    files = {name: load(name) for name in (*TRAINING_FILES, *ORDINARY)}
    threshold, recall, precision = _threshold(files)
    items = [it for items in files.values() for it in items]
    vectoriser, model = _fit_binary(items)
    names = vectoriser.get_feature_names_out()
    weights = {
        str(f): _rounded(w) for f, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-4
    }
    # The reason model: which reason class a flagged answer most likely belongs to.
    examples = [(it["text"], r) for it in items if it["concern"] for r in it["reasons"]]
    reason_vectoriser = CountVectorizer(analyzer=features, min_df=2)
    x = reason_vectoriser.fit_transform([text for text, _ in examples])
    reason_model = LogisticRegression(C=_C, max_iter=5000)
    reason_model.fit(x, [r for _, r in examples])
    classes = [str(c) for c in reason_model.classes_]
    order = [classes.index(r) for r in REASONS if r in classes]
    reason_weights = {}
    for f, row in zip(reason_vectoriser.get_feature_names_out(), reason_model.coef_.T, strict=True):
        kept = [_rounded(row[i]) for i in order]
        if max(abs(w) for w in kept) >= 1e-3:
            reason_weights[str(f)] = kept
    summary = {
        "trained_on": sorted(files),
        "answers": len(items),
        "concerns": sum(bool(it["concern"]) for it in items),
        "blind_tuning_recall": round(recall, 3),
        "blind_tuning_precision": round(precision, 3),
    }
    return {
        "version": load_codebook().version,  # stored results name it: a retrain re-screens
        "summary": summary,
        "threshold": threshold,
        "bias": _rounded(model.intercept_[0]),
        "weights": weights,
        "reasons": [classes[i] for i in order],
        "reason_bias": [_rounded(reason_model.intercept_[i]) for i in order],
        "reason_weights": reason_weights,
    }


def main() -> None:
    raw = train()
    save(DATA, raw)
    summary = raw["summary"]
    print(
        f"{DATA.name}: {len(raw['weights'])} weights, threshold {raw['threshold']}; trained on "
        f"{summary['answers']} answers ({summary['concerns']} concerns); patterns and screen on "
        f"the blind tuning files, each left out: recall {summary['blind_tuning_recall']}, "
        f"precision {summary['blind_tuning_precision']}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
