# Two commands do everything:  make site   and   make test
# Setup is automatic: the first target that needs Python creates .venv/ and
# installs the project; later runs skip it until pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
JOBS   ?=

.DEFAULT_GOAL := help
.PHONY: help setup build site test bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml tools/setup.sh
	@PYTHON=$(PYTHON) sh tools/setup.sh $(VENV)
	@touch $(STAMP)

setup: $(STAMP) ## create .venv/ and install the project (idempotent)

build: $(STAMP) ## build data/processed/ from data/raw/
	$(PY) -m analysis build --raw data/raw --out data/processed $(if $(JOBS),--jobs $(JOBS))

site: build ## build the data, then render the site into reports/site/
	$(PY) -m analysis site --data data/processed --out reports/site

test: $(STAMP) ## run the test suite
	$(PY) -m pytest

bench: $(STAMP) ## print benchmark figures: tokenizer MB/s; 1k/10k/100k generated reports against the floor, memory, add-one rebuild, site (about 15 min)
	$(PY) benchmarks/bench.py

clean: ## remove built outputs (not the raw data, not .venv)
	rm -rf data/processed/*.parquet data/processed/*.csv reports/site
