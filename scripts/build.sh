#!/usr/bin/env bash
# Release build of the e-paper into dist/:
#   1. wasm-pack (target no-modules: a classic script, so old webviews still run
#      web/boot.js and its fallback) into pkg/, with the pinned nightly building
#      std for WebAssembly 1.0 (-Ctarget-cpu=mvp -Zbuild-std; see env.sh) and
#      the size flags RELEASE_RUSTFLAGS (env.sh: no panic machinery, locations
#      or Debug text in the module)
#   1b. the second module (lazy/: the article reader, search, 往期 and the
#      reader's panels, asked for once the first module runs) with cargo and
#      the wasm-bindgen CLI into pkg/lazy/, its
#      glue's global named changji_lazy (the app's is wasm_bindgen)
#   2. wasm-opt -Oz --converge (binaryen 132 from node_modules;
#      functions then ordered for gzip by scripts/order-functions.mjs;
#      wasm-pack's own run is off in Cargo.toml) with no post-MVP feature
#      allowed: it fails on any that slips in
#   2a. scripts/minify-imports.mjs: short import/export names in each
#      module and its glue, checked against each other
#   2b. esbuild lowers the glue's syntax for Chrome 69 / Safari 12 (it uses `?.`)
#      and minifies it, the boot script (kept ES5) and the CSS bundle
#   3. dist/: content-hashed assets/ (glue JS, wasm, boot script, CSS bundle, icon;
#      the second module's glue, wasm and stylesheet of styles/lazy/*.css),
#      each with gzip (zopfli) and brotli -q 11 copies beside it (.gz, .br: nginx sends
#      them as they are), the app shell (index.html with them, as
#      dist/.shell.html), editions/ copied
#   3b. dist/sw.js, the service worker (web/sw.js), with this build's version
#      and the list of its hashed assets to precache; never hashed itself
#      (its address is what browsers check for updates)
#   4. the publish step (src/bin/publish.rs): one HTML page per edition, page and
#      article from the shell, plus 404.html, archive/, sitemaps, robots.txt, feed
# Environment: SKIP_SETUP=1 skips scripts/setup.sh (test.sh has just run it);
# SITE_BASE (default /) is the site's base path, as given to publish --base.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

if [ "${SKIP_SETUP:-0}" != 1 ]; then
  "$ROOT/scripts/setup.sh"
fi

# WebAssembly 1.0 only: the oldest webviews we support (Chrome 69, iOS 12) know
# nothing newer. binaryen validates against this set, so a module that uses any
# later feature fails the build here instead of on readers' phones.
WASM_FEATURES=(--mvp-features)
# The glue's JavaScript syntax, lowered to ES2018 (what Chrome 69 and iOS 12 parse).
JS_TARGET="es2018"

# optimize_for_size: std's smaller code for sorting and formatting (-4.0 KB gzip).
log "build: wasm-pack build --release --target no-modules ($RELEASE_TOOLCHAIN, WebAssembly 1.0)"
RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN" RUSTFLAGS="-Ctarget-cpu=mvp $RELEASE_RUSTFLAGS" \
  CARGO_TARGET_DIR="$ROOT/target/mvp" \
  wasm-pack build . --release --target no-modules --no-typescript --no-pack --out-dir pkg \
  -- -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size

# The second module: cargo itself (wasm-pack cannot name the glue's global),
# the same toolchain and flags; built alone so that the main crate comes in
# without its `app` feature (no start function in this module).
log "build: lazy module (cargo + wasm-bindgen --no-modules-global changji_lazy)"
RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN" RUSTFLAGS="-Ctarget-cpu=mvp $RELEASE_RUSTFLAGS" \
  CARGO_TARGET_DIR="$ROOT/target/mvp" \
  cargo build --quiet -p changji-epaper-lazy --release --target wasm32-unknown-unknown \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
rm -rf pkg/lazy
wasm-bindgen --target no-modules --no-modules-global changji_lazy --no-typescript \
  --out-dir pkg/lazy target/mvp/wasm32-unknown-unknown/release/changji_epaper_lazy.wasm
[ ! -d pkg/lazy/snippets ] || die "pkg/lazy/snippets exists: not possible with --target no-modules"

