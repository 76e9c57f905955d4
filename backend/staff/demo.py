"""Demo staff accounts: one per role, with random passwords printed once by ``feelsafe demo``."""

from __future__ import annotations

from backend.staff.accounts import ROLES, SCHOOL_ROLES, create_user, new_password

__all__ = ["DEMO_STAFF_DOMAIN", "seed_demo_staff"]

DEMO_STAFF_DOMAIN = "demo.feelsafe.invalid"
"""``.invalid`` can never be a real address, so no demo email reaches anyone."""


async def seed_demo_staff(school_code: str = "DEMO") -> str:
    """Create one account per role (the SEND lead for ``school_code``); report the passwords.

    The passwords are stored only as Argon2 hashes, so this report is the one
    chance to read them.
    """
    lines = ["Staff accounts (passwords are shown only now; sign in at /staff/sign-in):"]
    for role in ROLES:
        email = f"{role.replace('_', '-')}@{DEMO_STAFF_DOMAIN}"
        password = new_password()
        await create_user(email, password, role, school_code if role in SCHOOL_ROLES else None)
        lines.append(f"  {role:<18} {email:<40} {password}")
    return "\n".join(lines)
