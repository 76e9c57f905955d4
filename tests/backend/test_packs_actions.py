"""Workshop packs carry the actions recorded against their theme in "you told us, our
response" (with the blank rows still there for new responses), and the pack cache, keyed by a
hash of everything a pack shows, rebuilds when those actions change."""

from __future__ import annotations

import asyncio
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader

from backend.packs import build_workshop_files, workshop_input
from tests.backend.staff.helpers import csrf_headers
from tests.backend.yousaid_helpers import record, seed_responses, sign_in_reviewer

ACTION = "Youth workers will walk the routes home from three schools every Friday evening."
OTHER_THEME = "Knife amnesty bins will be placed at two leisure centres."


@pytest.fixture
def build(client, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("FEELSAFE_CACHE_DIR", str(tmp_path / "cache"))
    seed_responses(client)
    sign_in_reviewer(client)
    built = iter(range(100))

    def _build(theme: str = "general_safety"):
        data = asyncio.run(workshop_input(2026, theme, None, settings))
        n = next(built)
        result = build_workshop_files(data, tmp_path / f"{n}.pdf", tmp_path / f"{n}.pptx")
        pdf = " ".join(" ".join((page.extract_text() or "").split())
                       for page in PdfReader(result.path).pages)
        slides = {}
        for slide in Presentation(str(result.path.with_suffix(".pptx"))).slides:
            texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            slides.setdefault(texts[0] if texts else "", []).append(" ".join(texts))
        return result.cached, pdf, slides

    return _build


def _response_slide(slides) -> str:
    return " ".join(slides["You told us, our response"])


def test_pack_includes_recorded_actions_and_rebuilds_when_they_change(client, build):
    cached, pdf, slides = build()
    assert not cached and ACTION not in pdf
    assert build()[0], "same inputs: from the cache"

    made = record(client, theme="general_safety", question_id="safe_at_school",
                  status="in_progress", texts={"en": ACTION, "en-easy": "We walk you home."})
    assert made.status_code == 201, made.text
    assert record(client, theme="knife_crime",
                  texts={"en": OTHER_THEME, "en-easy": "Bins for knives."}).status_code == 201
    cached, pdf, slides = build()
    assert not cached, "a new action must rebuild the pack"
    # One row: the finding it answers (written from shown cells), the action, its progress.
    assert re.search(r"6 in 10 pupils said they feel safe at school\.\s+"
                     + re.escape(ACTION) + r"\s+In progress", pdf), pdf
    assert pdf.count("You told us") >= 1 and "What happens next, and when" in pdf
    assert OTHER_THEME not in pdf  # another theme's action stays in that theme's pack
    slide = _response_slide(slides)
    assert ACTION in slide and "You told us: ..." in slide  # still a template for new ones
    assert build()[0]

    path = f"/api/v1/staff/actions/{made.json()['id']}"
    assert client.patch(path, json={"status": "done"},
                        headers=csrf_headers(client)).status_code == 200
    cached, pdf, _slides = build()
    assert not cached and re.search(re.escape(ACTION) + r"\s+Done", pdf)

    assert client.delete(path, headers=csrf_headers(client)).status_code == 204
    cached, pdf, slides = build()
    # The same inputs as the very first build again: that pack, from the cache, no action.
    assert cached and ACTION not in pdf
    assert "You told us: ..." in _response_slide(slides)
    cached, pdf, _slides = build("knife_crime")
    assert OTHER_THEME in pdf and "What you told us about this theme" in pdf
