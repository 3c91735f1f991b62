#!/usr/bin/env bash
# Long fuzz run of the edition reader and validator (tests/fuzz.rs, proptest):
# arbitrary bytes, JSON-shaped text, and structure-aware mutations of the test
# editions. Each property runs CASES inputs (default 100000), each read as an
# edition and as an index, in release mode. The test command runs the same
# properties with 64 cases.
#
#   scripts/fuzz.sh [CASES]
#
# A failure prints the smallest failing input proptest could shrink to.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-100000}"
start=$(date +%s)
# Optimised for speed, unwinding (the release profile aborts on panic and is
# tuned for size), in a target dir of its own so the app's release build and
# this one never overwrite each other's library.
export CARGO_TARGET_DIR="$PWD/target/fuzz" CARGO_PROFILE_RELEASE_OPT_LEVEL=3 \
  CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
cargo test --release --test fuzz --no-run
# A runaway input must fail this run, not exhaust a shared machine's memory.
(ulimit -v 8000000 && PROPTEST_CASES="$cases" cargo test --release --test fuzz -- --nocapture)
properties=3
echo "fuzz: $((cases * properties)) inputs ($cases per property, $properties properties), each read as edition and as index, in $(( $(date +%s) - start )) s: no panic, within time, memory and problem bounds"
