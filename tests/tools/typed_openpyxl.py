#!/usr/bin/python3
"""Writes the typed-cell fixture workbook with openpyxl (see
tests/tools/make_xlsx_fixtures.sh): a sheet "typed" with a date, a
percentage, a boolean, numbers, a merged range and a hidden sheet.  With
--formulas the totals are formulas (openpyxl stores no value for them: the
file is then saved again by LibreOffice Calc, which computes them).

    /usr/bin/python3 tests/tools/typed_openpyxl.py OUT.xlsx [--formulas]"""
import datetime
import sys

import openpyxl


def main():
    out = sys.argv[1]
    formulas = "--formulas" in sys.argv[2:]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "typed"
    ws.append(["name", "day", "share", "flag", "total", "note"])
    rows = [
        ["甲", datetime.datetime(2025, 6, 30), 0.25, True, "=2+3" if formulas else 5, "a_b"],
        ["乙", datetime.datetime(2024, 4, 1), 0.125, False, "=10/4" if formulas else 2.5, None],
    ]
    for r in rows:
        ws.append(r)
    for row in (2, 3):
        ws.cell(row=row, column=2).number_format = "yyyy/m/d"
        ws.cell(row=row, column=3).number_format = "0%"
    ws["A4"] = "merged"
    ws["B4"] = "hidden by the merge"
    ws.merge_cells("A4:B4")
    hidden = wb.create_sheet("secret")
    hidden["A1"] = "x"
    hidden.sheet_state = "hidden"
    wb.save(out)


if __name__ == "__main__":
    main()
