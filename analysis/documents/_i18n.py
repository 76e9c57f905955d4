"""Gettext plumbing for the document builders.

Builders take a ``gettext`` callable or a translations object (anything with ``.gettext``), so
one builder makes a document in every language. English msgids live in the Python code, marked
with ``_()`` (or ``N_()`` for module-level constants), where ``pybabel extract`` finds them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, Union

__all__ = ["N_", "Gettext", "TranslationsLike", "as_gettext"]

Gettext = Callable[[str], str]


class TranslationsLike(Protocol):
    def gettext(self, message: str) -> str: ...


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def _identity(message: str) -> str:
    return message


def as_gettext(translations: Union[Gettext, TranslationsLike, None]) -> Gettext:  # noqa: UP007
    """A plain ``gettext`` callable from a callable, a translations object or ``None`` (English)."""
    if translations is None:
        return _identity
    method = getattr(translations, "gettext", None)
    if callable(method):
        return method
    if callable(translations):
        return translations
    raise TypeError(f"expected a gettext callable or translations object, got {translations!r}")
