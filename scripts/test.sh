#!/usr/bin/env bash
# Runs every test, after installing what is missing (see install-tools.sh):
#   1. formatting and lints of the server and WebAssembly builds;
#   2. unit, database and server tests (`cargo test`): each database test and each server test
#      runs on a fresh SQLite file, and again on a fresh PostgreSQL database when
#      TEST_DATABASE_URL names a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres);
#   3. the release build, then the end-to-end tests in Debian's chromium (Playwright, axe-core),
#      in French and in English, against the release server on a fresh SQLite file.
# The sign-in through OpenID Connect is tested against a real OpenID provider
# (end2end/oidc-provider.mjs, on Node.js): the server tests start one for each test, and the
# Playwright suite starts one beside the server; each is stopped when its tests end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
export PATH="$PWD/end2end/node_modules/.bin:$PATH"

step_start=$SECONDS
step() {
  printf '\n\033[1m==> %s\033[0m (%ss since start)\n' "$*" "$((SECONDS - step_start))"
}
trap 'printf "\nfinished in %ss\n" "$((SECONDS - step_start))"' EXIT

step "formatting"
cargo fmt --all --check

step "lints (server build)"
cargo clippy --workspace --all-targets -- -D warnings
step "lints (WebAssembly build)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "unit, database and server tests"
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "TEST_DATABASE_URL is not set: the PostgreSQL variants are skipped"
fi
# Without the frontend: built together with it, `app` would get the `hydrate` feature on top
# of `ssr`, and the server under test would then run browser-side code paths.
cargo test --workspace --exclude frontend

step "release build"
cargo leptos build --release --split

step "end-to-end tests"
(cd end2end && npx playwright test)
