# Bluebridge developer commands. Everything runs inside ./.venv (created on demand).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DATA_DIR ?= var
PYTEST_ARGS ?=

.PHONY: help install install-dev demo test lint typecheck check serve worker bench clean

help:
	@echo "make demo     - create .venv, install, migrate SQLite, load the demo city, serve http://$(HOST):$(PORT)"
	@echo "make test     - create .venv with dev dependencies and run the whole suite"
	@echo "make install  - only create the environment (.venv)"
	@echo "make check    - ruff (lint + format check) and mypy"
	@echo "make bench    - Open311 load benchmark against local PostgreSQL, writes docs/benchmarks.md"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# EMBEDDINGS=0 leaves out torch and the sentence-embedding model (the TF-IDF engines are used).
EMBEDDINGS ?= 1
ifeq ($(EMBEDDINGS),1)
EXTRAS := embeddings
else
EXTRAS :=
endif

$(VENV)/.installed: $(BIN)/python pyproject.toml
	@if [ "$(EMBEDDINGS)" = "1" ]; then $(BIN)/pip install --quiet torch==2.13.0; fi
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]"
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev,$(EXTRAS)]"
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/bluebridge demo --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR)

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy src

check: lint typecheck

# Needs PostgreSQL on 127.0.0.1 (role bluebridge/bluebridge with CREATEDB; BENCH_PG_URL to change)
# and wrk (apt-get install wrk). Not part of `make test`.
bench: install
	$(BIN)/python -m benchmarks.servicedesk_load $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
