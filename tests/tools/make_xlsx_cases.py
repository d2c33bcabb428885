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


def sheet_xml(rows, merges=()):
    out = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>']
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}">')
        out += [cell(f"{col(c)}{r}", v) for c, v in enumerate(row, 1)]
        out.append("</row>")
    out.append("</sheetData>")
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">')
        out += [f'<mergeCell ref="{m}"/>' for m in merges]
        out.append("</mergeCells>")
    out.append("</worksheet>")
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


# A sheet laid out for people: the base table as a cross-table (years
# merged across the stages below them, org types as rows) under a title,
# with a note below, and its schema sheet declaring the layout.
LAID = [
    ["表1　AIの導入状況（団体数）"],
    [],
    ["団体区分", "令和5年度", None, "令和6年度", None],
    [None, "導入済み", "未導入", "導入済み", "未導入"],
    ["都道府県", 40, 7, 47, 0],
    ["（注）令和6年度は確報。"],
]
LAID_MERGES = ("A3:A4", "B3:C3", "D3:E3")
LAID_SCHEMA = [
    ["column", "type", "values", "description", "from"],
    ["@sheet", None, "AI導入状況", None, None],
    ["@header", None, "3:4", None, None],
    ["@end", None, "（注）", None, None],
    ["year", "year", None, "調査年度", "3"],
    ["org_type", "category", "都道府県|指定都市", "団体区分", None],
    ["stage", "category", "導入済み|未導入", "導入状況", "4"],
    ["count", "integer", None, "団体数 (団体)", "B:E"],
    ["status", "category", "確報|速報|仮", "数値の確度", "const:確報"],
    ["source", "text", None, "出典ID", "const:T"],
]
LAID_AT = "data/survey.xlsx [AI導入状況]"
SCHEMA_AT = "data/survey.xlsx [adoption.schema]"
BOTH = ("data/adoption.csv", "data/adoption.schema.csv")


def laid(rows=None, schema=None, merges=LAID_MERGES):
    """The laid-out workbook, its sheet or schema rows replaced."""
    return workbook([("AI導入状況", sheet_xml(rows or LAID, merges)),
                     ("adoption.schema", schema or LAID_SCHEMA)])


def schema_with(row, **cells):
    """LAID_SCHEMA with cells of one column's row changed: {"from": v}."""
    out = [list(r) for r in LAID_SCHEMA]
    head = out[0]
    for r in out:
        if r[0] == row:
            for k, v in cells.items():
                r[head.index(k)] = v
    return out


case("layout-note-without-end", "a note below a laid-out table, with no @end to say where the table ends",
     {SURVEY: laid(schema=[r for r in LAID_SCHEMA if r[0] != "@end"])},
     [f"{LAID_AT} A6: error: a note below the table would be read as data",
      f"  hint: declare where the table ends in {SCHEMA_AT}: a row @end,,※|（注） ends it at the first row starting with one of those marks"],
     delete=BOTH)
case("layout-header-not-found", "a column found by its header, whose header cell says something else",
     {SURVEY: laid(rows=[LAID[0], LAID[1], ["団体種別"] + LAID[2][1:]] + LAID[3:])},
     [f'{SCHEMA_AT} A6: error: column "org_type" is not in the header of {LAID_AT} (rows 3 to 4): expected a header cell "org_type" or "団体区分"',
      "  hint: give its column letter in the schema's from column (B), or name the header cell so"],
     delete=BOTH)
case("layout-header-empty", "@header names a row of the sheet that is empty",
     {SURVEY: laid(schema=schema_with("@header", values="2:4"))},
     [f"{SCHEMA_AT} C3: error: @header names row 2 of {LAID_AT}, which is empty: expected the header's labels there",
      "  hint: the first row with a value is row 1"],
     delete=BOTH)
case("layout-no-header-above", "a column of the cross-table's range with no header text above it",
     {SURVEY: laid(rows=LAID[:4] + [LAID[4] + [3]] + LAID[5:], schema=schema_with("count", **{"from": "B:F"}))},
     [f"{LAID_AT} F3: error: no header above this column of the cross-table (row 3): expected the year of its cells",
      "  hint: narrow the range of the cross-table's cells in the schema's from column, or label the column"],
     delete=BOTH)
case("layout-unknown-sheet", "@sheet names a sheet the workbook does not have (a misspelling)",
     {SURVEY: laid(schema=schema_with("@sheet", values="AI導入状態"))},
     [f'{SCHEMA_AT} C2: error: unknown sheet "AI導入状態" (@sheet): no data file or sheet of data/ has that name',
      '  hint: did you mean "AI導入状況"?'],
     delete=BOTH)
case("layout-bad-from", "a from cell that is neither a column, a range, a row nor a constant",
     {SURVEY: laid(schema=schema_with("count", **{"from": "b-e"}))},
     [f'{SCHEMA_AT} E8: error: "b-e" in the from column of "count": expected a column letter (B), a range of columns (C:H), a header row (4) or const:TEXT'],
     delete=BOTH)
case("layout-formula-constant", "a constant written =確報, which a workbook takes for a formula",
     {SURVEY: laid(schema=schema_with("status", **{"from": '<c r="REF"><f>確報</f></c>'}))},
     [f"{SCHEMA_AT} E9: error: the formula =確報 has no value stored in the file"],
     delete=BOTH)
case("layout-bad-count", "text in a cell of the cross-table, named at its cell",
     {SURVEY: laid(rows=LAID[:4] + [["都道府県", 40, "七", 47, 0]] + LAID[5:])},
     [f'{LAID_AT} C5: error: expected an integer in column "count", found "七"'],
     delete=BOTH)


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
