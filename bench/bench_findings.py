"""Findings at Big Ask scale: the service against hand-written SQL on the same database.

Fills a fresh, migrated database with 557,000 synthetic complete 2026 responses (every choice
question answered as a pupil would, follow-ups only when they apply), written straight into the
tables with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL): a benchmark fixture, not the
submission path. Then, in one process and interleaved, it times

* the service: ``question_findings`` with every breakdown (counts in the database, then every
  table through disclosure control and the linked-table rules), and
* hand-written SQL: the ``GROUP BY`` queries that give the same counts, read into Python, in
  three shapes (one query per breakdown; one query grouping by every breakdown at once; every
  breakdown's margin from one scan, with ``GROUPING SETS`` on PostgreSQL and a ``UNION ALL``
  of ``GROUP BY``s over a CTE on SQLite); the fastest is the baseline,

and prints the medians and the ratio (target: at most 2).

    PYTHONPATH=. python bench/bench_findings.py [--postgres] [--responses 557000]
        [--schools 600] [--runs 5] [--question safe_at_school] [--keep]
    PYTHONPATH=. python bench/bench_findings.py --database URL   # time a kept database again
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.common import POSTGRES_SERVER, ROOT, env_for

BREAKDOWNS = ("school", "year_band", "gender", "send", "language", "variant", "home_language")
CHUNK = 20_000


# --------------------------------------------------------------------------- synthetic pupils


def _weights(values, skew=1.4):
    return [1 / (i + 1) ** skew for i in range(len(values))]


class Pupils:
    """Answers like real ones: skewed towards common answers, some skips and follow-ups."""

    def __init__(self, survey, school_ids: list[int], seed: int = 557) -> None:
        self.rng = random.Random(seed)
        self.survey = survey
        self.schools = school_ids
        # Schools differ in size (a few large ones, many average, some small special schools).
        self.school_weights = [self.rng.choice((0.1, 0.6, 1, 1, 1, 1.5, 2.5)) for _ in school_ids]
        d = survey.definition
        self.questions = [q for q in d.questions if q.type != "free_text"]
        self.options = {q.id: [o.value for o in d.options_for(q)] for q in self.questions}
        for q in self.questions:
            if q.prefer_not_say:
                self.options[q.id].append("prefer_not_say")
        self.bands = {o.value: o.band for o in d.options_for(survey.questions["year_group"])}

    def chunk(self, first_id: int, n: int, edition_id: int, today: dt.date):
        rng = self.rng
        responses, answers = [], []
        schools = rng.choices(self.schools, self.school_weights, k=n)
        languages = rng.choices(("en", "ta", "ur", "pl", "pt", "ar"), (90, 2, 3, 3, 1, 1), k=n)
        variants = rng.choices(("standard", "easy_read"), (85, 15), k=n)
        picks = {}
        for q in self.questions:
            values = self.options[q.id]
            picks[q.id] = rng.choices(values, _weights(values), k=n)
        for i in range(n):
            rid = first_id + i
            chosen: dict[str, object] = {}
            for q in self.questions:
                if q.show_if is not None and (
                        chosen.get(q.show_if.question) not in q.show_if.any_of):
                    continue
                if rng.random() < 0.04:  # skipped
                    continue
                if q.type in ("multiple_choice", "theme_vote"):
                    values = self.options[q.id]
                    k = 1 + int(rng.random() * rng.random() * 3)
                    chosen[q.id] = rng.sample(values[:-1] or values, min(k, len(values)))
                else:
                    chosen[q.id] = picks[q.id][i]
            for qid, value in chosen.items():
                for v in value if isinstance(value, list) else (value,):
                    answers.append((rid, qid, v))
            year, gender, send, home = (chosen.get(k) for k in (
                "year_group", "gender", "send", "home_language"))
            responses.append((
                rid, edition_id, schools[i], uuid.UUID(int=rng.getrandbits(128)).hex,
                languages[i], variants[i], self.bands.get(year, year), gender, send, home,
                False, False, today, False,
            ))
        return responses, answers


RESPONSE_COLUMNS = ("id", "edition", "school", "client_submission_id", "language", "variant",
                    "year_band", "gender", "send", "home_language", "had_help", "paper",
                    "submitted_on", "is_demo")


# --------------------------------------------------------------------------- filling


def _migrate(url: str) -> None:
    subprocess.run([sys.executable, "-m", "backend.cli", "migrate"], env=env_for(url), cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)


async def _setup(n_schools: int) -> tuple[int, list[int], object]:
    from backend.editions import open_edition
    from backend.storage.tables import School
    from survey_definitions import definition_path

    edition_id, survey = await open_edition(definition_path(2026))
    rows = [School(code=f"S{i:04d}", name=f"School {i:04d}", kind="secondary", roll=1000)
            for i in range(n_schools)]
    await School.insert(*rows)
    ids = [r["id"] for r in await School.select(School.id).order_by(School.id)]
    return edition_id, ids, survey


def _fill_sqlite(path: str, pupils: Pupils, edition_id: int, total: int) -> int:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    today = dt.date.today().isoformat()
    answers = 0
    placeholders = ", ".join("?" for _ in RESPONSE_COLUMNS)
    for start in range(0, total, CHUNK):
        n = min(CHUNK, total - start)
        responses, rows = pupils.chunk(start + 1, n, edition_id, today)
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO response ({', '.join(RESPONSE_COLUMNS)}) VALUES "
                         f"({placeholders})", responses)
        conn.executemany("INSERT INTO answer (response, question_id, value) VALUES (?, ?, ?)",
                         rows)
        conn.execute("COMMIT")
        answers += len(rows)
        print(f"\r  {start + n:,} responses", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return answers


async def _fill_postgres(dsn: str, pupils: Pupils, edition_id: int, total: int) -> int:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    today = dt.date.today()
    answers = 0
    next_answer = 1
    for start in range(0, total, CHUNK):
        n = min(CHUNK, total - start)
        responses, rows = pupils.chunk(start + 1, n, edition_id, today)
        await conn.copy_records_to_table("response", records=responses, columns=RESPONSE_COLUMNS)
        await conn.copy_records_to_table(
            "answer", records=[(next_answer + j, *r) for j, r in enumerate(rows)],
            columns=("id", "response", "question_id", "value"))
        next_answer += len(rows)
        answers += len(rows)
        print(f"\r  {start + n:,} responses", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    await conn.execute("SELECT setval(pg_get_serial_sequence('response', 'id'), $1)", total)
    await conn.execute("SELECT setval(pg_get_serial_sequence('answer', 'id'), $1)", next_answer)
    await conn.execute("VACUUM ANALYZE response")
    await conn.execute("VACUUM ANALYZE answer")
    await conn.close()
    return answers


# --------------------------------------------------------------------------- hand-written SQL


def _per_breakdown_sql(multiple: bool, ph) -> list[tuple[str, int]]:
    """One GROUP BY per breakdown: respondents per group, answers per group and value (and,
    for multiple choice, respondents who answered, per group)."""
    out = []
    for d in BREAKDOWNS:
        out.append((f"SELECT {d}, COUNT(*) FROM response WHERE edition = {ph(1)} GROUP BY {d}", 1))
        out.append((f"SELECT r.{d}, a.value, COUNT(*) FROM answer a JOIN response r "
                    f"ON r.id = a.response WHERE a.question_id = {ph(1)} AND r.edition = {ph(2)} "
                    f"GROUP BY r.{d}, a.value", 2))
        if multiple:
            out.append((f"SELECT r.{d}, COUNT(DISTINCT a.response) FROM answer a JOIN response r "
                        f"ON r.id = a.response WHERE a.question_id = {ph(1)} "
                        f"AND r.edition = {ph(2)} GROUP BY r.{d}", 2))
    return out


def _combined_sql(multiple: bool, ph) -> list[tuple[str, int]]:
    """Every breakdown in one GROUP BY (the combinations), as the service's first shape did."""
    dims = ", ".join(BREAKDOWNS)
    rdims = ", ".join(f"r.{d}" for d in BREAKDOWNS)
    out = [(f"SELECT {dims}, COUNT(*) FROM response WHERE edition = {ph(1)} GROUP BY {dims}", 1),
           (f"SELECT a.value, {rdims}, COUNT(*) FROM answer a JOIN response r ON r.id = a.response"
            f" WHERE a.question_id = {ph(1)} AND r.edition = {ph(2)} GROUP BY a.value, {rdims}", 2)]
    if multiple:
        out.append((f"SELECT {rdims}, COUNT(DISTINCT a.response) FROM answer a JOIN response r "
                    f"ON r.id = a.response WHERE a.question_id = {ph(1)} AND r.edition = {ph(2)}"
                    f" GROUP BY {rdims}", 2))
    return out


