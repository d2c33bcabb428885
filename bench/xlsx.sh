#!/bin/sh
# The workbook reader on a 100,000-row sheet: `shiryo check` of the
# default deck with one more table, big (100,000 rows of 6 columns,
# 600,000 cells, 22.7 MB of worksheet XML), given once as CSV and once as
# a workbook written by libxlsxwriter (tests/tools/csv_to_xlsxwriter.c).
# Prints user CPU time and peak RSS of each (GNU time).  Not a test.
#   ROWS=100000 SHIRYO=./build/shiryo sh bench/xlsx.sh
set -eu
ROOT=$(pwd)
SHIRYO=${SHIRYO:-$ROOT/build/shiryo}
ROWS=${ROWS:-100000}
T=$(mktemp -d /tmp/shiryo-bench-xlsx.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/p/data" "$T/csv"
cp -r "$ROOT/templates" "$T/p/"
cp "$ROOT"/data/*.csv "$T/p/data/"
awk -v n="$ROWS" 'BEGIN {
  print "year,org_type,stage,count,status,source"
  for (i = 0; i < n; i++)
    printf "R%d,団体%d,導入済み,%d,確報,T\n", 5 + i % 2, i % 1700, (i * 7919) % 1000003
}' >"$T/csv/big.csv"
# shellcheck disable=SC2046
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$T/c2x" \
  "$ROOT/tests/tools/csv_to_xlsxwriter.c" $(pkg-config --cflags --libs xlsxwriter)
"$T/c2x" "$T/csv" "$T/big.xlsx"
cd "$T/p"
/usr/bin/time -f "without big:   %U s user, %M KB peak" "$SHIRYO" check >/dev/null
cp "$T/csv/big.csv" data/
/usr/bin/time -f "big.csv:       %U s user, %M KB peak" "$SHIRYO" check >/dev/null
rm data/big.csv
cp "$T/big.xlsx" data/
/usr/bin/time -f "big.xlsx:      %U s user, %M KB peak" "$SHIRYO" check >/dev/null
