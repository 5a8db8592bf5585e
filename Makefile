# Two commands on a fresh machine with Python 3.11:
#   make demo   -> creates .venv, installs the package, writes figures + report from the bundled data to out/
#   make test   -> creates .venv, installs the test extras, runs the whole test suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= out

.PHONY: demo test lint docs venv install install-test install-docs benchmark validate clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 not found as '$(PYTHON)'; run: make PYTHON=python3 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,interactive,docs]"

install-docs: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs]"

demo: install
	$(BIN)/paradiplo-net figures --dataset core --out $(OUT)

test: install-test lint
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 -q

lint: install-test
	$(BIN)/ruff check paradiplo_net tests scripts
	$(BIN)/mypy

docs: install-docs
	MPLBACKEND=Agg $(BIN)/python -m sphinx -W --keep-going -b html docs docs/_build/html
	@echo "open docs/_build/html/index.html"

benchmark: install
	$(BIN)/python scripts/benchmark.py

validate: install
	$(BIN)/python scripts/validate_core.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache docs/_build docs/api docs/auto_examples docs/notebooks docs/guide/_cli_help.txt
