"""Sentiment: pupils' negation, slang and safety words; no score for untranslated answers."""

from __future__ import annotations

import pytest

from analysis.sentiment import score_sentiment


def label(text: str) -> str:
    result = score_sentiment(text, "en")
    assert result is not None
    return result.label


def test_double_negation_is_not_negative():
    assert label("I don't feel unsafe") != "negative"
    assert label("i dont feel unsafe at school") != "negative"


@pytest.mark.parametrize(
    "text", ["not safe", "i dont feel safe walking home", "never safe round there"]
)
def test_negated_safety_is_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "its peak out there",
        "the bus home is long",
        "i got bullied",
        "i feel threatened",
        "a man followed me and i was scared",
        "my cousin got stabbed",
        "bare nitties in the park",
    ],
)
def test_safety_words_and_slang_textblob_misses_are_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize("text", ["its calm round here", "my form tutor is safe", "i feel safe"])
def test_approval_slang_is_positive(text):
    assert label(text) == "positive"


def test_intensifier_strengthens():
    plain = score_sentiment("the park is scary", "en")
    strong = score_sentiment("the park is bare scary", "en")
    assert strong.polarity < plain.polarity < 0


def test_what_follows_but_weighs_more():
    assert label("school is safe but the walk home is scary") == "negative"
    assert label("school is safe but the walk home isnt") == "negative"


def test_requests_without_feeling_are_neutral():
    assert label("there should be more police on the high street") == "neutral"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # an elided clause after "but" reverses the one before it
        ("i feel safe at school but not on the bus", "negative"),
        ("i used to feel safe but not anymore", "negative"),
        ("some places are safe and some arent", "neutral"),
        # how things are now outweighs how they were
        ("it was bad last year but its much better now", "positive"),
        # the outcome of a story judges it
        ("i told my head of year about the bullying and she sorted it", "positive"),
        ("the school handles bullying really well", "positive"),
        # knowing who to tell is a good sign
        ("i would tell a teacher if something happened", "positive"),
        ("i know who to talk to", "positive"),
        # a request or suggestion is not a complaint
        ("i wish the school would do something about vaping", "neutral"),
        ("can we have more clubs please", "neutral"),
        # naming a harm only to deny it is not praise
        ("i would never carry a knife", "neutral"),
        ("i dont carry a knife", "neutral"),
        # a bare "no" or "nothing" answers the question, it is not a feeling
        ("no", "neutral"),
        ("nothing really", "neutral"),
        # things done to the writer are negative without any opinion word
        ("they call me names", "negative"),
        ("people push me in the corridor", "negative"),
        ("they leave me out of everything", "negative"),
        ("i have no one to talk to", "negative"),
        ("the police came to our house last night", "negative"),
        ("i'm always looking over my shoulder", "negative"),
    ],
)
def test_how_pupils_write(text, want):
    assert label(text) == want


@pytest.mark.parametrize("lang", ["ta", "ur", "pl", "pt", "ar"])
def test_other_languages_get_no_score_not_a_made_up_neutral(lang):
    assert score_sentiment("texto qualquer", lang) is None


def test_polarity_is_bounded_and_placeholders_are_ignored():
    result = score_sentiment("[NAME] is bare bare horrible horrible", "en")
    assert -1.0 <= result.polarity < 0
    assert score_sentiment("[NAME]", "en").label == "neutral"


