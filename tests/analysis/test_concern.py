"""Concern screening: indirect disclosures caught, lessons about knife crime not flagged."""

from __future__ import annotations

import pytest

from analysis.concern import REASONS, screen_concern


def test_pshe_knife_crime_lesson_is_not_a_concern():
    assert not screen_concern("we learned about knife crime in PSHE, it was useful", "en").flagged
    assert not screen_concern("we learnt why people carry knives in pshe", "en").flagged


def test_lesson_plus_real_person_is_still_a_concern():
    text = "we learnt about knife crime in pshe but my brother carries a knife"
    assert "weapon_carrying" in screen_concern(text, "en").reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("I don't want to go home when he's drunk", "home_violence"),
        ("i hide in my room when they start shouting", "home_violence"),
        ("my mums boyfriend scares me", "home_violence"),
        ("honestly whats the point in living", "self_harm"),
        ("i think about killing myself sometimes", "self_harm"),
        ("an older guy on snap keeps asking me to meet up", "exploitation"),
        ("the olders asked my cousin to hold a package for them", "exploitation"),
        ("my uncle touches me when he visits", "sexual_abuse"),
        ("people in my year carry knives", "weapon_carrying"),
        ("some boys said they gonna shank me after school", "threatened"),
        ("there is no food at home so i come to school hungry", "neglect"),
    ],
)
def test_disclosures_are_flagged_with_a_stable_reason(text, reason):
    concern = screen_concern(text, "en")
    assert concern.flagged
    assert reason in concern.reasons
    assert set(concern.reasons) <= set(REASONS)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("tata bije mamę jak jest pijany", "pl"),
        ("não quero ir para casa quando o meu padrasto bebe", "pt"),
        ("أبي يضربني", "ar"),
        ("میں گھر نہیں جانا چاہتا جب ابو شراب پیتے ہیں", "ur"),
        ("அப்பா குடித்துவிட்டு அம்மாவை அடிக்கிறார்", "ta"),
        ("I want to die", "ur"),  # English written into a non-English answer
    ],
)
def test_all_six_languages_are_screened(text, lang):
    assert screen_concern(text, lang).flagged


@pytest.mark.parametrize(
    "text",
    [
        "i feel safe at home",
        "the canteen food is rubbish",
        "i dont feel threatened at school",
        "my mum picks me up from school",
    ],
)
def test_ordinary_answers_are_not_flagged(text):
    assert screen_concern(text, "en") == screen_concern(text, "en").__class__(False, ())


def test_redaction_placeholders_do_not_hide_a_disclosure():
    assert screen_concern("[NAME] said he will stab me", "en").flagged


@pytest.mark.parametrize(
    "text",
    [
        # the forms named in issue 7 and the brief, and their everyday variants
        "scared to go home",
        "he hurts me",
        "she hurts me when mum isnt there",
        "he touches me",
        "i want to die",
        "i just wanna kill myself",
        "i cut myself",
        "older boys make me carry stuff",
        "someone said theyd stab me",
        "i carry a blade for protection",
        "i dont want to go home when hes drunk",
        "i sleep at friends so i dont have to go home",
        "i havent eaten since yesterday",
        "i am being followed home by a man",
        "life isnt worth living",
        "everyone would be better without me",
        "my boyfriend is 19 and i am 13",
        "a teacher keeps messaging me on snapchat late at night",
        "i flinch whenever my stepdad raises his voice",
        "they told me to kys",
        "this girl in my form has marks all up her arms",
        "there are people who carry knifes in my school",
        "i know people who sell drugs for older boys",
        "i feel like giving up on everything",
        "i stopped eating so i can be thin",
        "we got evicted and now we sleep in the car",
    ],
)
def test_indirect_and_varied_disclosures_are_flagged(text):
    assert screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    "text",
    [
        "we learned about knife crime in pshe",
        "we had an assembly about county lines",
        "i would never carry a knife",
        "i feel safe at home",
        "i am scared of spiders",
        "mum makes me do my homework",
        "i fell off my bike and hurt my knee",
        "the older kids are nice to us",
        "people get robbed near the station sometimes",
        "knife arches at the station made me feel safer",
        "i dont like walking home alone at night",
        "walking home late at night is scary",
    ],
)
def test_more_ordinary_answers_are_not_flagged(text):
    assert not screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ktoś powiedział że mnie dźgnie", "pl"),
        ("on mnie dotyka", "pl"),
        ("disseram que me iam esfaquear", "pt"),
        ("ando com uma faca para me proteger", "pt"),
        ("قالوا سيطعنونني", "ar"),
        ("وہ مجھے تکلیف دیتا ہے", "ur"),
    ],
)
def test_general_forms_in_other_languages(text, lang):
    assert screen_concern(text, lang).flagged


