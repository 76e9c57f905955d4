"""The ``feelsafe`` command line (contracts in DESIGN.md)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import click

__all__ = ["main"]

# Uvicorn's access log without the client address (pupils' IPs are never logged), and
# without query strings or the text typed as an access code (backend.web.access_log).
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"privacy": {"()": "backend.web.access_log.AccessLogPrivacyFilter"}},
    "formatters": {
        "default": {"()": "uvicorn.logging.DefaultFormatter", "fmt": "%(levelprefix)s %(message)s"},
        "access": {"()": "backend.web.access_log.AccessFormatter"},
    },
    "handlers": {
        "default": {"formatter": "default", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
        "access": {"formatter": "access", "class": "logging.StreamHandler",
                   "stream": "ext://sys.stdout", "filters": ["privacy"]},
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
        subprocess.Popen(
            [sys.executable, "-m", "backend.cli", "analyse", "--follow", f"--parent={os.getpid()}"]
        )
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
    from backend.settings import get_settings

    settings = get_settings()
    if workers > 1 and not settings.redis_url:
        click.echo(
            "note: rate limits are counted per worker process; set FEELSAFE_REDIS_URL to "
            "share them.",
            err=True,
        )
    trusted = settings.forwarded_allow_ips
    uvicorn.run(
        "backend.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=LOG_CONFIG,
        # The client address is used only for rate limits (hashed, in memory); behind a
        # proxy it comes from X-Forwarded-For, trusted only from FEELSAFE_FORWARDED_ALLOW_IPS.
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
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


@main.command()
@click.option(
    "--older-than-years",
    "years",
    type=click.IntRange(min=1),
    help="Delete editions opened more than this many years ago (default: "
    "FEELSAFE_RETENTION_YEARS).",
)
@click.option("--dry-run", is_flag=True, help="Only say what would be deleted.")
def retention(years: int | None, dry_run: bool) -> None:
    """Delete old editions with all their responses, answers, free text and analysis."""
    from backend.retention import delete_editions_older_than, editions_older_than
    from backend.settings import get_settings
    from backend.storage.engine import bind_tables, engine_for

    settings = get_settings()
    years = years or settings.retention_years
    if not years:
        raise click.UsageError("give --older-than-years N or set FEELSAFE_RETENTION_YEARS")
    bind_tables(engine_for(settings.database_url))
    if dry_run:
        old = asyncio.run(editions_older_than(years))
        for edition in old:
            click.echo(f"would delete edition {edition['year']} (opened {edition['opened_on']})")
        click.echo(f"{len(old)} edition(s) older than {years} years.")
        return
    report = asyncio.run(delete_editions_older_than(years))
    for line in report.lines():
        click.echo(line)


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


@main.command()
@click.option("--year", type=int, help="Re-run the analysis for this edition's answers.")
@click.option("--all", "everything", is_flag=True, help="Re-run even answers already analysed "
              "with the current codebook.")
@click.option("--follow", is_flag=True, help="Keep analysing new answers as they arrive.")
@click.option("--parent", type=int, hidden=True, help="Stop following when this process ends.")
def analyse(year: int | None, everything: bool, follow: bool, parent: int | None) -> None:
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
        asyncio.run(runner.follow(DEFAULT_CODEBOOK_PATH, codebook, parent_pid=parent))
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


@main.command("export")
@click.option("--year", required=True, type=int, help="The edition to export.")
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write into.")
def export_command(year: int, out_dir: Path) -> None:
    """Write an edition's aggregate tables, anonymised responses and data dictionary."""
    from backend.exports import export_edition
    from backend.findings import FindingsError

    try:
        report = _run_db(lambda s: export_edition(year, out_dir, min_size=s.min_group_size))
    except FindingsError as exc:
        click.echo(f"Cannot export: {exc}.", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Cannot write to {out_dir}: {exc.strerror or exc}.", err=True)
        sys.exit(1)
    click.echo(f"{report}\nFolder: {out_dir}")


@main.group()
def pack() -> None:
    """Workshop packs and the Safeguarding Ambassador toolkit."""


def _run_db(make):
    """Run ``make(settings)`` (a coroutine) against the configured database.

    Commands open no connection pool, so there is none to close: Piccolo opens a
    connection per query outside the web process.
    """
    from backend.settings import get_settings
    from backend.storage.engine import bind_tables, engine_for

    settings = get_settings()
    bind_tables(engine_for(settings.database_url))
    return asyncio.run(make(settings))


def _step(label: str):
    """A progress line on stderr for each step of a long build."""
    count = [0]

    def advance(name: str) -> None:
        count[0] += 1
        click.echo(f"  [{count[0]}] {label}: {name}", err=True)

    return advance


@pack.command("workshop")
@click.option("--year", required=True, type=int, help="The edition.")
@click.option("--theme", required=True, help="Theme id, e.g. general_safety.")
@click.option("--school", "school_code", default=None, help="One school's code (above the "
              "threshold only); the whole borough without it.")
@click.option("--out", required=True, type=_FILE, help="The PDF to write.")
@click.option("--pptx", "pptx_out", default=None, type=_FILE,
              help="The slide deck to write (default: beside the PDF, .pptx).")
def pack_workshop(year: int, theme: str, school_code: str | None, out: Path,
                  pptx_out: Path | None) -> None:
    """Build one theme's workshop pack: a PDF and an editable slide deck."""
    from backend.packs import PackError, PackRefused, build_workshop_files, workshop_input

    pptx_out = pptx_out or out.with_suffix(".pptx")
    try:
        data = _run_db(lambda s: workshop_input(year, theme, school_code, s,
                                                progress=_step("findings")))
    except PackRefused as exc:
        click.echo(f"Refused: {exc}", err=True)
        sys.exit(1)
    except PackError as exc:
        click.echo(f"Cannot build the pack: {exc}.", err=True)
        sys.exit(1)
    click.echo("  building PDF and slides...", err=True)
    try:
        built = build_workshop_files(data, out, pptx_out, school_code)
    except OSError as exc:
        click.echo(f"Cannot write {out}: {exc.strerror or exc}.", err=True)
        sys.exit(1)
    note = " (unchanged findings: from the cache)" if built.cached else ""
    click.echo(f"Wrote {out} and {pptx_out}{note}.")


@pack.command("toolkit")
@click.option("--year", required=True, type=int, help="The edition.")
@click.option("--lang", required=True, help="en, ta, ur, pl, pt or ar.")
@click.option("--out", required=True, type=_FILE, help="The zip to write.")
def pack_toolkit(year: int, lang: str, out: Path) -> None:
    """Build the Safeguarding Ambassador toolkit in one language (a zip of PDFs and slides)."""
    from backend.packs import build_toolkit_file, toolkit_input

    _build_file(
        out,
        lambda s: toolkit_input(year, lang, s, progress=_step("findings")),
        lambda data, out: build_toolkit_file(data, out, progress=_step("toolkit")),
        what="toolkit",
        unchanged="unchanged findings",
    )


@pack.command("letter")
@click.option("--year", required=True, type=int, help="The edition.")
@click.option("--school", "school_code", required=True, help="The school's code.")
@click.option("--lang", required=True, help="en, ta, ur, pl, pt or ar.")
@click.option("--out", required=True, type=_FILE, help="The PDF to write.")
def pack_letter(year: int, school_code: str, lang: str, out: Path) -> None:
    """Build one school's letter to parents and carers, with its opt-out slip (PDF)."""
    from backend.packs.letters import build_letter_file, letter_input

    _build_file(out, lambda s: letter_input(year, school_code, lang, s), build_letter_file)


@pack.command("assent")
@click.option("--year", required=True, type=int, help="The edition.")
@click.option("--lang", required=True, help="en, ta, ur, pl, pt or ar.")
@click.option("--out", required=True, type=_FILE, help="The PDF to write.")
def pack_assent(year: int, lang: str, out: Path) -> None:
    """Build the pupil assent text: what pupils are told before they start (PDF)."""
    from backend.packs.letters import assent_input, build_assent_file

    _build_file(out, lambda s: assent_input(year, lang, s), build_assent_file)


def _build_file(out: Path, gather, build, *, what: str = "document",
                unchanged: str = "unchanged") -> None:
    """Gather a document's data from the database, build it into ``out``, say what happened."""
    from analysis.documents.fonts import MissingFontError
    from backend.packs import PackError

    try:
        data = _run_db(gather)
        built = build(data, out)
    except (PackError, MissingFontError) as exc:
        click.echo(f"Cannot build the {what}: {exc}.", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Cannot write {out}: {exc.strerror or exc}.", err=True)
        sys.exit(1)
    note = f" ({unchanged}: from the cache)" if built.cached else ""
    click.echo(f"Wrote {out}{note}.")


def _codebook_or_exit():
    from analysis.codebook import CodebookError, load_codebook

    try:
        return load_codebook()
    except CodebookError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


@main.group()
def translations() -> None:
    """Gettext catalogs: report how complete they are, compile them."""


@translations.command("report")
@click.option("--strict", is_flag=True, help="Exit 1 when any string is missing, fuzzy or "
              "has lost a placeholder.")
def translations_report(strict: bool) -> None:
    """Per language: strings translated, fuzzy, missing, and drafts awaiting review."""
    from backend.i18n import LANGUAGES
    from backend.i18n.catalogs import extract_catalog, status

    template = extract_catalog()
    click.echo(f"{'language':<14}{'total':>7}{'translated':>12}{'fuzzy':>7}{'missing':>9}"
               f"{'drafts':>8}")
    failed = False
    for lang in (code for code in LANGUAGES if code != "en"):
        s = status(lang, template)
        click.echo(f"{lang + ' ' + LANGUAGES[lang].english_name:<14}{s.total:>7}"
                   f"{s.translated:>12}{s.fuzzy:>7}{s.missing:>9}{s.drafts:>8}")
        for label, ids in (("missing", s.missing_ids), ("fuzzy", s.fuzzy_ids),
                           ("lost a placeholder", s.broken_placeholders)):
            for msgid in ids[:5]:
                click.echo(f"    {label}: {msgid[:70]!r}")
            if len(ids) > 5:
                click.echo(f"    ... and {len(ids) - 5} more {label}")
        failed |= bool(s.missing or s.fuzzy or s.broken_placeholders)
    click.echo("Drafts are marked '# draft: awaiting native-speaker review' in the .po files.")
    if strict and failed:
        sys.exit(1)


@translations.command("compile")
def translations_compile() -> None:
    """Write messages.mo beside every messages.po (as `make compile` does)."""
    from backend.i18n.catalogs import compile_catalogs

    for path in compile_catalogs():
        click.echo(f"compiled {path}")



@translations.command("fonts")
def translations_fonts() -> None:
    """Rebuild the WOFF2 web-font subsets and fonts.css from the catalogs (needs fonttools)."""
    from backend.i18n.fonts import build_web_fonts

    for path in build_web_fonts():
        click.echo(f"wrote {path} ({path.stat().st_size // 1024} KiB)")

if __name__ == "__main__":  # pragma: no cover
    main()
