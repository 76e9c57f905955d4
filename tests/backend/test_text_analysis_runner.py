"""Stored free text is analysed off the request path, with the codebook version recorded."""

from __future__ import annotations

import asyncio
import json

from analysis.codebook import load_codebook
from backend.storage.tables import FreeText, TextAnalysis
from backend.text_analysis import analyse_pending, reanalyse_edition
from tests.backend.submission_helpers import full_answers, submission
from tests.conftest import run_feelsafe


def analysis_of(question_id: str) -> dict:
    async def fetch():
        text = await FreeText.select(FreeText.id).where(FreeText.question_id == question_id).first()
        return await TextAnalysis.select().where(TextAnalysis.free_text == text["id"]).first()

    return asyncio.run(fetch())


def test_pending_answers_get_themes_sentiment_and_concern(client):
    answers = full_answers()
    answers["anything_else"] = "i dont want to go home when hes drunk he hits my mum"
    answers["what_makes_unsafe"] = "people get stabbed near the station and i feel scared"
    assert client.post("/api/v1/responses", json=submission(answers=answers)).status_code == 201
    tamil = submission(language="ta", answers={"safer_ideas": "இரவில் பூங்காவில் பயமாக இருக்கிறது"})
    assert client.post("/api/v1/responses", json=tamil).status_code == 201

    codebook = load_codebook()
    assert asyncio.run(analyse_pending(codebook)) == 4
    assert asyncio.run(analyse_pending(codebook)) == 0  # nothing left

    home = analysis_of("anything_else")
    assert home["concern"] in (True, 1)
    assert "home_violence" in _json(home["concern_reasons"])
    assert home["codebook_version"] == codebook.version
    knife = analysis_of("what_makes_unsafe")
    assert "knife_crime" in [t["theme"] for t in _json(knife["themes"])]
    assert knife["sentiment_label"] == "negative"

    async def tamil_row():
        text = await FreeText.select(FreeText.id).where(FreeText.language == "ta").first()
        return await TextAnalysis.select().where(TextAnalysis.free_text == text["id"]).first()

    row = asyncio.run(tamil_row())
    assert row["sentiment_status"] == "needs_translation"
    assert row["polarity"] is None


def test_reanalysis_replaces_results_of_an_older_codebook(client):
    assert client.post("/api/v1/responses", json=submission()).status_code == 201
    codebook = load_codebook()
    asyncio.run(analyse_pending(codebook))
    asyncio.run(TextAnalysis.update({TextAnalysis.codebook_version: "old"}, force=True).run())
    assert asyncio.run(reanalyse_edition(2026, codebook)) == 3
    versions = asyncio.run(TextAnalysis.select(TextAnalysis.codebook_version).run())
    assert {v["codebook_version"] for v in versions} == {codebook.version}
    assert asyncio.run(TextAnalysis.count().run()) == 3


def test_analyse_cli_reruns_an_edition_with_progress(sqlite_url):
    assert run_feelsafe(sqlite_url, "demo").returncode == 0
    done = run_feelsafe(sqlite_url, "analyse", "--year", "2026", "--all")
    assert done.returncode == 0, done.stderr
    assert "Analysing 2026" in done.stderr
    assert "Analysed" in done.stdout
    missing = run_feelsafe(sqlite_url, "analyse", "--year", "1999")
    assert missing.returncode == 1
    assert "no edition for 1999" in missing.stderr


def test_analyse_text_fills_the_contract(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {"id": "a", "text": "call me on 07700 900123, i carry a knife now", "lang": "en"}
        )
        + "\n"
        + json.dumps({"id": 2, "text": "boję się wracać do domu", "lang": "pl"})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    done = run_feelsafe(
        f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "analyse-text",
        "--input",
        str(source),
        "--output",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    first, second = [json.loads(line) for line in out.read_text().splitlines()]
    assert set(first) == {"id", "redacted", "pii", "themes", "sentiment", "concern"}
    assert first["id"] == "a"
    assert "[PHONE]" in first["redacted"]
    (pii,) = first["pii"]
    assert source.read_text().splitlines()[0].count("07700 900123") == 1
    text = json.loads(source.read_text().splitlines()[0])["text"]
    assert text[pii["start"] : pii["end"]] == "07700 900123"
    assert pii["type"] == "PHONE"
    assert "knife_crime" in first["themes"]
    assert first["concern"] is True
    assert first["sentiment"]["label"] in {"negative", "neutral", "positive"}
    assert second["sentiment"] is None


def test_analyse_text_reports_bad_lines_with_their_number(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "fine"}\n{oops\n')
    done = run_feelsafe(
        f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "analyse-text",
        "--input",
        str(source),
        "--output",
        str(tmp_path / "o.jsonl"),
    )
    assert done.returncode == 1
    assert "in.jsonl:2" in done.stderr
    assert "Traceback" not in done.stderr


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def test_serve_does_not_leave_its_analysis_worker_behind(sqlite_url):
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT, feelsafe_env

    server = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", "0"],
        cwd=ROOT,
        env=feelsafe_env(sqlite_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    for _ in range(100):
        found = subprocess.run(
            ["pgrep", "-f", "--", f"--parent={server.pid}"], capture_output=True, text=True
        ).stdout.split()
        if found:
            worker = int(found[0])
            break
        time.sleep(0.1)
    assert worker is not None, "serve did not start an analysis worker"
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=20)
    for _ in range(60):
        if subprocess.run(["kill", "-0", str(worker)], capture_output=True).returncode != 0:
            break
        time.sleep(0.1)
    else:
        subprocess.run(["kill", str(worker)])
        raise AssertionError("the analysis worker outlived the server")
