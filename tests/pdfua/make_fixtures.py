#!/usr/bin/python3
"""make_fixtures.py: builds the PDFs the PDF/UA-1 checker is tested on.

Usage: make_fixtures.py SOURCE.pdf OUTDIR

Writes OUTDIR/valid.pdf, a small tagged PDF/UA-1 file made with pikepdf,
and one deliberately broken copy per rule, OUTDIR/NAME.pdf, and lists them
in OUTDIR/expected.txt, one line each: "NAME RULE-ID..." (the rules the
checker must report, and no others; valid has none).

The one font is borrowed from page 1 of SOURCE.pdf (any PDF whose first
page shows text in a Type0 Identity-H font /F1 with a bfchar ToUnicode
map: shiryo's starter deck): its embedded subset is copied, and a
ToUnicode CMap of the fixture's own (bfchar and both bfrange forms) maps
the few codes the fixture shows.

valid.pdf, on one page: a rule drawn by a Form XObject as an /Artifact;
an H1; a P whose text is an /ActualText span; a Figure (an image) with
/Alt; a Table of one row, TH with /Scope and TD; a list L > LI > Lbl,
LBody; a P holding a Link with its annotation (OBJR, /Contents); a P whose
content is in a Form XObject with /StructParents (an MCR with /Stm); all
inside a role-mapped /Slide (to Sect) in a Document.
"""
import re
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name, String

TITLE = "PDF/UA-1 checker fixture"
XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   {title}
   {part}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
DC_TITLE = '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>' % TITLE
UA_PART = "<pdfuaid:part>1</pdfuaid:part>"


def source_codes(src):
    """The font /F1 of the source's page 1 and the first eight of its codes
    (2 bytes) with their UTF-16BE text, from its bfchar map."""
    font = src.pages[0].Resources.Font.F1
    text = font.ToUnicode.read_bytes().decode("latin-1")
    pairs = []
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        pairs += re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,})>", block)
    pairs = [(bytes.fromhex(c), bytes.fromhex(u)) for c, u in pairs
             if len(u) == 4 and chr(int(u, 16)).isalnum() and not 0xE000 <= int(u, 16) <= 0xF8FF]
    if len(pairs) < 8:
        sys.exit("make_fixtures.py: the source's font maps fewer than 8 codes")
    return font, pairs[:8]


def tounicode(pdf, pairs, drop=None, change=None):
    """A ToUnicode CMap for the codes: the first four as bfchar, the next
    two as one-code bfranges, the rest as one bfrange with an array.
    drop leaves a code out; change maps a code to other UTF-16BE bytes."""
    pairs = [(c, change[1] if change and c == change[0] else u) for c, u in pairs if c != drop]
    h = lambda b: "<%s>" % b.hex().upper()  # noqa: E731
    chars = ["%s %s" % (h(c), h(u)) for c, u in pairs[:4]]
    ranges = ["%s %s %s" % (h(c), h(c), h(u)) for c, u in pairs[4:6]]
    rest = sorted(pairs[6:])
    body = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
            "%d beginbfchar" % len(chars)] + chars + ["endbfchar",
            "%d beginbfrange" % len(ranges)] + ranges + ["endbfrange"]
    if rest:
        lo = int.from_bytes(rest[0][0], "big")
        arr = []
        for n in range(lo, int.from_bytes(rest[-1][0], "big") + 1):
            hit = [u for c, u in rest if int.from_bytes(c, "big") == n]
            arr.append(h(hit[0]) if hit else "<FFFD>")
        body += ["1 beginbfrange", "%s %s [%s]" % (h(rest[0][0]), h(rest[-1][0]), " ".join(arr)),
                 "endbfrange"]
    body += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return pikepdf.Stream(pdf, "\n".join(body).encode())


def text(codes, x, y, size=12):
    return "BT /F1 %d Tf %d %d Td <%s> Tj ET" % (size, x, y, b"".join(codes).hex().upper())


