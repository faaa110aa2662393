# amo-mobile-card: `make run` serves the app, `make test` runs every check CI runs.
# Every setup step is idempotent: a second run installs nothing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION     := 132.0.0
# The wasm-bindgen CLI must match the library pinned with `=` in Cargo.toml.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)

TOOLS_DIR := $(CURDIR)/.tools
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# cargo-leptos 0.3.10 builds the server with exactly these variables. Plain cargo
# (clippy, tests) gets the same ones, so their fingerprints match and the
# dependency tree is compiled once, not once per tool. The values come from
# [package.metadata.leptos] in Cargo.toml (one source); the rest are cargo-leptos'
# own choices for this single-crate layout in a debug build.
leptos_meta = $(shell sed -n 's/^$(1) *= *"\{0,1\}\([^"]*\)"\{0,1\} *$$/\1/p' Cargo.toml | head -n1)
LEPTOS_HASH_FILES := $(or $(call leptos_meta,hash-files),false)
LEPTOS_ENV := LEPTOS_OUTPUT_NAME=$(call leptos_meta,output-name) \
  LEPTOS_SITE_ROOT=$(call leptos_meta,site-root) \
  LEPTOS_SITE_PKG_DIR=$(call leptos_meta,site-pkg-dir) \
  LEPTOS_SITE_ADDR=$(call leptos_meta,site-addr) \
  LEPTOS_RELOAD_PORT=$(call leptos_meta,reload-port) \
  LEPTOS_LIB_DIR=. LEPTOS_BIN_DIR=. LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=$(LEPTOS_HASH_FILES) \
  RUSTFLAGS="--cfg erase_components"

PG_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export TEST_DATABASE_URL ?= $(PG_ADMIN_URL)
# The first Playwright worker's database; the second adds `_1` (end2end/demo-server.mjs).
E2E_DATABASE_URL := $(dir $(PG_ADMIN_URL))amc_e2e

.PHONY: help setup tools wasm-target cargo-leptos wasm-bindgen wasm-opt system-packages chromium webkit e2e-deps postgres \
        run build fmt fmt-check clippy test test-rust test-e2e test-webkit bench bench-deps clean

help:
	@echo "make run    - set up what is missing and serve the app on http://127.0.0.1:3000 (demo unless configured)"
	@echo "make test   - set up what is missing and run every check CI runs"
	@echo "make bench  - release build and the benchmark report (bench/results.md)"

## ---- setup (idempotent) -------------------------------------------------

tools: wasm-target cargo-leptos wasm-bindgen wasm-opt

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

# The build tools only orchestrate: their own release profiles (fat LTO, one codegen
# unit) cost most of a cold start on two cores and buy nothing measurable here.
# Unoptimised and split into many units they compile in half the time; what they
# produce does not depend on how they were compiled (see bench/cold-start.md).
TOOL_PROFILE := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_INCREMENTAL=false

cargo-leptos:
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" \
	  || $(TOOL_PROFILE) cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked

wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "wasm-bindgen is not pinned with = in Cargo.toml" >&2; exit 1; }
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" \
	  || $(TOOL_PROFILE) cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# wasm-opt from npm's binaryen: Debian's older binaryen emits wasm that fails to hydrate.
wasm-opt:
	@$(TOOLS_DIR)/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version $(firstword $(subst ., ,$(BINARYEN_VERSION)))" \
	  || { mkdir -p $(TOOLS_DIR) && cd $(TOOLS_DIR) && \
	       { test -f package.json || echo '{"private":true}' > package.json; } && \
	       npm install --no-audit --no-fund --save-exact binaryen@$(BINARYEN_VERSION); }

# Debian's packages the browser suites need: Chromium, WebKitGTK's WebDriver and
# a virtual display. Whatever is missing comes in one `apt-get update` and one
# install line; nothing is fetched when all is there.
system-packages:
	@missing=""; \
	  test -x /usr/bin/chromium || missing="$$missing chromium"; \
	  test -x /usr/bin/WebKitWebDriver || missing="$$missing webkit2gtk-driver"; \
	  command -v xvfb-run >/dev/null || missing="$$missing xvfb"; \
	  command -v xauth >/dev/null || missing="$$missing xauth"; \
	  test -z "$$missing" || { echo "Installing Debian packages:$$missing"; apt-get update -qq \
	    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; }

chromium webkit: system-packages

# Reinstalled only when package-lock.json is newer than the last install.
e2e-deps:
	@cd end2end && { test node_modules/.installed -nt package-lock.json \
	  || { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund && touch node_modules/.installed; }; }

# Start the machine's Postgres cluster when it is installed but down.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  command -v pg_ctlcluster >/dev/null && \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | sort -V | tail -n1) main start && \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	@pg_isready -h 127.0.0.1 -p 5432

setup: tools chromium webkit e2e-deps postgres

## ---- run --------------------------------------------------------------

run: tools
	@echo "Building and serving the demo. The first run compiles the server and the"
	@echo "wasm bundle (about 10 minutes on two cores, more with the tools above);"
	@echo "later runs take seconds. When it is up it prints where to go."
	cargo leptos serve

