"""Wider non-English concern nets: indirect phrasings caught, negations and lessons not flagged.

Probe sentences written for these tests (not taken from the evaluation files); drafts, like the
lexicons, for native-speaker review.
"""

from __future__ import annotations

import pytest

from analysis._text import normalise
from analysis.concern import screen_concern
from analysis.concern_nets import NET_LANGS, net_reasons

FLAGGED = [
    ("ta", "thoongi appadiye ezhundhirikkaama irukkanum nu aasai", "self_harm"),
    ("ta", "oru periya paiyan gift anuppuraan, meet pannalaam nu kekkuraan", "exploitation"),
    ("ta", "என் சித்தி என்னை ரூம்ல பூட்டி வைப்பாங்க", "home_violence"),
    ("ta", "நான் இல்லாம இருந்தா எல்லாருக்கும் நல்லா இருக்கும்", "self_harm"),
    ("ur", "kaash main so jaun aur kabhi na uthun", "self_harm"),
    ("ur", "ammi ka boyfriend raat ko mere kamre mein aata hai", "sexual_abuse"),
    ("ur", "گلی کے لڑکوں نے میرا فون چھین لیا", "threatened"),
    ("ur", "ammi abbu hafte bhar ghar nahi aate aur fridge khali hai", "neglect"),
    ("pl", "chciałabym zasnąć i się nie obudzić", "self_harm"),
    ("pl", "chłopak mamy ciągnie mnie za włosy", "home_violence"),
    ("pl", "facet z gry wysyła mi prezenty i chce się spotkać", "exploitation"),
    ("pl", "rodziców nie ma od tygodnia, lodówka pusta", "neglect"),
    ("pt", "o namorado da minha mãe aperta o meu braço até ficar roxo", "home_violence"),
    ("pt", "meus pais sumiram faz uma semana e não tem nada na geladeira", "neglect"),
    ("pt", "um homem no tiktok tem fotos minhas e vai espalhar se eu não pagar", "exploitation"),
    ("pt", "o meu vizinho entra no meu quarto à noite", "sexual_abuse"),
    ("ar", "الكل رح يكون احسن بدوني", "self_harm"),
    ("ar", "زوج امي بيصرخ علي وبيشد شعري", "home_violence"),
    ("ar", "اهلي مسافرين من اسبوع والثلاجه فاضيه", "neglect"),
    ("ar", "شباب بيستنوني بعد المدرسة وبيقولوا رح يضربوني", "threatened"),
]

NOT_FLAGGED = [
    ("ta", "enga veetla yaarum ennai adikka maattaanga"),  # negation after the verb
    ("ta", "school-la drugs pathi oru assembly irundhuchu"),  # a lesson
    ("ta", "இந்த test என்னை சாகடிக்குது lol"),  # a joke about a test
    ("ur", "ghar mein mujhe koi nahi maarta, sab theek hai"),
    ("ur", "humein class mein chaaku ke baare mein bataya gaya"),
    ("ur", "raat ko gali mein andhera hota hai, thoda darr lagta hai"),
    ("pl", "nikt mnie nie bije w domu"),
    ("pl", "na lekcji rozmawialiśmy o nożach"),
    ("pl", "czasem chłopaki się biją na przerwie, ale nauczyciele reagują"),
    ("pt", "na minha casa ninguém grita nem bate"),
    ("pt", "tivemos uma palestra sobre facas"),
    ("pt", "sinto-me segura no bairro"),
    ("ar", "ما حدا بيضربني بالبيت"),
    ("ar", "درسنا عن السكاكين بالحصه"),
    ("ar", "الشارع بالليل مظلم وبخاف شوي"),
]


@pytest.mark.parametrize(("lang", "text", "reason"), FLAGGED)
def test_net_flags_indirect_phrasing_with_its_reason(lang, text, reason):
    assert reason in net_reasons(normalise(text), lang)
    assert reason in screen_concern(text, lang).reasons


@pytest.mark.parametrize(("lang", "text"), NOT_FLAGGED)
def test_net_skips_negations_lessons_and_jokes(lang, text):
    assert net_reasons(normalise(text), lang) == ()


def test_every_language_has_probes_both_ways():
    for lang in NET_LANGS:
        assert sum(lg == lang for lg, _, _ in FLAGGED) >= 2
        assert sum(lg == lang for lg, _ in NOT_FLAGGED) >= 2


def test_hit_is_home_violence_with_family_and_threatened_without():
    assert net_reasons(normalise("mere abbu mujhe roz maarte hain"), "ur") == ("home_violence",)
    assert net_reasons(normalise("kuch larke mujhe roz maarte hain"), "ur") == ("threatened",)


def test_english_answers_do_not_go_through_the_nets():
    assert net_reasons("my dad hits me", "en") == ()
