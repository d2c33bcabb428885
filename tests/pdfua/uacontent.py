"""uacontent: walks every page's content, and the Form XObjects it draws,
recursively (rules group 2 and the text half of group 5).

Each stream is parsed with pikepdf.parse_content_stream.  The walk keeps
the marked-content stack (BMC/BDC ... EMC; a Form XObject's content sits
inside the stack of the Do that draws it), and judges every painting
operator by the innermost sequence that is an /Artifact or carries an
/MCID.  It records, for the structure checks, the MCIDs of each content
owner (a page, or a form with its own /StructParents) and, for the font
checks, every string a text-showing operator shows with the font it is
shown in.
"""
import pikepdf

from uadoc import text_of

PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "INLINE IMAGE"}
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
MAX_FORM_DEPTH = 12


class Owner:
    """A stream whose MCIDs the parent tree resolves: a page, or a Form
    XObject with /StructParents."""

    def __init__(self, obj, page, label):
        self.obj = obj
        self.page = page          # the page number failures are reported on
        self.label = label        # "the page" or "form Fm1"
        self.mcids = {}           # MCID -> count
        self.struct_parents = obj.get("/StructParents")


class Walk:
    """The result of walking all pages: owners by object key, and the text
    shown as (page, font dictionary, bytes)."""

    def __init__(self, pdf, rep):
        self.rep = rep
        self.owners = {}
        self.shown = []
        self.form_uses = {}       # form key -> number of Do
        self.sequences = 0
        self.untagged = {}        # page -> [count, first operator]
        for n, page in enumerate(pdf.pages, 1):
            owner = Owner(page.obj, n, "the page")
            self.owners[page.obj.objgen] = owner
            self.run(page, page.obj.get("/Resources"), owner, [], n, 0)
        for page, (count, first) in sorted(self.untagged.items()):
            rep.fail(page, "content-untagged",
                     "%d painting operator%s outside any /Artifact or /MCID sequence (first: %s)"
                     % (count, "" if count == 1 else "s", first))
        for key, uses in self.form_uses.items():
            owner = self.owners.get(key)
            if owner and owner.mcids and uses > 1:
                rep.fail(owner.page, "form-mcid-reuse",
                         "%s holds MCIDs and is drawn %d times" % (owner.label, uses))

    def run(self, stream, resources, owner, outer, page, depth):
        stack = []
        font = None
        fonts = []
        try:
            ops = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError as e:
            self.rep.fail(page, "mc-balance", "%s: content does not parse (%s)" % (owner.label, e))
            return
        for index, (operands, op) in enumerate(ops):
            op = str(op)
            if op in ("BMC", "BDC"):
                self.begin(op, operands, resources, owner, outer + stack, stack, page)
            elif op == "EMC":
                if stack:
                    stack.pop()
                else:
                    self.rep.fail(page, "mc-balance",
                                  "%s: EMC (operator %d) closes no sequence" % (owner.label, index + 1))
            elif op == "q":
                fonts.append(font)
            elif op == "Q":
                font = fonts.pop() if fonts else font
            elif op == "Tf" and operands:
                font = lookup(resources, "/Font", operands[0])
            elif op in PAINT or op in TEXT_SHOW:
                self.paint(op, index, outer + stack, page)
                if op in TEXT_SHOW:
                    self.show(op, operands, font, page)
            elif op == "Do" and operands:
                self.draw(operands[0], index, resources, owner, outer + stack, page, depth)
        if stack:
            self.rep.fail(page, "mc-balance", "%s ends with %d sequence%s open (%s)" % (
                owner.label, len(stack), "" if len(stack) == 1 else "s",
                ", ".join(s[1] for s in stack)))

    def begin(self, op, operands, resources, owner, enclosing, stack, page):
        tag = str(operands[0]) if operands else "?"
        props = operands[1] if op == "BDC" and len(operands) > 1 else None
        if isinstance(props, pikepdf.Name):
            props = lookup(resources, "/Properties", props)
        mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
        kind = "artifact" if tag == "/Artifact" else "mcid" if isinstance(mcid, int) else "other"
        label = tag + (" MCID %d" % mcid if kind == "mcid" else "")
        self.sequences += 1
        kinds = [s[0] for s in enclosing]
        if kind == "mcid" and "artifact" in kinds:
            self.rep.fail(page, "tagged-in-artifact", "%s: %s inside an /Artifact" % (owner.label, label))
        if kind == "artifact" and "mcid" in kinds:
            inner = next(s[1] for s in reversed(enclosing) if s[0] == "mcid")
            self.rep.fail(page, "artifact-in-tagged", "%s: /Artifact inside %s" % (owner.label, inner))
        if kind == "mcid":
            owner.mcids[mcid] = owner.mcids.get(mcid, 0) + 1
            if owner.mcids[mcid] == 2:
                self.rep.fail(page, "mcid-duplicate", "%s: MCID %d is used more than once" % (owner.label, mcid))
        if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
            actual = text_of(props.get("/ActualText"))
            if not actual:
                self.rep.fail(page, "actualtext-empty", "%s: %s has an empty /ActualText" % (owner.label, label))
            label += " with /ActualText"
        stack.append((kind, label))

    def paint(self, op, index, enclosing, page):
        if any(kind in ("artifact", "mcid") for kind, _ in enclosing):
            return
        entry = self.untagged.setdefault(page, [0, "%s at operator %d" % (op, index + 1)])
        entry[0] += 1

    def show(self, op, operands, font, page):
        if op == "TJ":
            items = [i for i in (operands[0] if operands else []) if isinstance(i, pikepdf.String)]
        else:
            items = [o for o in operands if isinstance(o, pikepdf.String)][-1:]
        for s in items:
            self.shown.append((page, font, bytes(s)))

    def draw(self, name, index, resources, owner, enclosing, page, depth):
        xobj = lookup(resources, "/XObject", name)
        if not isinstance(xobj, pikepdf.Stream):
            return
        if xobj.get("/Subtype") != pikepdf.Name.Form:
            self.paint("Do %s" % name, index, enclosing, page)
            return
        if depth >= MAX_FORM_DEPTH:
            self.rep.fail(page, "mc-balance", "form %s nests deeper than %d" % (name, MAX_FORM_DEPTH))
            return
        key = xobj.objgen
        self.form_uses[key] = self.form_uses.get(key, 0) + 1
        form = self.owners.get(key)
        if form is None:
            form = Owner(xobj, page, "form %s" % name)
            if form.struct_parents is None:
                form.label += " (of %s)" % owner.label
            self.owners[key] = form
        if self.form_uses[key] > 1 and form.mcids:
            return   # walked once already; reuse is reported at the end
        self.run(xobj, xobj.get("/Resources") or resources, form, enclosing, page, depth + 1)


def lookup(resources, category, name):
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    table = resources.get(category)
    if not isinstance(table, pikepdf.Dictionary):
        return None
    return table.get(str(name))
