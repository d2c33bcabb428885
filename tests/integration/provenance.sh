#!/bin/sh
# Provenance that is right (tests/fixtures/provenance): a status given per
# column or per cell (the schema's @status) marks only the values it
# covers, so a constant (the 1,788 bodies surveyed) is never marked; a
# slide with preliminary (速報) and placeholder (仮) values shows both
# marks and both ※ notes in the PDF, the site and the PowerPoint file.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin provenance
cp -r "$ROOT/tests/fixtures/provenance" "$T/p"
cd "$T/p"
check "the fixture builds" "$SHIRYO" build
pdftotext -layout out/provenance.pdf pdf.txt 2>/dev/null
txt=$(tr -d ' \n' <pdf.txt)
has() { printf '%s' "$2" | grep -qF -- "$1"; }
has "調査対象1,788団体のうち" "$txt" && ! has "1,788〔" "$txt" &&
  ok "PDF: the constant, covered by a final status column only, is not marked" ||
  no "PDF: the constant, covered by a final status column only, is not marked" "$(head -c 300 pdf.txt)"
has "1,750〔速報〕団体から回答" "$txt" &&
  ok "PDF: the value its own status column calls 速報 is marked" ||
  no "PDF: the value its own status column calls 速報 is marked"
has "900〔仮〕団体" "$txt" && has "RPAは700団体" "$txt" &&
  ok "PDF: a row's status marks that row's value only" || no "PDF: a row's status marks that row's value only"
for w in 速報値を含む 仮の値を含む "※〔速報〕を付した値は速報値であり" "※〔仮〕を付した値及び"; do
  has "$w" "$txt" && ok "PDF: $w" || no "PDF: $w"
done
n=$(grep -c 'class="mark">' out/site/index.html)
grep -q 'class="mark">速報値を含む' out/site/index.html &&
  grep -q 'class="mark">仮の値を含む' out/site/index.html && [ "$n" = 2 ] &&
  ok "site: both marks" || no "site: both marks" "$n marks"
for w in "※〔速報〕を付した値は速報値であり" "※〔仮〕を付した値及び"; do
  grep -qF "$w" out/site/index.html && ok "site: $w" || no "site: $w"
done
mkdir x && (cd x && unzip -q ../out/provenance.pptx)
# the slide's text: every run's text joined
sed 's/<a:t>/\n<a:t>/g' x/ppt/slides/slide1.xml | sed -n 's/^<a:t>\([^<]*\)<\/a:t>.*/\1/p' | tr -d '\n' >pptx.txt
for w in 速報値を含む 仮の値を含む "1,750〔速報〕" "※〔速報〕を付した値は速報値であり" "※〔仮〕を付した値及び"; do
  grep -qF -- "$w" pptx.txt && ok "PowerPoint: $w" || no "PowerPoint: $w" "$(head -c 300 pptx.txt)"
done
grep -qF '1,788〔' pptx.txt && no "PowerPoint: the constant is not marked" || ok "PowerPoint: the constant is not marked"
it_end
