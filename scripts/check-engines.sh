#!/usr/bin/env bash
# Which WebAssembly features the built module uses, and whether the oldest
# engines we support run it (docs/deploy.md, "Old webviews": Android WebView /
# Chrome 69+, iOS 12+, i.e. WebAssembly 1.0 "MVP" and nothing after it).
# Prints the feature set; exits non-zero when the module needs more.
# Argument: the module to check; default every module in dist/assets/.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

shopt -s nullglob
if [ -z "${1:-}" ]; then
  # Every module the build wrote: the app's and the one loaded on first use
  # (lazy/), which the same webviews run.
  modules=(dist/assets/*.wasm)
  [ "${#modules[@]}" -ge 2 ] || die "expected the app's and the second module in dist/assets/ (run scripts/build.sh)"
  status=0
  for m in "${modules[@]}"; do "$0" "$m" || status=1; done
  exit "$status"
fi
wasm="$1"
[ -f "$wasm" ] || die "no module $wasm"

# The module as text (every feature allowed, so that nothing is hidden), then
# the instructions and types each post-1.0 feature brings.
text="$(mktemp)"
trap 'rm -f "$text"' EXIT
# Data segments are strings, not code: leave them out of the search.
wasm-dis "$wasm" -all | grep -v '^ (data ' >"$text"
declare -A marks=(
  [sign-ext]='i(32|64)\.extend(8|16|32)_s'
  [nontrapping-float-to-int]='trunc_sat'
  [bulk-memory]='(memory|table)\.(copy|fill|init)|(data|elem)\.drop'
  [reference-types]='externref|ref\.(null|func|is_null)|table\.(get|set|grow|size)'
  [multivalue]='\(result [a-z0-9]+ [a-z0-9]+'
  [simd]='v128'
  [tail-call]='return_call'
  [exceptions]='\b(try|throw|rethrow)\b'
  [threads]='atomic|\(shared|memory\.atomic'
)
# Mutable globals may be imported or exported only with the mutable-globals
# feature (Chrome 74): look for exports of globals declared `(mut …)`.
mutable_exports=0
while read -r name; do
  if grep -qF "(global $name))" < <(grep -F '(export "' "$text"); then mutable_exports=$((mutable_exports + 1)); fi
done < <(grep -oE '^ \(global \$[^ ]+ \(mut' "$text" | awk '{print $2}')
mutable_imports="$(grep -cE '^ \(import [^(]*\(global [^ ]* \(mut' "$text" || true)"
used=()
[ $((mutable_exports + mutable_imports)) -eq 0 ] || used+=("mutable-globals ($((mutable_exports + mutable_imports)) imported or exported)")
for feature in "${!marks[@]}"; do
  n="$(grep -cE "${marks[$feature]}" "$text" || true)"
  [ "$n" -eq 0 ] || used+=("$feature ($n lines)")
done
echo "module: $wasm ($(wc -l <"$text") lines of text)"
if [ "${#used[@]}" -eq 0 ]; then
  echo "features: WebAssembly 1.0 (MVP) only: runs on Chrome / Android WebView 69+ and iOS 12+ as documented"
  exit 0
fi
printf 'features beyond WebAssembly 1.0: %s\n' "${used[@]}"
echo "FAIL: the oldest supported webviews (Chrome 69, iOS 12) cannot run this module"
exit 1
