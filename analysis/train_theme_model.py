"""Train the theme model and write ``analysis/data/theme_model.json``.

Run ``python -m analysis.train_theme_model`` (needs scikit-learn, a development dependency; the
program itself only reads the weights). One logistic regression per theme (one-vs-rest) over
:func:`analysis.linear_model.features` plus ``lex:<theme>`` for each theme the lexicon finds in
the answer (:func:`analysis.themes.model_inputs`: the codebook's terms and the concern reasons the
screen's patterns find, computed without the model, so the model never reads its own output; a
reason from the statistical concern screen alone is left out, because that screen was trained on
these same answers and would look more reliable here than on new ones). It trains on the
labelled answers of ``TRAINING_FILES`` (every ``text_eval*.jsonl`` but the fair checks, all six
languages together) and never on ``FAIR_CHECKS``, the held-out sets written blind to the rules
and the models, which stay the honest measure.

Each theme's decision threshold is chosen by leave-one-file-out cross-validation over the
files written blind to the lexicon and the model (``BLIND_TUNING``): each is scored by a model
trained on every other training file, and the threshold is the one (in steps of 0.05) with the
best F1 for that theme over all of them together. The English lexicon was revised on
``text_eval_dev4.jsonl`` and ``text_eval_dev5.jsonl``, so on those the ``lex:`` features look
more reliable than on new phrasing; ``text_eval_dev6.jsonl`` to ``dev8`` were not tuned on. The
summary in the JSON records, per blind file and language group and over all of them, the macro
F1 of the lexicon alone and of the model (each file left out) at the chosen thresholds: a little
optimistic, as the thresholds were chosen on the same predictions.
"""

from __future__ import annotations

import sys

from analysis.codebook import load_codebook
from analysis.concern import screen_concern
from analysis.linear_model import features
from analysis.theme_model import DATA, lexicon_features
from analysis.themes import lexicon_themes, model_inputs
from analysis.training_data import TRAINING_FILES, WRITTEN_BLIND, load, save

BLIND_TUNING = WRITTEN_BLIND
_C = 1.0
"""Inverse regularisation strength; 0.3 and 3 moved leave-one-file-out macro F1 by under 0.01."""
_STEPS = tuple(step / 100 for step in range(5, 96, 5))
_KEEP = 1e-3
"""Weights smaller than this (for every theme) are dropped: they change no decision."""


def example(text: str, lang: str, codebook) -> list[str]:
    """The features of one answer: its words and what the lexicon alone finds in it."""
    concern = screen_concern(text, lang)  # as the pipeline hands it to code_themes
    return features(text) + lexicon_features(model_inputs(text, lang, codebook, concern=concern))


def _fit(examples: list[list[str]], labels: list[set[str]], themes: list[str]):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = CountVectorizer(analyzer=lambda feats: feats, min_df=2)
    x = vectoriser.fit_transform(examples)
    models = [
        LogisticRegression(C=_C, max_iter=5000).fit(x, [theme in want for want in labels])
        for theme in themes
    ]
    return vectoriser, models


def _probabilities(vectoriser, models, examples: list[list[str]]):
    x = vectoriser.transform(examples)
    return [list(m.predict_proba(x)[:, 1]) for m in models]  # per theme, per answer


def _f1(got: list[bool], want: list[bool]) -> float:
    tp = sum(g and w for g, w in zip(got, want, strict=True))
    wrong = sum(g != w for g, w in zip(got, want, strict=True))
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def _macro(decided: list[set[str]], items: list[dict], themes: list[str]) -> float:
    """Macro F1 over the themes present in ``items`` (as the bench computes it)."""
    scores = [
        _f1([t in d for d in decided], [t in it["themes"] for it in items])
        for t in themes
        if any(t in it["themes"] for it in items)
    ]
    return sum(scores) / len(scores) if scores else 0.0


