#!/usr/bin/env bash
# An interleaved A/B of the tap (and the loads before it) between two builds
# under the same bench code: tools/bench/ab.sh DIST_A DIST_B [ROUNDS]
# Stages each dist/ as a bench site (scripts/test-site.sh + make-baseline.mjs),
# serves them in turn from one nginx (a symlink switched between rounds; the
# production config, BENCH_PORT, default 8921), and runs measure.mjs with
# TAP_ONLY=1 (CONDITIONS default mobile, RUNS default 5) ROUNDS times (default
# 2) per side, alternating A B B A ... Results: target/bench/ab/<A|B>-<round>/
# latest.json; a summary (median, min–max of every run of a side) at the end.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/env.sh
source "$BENCH/../../scripts/env.sh"
cd "$ROOT"
A="$(realpath "${1:?usage: tools/bench/ab.sh DIST_A DIST_B [ROUNDS]}")"
B="$(realpath "${2:?usage: tools/bench/ab.sh DIST_A DIST_B [ROUNDS]}")"
ROUNDS="${3:-2}"
OUT="$ROOT/target/bench/ab"
mkdir -p "$OUT"
keep="$(mktemp -d)"
cp -a dist "$keep/dist" 2>/dev/null || true
for side in A B; do
  src="$A"; [ "$side" = B ] && src="$B"
  if [ "${RESTAGE:-1}" = 1 ] || [ ! -d "$OUT/site-$side" ]; then
    rm -rf dist && cp -a "$src" dist
    scripts/test-site.sh "$OUT/site-$side" >/dev/null
    node "$BENCH/make-baseline.mjs" "$OUT/site-$side" >/dev/null
  fi
done
rm -rf dist
[ -d "$keep/dist" ] && mv "$keep/dist" dist
PORT="${BENCH_PORT:-8921}"
ln -sfn "site-A" "$OUT/site"
conf="$(scripts/nginx-conf.sh bench "$PORT" "$OUT/site" "$OUT/access.log")"
nginx -p "$(dirname "$conf")/" -c "$conf" -e stderr &
nginx_pid=$!
trap 'kill "$nginx_pid" 2>/dev/null || true' EXIT
sleep 1
export BENCH_BASE_URL="http://127.0.0.1:$PORT/" CONDITIONS="${CONDITIONS:-mobile}" RUNS="${RUNS:-5}" TAP_ONLY=1
for round in $(seq 1 "$ROUNDS"); do
  order="A B"; [ $((round % 2)) = 0 ] && order="B A"
  for side in $order; do
    ln -sfn "site-$side" "$OUT/site"
    log "ab: round $round, $side ($(uptime | sed 's/.*load/load/'))"
    BENCH_SITE="$OUT/site-$side" BENCH_RESULTS="$OUT/$side-$round" node "$BENCH/measure.mjs"
  done
done
node - "$OUT" "$ROUNDS" <<'JS'
const fs = require('fs');
const [out, rounds] = [process.argv[2], Number(process.argv[3])];
const med = (v) => { const s = v.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };
for (const side of ['A', 'B']) {
  for (const site of ['epaper', 'baseline']) {
    const all = {};
    const perRound = [];
    for (let r = 1; r <= rounds; r++) {
      const m = JSON.parse(fs.readFileSync(`${out}/${side}-${r}/latest.json`, 'utf8')).measure;
      for (const c of Object.values(m.conditions)) {
        for (const k of ['tap', 'tapNow', 'tapFrame', 'paintedWarm']) (all[k] ||= []).push(...(c[site][k]?.runs ?? []));
        perRound.push(Math.round(c[site].tap.median));
      }
    }
    const f = (k) => { const v = all[k].filter(Number.isFinite); return `${k} ${Math.round(med(v))} (${Math.round(Math.min(...v))}–${Math.round(Math.max(...v))}, n=${v.length})`; };
    console.log(`${side} ${site}: ${['tap', 'tapNow', 'tapFrame', 'paintedWarm'].map(f).join('; ')}; tap medians per round ${perRound.join('/')}`);
  }
}
JS
