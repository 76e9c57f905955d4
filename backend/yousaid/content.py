"""What the public "You said, we did" page shows: headline findings, and the actions recorded
against them, in one language and version.

Numbers come only from ``backend.packs.headline_findings`` (disclosure-controlled tables) and
sentences only from ``analysis.documents.sentences``, which refuses hidden cells: a finding
whose number is hidden is left out, never estimated. Actions appear in the page's language when
the reviewer gave that translation, and otherwise in English, marked as English.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from markupsafe import Markup

from analysis.documents.pictogram import pictogram_svg
from analysis.documents.sentences import finding_sentence, tenths
from backend.actions import EASY_KEY, Action, action_themes, actions_for_edition
from backend.actions.labels import status_name, theme_label
from backend.i18n import LANGUAGES, translations
from backend.packs import headline_findings, previous_edition
from backend.packs.statements import EASY_STATEMENTS
from backend.storage.tables import Response

if TYPE_CHECKING:
    from analysis.documents.sentences import KeyFinding
    from backend.findings import EditionInfo

__all__ = ["ActionView", "FindingView", "ThemeView", "build_page", "forget_cached_findings"]

_CACHE_SECONDS = 300.0
_findings: dict[tuple, tuple[float, list[KeyFinding]]] = {}
"""(edition, threshold, responses, last year's responses) -> (when, findings)."""


@dataclass(frozen=True)
class ActionView:
    text: str
    lang: str
    """The language ``text`` is written in: the page's, or English when not translated."""
    dir: str
    fallback: bool
    status: str
    status_label: str


@dataclass(frozen=True)
class FindingView:
    question_id: str
    sentence: str
    picture: Markup
    symbol: str | None
    actions: list[ActionView]


@dataclass(frozen=True)
class ThemeView:
    id: str
    label: str
    findings: list[FindingView]
    actions: list[ActionView]
    """Actions on the whole theme, and on any finding whose number is hidden."""
    hidden: bool
    """Some of the theme's headline findings cannot be shown."""


def forget_cached_findings() -> None:
    _findings.clear()


async def _responses(edition_id: int) -> int:
    return await Response.count().where(Response.edition == edition_id)


async def _cached_findings(info: EditionInfo, k: int) -> list[KeyFinding]:
    """Headline findings, kept while the edition's (and last year's) responses are unchanged:
    a public page must not recount every table for every visitor."""
    prev = await previous_edition(info)
    key = (info.id, k, await _responses(info.id),
           await _responses(prev.id) if prev is not None else None)
    hit = _findings.get(key)
    if hit is not None and time.monotonic() - hit[0] < _CACHE_SECONDS:
        return hit[1]
    found = await headline_findings(info, k, prev=prev)
    for stale in [x for x in _findings if x[0] == info.id]:
        del _findings[stale]
    _findings[key] = (time.monotonic(), found)
    return found


def _action_view(action: Action, lang: str, variant: str, gettext) -> ActionView:
    easy = variant == "easy_read"
    if lang == "en":
        order = [EASY_KEY, "en"] if easy else ["en"]
    else:
        order = [lang, EASY_KEY, "en"] if easy else [lang, "en"]
    key = next((k for k in order if action.texts.get(k)), "en")
    written_in = "en" if key == EASY_KEY else key
    return ActionView(
        text=action.texts.get(key, ""), lang=written_in,
        dir=LANGUAGES[written_in].direction if written_in in LANGUAGES else "ltr",
        fallback=written_in != lang, status=action.status,
        status_label=status_name(action.status, gettext, variant),
    )


def _sentence(finding: KeyFinding, variant: str, gettext) -> str:
    if variant == "easy_read":
        # Easy read: the easy-read words, and no comparison with last year.
        finding = replace(finding, statement=EASY_STATEMENTS.get(finding.source,
                                                                 finding.statement),
                          previous=None)
    return finding_sentence(finding, gettext)


def _picture(finding: KeyFinding, lang: str, gettext) -> Markup:
    numerator, denominator = finding.current.counts()
    filled = tenths(numerator, denominator)
    label = gettext("Picture of 10 people. Coloured in: {number}.").format(number=filled)
    svg = pictogram_svg(filled, label, element_id=f"picture-{finding.source}",
                        rtl=LANGUAGES[lang].direction == "rtl")
    return Markup(svg)  # built from escaped text by pictogram_svg


async def build_page(info: EditionInfo, lang: str, variant: str, k: int) -> list[ThemeView]:
    """Every theme with something to show, in the codebook's order."""
    _ = translations(lang).gettext
    survey = info.survey
    findings = await _cached_findings(info, k)
    actions = await actions_for_edition(info.id)
    themes = []
    for theme in action_themes(survey):
        theme_findings = [f for f in findings if f.theme == theme]
        theme_actions = [a for a in actions if a.theme == theme]
        shown: list[FindingView] = []
        placed: set[int] = set()
        hidden = False
        for finding in theme_findings:
            try:
                sentence = _sentence(finding, variant, _)
                picture = _picture(finding, lang, _)
            except ValueError:  # SuppressedCellError, or nobody has answered yet
                hidden = True
                continue
            mine = [a for a in theme_actions if a.question_id == finding.source]
            placed.update(a.id for a in mine)
            question = survey.questions.get(finding.source)
            shown.append(FindingView(
                finding.source, sentence, picture,
                question.symbol if question is not None and variant == "easy_read" else None,
                [_action_view(a, lang, variant, _) for a in mine],
            ))
        rest = [_action_view(a, lang, variant, _) for a in theme_actions if a.id not in placed]
        if shown or rest or hidden:
            themes.append(ThemeView(theme, theme_label(survey, theme, _, variant), shown, rest,
                                    hidden))
    return themes
