"""Walking the pupil pages with a plain HTTP client, as a browser without JavaScript would."""

from __future__ import annotations

import re
from typing import Any

CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')
QUESTION = re.compile(r'id="question-([a-z0-9_]+)"')
ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def csrf(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def questions_on(html: str) -> list[str]:
    return QUESTION.findall(html)


def start(client, code: str = "OPENCODE22", variant: str = "standard", lang: str = "en"):
    """Open the start page, press Start, and return the first question page."""
    page = client.get(f"/s/{code}?lang={lang}")
    assert page.status_code == 200, page.text
    reply = client.post(
        f"/s/{code}/start",
        data={"_csrf_token": csrf(page.text), "lang": lang, "variant": variant},
        follow_redirects=False,
    )
    assert reply.status_code == 303, reply.text
    return client.get(reply.headers["location"])


def answer(client, page, answers: dict[str, Any], go: str = "next"):
    """Send this page with the answers to the questions on it; return the redirect."""
    action = ACTION.search(page.text).group(1)
    data: dict[str, Any] = {"_csrf_token": csrf(page.text), "go": go}
    if 'name="_return" value="check"' in page.text:
        data["_return"] = "check"
    for qid in questions_on(page.text):
        if qid in answers:
            data[qid] = answers[qid]
    return client.post(action, data=data, follow_redirects=False)


def walk(client, answers: dict[str, Any], code: str = "OPENCODE22", variant: str = "standard",
         lang: str = "en", limit: int = 60) -> tuple[Any, list[str]]:
    """Answer every page in turn; return the check-your-answers page and the titles seen."""
    page = start(client, code, variant, lang)
    titles = []
    for _ in range(limit):
        titles.append(re.search(r"<title>(.*?)</title>", page.text, re.S).group(1))
        reply = answer(client, page, answers)
        assert reply.status_code == 303, reply.text
        page = client.get(reply.headers["location"])
        if reply.headers["location"].endswith("/check"):
            return page, titles
    raise AssertionError("never reached the check page")


def submit(client, check_page, code: str = "OPENCODE22"):
    return client.post(
        f"/s/{code}/submit", data={"_csrf_token": csrf(check_page.text)}, follow_redirects=False
    )
