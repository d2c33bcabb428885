#!/usr/bin/python3
"""Writes the bad-workbook cases tests/bad/xlsx-*.case: small workbooks
made here from their XML parts (Python's zipfile), each in the case file
as base64, with the exact messages shiryo must print.

    /usr/bin/python3 tests/tools/make_xlsx_cases.py [tests/bad]

Run it again after changing a case below; the .case files are committed,
so the corpus does not depend on this script or on Python at test time."""
import base64
import io
import os
import sys
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = ["year", "org_type", "stage", "count", "status", "source"]
ROWS = [
    ["R5", "都道府県", "導入済み", 40, "確報", "T"],
    ["R5", "都道府県", "未導入", 7, "確報", "T"],
    ["R6", "都道府県", "導入済み", 47, "確報", "T"],
    ["R6", "都道府県", "未導入", 0, "確報", "T"],
]
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>'
    "</styleSheet>"
)


def col(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(ref, v):
    """A cell: a number, inline text, or raw XML (a str starting '<c')."""
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith("<c"):
        return v.replace("REF", ref)
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'


def sheet_xml(rows):
    out = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>']
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}">')
        out += [cell(f"{col(c)}{r}", v) for c, v in enumerate(row, 1)]
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def table(**changes):
    """The base table as rows, with cells changed: {"D2": value}."""
    rows = [list(HEAD)] + [list(r) for r in ROWS]
    for ref, v in changes.items():
        c = ord(ref[0]) - 64
        r = int(ref[1:])
        while len(rows) < r:
            rows.append([])
        while len(rows[r - 1]) < c:
            rows[r - 1].append(None)
        rows[r - 1][c - 1] = v
    return rows


