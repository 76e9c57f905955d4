"""The whole pipeline on one answer, and the analyse-text contract line."""

from __future__ import annotations

import json
import re
import sys
import types
from dataclasses import dataclass

import pytest

from analysis.codebook import load_codebook
from analysis.pipeline import analyse_text, to_contract_dict


@pytest.fixture(scope="module", autouse=True)
def redactor():
    """The real redactor when it is present; otherwise a test double that redacts phones."""
    try:
        import analysis.redaction  # noqa: F401

        yield
        return
    except ImportError:
        pass

    @dataclass(frozen=True)
    class PiiSpan:
        start: int
        end: int
        type: str

    @dataclass(frozen=True)
    class Redaction:
        text: str
        spans: tuple

    def redact(text, *, schools=()):
        spans = tuple(PiiSpan(m.start(), m.end(), "PHONE") for m in re.finditer(r"07\d{9}", text))
        out = re.sub(r"07\d{9}", "[PHONE]", text)
        return Redaction(out, spans)

    module = types.ModuleType("analysis.redaction")
    module.redact, module.PiiSpan, module.Redaction = redact, PiiSpan, Redaction
    sys.modules["analysis.redaction"] = module
    yield
    del sys.modules["analysis.redaction"]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def test_redacts_first_then_analyses(codebook):
    text = "he keeps texting me from 07700900123 saying hes gonna stab me"
    result = analyse_text(text, "en", codebook)
    assert "07700900123" not in result.redacted
    assert "[PHONE]" in result.redacted
    (span,) = [s for s in result.pii if s.type == "PHONE"]
    assert text[span.start : span.end] == "07700900123"
    assert {m.theme for m in result.themes} >= {"knife_crime", "online_safety"}
    assert result.sentiment.label == "negative"
    assert result.concern.flagged and "threatened" in result.concern.reasons
    assert result.codebook_version == codebook.version


def test_contract_line_has_exactly_the_contract_fields(codebook):
    result = analyse_text("i got bullied on snapchat", "en", codebook)
    line = to_contract_dict("r1", result)
    assert set(line) == {"id", "redacted", "pii", "themes", "sentiment", "concern"}
    assert line["themes"] == ["online_safety", "bullying"]
    assert set(line["sentiment"]) == {"label", "polarity"}
    assert line["concern"] is False
    json.dumps(line)  # serialisable as one JSONL line


def test_non_english_needs_translation(codebook):
    result = analyse_text("tata bije mamę jak jest pijany", "pl", codebook)
    assert result.sentiment is None and result.needs_translation
    line = to_contract_dict(7, result)
    assert line["sentiment"] is None
    assert line["concern"] is True
    assert "domestic_abuse" in line["themes"]


def test_pii_offsets_are_contract_dicts(codebook):
    result = analyse_text("call me on 07700900123", "en", codebook)
    line = to_contract_dict("x", result)
    assert line["pii"] and all(set(p) == {"start", "end", "type"} for p in line["pii"])


def test_empty_answer(codebook):
    line = to_contract_dict("e", analyse_text("", "en", codebook))
    assert line["redacted"] == "" and line["themes"] == [] and line["concern"] is False
    assert line["sentiment"] == {"label": "neutral", "polarity": 0.0}


@pytest.mark.parametrize(
    ("text", "themes", "sentiment", "concern"),
    [
        # the hard cases of issue 7, through the whole pipeline
        ("I don't feel unsafe", {"general_safety"}, "positive", False),
        ("we learned about knife crime in PSHE", {"knife_crime", "support"}, None, False),
        ("I don't want to go home when he's drunk", {"domestic_abuse"}, "negative", True),
        ("i got bullied on snapchat", {"online_safety", "bullying"}, "negative", False),
    ],
)
def test_hard_cases_of_the_issue(text, themes, sentiment, concern):
    result = analyse_text(text, "en", load_codebook())
    assert themes <= {m.theme for m in result.themes}
    if sentiment:
        assert result.sentiment.label == sentiment
    assert result.concern.flagged is concern


def test_a_disclosure_is_found_when_redaction_changes_the_text():
    result = analyse_text("my dad hits me, ring me on 07700900123", "en", load_codebook())
    assert "[" in result.redacted
    assert "home_violence" in result.concern.reasons


def test_the_pipeline_scores_sentiment_and_themes_with_its_own_concern_result(codebook):
    # no opinion word and no codebook word: the concern screen carries both
    text = "i sleep with a chair against my door"
    result = analyse_text(text, "en", codebook)
    assert result.concern.reasons == ("home_violence",)
    assert result.sentiment.label == "negative"
    themes = {m.theme: m.terms for m in result.themes}
    assert themes["domestic_abuse"] == ("concern: home_violence",)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my step dad hits me when hes drunk and i dont want to go home", "en"),
        ("people send mean stuff about me on snapchat", "en"),
        ("the canteen is alright but the toilets are disgusting", "en"),
        ("w szkole czuję się bezpiecznie", "pl"),
    ],
)
def test_the_worker_reading_stored_text_reaches_what_submission_found(text, lang):
    # Storage holds the redacted text only; the background worker analyses that.
    from analysis.pipeline import analyse_redacted

    codebook = load_codebook()
    at_submission = analyse_text(text, lang, codebook)
    later = analyse_redacted(at_submission.redacted, lang, codebook)
    assert later.themes == at_submission.themes
    assert later.sentiment == at_submission.sentiment
    assert later.concern == at_submission.concern
    assert later.codebook_version == codebook.version
