"""``feelsafe user create``: the work behind the command, kept out of the click wiring."""

from __future__ import annotations

from backend.settings import get_settings
from backend.staff.accounts import create_user
from backend.staff.problems import InputProblems
from backend.storage.engine import bind_tables, engine_for

__all__ = ["create_user_from_cli"]


async def create_user_from_cli(
    email: str, role: str, school: str | None, password: str
) -> tuple[bool, str]:
    """Create the account; return (ok, a message for the terminal). Never raises on bad input."""
    bind_tables(engine_for(get_settings().database_url))
    if not password:
        return False, "error: no password given: send it on standard input."
    try:
        user_id = await create_user(email, password, role, school)
    except InputProblems as exc:
        return False, "\n".join(f"error: {p.field}: {p.text()}" for p in exc.problems)
    except Exception as exc:  # the database is missing, unmigrated or unreachable
        return False, (
            f"error: the account could not be stored ({type(exc).__name__}). "
            "Check DATABASE_URL and run `feelsafe migrate` first."
        )
    where = f" for school {school.upper()}" if school else ""
    return True, f"Created {role} account {email.strip().lower()}{where} (id {user_id})."
