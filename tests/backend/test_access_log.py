"""The access log line: uvicorn's shape, built by our formatter, never the client address."""

from __future__ import annotations

import io
import logging.config

from backend.cli import LOG_CONFIG


def _line(args: tuple) -> str:
    logging.config.dictConfig(LOG_CONFIG)
    logger = logging.getLogger("uvicorn.access")
    stream = io.StringIO()
    logger.handlers[0].setStream(stream)
    logger.info('%s - "%s %s HTTP/%s" %d', *args)
    return stream.getvalue()


def test_the_access_line_has_method_path_shape_and_status_only():
    line = _line(("203.0.113.9:51000", "GET", "/s/JAMIE07700?lang=en", "1.1", 200))
    assert line == 'INFO:     "GET /s/<code> HTTP/1.1" 200 OK\n'
    assert "203.0.113.9" not in line


def test_an_unknown_status_keeps_its_number():
    assert _line(("-", "POST", "/api/v1/responses", "1.1", 599)).endswith('" 599 \n')
