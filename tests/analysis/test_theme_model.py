"""The theme model beside the lexicon: what it adds, what it sets aside and how it says why, the
codebook an admin edits, and that the shipped weights are what the labelled data gives."""

from __future__ import annotations

import json
import random

import pytest

from analysis import theme_model, train_theme_model, training_data
from analysis.codebook import DEFAULT_CODEBOOK_PATH, CodebookError, load_codebook, parse_codebook
from analysis.concern import Concern
from analysis.linear_model import LinearHeads, SharedHeads, pairs, tokens, word_features
from analysis.theme_model import lexicon_features
from analysis.themes import (
    MODEL_PREFIX,
    code_themes,
    lexicon_themes,
    model_inputs,
    overruled_themes,
)

NO_CONCERN = Concern(False)
# Bullying in words no bullying term lists (checked below), written for this test.
UNLISTED_BULLYING = "some kids in year 9 keep taking my lunch money"


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def themes(text: str, lang: str, codebook, concern=NO_CONCERN) -> dict[str, tuple[str, ...]]:
    return {m.theme: m.terms for m in code_themes(text, lang, codebook, concern=concern)}


def test_bullying_no_term_foresaw_is_coded_with_the_words_that_weighed_most(codebook):
    assert "bullying" not in {m.theme for m in lexicon_themes(UNLISTED_BULLYING, "en", codebook)}
    terms = themes(UNLISTED_BULLYING, "en", codebook)["bullying"]
    assert 1 <= len(terms) <= 3
    assert all(t.startswith(MODEL_PREFIX) for t in terms), "a reviewer must see why"
    cues = [t.removeprefix(MODEL_PREFIX) for t in terms]
    assert {w for cue in cues for w in cue.split()} <= set(tokens(UNLISTED_BULLYING))
    assert "my" not in cues and "in" not in cues  # stopwords tell a reviewer nothing


def test_the_words_shown_are_those_that_weighed_most_strongest_first(codebook):
    model = theme_model.theme_model()
    ws = tokens(UNLISTED_BULLYING)
    cues = model.cues(ws, "bullying")
    j = model.column["bullying"]
    weights = [
        model.heads.weights[f"b:{c}"][j] if " " in c else model.heads.word_vector(c)[j]
        for c in cues
    ]
    assert weights == sorted(weights, reverse=True) and min(weights) > 0


def test_a_theme_its_terms_found_keeps_the_terms(codebook):
    got = themes("i got bullied on snapchat, they made a group chat about me", "en", codebook)
    assert "bullied" in got["bullying"]
    assert "snapchat" in got["online_safety"]
    assert not any(t.startswith(MODEL_PREFIX) for ts in got.values() for t in ts)


def test_a_match_the_model_sets_aside_is_still_shown_with_its_terms(codebook):
    # "step dad" is a domestic_abuse term; the rest of the answer says otherwise.
    text = "my step dad is really kind to me"
    assert "step dad" in dict((m.theme, m.terms) for m in lexicon_themes(text, "en", codebook))[
        "domestic_abuse"
    ]
    assert "domestic_abuse" not in themes(text, "en", codebook)
    overruled = {m.theme: m.terms for m in overruled_themes(text, "en", codebook)}
    assert "step dad" in overruled["domestic_abuse"]


def test_overruled_and_given_themes_split_the_lexicon_matches(codebook):
    for text in ("my step dad is really kind to me", UNLISTED_BULLYING, "the bus is late"):
        lexicon = {m.theme for m in lexicon_themes(text, "en", codebook, concern=NO_CONCERN)}
        given = set(themes(text, "en", codebook))
        overruled = {m.theme for m in overruled_themes(text, "en", codebook, concern=NO_CONCERN)}
        assert overruled == lexicon - given


def _edited_codebook(old: str = "", new: str = "", extra: str = "") -> str:
    source = DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8")
    assert old in source
    return source.replace(old, new, 1) + extra


VAPING = """
[themes.vaping]
label = "Vaping"
description = "Vapes and e-cigarettes at school."
[themes.vaping.terms]
en = ["vape*"]
"""


def test_a_theme_an_admin_adds_is_given_by_its_terms_alone(codebook):
    edited = parse_codebook(_edited_codebook('version = "', 'version = "local-', extra=VAPING))
    assert themes("everyone vapes in the toilets", "en", edited)["vaping"] == ("vape*",)
    assert "vaping" not in themes("the toilets are always dirty", "en", edited)
    # The themes the model knows are decided as with the shipped codebook.
    assert themes(UNLISTED_BULLYING, "en", edited) == themes(UNLISTED_BULLYING, "en", codebook)


def test_a_term_an_admin_adds_to_a_known_theme_counts(codebook):
    text = "they keep zorblaxing me every day at break"
    assert "bullying" not in themes(text, "en", codebook)
    terms = "[themes.bullying.terms]\nen = ["
    edited = parse_codebook(_edited_codebook(terms, terms + '"zorblax*", '))
    assert themes(text, "en", edited)["bullying"] == ("zorblax*",)


def test_a_malformed_edit_is_still_refused():
    for old, new in (('["vape*"]', '"vape*"'), ("[themes.vaping]", "[themes.Vaping]")):
        with pytest.raises(CodebookError):
            parse_codebook(_edited_codebook(extra=VAPING.replace(old, new)))


