#!/usr/bin/env python3
"""Writes the missing `expect-ja:` lines of tests/bad/*.case.

usage: bad_expect_ja.py DIR    (DIR from BAD_KEEP=DIR sh tests/integration/bad.sh)
For a case without expect-ja lines, each `expect:` line is found in the
English stderr (DIR/NAME.en) and the Japanese line at the same place
(DIR/NAME.ja: the two have the same lines, tests/tools/ja_messages.py)
becomes an `expect-ja:` line, written after the case's last `expect:`
line.  Read what it wrote: the lines are the reference from then on.
"""
import os
import sys


def main():
    keep = sys.argv[1]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bad")
    for name in sorted(os.listdir(root)):
        if not name.endswith(".case"):
            continue
        path = os.path.join(root, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        if any(l.startswith("expect-ja: ") for l in lines):
            continue
        stem = os.path.join(keep, name[:-5])
        en = open(stem + ".en", encoding="utf-8").read().split("\n")
        ja = open(stem + ".ja", encoding="utf-8").read().split("\n")
        out, last = [], None
        for i, l in enumerate(lines):
            if not l.startswith("expect: "):
                continue
            last = i
            want = l[len("expect: "):]
            at = next((k for k, e in enumerate(en) if want in e), None)
            if at is None or at >= len(ja):
                print("%s: not found: %s" % (name, want), file=sys.stderr)
                continue
            out.append("expect-ja: " + ja[at].rstrip())
        if last is None:
            print("%s: no expect: lines" % name, file=sys.stderr)
            continue
        lines[last + 1:last + 1] = out
        open(path, "w", encoding="utf-8").write("\n".join(lines))


if __name__ == "__main__":
    main()
