#!/usr/bin/python3
"""Writes the default deck's table ai_joint_use (read from DATA_DIR) as a
ministry would lay it out, into OUT.xlsx: a sheet 「AI共同利用」 with a
title, a unit note, a header row of the forms of joint use (org types as
rows, the published total row among them), a note row below, and the
table's schema as a sheet ai_joint_use.schema that declares the layout
(@sheet, @header, @end, from).  Built from the CSV, so the workbook holds
the same figures.

    /usr/bin/python3 tests/tools/laid_out_xlsx.py DATA_DIR OUT.xlsx"""
import csv
import sys

from openpyxl import Workbook
from openpyxl.styles import Font


def main(data, out):
    with open(f"{data}/ai_joint_use.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(f"{data}/ai_joint_use.schema.csv", encoding="utf-8") as f:
        schema = list(csv.reader(f))
    years = {r["year"] for r in rows}
    sources = {r["source"] for r in rows}
    statuses = {r["status"] for r in rows}
    assert len(years) == len(sources) == len(statuses) == 1, "one year, source, status"
    orgs = list(dict.fromkeys(r["org_type"] for r in rows))
    forms = list(dict.fromkeys(r["form"] for r in rows))
    count = {(r["org_type"], r["form"]): int(r["count"]) for r in rows}

    wb = Workbook()
    ws = wb.active
    ws.title = "AI共同利用"
    ws["A1"] = "表　AIの共同利用の形式（団体区分別、令和6年度）"
    ws["A1"].font = Font(bold=True)
    ws.cell(row=2, column=1 + len(forms), value="（単位：件）")
    ws.cell(row=3, column=1, value="団体区分")
    for j, form in enumerate(forms, 2):
        ws.cell(row=3, column=j, value=form)
    for i, org in enumerate(orgs, 4):
        ws.cell(row=i, column=1, value=org)
        for j, form in enumerate(forms, 2):
            ws.cell(row=i, column=j, value=count[(org, form)])
    ws.cell(row=5 + len(orgs), column=1,
            value="（注）単独の団体が複数のAIを共同利用している場合も1件とする。")

    last = chr(ord("A") + len(forms))
    sch = wb.create_sheet("ai_joint_use.schema")
    sch.append(["column", "type", "values", "description", "from"])
    sch.append(["@sheet", None, "AI共同利用", None, None])
    sch.append(["@header", None, "3", None, None])
    sch.append(["@end", None, "（注）", None, None])
    fro = {"year": "const:" + years.pop(), "org_type": "A", "form": "3",
           "count": f"B:{last}", "status": "const:" + statuses.pop(),
           "source": "const:" + sources.pop()}
    for r in schema[1:]:
        sch.append([v or None for v in r] + [fro[r[0]]])
    wb.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