def test_a_statistical_concern_reason_is_not_read_as_a_lexicon_hit(codebook):
    """The statistical screen was trained on the answers the theme model is trained on: its
    reason still gives the lexicon's theme, but the model reads only the patterns' reasons."""
    pattern = Concern(True, ("home_violence",))
    statistical = Concern(True, ("home_violence",), statistical=True)
    text = "some words"
    assert model_inputs(text, "en", codebook, concern=pattern) == ["domestic_abuse"]
    assert model_inputs(text, "en", codebook, concern=statistical) == []
    assert [m.theme for m in lexicon_themes(text, "en", codebook, concern=statistical)] == [
        "domestic_abuse"
    ]


def test_the_model_is_trained_for_the_codebook_it_ships_with(codebook):
    """Stored results name the codebook version, and a codebook change must retrain the model:
    its ``lex:`` features were learnt from these terms."""
    raw = json.loads(theme_model.DATA.read_text(encoding="utf-8"))
    assert raw["version"] == codebook.version
    assert raw["themes"] == list(codebook.theme_ids)
    assert all(0 < t < 1 for t in raw["thresholds"])


def test_the_shipped_weights_never_saw_the_fair_held_out_sets():
    raw = json.loads(theme_model.DATA.read_text(encoding="utf-8"))
    trained_on = set(raw["summary"]["trained_on"])
    assert trained_on == set(train_theme_model.TRAINING_FILES)
    assert not trained_on & set(training_data.FAIR_CHECKS)
    assert set(train_theme_model.BLIND_TUNING) <= trained_on


def test_retraining_on_the_labelled_files_gives_the_shipped_decisions():
    """The final fit only (choosing the thresholds, leave-one-file-out, takes minutes): the fresh
    weights with the shipped thresholds decide a sample of answers as the shipped model does."""
    pytest.importorskip("sklearn")
    shipped = json.loads(theme_model.DATA.read_text(encoding="utf-8"))
    files, examples, theme_ids = train_theme_model.training_data()
    bias, weights = train_theme_model.fit_weights(files, examples, theme_ids)
    assert bias == pytest.approx(shipped["bias"], abs=1e-2)
    common = set(weights) & set(shipped["weights"])
    assert len(common) >= 0.99 * len(shipped["weights"])
    fresh = theme_model.ThemeModel({**shipped, "bias": bias, "weights": weights})
    model = theme_model.theme_model()
    codebook = load_codebook()
    sample = files["text_eval_dev8.jsonl"][::2]
    same = 0
    for it in sample:
        lexical = lexicon_features(model_inputs(it["text"], it["lang"], codebook))
        ws = tokens(it["text"])
        same += fresh.passing(ws, lexical) == model.passing(ws, lexical)
    assert same >= 0.99 * len(sample)


def _plain_scores(heads: LinearHeads, ws: list[str], extra: list[str]) -> list[float]:
    features = [f for w in ws for f in word_features(w)] + pairs(ws) + extra
    totals = list(heads.bias)
    for f in features:
        for i, w in enumerate(heads.weights.get(f, [0.0] * len(totals))):
            totals[i] += w
    return totals


def _random_heads(rng: random.Random, classes: int) -> LinearHeads:
    kept = [f for f in sorted(_FEATURES) if rng.random() < 0.6]
    weights = {f: [rng.uniform(-4, 4) for _ in range(classes)] for f in kept}
    bias = [rng.uniform(-2, 2) for _ in range(classes)]
    return LinearHeads([str(i) for i in range(classes)], bias, weights)


_VOCABULARY = ["ab", "cd", "efg", "hij", "k"]
_FEATURES = {f for w in _VOCABULARY for f in word_features(w)}
_FEATURES |= {f"b:{a} {b}" for a in _VOCABULARY for b in _VOCABULARY} | {"lex:x", "lex:y"}


def test_packed_scores_are_the_plain_sums_whatever_the_signs():
    rng = random.Random(7)
    for _ in range(50):
        heads = _random_heads(rng, 3)
        ws = [rng.choice(_VOCABULARY) for _ in range(rng.randint(0, 12))]
        extra = rng.sample(["lex:x", "lex:y", "lex:unknown"], rng.randint(0, 3))
        assert heads.scores(ws, extra) == pytest.approx(_plain_scores(heads, ws, extra), abs=1e-4)


def test_models_summed_together_read_the_same_fields_as_each_alone():
    rng = random.Random(11)
    for _ in range(20):
        parts = tuple(_random_heads(rng, rng.randint(1, 4)) for _ in range(3))
        joined = SharedHeads(parts)
        for _ in range(5):
            ws = [rng.choice(_VOCABULARY) for _ in range(rng.randint(0, 12))]
            found = joined.fields(ws)
            for heads, start in zip(parts, joined.starts, strict=True):
                assert found[start : start + len(heads.classes)] == heads.fields(ws)


def test_tokens_give_a_fresh_list_each_time():
    first = tokens("they keep picking on me")
    first.append("changed")
    assert tokens("they keep picking on me") == ["they", "keep", "picking", "on", "me"]
