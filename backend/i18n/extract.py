"""Babel extraction method for survey definition and codebook TOML files.

Survey wording lives in human-editable TOML, not in code, yet translators
should only ever see ordinary ``.po`` files. ``pybabel extract`` calls
:func:`extract_survey_definition` (named in ``babel.cfg``) for each file under
``survey_definitions/``; every text a pupil (or an ambassador) can see becomes
a message whose translator comment names the question id and the field, and
says when the text is easy-read wording that must stay short and simple.
"""

from __future__ import annotations

import json
import tomllib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping
    from typing import IO

__all__ = ["extract_survey_definition", "survey_messages"]

_FIELD_NOTES = {
    "easy_read": "easy_read is easy-read wording: keep it short and simple",
    "easy_help": "easy_help is easy-read help: keep it short and simple",
    "intro": "intro is the text under a section heading",
    "label": "label: theme name in findings, packs and the ambassador toolkit",
}
"""One shared note per field; Babel keeps each distinct comment line once per message."""


def survey_messages(data: Mapping[str, Any]) -> Iterator[tuple[str, str, list[str]]]:
    """Yield ``(anchor, text, comments)`` for every translatable text of a parsed file.

    ``anchor`` is a TOML fragment near the text (to find its line number).
    Survey definitions and the theme codebook are told apart by their shape.
    """

    def note(where: str, field: str) -> list[str]:
        # Short lines: Babel wraps comments at 76 columns, and wrapped lines do not round-trip.
        return [f"{where}: {field}", *filter(None, [_FIELD_NOTES.get(field)])]

    edition = data.get("edition")
    if isinstance(edition, dict):
        for field in ("title", "description"):
            if edition.get(field):
                yield "[edition]", edition[field], note("edition", field)
    for point in data.get("safety_scale", ()):
        where = f"safety_scale point {point.get('value')}"
        for field in ("text", "easy_read"):
            if point.get(field):
                yield "safety_scale", point[field], note(where, field)
    for section in data.get("sections", ()):
        for field in ("title", "easy_read", "intro"):
            if section.get(field):
                yield f'id = "{section["id"]}"', section[field], note(
                    f"section {section['id']}", field
                )
    for question in data.get("questions", ()):
        qid = question.get("id", "?")
        anchor = f'id = "{qid}"'
        for field in ("text", "easy_read", "help", "easy_help"):
            if question.get(field):
                yield anchor, question[field], note(f"question {qid}", field)
        for option in question.get("options", ()):
            where = f"question {qid}, option {option.get('value')}"
            for field in ("text", "easy_read"):
                if option.get(field):
                    yield anchor, option[field], note(where, field)
    themes = data.get("themes")
    if isinstance(themes, dict):
        for theme_id, theme in themes.items():
            if isinstance(theme, dict) and theme.get("label"):
                yield f"[themes.{theme_id}]", theme["label"], note(f"theme {theme_id}", "label")


def extract_survey_definition(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method: ``(lineno, funcname, message, comments)`` per text."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    data = tomllib.loads(source)
    lines = source.splitlines()
    for anchor, text, comments in survey_messages(data):
        yield _line_of(lines, anchor, text), None, text, comments


def _line_of(lines: list[str], anchor: str, text: str) -> int:
    """The first line at or after ``anchor`` holding ``text`` as a TOML string (1-based)."""
    quoted = json.dumps(text, ensure_ascii=False)
    start = next((i for i, line in enumerate(lines) if anchor in line), 0)
    for i in range(start, len(lines)):
        if quoted in lines[i]:
            return i + 1
    return start + 1
