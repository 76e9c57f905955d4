"""The access log keeps method, path shape and status: never what a pupil typed.

Uvicorn logs the full request line, and a pupil may type anything into the
code box (their name, a phone number) which then travels in ``/go?code=`` or
``/s/<code>``. This filter drops every query string and replaces the code
segment of pupil paths before the line is formatted. Client addresses and
user agents are not in the format at all (backend.cli.LOG_CONFIG).
"""

from __future__ import annotations

import http
import logging
import re

__all__ = ["AccessFormatter", "AccessLogPrivacyFilter", "clean_path"]

_CODE_SEGMENT = re.compile(r"^/s/[^/?]*")


def clean_path(path: str) -> str:
    path = path.split("?", 1)[0]
    return _CODE_SEGMENT.sub("/s/<code>", path)


class AccessLogPrivacyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            _client, method, path, version, status = args
            record.args = ("-", method, clean_path(str(path)), version, status)
        return True


_PHRASES = {status.value: status.phrase for status in http.HTTPStatus}


class AccessFormatter(logging.Formatter):
    """``INFO:     "POST /api/v1/responses HTTP/1.1" 201 Created``, as uvicorn writes it.

    Uvicorn's own access formatter copies every record twice and looks the status
    phrase up through an enum; this line is written for every request, so it is
    built directly here (without colour: the log goes to a file or a journal).
    """

    def format(self, record: logging.LogRecord) -> str:
        args = record.args
        if not (isinstance(args, tuple) and len(args) == 5):
            return super().format(record)
        _client, method, path, version, status = args
        level = record.levelname
        return (
            f'{level}:{" " * (8 - len(level))} "{method} {path} HTTP/{version}" '
            f"{status} {_PHRASES.get(status, '')}"
        )
