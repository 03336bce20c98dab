#!/usr/bin/env bash
# Measures the contacts list at a million contacts and writes docs/benchmarks.md: for each
# filter shape, on SQLite and PostgreSQL, the SQL floor, `list_contacts` over HTTP, the page
# under 16 connections (requests/s, p50, p99, server CPU per request, HTML size, memory) and
# the query plans. Loopback only; about 2 minutes of measurement per database with the
# defaults, after the release build and, the first time, the generation of each world
# (SQLite ~40 s, PostgreSQL ~2.5 min).
#
#   scripts/bench.sh [--seconds N] [--calls N] [--output FILE]
#
# BENCH_SQLITE: the SQLite file (default target/bench/contacts.db), generated when missing.
# BENCH_POSTGRES: the PostgreSQL database (default
# postgres://postgres@127.0.0.1:5432/contacts_bench), created and generated when missing;
# set it empty to measure SQLite only. Delete a world to generate it again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
sqlite="${BENCH_SQLITE:-target/bench/contacts.db}"
postgres="${BENCH_POSTGRES-postgres://postgres@127.0.0.1:5432/contacts_bench}"

cargo leptos build --release --split
cargo build --release -p db --features demo --bin generate
cargo build --release -p bench

urls=()
if [ ! -s "$sqlite" ]; then
  mkdir -p "$(dirname "$sqlite")"
  DATABASE_URL="sqlite://$sqlite" target/release/generate
fi
urls+=("sqlite://$sqlite")
if [ -n "$postgres" ]; then
  server="${postgres%/*}"
  name="${postgres##*/}"
  if [ "$(psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
    psql "$server/postgres" -qc "CREATE DATABASE \"$name\""
    DATABASE_URL="$postgres" target/release/generate
  fi
  urls+=("$postgres")
fi
target/release/bench "$@" "${urls[@]}"
