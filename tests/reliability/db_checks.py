"""Integrity checks straight from the database, used after crashes and floods."""

from __future__ import annotations

import asyncio

from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import Response

__all__ = ["integrity", "row_counts", "seed", "stored_ids"]

TABLES = ("response", "answer", "free_text", "access_code", "edition", "school")


def _run(url: str, coro_factory):
    bind_tables(engine_for(url))
    return asyncio.run(coro_factory())


def seed(url: str) -> dict[str, int]:
    """The backend tests' school and codes (OPENCODE22 is open and unlimited)."""
    from backend.editions.access_codes import forget_cached_codes
    from tests.backend.conftest import seed_school_and_codes

    forget_cached_codes()
    return _run(url, seed_school_and_codes)


def row_counts(url: str) -> dict[str, int]:
    async def count():
        out = {}
        for table in TABLES:
            rows = await Response.raw(f"SELECT COUNT(*) AS n FROM {table}")
            out[table] = rows[0]["n"]
        return out

    return _run(url, count)


def stored_ids(url: str) -> set[str]:
    async def ids():
        return {r["client_submission_id"] for r in await Response.select(
            Response.client_submission_id)}

    return _run(url, ids)


def integrity(url: str) -> dict[str, object]:
    """Per-response child counts and orphans: what "stored whole" means, as numbers."""

    async def check():
        per_response = await Response.raw(
            "SELECT r.client_submission_id AS id, "
            "(SELECT COUNT(*) FROM answer a WHERE a.response = r.id) AS answers, "
            "(SELECT COUNT(*) FROM free_text f WHERE f.response = r.id) AS texts "
            "FROM response r"
        )
        orphan_answers = await Response.raw(
            "SELECT COUNT(*) AS n FROM answer a WHERE NOT EXISTS "
            "(SELECT 1 FROM response r WHERE r.id = a.response)"
        )
        orphan_texts = await Response.raw(
            "SELECT COUNT(*) AS n FROM free_text f WHERE NOT EXISTS "
            "(SELECT 1 FROM response r WHERE r.id = f.response)"
        )
        return {
            "children": {r["id"]: (r["answers"], r["texts"]) for r in per_response},
            "orphan_answers": orphan_answers[0]["n"],
            "orphan_texts": orphan_texts[0]["n"],
        }

    return _run(url, check)
