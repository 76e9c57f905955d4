"""Which answers make each question's headline, and how the sentence says it.

Question id -> (answer values counted, statement). Statements are English msgids (translated
when the sentence is written). A question not listed here still gets a chart, but no sentence:
better no sentence than a clumsy one.
"""

from __future__ import annotations

from analysis.documents._i18n import N_

__all__ = ["EASY_STATEMENTS", "HEADLINES"]

_SAFE = ("4", "5")

HEADLINES: dict[str, tuple[tuple[str, ...], str]] = {
    "safe_at_school": (_SAFE, N_("said they feel safe at school")),
    "safe_area_day": (_SAFE, N_("said they feel safe in their local area during the day")),
    "safe_area_dark": (_SAFE, N_("said they feel safe in their local area after dark")),
    "safe_transport": (_SAFE, N_("said they feel safe on buses, trams and trains")),
    "safe_parks": (_SAFE, N_("said they feel safe in parks and open spaces")),
    "safe_online": (_SAFE, N_("said they feel safe online")),
    "safe_at_home": (_SAFE, N_("said they feel safe at home")),
    "knife_worry": (("quite", "very"),
                    N_("said they are quite or very worried about knife crime where they live")),
    "knife_know_carry": (("yes",), N_("said they know someone their age who carries a knife")),
    "hate_experienced": (("yes",), N_("said someone had treated them badly because of who "
                                      "they are in the last year")),
    "online_experiences": (("stranger_contact",),
                           N_("said a stranger had contacted them online in the last year")),
    "home_worry": (("sometimes", "often"), N_("said they sometimes or often worry about "
                                              "shouting, fighting or someone being hurt at home")),
    "bullied": (("once_or_twice", "often"), N_("said they had been bullied in the last year")),
    "harassed_public": (("yes",), N_("said someone had made them feel uncomfortable in public "
                                     "in the last year")),
    "offered_gifts": (("yes",), N_("said someone had offered them money, gifts or favours to do "
                                   "something they felt unsure about")),
    "talk_to": (("nobody",), N_("said they would talk to nobody if they felt unsafe")),
    "know_how_to_report": (("yes",), N_("said they know how to report something that makes "
                                        "them feel unsafe")),
}

EASY_STATEMENTS: dict[str, str] = {
    "safe_at_school": N_("said they feel safe at school"),
    "safe_area_day": N_("said they feel safe near home in the day"),
    "safe_area_dark": N_("said they feel safe near home when it is dark"),
    "safe_transport": N_("said they feel safe on buses and trains"),
    "safe_parks": N_("said they feel safe in the park"),
    "safe_online": N_("said they feel safe online"),
    "safe_at_home": N_("said they feel safe at home"),
    "knife_worry": N_("said they worry about people with knives near home"),
    "knife_know_carry": N_("said they know someone their age who carries a knife"),
    "hate_experienced": N_("said someone was nasty to them this year because of who they are"),
    "online_experiences": N_("said someone they did not know sent them messages online this "
                             "year"),
    "home_worry": N_("said they worry about shouting or fighting at home"),
    "bullied": N_("said someone bullied them this year"),
    "harassed_public": N_("said someone made them feel uncomfortable outside this year"),
    "offered_gifts": N_("said someone gave them money or presents to do something they were "
                        "not sure about"),
    "talk_to": N_("said they would not tell anyone if they felt unsafe"),
    "know_how_to_report": N_("said they know how to tell someone when they feel unsafe"),
}
"""The same headlines in easy-read words (the survey's own easy-read wording), for pupil pages
in easy read. Same answers counted as ``HEADLINES``; only the words differ."""
