#!/usr/bin/python3
"""The users' docs in English and Japanese, kept in step (tests/integration/docs.sh).

    docs_check.py ROOT          check the pairs under ROOT
    docs_check.py --fill EN SRC copy SRC to standard output, each line
                                "@@CODE@@" replaced by the next fenced
                                block of EN (for writing a twin whose
                                code is the English one, byte for byte)

The pairs: README.md with docs/ja/README.md, and every docs/NAME.md with
docs/ja/NAME.md, except the docs for developers (ENGLISH_ONLY), which are
in English alone.  For each pair:

  - both files exist, and each names the other in a link within its first
    five lines;
  - the headings (ATX, outside fenced blocks) have the same levels in the
    same order; headings are matched by position, and where the English
    heading starts with a section number ("12. Front matter") the Japanese
    one starts with the same number;
  - every section (the text from one heading to the next) holds the same
    fenced blocks, with the same info strings and the same lines: commands,
    examples and messages are never translated;
  - every relative link (outside code) of either file leads to an existing
    file, and a link to "FILE.md#anchor" to a heading of FILE.md (anchors
    as GitHub makes them from the heading's text).

Prints one line per problem, then "N problems"; exits 1 when there is any.
"""
import os
import re
import sys
import unicodedata

ENGLISH_ONLY = {"architecture.md"}  # the developers' docs
LINK_LINES = 5


def fences(lines):
    """Yields (start, end, info, body) for each fenced block: line indexes
    of the opening and closing fence (end = len(lines) when unclosed)."""
    i = 0
    while i < len(lines):
        m = re.match(r"^ {0,3}(`{3,}|~{3,})(.*)$", lines[i])
        if not m or (m.group(1)[0] == "`" and "`" in m.group(2)):
            i += 1
            continue
        mark = m.group(1)
        j = i + 1
        while j < len(lines):
            c = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", lines[j])
            if c and c.group(1)[0] == mark[0] and len(c.group(1)) >= len(mark):
                break
            j += 1
        yield i, j, m.group(2).strip(), "\n".join(lines[i + 1:j])
        i = j + 1


