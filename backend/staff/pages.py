"""Shared pieces of the staff pages: rendering with errors, reading forms, pupil links."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from litestar.enums import MediaType
from litestar.response import Template

from backend.i18n import translations
from backend.staff.problems import N_, FieldProblem

if TYPE_CHECKING:
    from litestar import Request

__all__ = [
    "CODE_STATUS_NAMES",
    "KIND_NAMES",
    "NOTICES",
    "ROLE_NAMES",
    "form_values",
    "page",
    "parse_date",
    "parse_int",
    "pupil_url",
    "translate",
]

ROLE_NAMES = {
    "admin": N_("Partnership admin"),
    "reviewer": N_("Engagement reviewer"),
    "safeguarding_lead": N_("Safeguarding lead"),
    "send_lead": N_("SEND lead"),
    "ambassador": N_("Safeguarding Ambassador"),
}
KIND_NAMES = {
    "secondary": N_("Secondary"),
    "special": N_("Special"),
    "alternative": N_("Alternative provision"),
    "other": N_("Other"),
}
CODE_STATUS_NAMES = {
    "open": N_("Open"),
    "not_open_yet": N_("Not open yet"),
    "closed": N_("Closed"),
    "used_up": N_("Used up"),
}

NOTICES = {
    "password_changed": N_("Your password has been changed."),
    "signed_out": N_("You have signed out."),
    "user_created": N_("The account has been created. Give the person their one-time password."),
    "password_reset": N_("The password has been reset. The person must change it at next sign-in."),
    "user_updated": N_("The account has been updated."),
    "edition_opened": N_("The edition is open."),
    "edition_closed": N_("The edition is closed. Its codes no longer work."),
    "school_registered": N_("The school has been registered."),
    "codes_issued": N_("The codes have been issued."),
    "paper_saved": N_("The paper response has been saved. You can type in the next one."),
    "concern_closed": N_("The item is closed and has left the open queue."),
}
"""Confirmation messages chosen by key (``?notice=``), so a link cannot put words on a page."""


def translate(request: Request, message: str, **params: Any) -> str:
    text = translations(getattr(request.state, "lang", "en")).gettext(message)
    return text % params if params else text


def page(
    request: Request,
    template: str,
    *,
    problems: list[FieldProblem] | None = None,
    status_code: int = 200,
    **context: Any,
) -> Template:
    """Render a staff page; with problems it says "Error:" in its title and answers 400."""
    gettext = translations(getattr(request.state, "lang", "en")).gettext
    errors = [{"field": p.field, "text": p.text(gettext)} for p in problems or []]
    error_for: dict[str, str] = {}
    for error in errors:
        error_for.setdefault(error["field"], error["text"])
    notice_key = request.query_params.get("notice", "")
    return Template(
        template_name=f"staff/{template}",
        context={
            "staff": request.scope.get("state", {}).get("staff_principal"),
            "errors": errors,
            "error_for": error_for,
            "notice": gettext(NOTICES[notice_key]) if notice_key in NOTICES else "",
            "values": {},
            "role_names": {k: gettext(v) for k, v in ROLE_NAMES.items()},
            "kind_names": {k: gettext(v) for k, v in KIND_NAMES.items()},
            "status_names": {k: gettext(v) for k, v in CODE_STATUS_NAMES.items()},
            **context,
        },
        status_code=400 if errors and status_code == 200 else status_code,
        # Always HTML: a handler that may also redirect returns ``Any``, and Litestar would
        # otherwise send the page as that handler's default type, JSON.
        media_type=MediaType.HTML,
    )


async def form_values(request: Request) -> dict[str, str]:
    """The submitted form as plain strings (the CSRF token left out)."""
    form = await request.form()
    return {
        key: value.strip() if key not in {"password", "current_password", "new_password",
                                          "confirm_password"} else value
        for key, value in form.items()
        if isinstance(value, str) and key != "_csrf_token"
    }


def parse_int(value: str, field: str, message: str) -> tuple[int | None, list[FieldProblem]]:
    """An optional whole number: empty gives None; anything else not a number is a problem."""
    if not value:
        return None, []
    try:
        return int(value), []
    except ValueError:
        return None, [FieldProblem(field, message)]


def parse_date(value: str, field: str) -> tuple[dt.date | None, list[FieldProblem]]:
    if not value:
        return None, []
    try:
        return dt.date.fromisoformat(value), []
    except ValueError:
        return None, [FieldProblem(field, N_("Enter a real date, like 2026-03-15."))]


def pupil_url(request: Request, code: str) -> str:
    """The full address of a code's pupil page, as printed and put in its QR code."""
    base = str(request.base_url).rstrip("/")
    if request.app.state.settings.https and base.startswith("http://"):
        base = "https://" + base.removeprefix("http://")
    return f"{base}/s/{code}"
