#!/usr/bin/env bash
# The project's TEST command. Runs, in order, and stops at the first failing step
# (saying which):
#   setup          scripts/setup.sh (installs what is missing)
#   fmt            cargo fmt --check
#   tools          node --test tests/*.test.mjs: the build's own tools (short names, function order)
#   clippy         cargo clippy --workspace --all-targets -- -D warnings (native; lazy/ too)
#   clippy-wasm    cargo clippy --workspace --target wasm32-unknown-unknown --all-targets -- -D warnings
#   cargo-test     cargo test                                           (native)
#   wasm-test      wasm-pack test --headless --chrome                   (webdriver.json)
#   build          scripts/build.sh                                     (dist/)
#   size           scripts/size-report.sh                               (budget)
#   engines        scripts/check-engines.sh: the module is WebAssembly 1.0 only
#   e2e            nginx with the production config on 127.0.0.1:8181 serving the
#                  test site (scripts/test-site.sh: dist/, the test editions raw
#                  and published under /test/), then node --test tests/e2e/
#   bench          the benchmarks' smoke: one unthrottled run of tools/bench/run.sh
#                  measure and the search benchmark at one edition, figures under
#                  target/bench/smoke/ (the full runs are their own commands)
# Each step's output is also kept in target/test-logs/<step>.log. The last lines
# are one summary line per step and the total.
# Arguments: step names to run only those (e.g. `scripts/test.sh build size e2e`);
# default all. Environment: E2E_PORT (default 8181); E2E_FILES (default
# tests/e2e/: every file) runs only the named test files.
set -uo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT" || exit 1

E2E_PORT="${E2E_PORT:-8181}"
LOGS="$ROOT/target/test-logs"
SITE="$ROOT/target/e2e-site"
SCREENSHOTS="$ROOT/tests/e2e/screenshots"
mkdir -p "$LOGS"

summary=()
total_passed=0
total_failed=0
nginx_pid=""

