# feelsafe: `make run` serves the survey, `make test` runs the whole suite.
# Both work from a fresh clone: they create .venv and install what is needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export PICCOLO_CONF := backend.piccolo_conf

LANGS := ta ur pl pt ar
POT := locales/messages.pot
PO_FILES := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test install system-deps lint migrate bench clean extract update compile translations-report fonts

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	# scrubadub (benchmark baseline only) pins an old TextBlob; its own deps come from [bench].
	$(BIN)/pip install --quiet --no-deps 'scrubadub==2.0.1'
	touch $(STAMP)

install: $(STAMP) compile

# Translations (one domain, `messages`): extract -> update -> translate -> compile.
# Compiled .mo files are build products (gitignored), rebuilt whenever a .po changes.
extract: $(STAMP)
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k N_ -c Translators: --no-wrap \
		--project=feelsafe --version=$$(date +%Y) --msgid-bugs-address=translations@feelsafe.invalid \
		--copyright-holder="feelsafe contributors" -o $(POT) .

update: extract
	@for lang in $(LANGS); do \
		if [ -f locales/$$lang/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel update --no-wrap -i $(POT) -d locales -D messages -l $$lang; \
		else \
			$(BIN)/pybabel init --no-wrap -i $(POT) -d locales -D messages -l $$lang; \
		fi; \
	done

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile -d locales -D messages -l $*

compile: $(MO_FILES)

translations-report: $(STAMP)
	$(BIN)/feelsafe translations report

# Web-font subsets (WOFF2, committed) for the characters the catalogs use; rerun after translating.
fonts: $(STAMP)
	$(BIN)/feelsafe translations fonts

# Debian packages the browser and PDF tests need (installed once, as root, when missing).
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium chromium-driver fonts-noto-core poppler-utils wrk >/dev/null; \
		else echo "Please install: chromium chromium-driver fonts-noto-core poppler-utils wrk"; exit 1; fi; \
	fi

var/.demo-seeded: $(STAMP)
	mkdir -p var
	$(BIN)/feelsafe demo
	touch var/.demo-seeded

run: $(STAMP) compile var/.demo-seeded
	$(BIN)/feelsafe migrate
	$(BIN)/feelsafe serve --host $(HOST) --port $(PORT)

migrate: $(STAMP)
	$(BIN)/feelsafe migrate

test: $(STAMP) compile system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP) system-deps
	$(BIN)/python bench/bench_submissions.py
	$(BIN)/python bench/bench_load.py

clean:
	rm -rf $(VENV) var
