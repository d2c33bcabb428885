#!/bin/sh
# Numbers end to end: a CSV value and the same template literal are the
# same double (in `where` and in a chart's filter), and the PDF and the
# site align every table cell alike (right-aligned in the PDF exactly
# where the site's cell has class="num").
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin numbers

cd "$T"
mkdir data templates chart
printf 'k,share,n\na,0.3,1\nb,1.15,2\nc,0.07,3\nd,1.005,4\n' >data/t.csv
FRONT='---
deck: numbers
title: 数の読み方
edition: 2025-06-30
---
'
cat >templates/00-numbers.md <<EOF
$FRONT
# 数

件数は{{ count(t where share = 0.3) }}・{{ count(t where share = 1.15) }}・{{ count(t where share = 0.07) }}・{{ count(t where share = 1.005) }}

\`\`\`table
区分 | 内容 | 増減 | 割合 | 費用
都道府県 | 3つの課題があった | ▲12 | 58% | 2,000千円
その他の市区町村 | 5つの論点 | ▲1,234 | 100% | 12,000千円
\`\`\`
EOF
# a chart whose filter compares with a CSV value
cat >chart/00-chart.md <<EOF
$FRONT
# 図

\`\`\`chart
type: bar
data: t
filter: share = 1.005
x: k
value: n
\`\`\`
EOF

check "build exits 0" "$SHIRYO" build
check "a chart's filter: share = 1.005 keeps the row of 1.005" \
  "$SHIRYO" build --templates chart -o chart-out
PDF=out/numbers.pdf
HTML=out/site/index.html
pdftotext "$PDF" all.txt 2>/dev/null
check "where share = 0.3, 1.15, 0.07, 1.005 each find their row" \
  grep -q "件数は1・1・1・1" all.txt
check "the site says the same" grep -q "件数は1・1・1・1" "$HTML"

# Every word of page 1 as "xMin xMax text".
pdftotext -f 1 -l 1 -bbox "$PDF" - 2>/dev/null |
  sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="[0-9.]*" xMax="\([0-9.]*\)"[^>]*>\(.*\)<\/word>.*/\1 \2 \3/p' \
  >words.txt

# In the PDF, of a column's two body cells (of different widths), the
# right ends meet (within half a point: pdftotext's widths are rounded)
# when the column is right-aligned and the left ends when it is
# left-aligned.  Prints 1 for right, 0 for left, ? otherwise (awk in the
# C locale: a decimal-comma locale would read 571.96 as 571).
pdf_right() {
  LC_ALL=C awk -v a="$1" -v b="$2" '
    $3 == a { ax0 = $1; ax1 = $2 } $3 == b { bx0 = $1; bx1 = $2 }
    function near(x, y) { return (x - y) < 0.5 && (y - x) < 0.5 }
    END {
      if (ax0 == "" || bx0 == "") print "?"
      else if (near(ax1, bx1) && !near(ax0, bx0)) print 1
      else if (near(ax0, bx0) && !near(ax1, bx1)) print 0
      else print "?"
    }' words.txt
}
# On the site: 1 when the cell is <td class="num">.
site_num() {
  if grep -qF "<td class=\"num\">$1</td>" "$HTML"; then echo 1; else echo 0; fi
}

for col in "都道府県 その他の市区町村 0" "3つの課題があった 5つの論点 0" \
           "▲12 ▲1,234 1" "58% 100% 1" "2,000千円 12,000千円 1"; do
  set -- $col
  p=$(pdf_right "$1" "$2")
  s1=$(site_num "$1")
  s2=$(site_num "$2")
  side=left
  [ "$3" = 1 ] && side=right
  if [ "$p" = "$3" ] && [ "$s1" = "$3" ] && [ "$s2" = "$3" ]; then
    ok "$1 / $2: $side-aligned in the PDF and on the site"
  else
    no "$1 / $2: $side-aligned in the PDF and on the site" \
      "PDF right=$p, site class=num: $s1 $s2"
  fi
done

it_end
