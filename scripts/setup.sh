#!/usr/bin/env bash
# Installs the build and test tool chain when something is missing. Idempotent; a
# second run on a ready machine takes about a second. Call it or source it.
#
# Downloads only from rustup, crates.io, Debian's apt and npm:
#   rustup target wasm32-unknown-unknown (+ rustfmt, clippy components)
#   wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen version (cargo install)
#   wasm-pack (cargo install; it then uses the wasm-bindgen on PATH)
#   chromium chromium-driver fonts-noto-cjk nginx-light libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static brotli zopfli
#   poppler-utils (make-edition reads press PDFs with it; its tests need it) (apt)
#   rustup toolchain $RELEASE_TOOLCHAIN with rust-src (the release build, see env.sh)
#   npm ci (playwright-core without browser download, binaryen's wasm-opt, esbuild, axe-core;
#     old-engine tests: chrome-aws-lambda 1.6.3/1.7.0/1.11.2 carrying Chromium 69/70/72,
#     puppeteer 1.6.2 without its own Chromium download)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

setup_main() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  command -v node >/dev/null || die "node not found: Node.js 20 or newer is needed"
  command -v npm >/dev/null || die "npm not found"

  # Rust target and components.
  if command -v rustup >/dev/null; then
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
      log "setup: rustup target add wasm32-unknown-unknown"
      rustup target add wasm32-unknown-unknown
    fi
    local comp
    for comp in rustfmt clippy; do
      if ! rustup component list --installed | grep -q "^$comp"; then
        log "setup: rustup component add $comp"
        rustup component add "$comp"
      fi
    done
  fi

  # The pinned nightly (with rust-src) for the WebAssembly 1.0 release build.
  if command -v rustup >/dev/null && ! rustup run "$RELEASE_TOOLCHAIN" rustc --version >/dev/null 2>&1; then
    log "setup: rustup toolchain install $RELEASE_TOOLCHAIN (release build, -Zbuild-std)"
    rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src
  fi
  if command -v rustup >/dev/null && ! rustup component list --installed --toolchain "$RELEASE_TOOLCHAIN" | grep -q '^rust-src'; then
    rustup component add rust-src --toolchain "$RELEASE_TOOLCHAIN"
  fi

  # wasm-bindgen-cli: must equal Cargo.lock's wasm-bindgen, or wasm-pack tries to
  # download one (which fails on a closed network) and the glue would not match.
  local want have
  want="$(wasm_bindgen_lock_version)"
  [ -n "$want" ] || die "no wasm-bindgen package in Cargo.lock"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    log "setup: cargo install wasm-bindgen-cli --version $want (have: ${have:-none}; takes minutes)"
    # No --locked: the registry lacks one of its locked dependencies.
    cargo install --force wasm-bindgen-cli --version "$want"
  fi

  # wasm-pack (the npm package of that name downloads a binary: not usable here).
  if ! command -v wasm-pack >/dev/null; then
    log "setup: cargo install wasm-pack (takes a minute or two)"
    cargo install wasm-pack
  fi

  # System packages.
  local pkgs=(chromium chromium-driver fonts-noto-cjk nginx-light libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static brotli zopfli poppler-utils)
  local missing=() p
  for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "setup: apt-get install ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
      sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi

  # npm tools, from the committed lockfile.
  if [ ! -d "$ROOT/node_modules" ] || [ ! -e "$ROOT/node_modules/.package-lock.json" ] \
     || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "setup: npm ci"
    # puppeteer would download a Chromium from Google: the old-engine tests
    # bring theirs in chrome-aws-lambda (tests/e2e/old-engines.mjs).
    (cd "$ROOT" && PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi

  # Checks.
  command -v chromedriver >/dev/null || die "chromedriver not on PATH after setup"
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after setup"
  command -v pdftotext >/dev/null || die "pdftotext (poppler-utils) not on PATH after setup"
  [ -x "$ROOT/node_modules/.bin/wasm-opt" ] || die "node_modules/.bin/wasm-opt missing (npm ci failed?)"
  [ -f "$ROOT/node_modules/chrome-aws-lambda/bin/chromium-69.0.3494.0.br" ] \
    || die "node_modules/chrome-aws-lambda/bin/chromium-69.0.3494.0.br missing (npm ci failed?)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  setup_main "$@"
else
  # Sourced: run in a subshell so that its set -e and exits stay contained; the
  # PATH from env.sh is already exported to the caller.
  ( setup_main "$@" ) || return 1
fi