cleanup() {
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill "$nginx_pid" 2>/dev/null
    wait "$nginx_pid" 2>/dev/null
  fi
  nginx_pid=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

print_summary() {
  echo
  echo "== summary (logs: $LOGS/) =="
  local line
  for line in "${summary[@]}"; do echo "$line"; done
}

# counts LOG: prints "PASSED FAILED" from cargo/wasm-bindgen-test/node:test output.
counts() {
  awk '
    /^test result: / {
      for (i = 1; i <= NF; i++) {
        if ($(i+1) ~ /^passed/) p += $i
        if ($(i+1) ~ /^failed/) f += $i
      }
    }
    /^(ℹ|#) pass [0-9]+$/ { p += $3 }
    /^(ℹ|#) (fail|cancelled) [0-9]+$/ { f += $3 }
    END { printf "%d %d\n", p, f }' "$1"
}

# step NAME KIND COMMAND...: KIND is "check" or "tests" (tests get pass/fail counts).
ONLY=" $* "
step() {
  local name="$1" kind="$2"
  shift 2
  if [ "$ONLY" != "  " ] && [[ "$ONLY" != *" $name "* ]]; then return 0; fi
  local log="$LOGS/$name.log" start status secs line
  printf '\n\033[1m=== %s: %s\033[0m\n' "$name" "$*"
  start=$(date +%s)
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  secs=$(( $(date +%s) - start ))
  if [ "$kind" = tests ]; then
    local p f
    read -r p f < <(counts "$log")
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
    line=$(printf '%-12s %d passed, %d failed (%d s)' "$name" "$p" "$f" "$secs")
    if [ "$status" -eq 0 ] && [ "$p" -eq 0 ]; then
      line="$line  <- warning: no tests ran"
      [ "$name" != wasm-test ] || line="$line (wasm tests need wasm_bindgen_test_configure!(run_in_browser))"
    fi
  elif [ "$status" -eq 0 ]; then
    line=$(printf '%-12s ok (%d s)' "$name" "$secs")
  else
    line=$(printf '%-12s FAILED (%d s)' "$name" "$secs")
  fi
  [ "$status" -eq 0 ] || line="$line  <- exit status $status"
  [ "$name" != size ] || line="$line  $(grep '^size: ' "$log" | tail -1)"
  summary+=("$line")
  if [ "$status" -ne 0 ]; then
    cleanup
    print_summary
    echo "FAILED at step: $name (exit status $status; log: $log)"
    echo "total: $total_passed passed, $((total_failed > 0 ? total_failed : 1)) failed"
    exit 1
  fi
}

wasm_test() {
  local driver
  driver="$(command -v chromedriver)" || { echo "chromedriver not found on PATH"; return 1; }
  echo "chromedriver: $driver ($("$driver" --version | head -1))"
  [ -f "$ROOT/webdriver.json" ] || { echo "webdriver.json missing at the crate root"; return 1; }
  wasm-pack test --headless --chrome --chromedriver "$driver"
}

wait_for_port() {
  local i
  for i in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$nginx_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

e2e() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$E2E_PORT") 2>/dev/null; then
    echo "port $E2E_PORT is already in use: stop that server or set E2E_PORT"
    return 1
  fi
  "$ROOT/scripts/test-site.sh" "$SITE" || return 1
  cp -R "$ROOT/tools/embed-demo" "$SITE/embed-demo"
  # This function runs in the pipeline's subshell: stop nginx when it exits.
  trap cleanup EXIT
  local conf
  conf="$("$ROOT/scripts/nginx-conf.sh" e2e "$E2E_PORT" "$SITE")" || return 1
  nginx -p "$(dirname "$conf")/" -c "$conf" -e stderr &
  nginx_pid=$!
  wait_for_port "$E2E_PORT" || { echo "nginx did not start on port $E2E_PORT"; return 1; }
  echo "serving $SITE on http://127.0.0.1:$E2E_PORT/ (nginx pid $nginx_pid)"
  mkdir -p "$SCREENSHOTS"
  local status=0
  E2E_BASE_URL="http://127.0.0.1:$E2E_PORT/" \
    node --test --test-concurrency=1 --test-reporter=spec ${E2E_FILES:-tests/e2e/} || status=$?
  cleanup
  echo "screenshots: $SCREENSHOTS/"
  return "$status"
}

# The benchmarks must keep running: one short pass of each, printing its
# figures; the committed results (tools/bench/results) stay as measured.
bench_smoke() {
  local out="$ROOT/target/bench/smoke"
  rm -rf "$out" && mkdir -p "$out" || return 1
  BENCH_RESULTS="$out" RUNS=1 CONDITIONS=none "$ROOT/tools/bench/run.sh" measure || return 1
  BENCH_RESULTS="$out" node "$ROOT/tools/bench/search.mjs" --sizes 1 --runs 1 --engines ours || return 1
  [ -s "$out/latest.md" ] && [ -s "$out/search.json" ] || { echo "bench: no figures written"; return 1; }
}

step setup       check "$ROOT/scripts/setup.sh"
step fmt         check cargo fmt --check
step tools       tests node --test --test-reporter=spec tests/minify-imports.test.mjs tests/order-functions.test.mjs
step clippy      check cargo clippy --workspace --all-targets -- -D warnings
step clippy-wasm check cargo clippy --workspace --target wasm32-unknown-unknown --all-targets -- -D warnings
step cargo-test  tests cargo test
step wasm-test   tests wasm_test
step build       check env SKIP_SETUP=1 "$ROOT/scripts/build.sh"
step size        check "$ROOT/scripts/size-report.sh"
step engines     check "$ROOT/scripts/check-engines.sh"
step e2e         tests e2e
step bench       check bench_smoke

print_summary
echo "screenshots: $SCREENSHOTS/"
if [ "$ONLY" = "  " ]; then echo "ALL STEPS PASSED"; else echo "SELECTED STEPS PASSED:$ONLY"; fi
# The closing line in the plain form CI reads: "total: N passed, N failed".
echo "total: $total_passed passed, $total_failed failed"