def _margins_sql(multiple: bool, ph, postgres: bool) -> list[tuple[str, int]]:
    """Every breakdown's margin from one scan: GROUPING SETS on PostgreSQL; on SQLite (which
    has none) GROUP BYs over a CTE of the rows, in one UNION ALL."""
    join = "FROM answer a JOIN response r ON r.id = a.response"
    if postgres:
        def sets(value):
            return ", ".join(f"({value}r.{d})" for d in BREAKDOWNS)
        cols = ", ".join(f"r.{d}" for d in BREAKDOWNS)
        out = [(f"SELECT {cols}, COUNT(*) FROM response r WHERE r.edition = {ph(1)} "
                f"GROUP BY GROUPING SETS ({sets('')})", 1),
               (f"SELECT a.value, {cols}, COUNT(*) {join} WHERE a.question_id = {ph(1)} "
                f"AND r.edition = {ph(2)} GROUP BY GROUPING SETS ({sets('a.value, ')})", 2)]
        if multiple:
            out.append((f"SELECT {cols}, COUNT(*) FROM (SELECT DISTINCT response FROM answer "
                        f"WHERE question_id = {ph(1)}) a JOIN response r ON r.id = a.response "
                        f"WHERE r.edition = {ph(2)} GROUP BY GROUPING SETS ({sets('')}, ())", 2))
        return out
    cols = ", ".join(f"r.{d} AS d{i}" for i, d in enumerate(BREAKDOWNS))
    people = " UNION ALL ".join(f"SELECT {i}, d{i}, COUNT(*) FROM c GROUP BY d{i}"
                                for i in range(len(BREAKDOWNS)))
    answers = " UNION ALL ".join(f"SELECT {i}, v, d{i}, COUNT(*) FROM c GROUP BY v, d{i}"
                                 for i in range(len(BREAKDOWNS)))
    out = [(f"WITH c AS (SELECT {cols} FROM response r WHERE r.edition = {ph(1)}) {people}", 1)]
    if multiple:
        answered = " UNION ALL ".join(
            f"SELECT {i}, NULL, d{i}, COUNT(DISTINCT rid) FROM c GROUP BY d{i}"
            for i in range(len(BREAKDOWNS)))
        answers += " UNION ALL " + answered
    out.append((f"WITH c AS (SELECT a.response AS rid, a.value AS v, {cols} {join} "
                f"WHERE a.question_id = {ph(1)} AND r.edition = {ph(2)}) {answers}", 2))
    return out


