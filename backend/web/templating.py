"""Jinja templates with gettext: every page is rendered in the request's language.

Templates use ``_()``, ``ngettext()`` and ``{% trans %}``; the catalog is chosen
per request from ``request.state.lang`` (set by each area's language logic).
Dates and numbers go through the ``format_date``, ``format_datetime``,
``format_number`` and ``format_percent`` filters in the same language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig
from markupsafe import Markup

from backend.i18n import (
    LANGUAGES,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    translations,
)

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "template_config"]

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def _lang(context: Any) -> str:
    request = context.get("request")
    lang = getattr(getattr(request, "state", None), "lang", None) if request else None
    return lang if lang in LANGUAGES else context.get("lang", "en")


@lru_cache(maxsize=8192)
def _translated(lang: str, message: str, markup: bool) -> str:
    """A template string in one language, as Markup when the template escapes.

    A page makes dozens of these calls; looking each one up once per language
    (instead of through Jinja's own newstyle wrappers, which build a Markup and
    run a ``%`` on every call) took a quarter off rendering the start page.
    """
    text = translations(lang).gettext(message)
    return Markup(text) if markup else text


@pass_context
def _gettext(context: Any, message: str, **variables: Any) -> str:
    """Newstyle gettext: variables are formatted in (and escaped, in HTML templates)."""
    text = _translated(_lang(context), message, context.eval_ctx.autoescape)
    return text % variables if variables or "%" in text else text


@pass_context
def _ngettext(context: Any, singular: str, plural: str, n: int, **variables: Any) -> str:
    text = translations(_lang(context)).ngettext(singular, plural, n)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % {"num": n, **variables}


@pass_context
def _format_date(context: Any, value: Any, format: str = "long") -> str:
    return format_date(value, format=format, lang=_lang(context))


@pass_context
def _format_datetime(context: Any, value: Any, format: str = "medium") -> str:
    return format_datetime(value, format=format, lang=_lang(context))


@pass_context
def _format_number(context: Any, value: Any) -> str:
    return format_number(value, lang=_lang(context))


@pass_context
def _format_percent(context: Any, value: Any, format: str | None = None) -> str:
    return format_percent(value, lang=_lang(context), format=format)


def make_environment(auto_reload: bool = True) -> Environment:
    env = Environment(
        # Checking each template's file time on every render is for development only.
        auto_reload=auto_reload,
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Context-aware gettext: {% trans %} blocks and _() both use the request's language.
    env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext, newstyle=True)
    # Ours already behave as newstyle ones (format and escape), so templates call them
    # directly rather than through the extension's aliases and wrappers.
    env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    # Whitespace inside {% trans %} blocks is collapsed, as babel.cfg extracts it (trimmed).
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(
        format_date=_format_date,
        format_datetime=_format_datetime,
        format_number=_format_number,
        format_percent=_format_percent,
    )
    env.globals["LANGUAGES"] = LANGUAGES
    return env


def template_config(debug: bool = False) -> TemplateConfig:
    engine = JinjaTemplateEngine.from_environment(make_environment(auto_reload=debug))
    return TemplateConfig(instance=engine)
