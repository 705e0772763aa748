#!/usr/bin/env bash
# Installs the SM2 cross-check verifier (sm2-verify.js with npm sm-crypto pinned by package-lock.json) into
# DEST. ctest runs this as the setup fixture of the tests that use it, so a fresh clone gets it from
# scripts/test with nothing done by hand. `npm ci` installs exactly the locked versions and checks their
# integrity hashes; --prefer-offline takes them from npm's cache when they are there (no network needed on a
# machine that installed them once). Quick when DEST is up to date.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:?usage: install.sh DEST}
command -v node >/dev/null || { echo "node is missing: run scripts/deps.sh (Debian package nodejs)" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is missing: run scripts/deps.sh (Debian package npm)" >&2; exit 1; }
mkdir -p "$dest"
cp "$here/sm2-verify.js" "$dest/"
if [ -f "$dest/node_modules/sm-crypto/package.json" ] && cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dest/"
cd "$dest"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error
node -e 'require("sm-crypto"); console.log("sm-crypto " + require("sm-crypto/package.json").version)'
