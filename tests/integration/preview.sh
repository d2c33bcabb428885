#!/bin/sh
# `shiryo preview`: the watch loop with the site served on 127.0.0.1 only,
# driven in headless Chromium by tests/site/preview.mjs (an edit reloads
# the page; a bad edit shows its message in the page; the server refuses
# other addresses), plus the server's answers to paths outside the site.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin preview
PID=
it_cleanup() {
  [ -n "$PID" ] && kill -INT "$PID" 2>/dev/null && sleep 1
  return 0
}
cp -r "$ROOT/data" "$ROOT/templates" "$T/"
cd "$T"
"$SHIRYO" preview --port 0 >out.txt 2>err.txt &
PID=$!
port=
for _ in $(seq 1 100); do
  port=$(grep -o '127.0.0.1:[0-9]*' out.txt 2>/dev/null | cut -d: -f2)
  [ -n "$port" ] && grep -q 'built out' out.txt && break
  sleep 0.1
done
if [ -n "$port" ]; then ok "preview serves at 127.0.0.1:$port after the first build"; else no "preview serves" "$(cat out.txt err.txt | head -c 400)"; fi
if command -v ss >/dev/null 2>&1; then
  if ss -ltn | grep -q "127.0.0.1:$port "; then ok "it listens on 127.0.0.1 only"; else no "it listens on 127.0.0.1 only" "$(ss -ltn | grep ":$port ")"; fi
fi
code() { curl -s --path-as-is -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1"; }
[ "$(code /)" = 200 ] && ok "/ is the site" || no "/ is the site"
[ "$(code /ai-rpa-r7-0630.pdf)" = 200 ] && ok "the PDF is served" || no "the PDF is served"
for p in /../data/ai_joint_use.csv /%2e%2e/data/ai_joint_use.csv /.shiryo/ /nosuch.html; do
  [ "$(code "$p")" = 404 ] && ok "$p: 404" || no "$p: 404" "$(code "$p")"
done
if [ -d "$ROOT/tests/site/node_modules" ]; then
  if (cd "$ROOT/tests/site" && node preview.mjs "$port" "$T") >node.out 2>&1; then
    ok "in Chromium: $(grep -c '^ok' node.out) checks"
    grep '^#' node.out
  else
    no "in Chromium" "$(grep -v '^ok' node.out | head -c 900)"
  fi
else
  no "the browser checks ran (tests/site/node_modules is missing: run make test)"
fi
kill -INT "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
st=$?
PID=
[ "$st" = 0 ] && ok "Ctrl+C stops it with exit 0" || no "Ctrl+C stops it with exit 0" "status $st"
sleep 0.3
if ss -ltn 2>/dev/null | grep -q "127.0.0.1:$port "; then no "the server is gone"; else ok "the server is gone"; fi
it_end
