"""The ``feelsafe`` command line (contracts in DESIGN.md)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import click

__all__ = ["main"]

# Uvicorn's access log without the client address: pupils' IPs are never logged.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "default": {"()": "uvicorn.logging.DefaultFormatter", "fmt": "%(levelprefix)s %(message)s"},
        "access": {
            "()": "uvicorn.logging.AccessFormatter",
            "fmt": '%(levelprefix)s "%(request_line)s" %(status_code)s',
        },
    },
    "handlers": {
        "default": {"formatter": "default", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
        "access": {"formatter": "access", "class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
    },
    "loggers": {
        "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "feelsafe": {"handlers": ["default"], "level": "INFO", "propagate": False},
    },
}


@click.group()
def main() -> None:
    """feelsafe: the feeling-safe survey service."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web application."""
    import uvicorn

    uvicorn.run(
        "backend.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=LOG_CONFIG,
        proxy_headers=False,
        server_header=False,
        date_header=False,
    )


@main.command()
def migrate() -> None:
    """Create or update the database tables."""
    _run_migrations()
    click.echo("Database is up to date.")


def _run_migrations() -> None:
    os.environ["PICCOLO_CONF"] = "backend.piccolo_conf"
    from piccolo.apps.migrations.commands.forwards import run_forwards

    result = asyncio.run(run_forwards(app_name="all"))
    if not result.success:
        raise click.ClickException(f"migration failed: {result.message}")


@main.command()
def demo() -> None:
    """Seed edition 2026, demo schools, the DEMO26 code and ~700 synthetic responses (once)."""
    from backend.demo import seed_demo

    _run_migrations()
    report = asyncio.run(seed_demo())
    click.echo(report)


@main.group()
def user() -> None:
    """Staff accounts."""


@user.command("create")
@click.option("--email", required=True, help="The person's work email (their sign-in name).")
@click.option(
    "--role",
    required=True,
    help="admin, reviewer, safeguarding_lead, send_lead or ambassador.",
)
@click.option("--school", default=None, help="School code; required for send_lead only.")
def user_create(email: str, role: str, school: str | None) -> None:
    """Create a staff account; the password is read from standard input (first line)."""
    from backend.staff.cli import create_user_from_cli

    password = sys.stdin.readline().rstrip("\r\n")
    ok, message = asyncio.run(create_user_from_cli(email, role, school, password))
    click.echo(message, err=not ok)
    if not ok:
        sys.exit(1)


@main.group()
def survey() -> None:
    """Survey definition files."""


@survey.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def survey_validate(file: Path) -> None:
    """Check a definition file; print every problem with its location."""
    from backend.surveys import DefinitionError, load_survey

    try:
        loaded = load_survey(file)
    except DefinitionError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(f"{file}: valid ({len(loaded.questions)} questions, edition {loaded.year}).")


if __name__ == "__main__":  # pragma: no cover
    main()
