#!/bin/sh
# Pathological inputs: each must finish or fail cleanly (exit 0 or 1 with
# a message, never a crash, a hang or runaway memory).  Every run is
# bounded: 120 s of wall time and 2 GiB of address space.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin patho
# sanitizers reserve far more address space than they use
case "$SHIRYO" in */san/*) VLIMIT=unlimited ;; *) VLIMIT=2097152 ;; esac

# run NAME ALLOWED-STATUSES ARGS...: in a fresh copy of tests/bad/base
# with the files the caller put in $T/NAME.in laid over it
run() {
  name=$1; allowed=$2; shift 2
  w="$T/$name"
  mkdir -p "$w"
  cp -r "$ROOT/tests/bad/base/." "$w/"
  [ -d "$T/$name.in" ] && cp -r "$T/$name.in/." "$w/"
  start=$(date +%s)
  (cd "$w" && ulimit -v "$VLIMIT" && timeout 120 "$SHIRYO" "$@" >out.txt 2>err.txt)
  rc=$?
  secs=$(( $(date +%s) - start ))
  case " $allowed " in
    *" $rc "*)
      if [ "$rc" -ne 0 ] && ! grep -q "error:" "$w/err.txt"; then
        fail=$((fail + 1)); echo "FAIL - $name: exit $rc without an error message"
      else
        pass=$((pass + 1)); echo "ok   - $name (exit $rc, ${secs}s)"
      fi ;;
    *)
      fail=$((fail + 1))
      echo "FAIL - $name: exit $rc (allowed: $allowed) after ${secs}s"
      head -3 "$w/err.txt" | sed 's/^/       /' ;;
  esac
}

mk() { mkdir -p "$T/$1.in/$(dirname "$2")"; cat >"$T/$1.in/$2"; }

# a 10,000-character unbroken Japanese paragraph: set, or an overflow error
python3 -c "
import random; random.seed(7)
k='あいうえおかきくけこさしすせそ資料導入状況調査団体、。「」'
print('# 長い段落\n\n' + ''.join(random.choice(k) for _ in range(10000)))" |
  mk long-paragraph templates/02-long.md
run long-paragraph "0 1" build

# a CSV of 1,000,000 rows aggregated by the same template
python3 -c "
import sys
w = sys.stdout.write
w('year,org_type,stage,count,status,source\n')
for i in range(250000):
    w('R5,都道府県,導入済み,0,確報,T\nR5,都道府県,未導入,0,確報,T\nR6,都道府県,導入済み,0,確報,T\nR6,都道府県,未導入,0,確報,T\n')" |
  mk million-rows data/adoption.csv
run million-rows "0 1" check

# a template with 10,000 slides
python3 -c "
for i in range(10000):
    print('# スライド%d\n\n- 導入済みは{{ sum(adoption where year = latest and stage = \"導入済み\", \"count\") }}団体。\n' % i)" |
  mk ten-thousand-slides templates/02-many.md
run ten-thousand-slides "0 1" build --pdf

# deeply nested blocks, expressions, quotes and lists
python3 -c "print('# 入れ子\n\n' + '{{ if 1 }}' * 100000 + 'x' + '{{ end }}' * 100000)" |
  mk nested-blocks templates/02-nest.md
run nested-blocks "1" check
python3 -c "print('# 入れ子\n\n{{ ' + '(' * 100000 + '1' + ')' * 100000 + ' }}')" |
  mk nested-parens templates/02-nest.md
run nested-parens "1" check
python3 -c "print('# 引用\n\n' + '> ' * 100000 + '深い')" |
  mk nested-quotes templates/02-nest.md
run nested-quotes "0 1" check
python3 -c "print('# リスト\n\n' + ''.join('  ' * i + '- 項目\n' for i in range(5000)))" |
  mk nested-lists templates/02-nest.md
run nested-lists "0 1" check

# a 10 MB single CSV field
python3 -c "
print('year,org_type,stage,count,status,source')
print('R6,都道府県,導入済み,47,確報,\"' + 'x' * 10000000 + '\"')
print('R6,都道府県,未導入,0,確報,T')" |
  mk huge-field data/adoption.csv
run huge-field "0 1" check

# a 10 MB single line of template text
python3 -c "print('# 一行\n\n' + '資料' * 2500000)" | mk huge-line templates/02-line.md
run huge-line "0 1" check

# the disk fills up while the site is written (a file-size limit stands in
# for a full disk): exit 3, the file named, the earlier outputs unchanged,
# no temporary file left behind
w="$T/disk-full"
mkdir -p "$w"
cp -r "$ROOT/data" "$ROOT/templates" "$w/"
(cd "$w" && "$SHIRYO" build >/dev/null 2>&1)
(cd "$w/out" && find . -type f | sort | xargs md5sum) >"$T/before.md5"
(cd "$w" && trap '' XFSZ && ulimit -f 200 && "$SHIRYO" build --html >/dev/null 2>"$T/full.err")
rc=$?
(cd "$w/out" && find . -type f | sort | xargs md5sum) >"$T/after.md5"
if [ "$rc" = 3 ] && grep -q "out/site/[a-z0-9.-]*: error: cannot write" "$T/full.err" &&
   cmp -s "$T/before.md5" "$T/after.md5" && ! find "$w/out" -name '*.tmp-*' | grep -q .; then
  pass=$((pass + 1)); echo "ok   - disk-full (exit 3, earlier output intact)"
else
  fail=$((fail + 1)); echo "FAIL - disk-full: exit $rc"; head -3 "$T/full.err" | sed 's/^/       /'
fi

it_end
