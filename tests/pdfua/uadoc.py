"""uadoc: the document-level rules of the PDF/UA-1 checker (rules group 1):
the catalog's /MarkInfo, /Lang, /ViewerPreferences and /Metadata (XMP,
parsed with the standard library's XML parser), the Info /Title, and
/Tabs on every page.  The presence of the structure tree is checked here;
what is in it is uastruct's job.
"""
import re
import xml.etree.ElementTree as ET

import pikepdf

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
# BCP 47 in outline: a primary subtag, then subtags of letters and digits.
LANG_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def text_of(obj):
    """A PDF text string as str, or None when obj is not a string."""
    if isinstance(obj, pikepdf.String):
        return str(obj)
    return None


def check_catalog(pdf, rep):
    root = pdf.Root
    mark = root.get("/MarkInfo")
    if not isinstance(mark, pikepdf.Dictionary) or mark.get("/Marked") is not True:
        rep.fail(0, "cat-marked", "/MarkInfo /Marked is %s, not true" %
                 ("missing" if not isinstance(mark, pikepdf.Dictionary)
                  else repr(mark.get("/Marked"))))
    elif mark.get("/Suspects") is True:
        rep.fail(0, "cat-suspects", "/MarkInfo /Suspects is true")
    lang = text_of(root.get("/Lang"))
    if not lang:
        rep.fail(0, "cat-lang", "the catalog has no /Lang" if lang is None
                 else "the catalog's /Lang is empty")
    elif not LANG_TAG.match(lang):
        rep.fail(0, "cat-lang", "/Lang (%s) is not a language tag" % lang)
    prefs = root.get("/ViewerPreferences")
    shown = prefs.get("/DisplayDocTitle") if isinstance(prefs, pikepdf.Dictionary) else None
    if shown is None:
        rep.fail(0, "cat-display-title",
                 "no /ViewerPreferences /DisplayDocTitle", "Matterhorn 07-001")
    elif shown is not True:
        rep.fail(0, "cat-display-title",
                 "/ViewerPreferences /DisplayDocTitle is %r" % shown, "Matterhorn 07-002")
    title = check_xmp(root, rep)
    info = pdf.trailer.get("/Info")
    info_title = text_of(info.get("/Title")) if isinstance(info, pikepdf.Dictionary) else None
    if not info_title:
        rep.fail(0, "info-title", "the Info dictionary has no /Title")
    elif title and info_title != title:
        rep.fail(0, "info-title", "Info /Title (%s) is not dc:title (%s)" % (info_title, title))
    tree = root.get("/StructTreeRoot")
    if not isinstance(tree, pikepdf.Dictionary):
        rep.fail(0, "struct-tree", "the catalog has no /StructTreeRoot")
    elif not isinstance(tree.get("/ParentTree"), pikepdf.Dictionary):
        rep.fail(0, "struct-tree", "the /StructTreeRoot has no /ParentTree")
    for n, page in enumerate(pdf.pages, 1):
        tabs = page.obj.get("/Tabs")
        if tabs is None:
            rep.fail(n, "page-tabs", "the page has no /Tabs", "Matterhorn 28-008")
        elif tabs != pikepdf.Name.S:
            rep.fail(n, "page-tabs", "/Tabs is %s, not /S" % tabs, "Matterhorn 28-009")


def check_xmp(root, rep):
    """Checks the XMP; returns its dc:title (None when it has none)."""
    meta = root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        rep.fail(0, "xmp-missing", "the catalog has no /Metadata stream")
        return None
    if meta.get("/Type") != pikepdf.Name.Metadata or meta.get("/Subtype") != pikepdf.Name.XML:
        rep.fail(0, "xmp-missing", "/Metadata is not /Type /Metadata /Subtype /XML")
    try:
        xml = ET.fromstring(meta.read_bytes())
    except (ET.ParseError, pikepdf.PdfError) as e:
        rep.fail(0, "xmp-missing", "the XMP does not parse as XML (%s)" % e)
        return None
    parts = []
    for d in xml.iter("{%s}Description" % NS["rdf"]):
        a = d.get("{%s}part" % NS["pdfuaid"])
        if a is not None:
            parts.append(a.strip())
    parts += [(e.text or "").strip() for e in xml.iter("{%s}part" % NS["pdfuaid"])]
    if "1" not in parts:
        rep.fail(0, "xmp-pdfuaid", "the XMP has no pdfuaid:part 1" if not parts
                 else "pdfuaid:part is %s, not 1" % ", ".join(parts))
    titles = []
    for t in xml.iter("{%s}title" % NS["dc"]):
        titles += [(li.text or "").strip() for li in t.iter("{%s}li" % NS["rdf"])]
    title = next((t for t in titles if t), None)
    if not title:
        rep.fail(0, "xmp-title", "the XMP has no dc:title" if not titles
                 else "the XMP's dc:title is empty")
    return title
