# feelsafe: `make run` serves the survey, `make test` runs the whole suite.
# Both work from a fresh clone: they create .venv and install what is needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export PICCOLO_CONF := backend.piccolo_conf

.PHONY: run test install lint migrate demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# scrubadub (benchmark baseline only) pins an old TextBlob; its own deps come from [dev].
	$(BIN)/pip install --quiet --no-deps 'scrubadub==2.0.1'
	touch $(STAMP)

install: $(STAMP)

var/.demo-seeded: $(STAMP)
	mkdir -p var
	$(BIN)/feelsafe demo
	touch var/.demo-seeded

run: $(STAMP) var/.demo-seeded
	$(BIN)/feelsafe migrate
	$(BIN)/feelsafe serve --host $(HOST) --port $(PORT)

migrate: $(STAMP)
	$(BIN)/feelsafe migrate

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python bench/bench_submissions.py

clean:
	rm -rf $(VENV) var
