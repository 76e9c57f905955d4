"""The findings dashboard over real HTTP, on SQLite and PostgreSQL.

Seeded through the real API with three schools of 30, 25 and 7 pupils (threshold 10): the
7-pupil school must never show, no page or API answer may give a count from 1 to 9, and a SEND
lead sees their own school and nothing of any other.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import html
import re

import pytest

from backend.findings import question_findings
from backend.storage.tables import AccessCode, Edition
from survey_definitions import definition_path
from tests.backend.findings_helpers import SIZES, seed_findings
from tests.backend.staff.helpers import make_user, session_for, use_session
from tests.backend.submission_helpers import submission

K = 10
SMALL = "Other Park School"
QUESTIONS = ("safe_at_school", "unsafe_places", "knife_worry", "year_group")


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def seeded(client, app):
    sent = seed_findings(client, app)
    return app.state.seeded, sent


def as_role(client, role, **kwargs):
    use_session(client, session_for(make_user(role, **kwargs)))


def counts_in_json(value):
    """Every "count" anywhere in an API answer."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "count":
                yield inner
            else:
                yield from counts_in_json(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from counts_in_json(inner)


def counts_in_html(text):
    return [int(n.replace(",", "")) for n in re.findall(r'class="count">([\d,]+)<', text)]


def table_row(text, table_id, header):
    """The cells of the row headed ``header`` in the table with ``table_id``."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', text, re.S).group(0)
    row = re.search(rf'<th scope="row">{re.escape(html.escape(header))}</th>(.*?)</tr>', table,
                    re.S)
    return re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)


def test_question_api_agrees_with_the_service_and_the_seeded_answers(client, seeded):
    ids, sent = seeded
    as_role(client, "reviewer")
    reply = client.get("/api/v1/staff/findings/2026/questions/safe_at_school")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["min_group_size"] == K and body["multiple"] is False
    found = run(question_findings(ids["edition"], "safe_at_school", min_size=K))
    overall = {row["label"]: row["cell"] for row in body["overall"]["rows"]}
    for label, cell in found.overall[""].cells.items():
        if cell.suppressed:
            assert overall[label] == {"suppressed": True}
        else:
            assert overall[label]["count"] == cell.count
    assert body["overall"]["total"]["count"] == sum(SIZES.values())
    # Hillcrest (TST) is shown: its cells are exactly what its 30 pupils answered.
    by_school = next(b for b in body["breakdowns"] if b["by"] == "school")
    hillcrest = next(g for g in by_school["groups"] if g["label"] == "Hillcrest Academy")
    assert hillcrest["base"]["count"] == SIZES["TST"]
    truth = [a.get("safe_at_school") for a in sent[: SIZES["TST"]]]
    labels = {"1": "Very unsafe", "2": "Unsafe", "3": "Neither safe nor unsafe", "4": "Safe",
              "5": "Very safe", None: "Not answered"}
    for answer, cell in zip(by_school["answers"], hillcrest["cells"], strict=True):
        if "count" in cell:
            expected = sum(1 for v in truth if labels[v] == answer)
            assert cell["count"] == expected, answer
    # The 7-pupil school: every cell hidden, as a marker and never a number.
    small = next(g for g in by_school["groups"] if g["label"] == SMALL)
    assert small["base"] == {"suppressed": True}
    assert all(c == {"suppressed": True} for c in small["cells"])
    assert {b["by"] for b in body["breakdowns"]} == {
        "school", "year_band", "gender", "send", "language", "variant", "home_language"}


def test_no_count_below_the_threshold_in_any_page_or_api_answer(client, seeded):
    as_role(client, "reviewer")
    for question in QUESTIONS:
        data = client.get(f"/api/v1/staff/findings/2026/questions/{question}").json()
        counts = list(counts_in_json(data))
        assert counts, question
        assert all(n == 0 or n >= K for n in counts), (question, counts)
        page = client.get(f"/staff/findings/2026/questions/{question}")
        assert page.status_code == 200
        shown = counts_in_html(page.text)
        assert shown and all(n == 0 or n >= K for n in shown), (question, shown)
        cells = table_row(page.text, "by-table-school", SMALL)
        assert cells and all('aria-hidden="true">c<' in c and "count" not in c for c in cells)
    for path in ("/api/v1/staff/findings/2026", "/api/v1/staff/findings/2026/themes",
                 "/api/v1/staff/findings/2026/schools/TST",
                 "/api/v1/staff/findings/2026/schools/TST/questions/unsafe_places"):
        counts = list(counts_in_json(client.get(path).json()))
        assert all(n == 0 or n >= K for n in counts), (path, counts)


def test_multiple_choice_rows_are_options_with_not_answered(client, seeded):
    _, sent = seeded
    as_role(client, "reviewer")
    body = client.get("/api/v1/staff/findings/2026/questions/unsafe_places").json()
    assert body["multiple"] is True
    rows = {r["label"]: r["cell"] for r in body["overall"]["rows"]}
    assert rows["Parks"]["count"] == sum(1 for a in sent if "unsafe_places" in a)
    assert rows["Not answered"]["count"] == sum(1 for a in sent if "unsafe_places" not in a)
    page = client.get("/staff/findings/2026/questions/unsafe_places").text
    assert "more than one answer" in page


def test_the_small_school_never_shows_in_its_own_view(client, seeded):
    as_role(client, "reviewer")
    page = client.get("/staff/findings/2026/schools/OTH")
    assert page.status_code == 200
    assert "results are not shown" in page.text and counts_in_html(page.text) == []
    body = client.get("/api/v1/staff/findings/2026/schools/OTH").json()
    assert body["shown"] is False and body["respondents"] == {"suppressed": True}
    q = client.get("/api/v1/staff/findings/2026/schools/OTH/questions/safe_at_school").json()
    assert q["shown"] is False and q["school_overall"] is None and q["breakdowns"] == []
    page = client.get("/staff/findings/2026/schools/OTH/questions/safe_at_school")
    assert "results are not shown" in page.text
    assert "compare-table" not in page.text


def test_school_view_sets_the_school_beside_all_schools(client, seeded):
    as_role(client, "reviewer")
    body = client.get("/api/v1/staff/findings/2026/schools/TST/questions/safe_at_school").json()
    assert body["shown"] is True
    assert body["school_overall"]["total"]["count"] == SIZES["TST"]
    assert body["borough_overall"]["total"]["count"] == sum(SIZES.values())
    assert "school" not in {b["by"] for b in body["breakdowns"]}
    borough = client.get("/api/v1/staff/findings/2026/questions/safe_at_school").json()
    assert body["borough_overall"] == borough["overall"]
    page = client.get("/staff/findings/2026/schools/TST/questions/safe_at_school").text
    assert "compare-table" in page and "All schools" in page


def _charts(text):
    return re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', text)


def test_every_chart_is_an_svg_with_a_text_alternative_stating_the_finding(client, seeded):
    as_role(client, "reviewer")
    page = client.get("/staff/findings/2026/questions/safe_at_school").text
    charts = _charts(page)
    # The overall chart and a breakdown's where any share in it can be shown; where none can
    # (every school cell is below 10 here), the page says so instead of drawing only "c"s.
    assert len(charts) >= 3
    assert "No share can be charted" in page
    for data, alt in charts:
        assert b"<svg" in base64.b64decode(data)
        alt = html.unescape(alt)
        assert alt.startswith("Bar chart: How safe do you feel at school?"), alt
        assert "largest share" in alt.lower(), alt
    overall_alt = html.unescape(charts[0][1])
    assert re.search(r"The largest share(?: shown)?, \d+%, is ", overall_alt)
    # The data table sits beside the chart, with a caption and header scopes.
    assert re.search(r'<table class="table findings-table" id="overall-table">\s*<caption', page)
    assert '<th scope="col">' in page and '<th scope="row">' in page


def test_trend_appears_once_an_earlier_edition_asks_the_question(client, app, seeded, tmp_path):
    as_role(client, "reviewer")
    assert client.get("/api/v1/staff/findings/2026/questions/safe_at_school").json()["trend"] == []
    assert "No earlier edition asked this question" in client.get(
        "/staff/findings/2026/questions/safe_at_school").text
    source = definition_path(2026).read_text(encoding="utf-8").replace(
        "year = 2026", "year = 2025").replace("Feeling safe 2026", "Feeling safe 2025")
    path = tmp_path / "2025-feeling-safe.toml"
    path.write_text(source, encoding="utf-8")

    async def open_2025():
        from backend.editions import open_edition

        edition_id, _ = await open_edition(path)
        today = dt.date.today()
        await AccessCode(code="LASTYEAR25", school=app.state.seeded["school"],
                         edition=edition_id, opens_on=today - dt.timedelta(days=1),
                         closes_on=today + dt.timedelta(days=1)).save()
        return edition_id

    run(open_2025())
    for i in range(25):  # 15 very safe, 8 safe, 2 unsafe
        body = submission("LASTYEAR25")
        body["answers"]["safe_at_school"] = "5" if i < 15 else "4" if i < 23 else "2"
        assert client.post("/api/v1/responses", json=body).status_code == 201
    assert run(Edition.count().run()) == 2
    data = client.get("/api/v1/staff/findings/2026/questions/safe_at_school").json()
    assert [p["year"] for p in data["trend"]] == [2025, 2026]
    last_year = {r["label"]: r["cell"] for r in data["trend"][0]["overall"]["rows"]}
    assert last_year["Very safe"]["count"] == 15
    assert last_year["Very safe"]["percent"] == 60.0
    assert last_year["Unsafe"] == {"suppressed": True}
    page = client.get("/staff/findings/2026/questions/safe_at_school").text
    assert 'id="trend-table"' in page and "<th scope=\"col\" class=\"numeric\">2025</th>" in page
    assert len(_charts(page)) >= 2


def test_send_lead_sees_their_own_school_and_nothing_of_any_other(client, seeded):
    ids, _ = seeded
    as_role(client, "send_lead", school="TST")
    own = client.get("/staff/findings/2026/schools/TST/questions/safe_at_school")
    assert own.status_code == 200 and counts_in_html(own.text)
    assert client.get("/api/v1/staff/findings/2026/schools/TST").json()["shown"] is True
    index = client.get("/api/v1/staff/findings").json()
    assert index["school"] == {"code": "TST", "name": "Hillcrest Academy"}
    other_id = str(ids["other_school"])
    refused = [
        "/staff/findings/2026/schools/BIG",
        "/staff/findings/2026/schools/OTH/questions/safe_at_school",
        "/staff/findings/2026/schools/big/questions/safe_at_school",
        "/staff/findings/2026/schools/NOPE",
        "/staff/findings/2026/schools/TST?school=BIG",
        f"/staff/findings/2026/schools/TST/questions/safe_at_school?school_id={other_id}",
        "/staff/findings/2026/schools/TST/questions/safe_at_school?school_code=OTH",
        "/staff/findings/2026/questions/safe_at_school",
        "/staff/findings/2026/themes",
        "/staff/findings/2026",
    ]
    for path in refused:
        page = client.get(path, follow_redirects=False)
        assert page.status_code in (403, 404), path
        assert counts_in_html(page.text) == [], path
        api = client.get(path.replace("/staff/findings", "/api/v1/staff/findings", 1))
        assert api.status_code in (403, 404), path
        assert list(counts_in_json(api.json())) == [], path
    # Their own school with their own id or code in the query is fine.
    assert client.get("/staff/findings/2026/schools/TST?school=TST").status_code == 200


def test_send_lead_of_a_small_school_is_told_why_nothing_is_shown(client, seeded):
    as_role(client, "send_lead", school="OTH", email="small@test.invalid")
    page = client.get("/staff/findings/2026/schools/OTH")
    assert page.status_code == 200
    assert "results are not shown" in page.text and counts_in_html(page.text) == []
    body = client.get("/api/v1/staff/findings/2026/schools/OTH/questions/knife_worry").json()
    assert body["shown"] is False and body["school_overall"] is None
    assert client.get("/staff/findings/2026/schools/TST").status_code == 403


def test_unknown_edition_or_question_is_404(client, seeded):
    as_role(client, "reviewer")
    for path in ("/staff/findings/1999", "/staff/findings/2026/questions/nope",
                 "/staff/findings/2026/questions/what_makes_unsafe",
                 "/staff/findings/1999/themes", "/staff/findings/2026/schools/NOPE"):
        assert client.get(path).status_code == 404, path
        assert client.get(path.replace("/staff", "/api/v1/staff", 1)).status_code == 404, path


def test_staff_home_links_to_findings_for_the_roles_that_read_them(client, seeded):
    for role, school in (("reviewer", None), ("send_lead", "TST")):
        as_role(client, role, school=school, email=f"home-{role}@test.invalid")
        assert 'href="/staff/findings"' in client.get("/staff").text, role
    as_role(client, "admin", email="home-admin@test.invalid")
    assert 'href="/staff/findings"' not in client.get("/staff").text


def test_pages_follow_the_staff_language_and_charts_stay_legible(client, seeded):
    as_role(client, "reviewer")
    page = client.get("/staff/findings/2026/questions/safe_at_school",
                      headers={"accept-language": "ar"})
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    charts = _charts(page.text)
    assert charts
    alt = html.unescape(charts[0][1])
    assert alt.startswith("رسم بياني بالأعمدة")  # the text alternative is in the language...
    svg = base64.b64decode(charts[0][0]).decode()
    assert "<!-- How safe do you feel at school? -->" in svg  # ...the drawing in English
    assert not re.search("[\u0600-\u06ff]", svg)  # (matplotlib cannot shape Arabic)
    assert counts_in_html(page.text) and all(n == 0 or n >= K for n in counts_in_html(page.text))
