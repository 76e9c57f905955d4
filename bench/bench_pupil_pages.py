"""How light the pupil pages are, and how fast a question page is served.

1. Bytes for one full survey run (standard version, every question answered,
   as a browser without JavaScript would send it, static files fetched once
   and then cached): HTML, CSS and JS separately, fonts separately, headers,
   and what gzip would make of each.
2. Requests per second for a question page (with a started session's cookies,
   so the page is rendered and the session re-encrypted each time) against
   /healthz, on the same server in the same run.

    python bench/bench_pupil_pages.py [--seconds 5] [--rounds 3] [--connections 16]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import fresh_database, median, running_server, wrk
from tests.backend.pupil_helpers import ACTION, csrf, questions_on
from tests.backend.submission_helpers import full_answers

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
FONT = re.compile(r"url\(([^)]+\.(?:woff2?|ttf|otf))\)")
LUA = str(Path(__file__).resolve().parent / "pupil_page.lua")


def kind(path: str, content_type: str) -> str:
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    if path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "font"
    return "html" if content_type.startswith("text/html") else "other"


class Meter:
    """Counts bytes per kind, fetching each static file once (it is cached for a day)."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        self.body: Counter[str] = Counter()
        self.gzipped: Counter[str] = Counter()
        self.headers = 0
        self.requests = 0
        self.cached: set[str] = set()

    def record(self, reply: httpx.Response) -> None:
        self.requests += 1
        self.headers += sum(len(k) + len(v) + 4 for k, v in reply.headers.raw) + 17
        k = kind(reply.url.path, reply.headers.get("content-type", ""))
        self.body[k] += len(reply.content)
        self.gzipped[k] += len(gzip.compress(reply.content, 6)) if reply.content else 0
        if k == "html":
            for asset in ASSET.findall(reply.text):
                self.asset(asset)
        if k == "css":
            for font in FONT.findall(reply.text):
                self.asset(font.strip("'\""))

    def asset(self, path: str) -> None:
        if path in self.cached:
            return
        self.cached.add(path)
        self.record(self.http.get(path))

    def get(self, path: str) -> httpx.Response:
        reply = self.http.get(path)
        self.record(reply)
        return reply

    def post(self, path: str, data: dict) -> httpx.Response:
        reply = self.http.post(path, data=data)
        self.record(reply)
        return reply


def survey_run(base: str) -> tuple[Meter, str, str]:
    """One pupil's whole run; returns the meter, a question page path and its cookies."""
    answers = full_answers()
    with httpx.Client(base_url=base) as http:
        meter = Meter(http)
        page = meter.get("/s/DEMO26")
        reply = meter.post(
            "/s/DEMO26/start", {"_csrf_token": csrf(page.text), "lang": "en", "variant": "standard"}
        )
        page = meter.get(reply.headers["location"])
        bench_path, bench_cookie = page.url.path, ""
        pages = 0
        while not page.url.path.endswith("/check"):
            pages += 1
            if pages == 2:
                bench_path = page.url.path
                bench_cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
            data = {"_csrf_token": csrf(page.text), "go": "next"}
            data.update({q: answers[q] for q in questions_on(page.text) if q in answers})
            reply = meter.post(ACTION.search(page.text).group(1), data)
            page = meter.get(reply.headers["location"])
        reply = meter.post("/s/DEMO26/submit", {"_csrf_token": csrf(page.text)})
        thanks = meter.get(reply.headers["location"])
        assert "Your answers have been sent" in thanks.text
        meter.pages = pages  # type: ignore[attr-defined]
    return meter, bench_path, bench_cookie


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    opts = parser.parse_args()
    with fresh_database("sqlite") as (url, _tmp), running_server(url) as base:
        meter, path, cookie = survey_run(base)
        check = httpx.get(base + path, headers={"Cookie": cookie})
        assert check.status_code == 200 and "<fieldset" in check.text, check.status_code
        print(
            f"Full survey run (standard, {meter.pages} question pages, "  # type: ignore[attr-defined]
            f"{meter.requests} requests incl. redirects and static files):"
        )
        for k in ("html", "css", "js", "font", "other"):
            if meter.body[k] or k in ("html", "css", "js", "font"):
                print(f"  {k:5s} {meter.body[k]:8,d} bytes  (gzip -6: {meter.gzipped[k]:,d})")
        total = sum(meter.body[k] for k in ("html", "css", "js"))
        print(
            f"  HTML+CSS+JS {total:,d} bytes; fonts {meter.body['font']:,d} bytes "
            "(system fonts only); response headers ~{:,d} bytes".format(meter.headers)
        )
        page_rps, health_rps = [], []
        for _ in range(opts.rounds):
            health = wrk(base, "/healthz", connections=opts.connections, seconds=opts.seconds)
            page = wrk(
                base,
                path,
                connections=opts.connections,
                seconds=opts.seconds,
                script=LUA,
                args=[cookie, path],
            )
            assert set(page["statuses"]) == {200}, page["statuses"]
            health_rps.append(health["rps"])
            page_rps.append(page["rps"])
        ratio = median(page_rps) / median(health_rps)
        print(
            f"Question page {path}: {median(page_rps):,.0f} req/s (p50 "
            f"{page.get('p50_ms', 0):.1f} ms); /healthz {median(health_rps):,.0f} req/s; "
            f"ratio {ratio:.2f} (median of {opts.rounds} rounds, {opts.connections} "
            "connections, 1 worker)"
        )


if __name__ == "__main__":
    main()
