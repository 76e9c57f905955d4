"""``feelsafe user create`` (password on standard input) and the demo's staff accounts.

The contract is checked through real subprocesses; the refusals run the same click command
in-process (``CliRunner``), which is much quicker than starting Python for each.
"""

from __future__ import annotations

import asyncio
import re

from click.testing import CliRunner

from backend.cli import main
from backend.settings import get_settings
from backend.staff.accounts import SignInRefused, authenticate
from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import School, StaffUser
from tests.conftest import TEST_SECRET, run_feelsafe

PASSWORD = "a long enough password\n"


def _bind(url: str) -> None:
    bind_tables(engine_for(url))


def _create(url: str, *args: str, password: str = PASSWORD):
    return run_feelsafe(url, "user", "create", *args, input=password)


def _create_in_process(url: str, *args: str, password: str = PASSWORD):
    """The same command in this process; ``.returncode``/``.stdout``/``.stderr`` as above."""
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            main, ["user", "create", *args], input=password,
            env={"DATABASE_URL": url, "FEELSAFE_SECRET_KEY": TEST_SECRET},
        )
    finally:
        get_settings.cache_clear()
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    result.returncode = result.exit_code
    return result


def test_user_create_reads_the_password_from_stdin(database_url):
    done = _create(database_url, "--email", "Admin@Partnership.invalid", "--role", "admin")
    assert done.returncode == 0, done.stderr
    assert "admin@partnership.invalid" in done.stdout
    assert "a long enough password" not in done.stdout + done.stderr
    _bind(database_url)
    assert asyncio.run(authenticate("admin@partnership.invalid", "a long enough password"))
    row = asyncio.run(StaffUser.select(StaffUser.role, StaffUser.password_hash).first().run())
    assert row["role"] == "admin" and row["password_hash"].startswith("$argon2id$")


def test_send_lead_needs_an_existing_school(sqlite_url):
    _bind(sqlite_url)
    asyncio.run(School(code="GRNH", name="Greenfield High School", roll=1100).save().run())

    missing = _create_in_process(sqlite_url, "--email", "lead@x.invalid", "--role", "send_lead")
    assert missing.returncode == 1
    assert "school" in missing.stderr and "SEND lead" in missing.stderr

    unknown = _create_in_process(sqlite_url, "--email", "lead@x.invalid", "--role", "send_lead",
                      "--school", "NOPE")
    assert unknown.returncode == 1
    assert "There is no school with code NOPE" in unknown.stderr

    made = _create_in_process(sqlite_url, "--email", "lead@x.invalid", "--role", "send_lead",
                   "--school", "grnh")
    assert made.returncode == 0, made.stderr
    assert "GRNH" in made.stdout

    refused = _create_in_process(sqlite_url, "--email", "rev@x.invalid", "--role", "reviewer",
                      "--school", "GRNH")
    assert refused.returncode == 1
    assert "Only a SEND lead is linked to a school" in refused.stderr


def test_bad_input_exits_1_with_every_problem_and_no_traceback(sqlite_url):
    bad = _create_in_process(
        sqlite_url, "--email", "not-an-email", "--role", "boss", password="short\n"
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert "email: Enter an email address" in bad.stderr
    assert "role: Role must be one of: admin, reviewer, safeguarding_lead, send_lead, " \
           "ambassador" in bad.stderr
    assert "password: Password must be at least 12 characters" in bad.stderr

    empty = _create_in_process(sqlite_url, "--email", "a@b.invalid", "--role", "admin", password="")
    assert empty.returncode == 1
    assert "no password given" in empty.stderr

    first = _create_in_process(sqlite_url, "--email", "a@b.invalid", "--role", "admin")
    assert first.returncode == 0
    again = _create_in_process(sqlite_url, "--email", "A@B.invalid", "--role", "reviewer")
    assert again.returncode == 1
    assert "already an account with this email" in again.stderr
    _bind(sqlite_url)
    assert asyncio.run(StaffUser.count().run()) == 1


def test_demo_creates_one_account_per_role_and_prints_passwords_once(sqlite_url):
    seeded = run_feelsafe(sqlite_url, "demo")
    assert seeded.returncode == 0, seeded.stderr
    accounts = re.findall(r"^\s+(\w+)\s+(\S+@demo\.feelsafe\.invalid)\s+(\S+)$", seeded.stdout,
                          re.MULTILINE)
    assert {role for role, _, _ in accounts} == {
        "admin", "reviewer", "safeguarding_lead", "send_lead", "ambassador"
    }
    _bind(sqlite_url)
    for _, email, password in accounts:
        assert asyncio.run(authenticate(email, password))
    lead = asyncio.run(
        StaffUser.select(StaffUser.school.code.as_alias("school"))
        .where(StaffUser.role == "send_lead").first().run()
    )
    assert lead["school"] == "DEMO"

    again = run_feelsafe(sqlite_url, "demo")
    assert again.returncode == 0
    assert "@demo.feelsafe.invalid" not in again.stdout
    assert all(password not in again.stdout for _, _, password in accounts)
    assert asyncio.run(StaffUser.count().run()) == 5
    try:
        asyncio.run(authenticate(accounts[0][1], "not the password"))
    except SignInRefused:
        pass
    else:
        raise AssertionError("a wrong password must be refused")


def test_user_create_without_a_migrated_database_says_so(tmp_path):
    done = _create(f"sqlite:///{tmp_path / 'empty.sqlite3'}", "--email", "a@b.invalid",
                   "--role", "admin")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "feelsafe migrate" in done.stderr
