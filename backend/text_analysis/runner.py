"""Analyse stored free text soon after submission, off the request path.

``feelsafe serve`` starts ``feelsafe analyse --follow`` as a separate, lower
priority process, so analysis never competes with submissions for the web
process's interpreter. Results carry the codebook version they were made with;
``feelsafe analyse --year Y`` re-runs an edition after the codebook changes.
Only redacted text is ever read here: the raw text was never stored.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import sqlite3
from typing import TYPE_CHECKING

from piccolo.engine.sqlite import SQLiteEngine

from analysis.codebook import Codebook, load_or_keep
from analysis.pipeline import analyse_redacted
from backend.storage.tables import Edition, FreeText, Response, TextAnalysis

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

__all__ = ["analyse_pending", "analyse_rows", "follow", "reanalyse_edition"]

log = logging.getLogger("feelsafe.analysis")
BATCH = 200
_RESULT_COLUMNS = [
    c for c in TextAnalysis._meta.columns if c._meta.name not in ("id", "free_text")
]
"""What a newer analysis of the same answer replaces."""


def _analyse(rows: Iterable[dict], codebook: Codebook) -> list[dict]:
    """Pure work, run in a thread: one TextAnalysis row per free-text row."""
    today = dt.date.today()
    results = []
    for row in rows:
        analysis = analyse_redacted(row["text"], row["language"], codebook)
        sentiment, concern = analysis.sentiment, analysis.concern
        results.append(
            {
                "free_text": row["id"],
                "codebook_version": analysis.codebook_version,
                "themes": [{"theme": m.theme, "terms": list(m.terms)} for m in analysis.themes],
                "sentiment_label": sentiment.label if sentiment else None,
                "polarity": sentiment.polarity if sentiment else None,
                "sentiment_status": "scored" if sentiment else "needs_translation",
                "concern": concern.flagged,
                "concern_reasons": list(concern.reasons),
                "analysed_on": today,
            }
        )
    return results


async def analyse_rows(rows: list[dict], codebook: Codebook) -> int:
    """Analyse ``rows`` (id, text, language) and store results, replacing older ones."""
    if not rows:
        return 0
    results = await asyncio.to_thread(_analyse, rows, codebook)
    engine = TextAnalysis._meta.db
    if isinstance(engine, SQLiteEngine):
        await asyncio.to_thread(_store_on_sqlite, engine.path, results)
    else:
        await TextAnalysis.insert(*[TextAnalysis(**r) for r in results]).on_conflict(
            target=TextAnalysis.free_text, action="DO UPDATE", values=_RESULT_COLUMNS
        )
    return len(results)


def _store_on_sqlite(path: str, results: list[dict]) -> None:
    """One upsert statement on a connection of its own that does not sync at commit.

    Every pupil's submission waits for SQLite's one write lock, and this worker runs
    niced: whatever it does while holding the lock can be stretched by the scheduler to
    hundreds of milliseconds when the web process is busy. So the lock is held only
    while the statement runs (one statement, no transaction around Python work), and
    without the fsync of ``synchronous=FULL``: in WAL mode with ``NORMAL`` the commit
    is safe against a crash of any process, and a power cut can lose only the last
    results, which are derived data: their answers show as pending and are analysed
    again.
    """
    replaced = [c._meta.name for c in _RESULT_COLUMNS]
    names = ["free_text", *replaced]
    marks = "(" + ",".join("?" * len(names)) + ")"
    updates = ", ".join(f'"{n}"=excluded."{n}"' for n in replaced)
    statement = (
        f"INSERT INTO text_analysis ({', '.join(names)}) VALUES "
        + ",".join([marks] * len(results))
        + f" ON CONFLICT (free_text) DO UPDATE SET {updates}"
    )
    values = [_sqlite_value(r[n]) for r in results for n in names]
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(statement, values)
    finally:
        conn.close()


def _sqlite_value(value):
    """As Piccolo stores it: JSON as text, dates as ISO text, booleans as 0/1."""
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return int(value) if isinstance(value, bool) else value


async def analyse_pending(codebook: Codebook, limit: int = BATCH) -> int:
    """Analyse free text that has no analysis yet; returns how many were done."""
    analysed = TextAnalysis.select(TextAnalysis.free_text)
    rows = await (
        FreeText.select(FreeText.id, FreeText.text, FreeText.language)
        .where(FreeText.id.not_in(analysed))
        .limit(limit)
    )
    return await analyse_rows(rows, codebook)


async def reanalyse_edition(
    year: int, codebook: Codebook, *, everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Re-run analysis for one edition's answers made with another codebook version."""
    edition = await Edition.select(Edition.id).where(Edition.year == year).first()
    if edition is None:
        raise LookupError(f"there is no edition for {year}")
    in_edition = Response.select(Response.id).where(Response.edition == edition["id"])
    query = FreeText.select(FreeText.id, FreeText.text, FreeText.language).where(
        FreeText.response.is_in(in_edition)
    )
    if not everything:
        current = TextAnalysis.select(TextAnalysis.free_text).where(
            TextAnalysis.codebook_version == codebook.version
        )
        query = query.where(FreeText.id.not_in(current))
    rows = await query.order_by(FreeText.id)
    done = 0
    for start in range(0, len(rows), BATCH):
        done += await analyse_rows(rows[start : start + BATCH], codebook)
        if progress:
            progress(min(BATCH, len(rows) - start))
    return done


async def follow(
    codebook_path: Path,
    codebook: Codebook,
    interval: float = 2.0,
    parent_pid: int | None = None,
) -> None:
    """Keep analysing new answers; pick up codebook edits, keeping the old one if a new is bad.

    With ``parent_pid`` it stops once that process is gone, so a web server
    stopped by a signal never leaves its analysis worker behind.
    """
    seen_mtime = codebook_path.stat().st_mtime
    while parent_pid is None or os.getppid() == parent_pid:
        mtime = codebook_path.stat().st_mtime
        if mtime != seen_mtime:
            seen_mtime = mtime
            codebook, error = load_or_keep(codebook_path, codebook)
            if error is not None:
                log.error("codebook not reloaded, the previous one stays in force:\n%s", error)
        try:
            done = await analyse_pending(codebook)
        except Exception as exc:  # keep following; the next round retries
            log.error("analysis round failed: %s", type(exc).__name__)
            done = 0
        if done < BATCH:
            await asyncio.sleep(interval)
