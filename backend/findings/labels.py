"""Human labels for answer values and for the groups findings are broken down by.

Labels come from the edition's own definition (standard English wording), so a table reads
the way the question was asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from backend.i18n import LANGUAGES
from backend.surveys.schema import DONT_UNDERSTAND, PREFER_NOT_SAY

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from backend.surveys import Survey
    from backend.surveys.schema import Question

__all__ = [
    "BREAKDOWNS",
    "CHOICE_TYPES",
    "MULTIPLE_TYPES",
    "NOT_ANSWERED",
    "SPECIAL_LABELS",
    "Breakdown",
    "answer_labels",
    "group_labels",
]

Breakdown = Literal["school", "year_band", "gender", "send", "language", "variant", "home_language"]
BREAKDOWNS: tuple[str, ...] = Breakdown.__args__  # type: ignore[attr-defined]
"""Response-row columns a question can be broken down by."""

CHOICE_TYPES = frozenset({"single_choice", "scale", "multiple_choice", "theme_vote"})
MULTIPLE_TYPES = frozenset({"multiple_choice", "theme_vote"})

NOT_ANSWERED = "Not answered"
"""Skipped, or a follow-up the pupil was not asked."""
SPECIAL_LABELS = {
    PREFER_NOT_SAY: "I'd rather not say",
    DONT_UNDERSTAND: "I don't understand",
}
_ROLE_OF = {"year_band": "year_group", "gender": "gender", "send": "send",
            "home_language": "home_language"}
_VARIANTS = {"standard": "Standard", "easy_read": "Easy read"}


def _unique(pairs: Iterable[tuple[str | None, str]]) -> dict[str | None, str]:
    """Value -> label, making clashing labels unique by adding the value."""
    out: dict[str | None, str] = {}
    used: set[str] = set()
    for value, label in pairs:
        if value in out:
            continue
        if label in used or not label:
            label = f"{label} ({value})" if label else str(value)
        used.add(label)
        out[value] = label
    return out


def answer_labels(survey: Survey, question: Question, seen: Iterable[str] = ()) -> dict[str, str]:
    """Every answer value of a choice question -> its label, in the order tables show them.

    Options first, then "I'd rather not say" (where offered), "I don't understand" (easy read)
    and any stored value the definition no longer lists. "Not answered" is added by callers.
    """
    pairs: list[tuple[str | None, str]] = [
        (o.value, o.text) for o in survey.definition.options_for(question)
    ]
    if question.prefer_not_say:
        pairs.append((PREFER_NOT_SAY, SPECIAL_LABELS[PREFER_NOT_SAY]))
    pairs.append((DONT_UNDERSTAND, SPECIAL_LABELS[DONT_UNDERSTAND]))
    pairs.extend((v, v) for v in sorted(set(seen)))
    labels = _unique(pairs)
    return {v: lbl for v, lbl in labels.items() if v is not None}


def _band_label(texts: list[str]) -> str:
    if len(texts) == 1:
        return texts[0]
    first, last = texts[0], texts[-1]
    if first.startswith("Year ") and last.startswith("Year "):
        return f"Years {first.removeprefix('Year ')}-{last.removeprefix('Year ')}"
    return f"{first} to {last}"


def group_labels(
    by: str,
    survey: Survey,
    values: Iterable[str | int | None],
    school_names: Mapping[int, str] | None = None,
) -> dict[str | int | None, str]:
    """Group value -> label for the groups present, in a stable reading order."""
    present = set(values)
    pairs: list[tuple[object, str]] = []
    if by == "school":
        names = school_names or {}
        pairs = sorted(((v, names.get(v, f"School {v}")) for v in present if v is not None),
                       key=lambda p: (p[1], str(p[0])))
    elif by == "language":
        pairs = [(code, lang.english_name) for code, lang in LANGUAGES.items()]
    elif by == "variant":
        pairs = list(_VARIANTS.items())
    elif by in _ROLE_OF:
        question = next(
            (q for q in survey.definition.questions if q.role == _ROLE_OF[by]), None
        )
        options = survey.definition.options_for(question) if question else ()
        if by == "year_band":
            bands: dict[str, list[str]] = {}
            for o in options:
                bands.setdefault(o.band or o.value, []).append(o.text)
            pairs = [(band, _band_label(texts)) for band, texts in bands.items()]
        else:
            pairs = [(o.value, o.text) for o in options]
        pairs += list(SPECIAL_LABELS.items())
    else:
        raise ValueError(f"cannot break down by {by!r}; use one of {', '.join(BREAKDOWNS)}")
    pairs = [p for p in pairs if p[0] in present]
    known = {p[0] for p in pairs}
    pairs += sorted(((v, str(v)) for v in present if v is not None and v not in known),
                    key=lambda p: p[1])
    if None in present:
        pairs.append((None, NOT_ANSWERED))
    return _unique(pairs)  # type: ignore[arg-type]
