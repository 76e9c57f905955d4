"""The theme overview: pupils per theme and their sentiment, counted in the database (both
engines) from the real analysis of real submissions, with reviewers' recoding winning; then
through disclosure control, with approved quotes and interview notes beside them."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections import defaultdict

import pytest

from analysis.codebook import DEFAULT_CODEBOOK_PATH, load_codebook
from backend.findings.themes import MENTIONED, SENTIMENTS, theme_findings
from backend.storage.tables import FreeText, InterviewNote, TextAnalysis, TextReview
from backend.text_analysis.runner import analyse_pending
from tests.backend.staff.helpers import make_user, session_for, use_session
from tests.backend.submission_helpers import submission

K = 10
KNIFE = "people carry knives near the station and it is scary and horrible"
BULLIED = "I get bullied online and people post mean comments, it is awful"
IDEAS = "more police and better street lights would be great, I love the new park"
POLISH = "boję się chodzić do parku w nocy"
QUOTE = "more police near the station would help with all the knife crime (quoted)"


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def analysed(client, app):
    """40 pupils: 24 write about knives, 16 about bullying online; every third has ideas too;
    four answer in Polish. Three answers are then recoded by a reviewer as hate crime, one is
    approved as a quote, and one focus group's notes are recorded."""
    for i in range(40):
        body = submission(language="pl" if i >= 36 else "en")
        answers = body["answers"]
        answers["what_makes_unsafe"] = (POLISH if i >= 36 else QUOTE if i == 0
                                        else KNIFE if i < 24 else BULLIED)
        if i % 3 == 0:
            answers["safer_ideas"] = IDEAS
        else:
            answers.pop("safer_ideas", None)
        answers.pop("anything_else", None)
        assert client.post("/api/v1/responses", json=body).status_code == 201, i
    codebook = load_codebook(DEFAULT_CODEBOOK_PATH)

    async def finish():
        while await analyse_pending(codebook, limit=500):
            pass
        texts = await FreeText.select(FreeText.id, FreeText.text).order_by(FreeText.id)
        now = dt.datetime.now(dt.UTC)
        bullied = [t["id"] for t in texts if t["text"] == BULLIED][:3]
        for ft in bullied:
            await TextReview(free_text=ft, themes=["hate_crime", "bullying"],
                             updated_at=now).save()
        quoted = next(t["id"] for t in texts if t["text"] == QUOTE)
        await TextReview(free_text=quoted, themes=["knife_crime"], quote_approved=True,
                         updated_at=now).save()
        polish = next(t["id"] for t in texts if t["text"] == POLISH)
        await TextReview(free_text=polish, themes=None, translation="I am scared of the park",
                         translation_sentiment="negative", updated_at=now).save()
        await InterviewNote(edition=app.state.seeded["edition"], kind="focus_group",
                            held_on=dt.date(2026, 3, 4), title="Year 10 group",
                            text="They said the underpass by the station feels unsafe.",
                            themes=["knife_crime", "general_safety"], created_at=now).save()

    run(finish())
    return app.state.seeded


async def _expected(edition_id):
    """The same counts worked out in Python from the stored rows (no GROUP BY)."""
    texts = await FreeText.select(FreeText.id, FreeText.response).where(
        FreeText.response.edition == edition_id)
    analyses = {a["free_text"]: a for a in await TextAnalysis.select().output(load_json=True)}
    reviews = {r["free_text"]: r for r in await TextReview.select().output(load_json=True)}
    moods: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    writers = set()
    for t in texts:
        a, r = analyses.get(t["id"]), reviews.get(t["id"])
        if a is None and r is None:
            continue
        writers.add(t["response"])
        themes = (r["themes"] if r is not None and r["themes"] is not None
                  else [x["theme"] for x in a["themes"]])
        mood = (a["sentiment_label"] if a and a["sentiment_status"] == "scored"
                and a["sentiment_label"] else (r or {}).get("translation_sentiment"))
        for theme in themes:
            moods[theme][t["response"]].add(mood)
    out = {}
    for theme, pupils in moods.items():
        mix = dict.fromkeys(SENTIMENTS.values(), 0)
        for found in pupils.values():
            scored = {m for m in found if m}
            key = "unscored" if not scored else "mixed" if len(scored) > 1 else scored.pop()
            mix[SENTIMENTS[key]] += 1
        out[theme] = mix
    return len(writers), out


def test_counts_match_the_stored_rows_with_reviewers_codes_winning(analysed):
    edition = analysed["edition"]
    writers, expected = run(_expected(edition))
    assert writers == 40
    found = run(theme_findings(edition, min_size=1))
    assert found.writers.cells["Analysed free text"].count == 40
    for theme, mix in expected.items():
        assert {k: c.count for k, c in found.sentiment[theme].cells.items()} == mix, theme
        assert found.mentions[theme].cells[MENTIONED].count == sum(mix.values()), theme
    assert found.mentions["hate_crime"].cells[MENTIONED].count == 3
    # The Polish answers cannot be scored, except the one a reviewer translated.
    assert sum(expected["general_safety"].values()) >= 4
    assert expected["knife_crime"]["Negative"] >= 10
    assert list(found.labels)[:2] == ["general_safety", "knife_crime"]


def test_small_theme_counts_are_hidden(analysed):
    found = run(theme_findings(analysed["edition"], min_size=K))
    assert found.mentions["hate_crime"].cells[MENTIONED].suppressed
    for table in [found.writers, *found.mentions.values(), *found.sentiment.values()]:
        for cell in [*table.cells.values(), table.total]:
            assert cell.suppressed or cell.count == 0 or cell.count >= K


def test_theme_overview_page_and_api(client, analysed):
    use_session(client, session_for(make_user("reviewer")))
    body = client.get("/api/v1/staff/findings/2026/themes").json()
    themes = {t["id"]: t for t in body["themes"]}
    assert themes["hate_crime"]["mentioned"] == {"suppressed": True}
    assert themes["knife_crime"]["mentioned"]["count"] >= 20
    assert themes["knife_crime"]["quotes"] == [QUOTE]
    assert themes["bullying"]["quotes"] == []
    assert themes["knife_crime"]["interviews"][0]["kind"] == "Focus group"
    assert "underpass" in themes["general_safety"]["interviews"][0]["text"]
    counts = re.findall(r'"count":(\d+)', client.get("/api/v1/staff/findings/2026/themes").text)
    assert all(int(n) == 0 or int(n) >= K for n in counts)
    page = client.get("/staff/findings/2026/themes")
    assert page.status_code == 200
    text = page.text
    assert QUOTE in text and "Interview material" in text and "Year 10 group" in text
    assert text.count("Interview material</span>") == 2  # knife crime and general safety
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="Bar chart: Themes', text)
    shown = [int(n) for n in re.findall(r'class="count">(\d+)<', text)]
    assert shown and all(n == 0 or n >= K for n in shown)
