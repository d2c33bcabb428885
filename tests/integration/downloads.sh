#!/bin/sh
# The site's chart data downloads, as the machine-readable rules of 総務省
# want them (docs/site.md, "Chart data downloads"): for every chart of the
# default deck, data/STEM.csv and data/STEM.xlsx exist and are linked from
# its figure; the file names are safe and say what the file holds; the
# headers are the schema's Japanese descriptions with their units; no
# number carries a thousands separator; the workbook's number cells are
# numbers (openpyxl), and LibreOffice Calc reads the workbook back to the
# same table as the CSV.  Two builds give the same bytes.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin downloads
PY=/usr/bin/python3
# py_check NAME OUT: a pass when the last python3 script ended 0 (rc),
# else a failure showing its output
py_check() {
  if [ "$rc" = 0 ]; then ok "$1: $(head -1 "$2")"; else no "$1" "$(head -c 1500 "$2")"; fi
}

cp -r "$ROOT/data" "$ROOT/templates" "$T/"
cd "$T"
check "default deck builds" "$SHIRYO" build
D=out/site/data

# 1. every chart has both files, linked from its figure, and nothing else
#    is in data/
"$PY" - out/site >links.out 2>&1 <<'EOF'
import os, re, sys, unicodedata
from urllib.parse import unquote
site = sys.argv[1]
html = open(os.path.join(site, "index.html"), encoding="utf-8").read()
figs = re.findall(r'<figure class="chart" id="(s\d+-f\d+)">(.*?)</figure>', html, re.S)
files = set(os.listdir(os.path.join(site, "data")))
linked = set()
bad = []
for fid, body in figs:
    hrefs = re.findall(r'<a href="data/([^"]+)" download="([^"]+)"', body)
    exts = sorted(os.path.splitext(unquote(h))[1] for h, _ in hrefs)
    if exts != [".csv", ".xlsx"]:
        bad.append(f"{fid}: links {exts}")
    for h, name in hrefs:
        # percent-encoded: only unreserved ASCII and %XX in the href
        if not re.fullmatch(r"[A-Za-z0-9._~%-]+", h):
            bad.append(f"{fid}: href not percent-encoded: {h}")
        n = unquote(h)
        if n != name.replace("&amp;", "&"):
            bad.append(f"{fid}: href {n} != download {name}")
        if not n.startswith(fid + "-"):
            bad.append(f"{fid}: {n} does not start with the chart's id")
        if n not in files:
            bad.append(f"{fid}: {n} is linked but missing")
        linked.add(n)
    # the links say the format and the size
    if not re.search(r"CSV形式でダウンロード（[^<]*?\.csv、UTF-8、[0-9.]+ (KB|B)）", body):
        bad.append(f"{fid}: the CSV link names no format or size")
    if not re.search(r"Excel形式でダウンロード（[^<]*?\.xlsx、[0-9.]+ (KB|B)）", body):
        bad.append(f"{fid}: the Excel link names no format or size")
for n in files - linked:
    bad.append(f"{n}: in data/ but not linked")
# safe names: NFC, no character Windows or macOS refuse, no control,
# not starting or ending with a dot or space, at most 255 bytes
for n in files:
    stem = n.rsplit(".", 1)[0]
    if unicodedata.normalize("NFC", n) != n: bad.append(f"{n}: not NFC")
    if re.search(r'[\\/:*?"<>|\x00-\x1f\x7f]', n): bad.append(f"{n}: unsafe character")
    if stem != stem.strip(". ") or len(n.encode()) > 255: bad.append(f"{n}: bad ends or length")
print(f"{len(figs)} charts, {len(files)} files")
print("\n".join(bad))
sys.exit(1 if bad or len(figs) < 10 or len(files) != 2 * len(figs) else 0)
EOF
rc=$?
py_check "every chart's CSV and xlsx exist, are linked (percent-encoded, format and size named), with safe names" links.out
check "the file names carry the chart's title" test -f "$D/s10-f1-RPAの分野別導入件数（自治体類型別）.xlsx"

# 2. headers: the schema's descriptions, up to their remark, with units
head1() { sed -n '1{s/^\xef\xbb\xbf//;s/\r$//;p}' "$D"/"$1"-*.csv; }
check "s3: 団体区分, 調査年度, series with the unit from the description" \
  test "$(head1 s3-f1)" = "団体区分,調査年度,導入済み（団体）,実証中（団体）,導入予定（団体）,導入検討中（団体）,検討したが導入に至らず（団体）,導入予定なし・未検討（団体）"
check "s10: 団体区分 and RPAの導入分野" test "$(head1 s10-f1)" = "団体区分,RPAの導入分野,令和4年度（件）,令和5年度（件）,令和6年度（件）"
check "s23: one series is named by its value column: 回答数（件）" test "$(head1 s23-f1)" = "国レベルで検討してほしい課題,回答数（件）"
check "s5 (Venn): 区分, 団体数（団体）" test "$(head1 s5-f1)" = "区分,団体数（団体）"
check "no header is a column name of the data" sh -c "! sed -n '1p' $D/*.csv | grep -qE '(^|,)(org_type|year|field|challenge|count|function|request|cost_type|bracket)(,|\$)'"

