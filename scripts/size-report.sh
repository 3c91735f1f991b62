#!/usr/bin/env bash
# Usage: scripts/size-report.sh [DIST_DIR]   (default dist/)
# What a reader downloads on first load, as the server sends it: raw, gzip and
# brotli of the wasm, the JS glue, the boot script, the CSS bundle and index.html.
# The second module (changji_epaper_lazy*: the article reader and what a
# reader reaches by a second action, asked for by the boot script once the
# first module runs) is not part of the first load: it is listed below it,
# with its own total, and is not counted against the budget.
# Hashed assets are sent as the precompressed files scripts/build.sh writes
# beside them (zopfli gzip and brotli -q 11: NAME.gz, NAME.br), and their sizes are
# used; a file without them (and index.html) is measured at nginx's on-the-fly
# level 6 (deploy/nginx/epaper.conf), and a missing .gz/.br is a failure.
# Budget on the gzip total: target <= 150 KB; FAIL (exit 1) above 250 KB.
# KB = 1024 bytes. Also written to target/size-report.txt.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
dist="${1:-$ROOT/dist}"
TARGET_KB=150
LIMIT_KB=250
FLY_LEVEL=6  # gzip_comp_level / brotli_comp_level in deploy/nginx/epaper.conf
[ -f "$dist/index.html" ] || die "no $dist/index.html: run scripts/build.sh first"
command -v brotli >/dev/null || die "brotli CLI missing (scripts/setup.sh installs it)"

shopt -s nullglob
rows=() lazy=()
for f in "$dist"/assets/*_bg.*.wasm; do
  case "$(basename "$f")" in
    changji_epaper_lazy*) lazy+=("lazy wasm|$f") ;;
    *) rows+=("wasm|$f") ;;
  esac
done
for f in "$dist"/assets/*.js; do
  case "$(basename "$f")" in
    boot.*) rows+=("boot script|$f") ;;
    changji_epaper_lazy*) lazy+=("lazy glue|$f") ;;
    *) rows+=("JS glue|$f") ;;
  esac
done
for f in "$dist"/assets/*.css; do
  case "$(basename "$f")" in
    changji_epaper_lazy*) lazy+=("lazy CSS|$f") ;;
    *) rows+=("CSS|$f") ;;
  esac
done
rows+=("index.html|$dist/index.html")

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

out="$ROOT/target/size-report.txt"
mkdir -p "$ROOT/target"
missing=()
line() { printf '%-12s %-40s %10s %10s %10s  %s\n' "$@"; }
# table ROW...: one line per row, then the total; sets sum_raw/sum_gz/sum_br.
table() {
  sum_raw=0 sum_gz=0 sum_br=0
  for row in "$@"; do
    kind="${row%%|*}" f="${row#*|}"
    raw=$(wc -c <"$f")
    if [ -f "$f.gz" ] && [ -f "$f.br" ]; then
      gz=$(wc -c <"$f.gz") br=$(wc -c <"$f.br") how="precompressed"
    else
      gz=$(gzip "-$FLY_LEVEL" -c "$f" | wc -c) br=$(brotli -q "$FLY_LEVEL" -c "$f" | wc -c)
      how="on the fly ($FLY_LEVEL)"
      case "$f" in */assets/*) missing+=("$(basename "$f")") ;; esac
    fi
    sum_raw=$((sum_raw + raw)) sum_gz=$((sum_gz + gz)) sum_br=$((sum_br + br))
    line "$kind" "$(basename "$f")" "$(kb "$raw")" "$(kb "$gz")" "$(kb "$br")" "$how"
  done
}
{
  line "part" "file" "raw" "gzip" "brotli" "sent as"
  line "------------" "----------------------------------------" "----------" "----------" "----------" "----------------"
  table "${rows[@]}"
  total_gz=$sum_gz total_br=$sum_br
  line "total" "first load" "$(kb "$sum_raw")" "$(kb "$sum_gz")" "$(kb "$sum_br")"
  if [ "${#lazy[@]}" -gt 0 ]; then
    echo
    echo "the second module (the reader, search, 往期, photo, 听新闻, 字号, 下载本期; asked for once the first module runs), not in the first load:"
    table "${lazy[@]}"
    line "total" "second module" "$(kb "$sum_raw")" "$(kb "$sum_gz")" "$(kb "$sum_br")"
  fi
} >"$out"
cat "$out"

if [ "${#missing[@]}" -gt 0 ]; then
  echo "size: FAIL: no precompressed .gz/.br beside ${missing[*]} (scripts/build.sh writes them)" | tee -a "$out"
  exit 1
elif [ "$total_gz" -gt $((LIMIT_KB * 1024)) ]; then
  echo "size: FAIL: first load $(kb "$total_gz") gzip, above the $LIMIT_KB KB limit (target $TARGET_KB KB)" | tee -a "$out"
  exit 1
elif [ "$total_gz" -gt $((TARGET_KB * 1024)) ]; then
  echo "size: WARN: first load $(kb "$total_gz") gzip ($(kb "$total_br") brotli), above the $TARGET_KB KB target (limit $LIMIT_KB KB)" | tee -a "$out"
else
  echo "size: ok: first load $(kb "$total_gz") gzip ($(kb "$total_br") brotli; target $TARGET_KB KB, limit $LIMIT_KB KB)" | tee -a "$out"
fi
