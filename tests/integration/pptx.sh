#!/bin/sh
# The PowerPoint file (--pptx; docs/pptx.md): the default deck's .pptx
# passes the package checker (tests/tools/pptx_check.py), and the checker
# itself catches a broken package; a plain build writes the .pptx with
# the PDF and the site, which copies it and links it next to the PDF, and
# --pdf alone writes none; two builds give byte-identical files; the
# slide size follows the page (A4 landscape, 16:9); the document
# properties come from the front matter; every slide's title, key points
# and table cells are in the slide's text as shiryo's own PDF shows them;
# every chart is native (one chart part and workbook per panel) or, for
# a Venn diagram, a group of editable shapes; LibreOffice Impress opens the file: its
# PDF has 24 pages and each page holds that slide's title, key points and
# the value labels of its charts; and converted to OpenDocument every
# chart part comes back as a chart object with the same series and values.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin pptx
PY=/usr/bin/python3
CHECK="$ROOT/tests/tools/pptx_check.py"
NAME=ai-rpa-r7-0630

cp -r "$ROOT/data" "$ROOT/templates" "$T/"
cd "$T"

# ---- 1. a plain build writes the .pptx; --pdf alone does not -------------
"$SHIRYO" build -o plain >plain.out 2>&1
check "a plain build writes the PDF" test -f "plain/$NAME.pdf"
check "a plain build writes the .pptx" test -f "plain/$NAME.pptx"
check "a plain build reports the .pptx" grep -qF "plain/$NAME.pptx (24 slides)" plain.out
check "the site holds a copy of the .pptx" cmp "plain/$NAME.pptx" "plain/site/$NAME.pptx"
check "the site links the .pptx next to the PDF" grep -qF \
  "<a href=\"$NAME.pdf\">PDF版をひらく（$NAME.pdf）</a> <a href=\"$NAME.pptx\">PowerPoint版をダウンロード（$NAME.pptx）</a>" \
  plain/site/index.html
"$SHIRYO" build --pdf -o pdfonly >pdfonly.out 2>&1
check "--pdf alone writes no .pptx" test ! -e "pdfonly/$NAME.pptx"
if "$SHIRYO" build --pptx --pdf -o a >a.out 2>a.err; then ok "build --pptx exits 0"
else no "build --pptx exits 0" "$(head -c 600 a.err)"; fi
check "the report names the .pptx and its slides" grep -qF "a/$NAME.pptx (24 slides)" a.out
check "--pptx writes no site" test ! -e a/site
P="a/$NAME.pptx"

# ---- 2. the package checker --------------------------------------------
check "the .pptx passes the package checker (24 slides)" "$PY" "$CHECK" "$P" 24

# the checker fails on a broken package: a part without a content type, a
# relationship to a missing part, two shapes with one id
"$PY" - "$P" <<'EOF'
import re, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
def copy(out, change):
    with zipfile.ZipFile(out, "w") as z:
        for i in src.infolist():
            data = change(i.filename, src.read(i.filename))
            if data is not None:
                z.writestr(zipfile.ZipInfo(i.filename, i.date_time), data)
copy("no-type.pptx", lambda n, d: re.sub(
    rb'<Override PartName="/ppt/slides/slide3.xml"[^>]*/>', b"", d)
    if n == "[Content_Types].xml" else d)
copy("no-target.pptx", lambda n, d: None if n == "ppt/slides/slide5.xml" else d)
copy("dup-id.pptx", lambda n, d: d.replace(b'cNvPr id="3"', b'cNvPr id="2"', 1)
     if n == "ppt/slides/slide2.xml" else d)
copy("bad-xml.pptx", lambda n, d: d.replace(b"</p:sld>", b"</p:sl>")
     if n == "ppt/slides/slide4.xml" else d)
EOF
for broken in no-type no-target dup-id bad-xml; do
  if "$PY" "$CHECK" "$broken.pptx" 24 >"$broken.out" 2>&1; then
    no "the checker refuses $broken.pptx"
  else ok "the checker refuses $broken.pptx"; fi
done
check "the checker names the part without its type" grep -q "slide3.xml: related as slide but its content type is application/xml" no-type.out
check "the checker names the missing target" grep -q "slide5.xml, which is not in the package" no-target.out
check "the checker names the duplicate shape id" grep -q "slide2.xml: shape ids used more than once" dup-id.out

# ---- 3. deterministic ---------------------------------------------------
"$SHIRYO" build --pptx -o b >b.out 2>&1
check "two builds give byte-identical .pptx files" cmp "$P" "b/$NAME.pptx"

