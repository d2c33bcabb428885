#!/bin/sh
# Installs the Debian packages shiryo needs for a stage when they are
# missing: "build" (gettext's msgfmt builds the message catalogues), "test"
# (adds the test tools, a decimal-comma locale, de_DE.UTF-8, for the locale
# test, ja_JP.UTF-8 for the Japanese messages, and the Debian packaging tools for
# tests/integration/deb.sh), "fuzz" (clang's libFuzzer), "bench"
# (hyperfine, GNU time) or "deb" (debhelper and lintian, for make deb).
# As root it runs apt-get; otherwise it prints the exact command to run and
# fails.
set -eu
stage=${1:-build}

build_pkgs="gcc make pkg-config libc6-dev libhpdf-dev libharfbuzz-dev libcmark-dev libutf8proc-dev libzip-dev libexpat1-dev libxlsxwriter-dev gettext fonts-ipaexfont-gothic"
test_pkgs="libcriterion-dev poppler-utils qpdf libxml2-utils libreoffice-calc libreoffice-impress python3-openpyxl python3-pikepdf unzip chromium locales valgrind python3 man-db git curl"
fuzz_pkgs="clang"
bench_pkgs="hyperfine time python3 poppler-utils"
# make deb: dpkg-buildpackage with debhelper, and lintian (the Build-Depends
# of debian/control are build_pkgs).
deb_pkgs="build-essential debhelper dpkg-dev lintian fakeroot"
# The site tests (tests/site) run Node.js and npm.  A machine may already
# have them from another source (whose nodejs package provides npm and
# conflicts with Debian's): Debian's packages are installed only when the
# commands are missing.
node_pkgs="nodejs npm"

case "$stage" in
  build) want="$build_pkgs" ;;
  test) want="$build_pkgs $test_pkgs $deb_pkgs" ;;
  fuzz) want="$build_pkgs $fuzz_pkgs" ;;
  bench) want="$build_pkgs $bench_pkgs" ;;
  deb) want="$build_pkgs $deb_pkgs" ;;
  *) echo "setup.sh: unknown stage '$stage' (expected build, test, fuzz, bench or deb)" >&2; exit 2 ;;
esac

# The site tests' Node packages (tests/site/package.json) are pinned to
# versions that run on Debian 12's own nodejs (18) and npm (9): the
# newest playwright-core and parse5 (with its entities) that still do.
node_ok() {
  [ "$stage" = test ] || return 0
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 18 ]; then
    echo "shiryo's site tests need Node.js 18 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
    echo "Install Debian's nodejs and npm packages (apt-get install nodejs npm) and run make test again." >&2
    return 1
  fi
}

missing=""
if [ "$stage" = test ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
  want="$want $node_pkgs"
fi
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# The locale test needs a decimal-comma locale, the messages' tests a
# Japanese one (bad.sh runs the corpus under both C and ja_JP.UTF-8).
test_locales="de_DE ja_JP"
has_locale() { locale -a 2>/dev/null | grep -qi "^$1\.utf-\?8$"; }
need_locale=0
if [ "$stage" = test ]; then
  for l in $test_locales; do has_locale "$l" || need_locale=1; done
fi
if [ -z "$missing" ] && [ "$need_locale" = 0 ]; then
  node_ok || exit 1
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if [ "$need_locale" = 1 ] && [ -z "$missing" ]; then
    echo "shiryo's tests need the de_DE.UTF-8 and ja_JP.UTF-8 locales. Generate them with:" >&2
    for l in $test_locales; do
      has_locale "$l" || echo "  sudo localedef -i $l -f UTF-8 $l.UTF-8" >&2
    done
    exit 1
  fi
  echo "shiryo needs these Debian packages:$missing" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi

if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing
fi
if [ "$stage" = test ]; then
  for l in $test_locales; do
    if ! has_locale "$l"; then
      echo "setup: generating the $l.UTF-8 locale"
      localedef -i "$l" -f UTF-8 "$l.UTF-8"
    fi
  done
fi
node_ok || exit 1
