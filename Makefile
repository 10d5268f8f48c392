# sopan — two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test system-packages install install-dev lint typecheck pytest slow bench messages lock clean reference-images

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements/base.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.lock
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, create/migrate the SQLite database, load the demo organisation, serve.
run: install
	$(BIN)/sopan demo
	$(BIN)/sopan serve --host $(HOST) --port $(PORT)

## make test: install what the tests need, then ruff, mypy and the whole pytest suite.
test: system-packages install-dev lint typecheck pytest

## the Debian packages the tests use (poppler, zbar, fonts, LibreOffice, Chromium, gettext).
system-packages:
	bin/system-packages

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy

pytest: install-dev
	$(BIN)/pytest -q

## the slow tests (clean clone of the README's commands); .ci/run calls this.
slow: install-dev
	$(BIN)/pytest -q -m slow

bench: install-dev
	$(BIN)/python bench/load.py

## refresh the stored PDF page images (tests/render/reference) after an intended change to the
## PDF or the layout; needs poppler-utils (pdftoppm). Look at the PDFs it names, then commit.
reference-images: install-dev
	$(BIN)/python tests/render/make_reference.py

## regenerate and compile the gettext catalogues (needs GNU gettext). msgids are Indonesian, so
## only English has a catalogue; web/management/commands/makemessages.py also extracts N("...").
messages: install-dev
	cd src/sopan && DJANGO_SETTINGS_MODULE=sopan.config.settings ../../$(BIN)/django-admin makemessages -l en --no-obsolete --add-location file --ignore 'migrations/*'
	cd src/sopan && DJANGO_SETTINGS_MODULE=sopan.config.settings ../../$(BIN)/django-admin compilemessages -l en

## refresh the locked dependency files from pyproject.toml.
lock: install-dev
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements/base.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra dev --output-file requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
