#!/usr/bin/env bash
# The client package's menu entry and icon, checked on what `cmake --install --component client` puts into a
# staging root (what CPack packs into the certdesk .deb): the desktop entry validates (desktop-file-validate),
# its Exec and TryExec programs are installed, its Icon is found where the Icon Theme Specification looks
# (hicolor, scalable or a size), and the AppStream metadata validates and names the entry.
# usage: check-client-entry.sh BUILD_DIR STAGING_DIR
set -euo pipefail
build=${1:?usage: check-client-entry.sh BUILD_DIR STAGING_DIR}
stage=${2:?usage: check-client-entry.sh BUILD_DIR STAGING_DIR}
rm -rf "$stage"
DESTDIR="$stage" cmake --install "$build" --component client --prefix /usr >/dev/null
entry="$stage/usr/share/applications/certdesk.desktop"
[ -f "$entry" ] || { echo "no menu entry at $entry" >&2; exit 1; }
desktop-file-validate "$entry"
for key in Exec TryExec; do
  program=$(sed -n "s/^$key=\([^ ]*\).*/\1/p" "$entry")
  [ -x "$stage/usr/bin/$program" ] || { echo "$key=$program is not installed in usr/bin" >&2; exit 1; }
done
icon=$(sed -n 's/^Icon=//p' "$entry")
found=$(find "$stage/usr/share/icons/hicolor" -path '*/apps/*' \( -name "$icon.svg" -o -name "$icon.png" \) | head -1)
[ -n "$found" ] || { echo "Icon=$icon is not installed under share/icons/hicolor/*/apps" >&2; exit 1; }
metainfo=$(ls "$stage"/usr/share/metainfo/*.metainfo.xml)
appstreamcli validate --no-net --pedantic "$metainfo" >/dev/null || appstreamcli validate --no-net "$metainfo"
grep -q '<launchable type="desktop-id">certdesk.desktop</launchable>' "$metainfo"
echo "menu entry, icon ($found) and AppStream metadata: OK"
