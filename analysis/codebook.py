"""The theme codebook as data: load, validate and locate every problem in it.

The codebook lives in ``survey_definitions/codebook.toml`` so that the engagement subgroup can
add terms without touching code. Loading is all-or-nothing: a file with any problem raises
:class:`CodebookError` and the caller keeps using the codebook it already has.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import msgspec

from analysis.concern import REASONS

__all__ = [
    "DEFAULT_CODEBOOK_PATH",
    "DEFAULT_THEME_IDS",
    "LANGUAGES",
    "Codebook",
    "CodebookError",
    "CodebookProblem",
    "Theme",
    "load_codebook",
    "load_or_keep",
    "parse_codebook",
]

LANGUAGES: tuple[str, ...] = ("en", "ta", "ur", "pl", "pt", "ar")
"""Languages a codebook may hold terms for."""

DEFAULT_THEME_IDS: tuple[str, ...] = (
    "general_safety",
    "knife_crime",
    "hate_crime",
    "online_safety",
    "domestic_abuse",
    "bullying",
    "harassment",
    "exploitation",
    "neglect_abuse",
    "support",
)
"""Theme ids of the default codebook; survey definitions may tag questions only with these."""

DEFAULT_CODEBOOK_PATH = (
    Path(__file__).resolve().parent.parent / "survey_definitions" / "codebook.toml"
)
"""Where the shipped codebook lives."""

_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_MSGSPEC_PATH = re.compile(r"\.(\w+)|\[(\d+)\]")


class Theme(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One code: what it means and the words that signal it, per language.

    ``concern_reasons`` also gives the theme to an answer the safeguarding screen
    (:mod:`analysis.concern`) flags for one of these reasons: its patterns read many more ways of
    saying it, in all six languages, than a list of words can. ``concern_reasons_other`` does
    the same for answers not in English only: where the English terms already read a harm more
    precisely than the screen's reason does, but the draft term lists of the other languages
    are thin.
    """

    label: str
    description: str
    terms: dict[str, list[str]]
    concern_reasons: list[str] = []
    concern_reasons_other: list[str] = []


class _CodebookFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    version: str
    themes: dict[str, Theme]


