#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, serve and test the app, skipping what is
# present: the wasm32 target, cargo-leptos, wasm-bindgen-cli (at the version Cargo.lock
# pins), Debian's chromium, and the npm packages of end2end/ (Playwright, axe-core, and the
# binaryen whose wasm-opt the release build uses). Works without internet access beyond
# crates.io, npm and Debian: nothing here lets a tool download its own binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Installs a crate from crates.io with its own lock file, after pinning one dependency to a
# version that fits this toolchain (the published locks of these tools name versions that
# need a newer rustc or that were yanked). Cargo itself fetches the crate's source: a
# throwaway package depends on it, and `cargo metadata` downloads, unpacks and locates it.
install_patched() {
  local crate=$1 version=$2 dep=$3 dep_version=$4
  local work source
  work=$(mktemp -d)
  log "building $crate $version (once per machine)"
  mkdir -p "$work/fetch/src"
  touch "$work/fetch/src/lib.rs"
  printf '[package]\nname = "fetch-tool-source"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s = "=%s"\n' \
    "$crate" "$version" >"$work/fetch/Cargo.toml"
  source=$(cargo metadata --quiet --format-version 1 --manifest-path "$work/fetch/Cargo.toml" |
    python3 scripts/package-dir.py "$crate" "$version")
  cp -r "$source" "$work/$crate"
  (
    cd "$work/$crate"
    cargo update -p "$dep" --precise "$dep_version"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --path . --locked
  )
  rm -rf "$work"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  install_patched cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  install_patched wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10
fi

if ! command -v chromium >/dev/null; then
  log "installing Debian's chromium"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  log "installing the npm packages of end2end/"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

log "tools ready"
