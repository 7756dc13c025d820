# Fresh clone: `make run` sets up and opens the reader; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench stress clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsreader

test: $(STAMP)
	$(VENV)/bin/ruff check newsreader tests bench scripts
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check newsreader tests bench scripts

bench: $(STAMP)
	$(PY) -m bench

stress: $(STAMP)
	$(PY) scripts/stress.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
