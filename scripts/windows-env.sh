# Sourced by scripts/windows-build, scripts/windows-certdesk and scripts/windows-smoke: the one set of paths
# they share (docs/windows.md).
win_host=x86_64-w64-mingw32
win_cache="${CERTDESK_WINDOWS_CACHE:-$HOME/.cache/certdesk-windows}"
win_src="$win_cache/src"
win_work="$win_cache/build"
win_prefix="$win_cache/prefix"
win_stamps="$win_prefix/.stamps"
win_qt="$win_prefix/qt"
# Git mirrors of upstream repositories, for sources the Debian mirror cannot serve.
win_git="${CERTDESK_WINDOWS_GIT:-/work/.mirror}"
win_jobs="${CERTDESK_WINDOWS_JOBS:-2}"
# CertDesk's Windows build tree, the runnable folder gathered from it, the installer beside it.
win_build="${CERTDESK_WINDOWS_BUILD:-$root/build/windows}"
win_dist="$win_build/dist/CertDesk"
# Wine's prefix for the smoke tests (made on first use).
win_wineprefix="${CERTDESK_WINEPREFIX:-$win_cache/wine}"