shopt -s nullglob
wasm_in=(pkg/*_bg.wasm)
[ "${#wasm_in[@]}" -eq 1 ] || die "expected one pkg/*_bg.wasm, found: ${wasm_in[*]:-none}"
stem="$(basename "${wasm_in[0]}" _bg.wasm)"
glue="pkg/$stem.js"
[ -f "$glue" ] || die "missing wasm-bindgen glue $glue"
if [ -d pkg/snippets ]; then
  die "pkg/snippets exists: inline_js/module snippets do not work with --target no-modules"
fi

mkdir -p target/build
opt="target/build/${stem}_bg.opt.wasm"
# --converge repeats -Oz while the module still shrinks (0.4 KB gzip; --gufa
# before it measured no better, docs/deploy.md). --low-memory-unused: nothing
# lives below address 1024 (Rust puts the stack first, growing down from 1 MiB),
# so constant offsets fold into loads and stores (-1.0 KB gzip).
# Then the functions in an order that gzip likes (scripts/order-functions.mjs:
# similar ones side by side, -1.3 KB gzip against binaryen's order by name,
# which was -2.6 KB against none): it names each function by its rank and
# --reorder-functions-by-name puts them in that order.
# optimize IN OUT: the module at IN, optimized, to OUT.
optimize() {
  wasm-opt -Oz --converge --low-memory-unused "${WASM_FEATURES[@]}" --strip-debug --strip-producers \
    "$1" -o "$2.unordered"
  node scripts/order-functions.mjs "$2.unordered" "$2.ranked"
  wasm-opt "${WASM_FEATURES[@]}" --reorder-functions-by-name --strip-debug --strip-producers "$2.ranked" -o "$2"
  rm -f "$2.unordered" "$2.ranked"
}
log "build: wasm-opt -Oz --converge ($(wasm-opt --version)), functions ordered for gzip"
optimize "${wasm_in[0]}" "$opt"
lazy_stem=changji_epaper_lazy
lazy_opt="target/build/${lazy_stem}_bg.opt.wasm"
optimize "pkg/lazy/${lazy_stem}_bg.wasm" "$lazy_opt"

# Short import/export names in each module and its glue: wasm-bindgen's are
# long and both files carry each (scripts/minify-imports.mjs checks the pair
# against each other; -7.1 KB gzip on the first load). Before esbuild, which
# renames the glue's `wasm` variable.
log "build: short import and export names (scripts/minify-imports.mjs)"
node scripts/minify-imports.mjs "$opt" "$glue" "$opt" "target/build/$stem.names.js"
glue="target/build/$stem.names.js"
lazy_glue_in="target/build/$lazy_stem.names.js"
node scripts/minify-imports.mjs "$lazy_opt" "pkg/lazy/$lazy_stem.js" "$lazy_opt" "$lazy_glue_in"
# …and the glue adds the screens' stylesheet, its init waiting for it.
cat web/lazy-style.js >>"$lazy_glue_in"

# Minified: the boot script stays ES5 (esbuild refuses to emit anything newer),
# the CSS keeps to what Chrome 69 / Safari 12 know.
log "build: esbuild --minify (glue lowered to $JS_TARGET, boot script ES5, CSS)"
lowered="target/build/$stem.js"
esbuild "$glue" --minify --target="$JS_TARGET" --log-level=warning --outfile="$lowered"
glue="$lowered"
lazy_glue="target/build/$lazy_stem.js"
esbuild "$lazy_glue_in" --minify --target="$JS_TARGET" --log-level=warning --outfile="$lazy_glue"
boot="target/build/boot.js"
esbuild web/boot.js --minify --target=es5 --log-level=warning --outfile="$boot"

SITE_BASE="${SITE_BASE:-/}"
for tool in brotli zopfli; do
  command -v "$tool" >/dev/null || die "$tool missing (scripts/setup.sh installs it)"
done
# hashed SRC NAME EXT: copy SRC to dist/assets/NAME.<hash>.EXT with its .gz and
# .br beside it, print its URL (absolute: the same shell serves /,
# /2025-05-21/1/ and every article). Compressed once here, as small as the
# formats allow (zopfli's gzip is 4 % smaller than gzip -9; a server compresses
# at level 6): nginx sends them as they are (gzip_static, brotli_static).
# HASH_OF (when not empty): hash these files instead of SRC.
HASH_OF=()
hashed() {
  local src="$1" name="$2" ext="$3" hash out
  hash="$(cat "${HASH_OF[@]:-$src}" | sha256sum | cut -c1-10)"
  out="dist/assets/$name.$hash.$ext"
  cp "$src" "$out"
  zopfli -c "$src" >"$out.gz"
  brotli -q 11 -c "$src" >"$out.br"
  printf '%sassets/%s.%s.%s' "$SITE_BASE" "$name" "$hash" "$ext"
}

log "build: staging dist/"
rm -rf dist
mkdir -p dist/assets

# bundle OUT FILE...: the files one after the other, minified into OUT.
bundle() {
  local out="$1" f
  shift
  : >"$out.in.css"
  for f in "$@"; do
    printf '/* %s */\n' "$f" >>"$out.in.css"
    cat "$f" >>"$out.in.css"
    printf '\n' >>"$out.in.css"
  done
  esbuild "$out.in.css" --minify --target=chrome69,safari12 --log-level=warning --outfile="$out"
}
# CSS bundle: the boot shell first, then styles/*.css in (byte-wise) name order.
# styles/lazy/*.css: the second module's screens, a stylesheet the app adds
# with the module (src/web/lazy_loader.rs), not part of the first load.
css_files=(web/boot.css)
while IFS= read -r f; do css_files+=("$f"); done < <(
  [ -d styles ] && find styles -maxdepth 1 -type f -name '*.css' | LC_ALL=C sort)
