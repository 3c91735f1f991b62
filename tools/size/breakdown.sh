#!/usr/bin/env bash
# Where the app's WebAssembly bytes go, by module of ours and by crate.
# Usage: tools/size/breakdown.sh [lazy] [N]   (after scripts/build.sh)
#   lazy: the second module (search, 往期) instead of the first-load one
#   N: how many of the largest functions to list as well (default 30)
# The release build strips names; this re-runs wasm-bindgen and wasm-opt -Oz
# on cargo's output keeping them (-g), so the figures are those of a build
# like the shipped one, before the short import names (scripts/minify-imports.mjs)
# and compression. Each function counts for the first module of ours named in
# it (a Yew hook's code instantiated for `App` counts for web::app), else for
# its crate. Needs twiggy (cargo install twiggy; not part of the test command).
set -euo pipefail
# shellcheck source=../../scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$ROOT"
command -v twiggy >/dev/null || die "twiggy missing: cargo install twiggy"
stem=changji_epaper
[ "${1:-}" = lazy ] && { stem=changji_epaper_lazy; shift; }
top="${1:-30}"
in="target/mvp/wasm32-unknown-unknown/release/$stem.wasm"
[ -f "$in" ] || die "no $in: run scripts/build.sh first"
out="target/size-breakdown"
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target no-modules --keep-debug --no-typescript --out-dir "$out" "$in"
wasm-opt -g -Oz --converge --low-memory-unused --mvp-features "$out/${stem}_bg.wasm" -o "$out/named.wasm"
twiggy top -n 1000000 --format csv "$out/named.wasm" >"$out/top.csv"
python3 - "$out/top.csv" "$top" <<'EOF'
import collections, csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
hashes = re.compile(r'\[[0-9a-f]{16}\]')
ours = re.compile(r'changji_epaper(?:_lazy)?::([a-z_]+(?:::[a-z_]+){0,2})')
by = collections.Counter()
funcs = []
for r in rows:
    name, size = hashes.sub('', r['Name']), int(r['ShallowSize'])
    if 'function names' in name:
        continue
    m = ours.search(name)
    if m:
        key = 'ours ' + m.group(1)
    elif name.startswith('data segment'):
        key = 'data (constants, strings, vtables)'
    elif name.startswith('import '):
        key = 'imports (names before minify-imports)'
    else:
        m = re.match(r'[<&]*(?:dyn )?([a-z_0-9]+)::', name)
        key = m.group(1) if m else name[:24]
    by[key] += size
    funcs.append((size, name))
total = sum(by.values())
print(f'{total / 1024:.1f} KB raw (named, before short import names)')
for key, size in by.most_common(45):
    print(f'{size / 1024:7.1f} KB {100 * size / total:5.1f} %  {key}')
print(f'\nlargest {sys.argv[2]} functions:')
for size, name in sorted(funcs, reverse=True)[: int(sys.argv[2])]:
    print(f'{size / 1024:7.1f} KB  {name[:160]}')
EOF
