"""Gather an edition's disclosure-controlled findings into plain data and build packs, cached.

Numbers come only from ``backend.findings`` (suppressed tables); sentences are written only from
shown cells (``analysis.documents.sentences``). Quotes come only from ``backend.review.quotes``:
reviewer-approved and from a group at or above the threshold.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import msgspec

from analysis.disclosure import Cell, SuppressedTable
from analysis.documents import (
    BarChartSpec,
    Contact,
    KeyFinding,
    PartnershipAction,
    Proportion,
    WorkshopInput,
    build_workshop,
)
from analysis.documents.toolkit import ThemeVote, ToolkitInput, build_toolkit
from backend.findings import (
    CHOSEN,
    NOT_ANSWERED,
    EditionInfo,
    FindingsError,
    edition_by_year,
    group_sizes,
    question_findings,
)
from backend.findings.labels import CHOICE_TYPES, answer_labels
from backend.i18n import LANGUAGES, N_, translations
from backend.packs.statements import HEADLINES
from backend.review.quotes import approved_quotes
from backend.settings import PROJECT_ROOT, Settings
from backend.storage.tables import School

__all__ = [
    "BuiltFile",
    "PackError",
    "PackRefused",
    "build_toolkit_file",
    "build_workshop_files",
    "cache_toolkit",
    "headline_findings",
    "previous_edition",
    "toolkit_cache_file",
    "toolkit_input",
    "workshop_input",
]

Progress = Callable[[str], None]
_DOCS = Path(__file__).resolve().parent.parent.parent / "analysis" / "documents"

_BAND_GROUPS = {
    "Years 7-9": N_("pupils in Years 7-9"),
    "Years 10-11": N_("pupils in Years 10-11"),
    "Years 12-13": N_("pupils in Years 12-13"),
}
"""Headline groups as msgids, so "pupils in Years 10-11" is translated whole."""


class PackError(LookupError):
    """Bad request: unknown edition, theme, school or language."""


class PackRefused(PackError):
    """A pack that would show a group below the threshold: refused, never built empty."""


@dataclass(frozen=True)
class BuiltFile:
    path: Path
    cached: bool


def _cache_dir(year: int) -> Path:
    root = Path(os.environ.get("FEELSAFE_CACHE_DIR") or PROJECT_ROOT / "var" / "cache")
    return root / "packs" / str(year)


def _code_version() -> str:
    """Builders' source: a change to the documents' code also invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(_DOCS.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(kind: str, data: object, extra: str = "") -> str:
    payload = msgspec.json.encode(data, enc_hook=str)
    return hashlib.sha256(f"{kind}|{_code_version()}|{extra}|".encode() + payload).hexdigest()[:24]


def _contacts(settings: Settings) -> list[Contact]:
    return [Contact(c.name, c.phone, c.url, c.description) for c in settings.help_contacts]


# --------------------------------------------------------------------------- findings -> data


def _base(table: SuppressedTable) -> tuple[Cell, tuple[Cell, ...]]:
    """The base, less "Not answered" only when that cell is shown (a hidden one would leak)."""
    na = table.cells.get(NOT_ANSWERED)
    return table.total, ((na,) if na is not None and not na.suppressed else ())


def _proportion(table: SuppressedTable, labels: list[str]) -> Proportion:
    base, exclude = _base(table)
    return Proportion([table.cells[lbl] for lbl in labels if lbl in table.cells], base, exclude)


def _column(crosstab, col: str) -> SuppressedTable:
    cells = {r: crosstab.cells[(r, col)] for r in crosstab.row_labels}
    return SuppressedTable(crosstab.min_size, cells, crosstab.col_totals[col])


async def _school(code: str | None) -> tuple[int | None, str | None]:
    if code is None:
        return None, None
    row = await School.select(School.id, School.name).where(School.code == code).first()
    if row is None:
        raise PackError(f"there is no school with code {code!r}")
    return row["id"], row["name"]


async def _previous(year: int) -> EditionInfo | None:
    try:
        return await edition_by_year(year - 1)
    except FindingsError:
        return None


async def _question_data(info: EditionInfo, prev: EditionInfo | None, qid: str,
                         school_id: int | None, k: int, *, by_band: bool):
    """(charts, findings) for one question of the edition."""
    survey = info.survey
    question = survey.questions[qid]
    found = await question_findings(info.id, qid, by=("year_band",) if by_band else (),
                                    school_id=school_id, min_size=k)
    labels = answer_labels(survey, question)
    charts, findings = [], []
    if found.multiple:
        opts = [lbl for lbl in labels.values() if lbl in found.overall]
        cells = [found.overall[o].cells[CHOSEN] for o in opts]
        charts.append(BarChartSpec(question.text, opts, cells, source=qid))
    else:
        table = found.overall[""]
        opts = [lbl for lbl in labels.values() if lbl in table.cells]
        charts.append(BarChartSpec(question.text, opts, [table.cells[o] for o in opts],
                                   source=qid))
    headline = HEADLINES.get(qid)
    if headline is None or question.show_if is not None:
        return charts, findings
    values, statement = headline
    wanted = [labels[v] for v in values if v in labels]
    theme = question.themes[0] if question.themes else ""

    def proportion_of(f) -> Proportion:
        if f.multiple:
            tab = f.overall[wanted[0]]
            return Proportion([tab.cells[CHOSEN]], *_base(tab))
        return _proportion(f.overall[""], wanted)

    previous = None
    if prev is not None and qid in prev.survey.questions and school_id is None:
        try:
            pf = await question_findings(prev.id, qid, by=(), min_size=k)
            previous = proportion_of(pf)
        except (FindingsError, KeyError):
            previous = None
    findings.append(
        KeyFinding(N_("pupils"), statement, proportion_of(found), previous, theme, qid)
    )
    if by_band and not found.multiple:
        crosstab = found.breakdowns["year_band"][""]
        for band in crosstab.col_labels:
            if band == NOT_ANSWERED:
                continue
            findings.append(KeyFinding(_BAND_GROUPS.get(band, f"pupils in {band}"), statement,
                                       _proportion(_column(crosstab, band), wanted), None,
                                       theme, qid))
    return charts, findings


def _theme_questions(info: EditionInfo, theme: str) -> list[str]:
    return [q.id for q in info.survey.definition.questions
            if theme in q.themes and q.type in CHOICE_TYPES]


async def workshop_input(year: int, theme: str, school_code: str | None, settings: Settings,
                         progress: Progress | None = None) -> WorkshopInput:
    """Everything one theme's workshop pack shows, or ``PackRefused`` for a small school."""
    k = settings.min_group_size
    info = await _edition(year)
    qids = _theme_questions(info, theme)
    if not qids:
        themes = sorted({t for q in info.survey.definition.questions for t in q.themes})
        raise PackError(f"no counted questions for theme {theme!r}; use one of "
                        f"{', '.join(themes)}")
    school_id, school_name = await _school(school_code)
    if school_id is not None:
        sizes = await group_sizes(info.id, "school", school_id=school_id, min_size=k)
        if sizes.total.suppressed or not sizes.total.count:
            raise PackRefused(
                f"{school_name} has fewer than {k} responses in {year}: its results cannot be "
                f"shown, so no school pack is made. Use the borough-wide pack instead."
            )
    prev = await _previous(year)
    charts, findings = [], []
    first_headline = True
    for qid in qids:
        if progress:
            progress(qid)
        by_band = first_headline and qid in HEADLINES
        c, f = await _question_data(info, prev, qid, school_id, k, by_band=by_band)
        first_headline &= not f
        charts += c
        findings += f
    label = _theme_label(info, theme)
    quotes = await approved_quotes(info.id, k, theme=theme, school_id=school_id)
    # Imported here: backend.actions reads the headlines in backend.packs.statements.
    from backend.actions import actions_for_edition

    actions = [PartnershipAction(a.texts.get("en", ""), a.status, a.question_id or "")
               for a in await actions_for_edition(info.id, theme)]
    return WorkshopInput(
        year=year, theme=theme, theme_label=label,
        scope=school_name or settings.partnership_name.replace(
            " Local Safeguarding Children Partnership", ""),
        findings=findings, charts=charts, quotes=quotes, contacts=_contacts(settings),
        partnership=settings.partnership_name, min_size=k, actions=actions,
    )


def _theme_label(info: EditionInfo, theme: str) -> str:
    vote = info.survey.questions.get("ambassador_themes")
    if vote is not None:
        for option in info.survey.definition.options_for(vote):
            if option.value == theme:
                return option.text
    return theme.replace("_", " ").capitalize()


async def _edition(year: int) -> EditionInfo:
    try:
        return await edition_by_year(year)
    except FindingsError as exc:
        raise PackError(str(exc)) from None


async def toolkit_input(year: int, lang: str, settings: Settings,
                        progress: Progress | None = None) -> ToolkitInput:
    """Theme votes and every headline finding of the edition, for one language's toolkit."""
    if lang not in LANGUAGES:
        raise PackError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    k = settings.min_group_size
    info = await _edition(year)
    prev = await _previous(year)
    votes: list[ThemeVote] = []
    vote_q = info.survey.questions.get("ambassador_themes")
    if vote_q is not None:
        found = await question_findings(info.id, vote_q.id, by=(), min_size=k)
        for option in info.survey.definition.options_for(vote_q):
            table = found.overall.get(option.text)
            if table is not None:
                votes.append(ThemeVote(option.value, option.text, table.cells[CHOSEN]))
    findings = await headline_findings(info, k, progress, prev=prev)
    return ToolkitInput(year=year, lang=lang, votes=votes, findings=findings,
                        contacts=_contacts(settings), partnership=settings.partnership_name)


async def headline_findings(info: EditionInfo, k: int, progress: Progress | None = None, *,
                            prev: EditionInfo | None = None) -> list[KeyFinding]:
    """Every headline finding of the edition, borough-wide, compared with ``prev`` when given
    (the toolkit's "did you know" cards and the public "You said, we did" page)."""
    findings: list[KeyFinding] = []
    for qid in HEADLINES:
        if qid not in info.survey.questions:
            continue
        if progress:
            progress(qid)
        _c, f = await _question_data(info, prev, qid, None, k, by_band=False)
        findings += f
    return findings


async def previous_edition(info: EditionInfo) -> EditionInfo | None:
    """Last year's edition, for "up from 5 in 10 last year", or None."""
    return await _previous(info.year)


# --------------------------------------------------------------------------- building


def build_workshop_files(data: WorkshopInput, out_pdf: Path, out_pptx: Path,
                         school_code: str | None = None) -> BuiltFile:
    """Write the pack's PDF and PPTX, from the per-edition cache when the inputs are unchanged."""
    key = _key("workshop", replace(data, fonts_dir=None), school_code or "")
    cache = _cache_dir(data.year)
    stem = cache / f"workshop-{data.theme}-{key}"
    pdf_c, pptx_c = stem.with_suffix(".pdf"), stem.with_suffix(".pptx")
    cached = pdf_c.is_file() and pptx_c.is_file()
    if not cached:
        pack = build_workshop(data)
        _atomic(pdf_c, pack.pdf)
        _atomic(pptx_c, pack.pptx)
    _atomic(out_pdf, pdf_c.read_bytes())
    _atomic(out_pptx, pptx_c.read_bytes())
    return BuiltFile(out_pdf, cached)


def build_toolkit_file(data: ToolkitInput, out: Path, progress: Progress | None = None
                       ) -> BuiltFile:
    """Write the toolkit zip, from the cache when inputs and the language's catalog are
    unchanged."""
    catalog = translations(data.lang)
    key = _key("toolkit", replace(data, fonts_dir=None), _catalog_version(data.lang))
    cached_file = _cache_dir(data.year) / f"toolkit-{data.lang}-{key}.zip"
    cached = cached_file.is_file()
    if not cached:
        _atomic(cached_file, build_toolkit(data, catalog, progress=progress))
    _atomic(out, cached_file.read_bytes())
    return BuiltFile(out, cached)


def toolkit_cache_file(data: ToolkitInput) -> Path:
    """Where the per-edition cache keeps this toolkit (the same key as
    ``build_toolkit_file``)."""
    key = _key("toolkit", replace(data, fonts_dir=None), _catalog_version(data.lang))
    return _cache_dir(data.year) / f"toolkit-{data.lang}-{key}.zip"


def cache_toolkit(data: ToolkitInput, progress: Progress | None = None) -> BuiltFile:
    """Build the toolkit into the cache only (for serving the cached file as it is)."""
    target = toolkit_cache_file(data)
    if target.is_file():
        return BuiltFile(target, True)
    _atomic(target, build_toolkit(data, translations(data.lang), progress=progress))
    return BuiltFile(target, False)


def _catalog_version(lang: str) -> str:
    from locales import LOCALES_DIR

    mo = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.mo"
    return hashlib.sha256(mo.read_bytes()).hexdigest()[:16] if mo.is_file() else "none"


def _atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
