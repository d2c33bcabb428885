#!/usr/bin/python3
"""Writes the fixture of a sheet laid out the way a ministry's is, and its
tidy twin, for tests/unit/test_shape.c:

  tests/fixtures/xlsx/ministry/survey-openpyxl.xlsx  (written by openpyxl)
  tests/fixtures/xlsx/ministry/survey-calc.xlsx      (that file saved again
                                                      by LibreOffice Calc)
  tests/fixtures/xlsx/ministry/ai_share.schema.csv   (a CSV schema of a sheet)
  tests/fixtures/xlsx/ministry-tidy/*.csv            (the same tables, tidy)

Two sheets:
  AI導入率    a title row, a unit note, the header "団体区分" merged down two
             rows and "調査年度" merged across the years, org types as
             rows, shares formatted as percentages, a note row below;
  AI導入状況  a cross-table of counts: years merged across the adoption
             stages above them, a total column and a total row, a note.
The schema of AI導入状況 is a sheet of the workbook (ai_stage.schema), that
of AI導入率 a CSV file beside it.

    /usr/bin/python3 tests/tools/make_ministry_fixture.py

The files are committed; run this again only to change them."""
import csv
import os
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "tests", "fixtures", "xlsx", "ministry")
TIDY = os.path.join(ROOT, "tests", "fixtures", "xlsx", "ministry-tidy")

ORGS = ["都道府県", "指定都市", "その他の市区町村"]
YEARS = ["令和4年度", "令和5年度", "令和6年度"]
# shares as a person types them into a cell formatted as %
SHARE = {
    "都道府県": ["87.2", "93.6", "100"],
    "指定都市": ["95", "100", "100"],
    "その他の市区町村": ["37.8", "44.3", "52.5"],
}
STAGES = ["導入済み", "実証中", "導入予定"]
COUNT = {
    "都道府県": [[41, 2, 4], [44, 1, 2], [47, 0, 0]],
    "指定都市": [[19, 1, 0], [20, 0, 0], [20, 0, 0]],
    "その他の市区町村": [[651, 40, 210], [763, 35, 190], [904, 30, 170]],
}

SHARE_SCHEMA = [
    ["column", "type", "values", "description", "from"],
    ["@sheet", "", "AI導入率", "", ""],
    ["@header", "", "3:4", "", ""],
    ["@end", "", "（注）", "", ""],
    ["org_type", "category", "|".join(ORGS), "団体区分", ""],
    ["year", "year", "", "調査年度", "4"],
    ["share", "percent", "", "導入済みの割合 (%)", "B:D"],
    ["status", "category", "確報|速報|仮", "数値の確度", "const:確報"],
]
STAGE_SCHEMA = [
    ["column", "type", "values", "description", "from"],
    ["@sheet", "", "AI導入状況", "", ""],
    ["@header", "", "3:4", "", ""],
    ["@end", "", "計|（注）", "", ""],
    ["org_type", "category", "|".join(ORGS), "団体区分", "A"],
    ["year", "year", "", "調査年度", "3"],
    ["stage", "category", "|".join(STAGES), "AIの導入状況", "4"],
    ["count", "integer", "", "団体数 (団体)", "B:J"],
    ["status", "category", "確報|速報|仮", "数値の確度", "const:確報"],
    ["source", "text", "", "出典ID", "const:TEST"],
]


def tidy_schema(rows):
    """The same schema for the tidy twin: no declarations, no from."""
    return [r[:4] for r in rows if not r[0].startswith("@")]


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "AI導入率"
    ws["A1"] = "表1　AIの導入率（団体区分別）"
    ws["A1"].font = Font(bold=True, size=14)
    ws["D2"] = "（単位：％）"
    ws["A3"] = "団体区分"
    ws.merge_cells("A3:A4")
    ws["B3"] = "調査年度"
    ws.merge_cells("B3:D3")
    ws["B3"].alignment = Alignment(horizontal="center")
    for i, y in enumerate(YEARS):
        ws.cell(row=4, column=2 + i, value=y)
    for r, org in enumerate(ORGS, 5):
        ws.cell(row=r, column=1, value=org)
        for i, s in enumerate(SHARE[org]):
            # the fraction as Excel stores what is typed as s%
            c = ws.cell(row=r, column=2 + i, value=float(s) / 100)
            c.number_format = "0.0%"
    ws["A9"] = "（注）導入率は、各団体区分の団体数に占める導入済み団体の割合。"
    ws.merge_cells("A9:D9")

    ws = wb.create_sheet("AI導入状況")
    ws["A1"] = "表2　AIの導入状況（団体数）"
    ws["A3"] = "団体区分"
    ws.merge_cells("A3:A4")
    for i, y in enumerate(YEARS):
        c0 = 2 + 3 * i
        ws.cell(row=3, column=c0, value=y)
        ws.merge_cells(start_row=3, start_column=c0, end_row=3, end_column=c0 + 2)
        for j, st in enumerate(STAGES):
            ws.cell(row=4, column=c0 + j, value=st)
    ws.cell(row=3, column=11, value="合計")
    ws.merge_cells("K3:K4")
    for r, org in enumerate(ORGS, 5):
        ws.cell(row=r, column=1, value=org)
        total = 0
        for i in range(3):
            for j in range(3):
                v = COUNT[org][i][j]
                total += v
                ws.cell(row=r, column=2 + 3 * i + j, value=v)
        ws.cell(row=r, column=11, value=total)
    ws.cell(row=8, column=1, value="計")
    for k in range(2, 12):
        ws.cell(row=8, column=k, value=sum(
            ws.cell(row=r, column=k).value for r in range(5, 8)))
    ws["A10"] = "（注）令和4年度の導入済みには実証中を含まない。"

    sch = wb.create_sheet("ai_stage.schema")
    for row in STAGE_SCHEMA:
        sch.append([v if v != "" else None for v in row])
    wb.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(TIDY, exist_ok=True)
    book = os.path.join(OUT, "survey-openpyxl.xlsx")
    workbook(book)
    write_csv(os.path.join(OUT, "ai_share.schema.csv"), SHARE_SCHEMA)
    with tempfile.TemporaryDirectory() as t:
        subprocess.run(["soffice", "--headless", "--norestore",
                        f"-env:UserInstallation=file://{t}/profile",
                        "--convert-to", "xlsx", "--outdir", t, book],
                       check=True, stdout=subprocess.DEVNULL)
        os.replace(os.path.join(t, "survey-openpyxl.xlsx"),
                   os.path.join(OUT, "survey-calc.xlsx"))
    share = [["org_type", "year", "share", "status"]]
    for org in ORGS:
        for i, y in enumerate(YEARS):
            share.append([org, y, SHARE[org][i], "確報"])
    stage = [["org_type", "year", "stage", "count", "status", "source"]]
    for org in ORGS:
        for i, y in enumerate(YEARS):
            for j, st in enumerate(STAGES):
                stage.append([org, y, st, COUNT[org][i][j], "確報", "TEST"])
    write_csv(os.path.join(TIDY, "ai_share.csv"), share)
    write_csv(os.path.join(TIDY, "ai_share.schema.csv"), tidy_schema(SHARE_SCHEMA))
    write_csv(os.path.join(TIDY, "ai_stage.csv"), stage)
    write_csv(os.path.join(TIDY, "ai_stage.schema.csv"), tidy_schema(STAGE_SCHEMA))


if __name__ == "__main__":
    sys.exit(main())
