"""The required-literal prefilter: sound (never skips a regex that matches) and selective."""

from __future__ import annotations

import re

import pytest

from analysis import concern
from analysis._literals import LiteralGate, required
from analysis._text import normalise
from analysis.concern_nets import NET_LANGS, net_reasons
from analysis.training_data import TRAINING_FILES, load


def test_required_literals_of_simple_shapes():
    assert required(r"\b(dad|mum)\b hits") == {"dad hits", "mum hits"}
    assert required(r"\bsuicid\w*") == {"suicid"}
    assert required(r"\b(kill|cut) (my ?self|meself)\b") == {
        f"{verb} {obj}" for verb in ("kill", "cut") for obj in ("my self", "myself", "meself")
    }
    assert required(r"\w+") is None
    assert required(r"(a|\w+)") is None


def test_gate_opens_the_key_of_every_regex_that_matches():
    sources = [("a", r"\b(dad|step ?dad)\b[^.]{0,20}\bhits?\b"), ("b", r"\bthreat\w*"), ("c", r".")]
    gate = LiteralGate(sources)
    for text in ["my stepdad hits me", "they threatened him", "nothing here", "dad hit"]:
        opened = gate.open_keys(text)
        for key, source in sources:
            if re.search(source, text):
                assert key in opened, (key, text)
    assert gate.open_keys("nothing here") == {"c"}  # "." has no literal: always run


def _ungated(text: str, lang: str) -> tuple[str, ...]:
    """The screen with every regex run (no prefilter)."""
    langs = (lang, "en") if lang != "en" and lang in concern._patterns()[0] else ("en",)
    every = set(concern._by_key()) | {("co", reason) for reason in concern.REASONS}
    every |= {"weak", "distress", "family"}
    norm = concern.drop_hyperbole(normalise(text))
    found = concern._screen(norm, langs, every)
    if not found and lang in NET_LANGS:  # the non-English nets run after the patterns, ungated
        found = net_reasons(norm, lang)
    return found


@pytest.mark.parametrize("name", TRAINING_FILES)
def test_gated_screen_equals_running_every_pattern(name):
    for item in load(name):
        got = concern.pattern_reasons(item["text"], item["lang"])
        assert got == _ungated(item["text"], item["lang"]), item["text"]


def test_without_aho_corasick_the_regex_scan_finds_the_same_keys(monkeypatch):
    from analysis import _literals

    sources = [
        (("en", reason, i), concern._fold_letters(src))
        for reason, by_lang in concern._data()["reasons"].items()
        for i, src in enumerate(by_lang["en"])
    ]
    fast = LiteralGate(sources)
    monkeypatch.setattr(_literals, "_aho", None)
    slow = LiteralGate(sources)
    texts = [
        "my dad hits me and home is scary",
        "home is hell, i want to die",
        "the olders asked me to hold a package",
        "we learnt about knife crime",
        "homework is long",
    ]
    for text in texts:
        assert fast.open_keys(text) == slow.open_keys(text), text