def page_content(c, actual):
    """The page's content (c: the eight codes; actual: the UTF-16BE text
    of c[2:4], the /ActualText of the span that shows them), each marked-content sequence on its own lines
    (the broken fixtures edit it by replacing exact lines)."""
    return "\n".join([
        "/Artifact BMC", "/Fm1 Do", "EMC",
        "/H1 <</MCID 0>> BDC", text(c[0:4], 72, 500, 24), "EMC",
        "/Figure <</MCID 2>> BDC", "q 40 0 0 40 72 400 cm /Im1 Do Q", "EMC",
        "/TH <</MCID 3>> BDC", text(c[4:5], 72, 360), "EMC",
        "/TD <</MCID 4>> BDC", text(c[5:6], 200, 360), "EMC",
        "/Lbl <</MCID 6>> BDC", text(c[6:7], 72, 330), "EMC",
        "/LBody <</MCID 7>> BDC", text(c[7:8], 90, 330), "EMC",
        "/Link <</MCID 5>> BDC", text(c[0:2], 72, 300), "EMC",
        "/Fm2 Do",
        "/P <</MCID 1>> BDC",
        "/Span <</ActualText <FEFF%s>>> BDC" % actual.hex().upper(),
        text(c[2:4], 72, 470), "EMC",
        "EMC", ""])


def build(src_path):
    """valid.pdf as an open pikepdf.Pdf."""
    src = pikepdf.open(src_path)
    pdf = pikepdf.new()
    font, pairs = source_codes(src)
    font = pdf.copy_foreign(font)
    font.ToUnicode = tounicode(pdf, pairs)
    codes = [c for c, _ in pairs]
    res = Dictionary(Font=Dictionary(F1=font))
    rule = pdf.make_stream(b"0.5 w 72 440 m 500 440 l S", Type=Name.XObject, Subtype=Name.Form,
                           BBox=[0, 0, 600, 600])
    form = pdf.make_stream(("/P <</MCID 0>> BDC\n%s\nEMC" % text(codes[1:3], 72, 270)).encode(),
                           Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 600, 600],
                           StructParents=2, Resources=res)
    image = pdf.make_stream(b"\x00\x80\x80\xff", Type=Name.XObject, Subtype=Name.Image,
                            Width=2, Height=2, ColorSpace=Name.DeviceGray, BitsPerComponent=8)
    page = pdf.add_blank_page(page_size=(612, 612))
    page.obj.Resources = Dictionary(Font=res.Font, XObject=Dictionary(Fm1=rule, Fm2=form, Im1=image))
    page.obj.Contents = pdf.make_stream(page_content(codes, pairs[2][1] + pairs[3][1]).encode())
    page.obj.Tabs = Name.S
    page.obj.StructParents = 0
    pg = page.obj
    annot = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[72, 295, 110, 315], Border=[0, 0, 0],
        Contents=String("Example link"), StructParent=1,
        A=Dictionary(S=Name.URI, URI=String("https://example.invalid/"))))
    pg.Annots = Array([annot])

    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, RoleMap=Dictionary(Slide=Name.Sect)))
    E = {}

    def elem(name, s, parent, k=None, **extra):
        e = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name(s), P=parent, Pg=pg, **extra))
        if k is not None:
            e.K = k
        E[name] = e
        return e

    doc = elem("Document", "/Document", root)
    slide = elem("Slide", "/Slide", doc)
    kids = [elem("H1", "/H1", slide, 0), elem("P", "/P", slide, 1),
            elem("Figure", "/Figure", slide, 2, Alt=String("A grey square"))]
    table = elem("Table", "/Table", slide)
    tr = elem("TR", "/TR", table)
    tr.K = Array([elem("TH", "/TH", tr, 3, A=Dictionary(O=Name.Table, Scope=Name.Row)),
                  elem("TD", "/TD", tr, 4)])
    table.K = Array([tr])
    lst = elem("L", "/L", slide)
    li = elem("LI", "/LI", lst)
    li.K = Array([elem("Lbl", "/Lbl", li, 6), elem("LBody", "/LBody", li, 7)])
    lst.K = Array([li])
    plink = elem("PLink", "/P", slide)
    link = elem("Link", "/Link", plink, Array([5, Dictionary(Type=Name.OBJR, Obj=annot, Pg=pg)]))
    plink.K = Array([link])
    pform = elem("PForm", "/P", slide, Array([Dictionary(Type=Name.MCR, MCID=0, Pg=pg, Stm=form)]))
    slide.K = Array(kids + [table, lst, plink, pform])
    doc.K = Array([slide])
    root.K = Array([doc])
    root.ParentTree = Dictionary(Nums=Array([
        0, Array([E["H1"], E["P"], E["Figure"], E["TH"], E["TD"], link, E["Lbl"], E["LBody"]]),
        1, link, 2, Array([pform])]))
    root.ParentTreeNextKey = 3

    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String("ja-JP")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    set_xmp(pdf, DC_TITLE, UA_PART)
    pdf.trailer.Info = pdf.make_indirect(Dictionary(Title=String(TITLE)))
    return pdf, E, pairs


