#!/bin/sh
# The structure of src/: one folder per stage, no include of a later
# stage's header, no circle between modules (tests/tools/include_order.py,
# whose order docs/architecture.md shows).  The checker is also run on
# small trees made to break each rule, so that it cannot pass by accident.
# Prints "N passed, N failed"; exits non-zero on failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin structure
CHECK="python3 $ROOT/tests/tools/include_order.py"

$CHECK "$ROOT/src" >"$T/src.out" 2>&1
rc=$?
sed 's/^/  /' "$T/src.out" | grep -v '^  [0-9]* passed' | head -20
check "src/ keeps the stage order, with no circle" test "$rc" = 0

mk() { # mk DIR STAGE/NAME CONTENT
  mkdir -p "$1/$(dirname "$2")"
  printf '%s\n' "$3" >"$1/$2"
}
# a base file that includes a chart header
B="$T/up"
mk "$B" base/buf.c '#include "chart.h"'
mk "$B" chart/chart.h '#include "buf.h"'
mk "$B" chart/chart.c '#include "chart.h"'
$CHECK "$B" >"$T/up.out" 2>&1
check "a base file including a later stage's header fails" sh -c "test $? = 1 && grep -q 'buf.c (base) includes chart.h of the later stage chart' '$T/up.out'"
# two modules of one stage that include each other
C="$T/circle"
mk "$C" data/csv.c '#include "table.h"'
mk "$C" data/csv.h ''
mk "$C" data/table.c '#include "csv.h"'
mk "$C" data/table.h ''
$CHECK "$C" >"$T/circle.out" 2>&1
check "a circle of two modules fails" sh -c "test $? = 1 && grep -q 'csv -> table -> csv' '$T/circle.out'"
# a circle through a header with no .c of its own
H="$T/through"
mk "$H" chart/chart.c '#include "chart_impl.h"'
mk "$H" chart/chart.h ''
mk "$H" chart/chart_impl.h '#include "palette.h"'
mk "$H" chart/palette.c '#include "chart.h"'
mk "$H" chart/palette.h ''
$CHECK "$H" >"$T/through.out" 2>&1
check "a circle through a header-only file fails" sh -c "test $? = 1 && grep -q 'chart -> palette -> chart' '$T/through.out'"
# a file outside the stage folders, and a folder that is no stage
L="$T/loose"
mk "$L" base/buf.c ''
mk "$L" extra/x.c ''
printf '' >"$L/loose.c"
$CHECK "$L" >"$T/loose.out" 2>&1
check "a loose file and an unknown folder fail" sh -c "test $? = 1 && grep -q 'loose: loose.c' '$T/loose.out' && grep -q 'folder extra is not a stage' '$T/loose.out'"
# and a tree that keeps the rules passes
G="$T/good"
mk "$G" chart/chart.c '#include "buf.h"'
mk "$G" base/buf.c ''
mk "$G" base/buf.h ''
$CHECK "$G" >"$T/good.out" 2>&1
check "a tree that keeps the order passes" test $? = 0

# The house rules: headers say their job and who frees what; no file over
# 1,000 lines, no function over 150 (tests/tools/house_rules.py)
RULES="python3 $ROOT/tests/tools/house_rules.py"
$RULES "$ROOT/src" >"$T/rules.out" 2>&1
rc=$?
grep '^FAIL' "$T/rules.out" | sed 's/^/  /' | head -20
check "src/ keeps the house rules (headers, file and function sizes)" test "$rc" = 0
R="$T/rules"
mk "$R" base/buf.h '/* buf: growable byte buffers. */'
mk "$R" base/ok.h '/* ok: a module.  Nothing is allocated. */'
python3 -c "print('int f(void)\n{\n' + '    x();\n' * 160 + '}')" >"$R/base/long.c"
$RULES "$R" >"$T/bad-rules.out" 2>&1
check "a header without ownership and a 163-line function fail" sh -c "test $? = 1 && grep -q 'base/buf.h: its top comment does not say who frees what' '$T/bad-rules.out' && grep -q 'base/long.c: f() at line 1 is 163 lines' '$T/bad-rules.out' && ! grep -q 'base/ok.h' '$T/bad-rules.out'"

it_end
