#!/usr/bin/python3
"""The reading order of a tagged deck against its site.

    order.py DECK.pdf SITE/index.html [--dump]

Reads the text a screen reader meets, in order, on both sides and fails
(exit 1, naming the first difference) unless the two sequences are equal:

- the PDF: its structure tree, depth first.  A heading, paragraph, list
  body, table cell or caption gives its text: the text its marked content
  draws (decoded through the font's ToUnicode map, an /ActualText span
  replacing what it spans) or, for an element that draws nothing (a
  chart's data), its /ActualText.  A Figure (a chart, an image) gives its
  /Alt and nothing of its drawing.  List labels (the ■) and artifacts give nothing.
- the site: each slide's <section> (and the <header>, when the deck's
  first slide is a cover and the header shows it) in document order: h1, h2 (without its page number), h3, p, li, th, td, caption,
  figcaption, for a chart the <desc> of its wide picture and for an image
  the alt of its <img> (their alternative texts); what only the site has (the table of contents, the
  download links, the summary of the data) is not compared.

Whitespace is ignored on both sides (a line break in the PDF is none in
the HTML).  Uses Debian's python3-pikepdf.
"""
import html.parser
import re
import sys

import pikepdf

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s)


# ---- the PDF -----------------------------------------------------------

def tounicode(font):
    """The code -> text map of a Type0 font's ToUnicode CMap (bfchar and
    bfrange entries)."""
    m = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return m
    data = tu.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            m[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for a, b, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            base = int(dst, 16)
            for k in range(int(a, 16), int(b, 16) + 1):
                m[k] = chr(base + k - int(a, 16))
    return m


def text_string(v):
    return str(v) if v is not None else ""


def page_mcid_text(page):
    """{mcid: text} of one page's content."""
    fonts = {}
    res = page.obj.get("/Resources", {})
    for name, f in dict(res.get("/Font", {})).items():
        fonts[name] = (tounicode(f), f.get("/Subtype") == "/Type0")
    out = {}
    stack = []  # (mcid or None, actualtext or None, [texts])
    font = None
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            mcid = actual = None
            if isinstance(props, pikepdf.Dictionary):
                if "/MCID" in props:
                    mcid = int(props.MCID)
                if "/ActualText" in props:
                    actual = text_string(props.ActualText)
            stack.append([mcid, actual, []])
        elif op == "EMC":
            mcid, actual, texts = stack.pop()
            t = actual if actual is not None else "".join(texts)
            if stack:
                stack[-1][2].append(t)
            if mcid is not None:
                out[mcid] = out.get(mcid, "") + t
        elif op == "Tf":
            font = fonts.get(str(operands[0]))
        elif op in ("Tj", "'", '"', "TJ") and font:
            cmap, two = font
            parts = operands[-1]
            strs = [parts] if op != "TJ" else [x for x in parts if isinstance(x, pikepdf.String)]
            for s in strs:
                b = bytes(s)
                codes = [b[i] << 8 | b[i + 1] for i in range(0, len(b) - 1, 2)] if two else list(b)
                if stack:
                    stack[-1][2].append("".join(cmap.get(c, "\ufffd") for c in codes))
    return out


def pdf_sequence(path):
    pdf = pikepdf.open(path)
    pages = {}
    for p in pdf.pages:
        pages[p.obj.objgen] = page_mcid_text(p)
    seq = []
    own = ("/H1", "/H2", "/H3", "/P", "/LBody", "/TH", "/TD", "/Caption")

    def text_of(el, pg):
        """The text el's content draws (its MCIDs, its children's)."""
        if "/ActualText" in el:
            return text_string(el.ActualText)
        if "/Pg" in el:
            pg = el.Pg.objgen
        k = el.get("/K")
        kids = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
        t = ""
        for kid in kids:
            if isinstance(kid, int):
                t += pages.get(pg, {}).get(kid, "")
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                t += text_of(kid, pg)
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                kpg = kid.Pg.objgen if "/Pg" in kid else pg
                t += pages.get(kpg, {}).get(int(kid.MCID), "")
        return t

    def walk(el, pg):
        s = str(el.get("/S"))
        if "/Pg" in el:
            pg = el.Pg.objgen
        if s == "/Figure":
            seq.append(("Figure", text_string(el.get("/Alt"))))
            return
        if s in own:
            seq.append((s[1:], text_of(el, pg)))
            return
        k = el.get("/K")
        kids = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, pg)

    walk(pdf.Root.StructTreeRoot.K, None)
    return seq


# ---- the site ----------------------------------------------------------

class Site(html.parser.HTMLParser):
    TAGS = {"h1", "h2", "h3", "p", "li", "th", "td", "caption", "figcaption", "desc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.seq = []
        self.stack = []  # (tag, attrs)
        self.cur = None  # [tag, text] being collected
        self.in_header = []  # items read inside <header class="cover">
        self.first_slide_shown = False  # a section id="s1": no cover

    def inside(self, pred):
        return any(pred(t, a) for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a))
        if tag == "section" and a.get("id") == "s1":
            self.first_slide_shown = True
        in_deck = self.inside(lambda t, a: (t == "section" and "slide" in a.get("class", ""))
                              or (t == "header" and "cover" in a.get("class", "")))
        skip = self.inside(lambda t, a: t in ("summary", "nav") or
                           (t == "ul" and "downloads" in a.get("class", "")) or
                           (t == "div" and "chart-narrow" in a.get("class", "")) or
                           (t == "span" and "pageno" in a.get("class", "")) or
                           (t == "p" and "pdf" in a.get("class", "").split()) or
                           (t == "p" and "image" in a.get("class", "").split()))
        if tag == "img" and in_deck and self.cur is None:
            self.seq.append(("img", a.get("alt", "")))
            return  # the site writes it <img …/>: its end comes at once
        if self.cur is None and in_deck and not skip and tag in self.TAGS:
            if tag == "desc" or not self.inside(lambda t, a: t == "svg"):
                self.cur = [tag, "", len(self.stack)]

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if self.cur is not None and len(self.stack) < self.cur[2]:
                self.seq.append((self.cur[0], self.cur[1]))
                if self.inside(lambda t, a: t == "header"):
                    self.in_header.append(len(self.seq) - 1)
                self.cur = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.cur is None:
            return
        if self.inside(lambda t, a: t == "span" and "pageno" in a.get("class", "")):
            return
        self.cur[1] += data


def site_sequence(path):
    p = Site()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    # the header is the cover slide only when the deck has one (its first
    # slide is then no section); else it is the page's title, the site's
    # own
    if p.first_slide_shown:
        return [x for i, x in enumerate(p.seq) if i not in p.in_header]
    return p.seq


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    pdf = pdf_sequence(argv[1])
    site = site_sequence(argv[2])
    if "--dump" in argv:
        for a, b in zip(pdf + [("", "")] * len(site), site + [("", "")] * len(pdf)):
            print(f"{a[0]:8} {norm(a[1])[:40]:42} | {b[0]:10} {norm(b[1])[:40]}")
        return 0
    for i, (a, b) in enumerate(zip(pdf, site)):
        if norm(a[1]) != norm(b[1]):
            print(f"{argv[1]}: item {i + 1}: the PDF's {a[0]} reads "
                  f"「{norm(a[1])[:60]}」 where the site's {b[0]} reads "
                  f"「{norm(b[1])[:60]}」")
            return 1
    if len(pdf) != len(site):
        print(f"{argv[1]}: the PDF reads {len(pdf)} items, the site {len(site)}")
        return 1
    print(f"{argv[1]}: {len(pdf)} items in the site's order")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