def set_xmp(pdf, title, part, raw=None):
    data = raw if raw is not None else XMP.format(title=title, part=part).encode()
    pdf.Root.Metadata = pdf.make_stream(data, Type=Name.Metadata, Subtype=Name.XML)


def edit(pdf, old, new, count=1):
    """Replaces a line (or lines) of page 1's content, which must be there."""
    page = pdf.pages[0].obj
    data = page.Contents.read_bytes().decode()
    if old not in data:
        raise SystemExit("make_fixtures.py: no %r in the content" % old)
    page.Contents = pdf.make_stream(data.replace(old, new, count).encode())


def set_type(e, s):
    e.S = Name(s)


def reparent(e, parent):
    e.P = parent


def add_annot(pdf, E, struct_parent, contents):
    """A Text annotation; with struct_parent, an Annot element holding it
    (in the Slide, and at that key of the parent tree)."""
    pg = pdf.pages[0].obj
    a = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=[500, 500, 520, 520]))
    if contents:
        a.Contents = String(contents)
    if struct_parent is not None:
        a.StructParent = struct_parent
        el = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Annot, P=E["Slide"], Pg=pg,
                                          K=Array([Dictionary(Type=Name.OBJR, Obj=a, Pg=pg)])))
        E["Slide"].K.append(el)
        pdf.Root.StructTreeRoot.ParentTree.Nums.extend([struct_parent, el])
    pg.Annots.append(a)


def tounicode_edit(pdf, pairs, **how):
    pdf.pages[0].Resources.Font.F1.ToUnicode = tounicode(pdf, pairs, **how)


def descriptor(pdf):
    return pdf.pages[0].Resources.Font.F1.DescendantFonts[0].FontDescriptor


def notes(E, first, second):
    for name, nid in (("P", first), ("PLink", second)):
        set_type(E[name], "/Note")
        if nid:
            E[name].ID = String(nid)