css_min="target/build/app.min.css"
bundle "$css_min" "${css_files[@]}"
lazy_css="target/build/$lazy_stem.css"
bundle "$lazy_css" $(find styles/lazy -type f -name '*.css' | LC_ALL=C sort)
css_url="$(hashed "$css_min" app css)"
glue_url="$(hashed "$glue" "$stem" js)"
wasm_url="$(hashed "$opt" "${stem}_bg" wasm)"
boot_url="$(hashed "$boot" boot js)"
icon_url="$(hashed web/favicon.svg favicon svg)"
# Loaded by the app (src/web/lazy_loader.rs; its wasm asked for by web/boot.js
# once the first module runs), not by the shell.
# Its glue and stylesheet by one hash of both: the app finds the stylesheet
# by the glue's name (`….js` → `….css`), and either one changed renames both.
HASH_OF=("$lazy_glue" "$lazy_css")
lazy_js_url="$(hashed "$lazy_glue" "$lazy_stem" js)"
lazy_css_url="$(hashed "$lazy_css" "$lazy_stem" css)"
HASH_OF=()
[ "${lazy_css_url%.css}" = "${lazy_js_url%.js}" ] || die "the lazy glue and stylesheet must share a name"
lazy_wasm_url="$(hashed "$lazy_opt" "${lazy_stem}_bg" wasm)"

# The shell: index.html with the hashed references (checked: none left).
shell="dist/.shell.html"
sed -e "s#href=\"app.css\"#href=\"$css_url\"#" \
    -e "s#href=\"pkg/${stem}_bg.wasm\"#href=\"$wasm_url\"#" \
    -e "s#data-wasm=\"pkg/${stem}_bg.wasm\"#data-wasm=\"$wasm_url\"#" \
    -e "s#src=\"pkg/$stem.js\"#src=\"$glue_url\"#" \
    -e "s#src=\"web/boot.js\"#src=\"$boot_url\"#" \
    -e "s#href=\"web/favicon.svg\"#href=\"$icon_url\"#" \
    -e "s#data-lazy-js=\"pkg/lazy/$lazy_stem.js\"#data-lazy-js=\"$lazy_js_url\"#" \
    -e "s#data-lazy-wasm=\"pkg/lazy/${lazy_stem}_bg.wasm\"#data-lazy-wasm=\"$lazy_wasm_url\"#" \
    -e "s#data-editions=\"editions/index.json\"#data-editions=\"${SITE_BASE}editions/index.json\"#" \
    -e '/<!-- Source file/,/-->/d' \
    index.html >"$shell"
for url in "$css_url" "$glue_url" "$wasm_url" "$boot_url" "$icon_url" "$lazy_js_url" "$lazy_wasm_url"; do
  grep -qF "\"$url\"" "$shell" || die "index.html: no reference rewritten to $url"
done
if grep -nE '"(pkg/|web/)|href="app\.css"' "$shell"; then
  die "index.html: unhashed asset reference left (above)"
fi
if grep -nE '<script>|<script [^>]*>[^<]|style=' "$shell"; then
  die "index.html: inline script or style attribute (not allowed by the CSP)"
fi

# The service worker: web/sw.js with its BUILD line naming this build's assets
# and a version from them (a new build replaces the caches of the old one).
# The second module (glue, stylesheet, wasm) is precached too: it holds the
# reader, every visit asks for it once the page is shown, and offline the
# stories must open (the page may fetch it before the worker controls it).
sw_assets="$(printf '"%s",' "$css_url" "$glue_url" "$wasm_url" "$boot_url" "$icon_url" "$lazy_js_url" "$lazy_css_url" "$lazy_wasm_url")"
sw_version="$(printf '%s' "$sw_assets" | cat - web/sw.js | sha256sum | cut -c1-10)"
sw_line="var BUILD = { version: '$sw_version', assets: [${sw_assets%,}] };"
grep -q '^var BUILD = ' web/sw.js || die "web/sw.js: no 'var BUILD = ' line to replace"
sed "s#^var BUILD = .*#$sw_line#" web/sw.js >dist/sw.js
grep -qF "$sw_version" dist/sw.js || die "dist/sw.js: version not written"

if [ -d editions ]; then
  cp -R editions dist/editions
  log "build: publish (static pages of every edition)"
  cargo run --quiet --bin publish -- --editions editions --out dist --base "$SITE_BASE"
else
  log "build: no editions/ folder: dist/ has no edition"
fi

log "build: done"
(cd dist && find . -type f | LC_ALL=C sort | sed -n 's#^\./#  dist/#; 1,20p')
n="$(find dist -type f | wc -l)"
[ "$n" -le 20 ] || echo "  … ($n files)"
