#!/bin/sh
# The bad-input corpus: every tests/bad/*.case is a small project (the
# files of tests/bad/base/ with the case's files laid over them) run with
# the case's arguments.  Each case states the exit status and the message
# it must print; the earlier out/ must be byte-for-byte unchanged.
#
# Case format:
#   # what the case is about (any number of comment lines)
#   args: build --pdf            (arguments after `shiryo`; default: build)
#   status: 1                    (expected exit status)
#   expect: data/x.csv:3:5: error: …   (a line stderr must contain; repeatable)
#   expect-ja: data/x.csv:3:5: エラー: …  (the same in Japanese; repeatable)
#   --- data/x.csv               (a file of the project, to the next ---)
#   …contents…
#   --- delete templates/01-body.md    (removes a base file)
#   --- base64 data/x.csv        (a binary file, base64 lines to the next ---)
#   errors: 1                    (optional: exactly this many error lines,
#                                 for one root cause, one message)
#   check: skip REASON           (only where the error is about an option
#                                 that `check` does not take, such as -o)
#
# `check` is `build` without writing: every case run as `build` that fails
# with status 1 or 2 is run again as `check` with the same options, less
# those only a build takes (--pdf, --html, --pptx; a case with -o/--out DIR is
# not compared: the output folder is the build's alone); it must exit
# with the same status and print the same expected lines (for a usage
# error, status 2, the hint may differ: it names the command's options),
# and where the status is 1, exactly the same messages.
#
# Every case runs in two languages, in two copies of its project: under
# LC_ALL=C, where the `expect:` lines must be printed, and under
# LC_ALL=ja_JP.UTF-8 (LANGUAGE unset), where the `expect-ja:` lines must
# be, with the same exit status.  After the last case,
# tests/tools/ja_messages.py requires of every case the same positions, in
# the same order, in both languages, and Japanese text outside the quoted
# parts of every Japanese message and hint (an untranslated message fails).  The expect-ja lines of new cases are made by
#   BAD_KEEP=DIR sh tests/integration/bad.sh    (each case's stderr.en and
#                                                stderr.ja kept in DIR)
#   python3 tests/tools/bad_expect_ja.py DIR    (writes the missing lines)
# and then read: they are the reference.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin bad
# The arguments of `shiryo check` for a case's `build ARGS`: the options
# only a build takes (--pdf, --html, --pptx) are dropped; nothing when the case is
# not a build, or names the output folder (-o, --out: its errors are the
# build's alone, check writes nowhere).
check_args() {
  [ "${1:-}" = build ] || return 0
  shift
  out=check
  while [ $# -gt 0 ]; do
    case "$1" in
      --pdf | --html | --pptx) ;;
      -o | --out | --out=* | -o?*) return 0 ;;
      *) out="$out '$1'" ;;
    esac
    shift
  done
  printf '%s\n' "$out"
}
JA="env -u LANGUAGE LC_ALL=ja_JP.UTF-8"
for c in "$ROOT"/tests/bad/*.case; do
  name=$(basename "$c" .case)
  for w in "$T/$name.ja" "$T/$name"; do # the last is the English run's
    mkdir -p "$w"
    cp -r "$ROOT/tests/bad/base/." "$w/"
    # earlier outputs that must survive
    mkdir -p "$w/out/site"
    printf '%%PDF-1.4 earlier\n' >"$w/out/bad.pdf"
    printf '<!DOCTYPE html><title>earlier</title>\n' >"$w/out/site/index.html"
    (cd "$w/out" && find . -type f | sort | xargs md5sum) >"$w/before.md5"
    # lay the case's files over the base
    awk -v dir="$w" '
      /^--- delete / { system("rm -f \"" dir "/" $3 "\""); file = ""; next }
      /^--- base64 / { file = dir "/" $3 ".b64"; b64[file] = dir "/" $3
                       system("mkdir -p \"$(dirname \"" file "\")\""); printf "" > file; next }
      /^--- / { file = dir "/" $2; system("mkdir -p \"$(dirname \"" file "\")\""); printf "" > file; next }
      file != "" { print >> file }
      END { for (f in b64) { close(f); system("base64 -d \"" f "\" > \"" b64[f] "\" && rm \"" f "\"") } }
    ' "$c"
  done
  args=$(sed -n 's/^args: //p' "$c" | head -1)
  [ -n "$args" ] || args=build
  want=$(sed -n 's/^status: //p' "$c" | head -1)
  (cd "$w" && eval "LC_ALL=C \"$SHIRYO\" $args" >"$w/stdout" 2>"$w/stderr")
  got=$?
  (cd "$w.ja" && eval "$JA \"$SHIRYO\" $args" >"$w.ja/stdout" 2>"$w.ja/stderr")
  gotja=$?
  ok=1
  why=""
  if [ "$got" != "$want" ]; then ok=0; why="exit $got, expected $want"; fi
  if [ "$gotja" != "$want" ]; then ok=0; why="$why; in Japanese exit $gotja, expected $want"; fi
  sed -n 's/^expect-ja: //p' "$c" >"$w/expect-ja"
  if [ ! -s "$w/expect-ja" ]; then ok=0; why="$why; no expect-ja: lines"; fi
  while IFS= read -r line; do
    if ! grep -qF -- "$line" "$w.ja/stderr"; then
      ok=0; why="$why; missing in Japanese: $line"
    fi
  done <"$w/expect-ja"
  printf '%s\t%s\t%s\n' "$name" "$w/stderr" "$w.ja/stderr" >>"$T/ja-runs"
  if [ -n "${BAD_KEEP:-}" ]; then
    mkdir -p "$BAD_KEEP"
    cp "$w/stderr" "$BAD_KEEP/$name.en"
    cp "$w.ja/stderr" "$BAD_KEEP/$name.ja"
  fi
  sed -n 's/^expect: //p' "$c" >"$w/expect"
  while IFS= read -r line; do
    if ! grep -qF -- "$line" "$w/stderr"; then
      ok=0; why="$why; missing: $line"
    fi
  done <"$w/expect"
  nerr=$(sed -n 's/^errors: //p' "$c" | head -1)
  if [ -n "$nerr" ]; then
    gerr=$(grep -c 'error: ' "$w/stderr")
    [ "$gerr" = "$nerr" ] || { ok=0; why="$why; $gerr error lines, expected $nerr"; }
    gerr=$(grep -c 'エラー: ' "$w.ja/stderr")
    [ "$gerr" = "$nerr" ] || { ok=0; why="$why; $gerr Japanese error lines, expected $nerr"; }
  fi
  (cd "$w/out" && find . -type f | sort | xargs md5sum) >"$w/after.md5"
  if ! cmp -s "$w/before.md5" "$w/after.md5"; then ok=0; why="$why; out/ changed"; fi
  (cd "$w.ja/out" && find . -type f | sort | xargs md5sum) >"$w.ja/after.md5"
  if ! cmp -s "$w.ja/before.md5" "$w.ja/after.md5"; then ok=0; why="$why; out/ changed in Japanese"; fi
  # the same case as `check`: the same status and the same messages
  if [ "$ok" = 1 ] && [ "$want" = 1 -o "$want" = 2 ] &&
    ! grep -q '^check: skip' "$c"; then
    cargs=$(eval "check_args $args")
    if [ -n "$cargs" ]; then
      (cd "$w" && eval "LC_ALL=C \"$SHIRYO\" $cargs" >"$w/check.stdout" 2>"$w/check.stderr")
      cgot=$?
      if [ "$cgot" != "$want" ]; then ok=0; why="check exit $cgot, build $want"; fi
      # a usage error's hint names the options of its command
      while IFS= read -r line; do
        case "$want:$line" in "2:  hint: "*) continue ;; esac
        if ! grep -qF -- "$line" "$w/check.stderr"; then
          ok=0; why="$why; check is missing: $line"
        fi
      done <"$w/expect"
      if [ "$want" = 1 ] && ! cmp -s "$w/stderr" "$w/check.stderr"; then
        ok=0; why="$why; check and build print different messages"
        diff "$w/stderr" "$w/check.stderr" | sed 's/^/       diff: /' | head -8
      fi
      (cd "$w/out" && find . -type f | sort | xargs md5sum) >"$w/after.md5"
      if ! cmp -s "$w/before.md5" "$w/after.md5"; then ok=0; why="$why; check changed out/"; fi
    fi
  fi
  # SHOW=1 prints every case's messages, for writing new cases
  [ -n "${SHOW:-}" ] && sed 's/^/       | /' "$w/stderr"
  if [ "$ok" = 1 ]; then
    pass=$((pass + 1))
    echo "ok   - $name"
  else
    fail=$((fail + 1))
    echo "FAIL - $name: $why"
    sed 's/^/       stderr: /' "$w/stderr" | head -8
  fi
done
# every case's Japanese run against its English one (one Python run for
# all: it starts slowly)
if python3 "$ROOT/tests/tools/ja_messages.py" --list "$T/ja-runs" >"$T/ja.out"; then
  ok "in Japanese: every case's positions as in English, every message and hint Japanese"
else
  no "in Japanese: every case's positions as in English, every message and hint Japanese" "$(head -20 "$T/ja.out")"
fi
it_end
