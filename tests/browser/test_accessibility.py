"""WCAG 2.2 AA in a real browser: axe-core, reflow at 320 CSS px and target sizes.

Every pupil page type (home, start, a question page of each question type, a page
with errors, check your answers, thank you, the problem page) in both variants and
all six languages. One browser, one context per variant: the survey is walked once
in English to find a page of each question type, then each language revisits
those pages with ``?lang=``.
"""

from __future__ import annotations

import pytest

from backend.i18n import LANGUAGES, VARIANTS

pytestmark = pytest.mark.browser

CODE = "AXE26"  # not a shared-device code: the thank-you page can be reloaded
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# A target smaller than 24x24 passes if a 24 px circle on its centre touches no other
# target nor another small target's circle (WCAG 2.5.8 spacing); links inside a
# sentence are exempt (the "inline" exception). Visually hidden elements (skip links
# until focused) are left out.
TARGETS_JS = """
() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
              '[tabindex]:not([tabindex="-1"])';
  const els = [...document.querySelectorAll(sel)].filter(el => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden';
  });
  const inline = el => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const text = [...el.parentElement.childNodes]
      .filter(n => n !== el && n.nodeType === 3).map(n => n.textContent.trim()).join('');
    return text.length > 0;
  };
  const boxes = els.map(el => ({el, r: el.getBoundingClientRect()}));
  const small = boxes.filter(b => !inline(b.el) &&
    (b.r.width < 24 - 0.01 || b.r.height < 24 - 0.01));
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const circleHitsRect = (c, r) => {
    const x = Math.max(r.left, Math.min(c[0], r.right));
    const y = Math.max(r.top, Math.min(c[1], r.bottom));
    return Math.hypot(c[0] - x, c[1] - y) < 12;
  };
  const bad = [];
  for (const b of small) {
    const c = centre(b.r);
    const clash = boxes.some(o => o.el !== b.el && !o.el.contains(b.el) && !b.el.contains(o.el) &&
      (circleHitsRect(c, o.r) ||
       (small.includes(o) && Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < 24)));
    const size = `${Math.round(b.r.width)}x${Math.round(b.r.height)}`;
    if (clash) bad.push(`${b.el.outerHTML.slice(0, 120)} ${size}`);
  }
  return bad;
}
"""


@pytest.fixture(scope="module")
def axe():
    sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync.Axe()


class Checker:
    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.pages = 0

    def check(self, label: str) -> None:
        page = self.page
        self.pages += 1
        page.set_viewport_size({"width": 1280, "height": 900})
        # axe-core comes from axe-playwright-python, added to every page by an init script.
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']}).then(r => r.violations)", WCAG_TAGS)
        for v in violations:
            nodes = "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                              else str(n["target"]) for n in v["nodes"][:3])
            self.problems.append(f"{label}: axe {v['id']} ({v['impact']}) at {nodes}")
        page.set_viewport_size({"width": 320, "height": 640})
        wide = page.evaluate("() => [document.scrollingElement.scrollWidth,"
                             " document.scrollingElement.clientWidth]")
        if wide[0] > wide[1]:
            self.problems.append(f"{label}: scrolls sideways at 320 px ({wide[0]} > {wide[1]})")
        for bad in page.evaluate(TARGETS_JS):
            self.problems.append(f"{label}: target too small at 320 px: {bad}")


def _walk(page, base: str, variant: str) -> dict[str, str]:
    """Start the survey and skip through it, noting the first page of each question type."""
    page.goto(f"{base}/s/{CODE}?lang=en&variant={variant}")
    page.locator("button.button--start").click()
    by_type: dict[str, str] = {}
    for _ in range(80):
        if page.url.endswith("/check"):
            return by_type
        for kind in page.locator("form [data-type]").evaluate_all(
                "els => els.map(e => e.dataset.type)"):
            by_type.setdefault(kind, page.url)
        if page.locator('#question-knife_know_carry input[value="yes"]').count():
            page.locator('#question-knife_know_carry input[value="yes"]').check()  # routes on
        page.locator('button[value="next"]').click()
        page.wait_for_load_state()
    raise AssertionError("never reached the check page")


def _error_state(page, url: str, lang: str) -> None:
    """A multiple-choice page sent with an answer and "I'd rather not say" together."""
    page.goto(f"{url}?lang={lang}")
    page.evaluate("""() => {
      const group = [...document.querySelectorAll('[data-type=multiple_choice]')]
        .find(g => g.querySelector('[data-behaviour=exclusive]'));
      group.querySelector('input:not([data-behaviour])').checked = true;
      group.querySelector('[data-behaviour=exclusive]').checked = true;
    }""")
    with page.expect_navigation():
        page.evaluate("() => document.querySelector('button[value=next]').click()")
    assert page.locator(".error-summary").count() == 1


def _display_options(page, url: str, on: bool) -> None:
    page.goto(url)
    if page.locator(".display-options").get_attribute("open") is None:
        page.locator(".display-options__summary").click()
    for box in page.locator(".display-options input[type=checkbox]").all():
        box.set_checked(on)
    with page.expect_navigation():
        page.locator(".display-options button").click()


def test_every_pupil_page_meets_wcag_22_aa(live_server, browser, axe):
    langs = list(LANGUAGES)
    assert set(langs) == {"en", "ta", "ur", "pl", "pt", "ar"}
    problems: list[str] = []
    checked = 0
    for variant in VARIANTS:
        context = browser.new_context(locale="en-GB", bypass_csp=True)
        context.add_init_script(axe.axe_script)  # axe-core in every page, loaded once per page
        context.set_default_timeout(15_000)
        page = context.new_page()
        checker = Checker(page)
        by_type = _walk(page, live_server.base, variant)
        assert {"single_choice", "scale", "multiple_choice", "free_text"} <= set(by_type)
        for lang in langs:
            tag = f"{variant}/{lang}"
            if variant == "standard":
                page.goto(live_server.url(f"/?lang={lang}"))
                checker.check(f"{tag} home")
                page.goto(live_server.url(f"/s/NOPE99?lang={lang}"))
                checker.check(f"{tag} problem page")
            page.goto(live_server.url(f"/s/{CODE}?lang={lang}&variant={variant}"))
            checker.check(f"{tag} start")
            for url in sorted(set(by_type.values())):
                kinds = ", ".join(k for k, u in sorted(by_type.items()) if u == url)
                page.goto(f"{url}?lang={lang}")
                assert page.locator("html").get_attribute("lang") == lang
                checker.check(f"{tag} question ({kinds})")
            _error_state(page, by_type["multiple_choice"], lang)
            checker.check(f"{tag} question with errors")
            page.goto(live_server.url(f"/s/{CODE}/check?lang={lang}"))
            checker.check(f"{tag} check answers")
        # All three display options on: the same rules hold (contrast, reflow, targets).
        _display_options(page, by_type["scale"], on=True)
        for lang in ("en", "ar"):
            page.goto(f"{by_type['scale']}?lang={lang}")
            assert "display-contrast" in page.locator("html").get_attribute("class")
            checker.check(f"{variant}/{lang} question with all display options on")
        _display_options(page, by_type["scale"], on=False)
        page.goto(live_server.url(f"/s/{CODE}/check?lang=en"))
        page.locator("form[data-prevent-double-submit] button[type=submit]").click()
        page.wait_for_url("**/thanks")
        for lang in langs:
            page.goto(live_server.url(f"/s/{CODE}/thanks?lang={lang}"))
            checker.check(f"{variant}/{lang} thank you")
        problems += checker.problems
        checked += checker.pages
        context.close()
    assert checked >= 2 * 6 * 6
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
