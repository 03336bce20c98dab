#!/usr/bin/env bash
# Load and faults: 200 signed-in administrators for 60 s (lists 80 %, edits 15 %, invitations
# 5 %) against the release build, then the same load with the server killed (SIGKILL)
# halfway and started again; the database is checked after each, every acknowledged write is
# looked for, and every email is matched with the copies an SMTP server of the command's own
# received. On SQLite and PostgreSQL; loopback only. Writes docs/load.md and fails on any
# error, broken rule, lost write or email never delivered (one sent again after the kill, with
# its Message-ID, is reported). About 5 minutes per database after the release build.
#
#   scripts/load.sh [--seconds N] [--sessions N] [--output FILE]
#
# LOAD_SQLITE: the SQLite file (default target/load/contacts.db), emptied first.
# LOAD_POSTGRES: the PostgreSQL database (default
# postgres://postgres@127.0.0.1:5432/contacts_load), dropped and created again; set it empty
# to run on SQLite only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
sqlite="${LOAD_SQLITE:-target/load/contacts.db}"
postgres="${LOAD_POSTGRES-postgres://postgres@127.0.0.1:5432/contacts_load}"

cargo leptos build --release --split
cargo build --release -p bench --bin faults

urls=("sqlite://$sqlite")
if [ -n "$postgres" ]; then
  urls+=("$postgres")
fi
target/release/faults "$@" "${urls[@]}"
