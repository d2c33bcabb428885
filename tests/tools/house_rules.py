#!/usr/bin/env python3
"""The house rules of src/ that a reader of the tree relies on:

- every header opens with a comment "/* NAME: its one job ..." that also
  says who frees what (a "Memory:" sentence, or one that names the free
  function, who owns or borrows, or that nothing allocates);
- no source file is over MAX_FILE lines;
- no function is over MAX_FUNC lines (a function here: a line "{" in
  column 0 after its signature, to the next "}" in column 0, the style
  every file of src/ is written in).

Usage: house_rules.py SRC_DIR.  Prints one FAIL line per breach and
"N passed, N failed"; exits 1 on any breach."""
import os
import re
import sys

MAX_FILE = 1000
MAX_FUNC = 150
MEMORY = re.compile(r"Memory:|[Nn]othing (here )?allocates|[Nn]othing is allocated"
                    r"|No allocation|[Nn]othing is freed|_free\(\)|\bfrees?\b"
                    r"|\bowns?\b|\bowned\b|\bborrow", re.S)


def top_comment(text):
    m = re.match(r"\s*/\*(.*?)\*/", text, re.S)
    return m.group(1) if m else None


def functions(lines):
    """(name, first line, length) of each function definition."""
    i = 0
    while i < len(lines):
        if lines[i] == "{" and i > 0:
            j = i - 1
            while j > 0 and lines[j - 1].strip() and not lines[j - 1].startswith(
                    ("}", "#", "/*", " *")) and not lines[j - 1].rstrip().endswith(";"):
                j -= 1
            k = i + 1
            while k < len(lines) and lines[k] != "}":
                k += 1
            names = re.findall(r"(\w+)\s*\(", " ".join(lines[j:i]))
            yield (names[0] if names else "?", j + 1, k - j + 1)
            i = k
        i += 1


def main(src):
    passed = failed = 0
    for stage in sorted(os.listdir(src)):
        d = os.path.join(src, stage)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            path = os.path.join(stage, f)
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                text = fh.read()
            lines = text.split("\n")
            problems = []
            if f.endswith(".h"):
                name = f[:-2]
                c = top_comment(text)
                if c is None or not re.match(r"\s*%s:" % re.escape(name), c):
                    problems.append('does not open with "/* %s: its job"' % name)
                elif not MEMORY.search(c):
                    problems.append("its top comment does not say who frees what")
            if f.endswith((".c", ".h")) and len(lines) - 1 > MAX_FILE:
                problems.append("%d lines (at most %d)" % (len(lines) - 1, MAX_FILE))
            if f.endswith(".c"):
                for fn, at, n in functions(lines):
                    if n > MAX_FUNC:
                        problems.append("%s() at line %d is %d lines (at most %d)"
                                        % (fn, at, n, MAX_FUNC))
            for p in problems:
                print("FAIL - %s: %s" % (path, p))
            failed += len(problems)
            passed += not problems
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
