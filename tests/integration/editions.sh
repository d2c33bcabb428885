#!/bin/sh
# Mixed editions caught: data/ updated table by table for a new survey
# year, built in between, gives a warning at every slide that shows a
# table still at the old year (src/doc/editions.h), and none elsewhere.
# The slides expected are found here independently: the templates that
# name a table left behind (each template of the default deck makes one
# slide).  The default deck and the complete R7 fixture give none.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin editions
cd "$T"
cp -r "$ROOT/data" "$ROOT/templates" .
"$SHIRYO" check >out.txt 2>err.txt
if [ $? = 0 ] && ! grep -q 'warning:' err.txt; then
  ok "the default deck: no warning"
else
  no "the default deck: no warning" "$(head -c 400 err.txt)"
fi

# three tables updated to 令和7年度, the others left at 令和6年度
UPDATED="ai_adoption_status ai_function_totals surveys"
for t in $UPDATED; do
  tail -n +2 "$ROOT/tests/fixtures/r7/$t.csv" >>"data/$t.csv"
done
"$SHIRYO" check >out.txt 2>err.txt
st=$?
[ "$st" = 0 ] && ok "a partial update still builds (exit 0)" || no "a partial update still builds (exit 0)" "status $st"
# the tables left behind: those with a survey year column (named year)
# that were not updated
behind=
for f in data/*.csv; do
  case "$f" in *.schema.csv) continue ;; esac
  t=$(basename "$f" .csv)
  case " $UPDATED " in *" $t "*) continue ;; esac
  head -n 1 "$f" | tr ',' '\n' | grep -qx year && behind="$behind $t"
done
want=$(for t in $behind; do grep -lw "$t" templates/*.md; done | LC_ALL=C sort -u)
got=$(grep 'warning: this slide' err.txt | cut -d: -f1 | LC_ALL=C sort -u)
if [ -n "$want" ] && [ "$got" = "$want" ]; then
  ok "a warning at every slide that shows a table left behind, and only there ($(printf '%s\n' "$want" | wc -l) slides)"
else
  no "a warning at every slide that shows a table left behind, and only there" "want: $(echo $want) got: $(echo $got)"
fi
if grep -qF 'templates/03-rpa-adoption.md:9:1: warning: this slide'"'"'s data end at 令和6年度 (rpa_adoption_status), the deck'"'"'s at 令和7年度' err.txt &&
  grep -qF 'hint: add the 令和7年度 rows to the tables named first, or build when every table is updated' err.txt; then
  ok "the warning names the slide, the table behind, both years, and what to do"
else
  no "the warning names the slide, the table behind, both years, and what to do" "$(head -c 600 err.txt)"
fi
if ! grep -q '^templates/02-ai-adoption.md' err.txt; then
  ok "a slide of updated tables only: no warning"
else
  no "a slide of updated tables only: no warning"
fi

# the complete fixture: every table at 令和7年度, no warning
rm -rf data && cp -r "$ROOT/data" .
for f in "$ROOT"/tests/fixtures/r7/*.csv; do
  tail -n +2 "$f" >>"data/$(basename "$f")"
done
"$SHIRYO" check >out.txt 2>err.txt
if [ $? = 0 ] && ! grep -q 'warning:' err.txt; then
  ok "every table updated: no warning"
else
  no "every table updated: no warning" "$(head -c 400 err.txt)"
fi
it_end
