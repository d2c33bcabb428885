#!/bin/sh
# The reference deck of bench/refdeck (the side-by-side benchmark):
# bench/refdeck/build.sh 31 builds 31 pages, and the bullet of slide 2,
# whose percentages the templates compute from adoption.csv, is on every
# repeated slide 2 with the shares this script computes from the CSV
# itself; the site carries it as often; slide 4's numbers with units stay
# on one line.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin refdeck

CSV=$ROOT/bench/refdeck/data/adoption.csv
OUT=$T/out
check "build.sh 31 exits 0" env SHIRYO="$SHIRYO" sh "$ROOT/bench/refdeck/build.sh" 31 "$OUT"
PDF=$OUT/refdeck.pdf
pages=$(pdfinfo "$PDF" 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "the PDF has 31 pages (got ${pages:-none})" test "${pages:-0}" = 31
check "qpdf --check passes" qpdf --check "$PDF"
check "the site is written with its copy of the PDF" \
  cmp "$PDF" "$OUT/site/refdeck.pdf"

# The shares of the latest survey year, rounded half up to whole
# percents: 導入済み per org type, and for その他の市区町村 every stage
# but 未検討 (実証中, 導入予定 and 導入検討中 with the adopters).
shares=$(awk -F, '
  NR == 1 { next }
  { y = $1; if (y > latest) latest = y; row[NR] = $0 }
  END {
    for (i in row) {
      split(row[i], f, ",")
      if (f[1] != latest) continue
      all[f[2]] += f[4]
      if (f[3] == "導入済み") done[f[2]] += f[4]
      if (f[3] != "未検討") eng[f[2]] += f[4]
    }
    o = "その他の市区町村"
    printf "%d %d %d %d\n", int(100 * done["都道府県"] / all["都道府県"] + 0.5),
      int(100 * done["指定都市"] / all["指定都市"] + 0.5),
      int(100 * done[o] / all[o] + 0.5), int(100 * eng[o] / all[o] + 0.5)
  }' "$CSV")
set -- $shares
check "the shares are computed from the CSV (got: $shares)" test $# = 4
bullet="導入済み団体数は、都道府県・指定都市で$1%・$2%となった。その他の市区町村は$3%となり、実証中、導入予定、導入検討中を含めると約$4%がAIの導入に向けて取り組んでいる。"

# Every page's text on one line (pdftotext wraps the bullet as the slide
# does), then the pages that carry the bullet.
found=""
p=1
while [ "$p" -le "${pages:-0}" ]; do
  if pdftotext -f "$p" -l "$p" "$PDF" - 2>/dev/null | tr -d '\n' | grep -qF "$bullet"; then
    found="$found $p"
  fi
  p=$((p + 1))
done
want=" 2 5 8 11 14 17 20 23 26 29"
check "the computed bullet ($1%・$2%, $3%, 約$4%) is on every repeated slide 2 (pages:${found:- none})" \
  test "$found" = "$want"
n=$(grep -oF "$bullet" "$OUT/site/index.html" | wc -l)
check "the site has the bullet 10 times (got $n)" test "$n" = 10

# Slide 4's table: a cell holding a number with its unit (「11.6万人」)
# is never wrapped, in a column narrowed by the long middle column.
pops=$(awk -F, 'NR > 1 { print $NF }' "$ROOT/bench/refdeck/data/effects.csv")
pdftotext -f 4 -l 4 "$PDF" "$T/p4.txt" 2>/dev/null
whole=0
for v in $pops; do grep -qxF "$v" "$T/p4.txt" && whole=$((whole + 1)); done
check "slide 4: every population cell on one line ($whole of $(echo "$pops" | wc -l))" \
  test "$whole" = "$(echo "$pops" | wc -l)"

# The 4- and 301-slide variants, and a wrong N.
check "build.sh 4 builds 4 pages" sh -c \
  "SHIRYO='$SHIRYO' sh '$ROOT/bench/refdeck/build.sh' 4 '$T/o4' >/dev/null &&
   pdfinfo '$T/o4/refdeck.pdf' | grep -q '^Pages: *4\$'"
if sh "$ROOT/bench/refdeck/build.sh" 5 "$T/o5" >/dev/null 2>&1; then
  no "build.sh 5 is refused"
else
  ok "build.sh 5 is refused"
fi
it_end
