# Dateline developer commands. `make site` and `make test` are the README quick start.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test serve lint format clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

site: $(VENV)/.installed
	$(PY) build.py
	@echo "The site is in _site/ (open _site/index.html)."
	@echo "Preview it with live reload: $(PY) build.py serve"

test: $(VENV)/.installed
	bash scripts/system-deps.sh
	$(PY) -m pytest -q

serve: $(VENV)/.installed
	$(PY) build.py serve

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check dateline tests bench build.py
	$(VENV)/bin/ruff format --check dateline tests bench build.py

format: $(VENV)/.installed
	$(VENV)/bin/ruff format dateline tests bench build.py

clean:
	rm -rf _site .dateline-cache .pytest_cache
