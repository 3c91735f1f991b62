#!/usr/bin/env bash
# The project's RUN command: set up, build, then serve dist/ with nginx and the
# production config (deploy/nginx/epaper.conf) on http://127.0.0.1:8080/ in the
# foreground, access log on the terminal, until Ctrl-C.
# Environment: PORT (default 8080), SKIP_BUILD=1 to serve the existing dist/.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
PORT="${PORT:-8080}"

"$ROOT/scripts/setup.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  SKIP_SETUP=1 "$ROOT/scripts/build.sh"
fi
[ -f dist/index.html ] || die "no dist/index.html"

# The served site is dist/ (what is deployed) plus the simulated host page.
site="$ROOT/target/serve-site"
rm -rf "$site"
cp -R "$ROOT/dist" "$site"
cp -R "$ROOT/tools/embed-demo" "$site/embed-demo"
conf="$("$ROOT/scripts/nginx-conf.sh" serve "$PORT" "$site" /dev/stdout)"
echo
echo "昌吉日报 数字报: http://127.0.0.1:$PORT/   (serving dist/; Ctrl-C to stop)"
echo "host app simulator: http://127.0.0.1:$PORT/embed-demo/"
echo
exec nginx -p "$(dirname "$conf")/" -c "$conf" -e stderr