def _args(n: int, edition_id: int, question: str) -> tuple:
    return (edition_id,) if n == 1 else (question, edition_id)


# --------------------------------------------------------------------------- timing


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--responses", type=int, default=557_000)
    parser.add_argument("--schools", type=int, default=600)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--question", action="append",
                        help="question id (repeatable); default safe_at_school and unsafe_places")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--database", help="time an already filled database (from --keep) "
                        "after migrating it, instead of filling a new one")
    args = parser.parse_args()
    questions = args.question or ["safe_at_school", "unsafe_places"]
    if args.database:
        os.environ.update(env_for(args.database))
        _run(args.database, args, questions, fill=False)
        return

    tmp = Path(tempfile.mkdtemp(prefix="feelsafe-bench-findings-"))
    name = None
    if args.postgres:
        name = f"feelsafe_bench_{uuid.uuid4().hex[:10]}"
        subprocess.run(["psql", POSTGRES_SERVER, "-qc", f"CREATE DATABASE {name}"], check=True)
        url = POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name
    else:
        url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.update(env_for(url))
    try:
        _run(url, args, questions)
    finally:
        if name and not args.keep:
            subprocess.run(["psql", POSTGRES_SERVER, "-qc", f"DROP DATABASE {name} WITH (FORCE)"])
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept: {url}")


