"""The findings dashboard in real headless Chromium: a reviewer and a SEND lead sign in and
read their findings; axe-core checks every dashboard page against WCAG 2.2 AA.

The server runs on its own database: the 2026 edition, three schools (30, 25 and 7 pupils who
answered through the real API) and two staff accounts made with ``feelsafe user create``.
"""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from tests.backend.findings_helpers import SIZES, answers_for
from tests.backend.submission_helpers import submission
from tests.browser.conftest import _free_port
from tests.browser.test_accessibility import Checker
from tests.conftest import ROOT, feelsafe_env, run_feelsafe

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
REVIEWER = "reviewer@browser.invalid"
SEND_LEAD = "send@browser.invalid"
SCHOOL_NAMES = {"TST": "Hillcrest Academy", "BIG": "Big Park Academy", "OTH": "Other Park School"}
SEED = """
import asyncio, datetime as dt
from backend.editions import open_edition
from backend.settings import get_settings
from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import AccessCode, School
from survey_definitions import definition_path

async def seed():
    bind_tables(engine_for(get_settings().database_url))
    edition_id, _ = await open_edition(definition_path(2026))
    today = dt.date.today()
    for code, name in {names!r}.items():
        school = School(code=code, name=name, kind="secondary", roll=500)
        await school.save()
        await AccessCode(code=code + "CODE2345", school=school.id, edition=edition_id,
                         opens_on=today - dt.timedelta(days=1),
                         closes_on=today + dt.timedelta(days=30)).save()

asyncio.run(seed())
"""
NOTES = """
import asyncio, datetime as dt
from backend.settings import get_settings
from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import Edition, FreeText, InterviewNote, TextReview

async def notes():
    bind_tables(engine_for(get_settings().database_url))
    now = dt.datetime.now(dt.UTC)
    first = await FreeText.select(FreeText.id).order_by(FreeText.id).first()
    await TextReview(free_text=first["id"], themes=["general_safety"], quote_approved=True,
                     updated_at=now).save()
    edition = await Edition.select(Edition.id).first()
    await InterviewNote(edition=edition["id"], kind="youth_summit", held_on=dt.date(2026, 6, 1),
                        title="Summit table 3", text="Better lighting on the way home.",
                        themes=["general_safety"], created_at=now).save()

asyncio.run(notes())
"""


@pytest.fixture(scope="module")
def findings_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("findings-live")
    url = f"sqlite:///{tmp / 'feelsafe.sqlite3'}"
    assert run_feelsafe(url, "migrate").returncode == 0
    seeded = subprocess.run([sys.executable, "-c", SEED.format(names=SCHOOL_NAMES)], cwd=ROOT,
                            env=feelsafe_env(url), capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    for email, role, school in ((REVIEWER, "reviewer", None), (SEND_LEAD, "send_lead", "TST")):
        args = ["user", "create", "--email", email, "--role", role]
        made = run_feelsafe(url, *args, *(["--school", school] if school else []),
                            input=PASSWORD + "\n")
        assert made.returncode == 0, made.stderr
    port = _free_port()
    log = (tmp / "server.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port),
         "--no-analysis-worker"],
        cwd=ROOT, env=feelsafe_env(url), stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/healthz", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start: " + (tmp / "server.log").read_text())
        i = 0
        with httpx.Client(base_url=base, timeout=30) as client:
            for school, n in SIZES.items():
                for _ in range(n):
                    body = submission(f"{school}CODE2345")
                    body["answers"] = answers_for(i)
                    assert client.post("/api/v1/responses", json=body).status_code == 201
                    i += 1
        assert run_feelsafe(url, "analyse").returncode == 0
        noted = subprocess.run([sys.executable, "-c", NOTES], cwd=ROOT, env=feelsafe_env(url),
                               capture_output=True, text=True, timeout=120)
        assert noted.returncode == 0, noted.stderr
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def axe():
    sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync.Axe()


def _context(browser, axe):
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    context.add_init_script(axe.axe_script)
    context.set_default_timeout(15_000)
    return context


def _sign_in(page, base, email):
    page.goto(base + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/staff")


def _chart_loaded(page) -> None:
    """The first chart is a real image the browser drew, with a text alternative."""
    img = page.locator("figure.chart img").first
    assert img.evaluate("el => el.complete && el.naturalWidth > 0")
    assert img.get_attribute("alt").startswith("Bar chart: ")


def test_reviewer_reads_a_question_and_the_theme_overview(findings_server, browser, axe):
    context = _context(browser, axe)
    page = context.new_page()
    checker = Checker(page)
    _sign_in(page, findings_server, REVIEWER)
    page.get_by_role("link", name="Findings").first.click()
    checker.check("findings index")
    page.get_by_role("link", name="Feeling safe 2026").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Findings: Feeling safe 2026"
    checker.check("edition")
    page.get_by_role("link", name="How safe do you feel at school?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "How safe do you feel at school?"
    _chart_loaded(page)
    table = page.get_by_role("table", name="How safe do you feel at school?: all pupils")
    assert table.get_by_role("rowheader", name="All pupils").count() == 1
    assert "62" in table.inner_text()
    school_table = page.locator("#by-table-school")
    small = school_table.get_by_role("row", name="Other Park School")
    assert set(small.locator("td .count").all_inner_texts()) == set()
    checker.check("question")
    page.go_back()
    page.get_by_role("link", name="Theme overview").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Theme overview"
    _chart_loaded(page)
    voices = page.locator("#voices-general_safety").locator("xpath=..")
    assert voices.locator(".quote--survey blockquote").count() == 1
    assert "Interview material" in voices.locator(".quote--interview").inner_text()
    checker.check("theme overview")
    page.goto(findings_server + "/staff/findings/2026/schools/OTH")
    assert "results are not shown" in page.locator("main").inner_text()
    checker.check("small school")
    context.close()
    assert not checker.problems, "\n".join(checker.problems)


def test_send_lead_sees_their_school_beside_all_schools(findings_server, browser, axe):
    context = _context(browser, axe)
    page = context.new_page()
    checker = Checker(page)
    _sign_in(page, findings_server, SEND_LEAD)
    page.get_by_role("link", name="Your school's results").click()
    page.get_by_role("link", name="Feeling safe 2026: your school").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Findings for Hillcrest Academy"
    checker.check("SEND lead's school")
    report = "Do you know how to report something that makes you feel unsafe?"
    page.get_by_role("link", name=report).click()
    page.wait_for_load_state()
    compare = page.locator("#compare-table")
    assert compare.get_by_role("columnheader", name="Hillcrest Academy").count() == 1
    assert compare.get_by_role("columnheader", name="All schools").count() == 1
    assert "30" in compare.locator("tfoot").inner_text()
    _chart_loaded(page)
    checker.check("SEND lead's question")
    refused = page.goto(findings_server + "/staff/findings/2026/schools/BIG")
    assert refused.status == 403
    assert "Big Park" not in page.locator("main").inner_text()
    context.close()
    assert not checker.problems, "\n".join(checker.problems)
