"""Retention: editions older than the configured period go, with everything about them.

Run ``feelsafe retention --older-than-years N`` (or set FEELSAFE_RETENTION_YEARS)
once a year after the new edition has closed. Each edition is deleted in one
transaction: its analysis results, free text, answers, responses, access
codes and finally the edition row, so an interrupted run leaves either the
whole edition or none of it. Rows of other tables that point at these
(review decisions, quotes, concern notes) go with them through their
``ON DELETE CASCADE`` foreign keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backend.storage.tables import Edition

__all__ = ["RetentionReport", "delete_editions_older_than", "editions_older_than"]

# Children first, so the deletes never depend on cascades being switched on.
_DELETES = (
    ("analysis results", "DELETE FROM text_analysis WHERE free_text IN (SELECT f.id FROM "
     "free_text f JOIN response r ON f.response = r.id WHERE r.edition = {})"),
    ("free-text answers", "DELETE FROM free_text WHERE response IN "
     "(SELECT id FROM response WHERE edition = {})"),
    ("answers", "DELETE FROM answer WHERE response IN "
     "(SELECT id FROM response WHERE edition = {})"),
    ("responses", "DELETE FROM response WHERE edition = {}"),
    ("access codes", "DELETE FROM access_code WHERE edition = {}"),
    ("editions", "DELETE FROM edition WHERE id = {}"),
)


@dataclass
class RetentionReport:
    cutoff: dt.date
    years: list[int] = field(default_factory=list)
    deleted: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        if not self.years:
            return [f"No edition was opened before {self.cutoff.isoformat()}; nothing deleted."]
        counts = ", ".join(f"{n} {what}" for what, n in self.deleted.items())
        years = ", ".join(map(str, self.years))
        return [f"Deleted edition(s) {years} (opened before {self.cutoff.isoformat()}): {counts}."]


def _cutoff(years: int, today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


async def editions_older_than(years: int, today: dt.date | None = None) -> list[dict]:
    cutoff = _cutoff(years, today)
    return await Edition.select(Edition.id, Edition.year, Edition.opened_on).where(
        Edition.opened_on < cutoff
    ).order_by(Edition.year)


async def delete_editions_older_than(years: int, today: dt.date | None = None) -> RetentionReport:
    """Delete every edition opened more than ``years`` years before ``today``."""
    if years < 1:
        raise ValueError("the retention period must be at least one year")
    report = RetentionReport(cutoff=_cutoff(years, today))
    engine = Edition._meta.db
    for edition in await editions_older_than(years, today):
        async with engine.transaction():
            for what, sql in _DELETES:
                rows = await Edition.raw(_count_sql(sql), edition["id"])
                report.deleted[what] = report.deleted.get(what, 0) + rows[0]["n"]
                await Edition.raw(sql, edition["id"])
        report.years.append(edition["year"])
    return report


def _count_sql(delete_sql: str) -> str:
    """The same rows as a DELETE, counted (for the report)."""
    return "SELECT COUNT(*) AS n FROM" + delete_sql.removeprefix("DELETE FROM")
