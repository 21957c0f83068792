# rootfit — every target creates the virtualenv it needs; only Python 3.11 is required.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ROOT_VENV ?= .venv-root
BUILD  ?= build

.PHONY: run test test-slow lint format bench bench-data docs tutorials references clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[io,dev]'
	touch $(STAMP)

## run: the main job — make a demo hsimple.root, fit hpx with gaus, print and plot
run: $(STAMP)
	mkdir -p $(BUILD)
	$(BIN)/rootfit demo --out $(BUILD)/hsimple.root
	$(BIN)/rootfit fit $(BUILD)/hsimple.root:hpx gaus --plot $(BUILD)/hpx_fit.png

## test: the test suite (slow toy studies excluded; see test-slow)
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

lint: $(STAMP)
	$(BIN)/ruff check rootfit tests bench tutorials
	$(BIN)/ruff format --check rootfit tests bench tutorials
	$(BIN)/mypy rootfit

format: $(STAMP)
	$(BIN)/ruff format rootfit tests bench tutorials
	$(BIN)/ruff check --fix rootfit tests bench tutorials

bench-data: $(STAMP)
	$(BIN)/python ../shared/bench/gen_data.py --out bench/data

## bench: rootfit against the installed peers (iminuit, scipy, and ROOT from $(ROOT_VENV))
bench: bench-data
	$(BIN)/python bench/run.py --data bench/data --root-python $(ROOT_VENV)/bin/python --save

## tutorials: run every tutorial (figures in tutorials/output/)
tutorials: $(STAMP)
	@for t in tutorials/*.py; do echo "== $$t"; MPLBACKEND=Agg $(BIN)/python $$t || exit 1; done

docs: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	$(BIN)/python -m sphinx -E -W -q -b html docs $(BUILD)/docs

## references: regenerate tests/reference/*.json with ROOT 6.40 (own virtualenv, ~250 MB)
$(ROOT_VENV)/bin/python:
	$(PYTHON) -m venv $(ROOT_VENV)
	$(ROOT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ROOT_VENV)/bin/python -m pip install --quiet root numpy

references: $(ROOT_VENV)/bin/python
	$(ROOT_VENV)/bin/python tests/reference/generate_root_references.py
	$(ROOT_VENV)/bin/python tests/reference/generate_engine_references.py
	$(ROOT_VENV)/bin/python tests/reference/generate_tutorial_references.py
	$(ROOT_VENV)/bin/python tests/reference/generate_batch_references.py
	$(ROOT_VENV)/bin/python tests/reference/generate_macro_references.py --root-python $(ROOT_VENV)/bin/python

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache bench/data
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
