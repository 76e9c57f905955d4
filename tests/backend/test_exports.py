"""`feelsafe export`: k-anonymous responses, suppressed aggregates, a complete dictionary."""

from __future__ import annotations

import csv
import re
from collections import Counter

from backend.exports import QUASI_IDENTIFIERS
from tests.backend.findings_helpers import seed_findings
from tests.conftest import run_feelsafe

K = 10


def read(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_is_k_anonymous_suppressed_unordered_and_documented(client, app, database_url,
                                                                   tmp_path):
    sent = seed_findings(client, app)
    out = tmp_path / "export"
    done = run_feelsafe(database_url, "export", "--year", "2026", "--out", str(out))
    assert done.returncode == 0, done.stderr

    responses = read(out / "responses_anonymised.csv")
    assert responses and len(responses) <= len(sent)
    combos = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in responses)
    assert min(combos.values()) >= K, combos
    header = list(responses[0])
    assert not [c for c in header if c == "id" or c.endswith("_id") or "date" in c
                or c in {"response", "submitted_on", "client_submission_id"}]
    assert not any(re.fullmatch(r"\d{4}-\d\d-\d\d.*", v) for r in responses for v in r.values())
    free_text = ("what_makes_unsafe", "safer_ideas", "anything_else")
    assert not [c for c in header if c.startswith(free_text)]
    # Rows are not in submission order (safe_at_school follows submission order when shown).
    if len(responses) == len(sent):
        submitted = [a.get("safe_at_school", "") for a in sent]
        assert [r["safe_at_school"] for r in responses] != submitted
        assert sorted(r["safe_at_school"] for r in responses) == sorted(submitted)

    tables = read(out / "aggregate_tables.csv")
    small = [r for r in tables if r["breakdown"] == "school" and r["group"] == "Other Park School"]
    assert small and all(r["count"] == "c" and r["percent"] == "c" for r in small)
    shown = [int(r["count"]) for r in tables if r["count"] != "c"]
    assert all(n == 0 or n >= K for n in shown)
    overall = [r for r in tables if r["question_id"] == "safe_at_school"
               and r["breakdown"] == "all" and r["answer"] == "Total"]
    assert overall[0]["count"] == str(len(sent))

    dictionary = read(out / "data_dictionary.csv")
    described = {(r["file"], r["column"]) for r in dictionary}
    for name in ("responses_anonymised.csv", "aggregate_tables.csv", "data_dictionary.csv"):
        columns = list(read(out / name)[0])
        assert (name, "") in described
        assert [c for c in columns if (name, c) not in described] == [], name
    rule = next(r["description"] for r in dictionary
                if r["file"] == "responses_anonymised.csv" and r["column"] == "")
    assert f"at least {K} records" in rule
    readme = (out / "README.md").read_text()
    assert "free text" in readme and f"k = {K}" in readme


def test_export_of_an_unknown_year_fails_cleanly(sqlite_url, tmp_path):
    done = run_feelsafe(sqlite_url, "export", "--year", "1999", "--out", str(tmp_path / "x"))
    assert done.returncode == 1
    assert "no edition for 1999" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "x").exists()
