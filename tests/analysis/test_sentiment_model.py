"""The trained sentiment model: what it changes over the rules, the polarity it reports, and that
the shipped weights are what the labelled data gives."""

from __future__ import annotations

import json

import pytest

from analysis import sentiment_model, train_sentiment_model, training_data
from analysis.codebook import load_codebook
from analysis.concern import Concern
from analysis.sentiment import label_for, lexical_sentiment, rule_sentiment, score_sentiment

# Written for this test (after the model was trained): plain answers the rules label wrongly,
# having no opinion word they know, and the model rightly.
RULES_WRONG = [
    ("my form tutor always checks in on me", "positive"),
    ("our head of year knows everyone by name", "positive"),
    ("my mum picks me up so i never walk home alone", "positive"),
    ("year 9s throw stuff at you on the field", "negative"),
]


def _raw() -> dict:
    return json.loads(sentiment_model.DATA.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "want"), RULES_WRONG)
def test_the_model_labels_plain_answers_the_rules_get_wrong(text, want):
    assert rule_sentiment(text, disclosure=False).label != want
    assert score_sentiment(text, "en", concern=Concern(False)).label == want


def _sample(step: int = 7) -> list[str]:
    """Every ``step``-th English answer of the two newest tuning files."""
    texts = [
        text
        for name in ("text_eval_dev7.jsonl", "text_eval_dev8.jsonl")
        for text, _ in train_sentiment_model.english_answers(name)
    ]
    return texts[::step]


def test_polarity_is_bounded_and_gives_the_label_back():
    texts = [*_sample(), *(text for text, _ in RULES_WRONG)]
    overruled = 0
    for text in texts:
        result = score_sentiment(text, "en")
        assert -1.0 <= result.polarity <= 1.0, text
        assert label_for(result.polarity) == result.label, text
        overruled += result.label != rule_sentiment(text, disclosure=False).label
    assert overruled, "the sample should hold answers the model relabels"


def test_a_flag_of_the_statistical_screen_alone_changes_no_score():
    statistical = Concern(True, ("self_harm",), statistical=True)
    for text in [*_sample(25), "i keep thinking about ending my life"]:
        alone = score_sentiment(text, "en", concern=statistical)
        assert alone == score_sentiment(text, "en", concern=Concern(False)), text


def test_the_concern_screen_reads_the_rules_not_the_model():
    """Its wider nets were tuned on the rules' words (lexical_sentiment)."""
    text, _ = RULES_WRONG[0]
    assert lexical_sentiment(text) == rule_sentiment(text, disclosure=False)
    assert lexical_sentiment(text).label != score_sentiment(text, "en").label


def test_the_shipped_weights_never_saw_the_fair_held_out_sets():
    summary = _raw()["summary"]
    assert set(summary["trained_on"]) == set(train_sentiment_model.TRAINING_FILES)
    assert not set(summary["trained_on"]) & set(training_data.FAIR_CHECKS)
    assert summary["C"] in train_sentiment_model.C_GRID
    # each blind tuning file scored by a model trained without it: better than the rules
    pooled = summary["leave_one_file_out"]["all"]
    assert pooled["model"] > pooled["rules"] + 0.03


def test_the_model_carries_the_codebook_version_results_are_stored_with():
    """Stored results name the codebook version: weights trained for an older codebook must not
    ship beside a newer one."""
    assert _raw()["version"] == load_codebook().version


def test_retraining_on_the_labelled_files_gives_the_shipped_model():
    pytest.importorskip("sklearn")
    shipped = _raw()
    trainer = train_sentiment_model
    examples = [ex for name in trainer.TRAINING_FILES for ex in trainer._examples(name)]
    fresh = trainer.fit(examples, shipped["summary"]["C"])
    assert fresh["classes"] == shipped["classes"]
    assert fresh["polarity_bins"] == shipped["polarity_bins"]
    assert fresh["bias"] == pytest.approx(shipped["bias"], abs=1e-3)
    common = set(fresh["weights"]) & set(shipped["weights"])
    assert len(common) >= 0.99 * len(shipped["weights"])
    for f in common:
        assert fresh["weights"][f] == pytest.approx(shipped["weights"][f], abs=1e-2), f
    # and the decisions: the same label on a sample of answers
    old, new = sentiment_model._Model(shipped), sentiment_model._Model(fresh)
    for text in _sample(5):
        rules = trainer.rule_result(text)
        assert new.predict(text, rules.label, rules.polarity).label == old.predict(
            text, rules.label, rules.polarity
        ).label, text
