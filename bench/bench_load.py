"""Load: mixed pupil traffic from a whole borough at 64 and 256 connections, beside /healthz.

Starts the real server (``feelsafe serve``) on a fresh database seeded with the
demo edition plus one access code per school, then for each connection count
drives it with wrk: /healthz alone, then mixed traffic (survey page views and
complete submissions, each school behind its own address). Prints throughput,
p50/p99 latency and errors, then the "one school behind one address" scenario
(1,500 submissions with one code from one address, with some mistyped codes,
under the default rate limits) and a code-guessing script's refusals. Then the
capacity within the latency target: at 64 connections, the pause between each
connection's requests is shortened step by step until p99 passes 100 ms, and the
most traffic carried within it is printed. Finally checks that every acknowledged
submission is in the database.

    python bench/bench_load.py                                # SQLite, 1 worker
    python bench/bench_load.py --postgres --workers 3         # PostgreSQL + Redis limits
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bench.bench_submissions import stored_ids
from bench.common import fresh_database, median, wrk
from tests.backend.submission_helpers import full_answers, submission
from tests.reliability.server import Server

SCHOOL_SIZE = 1500
TYPOS = 60
SLO_THINK_MS = (100, 50, 25, 12, 6, 3, 1)
"""Mean pause per connection between requests in the capacity sweep, longest first."""


def errors_in(mixed: dict) -> int:
    bad = sum(n for status, n in mixed["statuses"].items() if status not in (200, 201))
    return bad + mixed["socket_errors"]


def body_template() -> str:
    return json.dumps(
        {
            "access_code": "__CODE__",
            "language": "en",
            "variant": "standard",
            "client_submission_id": "__ID__",
            "answers": full_answers(),
        }
    )


async def add_school_codes(url: str, schools: int) -> list[str]:
    """One school and one unlimited class code per simulated school."""
    from backend.editions.access_codes import generate_code
    from backend.storage.engine import bind_tables, engine_for
    from backend.storage.tables import AccessCode, Edition, School

    bind_tables(engine_for(url))
    edition = await Edition.select(Edition.id).where(Edition.year == 2026).first()
    today = dt.date.today()
    codes = []
    for i in range(schools):
        school = School(code=f"L{i:04d}", name=f"Load Test School {i}", roll=1200)
        await school.save()
        code = generate_code()
        await AccessCode(
            code=code,
            school=school.id,
            edition=edition["id"],
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=30),
        ).save()
        codes.append(code)
    return codes


async def one_school(base: str, code: str) -> dict:
    """1,500 pupils of one school, one code, one address, plus some mistyped codes."""
    statuses: Counter[str] = Counter()
    acked: list[str] = []
    sem = asyncio.Semaphore(32)

    async def pupil(http: httpx.AsyncClient, i: int) -> None:
        async with sem:
            if i < TYPOS:  # a typo first, then the right code
                typo = submission("ZZ" + code[2:])
                mistyped = await http.post("/api/v1/responses", json=typo)
                statuses[f"typo {mistyped.status_code}"] += 1
            body = submission(code)
            reply = await http.post("/api/v1/responses", json=body)
            statuses[f"submit {reply.status_code}"] += 1
            if reply.status_code == 201:
                acked.append(body["client_submission_id"])

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        await asyncio.gather(*(pupil(http, i) for i in range(SCHOOL_SIZE)))
    return {"seconds": time.monotonic() - started, "statuses": statuses, "acked": acked}


async def guessing_script(base: str, attempts: int = 150) -> Counter[str]:
    """Someone trying random codes from one address: refused once the failures add up."""
    from backend.editions.access_codes import generate_code

    outcome: Counter[str] = Counter()
    headers = {"X-Forwarded-For": "198.51.100.7"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as http:
        for _ in range(attempts):
            reply = await http.post("/api/v1/responses", json=submission(generate_code()))
            outcome[str(reply.status_code)] += 1
            if reply.status_code == 429:
                outcome["retry_after_s"] = int(reply.headers["Retry-After"])
    return outcome


def pupil_pages_exist(base: str, code: str) -> bool:
    try:
        return httpx.get(f"{base}/s/{code}", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--workers", type=int, default=None, help="default 1 (SQLite), 3 (PG)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="64,256")
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--submit-share", type=float, default=0.5)
    parser.add_argument(
        "--think-ms",
        default="0,250",
        help="pacing per connection: 0 is a "
        "saturating closed loop; 250 means each connection waits 0-500 ms "
        "(mean 250) between requests, like pupils reading and answering",
    )
    parser.add_argument(
        "--redis", action="store_true", help="rate limits in Redis (default with several workers)"
    )
    parser.add_argument(
        "--analysis-worker",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="run the free-text analysis worker beside the web process "
        "(default: yes on SQLite as `feelsafe serve` does; no on PostgreSQL, "
        "where the Procfile runs it as its own process)",
    )
    parser.add_argument(
        "--slo-ms",
        type=float,
        default=100,
        help="then find the most mixed traffic the server carries with p99 under this many "
        "ms, shortening the pause between requests step by step (0 skips it)",
    )
    parser.add_argument("--slo-connections", type=int, default=64)
    opts = parser.parse_args()
    kind = "postgres" if opts.postgres else "sqlite"
    workers = opts.workers or (3 if opts.postgres else 1)
    env = {"FEELSAFE_FORWARDED_ALLOW_IPS": "127.0.0.1"}
    if opts.redis or workers > 1:
        env["FEELSAFE_REDIS_URL"] = "redis://127.0.0.1:6379/0"
    analysis = opts.analysis_worker if opts.analysis_worker is not None else not opts.postgres
    serve_args = () if analysis else ("--no-analysis-worker",)
    script = str(Path(__file__).with_name("load.lua"))
    rows, acked = [], []
    load_before = os.getloadavg()[0]
    with fresh_database(kind) as (url, tmp):
        codes = asyncio.run(add_school_codes(url, opts.schools))
        acked_dir = Path(tempfile.mkdtemp(dir=tmp))
        with Server(
            url, tmp / "server.log", workers=workers, serve_args=serve_args, **env
        ) as server:
            pages = pupil_pages_exist(server.base, codes[0])

            def mixed_run(connections: int, think: int, seconds: int = opts.seconds) -> dict:
                return wrk(
                    server.base,
                    "/api/v1/surveys/current",
                    connections=connections,
                    seconds=seconds,
                    script=script,
                    timeout="30s",
                    args=[
                        body_template(),
                        str(acked_dir),
                        ",".join(codes),
                        f"c{connections}t{think}",
                        "1" if pages else "0",
                        str(opts.submit_share),
                        str(think),
                    ],
                )

            # Warm-up, not counted: each school's code and each survey version is read from
            # the database once (later reads come from the cache, refreshed in the background).
            mixed_run(16, 0, seconds=2)
            for think in (int(t) for t in opts.think_ms.split(",")):
                for connections in (int(c) for c in opts.connections.split(",")):
                    health = wrk(
                        server.base,
                        "/healthz",
                        connections=connections,
                        seconds=opts.seconds,
                        timeout="30s",
                    )
                    mixed = mixed_run(connections, think)
                    rows.append((connections, think, health, mixed, errors_in(mixed)))
            capacity = []
            if opts.slo_ms:
                for think in SLO_THINK_MS:  # less and less time between requests
                    mixed = mixed_run(opts.slo_connections, think)
                    capacity.append((think, mixed, errors_in(mixed)))
                    if mixed["p99_ms"] > opts.slo_ms:
                        break
            school = asyncio.run(one_school(server.base, codes[0]))
            guesses = asyncio.run(guessing_script(server.base))
        acked = [line for f in acked_dir.glob("acked-*.txt") for line in f.read_text().split()]
        acked += school["acked"]
        found = asyncio.run(stored_ids(url, acked))
        log_text = (tmp / "server.log").read_text()
    load_after = os.getloadavg()[0]

    print(
        f"database: {kind}, workers: {workers}, analysis worker: {'on' if analysis else 'off'}, "
        "rate limits in "
        f"{'Redis' if 'FEELSAFE_REDIS_URL' in env else 'process memory'}, "
        f"{opts.schools} schools (one code and one address each), {opts.seconds}s per run"
    )
    print(
        f"mix: {1 - opts.submit_share:.0%} page views (API survey"
        f"{' + /s/<code> pages' if pages else ''}), {opts.submit_share:.0%} complete "
        "submissions (30 questions, 3 free-text)"
    )
    print(
        f"{'conn':>5} {'think':>5} {'healthz req/s':>14} {'p50':>7} {'p99':>7} | "
        f"{'mixed req/s':>11} {'subm/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
    )
    for connections, think, health, mixed, errors in rows:
        total = sum(mixed["kinds"].values()) or 1
        subm = mixed["rps"] * mixed["kinds"].get("submission", 0) / total
        print(
            f"{connections:>5} {think:>5} {health['rps']:>14.0f} {health['p50_ms']:>7.1f} "
            f"{health['p99_ms']:>7.1f} | {mixed['rps']:>11.0f} {subm:>7.0f} "
            f"{mixed['p50_ms']:>7.1f} {mixed['p99_ms']:>7.1f} {errors:>6}"
        )
        print(f"      statuses {dict(sorted(mixed['statuses'].items()))} kinds {mixed['kinds']}")
    if capacity:
        print(
            f"capacity at {opts.slo_connections} connections with p99 under {opts.slo_ms:.0f} ms "
            "(each step shortens the pause between a connection's requests):"
        )
        for think, mixed, errors in capacity:
            total = sum(mixed["kinds"].values()) or 1
            subm = mixed["rps"] * mixed["kinds"].get("submission", 0) / total
            print(
                f"  think {think:>3} ms: {mixed['rps']:>6.0f} mixed req/s, {subm:>5.0f} "
                f"submissions/s, p50 {mixed['p50_ms']:.1f} ms, p99 {mixed['p99_ms']:.1f} ms, "
                f"errors {errors}"
            )
        within = [m for _, m, e in capacity if m["p99_ms"] <= opts.slo_ms and not e]
        best = max(within, key=lambda m: m["rps"]) if within else None
        print(
            f"  most carried within p99 {opts.slo_ms:.0f} ms: "
            + (f"{best['rps']:.0f} mixed req/s" if best else "none of the steps")
        )
    print(
        f"one school, one address, one code: {SCHOOL_SIZE} submissions (+{TYPOS} mistyped "
        f"codes) in {school['seconds']:.1f}s: {dict(sorted(school['statuses'].items()))}"
    )
    print(f"code-guessing script, 150 unknown codes from one address: {dict(guesses)}")
    lost = set(acked) - found
    print(f"acknowledged: {len(acked)}; missing from database: {len(lost)}")
    print(
        f"server log: {len(log_text.splitlines())} lines, "
        f"{sum('Traceback' in line for line in log_text.splitlines())} tracebacks"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before and "
        f"{load_after:.1f} after (other work on the machine counts against every figure)"
    )
    ratio = [m["rps"] / h["rps"] for _, think, h, m, _ in rows if not think]
    if ratio:
        print(
            f"mixed/healthz throughput, closed loop: {', '.join(f'{r:.2f}' for r in ratio)} "
            f"(median {median(ratio):.2f})"
        )
    failed = (
        any(row[-1] for row in rows)
        or any(errors for *_, errors in capacity)
        or lost
        or school["statuses"].get(f"submit {201}", 0) != SCHOOL_SIZE
    )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
