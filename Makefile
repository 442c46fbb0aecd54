# sihub — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run serve worker scheduler test test-postgres security bench-load bench-actors bench-monitoring bench-matchmaking bench-surveys backup lint migrate messages lock clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

## make run: install, migrate SQLite, load demo data once, serve :8000 plus the worker.
run: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py update_index --schema-only >/dev/null 2>&1 || true
	$(BIN)/python manage.py update_index >/dev/null
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) sh scripts/run.sh

worker: install
	$(BIN)/python manage.py db_worker --queue-name '*'

## The periodic jobs (feed fetching, retention, ANALYZE): one per site, beside the workers.
scheduler: install
	$(BIN)/python manage.py run_scheduler

## make test: the whole suite (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL)
## followed by the security gates.
test: install
	SIHUB_ENV=test $(BIN)/python -m pytest -n 2 -p no:cacheprovider
	$(MAKE) --no-print-directory security

## Security gates: bandit, secrets scan, deployment checklist, API fuzzing.
security: install
	$(BIN)/bandit -c pyproject.toml -r sihub -q
	$(BIN)/python scripts/secrets_check.py
	SIHUB_ENV=production ALLOWED_HOSTS=example.org \
		SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	BIN=$(BIN) sh scripts/api_fuzz.sh

## Load test (bounded in time); figures are printed, see bench/README.md.
bench-load: install
	$(BIN)/python bench/load.py

## The ecosystem at 5,000 actors / 20,000 relations: directory, analysis, map data (bench/README.md).
bench-actors: install
	$(BIN)/python bench/actors.py

## Ingest 10,000 items from 40 local feeds: dedupe, tagging, idempotent rerun (bench/README.md).
bench-monitoring: install
	$(BIN)/python bench/monitoring.py

## make bench-matchmaking: 500 participants × 6 slots; fit vs the exact optimum on small events.
bench-matchmaking: install
	$(BIN)/python bench/matchmaking.py

## make bench-surveys: every figure of a 10,000-response monitor round (results, cross-tabs, comparison, export).
bench-surveys: install
	$(BIN)/python bench/surveys.py

backup: install
	$(BIN)/python manage.py backup

test-postgres: install
	SIHUB_ENV=test DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sihub} \
		$(BIN)/python -m pytest -n 2 -p no:cacheprovider

lint: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install
	$(BIN)/python manage.py makemessages -l sv -l en --no-obsolete --no-location -i ".venv/*" -i "var/*" -i "bench/*" -i "scripts/*"
	$(BIN)/python manage.py fill_english_catalogue
	$(BIN)/python manage.py compilemessages -i "$(VENV)"

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm
