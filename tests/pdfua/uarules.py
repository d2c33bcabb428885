"""uarules: the PDF/UA-1 checker's rules, one row each, and the report the
checks write to.

RULES maps a rule id to the Matterhorn Protocol 1.1 failure condition it
implements (or, for a rule the protocol has no condition of its own for,
the ISO clause it enforces) and a one-line description.  Every message the
checker prints names one of these ids; tests/pdfua/README.md holds the
same table for the reader, and tests/integration/pdfua.sh checks that the
two agree.  A rule that several Matterhorn conditions share (a missing
DisplayDocTitle is 07-001, a false one 07-002) names the condition per
message.
"""

# id: (reference, description).  The reference is "Matterhorn NN-NNN" or
# "ISO 32000-1 x.y" when no Matterhorn condition covers the rule.
RULES = {
    # 1. catalog, metadata, pages
    "cat-marked": ("ISO 32000-1 14.8.1",
                   "the catalog's /MarkInfo has /Marked true (a Tagged PDF)"),
    "cat-suspects": ("Matterhorn 01-007", "/MarkInfo /Suspects is not true"),
    "cat-lang": ("Matterhorn 11-001",
                 "the catalog has a non-empty /Lang that is a language tag"),
    "cat-display-title": ("Matterhorn 07-001",
                          "/ViewerPreferences /DisplayDocTitle is true"),
    "xmp-missing": ("Matterhorn 06-001",
                    "the catalog's /Metadata is an XMP stream that parses as XML"),
    "xmp-pdfuaid": ("Matterhorn 06-002", "the XMP says pdfuaid:part 1"),
    "xmp-title": ("Matterhorn 06-003", "the XMP has a non-empty dc:title"),
    "info-title": ("ISO 32000-1 14.3.3",
                   "the Info dictionary's /Title is the XMP dc:title"),
    "struct-tree": ("Matterhorn 01-005",
                    "the catalog has a /StructTreeRoot with a /ParentTree"),
    "page-tabs": ("Matterhorn 28-008", "every page has /Tabs /S"),
    # 2. content streams and marked content
    "content-untagged": ("Matterhorn 01-005",
                         "every painting operator is in an /Artifact or an /MCID sequence"),
    "artifact-in-tagged": ("Matterhorn 01-003",
                           "no /Artifact sequence inside an /MCID sequence"),
    "tagged-in-artifact": ("Matterhorn 01-004",
                           "no /MCID sequence inside an /Artifact sequence"),
    "mc-balance": ("ISO 32000-1 14.6",
                   "BMC/BDC and EMC balance in each content stream"),
    "mcid-duplicate": ("ISO 32000-1 14.7.4.2",
                       "no MCID used twice in one page or form"),
    "mcid-unreferenced": ("Matterhorn 01-005",
                          "every MCID reaches exactly one structure element through the parent tree"),
    "mcid-dangling": ("ISO 32000-1 14.7.4.2",
                      "every MCID a structure element names is in that page's content"),
    "form-mcid-reuse": ("Matterhorn 30-002",
                        "a Form XObject with MCIDs is drawn only once"),
    "actualtext-empty": ("ISO 32000-1 14.9.4",
                         "an /ActualText span is not empty"),
    # 3. annotations
    "link-tag": ("Matterhorn 28-011",
                 "a Link annotation is reached from a Link element holding an OBJR to it"),
    "link-contents": ("Matterhorn 28-012", "a Link annotation has a non-empty /Contents"),
    "annot-tag": ("Matterhorn 28-002",
                  "any other annotation (not Popup) is reached from an Annot (Widget: Form) element with an OBJR"),
    "annot-contents": ("Matterhorn 28-004",
                       "any other annotation (not Widget, Popup) has /Contents or its element /Alt"),
    # 4. structure tree
    "role-unmapped": ("Matterhorn 02-001",
                      "every structure type is standard or role-maps to a standard one"),
    "role-circular": ("Matterhorn 02-003", "the /RoleMap has no cycle"),
    "role-remap-standard": ("Matterhorn 02-004", "no standard type is role-mapped"),
    "struct-parent": ("ISO 32000-1 14.7.2",
                      "every structure element's /P is the element that holds it"),
    "figure-alt": ("Matterhorn 13-004",
                   "every Figure has a non-empty /Alt or /ActualText"),
    "formula-alt": ("Matterhorn 17-002", "every Formula has a non-empty /Alt"),
    "table-syntax": ("Matterhorn 09-004",
                     "Table > (THead|TBody|TFoot >) TR > TH|TD, as ISO 32000-1 Table 337"),
    "table-no-th": ("Matterhorn 15-001", "every Table has at least one TH"),
    "th-scope": ("Matterhorn 15-003",
                 "every TH has /A << /O /Table /Scope /Row|/Column|/Both >>"),
    "list-syntax": ("Matterhorn 09-005",
                    "L > LI|Caption|L, LI > Lbl|LBody, as ISO 32000-1 Table 336"),
    "heading-first": ("Matterhorn 14-002", "the first numbered heading is H1"),
    "heading-skip": ("Matterhorn 14-003",
                     "numbered headings never skip a level going deeper"),
    "heading-mixed": ("Matterhorn 14-007", "H and H1-H6 are not both used"),
    "heading-h-multiple": ("Matterhorn 14-006", "no element holds more than one H"),
    "note-id": ("Matterhorn 19-003",
                "every Note has an /ID, unique in the document (19-004)"),
    # 5. fonts
    "font-embedded": ("Matterhorn 31-009", "every font used is embedded"),
    "font-tounicode": ("Matterhorn 31-027", "every font used has a /ToUnicode CMap"),
    "tounicode-code": ("Matterhorn 10-001",
                       "every character code shown is in the font's ToUnicode CMap"),
    "tounicode-value": ("Matterhorn 10-001",
                        "it maps to text without U+0000 (31-028), U+FEFF/U+FFFE (31-029), U+FFFD or private use"),
}


class Report:
    """The failures of one file, in the order found; page 0 is the
    document as a whole."""

    def __init__(self, name):
        self.name = name
        self.items = []
        self.stats = {}

    def fail(self, page, rule, what, ref=None):
        if rule not in RULES:
            raise KeyError("unknown rule " + rule)
        self.items.append((page, rule, ref or RULES[rule][0], what))

    def rules(self):
        return sorted({r for _, r, _, _ in self.items})

    def lines(self):
        out = []
        for page, rule, ref, what in sorted(self.items, key=lambda i: i[0]):
            where = "page %d" % page if page else "document"
            out.append("%s: %s: %s (%s): %s" % (self.name, where, rule, ref, what))
        return out
