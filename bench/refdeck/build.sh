#!/bin/sh
# The reference deck of SPEC.md, with slides 2-4 repeated.
#
#   sh bench/refdeck/build.sh N OUTDIR            build it into OUTDIR
#   sh bench/refdeck/build.sh --sources N DIR     write DIR/data and
#                                                 DIR/templates only
#
# N is 4 (the deck as is), 31 (slides 2-4 ten times) or 301 (a hundred
# times).  A build writes the PDF (OUTDIR/refdeck.pdf) and the site
# (OUTDIR/site/) from the repeated templates, written to a scratch
# directory that is removed afterwards.  SHIRYO names the binary (default
# build/shiryo of this tree).  bench/run.sh times builds of the --sources
# directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
SHIRYO=${SHIRYO:-$root/build/shiryo}

usage() {
  echo "usage: build.sh 4|31|301 OUTDIR | build.sh --sources 4|31|301 DIR" >&2
  exit 2
}

# sources N DIR: the data as is; the cover once, then slides 2-4 in
# order, (N - 1) / 3 times (file names sort in slide order).
sources() {
  case $1 in
  4) reps=1 ;;
  31) reps=10 ;;
  301) reps=100 ;;
  *) echo "build.sh: N is 4, 31 or 301, not $1" >&2; exit 2 ;;
  esac
  rm -rf "$2/data" "$2/templates"
  mkdir -p "$2/data" "$2/templates"
  cp "$here"/data/* "$2/data/"
  cp "$here/templates/00-cover.md" "$2/templates/"
  i=1
  while [ "$i" -le "$reps" ]; do
    for t in "$here"/templates/0[1-9]-*.md; do
      cp "$t" "$2/templates/r$(printf %03d "$i")-$(basename "$t")"
    done
    i=$((i + 1))
  done
}

if [ "${1:-}" = --sources ]; then
  [ $# -eq 3 ] || usage
  sources "$2" "$3"
  exit 0
fi
[ $# -eq 2 ] || usage
scratch=$(mktemp -d "${TMPDIR:-/tmp}/refdeck.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
sources "$1" "$scratch"
mkdir -p "$2"
"$SHIRYO" build --pdf --html --data "$scratch/data" \
  --templates "$scratch/templates" -o "$2"
