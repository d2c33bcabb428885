#!/bin/sh
# Installs the Debian packages shiryo needs for a stage ("build" or "test")
# when they are missing.  As root it runs apt-get; otherwise it prints the
# exact command to run and fails.
set -eu
stage=${1:-build}

build_pkgs="gcc make pkg-config libc6-dev libhpdf-dev libharfbuzz-dev libcmark-dev libutf8proc-dev fonts-ipaexfont-gothic"
test_pkgs="libcriterion-dev poppler-utils qpdf libxml2-utils chromium"
# The site tests (tests/site) run Node.js and npm.  A machine may already
# have them from another source (whose nodejs package provides npm and
# conflicts with Debian's): Debian's packages are installed only when the
# commands are missing.
node_pkgs="nodejs npm"

case "$stage" in
  build) want="$build_pkgs" ;;
  test) want="$build_pkgs $test_pkgs" ;;
  *) echo "setup.sh: unknown stage '$stage' (expected build or test)" >&2; exit 2 ;;
esac

missing=""
if [ "$stage" = test ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
  want="$want $node_pkgs"
fi
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "shiryo needs these Debian packages:$missing" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi

echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
