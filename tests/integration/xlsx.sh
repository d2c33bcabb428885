#!/bin/sh
# Workbooks in data/: the default deck built from one workbook holding all
# its tables gives the same PDF and site, byte for byte, as the CSV build,
# whichever program wrote the workbook: openpyxl
# (tests/tools/data_to_xlsx.py), LibreOffice Calc (that workbook opened and
# saved again by headless soffice) and libxlsxwriter
# (tests/tools/csv_to_xlsxwriter.c).  Needs python3-openpyxl,
# libreoffice-calc and libxlsxwriter-dev (tools/setup.sh's test stage).
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin xlsx
PY=/usr/bin/python3
project() { # project DIR: the default templates, an empty data/
  mkdir -p "$1/data"
  cp -r "$ROOT/templates" "$1/"
}
build() { # build DIR: shiryo build there, its messages in DIR.log
  (cd "$1" && "$SHIRYO" build) >"$1.log" 2>&1
}
same_as_csv() { # same_as_csv NAME DIR
  if ! build "$2"; then
    no "$1: builds" "$(head -c 600 "$2.log")"
    return
  fi
  ok "$1: builds"
  check "$1: the PDF is the CSV build's, byte for byte" \
    cmp "$T/csv/out/ai-rpa-r7-0630.pdf" "$2/out/ai-rpa-r7-0630.pdf"
  check "$1: the site is the CSV build's" diff -r "$T/csv/out/site" "$2/out/site"
}