def _run(url: str, args, questions: list[str], fill: bool = True) -> None:
    from backend.findings import edition_by_year, question_findings
    from backend.findings.labels import MULTIPLE_TYPES
    from backend.storage.engine import bind_tables, engine_for

    args.postgres = not url.startswith("sqlite:///")
    t0 = time.perf_counter()
    _migrate(url)
    if not fill:
        print(f"migrated in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    engine = engine_for(url)
    bind_tables(engine)
    if fill:
        edition_id, school_ids, survey = asyncio.run(_setup(args.schools))
        pupils = Pupils(survey, school_ids)
        print(f"Filling {args.responses:,} responses over {len(school_ids)} schools "
              f"({'PostgreSQL' if args.postgres else 'SQLite'}) ...", file=sys.stderr)
        t0 = time.perf_counter()
        if args.postgres:
            answers = asyncio.run(_fill_postgres(url, pupils, edition_id, args.responses))
        else:
            answers = _fill_sqlite(url.removeprefix("sqlite:///"), pupils, edition_id,
                                   args.responses)
        print(f"filled {args.responses:,} responses and {answers:,} answer rows in "
              f"{time.perf_counter() - t0:.0f} s; load average {os.getloadavg()[0]:.1f}")
    else:
        info = asyncio.run(edition_by_year(2026))
        edition_id, survey = info.id, info.survey

    async def measure() -> None:
        if args.postgres:
            import asyncpg

            await engine.start_connection_pool(min_size=1, max_size=4)
            raw = await asyncpg.connect(url)

            async def fetch(sql, params):
                return await raw.fetch(sql, *params)

            def ph(i):
                return f"${i}"
        else:
            raw = sqlite3.connect(url.removeprefix("sqlite:///"))

            async def fetch(sql, params):
                return raw.execute(sql, params).fetchall()

            def ph(i):
                return "?"

        for qid in questions:
            multiple = survey.questions[qid].type in MULTIPLE_TYPES
            shapes = {"one query per breakdown": _per_breakdown_sql(multiple, ph),
                      "one query for all breakdowns": _combined_sql(multiple, ph),
                      "margins from one scan": _margins_sql(multiple, ph, args.postgres)}
            times: dict[str, list[float]] = {"service": [], **{s: [] for s in shapes}}
            rows: dict[str, int] = {}
            await question_findings(edition_id, qid, min_size=10)  # warm caches alike
            for _ in range(args.runs):
                t = time.perf_counter()
                await question_findings(edition_id, qid, min_size=10)
                times["service"].append(time.perf_counter() - t)
                for shape, queries in shapes.items():
                    t = time.perf_counter()
                    got = 0
                    for sql, n in queries:
                        got += len(await fetch(sql, _args(n, edition_id, qid)))
                    times[shape].append(time.perf_counter() - t)
                    rows[shape] = got
            medians = {k: _median_ms(v) for k, v in times.items()}
            best = min(shapes, key=lambda s: medians[s])
            print(f"\n{qid} ({survey.questions[qid].type}), all {len(BREAKDOWNS)} breakdowns, "
                  f"median of {args.runs}:")
            print(f"  service (question_findings) {medians['service']:9.0f} ms")
            for shape in shapes:
                print(f"  hand-written SQL, {shape:<29}{medians[shape]:8.0f} ms "
                      f"({rows[shape]:,} rows)")
            print(f"  ratio service / best hand-written SQL: "
                  f"{medians['service'] / medians[best]:.2f} (target <= 2)")
        if args.postgres:
            await raw.close()
            await engine.close_connection_pool()
        else:
            raw.close()
        print(f"load average {os.getloadavg()[0]:.1f}")

    asyncio.run(measure())


if __name__ == "__main__":
    main()
