# feelsafe: `make run` serves the survey, `make test` runs the whole suite.
# Both work from a fresh clone: they create .venv and install what is needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export PICCOLO_CONF := backend.piccolo_conf

.PHONY: run test install system-deps lint migrate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# scrubadub (benchmark baseline only) pins an old TextBlob; its own deps come from [dev].
	$(BIN)/pip install --quiet --no-deps 'scrubadub==2.0.1'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the browser and PDF tests need (installed once, as root, when missing).
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium chromium-driver fonts-noto-core poppler-utils >/dev/null; \
		else echo "Please install: chromium chromium-driver fonts-noto-core poppler-utils"; exit 1; fi; \
	fi

var/.demo-seeded: $(STAMP)
	mkdir -p var
	$(BIN)/feelsafe demo
	touch var/.demo-seeded

run: $(STAMP) var/.demo-seeded
	$(BIN)/feelsafe migrate
	$(BIN)/feelsafe serve --host $(HOST) --port $(PORT)

migrate: $(STAMP)
	$(BIN)/feelsafe migrate

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python bench/bench_submissions.py

clean:
	rm -rf $(VENV) var
