#!/bin/sh
# A build's outputs are one transaction (src/base/txn.h).  Builds of deck B
# over the outputs of deck A (B renames the deck, drops a chart and changes
# a number) are made to fail at the k-th write, rename, fsync, mkdir,
# open-for-writing, symlink and link, for every k until the build gets
# through (tests/tools/faultshim.c, preloaded), and are interrupted with
# SIGINT, SIGTERM and SIGKILL at random moments.  After each, what the output
# folder shows (checksums of every file reached through it, shiryo's
# .shiryo/ aside) must be exactly A or exactly B: A whenever the build
# failed, B whenever it succeeded; and the next build must succeed, show
# B and leave nothing of the failed one behind.  Files the user put in
# out/ and out/site/ survive every build.  Four concurrent builds into one
# folder end in one complete set.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin transaction
IT_QUIET_OK=1
SHIM="$(cd "$(dirname "$SHIRYO")" && pwd)/faultshim.so"
if [ ! -f "$SHIM" ]; then
  no "the fault library is built" "missing $SHIM (make $(dirname "$SHIRYO")/faultshim.so)"
  it_end
fi
# an ASan build's runtime must come first; the shim calls on through it
if ldd "$SHIRYO" 2>/dev/null | grep -q libasan; then
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
  export ASAN_OPTIONS
fi

# deck A: the bad-case base plus a second chart; deck B: renamed, that
# chart gone, one number changed
mkdeck() { # mkdeck DIR A|B
  rm -rf "$1" && mkdir -p "$1" && cp -r "$ROOT/tests/bad/base/." "$1/"
  if [ "$2" = A ]; then
    cat >"$1/templates/02-more.md" <<'EOF'
# 都道府県

```chart
type: bar
data: adoption
x: stage
value: count
filter: org_type = "都道府県" and year = "R6"
```
EOF
  else
    sed -i 's/^deck: bad$/deck: bad-b/' "$1/templates/00-cover.md"
    sed -i 's/^R6,都道府県,導入済み,47,/R6,都道府県,導入済み,46,/' "$1/data/adoption.csv"
  fi
}
# what the output folder shows: every file reached through it
shows() { (cd "$1" && find -L . -path ./.shiryo -prune -o -type f -print | LC_ALL=C sort | xargs md5sum); }
# a folder with nothing of a failed or killed build left: one generation,
# no temporary file, no swapped-out folder
tidy() {
  [ "$(ls -A "$1/.shiryo" | LC_ALL=C sort | tr '\n' ' ')" = "current $(basename "$(readlink "$1/.shiryo/current")") lock " ] &&
    ! find "$1" -name '*.tmp-*' -o -name '.shiryo-swap-*' | grep -q .
}
user_files() {
  echo "the user's" >"$1/keep.txt"
  echo "the user's too" >"$1/site/notes.txt"
}