# name, the rules it breaks, how (pdf, elements by name, the font's pairs)
BROKEN = [
    ("no-marked", "cat-marked", lambda p, E, f: p.Root.MarkInfo.__setattr__("Marked", False)),
    ("suspects", "cat-suspects", lambda p, E, f: p.Root.MarkInfo.__setattr__("Suspects", True)),
    ("no-lang", "cat-lang", lambda p, E, f: p.Root.__delattr__("Lang")),
    ("bad-lang", "cat-lang", lambda p, E, f: p.Root.__setattr__("Lang", String("ja JP"))),
    ("no-display-title", "cat-display-title", lambda p, E, f: p.Root.__delattr__("ViewerPreferences")),
    ("display-title-false", "cat-display-title",
     lambda p, E, f: p.Root.ViewerPreferences.__setattr__("DisplayDocTitle", False)),
    ("no-xmp", "xmp-missing", lambda p, E, f: p.Root.__delattr__("Metadata")),
    ("xmp-not-xml", "xmp-missing", lambda p, E, f: set_xmp(p, "", "", b"<x:xmpmeta>")),
    ("xmp-no-pdfuaid", "xmp-pdfuaid", lambda p, E, f: set_xmp(p, DC_TITLE, "")),
    ("xmp-no-title", "xmp-title", lambda p, E, f: set_xmp(p, "", UA_PART)),
    ("info-title-differs", "info-title",
     lambda p, E, f: p.trailer.Info.__setattr__("Title", String("Another title"))),
    ("no-struct-tree", "struct-tree", lambda p, E, f: p.Root.__delattr__("StructTreeRoot")),
    ("no-parent-tree", "struct-tree", lambda p, E, f: p.Root.StructTreeRoot.__delattr__("ParentTree")),
    ("untagged-link-no-contents", "struct-tree link-contents",
     lambda p, E, f: p.Root.__delattr__("StructTreeRoot") or p.pages[0].obj.Annots[0].__delattr__("Contents")),
    ("no-tabs", "page-tabs", lambda p, E, f: p.pages[0].obj.__delattr__("Tabs")),
    ("tabs-row", "page-tabs", lambda p, E, f: p.pages[0].obj.__setattr__("Tabs", Name.R)),
    ("untagged-paint", "content-untagged", lambda p, E, f: edit(p, "/Fm2 Do", "72 100 m 200 100 l S\n/Fm2 Do")),
    ("untagged-form", "content-untagged", lambda p, E, f: edit(p, "/Artifact BMC\n/Fm1 Do\nEMC", "/Fm1 Do")),
    ("untagged-span", "content-untagged",
     lambda p, E, f: edit(p, "/TD <</MCID 4>> BDC", "/Span <</Lang (ja)>> BDC\nEMC\n/TD <</MCID 4>> BDC\nEMC\n"
                          "/Span <</Lang (ja)>> BDC")),
    ("artifact-in-tagged", "artifact-in-tagged",
     lambda p, E, f: edit(p, "/H1 <</MCID 0>> BDC", "/H1 <</MCID 0>> BDC\n/Artifact BMC 72 480 m 90 480 l S EMC")),
    ("tagged-in-artifact", "tagged-in-artifact", lambda p, E, f: edit(p, "/Fm1 Do\nEMC\n/H1 <</MCID 0>> BDC", "/Fm1 Do\n/H1 <</MCID 0>> BDC") or edit(p, "/Figure", "EMC\n/Figure")),
    ("extra-emc", "mc-balance", lambda p, E, f: edit(p, "/Fm2 Do", "/Fm2 Do\nEMC")),
    ("unclosed-actualtext", "mc-balance", lambda p, E, f: edit(p, "EMC\nEMC\n", "EMC\n")),
    ("mcid-duplicate", "mcid-duplicate", lambda p, E, f: edit(p, "/Fm2 Do", "/Fm2 Do\n/P <</MCID 3>> BDC EMC")),
    ("mcid-unreferenced", "mcid-unreferenced",
     lambda p, E, f: p.Root.StructTreeRoot.ParentTree.Nums[1].__setitem__(2, None)),
    ("mcid-no-element", "mcid-unreferenced", lambda p, E, f: E["H1"].__setattr__("K", Array([]))),
    ("mcid-twice-in-tree", "mcid-unreferenced", lambda p, E, f: E["TD"].__setattr__("K", Array([4, 3]))),
    ("no-struct-parents", "mcid-unreferenced", lambda p, E, f: p.pages[0].obj.__delattr__("StructParents")),
    ("mcid-dangling", "mcid-dangling", lambda p, E, f: E["P"].__setattr__("K", Array([1, 9]))),
    ("form-mcid-reuse", "form-mcid-reuse", lambda p, E, f: edit(p, "/Fm2 Do", "/Fm2 Do\n/Fm2 Do")),
    ("actualtext-empty", "actualtext-empty", lambda p, E, f: edit(p, "/ActualText <FEFF", "/ActualText () /X <")),
    ("link-no-objr", "link-tag", lambda p, E, f: E["Link"].__setattr__("K", 5)),
    ("link-no-struct-parent", "link-tag", lambda p, E, f: p.pages[0].obj.Annots[0].__delattr__("StructParent")),
    ("link-in-span", "link-tag", lambda p, E, f: set_type(E["Link"], "/Span")),
    ("link-no-contents", "link-contents", lambda p, E, f: p.pages[0].obj.Annots[0].__delattr__("Contents")),
    ("annot-untagged", "annot-tag", lambda p, E, f: add_annot(p, E, None, "A note")),
    ("annot-no-contents", "annot-contents", lambda p, E, f: add_annot(p, E, 3, None)),
    ("role-unmapped", "role-unmapped", lambda p, E, f: p.Root.StructTreeRoot.__delattr__("RoleMap")),
    ("role-circular", "role-circular",
     lambda p, E, f: p.Root.StructTreeRoot.__setattr__("RoleMap", Dictionary(Slide=Name.Frame, Frame=Name.Slide))),
    ("role-remap-standard", "role-remap-standard",
     lambda p, E, f: p.Root.StructTreeRoot.RoleMap.__setattr__("P", Name.Span)),
    ("struct-parent", "struct-parent", lambda p, E, f: reparent(E["H1"], E["Document"])),
    ("figure-no-alt", "figure-alt", lambda p, E, f: E["Figure"].__delattr__("Alt")),
    ("figure-empty-alt", "figure-alt", lambda p, E, f: E["Figure"].__setattr__("Alt", String(""))),
    ("formula-no-alt", "formula-alt",
     lambda p, E, f: set_type(E["Figure"], "/Formula") or E["Figure"].__delattr__("Alt")
     or E["Figure"].__setattr__("ActualText", String("x"))),
    ("table-no-tr", "table-syntax",
     lambda p, E, f: E["Table"].__setattr__("K", E["TR"].K) or reparent(E["TH"], E["Table"])
     or reparent(E["TD"], E["Table"])),
    ("table-cell-in-p", "table-syntax", lambda p, E, f: set_type(E["TR"], "/P")),
    ("table-no-th", "table-no-th", lambda p, E, f: set_type(E["TH"], "/TD")),
    ("th-no-scope", "th-scope", lambda p, E, f: E["TH"].__delattr__("A")),
    ("th-bad-scope", "th-scope", lambda p, E, f: E["TH"].A.__setattr__("Scope", Name.Diagonal)),
    ("list-li-as-p", "list-syntax", lambda p, E, f: set_type(E["LI"], "/P")),
    ("list-p-in-li", "list-syntax", lambda p, E, f: set_type(E["LBody"], "/P")),
    ("heading-skip", "heading-skip", lambda p, E, f: set_type(E["P"], "/H3")),
    ("heading-first", "heading-first", lambda p, E, f: set_type(E["H1"], "/H2")),
    ("heading-mixed", "heading-mixed", lambda p, E, f: set_type(E["P"], "/H")),
    ("heading-h-multiple", "heading-h-multiple",
     lambda p, E, f: set_type(E["H1"], "/H") or set_type(E["P"], "/H")),
    ("note-no-id", "note-id", lambda p, E, f: notes(E, "n1", None)),
    ("note-same-id", "note-id", lambda p, E, f: notes(E, "n1", "n1")),
    ("font-not-embedded", "font-embedded", lambda p, E, f: descriptor(p).__delattr__("FontFile2")),
    ("font-no-tounicode", "font-tounicode", lambda p, E, f: p.pages[0].Resources.Font.F1.__delattr__("ToUnicode")),
    ("tounicode-missing-code", "tounicode-code", lambda p, E, f: tounicode_edit(p, f, drop=f[0][0])),
    ("tounicode-range-code", "tounicode-code", lambda p, E, f: tounicode_edit(p, f, drop=f[4][0])),
    ("tounicode-zero", "tounicode-value", lambda p, E, f: tounicode_edit(p, f, change=(f[1][0], b"\0\0"))),
    ("tounicode-pua", "tounicode-value", lambda p, E, f: tounicode_edit(p, f, change=(f[7][0], b"\xe0\x00"))),
    ("tounicode-fffd", "tounicode-value", lambda p, E, f: tounicode_edit(p, f, change=(f[6][0], b"\xff\xfd"))),
]


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: make_fixtures.py SOURCE.pdf OUTDIR")
    src, out = argv[1], argv[2]
    lines = []
    for name, rules, how in [("valid", "", None)] + BROKEN:
        pdf, E, pairs = build(src)
        if how:
            how(pdf, E, pairs)
        pdf.save("%s/%s.pdf" % (out, name), static_id=True, fix_metadata_version=False)
        lines.append(("%s %s" % (name, rules)).strip())
    with open("%s/expected.txt" % out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv)
