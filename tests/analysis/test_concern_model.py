"""The statistical concern screen: what it adds to the patterns, how it explains itself, and
that the shipped weights are what the labelled data gives."""

from __future__ import annotations

import json

import pytest

from analysis import concern_model, train_concern_model, training_data
from analysis.codebook import load_codebook
from analysis.concern import REASONS, pattern_reasons, screen_concern
from tests.analysis import test_concern

# Disclosures in words no pattern lists (checked below), written for this test.
UNFORESEEN = [
    ("i go straight upstairs and lock my door when his van pulls up", "en"),
    ("he said if i dont send another one he will show everyone", "en"),
]


@pytest.mark.parametrize(("text", "lang"), UNFORESEEN)
def test_the_screen_flags_what_no_pattern_foresaw_and_says_why(text, lang):
    assert pattern_reasons(text, lang) == ()
    result = screen_concern(text, lang)
    assert result.flagged
    assert len(result.reasons) == 1 and result.reasons[0] in REASONS
    assert concern_model.cues(text), "a reviewer must see which words weighed most"


def test_cues_are_words_of_the_answer_strongest_first_and_none_when_not_flagged():
    text = "my step dad hits me when he gets angry"
    found = concern_model.cues(text)
    assert 1 <= len(found) <= 3
    assert set(found) <= set(concern_model.tokens(text))
    scores = [concern_model._model().word_score(w) for w in found]
    assert scores == sorted(scores, reverse=True)
    assert concern_model.cues("more lights by the bus stop please") == ()
    assert "he" not in concern_model.cues(UNFORESEEN[1][0])


def _look_alikes() -> list[tuple[str, str, bool]]:
    """The everyday look-alikes of test_concern.py: (text, language, accepted false alarm)."""
    out = []
    for name in dir(test_concern):
        if not name.endswith("not_flagged"):
            continue
        for mark in getattr(getattr(test_concern, name), "pytestmark", []):
            for value in mark.args[1] if mark.name == "parametrize" else ():
                accepted = bool(getattr(value, "marks", ()))
                value = value.values if accepted else value
                values = (value,) if isinstance(value, str) else tuple(value)
                out.append((values[0], values[1] if len(values) > 1 else "en", accepted))
    return out


def test_accepted_false_alarms_come_from_the_statistical_screen_alone():
    """The look-alikes marked ACCEPTED_FALSE_ALARM: no pattern flags them, the screen does."""
    accepted = [(text, lang) for text, lang, ok in _look_alikes() if ok]
    assert accepted
    for text, lang in accepted:
        assert pattern_reasons(text, lang) == (), text
        assert screen_concern(text, lang).statistical, text


def test_the_screen_flags_few_everyday_look_alikes():
    """It trades false alarms for recall, but most everyday answers must still pass."""
    look_alikes = _look_alikes()
    assert len(look_alikes) > 80
    flagged = sum(screen_concern(text, lang).flagged for text, lang, _ in look_alikes)
    assert flagged <= 0.2 * len(look_alikes)


def test_the_shipped_weights_never_saw_the_fair_held_out_sets():
    raw = json.loads(concern_model.DATA.read_text(encoding="utf-8"))
    trained_on = set(raw["summary"]["trained_on"])
    assert trained_on <= {*train_concern_model.TRAINING_FILES, *train_concern_model.ORDINARY}
    assert not trained_on & set(training_data.FAIR_CHECKS)
    assert raw["reasons"] == [r for r in REASONS if r in raw["reasons"]]


def test_the_screen_carries_the_codebook_version_results_are_stored_with():
    """Stored results name the codebook version, and `feelsafe analyse` re-screens answers made
    with another: weights trained for an older codebook must not ship beside a newer one."""
    raw = json.loads(concern_model.DATA.read_text(encoding="utf-8"))
    assert raw["version"] == load_codebook().version


def test_retraining_on_the_labelled_files_gives_the_shipped_screen():
    pytest.importorskip("sklearn")
    shipped = json.loads(concern_model.DATA.read_text(encoding="utf-8"))
    fresh = train_concern_model.train()
    assert fresh["threshold"] == shipped["threshold"]
    assert fresh["summary"] == shipped["summary"]
    assert fresh["bias"] == pytest.approx(shipped["bias"], abs=1e-3)
    common = set(fresh["weights"]) & set(shipped["weights"])
    assert len(common) >= 0.99 * len(shipped["weights"])
    assert max(abs(fresh["weights"][f] - shipped["weights"][f]) for f in common) < 1e-2
