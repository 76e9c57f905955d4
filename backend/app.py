"""``create_app()``: the one place that wires feelsafe together."""

from __future__ import annotations

import gc
import logging
import traceback
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from litestar import Litestar, Request, Response
from litestar.config.compression import CompressionConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader, State
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi import OpenAPIConfig
from litestar.static_files import create_static_files_router

from backend.api.controllers import HealthController, ResponsesController, SurveysController
from backend.api.openapi import declare_common_responses
from backend.pupil import pupil_router
from backend.ratelimit import limiter_for
from backend.settings import Settings, get_settings
from backend.staff.routes import STAFF_ROUTE_HANDLERS
from backend.storage.engine import bind_tables, engine_for
from backend.submissions.service import SubmissionService
from backend.submissions.writers import GroupCommitter, PostgresWriter, SQLiteWriter
from backend.web.security import security_before_send
from backend.web.templating import STATIC_DIR, template_config
from backend.yousaid import YouSaidWeDidController

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["create_app"]

_STATIC_CACHE = CacheControlHeader(max_age=86400, public=True)
_FONT_CACHE = CacheControlHeader(max_age=31536000, public=True, immutable=True)
"""Web fonts are named by content hash (backend/i18n/fonts.py), so they never go stale."""
GC_THRESHOLD = 10_000
"""Young objects allocated (net) before the cyclic collector runs, while serving."""
MAX_BODY_BYTES = 256 * 1024
"""A complete submission is about 2 KiB; anything near this is not a pupil's answers."""

log = logging.getLogger("feelsafe")


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    engine = engine_for(settings.database_url)
    bind_tables(engine)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        writer = (
            PostgresWriter(settings.database_url)
            if settings.is_postgres
            else SQLiteWriter(str(settings.sqlite_path))
        )
        committer = GroupCommitter(writer)
        app.state.submissions = SubmissionService(committer)
        app.state.rate_limiter = limiter_for(settings)
        pooled = settings.is_postgres and settings.db_pool_size > 0
        if pooled:
            # Without a pool Piccolo opens a new PostgreSQL connection for every query.
            await engine.start_connection_pool(min_size=1, max_size=settings.db_pool_size)
        # Everything loaded so far (the redactor's word lists above all) lives as long as
        # the process: keep it out of the cyclic collector's passes, which otherwise walk
        # those large sets again and again while requests allocate. Requests in flight
        # hold a few thousand young objects, so the default threshold of 700 ran a
        # collection every request or two under load (5% of the web process's CPU).
        gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(GC_THRESHOLD, *thresholds[1:])
        try:
            yield
        finally:
            gc.set_threshold(*thresholds)
            gc.unfreeze()
            await committer.close()
            await app.state.rate_limiter.close()
            if pooled:
                await engine.close_connection_pool()

    route_handlers: list = [
        HealthController,
        SurveysController,
        ResponsesController,
        *STAFF_ROUTE_HANDLERS,
        YouSaidWeDidController,
        create_static_files_router(
            path="/static/fonts", directories=[STATIC_DIR / "fonts"], cache_control=_FONT_CACHE,
            include_in_schema=False, name="fonts",
        ),
        create_static_files_router(
            path="/static", directories=[STATIC_DIR], cache_control=_STATIC_CACHE,
            include_in_schema=False,
        ),
        pupil_router(settings),
    ]
    return Litestar(
        route_handlers=route_handlers,
        lifespan=[lifespan],
        on_startup=[declare_common_responses],
        before_send=[security_before_send(settings.https)],
        template_config=template_config(settings.debug),
        compression_config=CompressionConfig(backend="gzip", minimum_size=1024),
        csrf_config=CSRFConfig(
            secret=settings.secret_key.hex(),
            cookie_name="csrftoken",
            cookie_secure=settings.https,
            cookie_httponly=True,
            cookie_samesite="strict",
            # The pupil JSON API takes no cookies, so cross-site forgery cannot ride on it;
            # the staff API is signed in by cookie, so it is checked (X-CSRFToken header).
            exclude=["^/api/(?!v1/staff/)", "^/healthz"],
        ),
        state=State({"settings": settings}),
        exception_handlers={
            ValidationException: _validation_problem,
            HTTPException: _http_problem,
            RecursionError: _undecodable,
            UnicodeError: _undecodable,
            Exception: _server_error,
        },
        openapi_config=OpenAPIConfig(
            title="feelsafe",
            version="1.0.0",
            description="The feeling-safe survey: questions, anonymous submissions, findings.",
            path="/schema",
        ),
        debug=settings.debug,
        request_max_body_size=MAX_BODY_BYTES,
    )


def _validation_problem(_: Request, exc: ValidationException) -> Response:
    """Litestar's own checks (body shape, query values) in the same shape as ours."""
    problems = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            problems.append(
                {"field": str(item.get("key") or item.get("source") or "body"),
                 "message": str(item.get("message", "is not valid"))}
            )
    if not problems:
        problems.append({"field": "body", "message": exc.detail or "is not valid"})
    return Response(
        {"status_code": 400, "detail": "The request has problems; nothing was changed.",
         "problems": problems},
        status_code=400,
    )


def _http_problem(_: Request, exc: HTTPException) -> Response:
    body: dict = {"status_code": exc.status_code, "detail": exc.detail}
    if exc.status_code == 400:
        body["problems"] = [{"field": "body", "message": exc.detail}]
    return Response(body, status_code=exc.status_code, headers=exc.headers)


def _undecodable(request: Request, exc: Exception) -> Response:
    """A body the JSON decoder cannot read (invalid UTF-8, nesting deeper than its
    recursion limit) is the client's fault: a 400, not a 500.

    Litestar decodes a body without its type first, so msgspec meets the whole
    nesting before our Structs (which allow one level of lists) can refuse it;
    those two errors escape Litestar's own SerializationException.
    """
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    if not any("serialization" in f.filename for f in frames):
        return _server_error(request, exc)
    message = (
        "is nested too deeply" if isinstance(exc, RecursionError) else "is not valid UTF-8"
    )
    return Response(
        {"status_code": 400, "detail": "The request has problems; nothing was changed.",
         "problems": [{"field": "body", "message": message}]},
        status_code=400,
    )


def _server_error(_: Request, exc: Exception) -> Response:
    """Never a stack trace, and never the request's content, in the answer or the log.

    The log names the exception type and where it was raised, not its message,
    which could quote what a pupil wrote.
    """
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{frame.filename}:{frame.lineno}" if frame else "unknown"
    log.error("unhandled %s at %s", type(exc).__name__, where)
    return Response(
        {"status_code": 500, "detail": "Something went wrong on our side. Nothing was changed."},
        status_code=500,
    )
