"""Build the Piccolo engine that a DATABASE_URL names, and bind the tables to it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from backend.storage.tables import (
    AccessCode,
    Answer,
    Edition,
    FreeText,
    InterviewNote,
    Response,
    School,
    StaffSession,
    StaffUser,
    TextAnalysis,
    TextReview,
)

if TYPE_CHECKING:
    from piccolo.engine.base import Engine

__all__ = ["TABLES", "bind_tables", "engine_for"]

TABLES = (
    School, Edition, AccessCode, Response, Answer, FreeText, TextAnalysis, StaffUser, StaffSession,
    TextReview, InterviewNote,
)


class LoopBoundPostgresEngine(PostgresEngine):
    """A connection pool belongs to the event loop that made it.

    The web process pools its connections; code on another loop (a command, a
    test driving the running app) transparently gets fresh connections instead
    of borrowing ones that the pool's loop owns.
    """

    @property
    def pool(self):
        pool = self.__dict__.get("_pool")
        if pool is None:
            return None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return None
        return pool if getattr(pool, "_loop", loop) is loop else None

    @pool.setter
    def pool(self, value) -> None:
        self.__dict__["_pool"] = value


def engine_for(database_url: str) -> Engine:
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SQLiteEngine(path=str(path), timeout=30)
    return LoopBoundPostgresEngine(config={"dsn": database_url})


def bind_tables(engine: Engine) -> None:
    """Point every table at ``engine``, so one process can serve any configured database."""
    for table in TABLES:
        table._meta.db = engine