def _thresholds(files: dict[str, list[dict]], examples: dict[str, list[list[str]]], themes):
    """Per theme, the threshold with the best F1 on the blind tuning files, each scored by a
    model trained without it; with the figures there."""
    held: list[dict] = []
    probabilities: list[list[float]] = [[] for _ in themes]  # per theme, per held-out answer
    for name in BLIND_TUNING:
        train = [n for n in files if n != name]
        vectoriser, models = _fit(
            [e for n in train for e in examples[n]],
            [set(it["themes"]) for n in train for it in files[n]],
            themes,
        )
        for j, ps in enumerate(_probabilities(vectoriser, models, examples[name])):
            probabilities[j].extend(ps)
        held.extend({**it, "_file": name} for it in files[name])
    thresholds = []
    for j, theme in enumerate(themes):
        want = [theme in it["themes"] for it in held]
        best = max(_STEPS, key=lambda c: (_f1([p >= c for p in probabilities[j]], want), -c))
        thresholds.append(best)
    decided = [
        {t for j, t in enumerate(themes) if probabilities[j][i] >= thresholds[j]}
        for i in range(len(held))
    ]
    codebook = load_codebook()
    lexicon = [{m.theme for m in lexicon_themes(it["text"], it["lang"], codebook)} for it in held]
    figures = {}
    for name in (*BLIND_TUNING, "all"):
        for group in ("en", "other"):
            rows = [
                i
                for i, it in enumerate(held)
                if (it["lang"] == "en") == (group == "en") and name in ("all", it["_file"])
            ]
            items = [held[i] for i in rows]
            figures[f"{name.removesuffix('.jsonl')} {group}"] = [
                round(_macro([lexicon[i] for i in rows], items, themes), 3),
                round(_macro([decided[i] for i in rows], items, themes), 3),
            ]
    return thresholds, figures


def _rounded(value: float) -> float:
    return round(float(value), 3)


def fit_weights(files: dict[str, list[dict]], examples: dict[str, list[list[str]]], themes):
    """The bias and compact weights of the model trained on every file."""
    vectoriser, models = _fit(
        [e for n in files for e in examples[n]],
        [set(it["themes"]) for n in files for it in files[n]],
        themes,
    )
    weights = {}
    columns = zip(*(m.coef_[0] for m in models), strict=True)
    for feature, row in zip(vectoriser.get_feature_names_out(), columns, strict=True):
        if max(abs(w) for w in row) >= _KEEP:
            weights[str(feature)] = [_rounded(w) for w in row]
    return [_rounded(m.intercept_[0]) for m in models], weights


def training_data(codebook=None):
    """(answers per training file, their features per file, the theme ids)."""
    codebook = codebook or load_codebook()
    files = {name: load(name) for name in TRAINING_FILES}
    examples = {
        name: [example(it["text"], it["lang"], codebook) for it in items]
        for name, items in files.items()
    }
    return files, examples, list(codebook.theme_ids)


def train() -> dict:
    codebook = load_codebook()
    files, examples, themes = training_data(codebook)
    thresholds, figures = _thresholds(files, examples, themes)
    bias, weights = fit_weights(files, examples, themes)
    summary = {
        "trained_on": sorted(files),
        "answers": sum(map(len, files.values())),
        "blind_tuning": list(BLIND_TUNING),
        "blind_tuning_macro_f1": figures,
    }
    return {
        "version": codebook.version,  # trained with these terms: a codebook change retrains
        "summary": summary,
        "themes": themes,
        "thresholds": thresholds,
        "bias": bias,
        "weights": weights,
    }


def main() -> None:
    raw = train()
    save(DATA, raw)
    thresholds = dict(zip(raw["themes"], raw["thresholds"], strict=True))
    print(
        f"{DATA.name}: {len(raw['weights'])} weights, trained on {raw['summary']['answers']} "
        f"answers; thresholds {thresholds}\nmacro F1 on the blind tuning files, each left out "
        "(lexicon alone, model):",
        file=sys.stderr,
    )
    for where, (lexicon, model) in raw["summary"]["blind_tuning_macro_f1"].items():
        print(f"  {where}: {lexicon:.3f} -> {model:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
