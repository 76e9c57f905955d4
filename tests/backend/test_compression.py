"""Pages travel compressed over school Wi-Fi; tiny API answers are not worth it."""

from __future__ import annotations


def test_pupil_pages_are_gzipped(client):
    page = client.get("/s/OPENCODE22", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200
    assert page.headers["content-encoding"] == "gzip"
    assert "<html" in page.text


def test_health_check_is_not_compressed(client):
    reply = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in reply.headers
