"""WCAG 2.2 AA on every staff page, for every role, found from the app's own route table.

Each role signs in and axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) runs on every staff
GET route that answers that role with an HTML page; reflow at 320 CSS px and target sizes are
checked as on the pupil pages. A route with path parameters is filled from a link to it on a
page already swept (seeded data: the DEMO school, a flagged answer), so pages other people add
later are swept without editing this test. The sign-in page (with and without errors), a
concern item sent without an action, and the "you cannot see this page" page are swept too.
"""

from __future__ import annotations

import re

import pytest

from backend.app import create_app
from backend.settings import Settings
from tests.browser.staff import send_flagged_answer, sign_in
from tests.browser.test_accessibility import Checker
from tests.conftest import TEST_SECRET

pytestmark = pytest.mark.browser

MUST_SWEEP = {
    "admin": {"/staff/admin/schools/{code:str}/codes",
              "/staff/admin/schools/{code:str}/codes/sheet"},
    "safeguarding_lead": {"/staff/concerns", "/staff/concerns/{reference:str}"},
    "send_lead": {"/staff/send/entry", "/staff/letters"},
    "ambassador": {"/staff/toolkit"},
    "reviewer": {"/staff/review", "/staff/review/{text_id:int}", "/staff/interviews/new"},
}
"""Routes each role must reach: proof that the sweep fills path parameters from links."""


def staff_page_routes(database_url: str) -> list[str]:
    """Every GET route under /staff (not the API), as the app mounts them."""
    app = create_app(Settings.from_env({"DATABASE_URL": database_url,
                                        "FEELSAFE_SECRET_KEY": TEST_SECRET}))
    return sorted({route.path for route in app.routes
                   if route.path.startswith("/staff") and "GET" in getattr(route, "methods", ())})


def route_pattern(path: str) -> re.Pattern[str]:
    """``/staff/x/{code:str}/y`` -> a pattern a link's path must match in full."""
    parts = re.split(r"\{[^}]+\}", path)
    return re.compile("[^/?#]+".join(re.escape(p) for p in parts))


class Sweep:
    def __init__(self, page, live_server, routes: list[str], label: str) -> None:
        self.page = page
        self.live_server = live_server
        self.checker = Checker(page)
        self.routes = routes
        self.label = label
        self.links: list[str] = []
        self.swept: set[str] = set()
        self.refused: list[str] = []

    def visit(self, route: str, href: str) -> None:
        """Check ``href`` if it is an HTML page this user may open (downloads are not pages)."""
        reply = self.page.context.request.get(self.live_server.url(href), max_redirects=0)
        kind = reply.headers.get("content-type", "")
        if reply.status == 403:
            self.refused.append(href)
        if reply.status != 200 or not kind.startswith("text/html"):
            return
        self.page.goto(self.live_server.url(href))
        self.checker.check(f"{self.label} {href}")
        self.swept.add(route)
        for link in self.page.locator("a[href]").evaluate_all(
                "els => els.map(e => e.getAttribute('href'))"):
            if link.startswith("/staff") and link not in self.links:
                self.links.append(link)

    def run(self) -> None:
        for route in self.routes:
            if "{" not in route:
                self.visit(route, route)
        waiting = [r for r in self.routes if "{" in r]
        found = True
        while waiting and found:  # a page found by a link may link to another one
            found = False
            for route in list(waiting):
                pattern = route_pattern(route)
                href = next((h for h in self.links if pattern.fullmatch(h.split("?")[0])), None)
                if href is not None:
                    waiting.remove(route)
                    self.visit(route, href)
                    found = True


@pytest.fixture(scope="module")
def axe():
    sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync.Axe()


def test_every_staff_page_meets_wcag_22_aa_for_every_role(live_server, staff_emails, browser,
                                                          axe):
    send_flagged_answer(live_server, "people in my year carry knives and my brother has one")
    routes = staff_page_routes(f"sqlite:///{live_server.db_path}")
    assert "/staff/sign-in" in routes and "/staff" in routes
    problems: list[str] = []
    swept: dict[str, set[str]] = {}
    for who in ["anonymous", *staff_emails]:
        context = browser.new_context(locale="en-GB", bypass_csp=True)
        context.add_init_script(axe.axe_script)
        context.set_default_timeout(15_000)
        page = context.new_page()
        sweep = Sweep(page, live_server, routes, who)
        if who == "anonymous":
            sweep.visit("/staff/sign-in", "/staff/sign-in")
            with page.expect_navigation():
                page.get_by_role("button", name="Sign in").click()  # nothing filled in
            assert page.title().startswith("Error:")
            sweep.checker.check("anonymous sign-in with errors")
        else:
            sign_in(page, live_server, staff_emails[who])
            sweep.run()
            if who == "safeguarding_lead":  # the close form sent without an action
                page.goto(live_server.url("/staff/concerns"))
                page.get_by_role("link", name=re.compile("^Read the answer")).first.click()
                with page.expect_navigation():
                    page.get_by_role("button", name="Close the item").click()
                assert page.title().startswith("Error:")
                sweep.checker.check("safeguarding_lead concern item with errors")
            if sweep.refused:  # the page a role sees where it may not go
                page.goto(live_server.url(sweep.refused[0]))
                sweep.checker.check(f"{who} refused at {sweep.refused[0]}")
        problems += sweep.checker.problems
        swept[who] = sweep.swept
        context.close()

    for role, needed in MUST_SWEEP.items():
        assert needed <= swept[role], f"{role} never reached {sorted(needed - swept[role])}"
    for role in staff_emails:
        assert {"/staff", "/staff/password"} <= swept[role], role
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
