#!/usr/bin/env bash
# Measures the first load of the app's pages over an emulated slow connection and writes
# docs/performance.md (see end2end/measure/first-load.mjs): the release build served twice on
# the demo world, over plain HTTP (HTTP/1.1) and over HTTPS (HTTP/2, with a certificate made
# by openssl for the run). About 10 minutes after the release build with 5 runs.
#
#   scripts/first-load.sh [--runs N] [--output FILE]
#
# SKIP_BUILD=1 measures the release build already in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
work=target/first-load
http_port="${FIRST_LOAD_PORT:-3310}"
https_port=$((http_port + 1))

if [ "${SKIP_BUILD:-}" != 1 ]; then
  cargo leptos build --release --split
fi
rm -rf "$work" && mkdir -p "$work"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start() {
  local port=$1 name=$2
  shift 2
  env DATABASE_URL="sqlite://$work/$name.db" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$@" target/release/server \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
}
start "$http_port" http
start "$https_port" https TLS_CERT="$work/cert.pem" TLS_KEY="$work/key.pem"
for url in "http://127.0.0.1:$http_port/login" "https://127.0.0.1:$https_port/login"; do
  for _ in $(seq 120); do
    curl -ksf -o /dev/null "$url" && break
    sleep 0.5
  done
done
# The server writes the compressed copies of its files in the background at start-up: let it
# finish, so that every run gets the same files.
sleep 20
spki=$(openssl x509 -in "$work/cert.pem" -pubkey -noout | openssl pkey -pubin -outform der |
  openssl dgst -sha256 -binary | base64)
node end2end/measure/first-load.mjs --base "http://127.0.0.1:$http_port" \
  --base "https://127.0.0.1:$https_port" --trust "$spki" "$@"
