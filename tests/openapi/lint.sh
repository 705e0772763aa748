#!/usr/bin/env bash
# Lints docs/openapi.yaml with Redocly CLI: installs npm @redocly/cli (exact version and integrity pinned by
# package-lock.json beside this script) into DEST with `npm ci` (--prefer-offline: from npm's cache when it is
# there; quick when DEST is up to date), then `redocly lint` with the rules in redocly.yaml. Telemetry and the
# update check are off: the lint needs no network once installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:?usage: lint.sh DEST OPENAPI.yaml}
document=${2:?usage: lint.sh DEST OPENAPI.yaml}
command -v node >/dev/null || { echo "node is missing: run scripts/deps.sh (Debian package nodejs)" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is missing: run scripts/deps.sh (Debian package npm)" >&2; exit 1; }
mkdir -p "$dest"
if ! [ -x "$dest/node_modules/.bin/redocly" ] || ! cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$dest/"
  (cd "$dest" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
"$dest/node_modules/.bin/redocly" lint --config "$here/redocly.yaml" --format stylish "$document"