def parse(path):
    """Headings [(line, level, text)], blocks [(section, line, info, body)]
    and prose lines [(line, text)] outside fenced blocks."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    inside = set()
    blocks = []
    for s, e, info, body in fences(lines):
        inside.update(range(s, min(e, len(lines) - 1) + 1))
        blocks.append((s, info, body))
    heads, prose = [], []
    for n, l in enumerate(lines):
        if n in inside:
            continue
        m = re.match(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$", l)
        if m:
            heads.append((n + 1, len(m.group(1)), m.group(2)))
        prose.append((n + 1, l))
    located = []
    for s, info, body in blocks:
        sec = sum(1 for h in heads if h[0] <= s)  # 0: before any heading
        located.append((sec, s + 1, info, body))
    return heads, located, prose


def slug(text):
    """The anchor GitHub gives a heading."""
    text = re.sub(r"`", "", text).lower()
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in " -_" or cat[0] in "LMN":
            out.append(ch)
    return "".join(out).replace(" ", "-")


def anchors(path):
    seen = {}
    result = set()
    for _, _, text in parse(path)[0]:
        s = slug(text)
        n = seen.get(s, 0)
        seen[s] = n + 1
        result.add(s if n == 0 else f"{s}-{n}")
    return result


def links(prose):
    """(line, target) of every Markdown link outside code spans."""
    for n, l in prose:
        l = re.sub(r"(`+)(.+?)\1", "", l)
        for m in re.finditer(r"\]\(([^)\s]+)\)", l):
            yield n, m.group(1)


def check_links(path, prose, problems):
    for n, target in links(prose):
        if re.match(r"^[a-z]+:", target):
            continue
        file, _, frag = target.partition("#")
        dest = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
        if not os.path.exists(dest):
            problems.append(f"{path}:{n}: link to {target}: no file {dest}")
        elif frag and dest.endswith(".md") and frag not in anchors(dest):
            problems.append(f"{path}:{n}: link to {target}: {dest} has no heading with the anchor #{frag}")


def check_pair(en, ja, problems):
    for a, b in ((en, ja), (ja, en)):
        with open(a, encoding="utf-8") as f:
            top = "".join(f.readline() for _ in range(LINK_LINES))
        rel = os.path.relpath(b, os.path.dirname(a))
        if f"]({rel})" not in top:
            problems.append(f"{a}:1: no link to its twin ({rel}) in its first {LINK_LINES} lines")
    eh, eb, ep = parse(en)
    jh, jb, jp = parse(ja)
    for k in range(max(len(eh), len(jh))):
        if k >= len(eh):
            problems.append(f"{ja}:{jh[k][0]}: heading \"{jh[k][2]}\" (section {k + 1}) has no English twin in {en}")
            break
        if k >= len(jh):
            problems.append(f"{en}:{eh[k][0]}: heading \"{eh[k][2]}\" (section {k + 1}) has no Japanese twin in {ja}")
            break
        (el, elev, etext), (jl, jlev, jtext) = eh[k], jh[k]
        if elev != jlev:
            problems.append(f"{ja}:{jl}: heading {k + 1} is level {jlev}, its English twin {en}:{el} level {elev}"
                            f" (\"{jtext}\" and \"{etext}\")")
            break
        num = re.match(r"^(\d+(?:\.\d+)*)\.?\s", etext)
        if num and not re.match(r"^" + re.escape(num.group(1)) + r"\b", jtext):
            problems.append(f"{ja}:{jl}: heading \"{jtext}\" should start with the number of its twin {en}:{el} \"{etext}\"")
            break
    if len(eb) != len(jb):
        problems.append(f"{ja}: {len(jb)} fenced blocks, {en} has {len(eb)}")
    for (es, el, ei, ebody), (js, jl, ji, jbody) in zip(eb, jb):
        if (es, ei, ebody) != (js, ji, jbody):
            why = "in another section" if es != js else "differs"
            problems.append(f"{ja}:{jl}: fenced block {why} from its twin {en}:{el} (code is never translated)")
            break
    check_links(en, ep, problems)
    check_links(ja, jp, problems)


def pairs(root):
    result = [(os.path.join(root, "README.md"), os.path.join(root, "docs/ja/README.md"))]
    for name in sorted(os.listdir(os.path.join(root, "docs"))):
        if name.endswith(".md") and name not in ENGLISH_ONLY:
            result.append((os.path.join(root, "docs", name), os.path.join(root, "docs/ja", name)))
    return result


def main(argv):
    if len(argv) == 4 and argv[1] == "--fill":
        with open(argv[2], encoding="utf-8") as f:
            en_lines = f.read().split("\n")
        raw = [en_lines[s:e + 1] for s, e, _, _ in fences(en_lines)]
        total, out = len(raw), []
        with open(argv[3], encoding="utf-8") as f:
            for l in f.read().split("\n"):
                if l.strip() == "@@CODE@@":
                    if not raw:
                        sys.exit(f"{argv[3]}: more @@CODE@@ lines than the {total} blocks of {argv[2]}")
                    out.extend(raw.pop(0))
                else:
                    out.append(l)
        if raw:
            sys.exit(f"{argv[3]}: {len(raw)} blocks of {argv[2]} left over (of {total})")
        sys.stdout.write("\n".join(out))
        return 0
    if len(argv) != 2:
        sys.exit(__doc__)
    root = argv[1]
    problems = []
    for en, ja in pairs(root):
        missing = [p for p in (en, ja) if not os.path.exists(p)]
        if missing:
            problems.extend(f"{p}: missing (twin of {en if p == ja else ja})" for p in missing)
            continue
        check_pair(en, ja, problems)
    for name in sorted(os.listdir(os.path.join(root, "docs/ja"))):
        if name.endswith(".md") and not os.path.exists(os.path.join(root, "docs", name)) and name != "README.md":
            problems.append(f"{os.path.join(root, 'docs/ja', name)}: no English twin docs/{name}")
    for p in problems:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
