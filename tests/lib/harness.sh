# The integration scripts' common start and end; sourced, never run.
#
#   . "$(dirname "$0")/../lib/harness.sh"
#   it_begin NAME        LANGUAGE=en (English messages, whatever the
#                        locale), SHIRYO made absolute (default ./build/shiryo),
#                        ROOT the project (the current directory), T a
#                        fresh temporary folder removed at exit (after
#                        the script's it_cleanup hook, if it defines one)
#   ok NAME / no NAME [DETAIL] / check NAME COMMAND...
#                        count a pass or a failure; check runs COMMAND
#                        and shows the start of its output on failure
#   it_end               holds every PDF shiryo built under T to PDF/UA-1
#                        (pdfua_sweep), then prints "N passed, N failed"
#                        and exits 1 on any failure (the runners read
#                        that line)
#
# IT_QUIET_OK=1 before it_begin: passes are counted, not printed.

it_begin() {
  # The scripts match shiryo's English messages, so it speaks English here
  # whatever the caller's locale (CI runs the suite under
  # LC_ALL=de_DE.UTF-8; a developer may have ja_JP.UTF-8): gettext's
  # LANGUAGE wins over LC_ALL, LC_MESSAGES and LANG, and there is no "en"
  # catalogue.  A script about another language sets its own.
  export LANGUAGE=en
  SHIRYO=${SHIRYO:-./build/shiryo}
  case "$SHIRYO" in /*) ;; *) SHIRYO="$(pwd)/$SHIRYO" ;; esac
  ROOT=$(pwd)
  T=$(mktemp -d "/tmp/shiryo-$1.XXXXXX")
  trap 'it_exit' EXIT
  pass=0
  fail=0
}

it_exit() {
  command -v it_cleanup >/dev/null 2>&1 && it_cleanup
  rm -rf "$T"
}

ok() {
  pass=$((pass + 1))
  [ -n "${IT_QUIET_OK:-}" ] || echo "ok   - $1"
}

no() {
  fail=$((fail + 1))
  echo "FAIL - $1"
  [ $# -gt 1 ] && printf '       %s\n' "$2"
  return 0
}

check() { # check NAME COMMAND...
  name=$1
  shift
  if "$@" >"$T/last.out" 2>&1; then ok "$name"; else no "$name" "$(head -c 600 "$T/last.out")"; fi
}

# Every PDF under T whose Creator is shiryo (so not LibreOffice's
# renderings, nor the stand-ins of earlier outputs) through the PDF/UA-1
# checker (tests/pdfua/check.py) in one run: one pass, or one failure
# with the checker's first lines.  A script that makes broken PDFs on
# purpose sets IT_NO_PDFUA_SWEEP=1.
pdfua_sweep() {
  [ -z "${IT_NO_PDFUA_SWEEP:-}" ] && [ -d "$T" ] || return 0
  find "$T" -name '*.pdf' -type f 2>/dev/null | sort | while IFS= read -r f; do
    pdfinfo "$f" 2>/dev/null | grep -q '^Creator: *shiryo' && printf '%s\n' "$f"
  done >"$T/.pdfua-list"
  n=$(wc -l <"$T/.pdfua-list")
  [ "$n" -gt 0 ] || return 0
  [ "$n" -eq 1 ] && n="the 1 PDF built here passes" || n="the $n PDFs built here pass"
  if out=$(tr '\n' '\0' <"$T/.pdfua-list" |
    xargs -0 /usr/bin/python3 "$ROOT/tests/pdfua/check.py" --quiet 2>&1); then
    ok "PDF/UA-1: $n tests/pdfua/check.py"
  else
    no "PDF/UA-1: $n tests/pdfua/check.py" \
      "$(printf '%s\n' "$out" | head -5)"
  fi
}

it_end() {
  pdfua_sweep
  echo
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
  exit
}
