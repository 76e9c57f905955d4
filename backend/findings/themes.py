"""Themes in pupils' free text: how many pupils mention each theme, and in what mood.

The unit is the pupil, not the answer: a pupil who wrote about bullying in two answers counts
once, so a shown count of 10 is always 10 pupils. A theme is the reviewer's coding where a
reviewer has coded the answer (``TextReview.themes``), else the analysis's suggestion
(``TextAnalysis.themes``). A pupil's sentiment for a theme is the sentiment of their answers
coded with it: one label when their scored answers agree, "Mixed" when they do not, "Not scored"
when none could be scored (a reviewer's scored English translation counts).

Counting is one ``GROUP BY`` in the database (JSON arrays expanded with ``json_each`` on SQLite,
``json_array_elements`` on PostgreSQL); every count then goes through disclosure control, with
linked totals decided once (``analysis.linked_tables``):

* ``writers``: the edition's pupils split into those with analysed free text and the rest;
* ``mentions[theme]``: Mentioned / Not mentioned among pupils with analysed free text, whose
  total is the ``writers`` cell, hidden exactly when that cell is;
* ``sentiment[theme]``: the mentioning pupils by sentiment, whose total is the "Mentioned" cell.
"""

from __future__ import annotations

from functools import cache

import msgspec

from analysis.codebook import DEFAULT_CODEBOOK_PATH, load_codebook
from analysis.disclosure import SuppressedTable
from analysis.linked_tables import fit_table
from backend.findings.service import _min_size, edition_info
from backend.storage.tables import FreeText, Response

__all__ = [
    "ANALYSED",
    "MENTIONED",
    "MIXED",
    "NOT_ANALYSED",
    "NOT_MENTIONED",
    "NOT_SCORED",
    "SENTIMENTS",
    "ThemeFindings",
    "theme_findings",
    "theme_labels",
]

ANALYSED, NOT_ANALYSED = "Analysed free text", "No analysed free text"
MENTIONED, NOT_MENTIONED = "Mentioned", "Not mentioned"
MIXED, NOT_SCORED = "Mixed", "Not scored"
SENTIMENTS: dict[str, str] = {
    "negative": "Negative", "neutral": "Neutral", "positive": "Positive",
    "mixed": MIXED, "unscored": NOT_SCORED,
}
"""Stored sentiment (or our own marker) -> table row, in reading order."""


class ThemeFindings(msgspec.Struct, frozen=True):
    """Disclosure-controlled theme tables of one edition. Themes are in codebook order."""

    min_size: int
    labels: dict[str, str]
    """Theme id -> its English label (from the codebook; the id for a theme no longer in it)."""
    writers: SuppressedTable
    mentions: dict[str, SuppressedTable]
    sentiment: dict[str, SuppressedTable]


@cache
def theme_labels() -> dict[str, str]:
    """Theme id -> English label, in codebook order (translated where shown)."""
    return {tid: theme.label for tid, theme in load_codebook(DEFAULT_CODEBOOK_PATH).themes.items()}


_SENTIMENT = """CASE WHEN ta.sentiment_status = 'scored' AND ta.sentiment_label IS NOT NULL
                    THEN ta.sentiment_label ELSE tr.translation_sentiment END"""

