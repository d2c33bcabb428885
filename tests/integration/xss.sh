#!/bin/sh
# The XSS corpus (tests/site/xss/): the deck builds, the PDF shows the
# hostile strings as text, and the site runs none of them in headless
# Chromium (tests/site/xss.mjs).  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin xss

if "$SHIRYO" build --data "$ROOT/tests/site/xss/data" \
     --templates "$ROOT/tests/site/xss/templates" -o "$T/out" >"$T/build.log" 2>&1; then
  ok "the XSS corpus deck builds"
else
  no "the XSS corpus deck builds"; sed 's/^/       /' "$T/build.log"
fi
pdftotext "$T/out/xss.pdf" "$T/xss.txt" 2>/dev/null
if grep -qF "<script>alert('csv')</script>" "$T/xss.txt"; then
  ok "the PDF shows data markup as text"
else
  no "the PDF shows data markup as text"
fi
node "$ROOT/tests/site/xss.mjs" "$T/out/site" >"$T/node.out" 2>&1
rc=$?
sed 's/^/  /' "$T/node.out"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$T/node.out" | tail -1)
if [ -n "$line" ]; then
  pass=$((pass + ${line%% passed*}))
  nf=${line#*passed, }
  fail=$((fail + ${nf%% failed}))
fi
[ -n "$line" ] && [ "$rc" -eq 0 -o "${nf%% failed}" -gt 0 ] || no "tests/site/xss.mjs ran to its summary (exit $rc)"
it_end
