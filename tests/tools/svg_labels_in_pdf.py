#!/usr/bin/env python3
"""Every text label of each chart's full-width SVG in the site appears on
the same slide's page of the PDF (pdftotext -raw, spaces ignored): the site
draws the PDF's picture.  Prints one line per chart that differs and exits
non-zero if any does.
    svg_labels_in_pdf.py SITE_INDEX_HTML PDF"""
import html
import re
import subprocess
import sys

page_html = open(sys.argv[1], encoding="utf-8").read()
pdf = sys.argv[2]
charts = bad = 0
for m in re.finditer(r'<section[^>]*id="s(\d+)"(.*?)</section>', page_html, re.S):
    page = m.group(1)
    svgs = re.findall(r'<div class="chart-wide">\s*(<svg.*?</svg>)', m.group(2), re.S)
    if not svgs:
        continue
    text = subprocess.run(["pdftotext", "-raw", "-f", page, "-l", page, pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for i, svg in enumerate(svgs):
        charts += 1
        labels = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
        missing = [t for t in labels if re.sub(r"\s+", "", t) not in flat]
        if not labels or missing:
            bad += 1
            print(f"slide {page} chart {i + 1}: {len(labels)} labels, not in the PDF: {missing[:8]}")
print(f"{charts} charts compared, {bad} differ")
sys.exit(1 if bad or not charts else 0)
