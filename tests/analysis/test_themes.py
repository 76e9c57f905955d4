"""Theme coding: several themes per answer, the matched terms shown, all six scripts."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from analysis._text import normalise
from analysis.codebook import load_codebook
from analysis.concern import Concern
from analysis.themes import code_themes, compile_term, lexicon_themes

EVAL = Path(__file__).resolve().parent.parent / "data" / "text_eval.jsonl"


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def themes(text: str, lang: str, codebook, **kw) -> dict[str, tuple[str, ...]]:
    return {m.theme: m.terms for m in code_themes(text, lang, codebook, **kw)}


def lexicon(text: str, lang: str, codebook, **kw) -> dict[str, tuple[str, ...]]:
    """The lexicon alone: what the codebook's terms and concern links find, before the theme
    model decides (the model may set a match aside; the reviewer still sees it)."""
    return {m.theme: m.terms for m in lexicon_themes(text, lang, codebook, **kw)}


def test_online_bullying_carries_both_themes_with_the_terms_that_matched(codebook):
    got = themes("i got bullied on snapchat, they made a group chat about me", "en", codebook)
    assert "bullying" in got and "online_safety" in got
    assert "bullied" in got["bullying"]
    assert "snapchat" in got["online_safety"]


def test_slang_and_misspellings_are_coded(codebook):
    assert "knife_crime" in themes("my mate got shanked by the opps", "en", codebook)
    assert "knife_crime" in themes("he pulled a ching out", "en", codebook)
    assert "exploitation" in themes("olders run county lines round here", "en", codebook)
    assert "bullying" in themes("ppl keep bulling me", "en", codebook)


def test_case_apostrophes_and_plurals(codebook):
    assert "knife_crime" in themes("KNIVES everywhere", "en", codebook)
    assert "domestic_abuse" in themes("My step-dad is scary", "en", codebook)
    assert "general_safety" in themes("I don’t feel safe", "en", codebook)


def test_whole_words_only(codebook):
    # "snap" is a term; "snapped" is not, and "bus" must not match inside "business".
    got = themes("my business teacher snapped a pencil", "en", codebook)
    assert "online_safety" not in got and "general_safety" not in got


def test_placeholders_do_not_break_coding(codebook):
    got = themes("[NAME] keeps bullying me and texted [PHONE]", "en", codebook)
    assert "bullying" in got


def test_polish_and_portuguese_inflections_match_stems(codebook):
    assert "knife_crime" in themes("widziałem chłopaka z nożem", "pl", codebook)
    assert "knife_crime" in themes("foi esfaqueado ontem", "pt", codebook)
    assert "general_safety" in themes("nie czuję się bezpiecznie", "pl", codebook)


def test_tamil_suffixes_and_arabic_clitics(codebook):
    # Tamil attaches case endings (கத்தியால் = with a knife); \b would cut inside the word.
    assert "knife_crime" in themes("அவன் கத்தியால் மிரட்டினான்", "ta", codebook)
    # Arabic: the article and prepositions attach in front (بالسكين = with the knife).
    assert "knife_crime" in themes("هددني بالسكين", "ar", codebook)
    assert "bullying" in themes("هناك تنمر في المدرسة", "ar", codebook)
    assert "general_safety" in themes("مجھے رات کو ڈر لگتا ہے", "ur", codebook)


def test_english_words_in_other_languages_are_coded(codebook):
    assert "bullying" in themes("سکول میں bullying بہت ہے", "ur", codebook)


def test_negation_does_not_stop_coding(codebook):
    assert "knife_crime" in themes("i would never carry a knife", "en", codebook)


def test_answer_with_no_theme(codebook):
    assert code_themes("the canteen food is cold", "en", codebook) == []


def _reference_themes(text: str, lang: str, codebook) -> dict[str, set[str]]:
    """The documented term semantics: one regex per term (compile_term), slow but plain."""
    norm = normalise(text)
    out: dict[str, set[str]] = {}
    for tid, theme in codebook.themes.items():
        for lg in (lang, "en") if lang != "en" else ("en",):
            for term in theme.terms.get(lg, ()):
                if _compiled(term, lg).search(norm):
                    out.setdefault(tid, set()).add(term)
    return out


@functools.cache
def _compiled(term: str, lang: str) -> re.Pattern[str]:
    return re.compile(compile_term(term, lang))


def test_token_lookup_agrees_with_the_regex_form_of_every_term(codebook):
    # The fast matcher must give exactly the themes and terms the per-term regexes give (the
    # lexicon alone: the theme model then decides, see test_theme_model.py).
    items = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
    extra = [
        ("my step-dad and stepdad and step dad", "en"),
        ("cyber-bullying, cyberbullying and cyber bullying", "en"),
        ("ele bate-me e bateme", "pt"),
        ("والسكينه بالسكاكين وسلاحهم", "ar"),
        ("kill. myself", "en"),
    ]
    for text, lang in [(i["text"], i["lang"]) for i in items] + extra:
        matches = lexicon_themes(text, lang, codebook, concern=Concern(False))
        got = {m.theme: set(m.terms) for m in matches}
        assert got == _reference_themes(text, lang, codebook), text


def test_phrase_words_must_be_adjacent(codebook):
    # "walk home" is a phrase: punctuation between its words breaks it.
    assert "walk home" in themes("i walk home", "en", codebook).get("general_safety", ())
    assert "walk home" not in themes("a long walk. home is fine", "en", codebook).get(
        "general_safety", ()
    )


def test_a_concern_reason_gives_its_theme_with_the_reason_as_the_term(codebook):
    # No codebook word for "a chair against my door", but the safeguarding screen reads it.
    text = "i sleep with a chair against my door"
    assert themes(text, "en", codebook).get("domestic_abuse") == ("concern: home_violence",)
    # The link itself, on words that say nothing (the model would rightly give no theme).
    flagged = Concern(True, ("neglect",))
    got = lexicon("texto qualquer", "pt", codebook, concern=flagged)
    assert got == {"neglect_abuse": ("concern: neglect",)}


def test_no_concern_theme_without_a_concern(codebook):
    assert "domestic_abuse" not in themes("i feel safe at home with my family", "en", codebook)


def test_the_ascii_word_split_equals_the_unicode_one():
    from analysis import themes as t

    items = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
    texts = [normalise(i["text"]) for i in items] + ["a-b c_d 3rd, [name] x.y"]
    for text in (x for x in texts if x.isascii()):
        assert t._SPLIT_ASCII.split(text) == t._SPLIT.split(text)



def test_other_language_concern_reasons_apply_only_outside_english(codebook):
    # sexual abuse of a child is neglect_abuse; the English terms read it, the drafts cannot.
    flagged = Concern(True, ("sexual_abuse",))
    assert "neglect_abuse" in lexicon("texto qualquer", "pt", codebook, concern=flagged)
    assert "neglect_abuse" not in lexicon("some words", "en", codebook, concern=flagged)


@pytest.mark.parametrize(
    "text",
    [
        "my aunt slaps me when she is in a mood",
        "he locks me out in the cold",
        "my uncle does stuff to me when we are alone",
        "she says it is our little secret",
        "my step brother gets in bed with me",
    ],
)
def test_harm_done_to_the_child_is_neglect_abuse(codebook, text):
    assert "neglect_abuse" in themes(text, "en", codebook)


def test_threats_from_peers_are_not_neglect_abuse(codebook):
    assert "neglect_abuse" not in themes("some boys said they would beat me up", "en", codebook)


@pytest.mark.parametrize(
    "text",
    [
        "they said theyre gonna batter him",
        "a group is coming for me after school",
        "the ends near me is rough",
        "i dont go in the woods anymore",
        "my dad kicks off and we all go quiet",
    ],
)
def test_threats_and_places_are_general_safety(codebook, text):
    assert "general_safety" in themes(text, "en", codebook)


@pytest.mark.parametrize(
    "text",
    [
        "could we get a bench by the gate",
        "let us leave five minutes early plz",
        "teach us first aid",
        "we need more staff on duty",
        "the cameras by the shops help",
        "the policy on phones is unfair",
    ],
)
def test_requests_and_safety_measures_are_support(codebook, text):
    # The vocabulary; the theme model sets "let us leave five minutes early plz" aside.
    assert "support" in lexicon(text, "en", codebook)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("my step sister lashes out at me", "domestic_abuse"),
        ("my ex wont stop turning up at my work", "harassment"),
        ("a man in a van was stalking me", "harassment"),
        ("some lads said they would batter my mate", "bullying"),
        ("everyone makes jokes about my shoes", "bullying"),
        ("kids laugh at my friend because of his adhd", "hate_crime"),
        ("people stare at me in my wheelchair", "hate_crime"),
        ("an older lad said i could earn fifty quid a day", "exploitation"),
        ("he said send more or he sends it to my mates", "exploitation"),
        ("saw a fight on my fyp", "online_safety"),
    ],
)
def test_fourth_revision_vocabulary(codebook, text, theme):
    # The vocabulary; the theme model sets two of these aside (the lads' threat as bullying,
    # the wheelchair as hate crime), which the reviewer sees as overruled matches.
    assert theme in lexicon(text, "en", codebook)


def test_mock_exams_are_not_mocking(codebook):
    assert "bullying" not in themes("revising for my mocks", "en", codebook)


@pytest.mark.parametrize(
    ("text", "lang", "theme"),
    [
        ("wszystko spoko w szkole", "pl", "general_safety"),
        ("tudo tranquilo por aqui", "pt", "general_safety"),
        ("koledzy z klasy mnie gnebia", "pl", "bullying"),
        ("eles zoam comigo todo dia", "pt", "bullying"),
        ("ek banda mere paise maang raha hai warna photo bhej dega", "ur", "exploitation"),
        ("ele está pedindo dinheiro pelas fotos", "pt", "exploitation"),
    ],
)
def test_fourth_revision_draft_terms(codebook, text, lang, theme):
    assert theme in themes(text, lang, codebook, concern=Concern(False))


def test_home_violence_gives_domestic_abuse_not_neglect_abuse_in_any_language(codebook):
    # Until 2026.5 home violence also gave neglect_abuse outside English; on the dev split it
    # was more often wrong than right (labellers code a parent hitting as domestic_abuse).
    flagged = Concern(True, ("home_violence",))
    for text, lang in (("texto qualquer", "pt"), ("some words", "en")):
        got = lexicon(text, lang, codebook, concern=flagged)
        assert "domestic_abuse" in got
        assert "neglect_abuse" not in got