# 3. numbers: no separators, no marks; the workbook's cells are numbers
"$PY" - "$D" >cells.out 2>&1 <<'EOF'
import csv, glob, io, os, re, sys
import openpyxl
d = sys.argv[1]
bad = []
ncells = nnum = 0
for path in sorted(glob.glob(os.path.join(d, "*.csv"))):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        bad.append(f"{path}: no BOM")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    wb = openpyxl.load_workbook(path[:-4] + ".xlsx")
    ws = wb.worksheets[0]
    if len(wb.worksheets) != 1 or ws.title != "データ":
        bad.append(f"{path}: sheets {wb.sheetnames}")
    xrows = [[c.value for c in r] for r in ws.iter_rows()]
    xtypes = [[c.data_type for c in r] for r in ws.iter_rows()]
    if len(xrows) != len(rows):
        bad.append(f"{path}: {len(rows)} CSV rows, {len(xrows)} workbook rows")
        continue
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            ncells += 1
            x = xrows[r][k] if k < len(xrows[r]) else None
            t = xtypes[r][k] if k < len(xtypes[r]) else None
            if r > 0 and re.fullmatch(r"[0-9][0-9,]*(\.[0-9]+)?", cell.replace("-", "", 1)):
                nnum += 1
                if "," in cell:
                    bad.append(f"{path} {r+1}:{k+1}: separator in {cell!r}")
                if t != "n" or float(cell) != x:
                    bad.append(f"{path} {r+1}:{k+1}: workbook has {x!r} ({t}) for {cell!r}")
            elif cell == "":
                if x is not None:
                    bad.append(f"{path} {r+1}:{k+1}: workbook has {x!r} for an empty cell")
            elif x != cell or t != "s":
                bad.append(f"{path} {r+1}:{k+1}: workbook has {x!r} ({t}) for {cell!r}")
    if not ws["A1"].font.b:
        bad.append(f"{path}: the header is not bold")
print(f"{ncells} cells, {nnum} numbers")
print("\n".join(bad[:20]))
sys.exit(1 if bad or nnum < 100 else 0)
EOF
rc=$?
py_check "every number plain in the CSV and a number cell (type n) in the workbook, text as strings" cells.out
check "a four-digit number is written without a separator (1190)" grep -q "^その他の市区町村,平成30年度,69,0,120,330,12,1190$(printf '\r')\$" "$D"/s3-f1-*.csv

# 4. LibreOffice Calc reads each workbook back to the CSV's table
if ! command -v soffice >/dev/null 2>&1; then
  no "LibreOffice (soffice) is installed" "make test installs libreoffice-calc"
else
  mkdir lo
  if LC_ALL=C.UTF-8 timeout 600 soffice -env:UserInstallation="file://$T/lo-profile" --headless \
      --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir lo "$D"/*.xlsx >lo.log 2>&1; then
    "$PY" - "$D" lo >lo.out 2>&1 <<'EOF'
import csv, glob, io, os, re, sys
d, lo = sys.argv[1:]
bad = []
n = 0
for path in sorted(glob.glob(os.path.join(d, "*.csv"))):
    ours = list(csv.reader(io.StringIO(open(path, encoding="utf-8-sig").read(), newline="")))
    got_path = os.path.join(lo, os.path.basename(path))
    if not os.path.exists(got_path):
        bad.append(f"{got_path}: not converted")
        continue
    got = list(csv.reader(io.StringIO(open(got_path, encoding="utf-8-sig").read(), newline="")))
    # Calc pads short rows to the table's width; formula guards (') are ours
    ours = [[c[1:] if c.startswith("'") else c for c in r] for r in ours]
    if [r + [""] * (len(got[0]) - len(r)) for r in ours] != got:
        bad.append(f"{path}: Calc reads {got[:3]} …, the CSV has {ours[:3]} …")
    # Calc quotes the cells it holds as text and writes numbers bare: so
    # each number of the CSV is a number in Calc, each text a text
    lines = open(got_path, encoding="utf-8-sig").read().splitlines()
    for r, row in enumerate(ours):
        want = ",".join(c if (r > 0 and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", c)) or c == ""
                        else '"' + c.replace('"', '""') + '"' for c in row)
        if r >= len(lines) or lines[r] != want:
            bad.append(f"{path} row {r+1}: Calc wrote {lines[r] if r < len(lines) else None!r}, want {want!r}")
            break
    n += 1
print(f"{n} workbooks")
print("\n".join(bad))
sys.exit(1 if bad or n < 10 else 0)
EOF
rc=$?
    py_check "LibreOffice Calc reads every workbook as the CSV's table, numbers as numbers" lo.out
  else
    no "soffice converts the workbooks to CSV" "$(tail -5 lo.log)"
  fi
fi

# 5. the same inputs give the same bytes
cp -r out/site/data first
check "a second build" "$SHIRYO" build
check "a second build writes byte-identical CSV and xlsx files" diff -r first "$D"

it_end