project "$T/csv"
cp "$ROOT"/data/*.csv "$T/csv/data/"
check "the CSV build" build "$T/csv"

project "$T/openpyxl"
check "openpyxl writes data/ as one workbook" \
  $PY "$ROOT/tests/tools/data_to_xlsx.py" "$ROOT/data" "$T/openpyxl/data/survey.xlsx"
same_as_csv openpyxl "$T/openpyxl"

project "$T/calc"
mkdir -p "$T/soffice"
check "LibreOffice Calc saves that workbook again" \
  soffice --headless --norestore "-env:UserInstallation=file://$T/soffice/profile" \
  --convert-to xlsx --outdir "$T/soffice" "$T/openpyxl/data/survey.xlsx"
cp "$T/soffice/survey.xlsx" "$T/calc/data/" 2>/dev/null
if unzip -p "$T/calc/data/survey.xlsx" docProps/app.xml 2>/dev/null | grep -q LibreOffice; then
  ok "calc: the workbook is LibreOffice's"
else
  no "calc: the workbook is LibreOffice's"
fi
same_as_csv calc "$T/calc"

project "$T/xlsxwriter"
# shellcheck disable=SC2046
check "the libxlsxwriter test writer compiles" \
  cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -o "$T/c2x" \
  "$ROOT/tests/tools/csv_to_xlsxwriter.c" $(pkg-config --cflags --libs xlsxwriter)
check "libxlsxwriter writes data/ as one workbook" \
  "$T/c2x" "$ROOT/data" "$T/xlsxwriter/data/survey.xlsx"
if unzip -p "$T/xlsxwriter/data/survey.xlsx" docProps/app.xml 2>/dev/null | grep -q "Microsoft Excel" &&
  ! cmp -s "$T/xlsxwriter/data/survey.xlsx" "$T/openpyxl/data/survey.xlsx"; then
  ok "xlsxwriter: a workbook of its own"
else
  no "xlsxwriter: a workbook of its own"
fi
same_as_csv xlsxwriter "$T/xlsxwriter"

# a workbook and a CSV for the same table: one message, naming both
project "$T/twice"
cp "$T/openpyxl/data/survey.xlsx" "$T/twice/data/"
cp "$ROOT/data/org_counts.csv" "$T/twice/data/"
(cd "$T/twice" && "$SHIRYO" check) >"$T/twice.log" 2>&1
st=$?
if [ "$st" = 1 ] && grep -qF 'data/survey.xlsx [org_counts]: error: a second file for "org_counts": org_counts.csv is there too' "$T/twice.log"; then
  ok "a table both in a workbook and as CSV is one error"
else
  no "a table both in a workbook and as CSV is one error" "status $st: $(head -c 400 "$T/twice.log")"
fi
# CSV as Excel saves it: empty columns at the right (trailing commas) are
# left out with one note for the file, and files in Shift_JIS get one
# note for the build; the deck is the same
project "$T/excel-csv"
cp "$ROOT"/data/*.csv "$T/excel-csv/data/"
sed 's/$/,,/' "$ROOT/data/org_counts.csv" >"$T/excel-csv/data/org_counts.csv"
for f in surveys policy_targets; do
  iconv -f UTF-8 -t CP932 "$ROOT/data/$f.csv" >"$T/excel-csv/data/$f.csv"
done
if build "$T/excel-csv" && cmp -s "$T/csv/out/ai-rpa-r7-0630.pdf" "$T/excel-csv/out/ai-rpa-r7-0630.pdf"; then
  ok "CSV with Excel's empty columns and in Shift_JIS: the same PDF"
else
  no "CSV with Excel's empty columns and in Shift_JIS: the same PDF" "$(head -c 600 "$T/excel-csv.log")"
fi
notes=$(grep -c ': note: ' "$T/excel-csv.log")
if [ "$notes" = 2 ] &&
  grep -qF 'data/org_counts.csv:1:' "$T/excel-csv.log" &&
  grep -qF 'note: 2 empty columns after the last named one left out (as Excel saves them)' "$T/excel-csv.log" &&
  grep -qF 'data/policy_targets.csv: note: read as Shift_JIS (CP932), as was 1 other file (data/surveys.csv): they are not valid UTF-8' "$T/excel-csv.log"; then
  ok "one note for the empty columns, one for Shift_JIS"
else
  no "one note for the empty columns, one for Shift_JIS" "$(head -c 600 "$T/excel-csv.log")"
fi
# A sheet laid out as a ministry's (a title, a unit note, org types as
# rows and forms as columns, the total row, a note below), read through
# the layout its schema sheet declares: the same deck, whether openpyxl
# wrote the workbook or LibreOffice Calc saved it again
project "$T/laid"
cp "$ROOT"/data/*.csv "$T/laid/data/"
rm "$T/laid/data/ai_joint_use.csv" "$T/laid/data/ai_joint_use.schema.csv"
check "openpyxl writes ai_joint_use as a sheet laid out for people" \
  $PY "$ROOT/tests/tools/laid_out_xlsx.py" "$ROOT/data" "$T/laid/data/joint.xlsx"
same_as_csv laid "$T/laid"
project "$T/laid-calc"
cp "$T/laid/data/"*.csv "$T/laid-calc/data/"
check "LibreOffice Calc saves the laid-out workbook again" \
  soffice --headless --norestore "-env:UserInstallation=file://$T/soffice/profile" \
  --convert-to xlsx --outdir "$T/laid-calc/data" "$T/laid/data/joint.xlsx"
same_as_csv laid-calc "$T/laid-calc"
# the layout is what makes it the same: without @header, the title is
# the header, and the schema is told so at its cell
mkdir -p "$T/laid-raw"
project "$T/laid-raw"
cp "$T/laid/data/"*.csv "$T/laid-raw/data/"
$PY - "$T/laid/data/joint.xlsx" "$T/laid-raw/data/joint.xlsx" <<'PYEOF'
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
ws = wb["ai_joint_use.schema"]
for row in ws.iter_rows():
    if row[0].value == "@header":
        for c in row:
            c.value = None
wb.save(sys.argv[2])
PYEOF
(cd "$T/laid-raw" && "$SHIRYO" check) >"$T/laid-raw.log" 2>&1
st=$?
if [ "$st" = 1 ] && grep -qF 'data/joint.xlsx [ai_joint_use.schema] E7: error: "form" is read from header row 3, but the header of data/joint.xlsx [AI共同利用] is row 1 (its first row with a value)' "$T/laid-raw.log" &&
  grep -qF 'hint: declare the header'"'"'s rows: a schema row @header,,3 (or @header,,3:4 for two rows)' "$T/laid-raw.log"; then
  ok "without @header: an error at the schema's cell that says to declare it"
else
  no "without @header: an error at the schema's cell that says to declare it" "status $st: $(head -c 600 "$T/laid-raw.log")"
fi
it_end
