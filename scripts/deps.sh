# Sourced by scripts/demo, scripts/test and scripts/bench: installs what CertDesk needs on Debian 12.
# Quick when everything is there already (one dpkg query, no apt-get).

CERTDESK_PACKAGES=(
  # build
  cmake ninja-build ccache g++ pkg-config
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-translations-l10n qt6-qpa-plugins
  # crypto, tokens, server
  libssl-dev openssl libp11-dev libp11-kit-dev libqrcodegencpp-dev libcpp-httplib-dev libsqlite3-dev libpq-dev
  # the service's allocator (server/CMakeLists.txt)
  libgoogle-perftools-dev
  # server benchmark (scripts/bench server)
  wrk curl jq
  # several service instances on PostgreSQL behind HAProxy (tests/server/tst_server_cluster, the *_pg suites)
  postgresql haproxy
  # tests: tokens, documents, QR, display
  softhsm2 opensc poppler-utils zbar-tools xvfb xauth
  # scanning (SANE; the tests use its virtual "test" backend)
  libsane-dev sane-utils
  # reading the QR code of a stamped form that comes back (core/documents LetterQrReader)
  libzxing-dev
  # CJK fonts for the UI and embedded in PDFs
  fonts-noto-cjk
  # kiosk touch keyboard: pinyin on librime (luna_pinyin_simp, simplified through OpenCC)
  librime-dev librime1 rime-data-luna-pinyin rime-prelude rime-essay
  # kiosk screenshots on a bare X server (import -window root)
  imagemagick
  # docs/openapi.yaml: every recorded response validated with JSON Schema 2020-12 (tests/openapi)
  python3-jsonschema python3-yaml
  # the client package's menu entry and AppStream metadata (installer/check-client-entry.sh)
  desktop-file-utils appstream
)

# scripts/package and scripts/package-test: CPack's dependency scan (dpkg-shlibdeps), the system user,
# systemd-analyze (PID 1 need not be systemd).
CERTDESK_PACKAGING_PACKAGES=(dpkg-dev adduser systemd curl)

# Needed as commands rather than as Debian packages: a node from elsewhere (NodeSource's nodejs bundles npm
# and conflicts with Debian's npm package) is fine. command:Debian package.
CERTDESK_COMMANDS=(
  # tests: the SM2 cross-check with npm sm-crypto (tests/support/sm2-verifier) and the provider simulator
  # (tests/support/provider-simulator, node only, no npm packages)
  node:nodejs npm:npm
)

certdesk_install_deps() {
  local missing=()
  local p
  local wanted=("${CERTDESK_PACKAGES[@]}")
  # certdesk_install_deps packaging: the packaging tools as well.
  [ "${1:-}" = packaging ] && wanted+=("${CERTDESK_PACKAGING_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  for p in "${CERTDESK_COMMANDS[@]}"; do
    command -v "${p%%:*}" >/dev/null 2>&1 || missing+=("${p#*:}")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "certdesk: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