def test_ascii_compiled_patterns_match_exactly_like_the_unicode_ones():
    # ASCII answers use patterns compiled with re.ASCII (faster word boundaries); on ASCII text
    # they must find exactly what the Unicode-compiled patterns find.
    import json
    from pathlib import Path

    from analysis import concern
    from analysis._text import normalise

    data = Path(__file__).resolve().parent.parent / "data"
    texts = [
        normalise(json.loads(line)["text"])
        for path in sorted(data.glob("text_eval*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [t for t in texts if t.isascii()]
    fast, plain = concern._by_key(True), concern._by_key(False)
    for key, pattern in plain.items():
        for text in texts:
            a, b = fast[key].search(text), pattern.search(text)
            assert (a and a.span()) == (b and b.span()), (key, text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the indirect forms named in the brief for this revision
        ("my uncle makes me keep secrets", "en"),
        ("i dont want to be here anymore", "en"),
        ("someone at home hits me when hes drunk", "en"),
        # more ways pupils say it: misspelt, txt-speak, indirect
        ("i want to kill myslef", "en"),
        ("sometimes i think of sucide", "en"),
        ("i get the belt if i answer back", "en"),
        ("i sleep with a chair against my door", "en"),
        ("dad is in one of his moods again so i stayed out", "en"),
        ("i dont see the point in living", "en"),
        ("my cousin goes missing for days and comes back with cash", "en"),
        ("a man asked how old i was and if i wanted a lift", "en"),
        ("some guy keeps messaging me saying hell pay me to send pics", "en"),
        ("i know people who carry", "en"),
        ("people from another area are beefing with me", "en"),
        ("mum doesnt come home some nights", "en"),
        ("someone spiked my drink at a party", "en"),
        # the other languages, in script and as pupils type them in Latin letters
        ("ojciec mnie leje pasem", "pl"),
        ("nie chce mi sie zyc", "pl"),
        ("o meu pai dá-me porrada", "pt"),
        ("quero desaparecer para sempre", "pt"),
        ("تعبت من الحياة", "ar"),
        ("ما أكلت من امبارح", "ar"),
        ("abu mujhe roz maarte hain", "ur"),
        ("mera dil karta hai khudkushi kar loon", "ur"),
        ("اب جینے کا دل نہیں کرتا", "ur"),
        ("appa kudichitu vandha adikkaru", "ta"),
        ("naan saaga poren", "ta"),
        ("வீட்டில் சாப்பிட ஒன்றுமில்லை", "ta"),
    ],
)
def test_third_revision_phrasings_are_flagged(text, lang):
    assert screen_concern(text, lang).flagged


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a negation just before the harm, with only adverbs and auxiliaries between
        ("nobody at home would ever hurt me", "en"),
        ("my dad has never hit me", "en"),
        ("i have never carried a knife", "en"),
        ("ninguém me bate em casa", "pt"),
        ("ما حدا بيضربني", "ar"),
        # saying who one would tell is about help, not a disclosure
        ("i would tell a teacher if someone was hurting me", "en"),
        # figures of speech and safety measures
        ("id die for my friends they are the best", "en"),
        ("im glad we have knife arches now", "en"),
        # fear of the walk home in the dark is not fear of home
        ("tenho medo de voltar para casa a pé quando está escuro", "pt"),
        ("أخاف أن أمشي إلى البيت في الليل", "ar"),
    ],
)
def test_negated_hypothetical_and_figurative_answers_are_not_flagged(text, lang):
    assert not screen_concern(text, lang).flagged


def test_a_negation_further_back_does_not_hide_a_disclosure():
    assert screen_concern("nobody knows he hurts me", "en").flagged
    assert screen_concern("ninguém sabe que o meu pai me bate", "pt").flagged


@pytest.mark.parametrize(
    "text",
    [
        # home set against everywhere else
        "i feel safe everywhere except at home",
        "school is the only place i feel safe",
        "i wish i could live at school",
        "i dread the weekends because im at home with him",
        "i cant relax at home",
        # telling, not being believed, and the fear of what telling would cost
        "i told a teacher about my dad but they did nothing",
        "nobody believed me when i said what happened",
        "he does it when mum is at work",
        "if i tell they will split us up",
        "i dont want my dad to go to prison",
        # statutory involvement and urges after stopping
        "i have a social worker because of stuff at home",
        "i havent cut in a while but i want to",
    ],
)
def test_home_set_apart_telling_and_its_cost_are_flagged(text):
    assert screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    "text",
    [
        "home is the only place i feel safe",
        "i told a teacher about the bullying and they sorted it",
        "the police came to talk about knife crime",
    ],
)
def test_their_look_alikes_are_not(text):
    assert not screen_concern(text, "en").flagged

