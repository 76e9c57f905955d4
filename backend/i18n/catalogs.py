"""The translation workflow in code: extract, compare, report and compile catalogs.

``make extract/update/compile`` run ``pybabel`` with ``babel.cfg``; the same
configuration is read here so the report and the tests see exactly what
``pybabel extract`` would, without needing an up-to-date ``messages.pot``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from locales import LOCALES_DIR

if TYPE_CHECKING:
    from babel.messages.catalog import Message

__all__ = [
    "DRAFT_MARK",
    "ROOT",
    "CatalogStatus",
    "compile_catalogs",
    "extract_catalog",
    "is_draft",
    "load_catalog",
    "placeholders",
    "status",
]

ROOT = LOCALES_DIR.parent
DRAFT_MARK = "draft: awaiting native-speaker review"
"""Translator comment on every translation not yet checked by a native speaker."""

_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[A-Za-z_]\w*\}")


def extract_catalog(root: Path = ROOT) -> Catalog:
    """Every translatable string in the code, templates and survey files, as ``pybabel`` sees it."""
    with (root / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="feelsafe", domain="messages")
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=keywords, comment_tags=("Translators:",)
    ):
        catalog.add(
            message, None, [(filename, lineno)], auto_comments=comments, context=context
        )
    return catalog


def load_catalog(lang: str, locales_dir: Path = LOCALES_DIR) -> Catalog | None:
    path = locales_dir / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def is_draft(message: Message) -> bool:
    return any(DRAFT_MARK in comment for comment in message.user_comments)


def placeholders(text: str) -> list[str]:
    """The ``%(name)s``, ``%s`` and ``{name}`` placeholders in ``text``, sorted."""
    return sorted(_PLACEHOLDER.findall(text))


@dataclass(frozen=True)
class CatalogStatus:
    """How complete one language's catalog is against the extracted strings."""

    lang: str
    total: int
    translated: int
    fuzzy: int
    missing: int
    drafts: int
    missing_ids: tuple[str, ...] = ()
    fuzzy_ids: tuple[str, ...] = ()
    broken_placeholders: tuple[str, ...] = ()


def status(lang: str, template: Catalog, locales_dir: Path = LOCALES_DIR) -> CatalogStatus:
    """Count translated, fuzzy, missing and draft entries of ``lang`` for ``template``'s strings."""
    catalog = load_catalog(lang, locales_dir)
    translated = drafts = 0
    missing: list[str] = []
    fuzzy: list[str] = []
    broken: list[str] = []
    for wanted in template:
        if not wanted.id:
            continue
        found = catalog.get(wanted.id, wanted.context) if catalog is not None else None
        singular = wanted.id[0] if isinstance(wanted.id, tuple) else wanted.id
        strings = found.string if found is not None else None
        forms = [s for s in (strings if isinstance(strings, tuple) else (strings,)) if s]
        if found is None or not forms:
            missing.append(singular)
        elif found.fuzzy:
            fuzzy.append(singular)
        else:
            translated += 1
            drafts += is_draft(found)
            if not _placeholders_kept(wanted.id, forms):
                broken.append(singular)
    return CatalogStatus(
        lang=lang,
        total=translated + len(fuzzy) + len(missing),
        translated=translated,
        fuzzy=len(fuzzy),
        missing=len(missing),
        drafts=drafts,
        missing_ids=tuple(missing),
        fuzzy_ids=tuple(fuzzy),
        broken_placeholders=tuple(broken),
    )


def _placeholders_kept(source: str | tuple[str, ...], forms: list[str]) -> bool:
    """Singular: the same placeholders. Plural: no new ones, and all of them in the last form.

    (A language's "one" or "two" form may say the number in words.)
    """
    if not isinstance(source, tuple):
        return all(placeholders(form) == placeholders(source) for form in forms)
    expected = placeholders(source[-1])
    return all(set(placeholders(f)) <= set(expected) for f in forms) and (
        placeholders(forms[-1]) == expected
    )


def compile_catalogs(locales_dir: Path = LOCALES_DIR) -> list[Path]:
    """Write ``messages.mo`` beside every ``messages.po`` (fuzzy entries left out)."""
    written = []
    for po in sorted(locales_dir.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo)
    return written
