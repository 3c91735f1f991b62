#!/usr/bin/env bash
# The benchmark: the e-paper against a Founder-style static baseline.
# Usage: tools/bench/run.sh [PART...]   PART: measure lighthouse gestures (default all)
#
#   1. builds dist/ when it is missing (scripts/build.sh)
#   2. npm ci --prefix tools/bench when Lighthouse is not installed
#   3. stages target/bench/site/ = dist/ + tests/fixtures/editions as test-editions/
#      + the baseline (make-baseline.mjs) under baseline/
#   4. serves it with nginx and the production config (scripts/nginx-conf.sh) on a
#      free 127.0.0.1 port
#   5. runs measure.mjs, lighthouse.mjs, gestures.mjs (each merges its part into
#      tools/bench/results/latest.json), stops nginx
#   6. report.mjs prints the tables and writes tools/bench/results/latest.md
# Environment: RUNS (default 5), BENCH_PORT (default: a free port),
#   BUILD=1 to rebuild dist/ even when it exists, BENCH_RESULTS (default
#   tools/bench/results) where the figures go.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/env.sh
source "$BENCH/../../scripts/env.sh"
cd "$ROOT"

PARTS=("$@")
[ "${#PARTS[@]}" -gt 0 ] || PARTS=(measure lighthouse gestures)
for p in "${PARTS[@]}"; do
  case "$p" in measure | lighthouse | gestures | offline) ;; *) die "unknown part: $p (measure, lighthouse, gestures, offline)" ;; esac
done
start=$(date +%s)

# Tools: playwright-core (repository root), Lighthouse (tools/bench), chromium, nginx.
if [ ! -d "$ROOT/node_modules/playwright-core" ] || ! command -v nginx >/dev/null || [ ! -x /usr/bin/chromium ]; then
  "$ROOT/scripts/setup.sh"
fi
wants_lighthouse=0
for p in "${PARTS[@]}"; do [ "$p" = lighthouse ] && wants_lighthouse=1; done
if [ "$wants_lighthouse" = 1 ] && { [ ! -f "$BENCH/node_modules/lighthouse/package.json" ] \
   || [ "$BENCH/package-lock.json" -nt "$BENCH/node_modules/.package-lock.json" ]; }; then
  log "bench: npm ci --prefix tools/bench (lighthouse)"
  npm ci --prefix "$BENCH" --no-audit --no-fund --ignore-scripts
fi

if [ ! -f dist/index.html ] || [ "${BUILD:-0}" = 1 ]; then
  log "bench: building dist/"
  if command -v wasm-pack >/dev/null && command -v wasm-bindgen >/dev/null; then
    SKIP_SETUP=1 "$ROOT/scripts/build.sh"
  else
    "$ROOT/scripts/build.sh"
  fi
fi

SITE="$ROOT/target/bench/site"
log "bench: staging $SITE"
"$ROOT/scripts/test-site.sh" "$SITE"
node "$BENCH/make-baseline.mjs" "$SITE"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
PORT="${BENCH_PORT:-$(free_port)}"
conf="$("$ROOT/scripts/nginx-conf.sh" bench "$PORT" "$SITE" "$ROOT/target/bench/access.log")"
nginx -p "$(dirname "$conf")/" -c "$conf" -e stderr &
nginx_pid=$!
stop_nginx() {
  if [ -n "${nginx_pid:-}" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  nginx_pid=""
}
trap stop_nginx EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || die "nginx exited"
  sleep 0.1
done
export BENCH_BASE_URL="http://127.0.0.1:$PORT/" BENCH_SITE="$SITE"
log "bench: serving $SITE on $BENCH_BASE_URL (nginx pid $nginx_pid)"

status=0
for part in "${PARTS[@]}"; do
  log "bench: $part"
  node "$BENCH/$part.mjs" || { status=$?; log "bench: $part failed (exit $status)"; }
done
stop_nginx

node "$BENCH/report.mjs"
log "bench: done in $(( $(date +%s) - start )) s; results in ${BENCH_RESULTS:-tools/bench/results}/latest.{json,md}"
exit "$status"
