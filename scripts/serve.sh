#!/usr/bin/env bash
# Sets up a fresh machine (see install-tools.sh) and serves the app with the demo data on
# SQLite at http://127.0.0.1:3000 (the database file is data/contacts.db; delete it to start
# over). Extra arguments go to `cargo leptos serve`, e.g. `--release`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
exec cargo leptos serve --split "$@"
