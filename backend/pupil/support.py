"""Answer-triggered support: which help to show on the thank-you page.

Worked out from the answers at the moment of sending and kept only in the
pupil's own encrypted session cookie until they leave the thank-you page;
nothing extra is stored on the server. Questions that an edition leaves out
simply never trigger anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backend.i18n import N_

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["SUPPORT", "SupportLink", "support_for"]

VERY_UNSAFE = frozenset({"1", "2"})
"""The two least safe points of the five-point safety scale."""
HARMFUL_ONLINE = frozenset(
    {"unkind_messages", "stranger_contact", "asked_for_images", "upsetting_content",
     "account_misused"}
)
IMAGES_ONLINE = frozenset({"asked_for_images", "account_misused"})


@dataclass(frozen=True)
class SupportLink:
    name: str
    text: str
    """English source text, translated when shown."""
    phone: str = ""
    url: str = ""


SUPPORT: dict[str, tuple[SupportLink, ...]] = {
    "home": (
        SupportLink("Childline", N_("Talk to a counsellor about anything, free and private, "
                                   "any time."), phone="0800 1111", url="https://www.childline.org.uk"),
        SupportLink("NSPCC Helpline", N_("For anyone worried about a child, including you."),
                    phone="0808 800 5000", url="https://www.nspcc.org.uk"),
    ),
    "online": (
        SupportLink("CEOP", N_("Report it if someone online is making you feel worried or "
                            "uncomfortable, or asking you to do things you don't want to."),
                    url="https://www.ceop.police.uk/Safety-Centre/"),
        SupportLink("Childline", N_("Talk to a counsellor about what happened online."),
                    phone="0800 1111", url="https://www.childline.org.uk"),
    ),
    "images": (
        SupportLink("Report Remove", N_("If a nude or sexual photo or video of you is online, "
                                       "Childline and the IWF can help get it taken down."),
                    url="https://www.childline.org.uk/report-remove/"),
    ),
}
"""Kinds of support, in the order shown."""


def _values(answers: Mapping[str, Any], qid: str) -> set[str]:
    value = answers.get(qid)
    if value is None:
        return set()
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def support_for(answers: Mapping[str, Any]) -> list[str]:
    """The kinds of support (keys of SUPPORT) that a pupil's answers call for."""
    kinds = []
    if _values(answers, "safe_at_home") & VERY_UNSAFE or "often" in _values(answers, "home_worry"):
        kinds.append("home")
    online = _values(answers, "online_experiences")
    if _values(answers, "safe_online") & VERY_UNSAFE or online & HARMFUL_ONLINE:
        kinds.append("online")
    if online & IMAGES_ONLINE:
        kinds.append("images")
    return kinds
