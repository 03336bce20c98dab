#!/usr/bin/env bash
# Measures how the contacts list's cost grows, and writes docs/growth.md: the default view of
# the demo administrators' organisation on SQLite, in worlds that differ in one thing —
# 10,000, 100,000 and 1,000,000 contacts in all around an organisation of 10,000; and
# organisations of 100, 1,000 and 10,000 among 1,000,000 contacts. About 20 s of measurement a
# world, after the release build and, the first time, the worlds' generation (~2 minutes).
#
#   scripts/bench-growth.sh [--seconds N] [--calls N] [--output FILE]
#
# The worlds are kept in target/bench/ (the largest is scripts/bench.sh's); delete one to
# generate it again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$PATH"

cargo leptos build --release --split
cargo build --release -p db --features demo --bin generate
cargo build --release -p bench

mkdir -p target/bench
urls=()
# name, then the generator's arguments
while read -r name args; do
  file="target/bench/$name.db"
  if [ ! -s "$file" ]; then
    # shellcheck disable=SC2086 # the arguments are words
    DATABASE_URL="sqlite://$file" target/release/generate $args
  fi
  urls+=("sqlite://$file")
done <<'WORLDS'
growth-10k --organizations 1
growth-100k --organizations 910
contacts --organizations 10000
growth-org-100 --largest 100
growth-org-1000 --largest 1000
WORLDS
target/release/bench --growth "$@" "${urls[@]}"
