"""Rendering pupil pages: our template gettext beside Jinja's stock newstyle one, same run.

Every pupil page makes dozens of ``_()`` calls. ``backend.web.templating`` looks each
string up once per language and calls it directly; the baseline is the same environment
with Jinja's own i18n callables (``install_gettext_callables(newstyle=True)`` around a
plain context-aware gettext, and ``_`` through the extension's alias), which is what
the templates used before. Both must render the same bytes. Prints the median time per
render over interleaved rounds, and the ratio.

    PYTHONPATH=. python bench/bench_templates.py [--rounds 9] [--renders 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import types
from pathlib import Path

from jinja2 import pass_context
from jinja2.ext import _gettext_alias

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.i18n import translations
from backend.web import templating


@pass_context
def _stock_gettext(context, message, **variables):
    return translations(templating._lang(context)).gettext(message)


@pass_context
def _stock_ngettext(context, singular, plural, n, **variables):
    return translations(templating._lang(context)).ngettext(singular, plural, n)


def stock_environment():
    env = templating.make_environment(auto_reload=False)
    env.install_gettext_callables(gettext=_stock_gettext, ngettext=_stock_ngettext, newstyle=True)
    env.globals["_"] = _gettext_alias
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--renders", type=int, default=300)
    opts = parser.parse_args()
    ours, stock = templating.make_environment(auto_reload=False), stock_environment()
    for name in ("pupil/home.html", "pupil/start.html"):
        for lang in ("en", "ur"):
            request = types.SimpleNamespace(
                state=types.SimpleNamespace(lang=lang), url=types.SimpleNamespace(path="/s/DEMO26")
            )
            context = dict(
                request=request, display=[], display_code="", lang=lang, dir="ltr", title="t",
                languages=[], help_contacts=[], exit_url="/exit", code="DEMO26", error="",
                variant="standard", resume_url=None, csrf_input="", csrf_token="x",
            )
            templates = {"stock": stock.get_template(name), "ours": ours.get_template(name)}
            assert templates["stock"].render(**context) == templates["ours"].render(**context)
            times: dict[str, list[float]] = {"stock": [], "ours": []}
            for _ in range(opts.rounds):
                for label, template in templates.items():
                    started = time.perf_counter()
                    for _ in range(opts.renders):
                        template.render(**context)
                    times[label].append((time.perf_counter() - started) / opts.renders * 1e6)
            before, after = statistics.median(times["stock"]), statistics.median(times["ours"])
            print(
                f"{name} [{lang}]: Jinja stock gettext {before:.0f} us, ours {after:.0f} us "
                f"per render; {before / after:.2f}x"
            )


if __name__ == "__main__":
    main()
