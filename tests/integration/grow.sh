#!/bin/sh
# Charts that grow with the data: the eight-year fixture (tests/fixtures/
# grow: data/ai_function_totals with the 令和7年度 of tests/fixtures/r7 as
# 速報) built as a user builds it, in colour and with print: mono.  The
# geometry (label gaps, ΔL*, the newest year's colour) is checked on the
# drawing by tests/unit/test_chart_grow.c; here: the build is clean, every
# page renders in grey scale (pdftoppm -gray), the site's alternative text
# says where value labels were left out and only there, and print: mono
# draws every chart of the PDF's pages and the site's SVGs in greys.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin grow

mkdir -p "$T/p/data"
cp "$ROOT/data/ai_function_totals.csv" "$ROOT/data/ai_function_totals.schema.csv" "$T/p/data/"
tail -n +2 "$ROOT/tests/fixtures/r7/ai_function_totals.csv" |
  sed 's/,仮,R7_FIXTURE/,速報,R7_FIXTURE/' >>"$T/p/data/ai_function_totals.csv"
cp -r "$ROOT/tests/fixtures/grow/templates" "$T/p/"
cd "$T/p"

"$SHIRYO" build >"$T/build.out" 2>"$T/build.err"; st=$?
if [ "$st" = 0 ] && [ ! -s "$T/build.err" ]; then
  ok "the eight-year deck builds without a message"
else
  no "the eight-year deck builds without a message" "status $st: $(head -c 400 "$T/build.err")"
fi
pages=$(pdfinfo out/grow.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "six pages" test "$pages" = 6
pdftotext -f 1 -l 1 out/grow.pdf "$T/p1.txt" 2>/dev/null
check "the 8 years in the legend" grep -q "令和7年度" "$T/p1.txt"
# labels never read as one number: no run of two values drawn edge to edge
if grep -Eq '(^| )(879849|849879|879 849 879)( |$)' "$T/p1.txt"; then
  no "no value labels run together on page 1" "$(grep -E '879|849' "$T/p1.txt")"
else
  ok "no value labels run together on page 1"
fi

mkdir -p "$T/grey"
pdftoppm -gray -r 60 -png out/grow.pdf "$T/grey/p" 2>"$T/ppm.err"
n=$(ls "$T/grey" | wc -l)
check "pdftoppm -gray renders every page, without a message" sh -c "[ $n = 6 ] && [ ! -s '$T/ppm.err' ]"

# the alternative text of the first chart (eight years over seven
# functions: labels left out) says so, in the wide and the phone-width
# drawing; the sentence is never said of a chart whose labels all fit
desc1=$(grep -o '<desc id="s1-f1-desc">[^<]*</desc>' out/site/index.html)
case "$desc1" in
  *一部の数値ラベルは場所がないため省略している*) ok "alt text: labels left out, said" ;;
  *) no "alt text: labels left out, said" "$desc1" ;;
esac
nm=$(grep -c 's1-f1-m-desc">[^<]*場所がないため省略' out/site/index.html)
check "and at phone width" test "$nm" -ge 1

# print: mono: the same deck for black-and-white printing
sed -i 's/^edition: 2026-06-30$/edition: 2026-06-30\nprint: mono/' templates/01-functions.md
check "print: mono in the front matter" grep -q '^print: mono$' templates/01-functions.md
"$SHIRYO" build -o "$T/mono" >/dev/null 2>"$T/mono.err"; st=$?
check "the mono deck builds without a message" sh -c "[ $st = 0 ] && [ ! -s '$T/mono.err' ]"
# every fill and stroke inside the charts' SVGs is a grey (#xyxyxy)
awk '/<svg/,/<\/svg>/' "$T/mono/site/index.html" |
  grep -o '\(fill\|stroke\)="#[0-9a-fA-F]\{6\}"' | sort -u >"$T/mono.colours"
if [ -s "$T/mono.colours" ] && ! grep -v '"#\(..\)\1\1"' "$T/mono.colours" >/dev/null; then
  ok "mono: every colour in the charts is a grey ($(wc -l <"$T/mono.colours") greys)"
else
  no "mono: every colour in the charts is a grey" "$(grep -v '"#\(..\)\1\1"' "$T/mono.colours" | head -5)"
fi
awk '/<svg/,/<\/svg>/' out/site/index.html |
  grep -o 'fill="#[0-9a-fA-F]\{6\}"' | grep -v '"#\(..\)\1\1"' | head -1 >"$T/colour.one"
check "while the colour deck's charts are in colour" test -s "$T/colour.one"
# hatching: strokes clipped to the bars, many more paths than in colour
hc=$(grep -c '<path' out/site/index.html)
hm=$(grep -c '<path' "$T/mono/site/index.html")
check "mono: hatching drawn ($hm paths against $hc)" test "$hm" -gt "$hc"
# the PDF's chart pages: every pixel of the plot area grey in mono (a
# page rendered in colour whose chart region has no saturation)
pdftoppm -r 40 -f 1 -l 1 -x 20 -y 120 -W 420 -H 160 "$T/mono/grow.pdf" "$T/mc" 2>/dev/null
# the largest HSL saturation of its pixels (the PPM read here: no image
# library needed)
sat=$(/usr/bin/python3 - "$T"/mc-1.ppm <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
fields, pos = [], 0
while len(fields) < 4:  # P6, width, height, maxval (comments skipped)
    while data[pos:pos + 1].isspace():
        pos += 1
    if data[pos:pos + 1] == b'#':
        pos = data.index(b'\n', pos)
        continue
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[pos:end])
    pos = end
pix = data[pos + 1:]
top = float(fields[3])
best = 0.0
for i in range(0, len(pix) - 2, 3):
    r, g, b = pix[i] / top, pix[i + 1] / top, pix[i + 2] / top
    hi, lo = max(r, g, b), min(r, g, b)
    l = (hi + lo) / 2
    if hi > lo:
        sat = (hi - lo) / (1 - abs(2 * l - 1))
        best = max(best, sat)
print(f"{best:.4f}")
PY
)
check "mono PDF: the chart of page 1 has no colour (saturation $sat)" awk -v s="$sat" 'BEGIN { exit !(s != "" && s + 0 < 0.02) }'

it_end
