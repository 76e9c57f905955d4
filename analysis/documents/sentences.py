"""Key findings as plain sentences: "6 in 10 pupils in Years 10-11 said they feel safe in their
area after dark, down from 7 in 10 last year."

A sentence is only ever written from cells that disclosure control has shown. A proportion that
needs a hidden cell raises ``SuppressedCellError`` instead of guessing, so a pack can never print
a number (or a share worked out from one) that the suppression rules hide.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from analysis.disclosure import Cell
from analysis.documents._i18n import Gettext, as_gettext

__all__ = [
    "KeyFinding",
    "Proportion",
    "SuppressedCellError",
    "finding_sentence",
    "finding_sentences",
    "share_phrase",
    "tenths",
]


class SuppressedCellError(ValueError):
    """A sentence was asked for from a cell that disclosure control hides."""


def _count(cell: Cell, what: str) -> int:
    if cell.suppressed or cell.count is None:
        raise SuppressedCellError(f"the {what} is suppressed: no sentence can use it")
    return cell.count


@dataclass(frozen=True)
class Proportion:
    """``sum(parts)`` out of ``base - sum(exclude)``, every one a shown cell.

    ``exclude`` removes e.g. "Not answered" from the base; pass it only when that cell is shown,
    since the base minus a hidden cell would reveal it.
    """

    parts: Sequence[Cell]
    base: Cell
    exclude: Sequence[Cell] = ()

    def counts(self) -> tuple[int, int]:
        """(numerator, denominator), or ``SuppressedCellError`` if any cell is hidden."""
        base = _count(self.base, "base")
        numerator = sum(_count(c, "count") for c in self.parts)
        denominator = base - sum(_count(c, "excluded count") for c in self.exclude)
        if denominator == 0:  # nobody answered (a new edition): nothing to say, not an error
            raise SuppressedCellError("nobody answered: no sentence can use it")
        if denominator < 0 or not 0 <= numerator <= denominator:
            raise ValueError(f"{numerator} out of {denominator} is not a proportion")
        return numerator, denominator


@dataclass(frozen=True)
class KeyFinding:
    """One headline: who (``group``), what they said (``statement``), now and last year.

    ``group`` and ``statement`` are English msgids, translated when the sentence is written:
    ``group`` like "pupils" or "pupils in Years 10-11", ``statement`` like "said they feel safe
    in their area after dark".
    """

    group: str
    statement: str
    current: Proportion
    previous: Proportion | None = None
    theme: str = ""
    source: str = field(default="", compare=False)
    """Question id, for the text alternative and tests."""


def _tenths(numerator: int, denominator: int) -> int:
    return (20 * numerator + denominator) // (2 * denominator)  # round half up


def tenths(numerator: int, denominator: int) -> int:
    """The share in whole tenths, rounded half up: the "6" of "6 in 10" (and of a pictogram)."""
    return _tenths(numerator, denominator)


def share_phrase(numerator: int, denominator: int, gettext: Gettext | None = None,
                 *, subject: bool = False) -> str:
    """"6 in 10", with honest ends: "all", "none", "fewer than 1 in 10", "more than 9 in 10".

    ``subject`` is for the share that opens a sentence before its group ("None of the pupils
    said ...", never "None pupils said ...").
    """
    _ = as_gettext(gettext)
    tenths = _tenths(numerator, denominator)
    if numerator == denominator:
        return _("all")
    if numerator == 0:
        return _("none of the") if subject else _("none")
    if tenths == 0:
        return _("fewer than 1 in 10")
    if tenths == 10:
        return _("more than 9 in 10")
    return _("{n} in 10").format(n=tenths)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def finding_sentence(finding: KeyFinding, gettext: Gettext | None = None) -> str:
    """The finding as one sentence; raises ``SuppressedCellError`` for a hidden current cell.

    A hidden or missing previous year drops the comparison rather than the sentence.
    """
    _ = as_gettext(gettext)
    n, d = finding.current.counts()
    values = {
        "share": share_phrase(n, d, _, subject=True),
        "group": _(finding.group),
        "statement": _(finding.statement),
    }
    change = None
    if finding.previous is not None:
        try:
            pn, pd = finding.previous.counts()
        except SuppressedCellError:
            pn = pd = None
        if pd:
            values["previous"] = share_phrase(pn, pd, _)
            before, now = _tenths(pn, pd), _tenths(n, d)
            change = "up" if now > before else "down" if now < before else "same"
    if change == "up":
        text = _("{share} {group} {statement}, up from {previous} last year.")
    elif change == "down":
        text = _("{share} {group} {statement}, down from {previous} last year.")
    elif change == "same":
        text = _("{share} {group} {statement}, the same as last year.")
    else:
        text = _("{share} {group} {statement}.")
    return _capitalise(text.format(**values))


def finding_sentences(
    findings: Iterable[KeyFinding], gettext: Gettext | None = None
) -> list[tuple[KeyFinding, str]]:
    """Every finding that can be written, skipping (never guessing) those with hidden cells."""
    out = []
    for finding in findings:
        try:
            out.append((finding, finding_sentence(finding, gettext)))
        except SuppressedCellError:
            continue
    return out