# ---- 4. the slide size, the properties, the text -------------------------
"$SHIRYO" build --pptx --page 16:9 -o w >w.out 2>&1
check "the 16:9 .pptx passes the package checker" "$PY" "$CHECK" "w/$NAME.pptx" 24
"$PY" - "$P" "w/$NAME.pptx" "a/$NAME.pdf" >props.out 2>&1 <<'EOF'
import subprocess, sys, zipfile
import xml.etree.ElementTree as ET
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
def size(path):
    t = ET.fromstring(zipfile.ZipFile(path).read("ppt/presentation.xml"))
    s = t.find(P + "sldSz")
    return int(s.get("cx")), int(s.get("cy"))
# A4 landscape 841.89 x 595.28 pt, 16:9 720 x 405 pt; 12700 EMU a point
assert size(sys.argv[1]) == (10692003, 7560056), size(sys.argv[1])
assert size(sys.argv[2]) == (9144000, 5143500), size(sys.argv[2])
core = zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()
info = subprocess.run(["pdfinfo", sys.argv[3]], capture_output=True,
                      text=True).stdout
title = [l.split(":", 1)[1].strip() for l in info.splitlines()
         if l.startswith("Title:")][0]
assert title and "<dc:title>%s</dc:title>" % title in core, (title, core)
author = [l.split(":", 1)[1].strip() for l in info.splitlines()
          if l.startswith("Author:")][0]
assert "<dc:creator>%s</dc:creator>" % author in core, (author, core)
# the theme names the family of the font the PDF embeds
fonts = subprocess.run(["pdffonts", sys.argv[3]], capture_output=True,
                       text=True).stdout.splitlines()[2:]
family = fonts[0].split()[0].split("+", 1)[1]
theme = zipfile.ZipFile(sys.argv[1]).read("ppt/theme/theme1.xml").decode()
for tag in ("majorFont", "minorFont"):
    assert '<a:%s><a:latin typeface="%s"/><a:ea typeface="%s"/>' % (
        tag, family, family) in theme, (family, theme[:300])
print("ok")
EOF
check "slide size A4 and 16:9, title and author from the front matter, the PDF font's family in the theme" grep -qx ok props.out

# pptx-font: in the theme, escaped; the PDF keeps its own font
mkdir -p fontdeck && cp -r data fontdeck/ && cp -r templates fontdeck/
sed -i '0,/^deck:/s//pptx-font: Yu Gothic \& Co\ndeck:/' fontdeck/templates/00-cover.md
(cd fontdeck && "$SHIRYO" build -o out >../fontdeck.out 2>&1)
check "pptx-font names the theme's fonts, escaped" "$PY" -c '
import sys, zipfile
t = zipfile.ZipFile(sys.argv[1]).read("ppt/theme/theme1.xml").decode()
sys.exit(t.count("typeface=\"Yu Gothic &amp; Co\"") != 6)' "fontdeck/out/$NAME.pptx"
check "pptx-font leaves the PDF as it was" cmp "fontdeck/out/$NAME.pdf" "plain/$NAME.pdf"

