# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5432
HOST ?= 127.0.0.1

.PHONY: serve test install install-test browser-deps docs-screenshot clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Re-installs only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

serve: install
	$(BIN)/python -m lit_app --host=$(HOST) --port=$(PORT) $(ARGS)

# Debian's chromium for the browser tests (Playwright's own browser download does not work offline).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; fi; }

# Two workers (the machine's two cores); each module, and the browser tests, stay in one.
test: $(VENV)/.installed-test browser-deps
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# Re-take the README's screenshot of the salience view with the browser tests.
docs-screenshot: $(VENV)/.installed-test browser-deps
	UPDATE_DOCS_SCREENSHOT=1 $(BIN)/python -m pytest tests/browser -k "salience or finding"

clean:
	rm -rf $(VENV) .pytest_cache
