# Two commands: `make run` serves the bundled data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-lowest test-newest install install-test lint contracts lock bench clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.txt pins the runtime dependencies (the Dockerfile installs the same file);
# constraints.txt pins everything, test tools included.
install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt -e '.[test]'

run: install
	$(BIN)/lnst-api serve --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check app tests bench tools
	$(BIN)/ruff format --check app tests bench tools
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# The edit-test loop against other versions than the lock, each in a venv of its own made anew: every runtime
# dependency at the lowest version pyproject.toml allows (tools/bounds.py; test tools stay locked), and everything
# at the newest in the registry. Then a real server on those versions (tests/test_dependency_bounds.py's process
# tests), since the fast loop starts none. CI runs both after `make test`, so a bound that is not true fails.
# pytest's every non-zero exit fails the target, 5 (no test ran) included. The lock-equals-install check is
# left out: these installs differ from the lock on purpose. So is the search evaluation (about 60,000 questions, some
# six minutes a run): its gates are on the ranker, not on a dependency's version, and `make test` runs them.
FAST_LOOP := -m "not slow" -q -p no:cacheprovider \
	--deselect tests/test_supply_chain.py::test_every_runtime_dependency_is_pinned_at_the_installed_version
SERVED := -m process -q -p no:cacheprovider tests/test_dependency_bounds.py

test-lowest:
	rm -rf .venv-lowest
	$(PYTHON) -m venv .venv-lowest
	.venv-lowest/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) -m tools.bounds > .venv-lowest/constraints.txt
	.venv-lowest/bin/pip install --quiet -c .venv-lowest/constraints.txt -e '.[test]'
	.venv-lowest/bin/pip list --format=freeze > .venv-lowest/installed.txt
	.venv-lowest/bin/python -m tools.bounds --installed .venv-lowest/installed.txt --lowest
	.venv-lowest/bin/pytest $(FAST_LOOP)
	.venv-lowest/bin/pytest $(SERVED)

test-newest:
	rm -rf .venv-newest
	$(PYTHON) -m venv .venv-newest
	.venv-newest/bin/python -m pip install --quiet --upgrade pip
	.venv-newest/bin/pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	.venv-newest/bin/pip list --format=freeze > .venv-newest/installed.txt
	.venv-newest/bin/python -m tools.bounds --installed .venv-newest/installed.txt
	.venv-newest/bin/pytest $(FAST_LOOP)
	.venv-newest/bin/pytest $(SERVED)

# Regenerate the published contracts after changing the API, the schemas or the data.
contracts: install-test
	$(BIN)/lnst-api openapi --output openapi.json
	$(BIN)/lnst-api schema --output data/lnst.schema.json
	npm ci --no-audit --no-fund --silent
	npm run --silent types

# Re-pin after changing dependencies in pyproject.toml (needs the registry).
lock: $(BIN)/python
	$(BIN)/pip install --quiet --upgrade -e '.[test]'
	$(BIN)/pip freeze --exclude-editable | grep -v '^lnst-api' | sort -f > constraints.txt
	$(BIN)/python -m tools.lock

clean:
	rm -rf $(VENV) .venv-lowest .venv-newest .pytest_cache .mypy_cache .ruff_cache build dist

# Run every example in README.md, CONTRIBUTING.md and docs/*.md against a started server and write what each printed
# under it; regenerate the configuration table and the README's counts (tools/docs.py; the tests check both).
docs: install-test
	$(BIN)/python -m tools.docs