class _CodebookShape(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    version: str
    themes: dict[str, dict]


@dataclass(frozen=True, eq=False)
class Codebook:
    """A validated codebook; ``version`` is stored beside every coded answer.

    Compared and hashed by identity so compiled matchers can be cached per loaded codebook.
    """

    version: str
    themes: dict[str, Theme]
    source: str = "<codebook>"

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(self.themes)


@dataclass(frozen=True)
class CodebookProblem:
    """One thing wrong with a codebook file, and exactly where."""

    file: str
    message: str
    theme: str | None = None
    field: str | None = None
    line: int | None = None

    @property
    def location(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        path = ".".join(p for p in ("themes" if self.theme else None, self.theme, self.field) if p)
        if not self.theme and self.field:
            path = self.field
        return f"{where}: {path}" if path else where

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class CodebookError(ValueError):
    """A codebook that must not be used; ``problems`` lists each fault with its location."""

    def __init__(self, problems: list[CodebookProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_codebook(
    path: str | Path = DEFAULT_CODEBOOK_PATH, *, required: tuple[str, ...] = DEFAULT_THEME_IDS
) -> Codebook:
    """Read and validate a codebook file; raise :class:`CodebookError` listing every problem."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError([CodebookProblem(path.name, f"cannot be read: {exc}")]) from None
    return parse_codebook(source, path.name, required=required)


def load_or_keep(
    path: str | Path, current: Codebook, *, required: tuple[str, ...] = DEFAULT_THEME_IDS
) -> tuple[Codebook, CodebookError | None]:
    """Reload a codebook, keeping ``current`` in force (and returning the error) if it is bad."""
    try:
        return load_codebook(path, required=required), None
    except CodebookError as exc:
        return current, exc


def parse_codebook(
    source: str, filename: str = "<codebook>", *, required: tuple[str, ...] = DEFAULT_THEME_IDS
) -> Codebook:
    """Validate codebook TOML text; see :func:`load_codebook`."""
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise CodebookError(
            [CodebookProblem(filename, f"is not valid TOML: {exc}", line=line)]
        ) from None
    problems = _structural_problems(filename, source, raw)
    if problems:
        raise CodebookError(problems)
    parsed = msgspec.convert(raw, _CodebookFile, strict=True)
    problems = _semantic_problems(filename, source, parsed, required)
    if problems:
        raise CodebookError(problems)
    return Codebook(version=parsed.version, themes=dict(parsed.themes), source=filename)


def _toml_error_line(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def _structural_problems(filename: str, source: str, raw: dict) -> list[CodebookProblem]:
    """Type and shape errors, one per theme, located by theme id, field and line.

    msgspec reports dictionary keys as ``[...]``, so each theme (and each language's term list)
    is checked on its own to name the one that is wrong.
    """
    problems: list[CodebookProblem] = []

    def add(message: str, theme: str | None = None, field: str | None = None) -> None:
        problems.append(
            CodebookProblem(filename, message, theme, field, _find_line(source, theme, field))
        )

    try:
        msgspec.convert(raw, _CodebookShape, strict=True)
    except msgspec.ValidationError as exc:
        message, at = _split(exc)
        add(message, field=_join_field(at) or None)
        return problems
    for tid, theme in raw["themes"].items():
        try:
            msgspec.convert(theme, Theme, strict=True)
            continue
        except msgspec.ValidationError as exc:
            message, at = _split(exc)
        if at[:1] == ["terms"] and isinstance(theme.get("terms"), dict):
            for lang, terms in theme["terms"].items():
                try:
                    msgspec.convert(terms, list[str], strict=True)
                except msgspec.ValidationError as inner:
                    msg, where = _split(inner)
                    add(msg, tid, _join_field(["terms", lang, *where]))
                    break
            else:
                add(message, tid, "terms")
        else:
            add(message, tid, _join_field(at) or None)
    return problems


def _split(exc: msgspec.ValidationError) -> tuple[str, list[str]]:
    """``Expected `str`, got `int` - at `$.label``` -> (message, ["label"])."""
    message, _, at = str(exc).partition(" - at `")
    parts = [a or b for a, b in _MSGSPEC_PATH.findall(at.rstrip("`").removeprefix("$"))]
    return message, parts


def _join_field(parts: list[str]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out


def _semantic_problems(
    filename: str, source: str, book: _CodebookFile, required: tuple[str, ...]
) -> list[CodebookProblem]:
    problems: list[CodebookProblem] = []

    def add(message: str, theme: str | None = None, field: str | None = None) -> None:
        problems.append(
            CodebookProblem(filename, message, theme, field, _find_line(source, theme, field))
        )

    if not book.version.strip():
        add("must not be empty", field="version")
    for missing in (t for t in required if t not in book.themes):
        add(f"theme '{missing}' of the default codebook is missing", field="themes")
    for tid, theme in book.themes.items():
        if not _ID.match(tid):
            add("theme id must be lowercase letters, digits and _", theme=tid)
        if not theme.label.strip():
            add("must not be empty", tid, "label")
        if not theme.description.strip():
            add("must not be empty", tid, "description")
        if not theme.terms.get("en"):
            add("every theme needs English terms", tid, "terms.en")
        for key in ("concern_reasons", "concern_reasons_other"):
            for i, reason in enumerate(getattr(theme, key)):
                if reason not in REASONS:
                    add(
                        f"unknown concern reason {reason!r} (expected one of {', '.join(REASONS)})",
                        tid,
                        f"{key}[{i}]",
                    )
        for lang, terms in theme.terms.items():
            if lang not in LANGUAGES:
                add(f"unknown language '{lang}' (expected one of {', '.join(LANGUAGES)})",
                    tid, f"terms.{lang}")
                continue
            seen: set[str] = set()
            for i, term in enumerate(terms):
                where = f"terms.{lang}[{i}]"
                why = _term_problem(term)
                if why:
                    add(f"{term!r}: {why}", tid, where)
                elif term.casefold() in seen:
                    add(f"{term!r} is listed twice", tid, where)
                seen.add(term.casefold())
    return problems


def _term_problem(term: str) -> str | None:
    stripped = term.strip()
    if not stripped:
        return "a term must not be empty"
    if stripped != term:
        return "a term must not start or end with spaces"
    for word in term.split():
        if "*" in word[:-1]:
            return "'*' may only end a word"
        if len(word.rstrip("*")) < 2 and word.endswith("*"):
            return "a stem needs at least two letters before '*'"
    if any(c in term for c in "()[]{}\\|+?^$"):
        return "terms are plain words; regular-expression characters are not allowed"
    return None


def _find_line(source: str, theme: str | None, field: str | None) -> int | None:
    """Best-effort line number: the field's key inside the theme's table, else the table."""
    lines = source.splitlines()
    start = 0
    if theme:
        header = re.compile(rf"^\s*\[\s*themes\.{re.escape(theme)}(\.|\s*\])")
        hits = [i for i, line in enumerate(lines) if header.match(line)]
        if not hits:
            return None
        start = hits[0]
    if not field:
        return start + 1 if theme else None
    key = field.split("[")[0].split(".")[-1]
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(start, len(lines)):
        if i > start and theme and lines[i].lstrip().startswith("[") and not lines[
            i
        ].lstrip().startswith(f"[themes.{theme}"):
            break
        if pattern.match(lines[i]):
            return i + 1
    return start + 1 if theme else None

