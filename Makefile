# The two commands: `make run` (set up and serve with demo data) and `make test`.
# Every step is skipped when its inputs have not changed, so a second run is quick.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
PORT ?= 5000
DS := node_modules/@digdir/designsystemet-css/dist
INTER := node_modules/@fontsource/inter/files
VENDOR := static/vendor
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint setup python assets translations extract db clean bench bench-tools profile compare chaos chaos-tools

# The demo's stand-in for ID-porten: a local OpenID Connect provider with made-up people.
# On its log-in page, type kari (an adult who can act for others) or gunn (someone to act for).
ID_PORT ?= 9400
DEMO_PEOPLE := --user-claims '{"sub": "kari", "pid": "14038500008", "name": "Kari Demo"}' \
	--user-claims '{"sub": "gunn", "pid": "02064800089", "name": "Gunn Demo"}'

run: setup db
	@echo "Test log-in with electronic ID: type kari or gunn on the test provider's page."
	@echo "A child to declare parental responsibility for: 20051650140."
	@echo "E-mail the portal sends (to confirm an account, say) is printed here and shown at http://127.0.0.1:$(PORT)/dev/mail."
	@$(BIN)/python -W ignore -m oidc_provider_mock --port $(ID_PORT) $(DEMO_PEOPLE) >/dev/null 2>&1 & \
	provider=$$!; \
	while sleep 10; do PORTAL_ENV=development PORTAL_URL=http://127.0.0.1:$(PORT) $(BIN)/flask --app portal send-outbox | grep -v '^Sent 0, failed 0'; done & \
	sender=$$!; trap 'kill $$provider $$sender 2>/dev/null' EXIT INT TERM; \
	PORTAL_ENV=development PORTAL_URL=http://127.0.0.1:$(PORT) OIDC_ISSUER=http://127.0.0.1:$(ID_PORT) OIDC_CLIENT_ID=demo OIDC_CLIENT_SECRET=demo \
	OIDC_PROVIDER_NAME="ID-porten (test)" $(BIN)/flask --app portal run --host 127.0.0.1 --port $(PORT)

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

# ruff (lint, and the format check) over the project; mypy over the rules and the services.
lint: python
	$(BIN)/ruff check portal tests bench
	$(BIN)/ruff format --check portal tests bench
	$(BIN)/mypy

setup: python assets translations

python: $(STAMPS)/python
$(STAMPS)/python: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@mkdir -p $(STAMPS) && touch $@

assets: $(VENDOR)/.built
$(STAMPS)/npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@
$(VENDOR)/.built: $(STAMPS)/npm
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/designsystemet $(VENDOR)/inter
	cp $(DS)/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp $(DS)/src/index.css $(VENDOR)/designsystemet/components.css
	cp $(INTER)/inter-latin-400-normal.woff2 $(INTER)/inter-latin-600-normal.woff2 $(VENDOR)/inter/
	touch $@

translations: $(MO_FILES)
translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMPS)/python
	$(BIN)/pybabel compile -d translations -l $* 2>&1 | grep -v '^compiling' || true
	@test -f $@ && touch $@

# For developers: after changing texts, refresh the template and the catalogues.
extract: $(STAMPS)/python
	$(BIN)/pybabel extract --no-location --sort-output --no-wrap --project="stottekontakt-portal" -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --no-wrap -i translations/messages.pot -d translations

db: setup
	PORTAL_ENV=development $(BIN)/flask --app portal db upgrade
	PORTAL_ENV=development $(BIN)/flask --app portal demo-data

# The benchmark (BENCHMARKS.md): BENCH_SIZES, BENCH_DATABASES, BENCH_DURATION, BENCH_SOAK narrow it.
bench: setup bench-tools
	$(BIN)/python -u -m bench.run

# The pages behind log-in profiled in one process (BENCHMARKS.md): ms per page and where it goes.
# PROFILE_SIZE (rows, 1000), PROFILE_REQUESTS (per page, 200), PROFILE_TOP (functions, 25).
profile: setup
	$(BIN)/python -u -m bench.profile

# The profile's times of an earlier commit and of the working tree, taken side by side: make compare COMMIT=abc123
compare: setup
	$(BIN)/python -u -m bench.compare $(COMMIT)

# wrk makes the load; PostgreSQL is the production database. Installed with apt when missing.
bench-tools:
	@command -v wrk >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  [ -z "$$SUDO" ] || command -v sudo >/dev/null || { echo "wrk and PostgreSQL are missing: install them as root (apt-get install wrk postgresql)"; exit 1; }; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk postgresql >/dev/null; }

# The chaos run (RELIABILITY.md): five faults, one at a time, under load; CHAOS_FAULTS narrows it
# (kill,postgres,smtp,redis,archive). About ten minutes.
chaos: setup bench-tools chaos-tools
	$(BIN)/python -u -m bench.chaos

# Redis is the rate limits' store in the chaos run. Installed with apt when missing.
chaos-tools:
	@command -v redis-server >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  [ -z "$$SUDO" ] || command -v sudo >/dev/null || { echo "redis-server is missing: install it as root (apt-get install redis-server)"; exit 1; }; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }

clean:
	rm -rf $(VENV) $(STAMPS) node_modules $(VENDOR) instance
	find translations -name '*.mo' -delete