def workbook(sheets, sst=None, parts=None, hidden=(), wb_prefix=""):
    """A workbook's bytes: sheets is [(name, rows or raw XML)]."""
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/styles.xml": STYLES,
    }
    wb = [f'<?xml version="1.0" encoding="UTF-8"?>{wb_prefix}<workbook {NS} {RNS}><sheets>']
    rels = ['<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
            f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>']
    if sst is not None:
        files["xl/sharedStrings.xml"] = sst
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    for i, (name, rows) in enumerate(sheets, 1):
        state = ' state="hidden"' if name in hidden else ""
        wb.append(f'<sheet name="{esc(name)}" sheetId="{i}"{state} r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        files[f"xl/worksheets/sheet{i}.xml"] = rows if isinstance(rows, str) else sheet_xml(rows)
    wb.append("</sheets></workbook>")
    rels.append("</Relationships>")
    files["xl/workbook.xml"] = "".join(wb)
    files["xl/_rels/workbook.xml.rels"] = "".join(rels)
    files.update(parts or {})
    return zipped(files)


def zipped(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            zi = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode() if isinstance(data, str) else data)
    return b.getvalue()


def ole(extra=b""):
    """The start of an OLE2 compound file (what .xls files and encrypted
    workbooks are), with extra bytes after it."""
    return b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504) + extra


CASES = []


def case(name, about, files, expect, status=1, errors=None, delete=("data/adoption.csv",)):
    CASES.append((name, about, files, expect, status, errors, delete))


SURVEY = "data/survey.xlsx"
AT = "data/survey.xlsx [adoption]"

case("formula-no-value", "a formula saved without its value (written by a program, never opened in Excel)",
     {SURVEY: workbook([("adoption", table(D3='<c r="REF"><f>SUM(D2:D2)</f></c>'))])},
     [f"{AT} D3: error: the formula =SUM(D2:D2) has no value stored in the file",
      "  hint: open and save the file in Excel or LibreOffice Calc, which store each formula's value; formulas are not computed here"], errors=1)
case("formula-empty-value", "a formula with an empty cached value, as openpyxl writes one",
     {SURVEY: workbook([("adoption", table(D2='<c r="REF"><f>D3*2</f><v></v></c>'))])},
     [f"{AT} D2: error: the formula =D3*2 has no value stored in the file"], errors=1)
case("error-div0", "an error value in a data cell",
     {SURVEY: workbook([("adoption", table(D4='<c r="REF" t="e"><f>1/0</f><v>#DIV/0!</v></c>'))])},
     [f"{AT} D4: error: the cell holds the error #DIV/0!: expected a value",
      "  hint: #DIV/0! is Excel's mark for a division by zero: correct the formula or the data it uses, or clear the cell"], errors=1)
case("error-na", "#N/A from a lookup",
     {SURVEY: workbook([("adoption", table(C5='<c r="REF" t="e"><v>#N/A</v></c>'))])},
     [f"{AT} C5: error: the cell holds the error #N/A: expected a value",
      "  hint: #N/A is Excel's mark for a value not available (a lookup found nothing): correct the formula or the data it uses, or clear the cell"], errors=1)
case("date-in-number-column", "a cell formatted as a date in the count column",
     {SURVEY: workbook([("adoption", table(D2='<c r="REF" s="1"><v>45838</v></c>'))])},
     [f'{AT} D2: error: units or marks are not allowed in a number cell: found "2025-06-30" in column "count", expected an integer'])
case("date-out-of-range", "a negative number formatted as a date",
     {SURVEY: workbook([("adoption", table(D2='<c r="REF" s="1"><v>-3</v></c>'))])},
     [f"{AT} D2: error: the cell is formatted as a date, but -3 is no day",
      "  hint: a date is a day from 1900-01-01 to 9999-12-31"], errors=1)
case("missing-sheet", "the workbook's schema sheet has no data sheet: the data sheet is misspelt",
     {SURVEY: workbook([("adoptoin", table()), ("adoption.schema", [["column", "type", "values", "description"], ["year", "year", None, "調査年度"]])])},
     ['data/survey.xlsx [adoption.schema]: error: schema without a data file: expected a sheet "adoption" beside it',
      '  hint: did you mean the schema for "survey.xlsx [adoptoin]"? rename the sheet to adoptoin.schema'],
     delete=("data/adoption.csv", "data/adoption.schema.csv"))
case("duplicate-header", "a column named twice in the header row",
     {SURVEY: workbook([("adoption", table(E1="count"))])},
     [f'{AT} E1: error: duplicate column name "count" (also column 4)'])
case("empty-header-cell", "a gap in the header row",
     {SURVEY: workbook([("adoption", table(C1=None))])},
     [f"{AT} C1: error: empty column name in the header (column 3)"])
case("row-wider-than-header", "a value beyond the header's last column",
     {SURVEY: workbook([("adoption", table(H3="注"))])},
     [f"{AT} H3: error: row has 7 cells, expected 6 as in the header"])
case("text-in-number", "text where the schema wants a number",
     {SURVEY: workbook([("adoption", table(D5="四十"))])},
     [f'{AT} D5: error: expected an integer in column "count", found "四十"'])
case("unknown-category", "a category the schema does not list, at its cell",
     {SURVEY: workbook([("adoption", table(C4="導入中"))])},
     [f'{AT} C4: error: unknown category "導入中" in column "stage"'])
case("unread-book-no-orphans", "a workbook that cannot be read: its tables' schemas are not also reported as without data",
     {SURVEY: ole()},
     ["data/survey.xlsx: error: the file is an Excel 97-2003 workbook (.xls): expected an Excel workbook (.xlsx)"], errors=1)
case("hidden-sheet", "a hidden sheet is not read: the table it would be is missing",
     {SURVEY: workbook([("adoption", table()), ("notes", [["memo"]])], hidden=("adoption",))},
     ['data/adoption.schema.csv: error: schema without a data file: expected adoption.csv beside it'])
case("also-csv", "a table both as a sheet and as a CSV file",
     {SURVEY: workbook([("adoption", table())])},
     ['data/survey.xlsx [adoption]: error: a second file for "adoption": adoption.csv is there too'], delete=())
case("xls", "an Excel 97-2003 workbook in data/",
     {"data/survey.xls": ole()},
     ["data/survey.xls: error: the file is an Excel 97-2003 workbook (.xls): expected an Excel workbook (.xlsx)",
      '  hint: open it in Excel or LibreOffice Calc and save it as "Excel Workbook (.xlsx)"'], errors=1, delete=())
case("xls-named-xlsx", "an .xls workbook renamed .xlsx",
     {SURVEY: ole()},
     ["data/survey.xlsx: error: the file is an Excel 97-2003 workbook (.xls): expected an Excel workbook (.xlsx)"], errors=1, delete=())
case("password", "a password-protected workbook (an encrypted OLE file)",
     {SURVEY: ole("EncryptionInfo".encode("utf-16-le") + bytes(8) + "EncryptedPackage".encode("utf-16-le"))},
     ["data/survey.xlsx: error: the workbook is password-protected (encrypted)",
      "  hint: in Excel, remove the password (File > Info > Protect Workbook) and save it again"], errors=1, delete=())
case("text-named-xlsx", "a CSV file renamed .xlsx",
     {SURVEY: ("year,org_type\nR5,都道府県\n").encode()},
     ["data/survey.xlsx: error: the file is text, not an Excel workbook (a workbook is a ZIP file)",
      "  hint: if it is CSV, name it .csv"], errors=1, delete=())
case("zip-not-workbook", "a ZIP file that is not a workbook",
     {SURVEY: zipped({"readme.txt": "hello"})},
     ["data/survey.xlsx: error: the ZIP file has no part xl/workbook.xml: expected an Excel workbook"], errors=1, delete=())
case("corrupt-zip", "a ZIP file cut short",
     {SURVEY: workbook([("adoption", table())])[:300]},
     ["data/survey.xlsx: error: the workbook is a damaged ZIP file: Not a zip archive"], errors=1, delete=())
case("zip-bomb", "a part that inflates more than 200 times (4 MiB of spaces)",
     {SURVEY: workbook([("adoption", f'<?xml version="1.0"?><worksheet {NS}>' + " " * (4 << 20) + "</worksheet>")])},
     ["data/survey.xlsx: error: the workbook's part xl/worksheets/sheet1.xml inflates to 4194414 bytes: refused as a zip bomb (at most 256 MiB a part, 1024 MiB in all, 200 times its compressed size)"], errors=1)
case("entity-expansion", "a billion-laughs document type in the workbook part",
     {SURVEY: workbook([("adoption", table())], wb_prefix='<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')},
     ["data/survey.xlsx: error: the workbook's part xl/workbook.xml declares a document type (<!DOCTYPE>): refused, so that no entity is expanded"], errors=1)
case("external-entity", "an external entity (XXE) in the shared strings",
     {SURVEY: workbook([("adoption", table())], sst=f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst {NS}><si><t>&x;</t></si></sst>')},
     ["data/survey.xlsx: error: the workbook's part xl/sharedStrings.xml declares a document type (<!DOCTYPE>): refused, so that no entity is expanded"], errors=1)
case("path-traversal", "an entry whose name climbs out of the workbook",
     {SURVEY: workbook([("adoption", table())], parts={"../../evil.sh": "rm -rf ~"})},
     ['data/survey.xlsx: error: the workbook holds an entry named "../../evil.sh", with a ".." step out of the workbook: expected the parts of a workbook'], errors=1)
case("absolute-entry", "an entry with an absolute name",
     {SURVEY: workbook([("adoption", table())], parts={"/etc/cron.d/x": "x"})},
     ['data/survey.xlsx: error: the workbook holds an entry named "/etc/cron.d/x", with an absolute path: expected the parts of a workbook'], errors=1)
case("huge-shared-strings", "a shared string table that declares four billion strings",
     {SURVEY: workbook([("adoption", table())], sst=f'<?xml version="1.0"?><sst {NS} count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>')},
     ["data/survey.xlsx: error: the workbook's part xl/sharedStrings.xml declares more shared strings than the 2097152 read"], errors=1)
case("bad-shared-index", "a cell naming a shared string the table does not have",
     {SURVEY: workbook([("adoption", table(B2='<c r="REF" t="s"><v>7</v></c>'))], sst=f'<?xml version="1.0"?><sst {NS}><si><t>x</t></si></sst>')},
     [f"{AT} B2: error: the cell names shared string 7, which the workbook does not have"], errors=1)
case("malformed-xml", "a worksheet that is not well-formed XML",
     {SURVEY: workbook([("adoption", f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1"></sheetData></worksheet>')])},
     ["data/survey.xlsx: error: the workbook's part xl/worksheets/sheet1.xml is not well-formed XML (line 1: mismatched tag)"], errors=1)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/bad"
    for name, about, files, expect, status, errors, delete in CASES:
        lines = [f"# {about}", "args: build", f"status: {status}"]
        if errors is not None:
            lines.append(f"errors: {errors}")
        lines += [f"expect: {e}" for e in expect]
        lines += [f"--- delete {d}" for d in delete]
        for path, data in files.items():
            lines.append(f"--- base64 {path}")
            b = base64.b64encode(data).decode()
            lines += [b[i:i + 76] for i in range(0, len(b), 76)]
        with open(os.path.join(out, f"xlsx-{name}.case"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
