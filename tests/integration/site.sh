#!/bin/sh
# The HTML site: well-formed XML/HTML, the CSP hash, then the browser checks
# of tests/site/check.mjs (axe-core, network, layout at 1280 and 390 px, CSV
# downloads) on the default deck and on the fixture deck of tests/site, and
# `shiryo watch` (a template edit reaches out/ within a bounded wait).
# Screenshots for a person to look at go to build/site-shots/.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin site
SHOTS="$ROOT/build/site-shots"
WATCH_PID=
it_cleanup() {
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
  return 0
}
ms() { date +%s%3N; }

cp -r "$ROOT/data" "$ROOT/templates" "$T/"
mkdir -p "$T/fixture"
cp -r "$ROOT/tests/site/fixture/data" "$ROOT/tests/site/fixture/templates" "$T/fixture/"
cd "$T"

check "default deck builds" "$SHIRYO" build
check "fixture deck builds" "$SHIRYO" build --data fixture/data --templates fixture/templates -o fixture/out
for site in out/site fixture/out/site; do
  check "$site/index.html is well-formed XML" xmllint --noout "$site/index.html"
  check "$site/index.html parses as HTML" xmllint --html --noout "$site/index.html"
  # the policy's hash is the SHA-256 of the style element's text,
  # computed here independently of shiryo
  check "$site: the CSP hash matches the stylesheet" node -e '
    const fs = require("fs"), crypto = require("crypto");
    const html = fs.readFileSync(process.argv[1], "utf8");
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
    const want = crypto.createHash("sha256").update(css, "utf8").digest("base64");
    const got = /style-src '\''sha256-([^'\'']+)'\''/.exec(html)[1];
    if (got !== want) { console.log(got, "!=", want); process.exit(1); }
    if ((html.match(/<style>/g) || []).length !== 1 || / style="/.test(html)) process.exit(1);' "$site/index.html"
  pdf=$(cd "$(dirname "$site")" && ls *.pdf | head -1)
  check "$site: the PDF ($pdf) is copied into the site" cmp "$(dirname "$site")/$pdf" "$site/$pdf"
done
check "fixture CSV: =1+1 neutralised, exact bytes" sh -c '
  printf "\357\273\277団体の区分,調査年度,はい（団体）,いいえ（団体）\r\n通常の団体,令和5年度,30,70\r\n通常の団体,令和6年度,45,55\r\n\"'"'"'=1+1\",令和5年度,12,8\r\n\"'"'"'=1+1\",令和6年度,15,5\r\n" >want.csv
  cmp want.csv "fixture/out/site/data/s3-f1-回答の内訳（区分別・年度別）.csv"'

# The browser checks.
if [ -d "$ROOT/tests/site/node_modules/playwright-core" ]; then
  node "$ROOT/tests/site/check.mjs" --shots "$SHOTS" --fixture out/site fixture/out/site >node.out 2>&1
  rc=$?
  sed 's/^/  /' node.out
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' node.out | tail -1)
  np=${line%% passed*}
  nf=${line#*passed, }
  nf=${nf%% failed}
  if [ -n "$line" ]; then
    pass=$((pass + np))
    fail=$((fail + nf))
  fi
  [ -n "$line" ] && [ "$rc" -eq 0 -o "$nf" -gt 0 ] || no "tests/site/check.mjs ran to its summary (exit $rc)"
  echo "  screenshots in $SHOTS"
else
  no "tests/site/node_modules is installed (make test runs npm ci)"
fi

# shiryo watch: edit a template while it runs; out/ must follow within the
# bounded wait (5 s; the latency is printed, not asserted).
wait_for() { # wait_for FILE PATTERN: polls for at most 5 s
  i=0
  while [ $i -lt 250 ]; do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.02
    i=$((i + 1))
  done
  return 1
}
"$SHIRYO" watch >watch.log 2>watch.err &
WATCH_PID=$!
check "watch: builds at start" wait_for watch.log 'built out in'
sed -i 's/^# 地方自治体における/# 改訂版・地方自治体における/' templates/02-ai-adoption.md
t0=$(ms)
if wait_for out/site/index.html '改訂版・地方自治体における'; then
  ok "watch: a template edit reaches out/site/index.html ($(($(ms) - t0)) ms)"
else
  no "watch: a template edit reaches out/site/index.html" "$(cat watch.log watch.err)"
fi
check "watch: prints one line for the rebuild, naming the file" wait_for watch.log 'after a change to templates/02-ai-adoption.md'
sed -i 's/^R6,その他の市区町村,導入済み,996,/R6,その他の市区町村,導入済み,900,/' data/ai_adoption_status.csv
t0=$(ms)
if wait_for out/site/index.html 'その他の市区町村は52%となり'; then
  ok "watch: a data edit reaches out/site/index.html ($(($(ms) - t0)) ms)"
else
  no "watch: a data edit reaches out/site/index.html" "$(cat watch.log watch.err)"
fi
cp out/site/index.html good.html
printf '\n本文 {{ nonsense | \n' >>templates/02-ai-adoption.md
check "watch: a broken template reports the error and keeps watching" wait_for watch.log 'build failed (exit 1)'
check "watch: the error names the template line" grep -q 'templates/02-ai-adoption.md:[0-9]*:[0-9]*: error' watch.err
check "watch: out/ unchanged after the failed build" cmp good.html out/site/index.html
touch templates/.hidden.swp templates/notes.md~
sleep 0.4
check "watch: hidden and backup files do not trigger a build" test "$(grep -c 'build failed' watch.log)" = 1
kill -INT "$WATCH_PID"
i=0
while kill -0 "$WATCH_PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
wait "$WATCH_PID"
rc=$?
WATCH_PID=
check "watch: SIGINT ends it with exit 0 (got $rc)" test "$rc" = 0
check "watch: says it stopped" grep -q 'stopped watching' watch.log
echo "  watch log:"
sed 's/^/    /' watch.log
"$SHIRYO" watch --data nonexistent >/dev/null 2>bad.err
rc=$?
check "watch: a missing directory is an error naming it (exit $rc)" sh -c "test $rc != 0 && grep -q nonexistent bad.err"

it_end
