# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DEMO   ?= demo-output

.PHONY: demo test check lint bench notebook clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-notebook: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[notebook]'
	touch $(VENV)/.installed $@

## make demo: install, then write the full report on the bundled Shen County plan into demo-output/
demo: $(VENV)/.installed
	$(BIN)/taskgraph report data/shenxian-2024-task-allocation.txt -o $(DEMO)
	@echo "Open $(DEMO)/index.html in a browser."

## make test: install with the test extras, then run the whole suite
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## make check: the fast tier (parser, model, queries, CLI on small inputs), well under a minute
check: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow and not browser and not server" -q -x -n 2 --dist loadfile

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

## make notebook: install Jupyter and open the walkthrough (notebooks/walkthrough.ipynb)
notebook: $(VENV)/.installed-notebook
	cd notebooks && ../$(BIN)/jupyter lab walkthrough.ipynb

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(DEMO)
