"""An ambassador signs in, downloads the toolkit in Tamil, and the page meets WCAG 2.2 AA.

The Tamil toolkit is built into the server's cache first with ``feelsafe pack toolkit`` (the
server and the command share FEELSAFE_CACHE_DIR), so the click downloads at once.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.browser.test_accessibility import WCAG_TAGS
from tests.conftest import run_feelsafe

pytestmark = pytest.mark.browser

EMAIL = "ambassador@browser.invalid"
PASSWORD = "a long and careful passphrase"


@pytest.fixture(scope="module")
def ambassador(live_server, tmp_path_factory) -> str:
    url = f"sqlite:///{live_server.db_path}"
    made = run_feelsafe(url, "user", "create", "--email", EMAIL, "--role", "ambassador",
                        input=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    out = tmp_path_factory.mktemp("toolkit") / "ta.zip"
    built = run_feelsafe(url, "pack", "toolkit", "--year", "2026", "--lang", "ta",
                         "--out", str(out))
    assert built.returncode == 0, built.stderr
    return EMAIL


@pytest.fixture(scope="module")
def axe():
    sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync.Axe()


def test_ambassador_downloads_the_tamil_toolkit_from_an_accessible_page(
        live_server, browser, axe, ambassador, tmp_path):
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url("/staff/toolkit"))
    assert "/staff/sign-in" in page.url
    page.get_by_label("Email address").fill(ambassador)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/toolkit")

    assert page.locator("h1").inner_text() == "Safeguarding Ambassador toolkit"
    tamil = page.locator('tbody tr:has(span[lang="ta"])')
    assert tamil.locator('span[lang="ta"]').inner_text() == "தமிழ்"
    assert "Ready" in tamil.inner_text()
    assert page.locator('span[lang="ur"][dir="rtl"]').count() == 1

    page.evaluate(axe.axe_script)  # axe-core from axe-playwright-python, never downloaded
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => r.violations)", WCAG_TAGS)
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]])
                            for v in violations]

    with page.expect_download() as info:
        tamil.get_by_role("link", name="Download the toolkit").click()
    download = info.value
    assert download.suggested_filename == "feelsafe-ambassador-toolkit-2026-ta.zip"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as zf:
        pdfs = [n for n in zf.namelist() if n.endswith(".pdf")]
        assert len(pdfs) >= 7 and all(zf.read(n).startswith(b"%PDF") for n in pdfs)
    context.close()
