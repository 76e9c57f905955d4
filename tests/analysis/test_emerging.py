"""Emerging topics come only from answers no theme matched, ignoring stopwords and placeholders."""

from __future__ import annotations

from analysis.codebook import load_codebook
from analysis.emerging import Topic, emerging_topics


def test_frequent_phrases_in_unmatched_answers():
    answers = [
        ("the toilets are disgusting", "en"),
        ("[NAME] vapes in the toilets", "en"),
        ("toilets are disgusting and smell", "en"),
        ("i got bullied near the toilets", "en"),  # matched a theme: not counted
    ]
    topics = emerging_topics(answers, load_codebook(), top=5)
    assert topics[0] == Topic("toilets", 3)
    assert Topic("toilets are disgusting", 2) in topics
    phrases = {t.phrase for t in topics}
    assert "name" not in phrases and "the" not in phrases
    assert "disgusting" not in phrases  # no more frequent than the phrase that contains it


def test_other_scripts_and_top_limit():
    answers = [("الطعام في المقصف سيء", "ar"), ("الطعام بارد", "ar"), ("x", "en")]
    topics = emerging_topics(answers, load_codebook(), top=1)
    assert topics == [Topic("الطعام", 2)]


def test_nothing_unmatched_gives_nothing():
    assert emerging_topics([("i feel safe", "en"), ("", "en")], load_codebook()) == []
