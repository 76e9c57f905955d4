"""Words for the concern screen's reason ids, translated where they are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.concern import REASONS
from backend.i18n import N_

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["REASON_NAMES", "reason_labels"]

REASON_NAMES: dict[str, str] = {
    "home_violence": N_("Violence or fear at home"),
    "sexual_abuse": N_("Sexual abuse or harm"),
    "self_harm": N_("Self-harm or thoughts of suicide"),
    "exploitation": N_("Exploitation or grooming"),
    "weapon_carrying": N_("Carrying a weapon"),
    "threatened": N_("Threatened, attacked or followed outside the home"),
    "neglect": N_("Neglect"),
}
"""One label per id in ``analysis.concern.REASONS`` (a test keeps the two in step)."""


def reason_labels(codes: Iterable[str], gettext: Callable[[str], str]) -> list[dict[str, str]]:
    """Each reason as ``{"code", "label"}`` in the reader's language, in the screen's order.

    An id this version does not know (from a newer screen) is shown as the id itself rather
    than hidden: a lead must see every reason the screen gave.
    """
    known = [c for c in REASONS if c in codes]
    unknown = sorted(c for c in set(codes) if c not in REASON_NAMES)
    return [{"code": c, "label": gettext(REASON_NAMES[c]) if c in REASON_NAMES else c}
            for c in [*known, *unknown]]
