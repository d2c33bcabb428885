#!/bin/sh
# `shiryo diff`: two states of the default deck compared as a reader sees
# them.  The new state adds the fictitious 令和7年度 of tests/fixtures/r7
# as preliminary (速報) figures; the expected output
# (tests/golden/diff-r7.txt) lists every changed sentence, value, status
# and note, and nothing else.  States as git revisions (HEAD, HEAD~1) and
# as folders give the same changes; identical states say "no change"
# (exit 0); a state that is neither, or that does not load, is trouble
# (exit 2); the HTML report passes tests/site/report.mjs (axe-core in
# Chromium).  Needs git (tools/setup.sh's test stage).
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin diff
GOLD="$ROOT/tests/golden/diff-r7.txt"
g() { git -c user.name=shiryo -c user.email=shiryo@example.invalid "$@"; }

mkdir -p "$T/p"
cp -r "$ROOT/data" "$ROOT/templates" "$T/p/"
cd "$T/p"
g init -q . && g add -A && g commit -qm "令和6年度" || no "a git repository of the deck"

out=$("$SHIRYO" diff 2>&1); st=$?
if [ "$st" = 0 ] && [ "$out" = "HEAD (24 slides) → . (24 slides): no change" ]; then
  ok "no edit: no change, exit 0"
else
  no "no edit: no change, exit 0" "status $st: $out"
fi

