#!/bin/sh
# Makes tests/fixtures/xlsx/typed-*.xlsx, the same typed cells written by
# three programs, for tests/unit/test_xlsx.c (which reads them all the
# same): openpyxl (typed_openpyxl.py), LibreOffice Calc (the openpyxl file
# with formulas, opened and saved again by headless soffice, which stores
# their values) and libxlsxwriter (typed_xlsxwriter.c).  The files are
# committed; run this again only to change them.
#   sh tests/tools/make_xlsx_fixtures.sh
set -eu
cd "$(dirname "$0")/../.."
OUT=tests/fixtures/xlsx
T=$(mktemp -d /tmp/shiryo-xlsx-fixtures.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$OUT"
/usr/bin/python3 tests/tools/typed_openpyxl.py "$OUT/typed-openpyxl.xlsx"
/usr/bin/python3 tests/tools/typed_openpyxl.py "$T/typed-calc.xlsx" --formulas
soffice --headless --norestore "-env:UserInstallation=file://$T/profile" \
  --convert-to xlsx --outdir "$T/calc" "$T/typed-calc.xlsx" >/dev/null
cp "$T/calc/typed-calc.xlsx" "$OUT/typed-calc.xlsx"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o "$T/typed_xlsxwriter" \
  tests/tools/typed_xlsxwriter.c $(pkg-config --cflags --libs xlsxwriter)
"$T/typed_xlsxwriter" "$OUT/typed-xlsxwriter.xlsx"
ls -l "$OUT"
