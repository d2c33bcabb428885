#!/usr/bin/python3
"""check.py: checks PDFs against the machine-checkable part of PDF/UA-1
(ISO 14289-1), rule by rule as the Matterhorn Protocol 1.1 words its
failure conditions.  Independent of shiryo: it reads any PDF with pikepdf
(Debian's python3-pikepdf; run it with /usr/bin/python3).

Usage: check.py [--quiet] FILE.pdf...
       check.py --list-rules

Prints one line per failure,
  FILE: page N: RULE-ID (Matterhorn NN-NNN): what
("document" for N when the failure is not on a page; a rule the protocol
has no condition for names its ISO clause instead), and one line
"FILE: ok (...)" for a file that passes unless --quiet.  Exits 0 when
every file passes, 1 when any fails, 2 when a file cannot be read or
checked, or the usage is wrong.  The rules are in uarules.py and tests/pdfua/README.md.
"""
import os
import sys
import traceback

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pikepdf  # noqa: E402

from uacontent import Walk  # noqa: E402
from uadoc import check_catalog  # noqa: E402
from uafonts import check_fonts  # noqa: E402
from uarules import RULES, Report  # noqa: E402
from uastruct import Structure  # noqa: E402


def check(path):
    rep = Report(path)
    with pikepdf.open(path) as pdf:
        check_catalog(pdf, rep)
        walk = Walk(pdf, rep)
        tree = Structure(pdf, walk, rep)
        check_fonts(walk, rep)
        rep.stats = {"pages": len(pdf.pages), "elements": len(tree.elems),
                     "sequences": walk.sequences,
                     "mcids": sum(len(o.mcids) for o in walk.owners.values())}
    return rep


def main(argv):
    args = argv[1:]
    if args == ["--list-rules"]:
        for rule, (ref, what) in RULES.items():
            print("%s\t%s\t%s" % (rule, ref, what))
        return 0
    quiet = "--quiet" in args
    files = [a for a in args if a != "--quiet"]
    if not files or any(f.startswith("--") for f in files):
        print("usage: check.py [--quiet] FILE.pdf... | check.py --list-rules", file=sys.stderr)
        return 2
    status = 0
    for path in files:
        try:
            rep = check(path)
        except (pikepdf.PdfError, OSError) as e:
            print("%s: document: cannot be read (%s)" % (path, e))
            status = 2
            continue
        except Exception:  # a bug of the checker is neither a pass nor a failure
            traceback.print_exc()
            print("%s: document: cannot be checked (an error of check.py, above)" % path)
            status = 2
            continue
        for line in rep.lines():
            print(line)
        if rep.items:
            status = max(status, 1)
        elif not quiet:
            print("%s: ok (%d pages, %d structure elements, %d marked-content sequences, %d MCIDs)"
                  % (path, rep.stats["pages"], rep.stats["elements"], rep.stats["sequences"],
                     rep.stats["mcids"]))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
