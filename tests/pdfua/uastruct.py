"""uastruct: the structure tree against the content (rules groups 2-4).

Walks the tree from /StructTreeRoot /K in document order, guarding
against cycles: each element's type through the /RoleMap, its /P, the
rules of its type (Figure, Formula, Table, L, headings, Note), and what
its /K claims: MCIDs (an integer, or an MCR dictionary with /Pg or /Stm)
and annotations (OBJR).  Then every MCID the content walk found is looked
up through the owner's /StructParents in the /ParentTree number tree, and
every annotation through its /StructParent.
"""
import pikepdf

from uadoc import text_of

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead
TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())
# ISO 32000-1 Table 336 and 337: the children each type may hold, and the
# parents each may have.
CHILDREN = {
    "Table": ({"TR", "THead", "TBody", "TFoot", "Caption"}, "table-syntax"),
    "THead": ({"TR"}, "table-syntax"), "TBody": ({"TR"}, "table-syntax"),
    "TFoot": ({"TR"}, "table-syntax"), "TR": ({"TH", "TD"}, "table-syntax"),
    "L": ({"LI", "Caption", "L"}, "list-syntax"), "LI": ({"Lbl", "LBody"}, "list-syntax"),
}
# What each must hold at least one of (the first two name it in messages).
WANTED = {"Table": ("TR", "TBody", "THead", "TFoot"), "THead": ("TR",), "TBody": ("TR",),
          "TFoot": ("TR",), "TR": ("TH", "TD"), "L": ("LI", "L"), "LI": ("Lbl", "LBody")}
PARENTS = {
    "TR": ({"Table", "THead", "TBody", "TFoot"}, "table-syntax"),
    "TH": ({"TR"}, "table-syntax"), "TD": ({"TR"}, "table-syntax"),
    "THead": ({"Table"}, "table-syntax"), "TBody": ({"Table"}, "table-syntax"),
    "TFoot": ({"Table"}, "table-syntax"),
    "LI": ({"L"}, "list-syntax"), "Lbl": ({"LI"}, "list-syntax"),
    "LBody": ({"LI"}, "list-syntax"),
}
SCOPES = {"/Row", "/Column", "/Both"}
ANNOT_TYPE = {"/Link": ("Link", "link-tag"), "/Widget": ("Form", "annot-tag")}


def key(obj):
    return obj.objgen if obj.is_indirect else None


def is_elem(obj):
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj and \
        obj.get("/Type") not in (pikepdf.Name.MCR, pikepdf.Name.OBJR)


class Elem:
    def __init__(self, obj, typ, page, path):
        self.obj = obj
        self.type = typ           # the standard type it maps to, or None
        self.page = page          # page number of its /Pg, 0 when unknown
        self.path = path          # "Document/Sect[2]/H1", for messages