# 令和7年度 as 速報
for f in "$ROOT"/tests/fixtures/r7/*.csv; do
  tail -n +2 "$f" | sed 's/,仮,R7_FIXTURE/,速報,R7_FIXTURE/' >>"data/$(basename "$f")"
done
"$SHIRYO" diff --report "$T/report.html" >"$T/r7.txt" 2>"$T/r7.err"; st=$?
if [ "$st" = 1 ] && [ ! -s "$T/r7.err" ]; then
  ok "a new year: exit 1, nothing on stderr"
else
  no "a new year: exit 1, nothing on stderr" "status $st: $(head -c 400 "$T/r7.err")"
fi
if diff -u "$GOLD" "$T/r7.txt" >"$T/gold.diff"; then
  ok "the changes are exactly tests/golden/diff-r7.txt"
else
  no "the changes are exactly tests/golden/diff-r7.txt" "$(head -c 1500 "$T/gold.diff")"
fi
# what the golden file must say, read independently of it
grep -q '^slide 2: 調査概要$' "$T/r7.txt" &&
  grep -q '^    status: 確報 → 速報$' "$T/r7.txt" &&
  grep -q '^  + chart 1 「AI導入状況（団体区分別・調査年度別）」, その他の市区町村 / 令和7年度（速報）: ' "$T/r7.txt" &&
  grep -q 'その他の市区町村は\[-58%-\]{+63%〔速報〕+}となり' "$T/r7.txt" &&
  grep -q '団体数（団体）: 347 → 387$' "$T/r7.txt"
[ $? = 0 ] && ok "the status, a new year's bars, a changed figure, a changed value are listed" ||
  no "the status, a new year's bars, a changed figure, a changed value are listed"
# the slides listed are exactly those whose page reads differently: each
# page's text compared in the two decks' PDFs, independently of diff
mkdir -p "$T/old"
cp -r "$ROOT/data" "$ROOT/templates" "$T/old/"
(cd "$T/old" && "$SHIRYO" build --pdf -o "$T/old/out" >/dev/null 2>&1)
"$SHIRYO" build --pdf -o "$T/new-out" >/dev/null 2>&1
want=$(for i in $(seq 1 24); do
  a=$(pdftotext -f "$i" -l "$i" "$T/old/out/ai-rpa-r7-0630.pdf" - 2>/dev/null)
  b=$(pdftotext -f "$i" -l "$i" "$T/new-out/ai-rpa-r7-0630.pdf" - 2>/dev/null)
  [ "$a" = "$b" ] || echo "$i"
done)
# a preliminary year is marked on the axis and in the legend
pdftotext "$T/new-out/ai-rpa-r7-0630.pdf" "$T/new.txt" 2>/dev/null
if grep -q 'R7（速報）' "$T/new.txt" && grep -q '令和7年度（速報）' "$T/new.txt" &&
  ! grep -q 'R6（速報）' "$T/new.txt"; then
  ok "charts mark the preliminary year: R7（速報） on axes, 令和7年度（速報） in legends"
else
  no "charts mark the preliminary year: R7（速報） on axes, 令和7年度（速報） in legends"
fi
got=$(grep -o '^slide [0-9]*' "$T/r7.txt" | cut -d' ' -f2)
if [ -n "$want" ] && [ "$(echo $got)" = "$(echo $want)" ]; then
  ok "the slides listed are those whose page text changed ($(echo $want | wc -w) of 24)"
else
  no "the slides listed are those whose page text changed" "pages: $(echo $want); listed: $(echo $got)"
fi
if [ -d "$ROOT/tests/site/node_modules" ]; then
  if (cd "$ROOT/tests/site" && node report.mjs --shots "$ROOT/build/site-shots" "$T/report.html") >"$T/report.out" 2>&1; then
    ok "the HTML report: no parse error, no script, axe-core clean at 1280 and 390 px"
  else
    no "the HTML report: no parse error, no script, axe-core clean at 1280 and 390 px" "$(tail -n 12 "$T/report.out")"
  fi
else
  no "the HTML report is checked (tests/site/node_modules is missing: run make test)"
fi

# the same as revisions, and as folders
g add -A && g commit -qm "令和7年度（速報）"
"$SHIRYO" diff HEAD~1 HEAD >"$T/rev.txt" 2>&1; st=$?
if [ "$st" = 1 ] && [ "$(head -n 1 "$T/rev.txt")" = "HEAD~1 (24 slides) → HEAD (24 slides): $(head -n 1 "$T/r7.txt" | sed 's/.*: //')" ] &&
  [ "$(tail -n +2 "$T/rev.txt")" = "$(tail -n +2 "$T/r7.txt")" ]; then
  ok "HEAD~1 HEAD: the same changes"
else
  no "HEAD~1 HEAD: the same changes" "status $st: $(head -c 300 "$T/rev.txt")"
fi
"$SHIRYO" diff "$T/old" . >"$T/dir.txt" 2>&1; st=$?
if [ "$st" = 1 ] && [ "$(tail -n +2 "$T/dir.txt")" = "$(tail -n +2 "$T/r7.txt")" ]; then
  ok "two folders: the same changes"
else
  no "two folders: the same changes" "status $st: $(head -c 300 "$T/dir.txt")"
fi
out=$("$SHIRYO" diff HEAD HEAD 2>&1); st=$?
[ "$st" = 0 ] && [ "$out" = "HEAD (24 slides) → HEAD (24 slides): no change" ] &&
  ok "HEAD HEAD: no change" || no "HEAD HEAD: no change" "status $st: $out"

# trouble
out=$("$SHIRYO" diff nosuchrev 2>&1); st=$?
if [ "$st" = 2 ] && printf '%s\n' "$out" | grep -qF 'error: "nosuchrev" is neither a project folder nor a git revision of this project'; then
  ok "neither a folder nor a revision: exit 2, said so"
else
  no "neither a folder nor a revision: exit 2, said so" "status $st: $out"
fi
mkdir -p "$T/norepo"
out=$(cd "$T/norepo" && GIT_CEILING_DIRECTORIES="$T" "$SHIRYO" diff HEAD~1 2>&1); st=$?
if [ "$st" = 2 ] && printf '%s\n' "$out" | grep -qF 'error: "HEAD~1" is not a folder, and this folder is not in a git repository'; then
  ok "outside a repository: said so, exit 2"
else
  no "outside a repository: said so, exit 2" "status $st: $out"
fi
printf 'year,org_type\nR6,都道府縣\n' >data/org_counts.csv
g add -A && g commit -qm broken
out=$("$SHIRYO" diff HEAD~1 HEAD 2>&1); st=$?
if [ "$st" = 2 ] && printf '%s\n' "$out" | grep -q '^HEAD:data/org_counts.csv:'; then
  ok "a revision that does not load: exit 2, its files named HEAD:data/…"
else
  no "a revision that does not load: exit 2, its files named HEAD:data/…" "status $st: $(printf '%s' "$out" | head -c 400)"
fi
if [ -z "$(ls /tmp | grep '^shiryo-diff-' || true)" ]; then
  ok "no temporary folder is left behind"
else
  no "no temporary folder is left behind" "$(ls /tmp | grep '^shiryo-diff-')"
fi
it_end
