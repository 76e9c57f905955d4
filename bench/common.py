"""Helpers shared by the benchmarks: a real server on a fresh database, and wrk."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = os.environ.get(
    "FEELSAFE_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def fresh_database(kind: str):
    """A migrated database with the demo edition (DEMO26) seeded; removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="feelsafe-bench-"))
    name = None
    if kind == "sqlite":
        url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    else:
        name = f"feelsafe_bench_{uuid.uuid4().hex[:10]}"
        subprocess.run(["psql", POSTGRES_SERVER, "-qc", f"CREATE DATABASE {name}"], check=True)
        url = POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name
    env = env_for(url)
    subprocess.run(
        [sys.executable, "-m", "backend.cli", "demo"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield url, tmp
    finally:
        if name:
            subprocess.run(["psql", POSTGRES_SERVER, "-qc", f"DROP DATABASE {name} WITH (FORCE)"])
        shutil.rmtree(tmp, ignore_errors=True)


def env_for(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "FEELSAFE_SECRET_KEY": "cd" * 32,
        "PYTHONPATH": str(ROOT),
    }


@contextlib.contextmanager
def running_server(
    url: str, workers: int = 1, log_path: Path | None = None, serve_args: tuple[str, ...] = ()
):
    port = free_port()
    log = open(log_path or os.devnull, "w")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "backend.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            *serve_args,
        ],
        env=env_for(url),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=0.5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def wrk(
    base: str,
    path: str,
    *,
    connections: int,
    seconds: int,
    script: str | None = None,
    args: list[str] | None = None,
    timeout: str | None = None,
) -> dict:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if timeout:
        cmd += ["--timeout", timeout]
    if script:
        cmd += ["-s", script]
    cmd.append(base + path)
    if args:
        cmd += ["--", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "statuses": {int(k): int(v) for k, v in re.findall(r"STATUS (\d+) (\d+)", out)},
        "socket_errors": sum(
            int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)
        ),
        "kinds": {k: int(v) for k, v in re.findall(r"KIND (\w+) (\d+)", out)},
        "non2xx": int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out))
        else 0,
    }
    for key, pattern in (("p50_ms", r"P50_MS ([\d.]+)"), ("p99_ms", r"P99_MS ([\d.]+)")):
        if m := re.search(pattern, out):
            result[key] = float(m.group(1))
    if "p50_ms" not in result:
        for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
            m = re.search(rf"\s{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s)", out)
            if m:
                value = float(m.group(1))
                result[key] = (
                    value / 1000
                    if m.group(2) == "us"
                    else value * 1000
                    if m.group(2) == "s"
                    else value
                )
    return result


def listening_pid(base: str) -> int:
    """The process that accepts connections for ``base`` (the uvicorn worker)."""
    port = base.rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
    return int(re.search(r"pid=(\d+)", out.stdout).group(1))


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def server_cpu_seconds(pid: int) -> float:
    """CPU time of the web process plus its SQLite writer process (which does the writing
    the web process hands it). The niced free-text analysis worker is left out: it is
    background work that only uses what the web process leaves."""
    total = cpu_seconds(pid)
    for child in _children(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"backend.submissions.sqlite_process" in cmdline:
                total += cpu_seconds(child)
        except OSError:
            continue
    return total


def median(values):
    return statistics.median(values)