class Structure:
    def __init__(self, pdf, walk, rep):
        self.pdf, self.walk, self.rep = pdf, walk, rep
        self.page_no = {p.obj.objgen: n for n, p in enumerate(pdf.pages, 1)}
        self.claims = {}          # (owner key, MCID) -> [element key]
        self.objrs = {}           # annotation key -> [element key]
        self.elems = {}           # element key -> Elem
        self.roles = {}
        self.headings = []
        self.note_ids = {}
        self.ptree = {}
        root = pdf.Root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary):
            self.check_annots(False)
            return
        rolemap = root.get("/RoleMap")
        self.rolemap = rolemap if isinstance(rolemap, pikepdf.Dictionary) else {}
        self.visited = set()
        self.visit_kids(root, None, "", None)
        self.check_headings()
        self.ptree = number_tree(root.get("/ParentTree"))
        tagged = isinstance(root.get("/ParentTree"), pikepdf.Dictionary)
        if tagged:
            self.check_mcids()
        self.check_annots(tagged)

    # ---- the tree ----------------------------------------------------
    def visit_kids(self, obj, parent, path, pg):
        kids = obj.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        counts = {}
        types = []
        for kid in kids:
            if isinstance(kid, int):
                self.claim(parent, pg, None, kid)
            elif not isinstance(kid, pikepdf.Dictionary):
                continue
            elif kid.get("/Type") == pikepdf.Name.MCR:
                self.claim(parent, kid.get("/Pg", pg), kid.get("/Stm"), kid.get("/MCID"))
            elif kid.get("/Type") == pikepdf.Name.OBJR:
                target = kid.get("/Obj")
                if parent is not None and isinstance(target, pikepdf.Object) and target.is_indirect:
                    self.objrs.setdefault(key(target), []).append(key(parent.obj))
            elif is_elem(kid):
                name = str(kid.S)[1:]
                counts[name] = counts.get(name, 0) + 1
                child = self.visit(kid, obj, parent, "%s/%s[%d]" % (path, name, counts[name]), pg)
                if child:
                    types.append(child)
        return types

    def visit(self, obj, pobj, parent, path, pg):
        k = key(obj)
        if k is not None and k in self.visited:
            return None
        self.visited.add(k)
        pg = obj.get("/Pg", pg)
        page = self.page_no.get(key(pg), 0) if isinstance(pg, pikepdf.Dictionary) else 0
        where = page or (parent.page if parent else 0)
        elem = Elem(obj, self.resolve(str(obj.S)[1:]), where, path.lstrip("/"))
        if k is not None:
            self.elems[k] = elem
        p = obj.get("/P")
        if pobj.is_indirect and (not isinstance(p, pikepdf.Dictionary) or key(p) != key(pobj)):
            self.rep.fail(where, "struct-parent", "%s: /P is not the element that holds it"
                          % elem.path)
        self.check_elem(elem, parent)
        kids = self.visit_kids(obj, elem, path, pg)
        self.check_kids(elem, kids)
        return elem

    def resolve(self, name):
        if name in self.roles:
            return self.roles[name]
        typ, seen = name, []
        if typ in STANDARD and "/" + typ in self.rolemap:
            self.rep.fail(0, "role-remap-standard", "the standard type %s is role-mapped to %s"
                          % (typ, self.rolemap["/" + typ]))
        while typ not in STANDARD:
            seen.append(typ)
            target = self.rolemap.get("/" + typ)
            if not isinstance(target, pikepdf.Name):
                self.rep.fail(0, "role-unmapped", "the type %s maps to no standard type (%s)"
                              % (name, " -> ".join(seen)))
                typ = None
                break
            typ = str(target)[1:]
            if typ in seen:
                self.rep.fail(0, "role-circular", "the role map of %s is circular (%s)"
                              % (name, " -> ".join(seen + [typ])))
                typ = None
                break
        self.roles[name] = typ
        return typ

    def claim(self, elem, pg, stm, mcid):
        if elem is None or not isinstance(mcid, int):
            return
        owner = stm if isinstance(stm, pikepdf.Stream) else pg
        if not isinstance(owner, pikepdf.Object) or not owner.is_indirect:
            self.rep.fail(elem.page, "mcid-dangling", "%s: MCID %d has no /Pg" % (elem.path, mcid))
            return
        self.claims.setdefault((key(owner), mcid), []).append(key(elem.obj))

    # ---- rules of the types ---------------------------------------------
    def check_elem(self, e, parent):
        o, t = e.obj, e.type
        if t == "Figure" and not (text_of(o.get("/Alt")) or text_of(o.get("/ActualText"))):
            self.rep.fail(e.page, "figure-alt", "%s has no /Alt or /ActualText" % e.path)
        if t == "Formula" and not text_of(o.get("/Alt")):
            self.rep.fail(e.page, "formula-alt", "%s has no /Alt" % e.path)
        if t == "TH" and not has_scope(o.get("/A")):
            self.rep.fail(e.page, "th-scope", "%s has no /A << /O /Table /Scope >>" % e.path)
        if t and t[0] == "H" and (t == "H" or t[1:].isdigit()):
            self.headings.append(e)
        if t == "Note":
            nid = o.get("/ID")
            if not isinstance(nid, pikepdf.String) or not bytes(nid):
                self.rep.fail(e.page, "note-id", "%s has no /ID" % e.path)
            elif bytes(nid) in self.note_ids:
                self.rep.fail(e.page, "note-id", "%s has the /ID of %s"
                              % (e.path, self.note_ids[bytes(nid)]), "Matterhorn 19-004")
            else:
                self.note_ids[bytes(nid)] = e.path
        allowed = PARENTS.get(t)
        if allowed and (parent is None or parent.type not in allowed[0]):
            self.rep.fail(e.page, allowed[1], "%s is not inside %s" % (e.path, " or ".join(sorted(allowed[0]))))

    def check_kids(self, e, kids):
        rule = CHILDREN.get(e.type)
        if rule:
            bad = [k.path.rsplit("/", 1)[1] for k in kids if k.type not in rule[0]]
            if bad:
                self.rep.fail(e.page, rule[1], "%s holds %s" % (e.path, ", ".join(bad)))
            wanted = WANTED.get(e.type)
            if wanted and not any(k.type in wanted for k in kids):
                self.rep.fail(e.page, rule[1], "%s holds no %s" % (e.path, " or ".join(wanted[:2])))
        if e.type == "Table" and not self.has_th(e.obj):
            self.rep.fail(e.page, "table-no-th", "%s has no TH" % e.path)
        if sum(1 for k in kids if k.type == "H") > 1:
            self.rep.fail(e.page, "heading-h-multiple", "%s holds more than one H" % e.path)

    def has_th(self, obj):
        todo, seen = [obj], set()
        while todo:
            o = todo.pop()
            kids = o.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                if is_elem(kid) and key(kid) not in seen:
                    seen.add(key(kid))
                    t = self.resolve(str(kid.S)[1:])
                    if t == "TH":
                        return True
                    if t != "Table":
                        todo.append(kid)
        return False

    def check_headings(self):
        numbered = [h for h in self.headings if h.type != "H"]
        if numbered and len(numbered) < len(self.headings):
            h = next(h for h in self.headings if h.type == "H")
            self.rep.fail(h.page, "heading-mixed", "%s is an H in a document of H1-H6" % h.path)
        if numbered and numbered[0].type != "H1":
            self.rep.fail(numbered[0].page, "heading-first",
                          "the first heading, %s, is not H1" % numbered[0].path)
        for a, b in zip(numbered, numbered[1:]):
            if int(b.type[1:]) > int(a.type[1:]) + 1:
                self.rep.fail(b.page, "heading-skip", "%s follows %s (%s to %s)"
                              % (b.path, a.path, a.type, b.type))

    # ---- MCIDs and annotations through the parent tree -------------------
    def check_mcids(self):
        found = set()
        for okey, owner in self.walk.owners.items():
            for mcid in sorted(owner.mcids):
                found.add((okey, mcid))
                self.check_mcid(okey, owner, mcid)
        for (okey, mcid), elems in sorted(self.claims.items(), key=str):
            if (okey, mcid) not in found:
                e = self.elems.get(elems[0])
                owner = self.walk.owners.get(okey)
                self.rep.fail(e.page if e else 0, "mcid-dangling", "%s names MCID %d, which %s does not have"
                              % (e.path if e else "an element", mcid,
                                 owner.label if owner else "its page or stream"))

    def check_mcid(self, okey, owner, mcid):
        what = "%s: MCID %d" % (owner.label, mcid)
        sp = owner.struct_parents
        if not isinstance(sp, int):
            self.rep.fail(owner.page, "mcid-unreferenced", "%s, but %s has no /StructParents" % (what, owner.label))
            return
        arr = self.ptree.get(sp)
        if not isinstance(arr, pikepdf.Array):
            self.rep.fail(owner.page, "mcid-unreferenced", "%s: the parent tree has no array at %d" % (what, sp))
            return
        target = arr[mcid] if mcid < len(arr) else None
        claims = self.claims.get((okey, mcid), [])
        if not is_elem(target):
            self.rep.fail(owner.page, "mcid-unreferenced", "%s: no element at index %d of parent tree entry %d"
                          % (what, mcid, sp))
        elif key(target) not in claims:
            self.rep.fail(owner.page, "mcid-unreferenced", "%s: its parent tree element does not hold it in /K" % what)
        elif len(claims) > 1:
            self.rep.fail(owner.page, "mcid-unreferenced", "%s is held by %d structure elements"
                          % (what, len(claims)))

    def check_annots(self, tagged):
        """/Contents always; the way from the tree (its element and OBJR)
        only when there is a parent tree (struct-tree reports its lack)."""
        for n, page in enumerate(self.pdf.pages, 1):
            annots = page.obj.get("/Annots")
            for i, a in enumerate(annots if isinstance(annots, pikepdf.Array) else [], 1):
                if not isinstance(a, pikepdf.Dictionary) or a.get("/Subtype") == pikepdf.Name.Popup:
                    continue
                sub = a.get("/Subtype")
                typ, rule = ANNOT_TYPE.get(str(sub), ("Annot", "annot-tag"))
                what = "%s annotation %d" % (sub, i)
                elem = self.annot_elem(n, a, what, typ, rule) if tagged else None
                if sub == pikepdf.Name.Link:
                    if not text_of(a.get("/Contents")):
                        self.rep.fail(n, "link-contents", "%s has no /Contents" % what)
                elif sub != pikepdf.Name.Widget and not text_of(a.get("/Contents")) and \
                        not (elem is not None and text_of(elem.get("/Alt"))):
                    self.rep.fail(n, "annot-contents", "%s has no /Contents (nor /Alt on its element)" % what)

    def annot_elem(self, n, a, what, typ, rule):
        sp = a.get("/StructParent")
        if not isinstance(sp, int):
            self.rep.fail(n, rule, "%s has no /StructParent" % what)
            return None
        elem = self.ptree.get(sp)
        if not is_elem(elem):
            self.rep.fail(n, rule, "%s: the parent tree has no element at %d" % (what, sp))
            return None
        if self.resolve(str(elem.S)[1:]) != typ:
            self.rep.fail(n, rule, "%s: its element is %s, not %s" % (what, elem.S, typ))
        elif not a.is_indirect or key(elem) not in self.objrs.get(key(a), []):
            self.rep.fail(n, rule, "%s: its %s element holds no OBJR to it" % (what, typ))
        return elem


def has_scope(attrs):
    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
    return any(isinstance(d, pikepdf.Dictionary) and d.get("/O") == pikepdf.Name.Table
               and str(d.get("/Scope")) in SCOPES for d in items)


def number_tree(node, depth=0):
    """A number tree (/Nums, /Kids) as a dict."""
    out = {}
    if not isinstance(node, pikepdf.Dictionary) or depth > 32:
        return out
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        for i in range(0, len(nums) - 1, 2):
            if isinstance(nums[i], int):
                out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids") or []:
        out.update(number_tree(kid, depth + 1))
    return out