cd "$T"
mkdeck A A
mkdeck B B
(cd A && "$SHIRYO" build >/dev/null 2>&1) || no "deck A builds"
(cd B && "$SHIRYO" build >/dev/null 2>&1) || no "deck B builds"
user_files A/out
user_files B/out
shows A/out >A.sum
shows B/out >B.sum
if cmp -s A.sum B.sum || [ ! -s A.sum ]; then no "decks A and B differ" "$(cat A.sum)"; fi
check "A has its second chart's data files" test -f A/out/site/data/s3-f1.csv -a -f A/out/site/data/s3-f1.xlsx
cp -a A/out A.out
# the outputs of an earlier version: real files and folders, no links,
# and no PowerPoint file or chart workbook (no version before the
# transactions wrote one)
mkdir L.out && cp -rL A/out/. L.out/ && rm -rf L.out/.shiryo &&
  rm -f L.out/*.pptx L.out/site/*.pptx L.out/site/data/*.xlsx

# restore FROM: B's project over a copy of A's outputs
restore() { rm -rf B/out && cp -a "$1" B/out; }
ASUM=A.sum
BSUM=B.sum
state() { # A (the earlier outputs) or B or "mixed"
  shows B/out >now.sum
  if cmp -s now.sum "$ASUM"; then echo A; elif cmp -s now.sum "$BSUM"; then echo B; else echo mixed; fi
}

# 1. the k-th call of each kind fails, for every k until the build succeeds
faults() { # faults FROM LABEL
  for kind in write rename fsync mkdir open symlink link; do
    k=1
    while :; do
      restore "$1"
      rm -f mark
      (cd B && SHIRYO_FAULT="$kind:$k" SHIRYO_FAULT_MARK="$T/mark" LD_PRELOAD="$SHIM" \
        "$SHIRYO" build >out.txt 2>err.txt)
      rc=$?
      s=$(state)
      fired=0
      [ -e mark ] && fired=1
      what="$2 $kind:$k"
      if [ "$rc" = 0 ] && [ "$s" = B ]; then ok "$what: succeeded, shows B"
      elif [ "$rc" != 0 ] && [ "$s" = A ]; then ok "$what: failed (exit $rc), shows A"
      else no "$what: exit $rc, shows $s" "$(head -3 B/err.txt)"; fi
      if grep -q 'Sanitizer\|runtime error' B/err.txt; then
        no "$what: no sanitizer report" "$(grep -m3 'Sanitizer\|runtime error' B/err.txt)"
      fi
      if [ "$rc" = 3 ] && ! grep -q 'error: .*: [A-Z][a-z]' B/err.txt; then
        no "$what: the exit 3 message says which failure" "$(head -2 B/err.txt)"
      fi
      (cd B && "$SHIRYO" build >/dev/null 2>err2.txt)
      rc2=$?
      if [ "$rc2" = 0 ] && [ "$(state)" = B ] && tidy B/out; then ok "$what: the next build cleans up"
      else no "$what: the next build (exit $rc2) shows $(state), tidy: $(tidy B/out && echo yes || echo no)" "$(ls -A B/out B/out/.shiryo | tr '\n' ' ')"; fi
      [ "$fired" = 1 ] || break
      k=$((k + 1))
      if [ "$k" -gt 400 ]; then no "$what: the build ends within 400 calls"; break; fi
    done
    echo "ok   - $2: every $kind failed in turn ($((k - 1)) of them), then none"
  done
}
faults A.out "after a build"
# an earlier version's PDF of the old deck name is not known to be
# shiryo's: it stays
(grep ' ./bad.pdf$' A.sum && cat B.sum) | LC_ALL=C sort -k2 >BL.sum
BSUM=BL.sum
shows L.out >L.sum
ASUM=L.sum
faults L.out "over an earlier version's outputs"
ASUM=A.sum
BSUM=B.sum

# 2. SIGINT, SIGTERM and SIGKILL at random moments
ms=$( (cd B && t0=$(date +%s%N) && "$SHIRYO" build >/dev/null 2>&1 && echo $((($(date +%s%N) - t0) / 1000000))) )
[ "${ms:-0}" -ge 1 ] 2>/dev/null || ms=50
for sig in INT TERM KILL; do
  tries=20
  [ "$sig" = TERM ] && tries=10
  i=1
  stopped=0
  while [ "$i" -le "$tries" ]; do
    restore A.out
    us=$(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % ((ms + 5) * 1000)))
    # a background job starts with SIGINT ignored, which shiryo keeps
    (cd B && exec env --default-signal=INT,TERM "$SHIRYO" build >/dev/null 2>err.txt) &
    pid=$!
    sleep "$(printf '0.%06d' "$us")"
    kill -s "$sig" "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    rc=$?
    s=$(state)
    what="SIG$sig after ${us} us"
    if [ "$rc" = 0 ] && [ "$s" = B ]; then ok "$what: finished first, shows B"
    elif [ "$rc" != 0 ] && { [ "$s" = A ] || { [ "$sig" = KILL ] && [ "$s" = B ]; }; }; then
      ok "$what: exit $rc, shows $s"
      stopped=$((stopped + 1))
    else no "$what: exit $rc, shows $s" "$(head -3 B/err.txt)"; fi
    if [ "$sig" != KILL ] && [ "$rc" != 0 ] && ! grep -q "stopped by SIG$sig; out is unchanged" B/err.txt &&
       [ -s B/err.txt ]; then
      no "$what: says it stopped" "$(head -2 B/err.txt)"
    fi
    (cd B && "$SHIRYO" build >/dev/null 2>&1)
    if [ "$(state)" = B ] && tidy B/out; then ok "$what: the next build cleans up"
    else no "$what: the next build cleans up" "$(ls -A B/out/.shiryo | tr '\n' ' ')"; fi
    i=$((i + 1))
  done
  echo "ok   - SIG$sig at $tries random moments of a ${ms} ms build ($stopped stopped it)"
done

# ... and a signal while the outputs are being written (the 3rd write,
# made to wait) always stops the build
for sig in INT TERM; do
  restore A.out
  rm -f mark
  (cd B && SHIRYO_FAULT=pause:3 SHIRYO_FAULT_MARK="$T/mark" LD_PRELOAD="$SHIM" \
    exec env --default-signal=INT,TERM "$SHIRYO" build >/dev/null 2>err.txt) &
  pid=$!
  n=0
  while [ ! -e mark ] && [ "$n" -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
  kill -s "$sig" "$pid"
  { wait "$pid"; } 2>/dev/null
  rc=$?
  code=130
  [ "$sig" = TERM ] && code=143
  gen=$(basename "$(readlink B/out/.shiryo/current)")
  if [ -e mark ] && [ "$rc" = "$code" ] && [ "$(state)" = A ] &&
     grep -q "stopped by SIG$sig; out is unchanged" B/err.txt &&
     [ "$(ls -A B/out/.shiryo | LC_ALL=C sort | tr '\n' ' ')" = "current $gen lock " ]; then
    ok "SIG$sig while writing: exit $rc, says so, shows A, its staging folder removed"
  else
    no "SIG$sig while writing: exit $rc, shows $(state)" "$(cat B/err.txt; ls -A B/out/.shiryo)"
  fi
done

# 3. four builds at once into one folder, two of each deck: one complete set
restore A.out
rm -rf shared && cp -a A.out shared
for p in A B A B; do (cd "$p" && "$SHIRYO" build -o "$T/shared" >/dev/null 2>&1; echo $? >>"$T/rcs") & done
wait
shows shared >now.sum
if { cmp -s now.sum A.sum || cmp -s now.sum B.sum; } && [ "$(sort -u rcs)" = 0 ] && tidy shared; then
  echo "ok   - four concurrent builds: each waited its turn, one complete set"; pass=$((pass + 1))
else
  no "four concurrent builds end in one complete set" "exits: $(tr '\n' ' ' <rcs)"
fi

# 4. what a build removes and keeps
restore A.out
(cd B && "$SHIRYO" build >/dev/null 2>&1)
check "renamed deck: the old PDF is gone" test ! -e B/out/bad.pdf -a ! -e B/out/site/bad.pdf
check "renamed deck: the new PDF is there" test -f B/out/bad-b.pdf -a -f B/out/site/bad-b.pdf
check "removed chart: its data files are gone" test ! -e B/out/site/data/s3-f1.csv -a ! -e B/out/site/data/s3-f1.xlsx
check "the user's file in out/ survives" grep -q "the user's" B/out/keep.txt
check "the user's file in out/site/ survives" grep -q "the user's too" B/out/site/notes.txt
(cd B && "$SHIRYO" build --html >/dev/null 2>&1)
check "--html keeps the PDF" test -f B/out/bad-b.pdf
it_end
