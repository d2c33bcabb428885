#!/usr/bin/python3
"""A checker of PresentationML packages (.pptx, ECMA-376 Parts 1 and 2), for
every .pptx the tests build.  It verifies what PowerPoint refuses a file
over (or offers to "repair"):

- the zip is readable, has no duplicate or absolute entry names, and
  [Content_Types].xml comes first;
- every part is well-formed XML and has a content type (an Override for
  its name, or a Default for its extension), and every Override names a
  part that exists;
- every relationship part is well-formed, its ids are unique, and every
  internal target exists in the package;
- the package root relates the main presentation part, core and app
  properties; each part's root element is in the namespace its content
  type requires (p:presentation, p:sld, p:sldMaster, p:sldLayout,
  a:theme, ...);
- presentation.xml: every slide id is unique and at least 256, the master
  and layout ids are unique and at least 2^31, every r:id resolves, the
  slide size is within PowerPoint's limits;
- every slide: the shape ids of its tree are unique, every r:id used
  resolves to a relationship of the slide, every paragraph run has
  lang="ja-JP" and an East Asian font, a table's grid widths sum to its
  frame's width and every row has one cell per grid column, and every
  chart frame carries alternative text (descr);
- every chart part (c:chartSpace) has an embedded workbook that opens
  with openpyxl, and every series formula (name, categories, values)
  points at cells of that workbook that hold exactly the cached values
  (an empty cell where the cache has no point).

Usage: pptx_check.py FILE.pptx [EXPECTED_SLIDES].  Prints one FAIL line per
problem and "N passed, N failed"; exits 1 on any failure."""
import io
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
CT_PML = "application/vnd.openxmlformats-officedocument.presentationml."
CT_DML = "application/vnd.openxmlformats-officedocument."
# content type -> the root element it requires
ROOTS = {
    CT_PML + "presentation.main+xml": "{%s}presentation" % NS["p"],
    CT_PML + "slide+xml": "{%s}sld" % NS["p"],
    CT_PML + "slideMaster+xml": "{%s}sldMaster" % NS["p"],
    CT_PML + "slideLayout+xml": "{%s}sldLayout" % NS["p"],
    CT_PML + "presProps+xml": "{%s}presentationPr" % NS["p"],
    CT_PML + "viewProps+xml": "{%s}viewPr" % NS["p"],
    CT_PML + "tableStyles+xml": "{%s}tblStyleLst" % NS["a"],
    CT_DML + "theme+xml": "{%s}theme" % NS["a"],
    CT_DML + "extended-properties+xml":
        "{http://schemas.openxmlformats.org/officeDocument/2006/"
        "extended-properties}Properties",
    "application/vnd.openxmlformats-package.core-properties+xml":
        "{http://schemas.openxmlformats.org/package/2006/metadata/"
        "core-properties}coreProperties",
    CT_DML + "drawingml.chart+xml": "{%s}chartSpace" % NS["c"],
    "application/vnd.openxmlformats-package.relationships+xml":
        "{%s}Relationships" % NS["rel"],
}
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ROOT_RELS = {
    REL_BASE + "officeDocument",
    "http://schemas.openxmlformats.org/package/2006/relationships/"
    "metadata/core-properties",
    REL_BASE + "extended-properties",
}
# relationship type -> the content type its target must have
REL_TARGET_TYPES = {
    REL_BASE + "officeDocument": CT_PML + "presentation.main+xml",
    REL_BASE + "slide": CT_PML + "slide+xml",
    REL_BASE + "slideMaster": CT_PML + "slideMaster+xml",
    REL_BASE + "slideLayout": CT_PML + "slideLayout+xml",
    REL_BASE + "theme": CT_DML + "theme+xml",
    REL_BASE + "presProps": CT_PML + "presProps+xml",
    REL_BASE + "viewProps": CT_PML + "viewProps+xml",
    REL_BASE + "tableStyles": CT_PML + "tableStyles+xml",
    REL_BASE + "extended-properties": CT_DML + "extended-properties+xml",
    REL_BASE + "chart": CT_DML + "drawingml.chart+xml",
    REL_BASE + "package": CT_DML + "spreadsheetml.sheet",
}
R_ID = "{%s}id" % NS["r"]
R_EMBED = "{%s}embed" % NS["r"]

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL - " + what)
    return ok


def rels_name(part):
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


