# The two commands a newcomer needs are `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-dev lint unit bench lock clean

run: $(VENV)/.base-installed  ## set up, then start the web app on http://127.0.0.1:8000
	$(BIN)/sicoach serve --host 127.0.0.1 --port 8000

test:  ## set up (system packages, venv, PostgreSQL) and run every check and test
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/test.sh

setup: $(VENV)/.base-installed
setup-dev: $(VENV)/.dev-installed

$(VENV)/.base-installed: requirements/base.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -r requirements/base.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -r requirements/dev.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@ $(VENV)/.base-installed

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: setup-dev  ## fast tests only, no system services
	$(BIN)/pytest -m "not slow and not postgres and not browser"

bench: setup-dev
	$(BIN)/python bench/run.py

lock:  ## re-resolve the lock files from pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -c requirements/constraints.txt -o requirements/base.lock pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --extra camera --extra dev -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
