#!/bin/sh
# Images on slides (tests/images/fixture: a PNG shown three times, a JPEG,
# a chart): the PDF (pdfimages: each picture once, its pixel size; the
# rendered page is not blank where the picture is), the site (<img> with
# its alternative text and size, the copy byte-identical to the input,
# tests/site/check.mjs: axe-core, CSP, requests), the PowerPoint file
# (p:pic with descr = the alternative text, its media part identical to
# the input, LibreOffice opens it and draws the pictures), a large
# picture scaled down to fit A4 and 16:9 pages, never up, and
# byte-identical outputs when built twice.
# Pictures of the pages for a person to look at go to build/image-shots/.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin images
PY=/usr/bin/python3
FIX="$ROOT/tests/images/fixture"
SHOTS="$ROOT/build/image-shots"
LOGO="$FIX/templates/images/logo.png"
PHOTO="$FIX/templates/photo.jpg"
cp -r "$FIX" "$T/p"
cd "$T"
build() { "$SHIRYO" build --data p/data --templates p/templates "$@"; }

check "the fixture builds" build -o out
P=out/images.pdf

# ---- PDF ------------------------------------------------------------
pdfimages -list "$P" >list.txt 2>&1
# page num type width height color comp bpc enc …  object-id
check "pdfimages: 4 pictures drawn on 3 pages, the PNG 320x120 (8-bit RGB) and the JPEG 240x160 (DCT)" \
  sh -c "awk 'NR > 2 { print \$1, \$4, \$5, \$6, \$8, \$9 }' list.txt >got.txt
         printf '1 320 120 rgb 8 image\n2 240 160 rgb 8 jpeg\n2 320 120 rgb 8 image\n3 320 120 rgb 8 image\n' >want.txt
         cmp want.txt got.txt"
check "pdf: the PNG shown three times is one image object" \
  sh -c "test \$(awk 'NR > 2 && \$4 == 320 { print \$11 }' list.txt | sort -u | wc -l) = 1"
check "pdf: the JPEG is embedded byte for byte" sh -c "pdfimages -f 2 -l 2 -j '$P' img && cmp img-000.jpg '$PHOTO'"
mkdir -p "$SHOTS"
pdftoppm -r 72 "$P" page
for i in 1 2 3; do pdftoppm -r 72 -png -f $i -l $i "$P" "$SHOTS/page"; done
# page 1 (A4 at 72 dpi, 842 x 595 px): the logo's navy bar (its top 24
# of 120 pixels) and its red square, centred under the key points
check "pdf page 1: the picture is drawn (navy bar and red square where the layout put them, white around)" \
  "$PY" - page-1.ppm <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
magic, w, h, mx, px = d.split(maxsplit=4)
w, h = int(w), int(h)
def at(x, y):
    i = (y * w + x) * 3
    return tuple(px[i:i + 3])
def find(rgb, near):
    return [(x, y) for y in range(h) for x in range(w)
            if all(abs(a - b) <= near for a, b in zip(at(x, y), rgb))]
navy = find((0x1f, 0x3a, 0x68), 8)
red = find((0xd0, 0x30, 0x30), 8)
assert len(navy) > 3000, ('navy pixels', len(navy))
assert len(red) > 1500, ('red pixels', len(red))
# the bar's rows (the title's rule and the key points' frame are navy
# too, but as wide as the text area): 24 px of the picture at 0.75 pt
bar = [y for y in range(h) if 230 <= sum(1 for x, yy in navy if yy == y) <= 250]
assert 15 <= len(bar) <= 20, ('bar rows', len(bar))
nx = sorted(x for x, y in navy if y in bar)
# the bar is centred on the page
mid = (nx[0] + nx[-1]) / 2
assert abs(mid - w / 2) < 3, ('bar centre', mid)
# the bar is 240 pt wide (320 px at 96 dpi), not upscaled
assert 236 <= nx[-1] - nx[0] + 1 <= 242, ('bar width', nx[-1] - nx[0] + 1)
# the square is below the bar
assert min(y for _, y in red) > max(bar)
PY

# ---- site -----------------------------------------------------------
S=out/site
check "site: index.html is well-formed XML" xmllint --noout "$S/index.html"
png=$(sha256sum "$LOGO" | cut -c1-16).png
jpg=$(sha256sum "$PHOTO" | cut -c1-16).jpg
check "site: <img> with the alternative text and the size drawn (240 x 90 pt is 320 x 120 px)" \
  grep -qF "<img src=\"img/$png\" alt=\"紺色の帯と赤い正方形の図形\" width=\"320\" height=\"120\" />" "$S/index.html"
check "site: the JPEG's <img>" \
  grep -qF "<img src=\"img/$jpg\" alt=\"青い空と茶色の畑の写真\" width=\"240\" height=\"160\" />" "$S/index.html"
check "site: the copies are byte-identical to the inputs, one file per picture" \
  sh -c "cmp '$LOGO' '$S/img/$png' && cmp '$PHOTO' '$S/img/$jpg' && test \$(ls '$S/img' | wc -l) = 2"
