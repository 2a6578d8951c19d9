# slant: `make report` builds the default corpus's HTML report; `make test` runs the tests.
# Both create .venv (python3 -m venv + pip) and install the project when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= corpus/mayadin-2017
NAME = $(notdir $(patsubst %/,%,$(CORPUS)))
OUT ?= reports/$(NAME)
# The local mirror of third-party texts: ../shared/corpora when it exists, else $SLANT_MIRROR, else none.
SHARED_MIRROR := $(wildcard ../shared/corpora)
MIRROR ?= $(if $(SHARED_MIRROR),$(abspath $(SHARED_MIRROR)),$(SLANT_MIRROR))
MIRROR_OPT = $(if $(MIRROR),--mirror $(MIRROR))
PYTEST_ARGS ?=
# pytest-xdist: one worker per core; the tests of a module (or a class) share a worker, so a
# module's fixtures are built once (--dist loadgroup does not group under pytest 9.2 here)
PYTEST_PARALLEL ?= -n auto --dist loadscope
# make mutate: a subset of the core modules (matching voice logodds camp rewrite scores); empty: all
MODULES ?=
MUTMUT := mutmut>=3.8,<3.9

.DEFAULT_GOAL := help
.PHONY: help env test report check bench lint imports format sync mutate clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

env: $(STAMP) ## Create .venv and install slant with its dependencies

test: $(STAMP) ## Run the tests (skips what needs ../shared or Chromium where absent)
	@# pytest exits 5 when it collected no tests: that is a failure (a wrong path, a broken conftest).
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no test ran; check PYTEST_ARGS and tests/" >&2; fi; exit $$status

report: $(STAMP) ## Build the HTML report: make report [CORPUS=corpus/<name>] [OUT=reports/<name>]
	$(BIN)/slant fetch $(CORPUS) $(MIRROR_OPT)
	$(BIN)/slant report $(CORPUS) --out $(OUT) $(MIRROR_OPT)
	@echo "open $(OUT)/index.html"

check: $(STAMP) ## Print the load report of a corpus: make check [CORPUS=...]
	$(BIN)/slant check $(CORPUS) $(MIRROR_OPT)

bench: $(STAMP) ## Print speed and memory figures of loading and reporting
	$(BIN)/python -m slant.bench $(CORPUS) $(MIRROR_OPT)

lint: imports ## ruff check, and the import contracts between stages
	$(BIN)/python -m pip install --quiet ruff && $(BIN)/python -m ruff check lib tests notebooks tools

imports: $(STAMP) ## Check the import contracts between stages (import-linter, pyproject.toml)
	$(BIN)/lint-imports --no-cache

format: $(STAMP) ## ruff format
	$(BIN)/python -m pip install --quiet ruff && $(BIN)/python -m ruff format lib tests notebooks

sync: $(STAMP) ## Pair notebooks/*.py with local .ipynb files (jupytext --sync)
	$(BIN)/jupytext --sync notebooks/*.py

mutate: $(STAMP) ## Mutation testing of the core modules, slow (not in make test): make mutate [MODULES="voice camp"]
	@test -x $(BIN)/mutmut || $(BIN)/python -m pip install --quiet --disable-pip-version-check '$(MUTMUT)'
	$(BIN)/python tools/mutate.py $(MODULES)

clean: ## Remove reports and caches (keeps .venv)
	rm -rf reports .pytest_cache .mutants
	find . -name __pycache__ -prune -exec rm -rf {} +
