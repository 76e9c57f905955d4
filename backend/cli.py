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
@click.option(
    "--analysis-worker/--no-analysis-worker",
    default=True,
    show_default=True,
    help="Also run `feelsafe analyse --follow` beside the web process.",
)
def serve(host: str, port: int, workers: int, analysis_worker: bool) -> None:
    """Serve the web application."""
    import subprocess

    import uvicorn

    worker = (
        subprocess.Popen([sys.executable, "-m", "backend.cli", "analyse", "--follow"])
        if analysis_worker
        else None
    )
    try:
        _serve(uvicorn, host, port, workers)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)


def _serve(uvicorn, host: str, port: int, workers: int) -> None:
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


@main.command()
@click.option("--year", type=int, help="Re-run the analysis for this edition's answers.")
@click.option("--all", "everything", is_flag=True, help="Re-run even answers already analysed "
              "with the current codebook.")
@click.option("--follow", is_flag=True, help="Keep analysing new answers as they arrive.")
def analyse(year: int | None, everything: bool, follow: bool) -> None:
    """Run the free-text analysis (themes, sentiment, concerns) over stored answers."""
    from analysis.codebook import DEFAULT_CODEBOOK_PATH
    from backend.settings import get_settings
    from backend.storage.engine import bind_tables, engine_for
    from backend.text_analysis import runner

    codebook = _codebook_or_exit()
    bind_tables(engine_for(get_settings().database_url))
    if follow:
        if hasattr(os, "nice"):
            os.nice(10)  # submissions first: analysis only uses what the web process leaves
        asyncio.run(runner.follow(DEFAULT_CODEBOOK_PATH, codebook))
        return
    if year is None:
        done = asyncio.run(runner.analyse_pending(codebook, limit=10**9))
        click.echo(f"Analysed {done} answers with codebook {codebook.version}.")
        return

    async def run() -> int:
        with click.progressbar(length=0, label=f"Analysing {year}", file=sys.stderr) as bar:
            def advance(n: int) -> None:
                bar.update(n)

            return await runner.reanalyse_edition(
                year, codebook, everything=everything, progress=advance
            )

    try:
        done = asyncio.run(run())
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Analysed {done} answers of {year} with codebook {codebook.version}.")


_FILE = click.Path(dir_okay=False, path_type=Path)


@main.command("analyse-text")
@click.option("--input", "input_path", required=True, type=_FILE)
@click.option("--output", "output_path", required=True, type=_FILE)
def analyse_text_command(input_path: Path, output_path: Path) -> None:
    """Redact and analyse JSONL lines {"id", "text", "lang"} into the contract's output lines."""
    import msgspec

    from analysis.pipeline import analyse_text, to_contract_dict
    from backend.i18n import LANGUAGES

    codebook = _codebook_or_exit()
    items, problems = [], []
    try:
        lines = input_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{input_path}: cannot be read ({exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = msgspec.json.decode(line)
        except msgspec.DecodeError as exc:
            problems.append(f"{input_path}:{number}: not valid JSON ({exc})")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            problems.append(f"{input_path}:{number}: needs an object with a text string")
            continue
        if item.get("lang", "en") not in LANGUAGES:
            problems.append(f"{input_path}:{number}: lang must be one of {', '.join(LANGUAGES)}")
            continue
        items.append(item)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        sys.exit(1)
    with output_path.open("wb") as out:
        for item in items:
            result = analyse_text(item["text"], item.get("lang", "en"), codebook)
            out.write(msgspec.json.encode(to_contract_dict(item.get("id"), result)) + b"\n")
    click.echo(f"Analysed {len(items)} texts into {output_path}.")


def _codebook_or_exit():
    from analysis.codebook import CodebookError, load_codebook

    try:
        return load_codebook()
    except CodebookError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