def test_phrase_prefilter_changes_nothing():
    # Only the phrase rules whose words occur run; the tokens must equal running every rule.
    import re

    from analysis import sentiment
    from analysis._text import PLACEHOLDER
    from analysis.training_data import TRAINING_FILES, load

    def every_rule(text: str) -> list[str]:
        text = re.sub(r"[\u2019\u2018'`]", "", PLACEHOLDER.sub(" ", text).lower())
        for pattern, repl in sentiment._PHRASES:
            text = pattern.sub(repl, text)
        return sentiment._TOKEN.findall(text)

    texts = [it["text"] for name in TRAINING_FILES for it in load(name)]
    for text in texts:
        assert sentiment._tokens(text) == every_rule(text), text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # negation reaches past function words to the harm it denies
        ("no one at home would ever hurt me", "neutral"),
        ("i never feel unsafe", "positive"),
        ("nobody feels safe here", "negative"),
        # pupils' slang: "peak", "long" are complaints; "a vibe", "jokes" are praise
        ("the canteen is peak, the chips are always cold", "negative"),
        ("everythings long here", "negative"),
        ("the youth club is a vibe", "positive"),
        ("im dead that lesson was jokes", "positive"),
        ("im dying to go on the school trip", "positive"),
        # sarcasm
        ("love how nobody does anything about the fights", "negative"),
        ("oh great, another assembly about phones", "negative"),
        ("yeah cos detention really fixes everything", "negative"),
        ("wow they fixed the lights, only took them two years", "negative"),
        ("honestly the school is a joke", "negative"),
        # what follows "but" judges; "boring" is a mild complaint, not the worst word there is
        ("its boring but safe", "positive"),
        ("its safe but boring", "negative"),
        # a topic named in a lesson is not the pupil's feeling
        ("we did a lesson on county lines and grooming", "neutral"),
        # "best mate" names someone, it does not judge
        ("my best mate has been talking about suicide", "negative"),
    ],
)
def test_third_revision_rules(text, want):
    assert label(text) == want


@pytest.mark.parametrize(
    ("text", "rules_say", "not_want"),
    [
        # "mid" is never praise; the blind labellers call it a complaint or merely neutral
        ("maths is mid ngl", "negative", "positive"),
        # the outcome judges the story: a harm that stopped is not a complaint now
        ("someone kept posting about me but it stopped", "positive", "negative"),
    ],
)
def test_answers_between_two_labels_keep_off_the_wrong_one(text, rules_say, not_want):
    """The rules keep their reading; the trained model may settle on neutral (it does)."""
    from analysis.sentiment import rule_sentiment

    assert rule_sentiment(text, disclosure=False).label == rules_say
    assert label(text) != not_want


def test_a_disclosure_is_negative_even_without_an_opinion_word():
    from analysis.concern import Concern

    text = "i keep thinking about ending my life"
    assert label(text) == "negative"
    # the pipeline passes the screen's result in; without a concern the words alone are neutral
    assert score_sentiment(text, "en", concern=Concern(False)).label == "neutral"
    assert score_sentiment(text, "en", concern=Concern(True, ("self_harm",))).label == "negative"


def test_ascii_compiled_phrase_rules_rewrite_like_the_unicode_ones():
    from analysis import sentiment
    from analysis.training_data import TRAINING_FILES, load

    texts = [sentiment._prepare(it["text"]) for name in TRAINING_FILES for it in load(name)]
    for text in (t for t in texts if t.isascii()):
        for (fast, repl), (plain, _) in zip(
            sentiment._PHRASES_ASCII, sentiment._PHRASES, strict=True
        ):
            assert fast.sub(repl, text) == plain.sub(repl, text), (plain.pattern, text)



@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the canteen queue is carnage", "negative"),
        ("our new pastoral lead is goated", "positive"),
        ("the new rules are a big W", "positive"),
        ("i really dont like the underpass", "negative"),
        ("honestly im not ok at the moment", "negative"),
        ("racism isnt really a thing at my school", "positive"),
        ("i wish i had someone to sit with", "negative"),
        ("my carers would never lay a finger on me", "positive"),
        ("they make jokes about my accent every day", "negative"),
        ("great, another assembly \U0001f644", "negative"),
        ("we heard about a fight at a school in the news", "neutral"),
        ("my brother hasnt eaten since yesterday", "negative"),
    ],
)
def test_fourth_revision_rules(text, want):
    assert score_sentiment(text, "en").label == want
