# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := $(wildcard forum/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint test-sqlite test-postgres system-deps translations bench clean

## run: create .venv, install, migrate, load the demo forum once, serve it with its worker
run: $(STAMP) $(MO)
	$(BIN)/flask --app forum db upgrade
	$(BIN)/flask --app forum seed-demo --if-empty
	@echo "Demo logins (instance/demo-logins.txt):"; cat instance/demo-logins.txt 2>/dev/null || true
	@echo "Open http://$(HOST):$(PORT) and sign in with the organiser login above."
	@# The worker (mail delivery, other tasks) runs beside the web server; Ctrl-C stops both.
	$(BIN)/flask --app forum worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' INT TERM EXIT; \
	$(BIN)/flask --app forum run --host $(HOST) --port $(PORT)

## test: lint, then the whole suite on SQLite and on a throw-away PostgreSQL database
test: lint test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-sqlite: $(STAMP) $(MO) system-deps
	$(BIN)/pytest -q -p no:cacheprovider

test-postgres: $(STAMP) $(MO) system-deps
	FORUM_TEST_REQUIRE_POSTGRES=1 .ci/with-postgres $(BIN)/pytest -q -p no:cacheprovider

system-deps:
	@.ci/system-deps
	@.ci/start-redis

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "forum needs Python 3.11 or newer; set PYTHON=python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ 2>/dev/null || $(BIN)/pybabel compile -i $< -o $@

## translations: extract new strings and merge them into every catalogue
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		--omit-header -o forum/translations/messages.pot .
	$(BIN)/pybabel update -i forum/translations/messages.pot -d forum/translations \
		--width 100 --no-fuzzy-matching --ignore-obsolete

bench: $(STAMP) $(MO)
	@for script in bench/bench_*.py; do echo "== $$script"; \
		.ci/with-postgres $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
