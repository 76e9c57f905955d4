"""Names of themes and action statuses, in the reader's language and version.

Theme names come from the edition's own theme vote (the words pupils chose from, with its
easy-read wording), then from the codebook; both are extracted into the catalogs.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from analysis.documents.content import ACTION_STATUS_NAMES
from backend.i18n import N_

if TYPE_CHECKING:
    from collections.abc import Callable

    from backend.surveys import Survey

__all__ = ["EASY_STATUS_NAMES", "STATUS_NAMES", "status_name", "theme_label"]

STATUS_NAMES = ACTION_STATUS_NAMES
EASY_STATUS_NAMES = {
    "planned": N_("We are going to do this"),
    "in_progress": N_("We are doing this now"),
    "done": N_("We have done this"),
}


@cache
def _codebook_labels() -> dict[str, str]:
    from analysis.codebook import CodebookError, load_codebook

    try:
        return {tid: theme.label for tid, theme in load_codebook().themes.items()}
    except (CodebookError, OSError):
        return {}


def theme_label(survey: Survey, theme: str, gettext: Callable[[str], str],
                variant: str = "standard") -> str:
    vote = survey.questions.get("ambassador_themes")
    if vote is not None:
        for option in survey.definition.options_for(vote):
            if option.value == theme:
                return gettext(option.label(variant))
    label = _codebook_labels().get(theme)
    return gettext(label) if label else theme.replace("_", " ").capitalize()


def status_name(status: str, gettext: Callable[[str], str], variant: str = "standard") -> str:
    names = EASY_STATUS_NAMES if variant == "easy_read" else STATUS_NAMES
    return gettext(names.get(status, status))