build: tools
	cargo leptos build

## ---- checks -------------------------------------------------------------

fmt:
	cargo fmt

fmt-check:
	cargo fmt --check

clippy: wasm-target
	$(LEPTOS_ENV) cargo clippy --all-targets --no-default-features --features ssr -- -D warnings
	$(LEPTOS_ENV) cargo clippy --lib --target wasm32-unknown-unknown --target-dir target/front --features hydrate -- -D warnings

# The integration tests mostly wait (amoCRM's one-second rate window, timeouts,
# Postgres): the suite used 15 s of CPU in 123 s six at a time. Twelve at a
# time take 83 s on two cores (345 s at cargo's one per core), every test
# passing; each test app's pool holds at most 5 connections
# (DATABASE_MAX_CONNECTIONS in tests/integration/helpers.rs), so the peak was
# 75 of Postgres' 100 (16 at a time: 72 s, but 95 of 100).
TEST_THREADS ?= 12

# Each integration test creates its own database; drop what earlier runs left
# behind, in one session (a psql per database took 10 s for a run's 159);
# databases still in use by a concurrent run fail to drop and are skipped.
# `--no-default-features` as cargo-leptos builds the server. The library is
# still built again by each in turn (5 to 7 s warm): the tests' dev-dependencies
# add features (tokio's test-util, reqwest's cookies) that production need not carry.
test-rust: postgres
	@psql -q -d "$(PG_ADMIN_URL)" -At \
	  -c "SELECT format('DROP DATABASE IF EXISTS %I;', datname) FROM pg_database WHERE datname LIKE 'amc_test_%'" \
	  | psql -q -d "$(PG_ADMIN_URL)" 2>/dev/null || true
	$(LEPTOS_ENV) cargo test --no-default-features --features ssr -- --test-threads=$(TEST_THREADS)

# `cargo leptos end-to-end` builds the site, then Playwright starts the server
# (demo mode, on a fresh database so sessions live in Postgres as in production).
test-e2e: tools chromium e2e-deps postgres
	@# One database per Playwright worker's demo server (end2end/demo-server.mjs).
	for db in amc_e2e amc_e2e_1; do \
	  psql -q -d "$(PG_ADMIN_URL)" -c "DROP DATABASE IF EXISTS $$db WITH (FORCE)" -c "CREATE DATABASE $$db"; done
	cargo leptos build
	@# The verdict is Playwright's JSON report, read last so the log ends with the
	@# failed tests' names (end-to-end exits 0 when its own build fails, and on a
	@# failed test ends with its own backtrace).
	rm -f end2end/last-run.json
	E2E_DATABASE_URL="$(E2E_DATABASE_URL)" cargo leptos end-to-end 2>&1 | tee end2end/last-run.log || true
	@# Recording a trace of every test cost a fifth of the suite's time (118 s
	@# without, 155 s with). Only failures need one: the failed tests run again,
	@# traced, and their trace.zip files are listed; the first run's report stays
	@# the verdict, whatever the second run says.
	@node end2end/check-report.mjs playwright end2end/last-run.json >/dev/null 2>&1 || { \
	  echo "Running the failed tests again with a trace (the verdict is the first run's):"; \
	  cd end2end && E2E_DATABASE_URL="$(E2E_DATABASE_URL)" npx playwright test --last-failed \
	    --trace on --reporter=list || true; ls -1 test-results/*/trace.zip 2>/dev/null || true; }
	node end2end/check-report.mjs playwright end2end/last-run.json

# The same demo server in WebKit (the iOS WebView's engine family), through
# WebKitWebDriver under Xvfb. Runs the debug build test-e2e just made.
test-webkit: webkit e2e-deps postgres
	psql -q -d "$(PG_ADMIN_URL)" -c 'DROP DATABASE IF EXISTS amc_webkit WITH (FORCE)' -c 'CREATE DATABASE amc_webkit'
	@test -x target/debug/amo-mobile-card || cargo leptos build
	rm -f end2end/webkit-last-run.tap
	cd end2end && WEBKIT_DATABASE_URL="$(dir $(PG_ADMIN_URL))amc_webkit" \
	  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" node --test \
	    --test-reporter=spec --test-reporter-destination=stdout \
	    --test-reporter=tap --test-reporter-destination=webkit-last-run.tap webkit/card.test.mjs
	@# Every test must pass: none failed, skipped, cancelled or left as todo (TAP summary).
	node end2end/check-report.mjs tap end2end/webkit-last-run.tap

test: setup fmt-check clippy test-rust test-e2e test-webkit

# wrk drives the load, brotli checks sizes; Chromium and Playwright time the slow network.
bench-deps:
	@{ command -v wrk >/dev/null && command -v brotli >/dev/null; } \
	  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk brotli; }

bench: tools chromium e2e-deps bench-deps postgres
	bash bench/run.sh

clean:
	cargo clean
	rm -rf end2end/test-results end2end/playwright-report
