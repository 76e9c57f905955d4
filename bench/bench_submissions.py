"""Complete submissions per second against /healthz per second, same server, same run.

Starts the real server (``feelsafe serve``) on a fresh database seeded with the
demo edition, drives it with wrk at 32 connections, then checks that every
acknowledged submission is in the database.

    python bench/bench_submissions.py [--postgres] [--seconds 8] [--rounds 3] [--workers 1]
        [--analysis-worker/--no-analysis-worker]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    fresh_database,
    listening_pid,
    median,
    running_server,
    server_cpu_seconds,
    wrk,
)
from tests.backend.submission_helpers import full_answers


def body_template() -> str:
    answers = full_answers()
    return json.dumps(
        {
            "access_code": "DEMO26",
            "language": "en",
            "variant": "standard",
            "client_submission_id": "__ID__",
            "answers": answers,
        }
    )


async def stored_ids(url: str, ids: list[str]) -> set[str]:
    from backend.storage.engine import bind_tables, engine_for
    from backend.storage.tables import Response

    bind_tables(engine_for(url))
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = await Response.select(Response.client_submission_id).where(
            Response.client_submission_id.is_in(chunk)
        )
        found.update(r["client_submission_id"] for r in rows)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--analysis-worker",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="run the free-text analysis worker beside the web process (default: yes on "
        "SQLite as `feelsafe serve` does; no on PostgreSQL, where the Procfile runs it as "
        "its own process)",
    )
    opts = parser.parse_args()
    analysis = opts.analysis_worker if opts.analysis_worker is not None else not opts.postgres
    kind = "postgres" if opts.postgres else "sqlite"
    script = str(Path(__file__).with_name("submit.lua"))
    n_answers = sum(len(v) if isinstance(v, list) else 1 for v in full_answers().values())
    # One code takes every submission here: lift its volume limit (the limiter still runs).
    os.environ["FEELSAFE_RATE_LIMITS"] = json.dumps(
        {"submissions_per_code": [10**9, 1], "submissions_per_address": [10**9, 1]}
    )
    with fresh_database(kind) as (url, tmp), running_server(
        url, opts.workers, serve_args=() if analysis else ("--no-analysis-worker",)
    ) as base:
        pid = listening_pid(base) if opts.workers == 1 else None
        acked_dir = Path(tempfile.mkdtemp(dir=tmp))
        # Warm up (caches, the writer process) before anything is counted.
        wrk(
            base,
            "/api/v1/responses",
            connections=opts.connections,
            seconds=2,
            script=script,
            args=[body_template(), str(acked_dir)],
        )
        health, submit, errors = [], [], 0
        health_cpu, submit_cpu = [], []
        for _ in range(opts.rounds):
            before = server_cpu_seconds(pid) if pid else 0.0
            h = wrk(base, "/healthz", connections=opts.connections, seconds=opts.seconds)
            middle = server_cpu_seconds(pid) if pid else 0.0
            s = wrk(
                base,
                "/api/v1/responses",
                connections=opts.connections,
                seconds=opts.seconds,
                script=script,
                args=[body_template(), str(acked_dir)],
            )
            if pid:
                after = server_cpu_seconds(pid)
                health_cpu.append(h["rps"] * opts.seconds / max(middle - before, 1e-9))
                submit_cpu.append(s["rps"] * opts.seconds / max(after - middle, 1e-9))
            health.append(h["rps"])
            submit.append(s["rps"])
            errors += h["socket_errors"] + h["non2xx"] + s["socket_errors"]
            errors += sum(n for status, n in s["statuses"].items() if status != 201)
        acked = [line for f in acked_dir.glob("acked-*.txt") for line in f.read_text().split()]
        found = asyncio.run(stored_ids(url, acked))
    print(
        f"database: {kind}, workers: {opts.workers}, connections: {opts.connections}, "
        f"analysis worker: {'on' if analysis else 'off'}, "
        f"{opts.rounds} rounds of {opts.seconds}s each"
    )
    print(f"submission: {len(full_answers())} questions, {n_answers} answer rows, 3 free-text")
    print(f"healthz      median {median(health):9.0f} req/s   rounds {[round(x) for x in health]}")
    print(f"submissions  median {median(submit):9.0f} req/s   rounds {[round(x) for x in submit]}")
    ratio = median(submit) / median(health)
    print(f"ratio submissions/healthz: {ratio:.3f} (target >= 0.25 on SQLite)")
    if health_cpu:
        # Requests per CPU-second of the server process: what a dedicated core would serve,
        # and much steadier than wall-clock rates on a shared machine.
        cpu_ratio = median(submit_cpu) / median(health_cpu)
        print(
            f"per server CPU-second: healthz {median(health_cpu):.0f}, submissions "
            f"{median(submit_cpu):.0f}, ratio {cpu_ratio:.3f}"
        )
    print(
        f"errors: {errors}; acknowledged: {len(acked)}; missing from database: "
        f"{len(set(acked) - found)}"
    )
    if errors or set(acked) - found:
        sys.exit(1)


if __name__ == "__main__":
    main()
