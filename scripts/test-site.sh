#!/usr/bin/env bash
# Stages a test site in SITE (argument): the built dist/, the synthetic test
# editions as test-editions/ (raw files for tests that read or stub them) and,
# published from the same app shell under the base path /test/, a second site
# of those editions (/test/2000-01-03/1/…); and test-archive/, the synthetic
# 365-edition archive (tools/testdata/make-test-archive.mjs, marked test_data,
# generated under target/, never in dist/) with its search index and year
# lists, opened through the test switch: /test/?index=/test-archive/index.json.
# Used by the e2e tests and the bench.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
SITE="${1:?usage: scripts/test-site.sh SITE}"
[ -f dist/.shell.html ] || die "no dist/.shell.html: run scripts/build.sh first"
[ -d tests/fixtures/editions ] || die "tests/fixtures/editions/ missing"
rm -rf "$SITE"
mkdir -p "$(dirname "$SITE")"
cp -R dist "$SITE"
cp -R tests/fixtures/editions "$SITE/test-editions"
mkdir -p "$SITE/test"
cp dist/.shell.html "$SITE/test/.shell.html"
cp dist/sw.js "$SITE/test/sw.js"
cp -R tests/fixtures/editions "$SITE/test/editions"
cargo run --quiet --bin publish -- --editions tests/fixtures/editions --out "$SITE/test" --base /test/

# The archive is deterministic: generated once, then reused.
ARCHIVE="$ROOT/target/test-archive"
if [ ! -f "$ARCHIVE/index.json" ] || [ tools/testdata/make-test-archive.mjs -nt "$ARCHIVE/index.json" ]; then
  node tools/testdata/make-test-archive.mjs --out "$ARCHIVE" 2>/dev/null
fi
cp -R "$ARCHIVE" "$SITE/test-archive"
cargo run --quiet --bin search-index -- "$SITE/test-archive" "$SITE/test-archive/search" --archive 30
