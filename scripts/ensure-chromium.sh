#!/usr/bin/env bash
# The Swagger UI browser test (test/contract/swagger-ui.e2e-spec.ts) runs in Debian's headless
# chromium. `npm test` calls this first: as root with apt-get (CI, a container) it installs the
# package when it is missing; anywhere else it stops the run with what to install.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "== installing chromium for the Swagger UI browser test (apt-get install -y chromium)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The Swagger UI browser test needs chromium at $CHROMIUM: apt-get install -y chromium, or set CHROMIUM_PATH to a chromium binary." >&2
exit 1
