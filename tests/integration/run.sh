#!/bin/sh
# End-to-end tests: build the default deck and check the PDF with poppler
# and qpdf, the site's HTML, determinism, and what bad input does.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin it

# A working copy of the project's inputs, so the tests may change them.
cp -r "$ROOT/data" "$ROOT/templates" "$T/"
cd "$T"
PDF=out/ai-rpa-r7-0630.pdf
HTML=out/site/index.html

check "build exits 0" "$SHIRYO" build
check "PDF written" test -s "$PDF"
check "site written" test -s "$HTML"
check "qpdf --check passes" qpdf --check "$PDF"

pdffonts "$PDF" >fonts.txt 2>fonts.err
check "pdffonts prints no warning" test ! -s fonts.err
# every font line (after the two header lines) says emb yes, sub yes, uni yes
if awk 'NR > 2 { if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad = 1; n++ }
        END { exit (bad || n == 0) }' fonts.txt; then
  ok "every font embedded, subset, with a Unicode map"
else
  no "every font embedded, subset, with a Unicode map" "$(cat fonts.txt)"
fi

pages=$(pdfinfo "$PDF" 2>/dev/null | awk '/^Pages:/ { print $2 }')
slides=$(cat templates/*.md | grep -c '^# ')
check "one page per slide ($slides)" test "$pages" = "$slides"
pdftotext -f 3 -l 3 "$PDF" p3.txt 2>p3.err
check "pdftotext prints no warning (ToUnicode map is well formed)" test ! -s p3.err
check "page 3 has the computed sentence" grep -q "導入済み団体数は、都道府県・指定都市で100%となった。" p3.txt
check "page 3 shows その他の市区町村 58% from data" grep -q "その他の市区町村は58%となり" p3.txt
check "page 3 marks the placeholder-based 76% as 仮" grep -q "約76%〔仮〕" p3.txt
check "page 3 carries the 仮 mark" grep -q "仮の値を含む" p3.txt
check "page 3 chart labels are text" grep -q "その他の市区町村" p3.txt
pdftotext -f 2 -l 2 "$PDF" p2.txt 2>/dev/null
check "page 2 survey table from data" grep -q "令和6年12月26日～令和7年1月31日" p2.txt
check "page 2 response rate computed" grep -q "回答率97.6%" p2.txt
check "page 2 emphasis markers consumed" sh -c '! grep -q "\*\*" p2.txt'
pdftotext -f 1 -l 1 "$PDF" p1.txt 2>/dev/null
check "cover has the edition date from the front matter" grep -q "令和7年6月30日版" p1.txt
# the first three slides alone (cover, 調査概要, AI導入状況) stay small:
# the font is subset to the glyphs drawn and streams are compressed
mkdir -p three/templates
cp templates/00-*.md templates/01-*.md templates/02-*.md three/templates/
"$SHIRYO" build --pdf --templates three/templates -o three/out >/dev/null 2>&1
size=$(wc -c <three/out/ai-rpa-r7-0630.pdf)
check "three-slide PDF under 150 KB ($size bytes)" test "$size" -lt 153600

check "HTML has the sentence" grep -q "導入済み団体数は、都道府県・指定都市で100%となった。" "$HTML"
check "HTML has an inline SVG chart" grep -q "<svg" "$HTML"
check "SVG labels are real <text>" grep -q "<text[^>]*>都道府県</text>" "$HTML"
check "HTML is lang=ja" grep -q '<html lang="ja">' "$HTML"
check "HTML parses without errors" xmllint --html --noout "$HTML"
# the page is well-formed XML as a whole (so every inline <svg> is too)
check "page and its SVG are well-formed XML" xmllint --noout "$HTML"
check "every chart's SVG labels are on its PDF page" python3 "$ROOT/tests/tools/svg_labels_in_pdf.py" "$HTML" "$PDF"
check "chart data CSV written with a BOM" sh -c 'head -c 3 out/site/data/s3-f1-*.csv | od -An -tx1 | grep -q "ef bb bf"'

# determinism: a second build is byte-identical
cp "$PDF" first.pdf
cp "$HTML" first.html
"$SHIRYO" build >/dev/null 2>&1
check "second build: PDF byte-identical" cmp first.pdf "$PDF"
check "second build: HTML byte-identical" cmp first.html "$HTML"

# bad input: clear errors, non-zero exit, earlier outputs untouched
snapshot() { find out -type f | sort | xargs md5sum; }
snapshot >before.md5

cp data/surveys.csv surveys.good
printf 'R7,2025-12-31,"2026-01-05,2026-01-31,1788,1788,,,x,y,仮,GAP\n' >>data/surveys.csv
"$SHIRYO" build >bad.out 2>bad.err
rc=$?
check "unterminated quote: exit 1 (got $rc)" test "$rc" = 1
check "unterminated quote: names file:line:col" grep -q "data/surveys.csv:9:15: error: .*unterminated" bad.err
snapshot >after.md5
check "unterminated quote: out/ unchanged" cmp before.md5 after.md5
cp surveys.good data/surveys.csv

cp templates/02-ai-adoption.md tpl.good
printf '\n本文 {{ other | pct \n' >>templates/02-ai-adoption.md
"$SHIRYO" build >bad.out 2>bad.err
rc=$?
check "unclosed {{: exit 1 (got $rc)" test "$rc" = 1
line=$(wc -l <templates/02-ai-adoption.md)
check "unclosed {{: names file:line:col" grep -q "templates/02-ai-adoption.md:$line:4: error" bad.err
snapshot >after.md5
check "unclosed {{: out/ unchanged" cmp before.md5 after.md5
cp tpl.good templates/02-ai-adoption.md

sed 's/org_type = "都道府県" and stage/org_typ = "都道府県" and stage/' tpl.good >templates/02-ai-adoption.md
"$SHIRYO" check >bad.out 2>bad.err
rc=$?
check "unknown column: check exits 1 (got $rc)" test "$rc" = 1
check "unknown column: names the file, line and column" grep -q 'templates/02-ai-adoption.md:[0-9]*:[0-9]*: error: .*unknown column "org_typ"' bad.err
check "unknown column: suggests org_type" grep -qx '  hint: did you mean "org_type"?' bad.err
cp tpl.good templates/02-ai-adoption.md

sed 's/^R6,その他の市区町村,導入済み,996,/R6,その他の市区町村,導入済み,900,/' data/ai_adoption_status.csv >x.csv && mv x.csv data/ai_adoption_status.csv
"$SHIRYO" build --pdf >/dev/null 2>&1
pdftotext -f 3 -l 3 "$PDF" p3b.txt 2>/dev/null
check "a changed CSV value changes the sentence (900/1,721 = 52%)" grep -q "その他の市区町村は52%となり" p3b.txt
cp "$ROOT/data/ai_adoption_status.csv" data/

# the command line
"$SHIRYO" check >check.out 2>&1
check "check passes on the default deck" test $? = 0
"$SHIRYO" >/dev/null 2>&1
check "no command: exit 2" test $? = 2
"$SHIRYO" build --bogus >/dev/null 2>&1
check "unknown option: exit 2" test $? = 2
check "--version" sh -c "\"$SHIRYO\" --version | grep -q '^shiryo '"
check "--help documents the exit statuses" sh -c "\"$SHIRYO\" --help | grep -q 'Exit status'"
"$SHIRYO" build --data nonexistent >/dev/null 2>bad.err
check "missing data directory: exit 1 with its name" sh -c "test $? = 1 && grep -q nonexistent bad.err"

it_end