def read_rels(z, names, part, trees):
    """{id: (type, absolute target or None for external)} of part."""
    rn = rels_name(part)
    out = {}
    if rn not in trees:
        return out
    base = posixpath.dirname(part)
    for r in trees[rn].findall("rel:Relationship", NS):
        rid, typ, tgt = r.get("Id"), r.get("Type"), r.get("Target")
        check(rid not in out, "%s: relationship id %s used twice" % (rn, rid))
        if r.get("TargetMode") == "External":
            out[rid] = (typ, None)
            continue
        if tgt.startswith("/"):
            full = tgt[1:]
        else:
            full = posixpath.normpath(posixpath.join(base, tgt))
        check(full in names, "%s: %s targets %s, which is not in the package"
              % (rn, rid, full))
        out[rid] = (typ, full)
    return out


def check_slide(name, tree, rels):
    ids = [e.get("id") for e in tree.iter("{%s}cNvPr" % NS["p"])]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    check(not dup, "%s: shape ids used more than once: %s" % (name, dup))
    for e in tree.iter():
        for attr in (R_ID, R_EMBED):
            v = e.get(attr)
            if v is not None:
                check(v in rels, "%s: %s names no relationship of the slide"
                      % (name, v))
    for rpr in tree.iter("{%s}rPr" % NS["a"]):
        check(rpr.get("lang") == "ja-JP", "%s: a run without lang=ja-JP" % name)
        check(rpr.find("a:ea", NS) is not None,
              "%s: a run without an East Asian font (a:ea)" % name)
    for gf in tree.iter("{%s}graphicFrame" % NS["p"]):
        if gf.find(".//c:chart", NS) is not None:
            pr = gf.find("p:nvGraphicFramePr/p:cNvPr", NS)
            check(bool(pr.get("descr")), "%s: a chart without descr" % name)
        tbl = gf.find(".//a:tbl", NS)
        if tbl is None:
            continue
        cols = [int(c.get("w")) for c in tbl.findall("a:tblGrid/a:gridCol", NS)]
        ext = gf.find("p:xfrm/a:ext", NS)
        check(ext is not None and int(ext.get("cx")) == sum(cols),
              "%s: a table's columns do not sum to its width" % name)
        for tr in tbl.findall("a:tr", NS):
            check(len(tr.findall("a:tc", NS)) == len(cols),
                  "%s: a table row without one cell per column" % name)


