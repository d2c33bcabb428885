#!/usr/bin/env python3
"""The same run's messages in English and in Japanese, compared.

usage: ja_messages.py EN_STDERR JA_STDERR
       ja_messages.py --list FILE    (lines "NAME<TAB>EN_STDERR<TAB>JA_STDERR")
Prints one line per problem (with --list, "NAME: problem") and exits 1 on
any:
  - the positions ("file:line:col", "data/book.xlsx [SHEET] C12", or none)
    of the diagnostics, in order, differ between the two languages;
  - a Japanese message or hint has no Japanese text outside its quoted
    parts ("…", 「…」) and the characters shown (<U+3000>, <0xNN>): an
    untranslated message.
A diagnostic line is "[POSITION: ]SEVERITY: MESSAGE"; a hint line is
"  HINT: …"; a usage error is "shiryo: …".  Other lines (the usage text's
continuation lines, a build's "wrote" lines) are not checked.
"""
import re
import sys

EN = {"sev": "error|warning|note", "hint": "hint"}
JA = {"sev": "エラー|警告|注意", "hint": "ヒント"}
JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff]")
QUOTED = re.compile(r'"[^"]*"|「[^」]*」|<U\+[0-9A-F]{4,6}>|<0x[0-9A-F]{2}>')


def diagnostics(path, words):
    """[(kind, position or None, text)] of a stderr file."""
    diag = re.compile(r"^(?:(.+?): )?(?:%s): (.*)$" % words["sev"])
    hint = re.compile(r"^  %s: (.*)$" % words["hint"])
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f.read().splitlines():
            m = hint.match(line)
            if m:
                out.append(("hint", None, m.group(1)))
                continue
            if line.startswith("shiryo: "):
                out.append(("usage", None, line[len("shiryo: "):]))
                continue
            m = diag.match(line)
            if m:
                out.append(("diag", m.group(1), m.group(2)))
    return out


def compare(en_path, ja_path):
    """The problems of one run, as lines."""
    en = diagnostics(en_path, EN)
    ja = diagnostics(ja_path, JA)
    problems = []
    pen = [p for k, p, _ in en if k == "diag"]
    pja = [p for k, p, _ in ja if k == "diag"]
    if pen != pja:
        problems.append("positions differ: English %s, Japanese %s" % (pen, pja))
    if [k for k, _, _ in en] != [k for k, _, _ in ja]:
        problems.append("the lines differ: English %s, Japanese %s"
                        % ([k for k, _, _ in en], [k for k, _, _ in ja]))
    for kind, _, text in ja:
        if not JAPANESE.search(QUOTED.sub("", text)):
            problems.append("not in Japanese (%s): %s" % (kind, text))
    return problems


def main():
    if sys.argv[1] == "--list":
        bad = 0
        with open(sys.argv[2], encoding="utf-8") as f:
            for line in f.read().splitlines():
                name, en, ja = line.split("\t")
                for p in compare(en, ja):
                    print("%s: %s" % (name, p))
                    bad = 1
        return bad
    problems = compare(sys.argv[1], sys.argv[2])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
