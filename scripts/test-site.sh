#!/usr/bin/env bash
# Stages a test site in SITE (argument): the built dist/, the synthetic test
# editions as test-editions/ (raw files for tests that read or stub them) and,
# published from the same app shell under the base path /test/, a second site
# of those editions (/test/2000-01-03/1/…). Used by the e2e tests and the bench.
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
