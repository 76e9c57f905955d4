"""Build the Piccolo engine that a DATABASE_URL names, and bind the tables to it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from backend.storage.tables import (
    AccessCode,
    Answer,
    Edition,
    FreeText,
    Response,
    School,
    TextAnalysis,
)

if TYPE_CHECKING:
    from piccolo.engine.base import Engine

__all__ = ["TABLES", "bind_tables", "engine_for"]

TABLES = (School, Edition, AccessCode, Response, Answer, FreeText, TextAnalysis)


def engine_for(database_url: str) -> Engine:
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SQLiteEngine(path=str(path), timeout=30)
    return PostgresEngine(config={"dsn": database_url})


def bind_tables(engine: Engine) -> None:
    """Point every table at ``engine``, so one process can serve any configured database."""
    for table in TABLES:
        table._meta.db = engine
