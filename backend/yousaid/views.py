"""The public "You said, we did" pages: ``/you-said-we-did`` and one page per edition.

Anyone may read them, without signing in: they look like the pupil pages (Exit this page, the
help box, the language picker, right to left for Urdu and Arabic) and work without JavaScript.
They set no cookie and are the same for every reader of a language and version, so they say
``Cache-Control: public`` with an ``ETag``; a reader whose copy is current gets 304.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from litestar import Controller, Request, Response, get
from litestar.params import FromPath
from litestar.status_codes import HTTP_304_NOT_MODIFIED

from backend.findings import FindingsError, edition_by_year
from backend.i18n import LANGUAGES, VARIANTS, negotiate, translations
from backend.storage.tables import Edition
from backend.yousaid.content import build_page

if TYPE_CHECKING:
    from backend.settings import Settings

__all__ = ["YouSaidWeDidController"]

PATH = "/you-said-we-did"
CACHE_CONTROL = "public, max-age=300"
"""Five minutes: a new action reaches readers soon, and a busy day costs one build per copy."""


def _choice(request: Request) -> tuple[str, str]:
    lang = request.query_params.get("lang")
    if lang not in LANGUAGES:
        lang = negotiate(request.headers.get("accept-language"))
    variant = request.query_params.get("variant")
    return lang, variant if variant in VARIANTS else "standard"


def _context(request: Request, lang: str, variant: str, title: str, **extra: Any) -> dict:
    """What every pupil-style page needs: language, direction, exit, help, language links."""
    request.state.lang = lang
    settings: Settings = request.app.state.settings
    path = request.url.path
    return {
        "request": request,
        "csrf_input": "",
        "lang": lang,
        "dir": LANGUAGES[lang].direction,
        "variant": variant,
        "title": title,
        "display": [],
        "display_code": "",
        "exit_url": "/exit",
        "help_contacts": settings.help_contacts,
        "languages": [
            {"code": code, "name": language.native_name, "dir": language.direction,
             "url": f"{path}?lang={code}&variant={variant}"}
            for code, language in LANGUAGES.items()
        ],
        "other_variant_url": f"{path}?lang={lang}&variant="
                             f"{'standard' if variant == 'easy_read' else 'easy_read'}",
        **extra,
    }


def _render(request: Request, template: str, context: dict, status_code: int = 200) -> Response:
    """Render, then answer 304 when the reader already has this exact page."""
    html = request.app.template_engine.get_template(template).render(**context)
    body = html.encode("utf-8")
    headers = {"Vary": "Accept-Language"}
    if status_code == 200:
        etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        headers.update({"Cache-Control": CACHE_CONTROL, "ETag": etag})
        wanted = request.headers.get("if-none-match", "")
        if etag in [tag.strip() for tag in wanted.split(",")]:
            return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(body, status_code=status_code, headers=headers,
                    media_type="text/html; charset=utf-8")


async def _editions(lang: str) -> list[dict]:
    """Every edition, newest first, with its title (a survey message) translated."""
    translate = translations(lang).gettext
    rows = await Edition.select(Edition.year, Edition.title).order_by(Edition.year,
                                                                     ascending=False)
    editions = []
    for row in rows:
        title = row["title"]  # a variable, so that message extraction does not take the key
        editions.append({"year": row["year"], "title": translate(title)})
    return editions


class YouSaidWeDidController(Controller):
    path = PATH
    include_in_schema = False
    opt = {"exclude_from_csrf": True}
    """No forms and no cookies here: a CSRF cookie would only stop the page being cached."""

    @get("/")
    async def index(self, request: Request) -> Response:
        """Every edition that has a page, newest first."""
        lang, variant = _choice(request)
        _ = translations(lang).gettext
        editions = await _editions(lang)
        return _render(request, "public/you_said_we_did_index.html", _context(
            request, lang, variant, _("You said, we did"), editions=editions))

    @get("/{year:str}")
    async def edition(self, request: Request, year: FromPath[str]) -> Response:
        """One edition's headline findings and the actions recorded against them."""
        lang, variant = _choice(request)
        _ = translations(lang).gettext
        info = None
        if year.isdigit() and len(year) == 4:
            try:
                info = await edition_by_year(int(year))
            except FindingsError:
                info = None
        if info is None:
            return await self._no_such_year(request, lang, variant)
        k = request.app.state.settings.min_group_size
        themes = await build_page(info, lang, variant, k)
        title = _(info.survey.definition.edition.title)
        return _render(request, "public/you_said_we_did.html", _context(
            request, lang, variant, f"{_('You said, we did')} – {title}",
            edition_title=title, year=info.year, themes=themes, is_demo=info.is_demo))

    @staticmethod
    async def _no_such_year(request: Request, lang: str, variant: str) -> Response:
        """404, saying what is wrong and offering the years there are."""
        _ = translations(lang).gettext
        editions = await _editions(lang)
        heading = _("Page not found")
        response = _render(request, "public/you_said_we_did_index.html", _context(
            request, lang, variant, heading, editions=editions, heading=heading,
            message=_("There is no “You said, we did” page for that year. Choose a year from "
                      "the list.")), status_code=404)
        response.headers["Cache-Control"] = "no-store"
        return response
