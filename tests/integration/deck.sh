#!/bin/sh
# The whole default deck: built without warnings, one page per slide; every
# published figure of tests/fixtures/published/figures.tsv shown on its
# slide (text extracted from the PDF, or the chart's data for figures drawn
# only as a bar length); every slide drawing a placeholder marked in the
# PDF and the HTML, and no other; and the R7 regeneration fixture
# (tests/fixtures/r7/: one more survey year, data only) moving every
# "latest year" statement and the year-over-year wording with the data;
# and the same deck on a 16:9 page: every slide fits, 24 pages, valid PDF.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
IT_QUIET_OK=1
it_begin deck
FIX="$ROOT/tests/fixtures"
say() { echo "ok   - $1"; }

cp -r "$ROOT/data" "$ROOT/templates" "$T/"
cd "$T"
PDF=out/ai-rpa-r7-0630.pdf
HTML=out/site/index.html

# ---- 1. the default deck builds, without warnings -------------------------
if "$SHIRYO" build >build.out 2>build.err; then ok; say "build exits 0"; else
  no "build exits 0" "$(head -c 600 build.err)"; fi
if grep -q "warning:" build.out build.err; then
  no "build prints no warning" "$(grep -h "warning:" build.out build.err | head -5)"
else ok; say "build prints no warning"; fi
slides=$(cat templates/*.md | grep -c '^# ')
pages=$(pdfinfo "$PDF" 2>/dev/null | awk '/^Pages:/ { print $2 }')
if [ "$slides" = 24 ] && [ "$pages" = 24 ]; then ok; say "24 slides, 24 pages"; else
  no "24 slides, 24 pages" "slides $slides, pages $pages"; fi
i=1
while [ "$i" -le "$pages" ]; do
  pdftotext -f "$i" -l "$i" "$PDF" "p$i.txt" 2>>pdftotext.err
  pdftotext -layout -f "$i" -l "$i" "$PDF" "l$i.txt" 2>>pdftotext.err
  tr -d ' \t\n\f' <"p$i.txt" >"s$i.txt"        # text without any spacing
  tr -s ' \t' ' ' <"l$i.txt" | sed 's/^ //; s/ $//' >"r$i.txt"  # layout rows
  i=$((i + 1))
done
if [ -s pdftotext.err ]; then no "pdftotext prints no warning" "$(head -3 pdftotext.err)"
else ok; say "pdftotext prints no warning on any page"; fi

# ---- 2. every published figure is shown on its slide ----------------------
# kinds: text (in the page text, spacing ignored), row (a table row of the
# page, spacing collapsed), share / count (the chart's data downloaded with
# the site: the row starting with KEY's first part, the column named by its
# second part, with or without its unit; share = the cell's whole
# percentage of the row)
n=0
bad=0
TAB=$(printf '\t')
while IFS="$TAB" read -r slide kind figure key source note; do
  case "$slide" in '#'* | '') continue ;; esac
  n=$((n + 1))
  case "$kind" in
  text)
    want=$(printf '%s' "$figure" | tr -d ' \t')
    grep -qF -- "$want" "s$slide.txt" ;;
  row)
    grep -qxF -- "$figure" "r$slide.txt" ;;
  share | count)
    csv=$(ls out/site/data/s$slide-f1-*.csv | head -1)
    prefix=${key%%|*}
    colname=${key#*|}
    # drop the BOM and CRs; "1,190" -> 1190 so that commas split fields
    got=$(sed -E '1s/^\xef\xbb\xbf//; s/\r$//; :a; s/"([0-9]+),([0-9,]*)"/"\1\2"/; ta; s/"//g' "$csv" | awk -F, -v p="$prefix" -v c="$colname" -v k="$kind" '
      NR == 1 {  # the column named c, or c with its unit: c（団体）
        for (i = 1; i <= NF; i++) if ($i == c) col = i
        for (i = 1; i <= NF && !col; i++) { h = $i; sub(/（[^）]*）$/, "", h); if (h == c) col = i }
        next }
      index($0, p ",") == 1 {
        np = split(p, parts, ",")
        s = 0
        for (i = np + 1; i <= NF; i++) s += $i
        if (k == "count") print $col
        else printf "%d%%\n", int($col * 100 / s + 0.5 + 1e-9)
      }')
    [ "$got" = "$figure" ] ;;
  *) false ;;
  esac
  if [ $? -eq 0 ]; then ok; else
    bad=$((bad + 1))
    no "slide $slide shows $figure ($source: $note)" "kind $kind ${key:+key $key }got '${got:-}'"
  fi
done <"$FIX/published/figures.tsv"
[ "$bad" -eq 0 ] && say "all $n published figures shown on their slides"
if [ "$n" -ge 100 ]; then ok; else no "the fixture lists the published figures" "only $n"; fi

# ---- 3. slides drawing a placeholder carry the mark and the note ----------
expected=$(grep -v '^#' "$FIX/published/marked_slides.txt" | tr '\n' ' ')
awk '/<section class="slide" id="s[0-9]+"/ { match($0, /id="s[0-9]+"/); s = substr($0, RSTART + 5, RLENGTH - 6) }
     /class="mark"/ && s != "" { print s }' "$HTML" | sort -n | uniq >html_marked.txt
i=1
while [ "$i" -le "$pages" ]; do
  marked=0
  case " $expected " in *" $i "*) marked=1 ;; esac
  has_mark=0; has_note=0; has_kari=0; in_html=0
  grep -q "仮の値を含む" "p$i.txt" && has_mark=1
  grep -q "※〔仮〕を付した値" "p$i.txt" && has_note=1
  grep -q "〔仮〕" "p$i.txt" && has_kari=1
  grep -qx "$i" html_marked.txt && in_html=1
  if [ "$marked" = 1 ]; then
    if [ "$has_mark$has_note$in_html" = 111 ]; then ok; else
      no "page $i draws 仮 values: marked in PDF ($has_mark), note ($has_note), HTML ($in_html)"; fi
  else
    if [ "$has_mark$in_html$has_kari" = 000 ]; then ok; else
      no "page $i has only published figures but is marked (PDF $has_mark, HTML $in_html, 〔仮〕 $has_kari)"; fi
  fi
  i=$((i + 1))
done
say "仮 marks on exactly pages: $expected"

# ---- 4. the R7 regeneration fixture -----------------------------------------
mkdir r7
cp -r data r7/data
for f in "$FIX"/r7/*.csv; do
  [ -f "r7/data/$(basename "$f")" ] || { no "r7 fixture table $(basename "$f") exists in data/"; continue; }
  tail -n +2 "$f" >>"r7/data/$(basename "$f")"
done
sums_before=$(cat templates/*.md | cksum)
if "$SHIRYO" build --data r7/data -o r7/out >r7/build.out 2>r7/build.err; then ok; say "R7 build exits 0"
else no "R7 build exits 0" "$(head -c 600 r7/build.err)"; fi
if grep -q "warning:" r7/build.out r7/build.err; then no "R7 build prints no warning"; else ok; fi
[ "$(cat templates/*.md | cksum)" = "$sums_before" ] && ok || no "templates unchanged by the R7 build"
R7PDF=r7/out/ai-rpa-r7-0630.pdf
n=0
while IFS="$TAB" read -r slide want; do
  case "$slide" in '#'* | '') continue ;; esac
  n=$((n + 1))
  page=$(pdftotext -f "$slide" -l "$slide" "$R7PDF" - 2>/dev/null | tr -d ' \t\n\f')
  w=$(printf '%s' "$want" | tr -d ' \t')
  if printf '%s' "$page" | grep -qF -- "$w"; then ok; else
    no "R7 slide $slide says: $want"; fi
done <"$FIX/r7/expected.tsv"
n_absent=0
while IFS="$TAB" read -r slide gone; do
  case "$slide" in '#'* | '') continue ;; esac
  n_absent=$((n_absent + 1))
  page=$(pdftotext -f "$slide" -l "$slide" "$R7PDF" - 2>/dev/null | tr -d ' \t\n\f')
  if printf '%s' "$page" | grep -qF -- "$gone"; then no "R7 slide $slide no longer says: $gone"; else ok; fi
done <"$FIX/r7/absent.tsv"
say "R7 statements checked ($n present, $n_absent gone)"
# the default deck says the opposite of what R7 says where the data turned
grep -qF "令和5年度調査と同様" s7.txt && ok || no "slide 7 of the default deck compares with 令和5年度"

# ---- 5. the default deck at 16:9 ------------------------------------------
# The same templates on a 720 x 405 pt page: every slide fits by the
# layout's own adaptation (docs/layout.md, "Fit"), 24 pages, a valid PDF.
if "$SHIRYO" build --page 16:9 -o wide >wide.out 2>wide.err; then ok; say "16:9 build exits 0"
else no "16:9 build exits 0" "$(head -c 600 wide.err)"; fi
if grep -q "overflows" wide.out wide.err; then
  no "16:9 build reports no overflow" "$(grep -h "overflows" wide.out wide.err | head -3)"
else ok; say "16:9 build reports no overflow"; fi
wpages=$(pdfinfo wide/ai-rpa-r7-0630.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }')
wsize=$(pdfinfo wide/ai-rpa-r7-0630.pdf 2>/dev/null | awk '/^Page size:/ { print $3 "x" $5 }')
if [ "$wpages" = 24 ] && [ "$wsize" = 720x405 ]; then ok; say "16:9: 24 pages of 720 x 405 pt"; else
  no "16:9: 24 pages of 720 x 405 pt" "pages ${wpages:-none}, size ${wsize:-none}"; fi
if qpdf --check wide/ai-rpa-r7-0630.pdf >wide.qpdf 2>&1; then ok; say "16:9 PDF passes qpdf --check"
else no "16:9 PDF passes qpdf --check" "$(tail -3 wide.qpdf)"; fi

# The IPA Font License travels with the font: the embedded subset keeps
# IPAexGothic's name records, among them the copyright notice that asks
# for the licence to be accepted (name ID 0) and the licence's URL (14).
qpdf --qdf --object-streams=disable "$PDF" font.qdf 2>/dev/null
strings -e b font.qdf >font-names.txt
check "the embedded font keeps IPA's copyright notice" \
  grep -q "Copyright(c) Information-technology Promotion Agency, Japan (IPA)" font-names.txt
# the URL stands once inside the notice and again as the licence record
check "the embedded font keeps the IPA Font License's URL record" \
  sh -c 'test "$(grep -o "https://opensource.org/licenses/IPA/" font-names.txt | wc -l)" -ge 2'

it_end
