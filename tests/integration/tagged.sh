#!/bin/sh
# The tagged PDF (PDF/UA-1) as poppler, qpdf and pikepdf read it: tagged,
# version 1.7, with its metadata; a structure tree that poppler reads
# without a complaint, one Sect per slide, every slide's title an H1; the
# reading order of the structure tree equal to the site's (order.py), on
# an A4 and a 16:9 page, and the check of the order failing on a PDF whose
# sections were swapped, and with pictures (Figures with their
# alternative text); a link in a sentence a Link element holding its
# text and its annotation (OBJR, /StructParent, /Contents); the object
# stream and the cross-reference stream read back by qpdf --check.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin tagged
PY=/usr/bin/python3
ORDER="$ROOT/tests/pdfua/order.py"

cp -r "$ROOT/data" "$ROOT/templates" "$T/"
cd "$T"
PDF=out/ai-rpa-r7-0630.pdf
HTML=out/site/index.html
if "$SHIRYO" build >build.out 2>&1; then ok "default deck builds"; else
  no "default deck builds" "$(head -c 600 build.out)"; fi

info=$(pdfinfo "$PDF" 2>&1)
for want in "Tagged: *yes" "PDF version: *1.7" "Metadata Stream: *yes"; do
  if printf '%s\n' "$info" | grep -q "^$want"; then ok "pdfinfo: $want"
  else no "pdfinfo: $want" "$(printf '%s\n' "$info" | head -20)"; fi
done

pdfinfo -struct-text "$PDF" >struct.txt 2>struct.err
if [ -s struct.err ]; then no "poppler reads the tree without a complaint" \
  "$(sort struct.err | uniq -c | head -3)"
else ok "poppler reads the tree without a complaint"; fi
slides=$(cat templates/*.md | grep -c '^# ')
sects=$(grep -c '^  Sect' struct.txt)
h1=$(grep -c '^    H1' struct.txt)
if [ "$sects" = "$slides" ] && [ "$h1" = "$slides" ]; then
  ok "one Sect and one H1 per slide ($slides)"
else no "one Sect and one H1 per slide" "slides $slides, Sect $sects, H1 $h1"; fi
# each slide's title is its H1's text
missing=0
for f in templates/*.md; do
  grep '^# ' "$f" | sed 's/^# //' | while IFS= read -r t; do
    case "$t" in *'{{'*) continue ;; esac
    tr -d ' \n' <struct.txt | grep -qF "\"$(printf '%s' "$t" | tr -d ' ')\"" ||
      echo "$t"
  done
done >missing.txt
if [ -s missing.txt ]; then no "every literal slide title is in the tree" \
  "$(head -3 missing.txt)"
else ok "every literal slide title is in the tree"; fi

if qpdf --check "$PDF" >qpdf.out 2>&1; then ok "qpdf --check"; else
  no "qpdf --check" "$(tail -5 qpdf.out)"; fi

# ---- the reading order is the site's ------------------------------------
if out=$($PY "$ORDER" "$PDF" "$HTML" 2>&1); then ok "reading order (A4): $out"
else no "reading order (A4)" "$out"; fi
if "$SHIRYO" build --page 16:9 -o wide >wide.out 2>&1 &&
  out=$($PY "$ORDER" wide/ai-rpa-r7-0630.pdf wide/site/index.html 2>&1); then
  ok "reading order (16:9): $out"
else no "reading order (16:9)" "$out $(head -c 300 wide.out)"; fi
# a deck with pictures: each a Figure with the picture's alternative text
cp -r "$ROOT/tests/images/fixture" pics
if (cd pics && "$SHIRYO" build >build.out 2>&1) &&
  out=$($PY "$ORDER" pics/out/*.pdf pics/out/site/index.html 2>&1); then
  ok "reading order (pictures): $out"
else no "reading order (pictures)" "$out $(head -c 300 pics/build.out)"; fi
# the check itself fails on a PDF whose slides 2 and 3 change places
$PY - "$PDF" swapped.pdf <<'EOF'
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
k = p.Root.StructTreeRoot.K.K
a, b = k[1], k[2]
k[1], k[2] = b, a
p.save(sys.argv[2])
EOF
if out=$($PY "$ORDER" swapped.pdf "$HTML" 2>&1); then
  no "the order check fails on swapped sections" "$out"
else
  case "$out" in *"item "*) ok "the order check fails on swapped sections" ;;
  *) no "the order check fails on swapped sections" "$out" ;; esac
fi

# ---- a link: a Link element with its text and its annotation ------------
mkdir -p link/data link/templates
cp data/*.csv link/data/ 2>/dev/null
cat >link/templates/00-link.md <<'EOF'
---
deck: link
title: リンクの資料
edition: 2025-06-30
---
# 出典

詳しくは[総務省のページ](https://www.soumu.go.jp/)を参照。
EOF
if (cd link && "$SHIRYO" build --pdf >build.out 2>&1); then ok "link deck builds"
else no "link deck builds" "$(head -c 400 link/build.out)"; fi
$PY - link/out/link.pdf >link.out 2>&1 <<'EOF'
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
annots = [a for pg in p.pages for a in pg.obj.get("/Annots", [])]
links = []
def walk(e):
    if e.get("/S") == "/Link":
        links.append(e)
    k = e.get("/K")
    for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            walk(kid)
walk(p.Root.StructTreeRoot.K)
assert len(annots) == 1, f"{len(annots)} annotations"
a = annots[0]
assert str(a.Contents) == "https://www.soumu.go.jp/", a.get("/Contents")
assert len(links) == 1, f"{len(links)} Link elements"
l = links[0]
kids = list(l.K) if isinstance(l.K, pikepdf.Array) else [l.K]
objr = [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
mcids = [k for k in kids if isinstance(k, int)]
assert objr and objr[0].Obj.objgen == a.objgen, "no OBJR to the annotation"
assert mcids, "the Link holds no text"
nums = p.Root.StructTreeRoot.ParentTree.Nums
key = int(a.StructParent)
found = [nums[i + 1] for i in range(0, len(nums), 2) if int(nums[i]) == key]
assert found and found[0].objgen == l.objgen, "the parent tree does not lead to the Link"
assert str(l.P.S) == "/P", l.P.S
print("ok")
EOF
if [ "$(cat link.out)" = ok ]; then
  ok "a link is a Link element with its text, OBJR, /StructParent, /Contents"
else no "a link is a Link element" "$(tail -3 link.out)"; fi
if pdftotext link/out/link.pdf - | grep -q "詳しくは総務省のページを参照。"; then
  ok "the link's sentence extracts as written"
else no "the link's sentence extracts as written" "$(pdftotext link/out/link.pdf - | head -5)"; fi

it_end
