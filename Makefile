# Dateline developer commands. `make site` and `make test` are the README quick start.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test serve lint format golden clean

# The runtime packages only: enough to build and serve.
$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Plus what the tests and linters need.
$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

site: $(VENV)/.runtime
	$(PY) build.py
	@echo "The site is in _site/ (open _site/index.html)."
	@echo "Preview it with live reload: $(PY) build.py serve   (then open http://127.0.0.1:8000/)"

test: $(VENV)/.dev
	bash scripts/system-deps.sh
	$(PY) -m pytest -q

serve: $(VENV)/.runtime
	$(PY) build.py serve

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check dateline tests bench scripts build.py
	$(VENV)/bin/ruff format --check dateline tests bench scripts build.py

format: $(VENV)/.dev
	$(VENV)/bin/ruff format dateline tests bench scripts build.py

# Rewrite tests/golden/sample/ from a fresh build of the sample site (review the diff before committing).
golden: $(VENV)/.runtime
	$(PY) tests/golden.py --write

clean:
	rm -rf _site .dateline-cache .pytest_cache
