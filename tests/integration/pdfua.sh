#!/bin/sh
# The PDF/UA-1 checker (tests/pdfua/check.py, docs in tests/pdfua/README.md)
# is tested on PDFs made for it: tests/pdfua/make_fixtures.py builds a
# small tagged PDF with pikepdf (its font borrowed from the starter deck's
# PDF) and one broken copy per rule.  The valid one passes, through the
# helper of tests/lib/pdfua.sh too; each broken one fails with exactly the
# rules tests/pdfua/make_fixtures.py lists for it, in the checker's line
# format; every rule of the checker is broken by some fixture and has its
# row in the README; several files at once, --quiet, an unreadable file
# and a wrong command line behave as the usage says; two runs print the
# same.  Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
. "$(dirname "$0")/../lib/pdfua.sh"
# the broken fixtures are broken on purpose: no sweep (the starter deck's
# own PDF is checked below)
IT_NO_PDFUA_SWEEP=1
it_begin pdfua
PY=/usr/bin/python3
CHECK="$ROOT/tests/pdfua/check.py"
README="$ROOT/tests/pdfua/README.md"

if ! "$PY" -c 'import pikepdf' 2>/dev/null; then
  no "Debian's python3-pikepdf is installed (make setup-test installs it)"
  it_end
fi

# ---- the fixtures ---------------------------------------------------------
cp -r "$ROOT/examples/starter" "$T/deck"
(cd "$T/deck" && "$SHIRYO" build --pdf -o out >/dev/null 2>"$T/build.err")
SRC=$(ls "$T"/deck/out/*.pdf 2>/dev/null | head -n 1)
check "the starter deck builds a PDF to borrow the font from" test -n "$SRC"
pdfua_check "$SRC"
mkdir "$T/fx"
check "make_fixtures.py builds the fixtures" "$PY" "$ROOT/tests/pdfua/make_fixtures.py" "$SRC" "$T/fx"
FX="$T/fx"
test -s "$FX/expected.txt" || { no "make_fixtures.py lists its fixtures"; it_end; }

# ---- the valid fixture ------------------------------------------------------
"$PY" "$CHECK" "$FX/valid.pdf" >"$T/valid.out" 2>&1
check "the valid fixture passes (exit 0)" test $? -eq 0
check "and says ok with what it checked" grep -qE \
  "^$FX/valid.pdf: ok \(1 pages, 1[0-9] structure elements, [0-9]+ marked-content sequences, 9 MCIDs\)$" "$T/valid.out"
check "pdfinfo reads the valid fixture as tagged" sh -c "pdfinfo '$FX/valid.pdf' | grep -q '^Tagged: *yes'"
check "qpdf finds no error in it" qpdf --check "$FX/valid.pdf"
pdfua_check "$FX/valid.pdf"

# ---- each broken fixture fails with its rules, and only those ---------------
LINE='^[^:]+: (page [1-9][0-9]*|document): [a-z]+(-[a-z]+)* \((Matterhorn [0-9]{2}-[0-9]{3}|ISO 32000-1 [0-9.]+)\): .+$'
n=0
while read -r name rules; do
  [ "$name" = valid ] && continue
  n=$((n + 1))
  "$PY" "$CHECK" "$FX/$name.pdf" >"$T/$name.out" 2>&1
  rc=$?
  got=$(sed -n 's/^[^:]*: [^:]*: \([a-z-]*\) (.*/\1/p' "$T/$name.out" | sort -u | tr '\n' ' ')
  want=$(printf '%s\n' $rules | sort -u | tr '\n' ' ')
  if [ "$rc" -eq 1 ] && [ "$got" = "$want" ] && ! grep -qvE "$LINE" "$T/$name.out"; then
    ok "$name fails with $rules"
  else
    no "$name fails with $rules (exit 1), and only those" "exit $rc, got: $got; $(head -c 400 "$T/$name.out")"
  fi
done <"$FX/expected.txt"
check "there are broken fixtures ($n)" test "$n" -ge 40

# ---- every rule is broken by a fixture, and documented ------------------------
"$PY" "$CHECK" --list-rules >"$T/rules.txt"
check "--list-rules lists the rules" test "$(wc -l <"$T/rules.txt")" -ge 40
missing_fx="" missing_doc=""
for rule in $(cut -f1 "$T/rules.txt"); do
  grep -qE " $rule( |\$)" "$FX/expected.txt" || missing_fx="$missing_fx $rule"
  ref=$(grep "^$rule	" "$T/rules.txt" | cut -f2)
  grep -qF "| \`$rule\` | $ref |" "$README" || missing_doc="$missing_doc $rule"
done
if [ -z "$missing_fx" ]; then ok "every rule is broken by a fixture"; else no "every rule is broken by a fixture" "untested:$missing_fx"; fi
if [ -z "$missing_doc" ]; then ok "every rule has its row (id, reference) in tests/pdfua/README.md"
else no "every rule has its row (id, reference) in tests/pdfua/README.md" "missing:$missing_doc"; fi

# ---- several files, --quiet, unreadable files, usage -------------------------
"$PY" "$CHECK" "$FX/valid.pdf" "$FX/no-lang.pdf" "$FX/figure-no-alt.pdf" >"$T/many.out" 2>&1
check "several files: exit 1 when one fails" test $? -eq 1
check "several files: a line for each, the failures named by file" sh -c "
  grep -q '^$FX/valid.pdf: ok' '$T/many.out' &&
  grep -q '^$FX/no-lang.pdf: document: cat-lang (Matterhorn 11-001): ' '$T/many.out' &&
  grep -q '^$FX/figure-no-alt.pdf: page 1: figure-alt (Matterhorn 13-004): ' '$T/many.out' &&
  test \$(wc -l <'$T/many.out') -eq 3"
"$PY" "$CHECK" --quiet "$FX/valid.pdf" >"$T/quiet.out" 2>&1
check "--quiet: a passing file prints nothing, exit 0" sh -c "test $? -eq 0 && test ! -s '$T/quiet.out'"
printf 'not a pdf\n' >"$T/junk.pdf"
"$PY" "$CHECK" "$T/junk.pdf" >"$T/junk.out" 2>&1
check "a file that is no PDF: exit 2, named" sh -c "test $? -eq 2 && grep -q '^$T/junk.pdf: document: cannot be read' '$T/junk.out'"
"$PY" "$CHECK" >"$T/usage.out" 2>&1
check "no file: exit 2 with the usage" sh -c "test $? -eq 2 && grep -q '^usage: check.py' '$T/usage.out'"
"$PY" "$CHECK" "$FX"/*.pdf >"$T/all1.out" 2>&1
"$PY" "$CHECK" "$FX"/*.pdf >"$T/all2.out" 2>&1
check "two runs print the same" cmp "$T/all1.out" "$T/all2.out"

it_end
