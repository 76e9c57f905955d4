"""One write transaction for a reviewer's change: the decision and its audit row together."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from piccolo.engine.sqlite import SQLiteEngine, TransactionType

if TYPE_CHECKING:
    from piccolo.table import Table

__all__ = ["now", "write_transaction"]


def write_transaction(table: type[Table]):
    """A transaction on ``table``'s engine; on SQLite it takes the write lock at once
    (``IMMEDIATE``), since every review change reads a row and then writes it."""
    engine = table._meta.db
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
