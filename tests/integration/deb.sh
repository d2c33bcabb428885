#!/bin/sh
# The Debian package: `make deb` in a copy of the tree builds
# shiryo_<VERSION>_<arch>.deb with debhelper, and the package holds exactly
# what `make install` installs (tests/install-files.txt), depends on the
# libraries and the font, passes lintian without an error, and is the same
# byte for byte when built again.  Needs dpkg-buildpackage, debhelper and
# lintian (`sh tools/setup.sh test` installs them): without them it fails.
# Prints "N passed, N failed" and exits non-zero on any failure.
#
# The package's file list is tests/install-files.txt (paths under the
# prefix) changed the way debhelper changes an install into /usr:
#   - every path is under usr/;
#   - share/doc/shiryo/LICENSE is not installed (debian/copyright carries
#     the licence) and debhelper adds share/doc/shiryo/copyright and
#     share/doc/shiryo/changelog (gzipped), and the lintian overrides
#     (debian/shiryo.lintian-overrides) as share/lintian/overrides/shiryo;
#   - dh_compress gzips the manual page and the documents over 4 KiB: the
#     check reads usr/share/{man,doc}/…/NAME.gz as NAME (and checks apart
#     that the manual page is gzipped).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/harness.sh
it_begin deb

missing=""
for c in dpkg-buildpackage dh lintian dpkg-deb fakeroot; do
  command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
done
if [ -n "$missing" ]; then
  no "the packaging tools are installed" "missing:$missing (sh tools/setup.sh deb installs them)"
  it_end
fi
ok "the packaging tools are installed"

# make's variables of an enclosing `make test SAN=1` are not this build's.
unset MAKEFLAGS MFLAGS MAKELEVEL
VERSION=$(sed -n 's/^VERSION := *//p' "$ROOT/Makefile")
ARCH=$(dpkg-architecture -qDEB_HOST_ARCH)
DEB=shiryo_${VERSION}_${ARCH}.deb

# A copy of the tree as `make deb` copies it, to build in.
mkdir "$T/src"
(cd "$ROOT" && tar -cf - --exclude=./build --exclude=./out --exclude=node_modules \
  --exclude=./.git --exclude='./shiryo_*.deb' .) | tar -xf - -C "$T/src"
cd "$T/src"
listing() { find . -path ./build -prune -o ! -name 'shiryo_*.deb' -print | sort; }
listing >"$T/before.txt"

check "make deb exits 0" sh -c 'make deb >"$1/make.log" 2>&1 || { tail -6 "$1/make.log"; exit 1; }' sh "$T"
if [ ! -f "$DEB" ]; then
  no "make deb writes $DEB in the top directory" "$(ls shiryo_* 2>&1)"
  it_end
fi
ok "make deb writes $DEB in the top directory"
listing >"$T/after.txt"
check "the tree is left as it was, apart from build/ and the .deb" \
  diff "$T/before.txt" "$T/after.txt"
check "dpkg-buildpackage's other outputs stay in build/deb" \
  sh -c 'ls build/deb/shiryo_*.buildinfo build/deb/shiryo_*.changes && ! ls ../shiryo_* 2>/dev/null'

field() { dpkg-deb -f "$DEB" "$1"; }
check "Package is shiryo" test "$(field Package)" = shiryo
check "Version is the Makefile's ($VERSION)" test "$(field Version)" = "$VERSION"
check "Architecture is $ARCH" test "$(field Architecture)" = "$ARCH"
field Depends | tr ',' '\n' | sed 's/^ *//' >"$T/depends.txt"
for p in fonts-ipaexfont-gothic libhpdf libharfbuzz0b libharfbuzz-subset libcmark libutf8proc; do
  check "Depends includes $p" grep -q "^$p" "$T/depends.txt"
done

# The package's files (not its directories) against the expected list.
dpkg-deb -c "$DEB" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./||' | sort >"$T/deb-files.txt"
sed 's|\.gz$||' "$T/deb-files.txt" | sort >"$T/deb-files-plain.txt"
{
  grep -v '^share/doc/shiryo/LICENSE$' "$ROOT/tests/install-files.txt" | sed 's|^|usr/|'
  echo usr/share/doc/shiryo/changelog
  echo usr/share/doc/shiryo/copyright
  echo usr/share/lintian/overrides/shiryo
} | sort >"$T/expected.txt"
check "the package holds tests/install-files.txt's files, under /usr" \
  diff "$T/expected.txt" "$T/deb-files-plain.txt"
check "the manual page is gzipped" grep -qx 'usr/share/man/man1/shiryo\.1\.gz' "$T/deb-files.txt"
check "the Japanese docs are in share/doc/shiryo/ja/" grep -qx 'usr/share/doc/shiryo/ja/README\.md\(\.gz\)\?' "$T/deb-files.txt"
check "no LICENSE beside debian/copyright" sh -c '! grep -q "doc/shiryo/LICENSE" "$1"' sh "$T/deb-files.txt"

mkdir "$T/root"
dpkg-deb -x "$DEB" "$T/root"
check "the packaged binary runs" sh -c '"$1/root/usr/bin/shiryo" --version | grep -q "^shiryo $2"' sh "$T" "$VERSION"
C=$T/root/usr/share/doc/shiryo/copyright
tr -s ' \n' '  ' <"$C" >"$T/copyright.txt"
check "copyright is machine-readable (DEP-5)" \
  grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$C"
check "copyright gives the project's files under the MIT (Expat) licence" \
  sh -c 'grep -qx "License: Expat" "$1" && grep -q "Permission is hereby granted, free of charge" "$2"' sh "$C" "$T/copyright.txt"
check "copyright names IPAexGothic's licence and where its text is" \
  sh -c 'grep -q "IPAexGothic" "$1" && grep -q "IPA Font License Agreement v1.0" "$1" &&
         grep -q "/usr/share/doc/fonts-ipaexfont-gothic/copyright" "$1"' sh "$T/copyright.txt"

lintian --fail-on error "$DEB" >"$T/lintian.txt" 2>&1
check "lintian reports no error" test $? = 0
if [ -s "$T/lintian.txt" ]; then sed 's/^/       lintian: /' "$T/lintian.txt"; fi

# Reproducible: a second build of the same tree gives the same .deb.
cp "$DEB" "$T/first.deb"
check "a second make deb exits 0" sh -c 'make deb >"$1/make2.log" 2>&1 || { tail -30 "$1/make2.log"; exit 1; }' sh "$T"
check "the second .deb is byte-identical to the first" cmp "$T/first.deb" "$DEB"

it_end
