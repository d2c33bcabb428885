#!/usr/bin/env python3
"""The include order of src/: one folder per stage, and a stage may include
only headers of its own stage or of a stage below it.  Also: no two files
depend on each other in a circle (NAME.c and NAME.h counting as one
module; a header without a .c is transparent).

usage: include_order.py SRC_DIR
Prints one line per violation and "N passed, N failed"; exits 1 on any.

The order, from the top (the command line) to the bottom (base services),
is the one docs/architecture.md shows; keep the two in step.
"""
import os
import re
import sys

# Highest first.  A file in STAGES[i] may include headers of STAGES[j] for
# j >= i (its own stage and those below it), never of a stage above.
STAGES = [
    "app",     # main, cli, init, build, project, watch: the command and the pipeline driver
    "out",     # the table of output writers and the writers (PDF, site, chart data)
    "layout",  # slides laid out on pages: regions, fit, tables
    "doc",     # Markdown to the deck model, deck settings
    "chart",   # chart specs to data to drawings (through draw/ only)
    "lang",    # the template language: parse, evaluate, functions, filters, expansion
    "data",    # data files to typed tables: readers, schemas, tables
    "text",    # JLREQ classes, line breaking, text in boxes (shared by layout and charts)
    "draw",    # the drawing interface, its backends, fonts
    "style",   # the one look: colours, sizes, font stack
    "base",    # services every stage may use: memory, buffers, diagnostics, files, numbers
]
RANK = {s: i for i, s in enumerate(STAGES)}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def modules(src):
    """{module name: (stage, [paths])} for every .c/.h below src."""
    found = {}
    for stage in os.listdir(src):
        d = os.path.join(src, stage)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            base, ext = os.path.splitext(name)
            if ext not in (".c", ".h"):
                continue
            found.setdefault(base, (stage, []))[1].append(os.path.join(d, name))
    return found


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    mods = modules(src)
    stray = [f for f in os.listdir(src) if os.path.splitext(f)[1] in (".c", ".h")]
    passed = failed = 0

    def report(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL - " + what)

    report(not stray, "every source file is in a stage folder (loose: %s)" % ", ".join(sorted(stray)))
    for m, (stage, _) in sorted(mods.items()):
        report(stage in RANK, "%s: folder %s is not a stage of the order" % (m, stage))

    deps = {}
    for m, (stage, paths) in sorted(mods.items()):
        deps[m] = set()
        for p in paths:
            with open(p, encoding="utf-8") as f:
                text = f.read()
            for inc in INCLUDE.findall(text):
                target = os.path.splitext(os.path.basename(inc))[0]
                if target == m or target not in mods:
                    continue
                deps[m].add(target)
                tstage = mods[target][0]
                if stage in RANK and tstage in RANK:
                    report(RANK[tstage] >= RANK[stage],
                           "%s (%s) includes %s of the later stage %s: %s"
                           % (os.path.relpath(p, src), stage, inc, tstage,
                              "move the shared part down, or pass it in"))

    # Circles between modules with code.  A header with no .c of its own
    # (a family's private types, such as chart_impl.h) is transparent: a
    # module that includes it depends on what it includes.
    def has_code(m):
        return any(p.endswith(".c") for p in mods[m][1])

    def through(m, seen):
        out = set()
        for t in deps[m]:
            if has_code(t):
                out.add(t)
            elif t not in seen:
                seen.add(t)
                out |= through(t, seen)
        return out

    deps = {m: through(m, {m}) - {m} for m in deps if has_code(m)}
    # circles between modules: depth-first search with colours
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {m: WHITE for m in deps}
    circles = []

    def visit(m, path):
        colour[m] = GREY
        path.append(m)
        for t in sorted(deps[m]):
            if colour[t] == GREY:
                circles.append(path[path.index(t):] + [t])
            elif colour[t] == WHITE:
                visit(t, path)
        path.pop()
        colour[m] = BLACK

    for m in sorted(deps):
        if colour[m] == WHITE:
            visit(m, [])
    report(not circles, "no circle between modules: " + "; ".join(" -> ".join(c) for c in circles))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
