# shellcheck shell=bash
# Common environment for the scripts in scripts/. Source it; it sets:
#   ROOT  the repository root (absolute)
# and puts cargo's bin directory and node_modules/.bin on PATH. node_modules/.bin
# comes first so that binaryen 132's wasm-opt wins over an older system wasm-opt.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
case ":$PATH:" in *":$ROOT/node_modules/.bin:"*) ;; *) PATH="$ROOT/node_modules/.bin:$PATH" ;; esac
export PATH

# The release module is built for WebAssembly 1.0 ("MVP": no sign-ext, bulk
# memory, reference types…) so that Android WebView / Chrome 69+ and iOS 12+
# run it. That needs std rebuilt for that CPU (-Zbuild-std), hence a pinned
# nightly with rust-src, used for the release build only; tests use stable.
RELEASE_TOOLCHAIN="nightly-2026-10-30"
export RELEASE_TOOLCHAIN

# log MESSAGE: a progress line on stderr.
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# wasm_bindgen_lock_version: the wasm-bindgen version pinned in Cargo.lock.
wasm_bindgen_lock_version() {
  awk '/^\[\[package\]\]/ { name = "" }
       /^name = "wasm-bindgen"$/ { name = "wasm-bindgen" }
       name == "wasm-bindgen" && /^version = / { gsub(/"/, "", $3); print $3; exit }' \
    "$ROOT/Cargo.lock"
}

# Size flags of the release module (scripts/build.sh; measured in docs/deploy.md):
# a panic aborts at once, with no message, hook or unwinding code (web/boot.js
# shows the recovery screen on the trap); no file/line locations; `{:?}` prints
# nothing (Debug output is for tests and the publish step, which use stable).
RELEASE_RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort"
export RELEASE_RUSTFLAGS
