#!/usr/bin/env bash
# Usage: scripts/nginx-conf.sh NAME PORT ROOT [ACCESS_LOG]
# Writes target/nginx/NAME/nginx.conf (from deploy/nginx/local.conf.in) serving
# ROOT on 127.0.0.1:PORT with the production deploy/nginx/epaper.conf, checks it
# with `nginx -t`, and prints its path. Run it with
#   nginx -p target/nginx/NAME/ -c target/nginx/NAME/nginx.conf
# (foreground: the config says `daemon off`). pid, logs and temp files stay
# under target/nginx/NAME/.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

[ "$#" -ge 3 ] || die "usage: $0 NAME PORT ROOT [ACCESS_LOG]"
name="$1" port="$2" site="$(cd "$3" && pwd)"
dir="$ROOT/target/nginx/$name"
access_log="${4:-$dir/access.log}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || die "nginx not found (scripts/setup.sh installs nginx-light)"

mkdir -p "$dir/tmp"

# ngx_brotli: the filter (on the fly) and the static (precompressed .br) modules.
modules=/usr/lib/nginx/modules
brotli_filter="$modules/ngx_http_brotli_filter_module.so"
brotli_static="$modules/ngx_http_brotli_static_module.so"
if [ -f "$brotli_filter" ] && [ -f "$brotli_static" ]; then
  load_brotli="load_module $brotli_filter; load_module $brotli_static;"
  cp "$ROOT/deploy/nginx/epaper.conf" "$dir/epaper.conf"
else
  load_brotli="# brotli modules not installed: brotli lines removed from epaper.conf"
  grep -v '# brotli$' "$ROOT/deploy/nginx/epaper.conf" >"$dir/epaper.conf"
fi

# As root, nginx would switch its workers to `nobody`; keep the current user so
# that they can read the site wherever it is.
if [ "$(id -u)" -eq 0 ]; then
  user_line="user $(id -un) $(id -gn);"
else
  user_line="# not root: workers run as $(id -un)"
fi

sed -e "s#@LOAD_BROTLI@#$load_brotli#" \
    -e "s#@USER@#$user_line#" \
    -e "s#@DIR@#$dir#g" \
    -e "s#@PORT@#$port#g" \
    -e "s#@ROOT@#$site#g" \
    -e "s#@ACCESS_LOG@#$access_log#g" \
    "$ROOT/deploy/nginx/local.conf.in" >"$dir/nginx.conf"

"$NGINX" -q -t -p "$dir/" -c "$dir/nginx.conf" -e stderr >&2
echo "$dir/nginx.conf"
