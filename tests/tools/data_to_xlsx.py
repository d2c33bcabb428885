#!/usr/bin/python3
"""Writes every NAME.csv of a data directory into one Excel workbook, each
as a sheet NAME (a schema NAME.schema.csv as a sheet NAME.schema), the way
a staff member keeps the survey: numbers as numbers, text as text.

    /usr/bin/python3 tests/tools/data_to_xlsx.py DATA_DIR OUT.xlsx

A cell is written as a number only when the number, read back and written
as the shortest decimal, is the same text (so "007", "1,788" and "R6" stay
text); every other non-empty cell is a string.  Needs python3-openpyxl."""
import csv
import os
import re
import sys

import openpyxl

NUMBER = re.compile(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{0,14}[1-9])?")


def cell(text):
    if text == "":
        return None
    if NUMBER.fullmatch(text) and text != "-0":
        return int(text) if "." not in text else float(text)
    return text


def main():
    src, out = sys.argv[1], sys.argv[2]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in sorted(os.listdir(src)):
        if not name.endswith(".csv"):
            continue
        ws = wb.create_sheet(name[: -len(".csv")])
        with open(os.path.join(src, name), encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                ws.append([cell(t) for t in row])
    wb.save(out)


if __name__ == "__main__":
    main()