_SQL = {
    "sqlite": """
WITH coded AS (
  SELECT f.response AS response, j.value AS theme, {sentiment} AS sentiment
  FROM free_text f
  JOIN response r ON r.id = f.response
  JOIN text_review tr ON tr.free_text = f.id
  LEFT JOIN text_analysis ta ON ta.free_text = f.id
  JOIN json_each(tr.themes) j
  WHERE r.edition = {{}} AND json_type(tr.themes) = 'array'
  UNION ALL
  SELECT f.response, json_extract(j.value, '$.theme'), {sentiment}
  FROM free_text f
  JOIN response r ON r.id = f.response
  JOIN text_analysis ta ON ta.free_text = f.id
  LEFT JOIN text_review tr ON tr.free_text = f.id
  JOIN json_each(ta.themes) j
  WHERE r.edition = {{}} AND (tr.themes IS NULL OR json_type(tr.themes) IS NOT 'array')
)""",
    "postgres": """
WITH coded AS (
  SELECT f.response AS response, j.value AS theme, {sentiment} AS sentiment
  FROM free_text f
  JOIN response r ON r.id = f.response
  JOIN text_review tr ON tr.free_text = f.id
  LEFT JOIN text_analysis ta ON ta.free_text = f.id
  CROSS JOIN LATERAL json_array_elements_text(
    CASE WHEN json_typeof(tr.themes) = 'array' THEN tr.themes ELSE '[]'::json END) AS j(value)
  WHERE r.edition = {{}}
  UNION ALL
  SELECT f.response, j.value ->> 'theme', {sentiment}
  FROM free_text f
  JOIN response r ON r.id = f.response
  JOIN text_analysis ta ON ta.free_text = f.id
  LEFT JOIN text_review tr ON tr.free_text = f.id
  CROSS JOIN LATERAL json_array_elements(
    CASE WHEN json_typeof(ta.themes) = 'array' THEN ta.themes ELSE '[]'::json END) AS j(value)
  WHERE r.edition = {{}} AND (tr.themes IS NULL OR json_typeof(tr.themes) <> 'array')
)""",
}
_PER_THEME = """
SELECT theme, mix, COUNT(*) AS n FROM (
  SELECT theme, response,
         CASE WHEN COUNT(DISTINCT sentiment) = 0 THEN 'unscored'
              WHEN COUNT(DISTINCT sentiment) > 1 THEN 'mixed'
              ELSE MAX(sentiment) END AS mix
  FROM coded GROUP BY theme, response
) AS per_pupil GROUP BY theme, mix
"""
_WRITERS = """
SELECT COUNT(DISTINCT f.response) AS n
FROM free_text f JOIN response r ON r.id = f.response
WHERE r.edition = {} AND (
  EXISTS (SELECT 1 FROM text_analysis ta WHERE ta.free_text = f.id)
  OR EXISTS (SELECT 1 FROM text_review tr WHERE tr.free_text = f.id))
"""


async def _counts(edition_id: int) -> tuple[int, int, dict[str, dict[str, int]]]:
    """(respondents, pupils with analysed free text, theme -> sentiment row -> pupils)."""
    engine = FreeText._meta.db.engine_type
    coded = _SQL["postgres" if engine == "postgres" else "sqlite"].format(sentiment=_SENTIMENT)
    rows = await FreeText.raw(coded + _PER_THEME, edition_id, edition_id)
    by_theme: dict[str, dict[str, int]] = {}
    for row in rows:
        if row["theme"] is None:
            continue
        mix = row["mix"] if row["mix"] in SENTIMENTS else "unscored"
        cells = by_theme.setdefault(str(row["theme"]), dict.fromkeys(SENTIMENTS.values(), 0))
        cells[SENTIMENTS[mix]] += int(row["n"])
    writers = (await FreeText.raw(_WRITERS, edition_id))[0]["n"]
    total = await Response.count().where(Response.edition == edition_id)
    return total, int(writers), by_theme


async def theme_findings(edition_id: int, *, min_size: int | None = None) -> ThemeFindings:
    """Every theme's pupils and sentiment mix for one edition, through disclosure control.

    Every codebook theme is listed (zeros included), then any other theme found in the data.
    """
    k = _min_size(min_size)
    await edition_info(edition_id)  # FindingsError for an unknown edition
    total, writers, by_theme = await _counts(edition_id)
    labels = dict(theme_labels())
    labels.update({t: t for t in sorted(by_theme) if t not in labels})
    base = fit_table({ANALYSED: writers, NOT_ANALYSED: total - writers}, k)
    writers_hidden = base.cells[ANALYSED].suppressed
    mentions, sentiment = {}, {}
    for theme in labels:
        mix = by_theme.get(theme, dict.fromkeys(SENTIMENTS.values(), 0))
        mentioned = sum(mix.values())
        table = fit_table({MENTIONED: mentioned, NOT_MENTIONED: writers - mentioned}, k,
                          total_hidden=writers_hidden)
        mentions[theme] = table
        sentiment[theme] = fit_table(mix, k, total_hidden=table.cells[MENTIONED].suppressed)
    return ThemeFindings(k, labels, base, mentions, sentiment)