REF = re.compile(r"^(?:'?([^'!]+)'?!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cells(wb, formula):
    """The values of the cells a formula names, in order, or None."""
    m = REF.match(formula)
    if not m:
        return None
    sheet, c0, r0, c1, r1 = m.groups()
    ws = wb[sheet] if sheet else wb.worksheets[0]
    c1, r1 = c1 or c0, r1 or r0
    out = []
    for r in range(int(r0), int(r1) + 1):
        for c in range(col_index(c0), col_index(c1) + 1):
            out.append(ws.cell(row=r, column=c).value)
    return out


def check_cache(name, wb, ref, kind):
    """A strRef or numRef: its formula's cells hold its cached points."""
    f = ref.find("c:f", NS)
    cache = ref.find("c:strCache" if kind == "str" else "c:numCache", NS)
    if not check(f is not None and cache is not None,
                 "%s: a reference without formula or cache" % name):
        return
    got = cells(wb, f.text)
    if not check(got is not None, "%s: cannot read formula %s" % (name, f.text)):
        return
    count = int(cache.find("c:ptCount", NS).get("val"))
    check(count == len(got), "%s: %s names %d cells, the cache counts %d"
          % (name, f.text, len(got), count))
    pts = {int(p.get("idx")): p.find("c:v", NS).text for p in cache.findall("c:pt", NS)}
    for i, cell in enumerate(got):
        v = pts.get(i)
        if kind == "str":
            ok = (v or "") == ("" if cell is None else str(cell))
        elif v is None:
            ok = cell is None
        else:
            ok = isinstance(cell, (int, float)) and float(cell) == float(v)
        check(ok, "%s: %s cell %d holds %r, the cache %r" % (name, f.text, i, cell, v))


def check_chart(z, name, tree, rels):
    try:
        import openpyxl
    except ImportError:
        check(False, "python3-openpyxl is not installed")
        return
    books = [t for ty, t in rels.values() if ty == REL_BASE + "package"]
    if not check(len(books) == 1, "%s: not one embedded workbook" % name):
        return
    ext = tree.find("c:externalData", NS)
    check(ext is not None and ext.get(R_ID) in rels and
          rels[ext.get(R_ID)][0] == REL_BASE + "package",
          "%s: externalData does not name the workbook" % name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(z.read(books[0])))
    except Exception as e:  # openpyxl raises many kinds
        check(False, "%s: the workbook does not open: %s" % (books[0], e))
        return
    sers = list(tree.iter("{%s}ser" % NS["c"]))
    check(len(sers) > 0, "%s: no series" % name)
    for ser in sers:
        for path, kind in (("c:tx/c:strRef", "str"), ("c:cat/c:strRef", "str"),
                           ("c:val/c:numRef", "num")):
            ref = ser.find(path, NS)
            if check(ref is not None, "%s: a series without %s" % (name, path)):
                check_cache(name, wb, ref, kind)


def check_presentation(name, tree, rels):
    ids = [int(s.get("id")) for s in tree.findall("p:sldIdLst/p:sldId", NS)]
    check(len(ids) == len(set(ids)) and all(i >= 256 for i in ids),
          "%s: slide ids not unique or below 256: %s" % (name, ids))
    for e in tree.iter():
        v = e.get(R_ID)
        if v is not None:
            check(v in rels, "%s: %s names no relationship" % (name, v))
    sz = tree.find("p:sldSz", NS)
    ok = sz is not None and all(914400 <= int(sz.get(k)) <= 51206400
                                for k in ("cx", "cy"))
    check(ok, "%s: the slide size is missing or out of range" % name)
    check(tree.find("p:notesSz", NS) is not None, "%s: no notesSz" % name)
    return len(ids)


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    path = sys.argv[1]
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        check(False, "%s: not a zip: %s" % (path, e))
        return 1
    infos = z.infolist()
    names = [i.filename for i in infos]
    check(len(names) == len(set(names)), "duplicate entry names")
    check(names[:1] == ["[Content_Types].xml"],
          "[Content_Types].xml is not the first entry")
    check(all(not n.startswith("/") and "\\" not in n for n in names),
          "an entry name is absolute or uses a backslash")
    check(z.testzip() is None, "a zip entry fails its CRC")
    names = set(names)

    trees = {}
    for n in sorted(names):
        if not n.endswith((".xml", ".rels")):
            continue
        try:
            trees[n] = ET.fromstring(z.read(n))
            check(True, n)
        except ET.ParseError as e:
            check(False, "%s: not well-formed XML: %s" % (n, e))
    if "[Content_Types].xml" not in trees:
        check(False, "no [Content_Types].xml")
        return 1
    ct = trees["[Content_Types].xml"]
    defaults = {d.get("Extension").lower(): d.get("ContentType")
                for d in ct.findall("ct:Default", NS)}
    overrides = {o.get("PartName")[1:]: o.get("ContentType")
                 for o in ct.findall("ct:Override", NS)}
    for o in overrides:
        check(o in names, "an Override names %s, which is not in the package" % o)
    types = {}
    for n in sorted(names - {"[Content_Types].xml"}):
        t = overrides.get(n) or defaults.get(n.rsplit(".", 1)[-1].lower())
        if check(t is not None, "%s has no content type" % n):
            types[n] = t
            root = ROOTS.get(t)
            if root and n in trees:
                check(trees[n].tag == root, "%s: root element %s, not %s"
                      % (n, trees[n].tag, root))

    # every relationship's target has the content type its type requires
    for rn in sorted(n for n in trees if n.endswith(".rels")):
        d = posixpath.dirname(posixpath.dirname(rn))
        src = posixpath.join(d, posixpath.basename(rn)[:-len(".rels")])
        for typ, tgt in read_rels(z, names, src if src else "", trees).values():
            want = REL_TARGET_TYPES.get(typ)
            if want and tgt in types:
                check(types[tgt] == want, "%s: related as %s but its content "
                      "type is %s" % (tgt, typ.rsplit("/", 1)[-1], types[tgt]))
    root_rels = read_rels(z, names, "", trees)
    check(ROOT_RELS <= {t for t, _ in root_rels.values()},
          "_rels/.rels lacks the presentation, core or app properties")
    main_parts = [p for t, p in root_rels.values() if t == REL_BASE + "officeDocument"]
    nslides = 0
    for n in sorted(trees):
        if n.endswith(".rels"):
            continue
        rels = read_rels(z, names, n, trees)
        t = types.get(n)
        if t == CT_PML + "slide+xml":
            check_slide(n, trees[n], rels)
            check(any(ty == REL_BASE + "slideLayout" for ty, _ in rels.values()),
                  "%s: no slide layout" % n)
        elif t == CT_DML + "drawingml.chart+xml":
            check_chart(z, n, trees[n], rels)
        elif t == CT_PML + "presentation.main+xml":
            check(n in main_parts, "%s is not the package's main part" % n)
            nslides = check_presentation(n, trees[n], rels)
        elif t == CT_PML + "slideMaster+xml":
            lids = [int(e.get("id")) for e in
                    trees[n].findall("p:sldLayoutIdLst/p:sldLayoutId", NS)]
            check(all(i >= 2 ** 31 for i in lids) and len(lids) == len(set(lids)),
                  "%s: layout ids not unique or below 2^31" % n)
    if len(sys.argv) == 3:
        check(nslides == int(sys.argv[2]), "%d slides, not %s"
              % (nslides, sys.argv[2]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