check "site: the policy lets the site's own pictures load" grep -qF "img-src 'self' data:;" "$S/index.html"
if [ -d "$ROOT/tests/site/node_modules/playwright-core" ]; then
  if node "$ROOT/tests/site/check.mjs" --shots "$SHOTS" "$S" >node.out 2>&1; then
    ok "tests/site/check.mjs: axe-core, CSP, requests, layout ($(tail -1 node.out))"
  else
    no "tests/site/check.mjs: axe-core, CSP, requests, layout" "$(grep -A3 FAIL node.out | head -c 800)"
  fi
  check "site: the browser loads both pictures (naturalWidth 320 and 240)" node -e '
    const { chromium } = require(process.argv[1]);
    (async () => {
      const b = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu"] });
      const p = await b.newPage();
      await p.goto("file://" + process.argv[2], { waitUntil: "load" });
      const w = await p.evaluate(() => [...document.images].map((i) => i.naturalWidth).join(" "));
      await b.close();
      if (w !== "320 240 320 320") { console.log(w); process.exit(1); }
    })();' "$ROOT/tests/site/node_modules/playwright-core" "$T/$S/index.html"
else
  no "tests/site/node_modules is installed (make test runs npm ci)"
fi

# ---- PowerPoint -----------------------------------------------------
X=out/images.pptx
check "pptx: a p:pic per image block, descr = the alternative text" sh -c "
  unzip -p '$X' ppt/slides/slide1.xml | grep -qF 'descr=\"紺色の帯と赤い正方形の図形\"/><p:cNvPicPr>' &&
  unzip -p '$X' ppt/slides/slide2.xml | grep -qF 'descr=\"青い空と茶色の畑の写真\"/><p:cNvPicPr>' &&
  test \$(unzip -p '$X' 'ppt/slides/slide*.xml' | grep -o '<p:pic>' | wc -l) = 4"
check "pptx: one media part per picture, identical to the input, with its content type and relationship" sh -c "
  unzip -p '$X' ppt/media/$png | cmp - '$LOGO' && unzip -p '$X' ppt/media/$jpg | cmp - '$PHOTO' &&
  test \$(unzip -l '$X' | grep -c ppt/media/) = 2 &&
  unzip -p '$X' '\\[Content_Types\\].xml' | grep -qF '<Override PartName=\"/ppt/media/$jpg\" ContentType=\"image/jpeg\"/>' &&
  unzip -p '$X' ppt/slides/_rels/slide2.xml.rels | grep -qF 'Id=\"rIdImg1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"../media/$jpg\"'"
if command -v soffice >/dev/null 2>&1; then
  mkdir lo
  if LC_ALL=C.UTF-8 timeout 600 soffice -env:UserInstallation="file://$T/lo-profile" --headless \
       --convert-to pdf --outdir lo "$X" >lo.out 2>&1 && [ -s lo/images.pdf ]; then
    ok "LibreOffice converts the .pptx to PDF"
    pdfimages -list lo/images.pdf >lo-list.txt 2>&1
    check "LibreOffice's PDF draws the pictures (pdfimages: 320x120 and 240x160)" sh -c "
      grep -qE '^ +1 +[0-9]+ image +320 +120 ' lo-list.txt && grep -qE '^ +2 +[0-9]+ image +240 +160 ' lo-list.txt"
    pdftoppm -r 72 -png -f 1 -l 2 lo/images.pdf "$SHOTS/lo-page"
  else
    no "LibreOffice converts the .pptx to PDF" "$(head -c 600 lo.out)"
  fi
else
  no "LibreOffice (soffice) is installed" "make test installs libreoffice-impress"
fi

# ---- fit: a large picture shrinks into its box, on A4 and 16:9 --------
"$PY" - p/templates/big.png <<'PY'
import struct, sys, zlib
def chunk(k, d):
    return struct.pack('>I', len(d)) + k + d + struct.pack('>I', zlib.crc32(k + d) & 0xffffffff)
w, h = 1600, 1200
row = b'\x00' + bytes([40, 120, 200]) * w
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(row * h, 9)) + chunk(b'IEND', b''))
PY
printf '\n# 大きな画像\n\n本文の一行。\n\n![青一色の大きな画像](big.png)\n' >>p/templates/01-images.md
for page in a4 16:9; do
  if build --page "$page" -o "big-$page" >big.out 2>&1; then
    # the box in the site is the box on the slide, in CSS px (pt / 0.75)
    check "--page $page: the 1600x1200 picture fits the body (aspect kept, inside the page)" "$PY" - "big-$page/site/index.html" "$page" <<'PY'
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
w, h = map(int, re.search(r'alt="青一色の大きな画像" width="(\d+)" height="(\d+)"', html).groups())
pw, ph = (841.89, 595.28) if sys.argv[2] == 'a4' else (720, 405)
assert w * 0.75 <= pw - 72 + 1 and h * 0.75 <= ph * 0.85, (w, h)
assert abs(w / h - 4 / 3) < 0.02, (w, h)
assert h >= 60, (w, h)
PY
    check "--page $page: the PDF shows it at its full 1600x1200 pixels" \
      sh -c "pdfimages -list 'big-$page/images.pdf' | grep -qE '^ +4 +[0-9]+ image +1600 +1200 '"
  else
    no "--page $page: the deck with a large picture builds" "$(head -c 600 big.out)"
  fi
done
pdftoppm -r 72 -png -f 4 -l 4 big-16:9/images.pdf "$SHOTS/big-16x9"

# ---- deterministic ----------------------------------------------------
rm -f p/templates/big.png
sed -i '/^# 大きな画像$/,$d' p/templates/01-images.md
check "built twice: PDF, site and PowerPoint byte-identical" sh -c "
  '$SHIRYO' build --data p/data --templates p/templates -o again >/dev/null &&
  cmp out/images.pdf again/images.pdf && cmp out/images.pptx again/images.pptx &&
  diff -r out/site/ again/site/"
echo "  pages in $SHOTS"
it_end
