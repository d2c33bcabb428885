#!/bin/sh
# The prose check (src/doc/prose.h): the sentences a year's data can
# break are warnings at their template lines.  With a 令和7年度 in which no
# challenge rose and no AI function kept rising, the shipped templates
# say so in whole sentences and warn nothing; the unguarded template of
# the challenges slide (tests/fixtures/prose) gives the warning at its
# line, and so does the functions slide unguarded (every function listed
# before 「を除き」).  Text that only looks like a rule's case is not
# reported.  Each
# rule's failing case is in tests/bad/prose-*.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin prose
cd "$T"
cp -r "$ROOT/data" "$ROOT/templates" .
"$SHIRYO" check >out 2>err && ! grep -q 'warning:' err &&
  ok "the default deck: no finding" || no "the default deck: no finding" "$(head -c 300 err)"
for f in "$ROOT"/tests/fixtures/r7/*.csv; do tail -n +2 "$f" >>"data/$(basename "$f")"; done
# 令和7年度: every challenge and every function one below its 令和6年度
/usr/bin/python3 - <<'PY'
import csv
for name in ['ai_challenge_totals', 'ai_function_totals']:
    p = f'data/{name}.csv'
    rows = list(csv.reader(open(p, encoding='utf-8')))
    h = rows[0]; y = h.index('year'); c = h.index('count')
    keys = [i for i, n in enumerate(h) if n not in ('year', 'count', 'status', 'source')]
    r6 = {tuple(r[i] for i in keys): int(r[c]) for r in rows[1:] if r[y] == 'R6'}
    for r in rows[1:]:
        k = tuple(r[i] for i in keys)
        if r[y] == 'R7' and k in r6:
            r[c] = str(max(0, r6[k] - 1))
    csv.writer(open(p, 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows)
PY
"$SHIRYO" build --pdf -o o >out 2>err
st=$?
[ "$st" = 0 ] && ! grep -q 'warning:' err && ok "nothing rose: the shipped templates warn nothing" ||
  no "nothing rose: the shipped templates warn nothing" "status $st: $(head -c 400 err)"
page() { pdftotext -f "$1" -l "$1" o/ai-rpa-r7-0630.pdf - 2>/dev/null | tr -d ' \n'; }
page 11 | grep -qF '令和6年度調査から令和7年度調査にかけて回答が増加した課題はない。' &&
  ok "slide 11 says no challenge rose" || no "slide 11 says no challenge rose" "$(page 11 | head -c 300)"
page 7 | grep -qF '調査開始以降一貫して増加している機能はない。' &&
  ok "slide 7 says no function kept rising" || no "slide 7 says no function kept rising" "$(page 7 | head -c 300)"
page 11 | grep -qF '■の回答は' && no "slide 11 has no sentence without a subject" || ok "slide 11 has no sentence without a subject"
cp "$ROOT/tests/fixtures/prose/10-ai-challenges-unguarded.md" templates/10-ai-challenges.md
"$SHIRYO" check >out 2>err
if grep -qF 'templates/10-ai-challenges.md:12:6: warning: an expression came out empty inside a sentence: 「の回答は令和6年度調査から令和7年度調査にかけて増加している。」' err; then
  ok "the unguarded template: the warning at its loop"
else
  no "the unguarded template: the warning at its loop" "$(head -c 500 err)"
fi
n=$(grep -c 'warning:' err)
[ "$n" = 1 ] && ok "one root cause, one message" || no "one root cause, one message" "$n warnings"
"$SHIRYO" check --strict >out 2>err
[ $? = 1 ] && grep -q '10-ai-challenges.md:12:6: error: an expression came out empty' err &&
  ok "--strict makes it an error" || no "--strict makes it an error"

# the functions slide unguarded: every function is excluded
cp "$ROOT/templates/10-ai-challenges.md" templates/10-ai-challenges.md
cp "$ROOT/tests/fixtures/prose/06-ai-functions-unguarded.md" templates/06-ai-functions.md
"$SHIRYO" check >out 2>err
col=$(/usr/bin/python3 -c 'import sys; l = open(sys.argv[1], encoding="utf-8").read().split("\n")[15]; print(l.index("for r in not_rising") + 1)' templates/06-ai-functions.md)
if grep -qF "templates/06-ai-functions.md:16:$col: warning: a loop listed every item a filter kept before an exclusion: the sentence excludes everything" err &&
  grep -qF '「数値予測」を除き調' err; then
  ok "every function excluded: the warning at the loop"
else
  no "every function excluded: the warning at the loop" "col $col: $(head -c 500 err)"
fi
n=$(grep -c 'warning:' err)
[ "$n" = 1 ] && ok "one warning for it" || no "one warning for it" "$n warnings: $(head -c 300 err)"

# look-alikes: none is a finding
rm -rf la && mkdir la && cp -r "$ROOT/tests/bad/base/." la/
cat >la/templates/01-body.md <<'MD'
{{ let r6 = adoption where year = latest }}
# 導入状況

- はじめに、導入済みは{{ sum(r6 where stage = "導入済み", "count") | num }}団体（全体の{{ sum(r6 where stage = "導入済み", "count") / sum(r6, "count") | pct }}、
  速報）で「増加」した。1,788団体のうち、3.5%が実証中。
- にわかに増えた。
MD
(cd la && "$SHIRYO" check) >out 2>err
! grep -q 'warning:' err && ok "look-alikes are not findings (はじめに, a bracket over two lines, 1,788, 3.5%)" ||
  no "look-alikes are not findings" "$(head -c 500 err)"
it_end