# the categories as the PDF's axis shows them (H30, not 平成30年度) and
# the unit over the value axis: the charts of a unit: have （unit） as
# their value axis's title
"$PY" - "$P" >axis.out 2>&1 <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
charts = [z.read(n).decode() for n in z.namelist()
          if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
cats = "".join(re.findall(r"<c:cat>.*?</c:cat>", "".join(charts)))
assert "<c:v>H30</c:v>" in cats and "平成30年度" not in cats, cats[:300]
titled = [m for m in (re.search(r"<c:valAx>.*?<c:title>.*?<a:t>（(.*?)）</a:t>",
                                c) for c in charts) if m]
assert {m.group(1) for m in titled} == {"件", "団体"}, [m.group(1) for m in titled]
assert len(titled) == 25, len(titled)  # the 25 of the 31 with axes
print("ok")
EOF
check "category labels as the PDF's axis (H30), the unit over the value axis" grep -qx ok axis.out

# Each slide's texts by shape (Title, Key point, Table cells), one per line,
# spacing removed: slideN.title, slideN.points, slideN.cells.
"$PY" - "$P" <<'EOF'
import re, sys, zipfile
import xml.etree.ElementTree as ET
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
def text(e):
    return re.sub(r"\s+", "", "".join(t.text or "" for t in e.iter(A + "t")))
i = 1
while "ppt/slides/slide%d.xml" % i in z.namelist():
    t = ET.fromstring(z.read("ppt/slides/slide%d.xml" % i))
    out = {"title": [], "points": [], "cells": []}
    for sp in t.iter(P + "sp"):
        name = sp.find(P + "nvSpPr/" + P + "cNvPr").get("name")
        if name.startswith("Title "):
            out["title"].append(text(sp))
        elif name.startswith("Key point "):
            out["points"].append(text(sp))
    for tc in t.iter(A + "tc"):
        out["cells"].append(text(tc))
    for k, v in out.items():
        with open("slide%d.%s" % (i, k), "w") as f:
            f.write("".join(x + "\n" for x in v if x))
    i += 1
EOF
pdftotext "a/$NAME.pdf" shiryo.txt
missing=""
i=1
while [ "$i" -le 24 ]; do
  pdftotext -f "$i" -l "$i" "a/$NAME.pdf" - | tr -d ' \t\n\f' >"sh$i.txt"
  for k in title points cells; do
    while IFS= read -r line; do
      grep -qF -- "$line" "sh$i.txt" || missing="$missing slide $i $k: $line;"
    done <"slide$i.$k"
  done
  i=$((i + 1))
done
check "every slide has a title" sh -c 'for i in $(seq 1 24); do test -s slide$i.title || exit 1; done'
check "the key points of 20 or more slides are text boxes" \
  sh -c 'n=0; for i in $(seq 1 24); do test -s slide$i.points && n=$((n+1)); done; test $n -ge 20'
check "the tables are native tables" sh -c 'cat slide*.cells | grep -q .'
if [ -z "$missing" ]; then ok "titles, key points and table cells read as in shiryo's PDF"
else no "titles, key points and table cells read as in shiryo's PDF" "$(echo "$missing" | head -c 600)"; fi

# ---- 5. charts: native where pptx_chart.c can express them ---------------
"$SHIRYO" build --html -o site >site.out 2>&1
"$PY" - "$P" site/site/data >charts.out 2>&1 <<'EOF'
import os, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
native = [n for n in names if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
books = [n for n in names if n.startswith("ppt/embeddings/")]
# a chart PowerPoint has no type for: a group "Drawing B" of shapes, with
# ellipses (a Venn diagram's sets) and texts (its counts)
holders = 0
for n in names:
    if re.fullmatch(r"ppt/slides/slide\d+\.xml", n):
        for g in re.findall(rb'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="\d+" '
                            rb'name="Drawing \d+".*?</p:grpSp>', z.read(n)):
            if g.count(b'prst="ellipse"') >= 2 and g.count(b'txBox="1"') >= 3:
                holders += 1
csvs = len([f for f in os.listdir(sys.argv[2]) if f.endswith(".csv")])
# a native chart's frames are named "Chart B.P" (body block, panel)
blocks = set()
for n in names:
    if re.fullmatch(r"ppt/slides/slide\d+\.xml", n):
        for b in re.findall(rb'name="Chart (\d+)\.\d+"', z.read(n)):
            blocks.add((n, b))
print("native %d books %d placeholders %d charts %d blocks %d"
      % (len(native), len(books), holders, csvs, len(blocks)))
EOF
read -r _ native _ books _ holders _ charts _ blocks <charts.out
check "every chart is native or a group of shapes ($blocks + $holders = $charts)" \
  test "$((blocks + holders))" = "$charts"
check "the two Venn diagrams are groups of ellipses and texts" test "$holders" = 2
check "one chart part per panel (${native}), each with its workbook" \
  sh -c "test '$native' -ge 30 && test '$native' = '$books'"

# ---- 6. LibreOffice Impress opens it -------------------------------------
if ! command -v soffice >/dev/null 2>&1; then
  no "LibreOffice (soffice) is installed" "make test installs libreoffice-impress"
  it_end
fi
mkdir lo
# LibreOffice writes a chart's "#,##0" labels with the grouping of its own
# locale (1.024 under de_DE, as PowerPoint would on a German desktop); the
# deck's readers see Japanese grouping, which C.UTF-8 shares, so the
# viewer runs under C.UTF-8 whatever locale the suite runs in.
if LC_ALL=C.UTF-8 timeout 600 soffice -env:UserInstallation="file://$T/lo-profile" --headless \
     --convert-to pdf --outdir lo "$P" >lo.out 2>&1 && [ -s "lo/$NAME.pdf" ]; then
  ok "LibreOffice converts the .pptx to PDF"
else no "LibreOffice converts the .pptx to PDF" "$(head -c 600 lo.out)"; fi
pages=$(pdfinfo "lo/$NAME.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "LibreOffice's PDF has 24 pages" test "${pages:-0}" = 24
missing=""
i=1
while [ "$i" -le 24 ]; do
  pdftotext -f "$i" -l "$i" "lo/$NAME.pdf" - 2>/dev/null | tr -d ' \t\n\f' >"lo$i.txt"
  for k in title points; do
    while IFS= read -r line; do
      grep -qF -- "$line" "lo$i.txt" || missing="$missing page $i $k: $line;"
    done <"slide$i.$k"
  done
  i=$((i + 1))
done
if [ -z "$missing" ]; then ok "every LibreOffice page holds its slide's title and key points"
else no "every LibreOffice page holds its slide's title and key points" "$(echo "$missing" | head -c 600)"; fi

# every value label of a native chart (its cached value in the label's
# number format) is on its slide's LibreOffice page
"$PY" - "$P" <<'EOF'
import re, sys, zipfile
import xml.etree.ElementTree as ET
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
z = zipfile.ZipFile(sys.argv[1])
i = 1
while "ppt/slides/slide%d.xml" % i in z.namelist():
    rels = z.read("ppt/slides/_rels/slide%d.xml.rels" % i).decode()
    labels = []
    for n in re.findall(r'Target="\.\./charts/(chart\d+\.xml)"', rels):
        t = ET.fromstring(z.read("ppt/charts/" + n))
        for ser in t.iter(C + "ser"):
            d = ser.find(C + "dLbls")
            if d.find(C + "showVal") is None:
                continue
            fmt = d.find(C + "numFmt")
            code = "General" if fmt is None else fmt.get("formatCode")
            left_out = {int(l.find(C + "idx").get("val"))
                        for l in d.findall(C + "dLbl")}
            show = lambda k: d.find(C + k).get("val") == "1"
            pts = {int(p.get("idx")): float(p.find(C + "v").text)
                   for p in ser.find(C + "val").iter(C + "pt")}
            total = sum(pts.values())
            for k, x in sorted(pts.items()):
                if k in left_out:
                    continue
                if show("showVal"):
                    r = int(x + 0.5)
                    labels.append("%d%%" % r if "%" in code else
                                  "{:,}".format(r) if "#,##0" in code else
                                  str(r))
                if show("showPercent"):
                    labels.append("%d%%" % int(x / total * 100 + 0.5))
    with open("labels%d" % i, "w") as f:
        f.write("".join(l + "\n" for l in labels))
    i += 1
EOF
missing=""
n=0
i=1
while [ "$i" -le 24 ]; do
  while IFS= read -r v; do
    n=$((n + 1))
    grep -qF -- "$v" "lo$i.txt" || missing="$missing page $i: $v;"
  done <"labels$i"
  i=$((i + 1))
done
if [ -z "$missing" ] && [ "$n" -gt 50 ]; then ok "the $n value labels of the native charts are on LibreOffice's pages"
else no "the value labels of the native charts are on LibreOffice's pages" "$n labels;$(echo "$missing" | head -c 600)"; fi

# ---- 7. charts survive as charts: LibreOffice to OpenDocument -----------
# LibreOffice drops what it cannot read as a chart; each chart part must
# come back as an embedded chart object with the same series and values.
if LC_ALL=C.UTF-8 timeout 600 soffice -env:UserInstallation="file://$T/lo-profile" --headless \
     --convert-to odp --outdir odp "$P" >odp.out 2>&1 && [ -s "odp/$NAME.odp" ]; then
  ok "LibreOffice converts the .pptx to OpenDocument"
else no "LibreOffice converts the .pptx to OpenDocument" "$(head -c 600 odp.out)"; fi
"$PY" - "$P" "odp/$NAME.odp" >odp-check.out 2>&1 <<'EOF'
import re, sys, zipfile
import xml.etree.ElementTree as ET
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
OFF = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CH = "{urn:oasis:names:tc:opendocument:xmlns:chart:1.0}"
TB = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
pz, oz = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
def part(n):
    t = ET.fromstring(pz.read(n))
    sers = list(t.iter(C + "ser"))
    vals = sorted(round(float(v.text), 6) for s in sers
                  for v in s.find(C + "val").iter(C + "v"))
    return len(sers), tuple(vals)
def obj(n):
    t = ET.fromstring(oz.read(n))
    if t.find(".//" + CH + "chart") is None:
        return None
    sers = len(list(t.iter(CH + "series")))
    # a value the data lacks (an empty cell) comes back as NaN
    vals = sorted(round(float(c.get(OFF + "value")), 6)
                  for c in t.iter(TB + "table-cell")
                  if c.get(OFF + "value-type") == "float"
                  and c.get(OFF + "value") != "NaN")
    return sers, tuple(vals)
parts = sorted(part(n) for n in pz.namelist()
               if re.fullmatch(r"ppt/charts/chart\d+\.xml", n))
objs = sorted(o for o in (obj(n) for n in oz.namelist()
                          if re.fullmatch(r"Object \d+/content\.xml", n))
              if o is not None)
print(len(parts), len(objs), "same" if parts == objs else "differ")
EOF
read -r nparts nobjs same <odp-check.out
check "one OpenDocument chart object per chart part ($nobjs of $nparts)" \
  test "$nparts" = "$nobjs"
check "the chart objects have the chart parts' series and values" test "$same" = same

it_end
