# Two commands do everything:  make site   and   make test
# Setup is automatic: the first target that needs Python creates .venv/ and
# installs the locked versions (requirements.lock) and the project; later runs
# skip it until the lock changes. After editing the dependencies in
# pyproject.toml:  make lock  (new pins, the others kept);  make upgrade  moves
# every package to its newest version on purpose.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
JOBS   ?=

.DEFAULT_GOAL := help
.PHONY: help setup lock upgrade build site test bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# The lock covers every platform and Python >= 3.11 (--universal), with the hashes of every file.
LOCK_CMD = $(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 -o requirements.lock

$(STAMP): requirements.lock pyproject.toml tools/setup.sh
	@PYTHON=$(PYTHON) sh tools/setup.sh $(VENV)
	@touch $(STAMP)

setup: $(STAMP) ## create .venv/ and install the locked dependencies and the project (idempotent)

lock: ## update requirements.lock after pyproject.toml changed (keeps the other pins)
	@test -x $(VENV)/bin/uv || PYTHON=$(PYTHON) sh tools/setup.sh $(VENV)
	$(LOCK_CMD)

upgrade: ## move every locked package to its newest version (then: make setup, make test)
	@test -x $(VENV)/bin/uv || PYTHON=$(PYTHON) sh tools/setup.sh $(VENV)
	$(LOCK_CMD) --upgrade

build: $(STAMP) ## build data/processed/ from data/raw/
	$(PY) -m analysis build --raw data/raw --out data/processed $(if $(JOBS),--jobs $(JOBS))

site: build ## build the data, then render the site into reports/site/
	$(PY) -m analysis site --data data/processed --out reports/site

test: $(STAMP) ## run the test suite
	$(PY) -m pytest

bench: $(STAMP) ## print benchmark figures: tokenizer MB/s; 1k/10k/100k synthetic and 20k/100k real-based reports: floor, memory, add-one rebuild, disk, site (about an hour)
	$(PY) benchmarks/bench.py

clean: ## remove built outputs (not the raw data, not .venv)
	rm -rf data/processed/*.parquet data/processed/*.csv reports/site
