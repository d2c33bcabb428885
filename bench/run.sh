#!/bin/sh
# Benchmarks of shiryo on the default deck, on generated scale variants
# and on the reference deck of the side-by-side comparison (bench/refdeck,
# 4, 31 and 301 slides).  Prints the machine, then one Markdown table row
# per case: median wall time, user+sys CPU time, peak RSS, pages and
# output sizes, then the fixed and per-slide cost of each scaled family
# and how its largest variant compares with that linear model.  Nothing here is a pass/fail
# test; see bench/README.md for the figures and what they mean.
#
#   sh bench/run.sh                  every case (a few minutes at most)
#   CASES="default ref" sh bench/run.sh   only some of: default ref x10 x100 million
#   RUNS=30 SHIRYO=/path/to/shiryo sh bench/run.sh
#
# Wall times come from hyperfine when it is installed (apt-get install
# hyperfine), else from a shell loop around GNU time; peak RSS always from
# GNU time (/usr/bin/time, apt-get install time).  Every case has a bounded
# number of runs: RUNS (default 20) for cases under 5 s, 3 for cases
# under 10 s, 1 beyond, and a case that has not finished after LIMIT
# seconds (default 300) prints "> LIMIT s".
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHIRYO=${SHIRYO:-$ROOT/build/shiryo}
case "$SHIRYO" in /*) ;; *) SHIRYO="$(pwd)/$SHIRYO" ;; esac
RUNS=${RUNS:-20}
LIMIT=${LIMIT:-300}
CASES=${CASES:-default ref x10 x100 million}
ROWS=${ROWS:-1000000}

if [ ! -x "$SHIRYO" ]; then
  echo "bench: $SHIRYO not found; run make first" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench: GNU time is needed for peak RSS: apt-get install time" >&2
  exit 2
fi
HYPERFINE=$(command -v hyperfine || true)

W=$(mktemp -d /tmp/shiryo-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT INT TERM

# A project directory with the default deck's inputs.
make_default() { # make_default DIR
  mkdir -p "$1"
  cp -r "$ROOT/data" "$ROOT/templates" "$1/"
}

# The default deck's content slides (every template after the cover)
# repeated n times: n copies of each template, in the same order.
make_scaled() { # make_scaled DIR N
  mkdir -p "$1/templates"
  cp -r "$ROOT/data" "$1/"
  first=1
  for t in "$ROOT"/templates/*.md; do
    if [ "$first" = 1 ]; then cp "$t" "$1/templates/"; first=0; continue; fi
    i=1
    while [ "$i" -le "$2" ]; do
      cp "$t" "$1/templates/$(basename "$t" .md)-$(printf %04d "$i").md"
      i=$((i + 1))
    done
  done
}

# The AI adoption table as individual survey answers: every row of the
# published table (year, org type, stage, count N) becomes N rows of count
# 1, one per municipality, and the table is filled up to ROWS rows with
# count-0 answers copied from its rows in turn (same year, org type,
# stage, status and source).  Every sum, share and chart is unchanged, so
# the slides are the default deck's, computed from a million-row table.
make_million() { # make_million DIR
  make_default "$1"
  awk -F, -v OFS=, -v want="$ROWS" '
    NR == 1 { print; next }
    { row[++n] = $0; cnt[n] = $4 }
    END {
      out = 0
      for (i = 1; i <= n; i++) {
        split(row[i], f, ",")
        k = cnt[i] + 0
        if (k == 0) { print row[i]; out++; continue }
        f[4] = 1
        line = f[1] OFS f[2] OFS f[3] OFS f[4] OFS f[5] OFS f[6]
        for (j = 0; j < k; j++) { print line; out++ }
      }
      i = 0
      while (out < want) {
        i = i % n + 1
        split(row[i], f, ",")
        f[4] = 0
        print f[1] OFS f[2] OFS f[3] OFS f[4] OFS f[5] OFS f[6]
        out++
      }
    }' "$ROOT/data/ai_adoption_status.csv" >"$1/data/ai_adoption_status.csv.new"
  mv "$1/data/ai_adoption_status.csv.new" "$1/data/ai_adoption_status.csv"
}

# One run under GNU time, bounded by LIMIT: sets probe_s (wall seconds)
# and rss_kb, or returns 1 (failed) / 2 (over the limit).
probe() { # probe DIR ARGS...
  dir=$1; shift
  t0=$(date +%s%N)
  set +e
  (cd "$dir" && timeout "$LIMIT" /usr/bin/time -f '%M' -o "$W/time.out" \
     "$SHIRYO" "$@" >"$W/probe.out" 2>&1)
  rc=$?
  set -e
  t1=$(date +%s%N)
  probe_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  [ "$rc" = 124 ] && return 2
  [ "$rc" = 0 ] || return 1
  rss_kb=$(tail -1 "$W/time.out")
  return 0
}

# Times runs of one command: sets med_ms and cpu_ms.
timing() { # timing DIR RUNS ARGS...
  dir=$1; n=$2; shift 2
  if [ -n "$HYPERFINE" ]; then
    warm=2
    [ "$n" -lt 10 ] && warm=0
    (cd "$dir" && "$HYPERFINE" -N -w "$warm" -r "$n" --export-json "$W/h.json" \
       "$SHIRYO $*" >/dev/null 2>&1)
    med_ms=$(awk -F'[:,]' '/"median"/ { printf "%.1f", $2 * 1000 }' "$W/h.json")
    cpu_ms=$(awk -F'[:,]' '/"user"/ { u = $2 } /"system"/ { s = $2 }
                 END { printf "%.1f", (u + s) * 1000 }' "$W/h.json")
  else
    : >"$W/runs"
    i=0
    while [ "$i" -lt "$n" ]; do
      t0=$(date +%s%N)
      (cd "$dir" && /usr/bin/time -f '%U %S' -o "$W/time.out" \
         "$SHIRYO" "$@" >/dev/null 2>&1)
      t1=$(date +%s%N)
      echo "$(( (t1 - t0) / 1000 )) $(cat "$W/time.out")" >>"$W/runs"
      i=$((i + 1))
    done
    med_ms=$(sort -n "$W/runs" | awk '{ w[NR] = $1 / 1000 }
      END { m = NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2
            printf "%.1f", m }')
    cpu_ms=$(awk '{ s += ($2 + $3) * 1000 } END { printf "%.1f", s / NR }' "$W/runs")
  fi
}

results=$W/results # name|median ms|cpu ms|pages|pdf bytes|site bytes

row() { # row KEY NAME DIR ARGS...
  key=$1; name=$2; dir=$3; shift 3
  rm -rf "$dir/out"
  if probe "$dir" "$@"; then :; else
    st=$?
    if [ "$st" = 2 ]; then
      printf '| %-40s | %9s | %11s | %7s | %5s | %9s | %10s |\n' "$name" \
        "> $LIMIT s" "" "" "" "" ""
    else
      printf '| %-40s | failed: %s\n' "$name" "$(head -c 200 "$W/probe.out" | tr '\n' ' ')"
    fi
    return 0
  fi
  n=$RUNS
  slow=$(awk -v s="$probe_s" 'BEGIN { print (s >= 10) ? 2 : (s >= 5) ? 1 : 0 }')
  [ "$slow" = 1 ] && [ "$n" -gt 3 ] && n=3
  [ "$slow" = 2 ] && n=1
  timing "$dir" "$n" "$@"
  pdf=$(stat -L -c %s "$dir"/out/*.pdf 2>/dev/null | head -1 || true)
  site=$(du -sb "$dir/out/site/" 2>/dev/null | cut -f1 || true)
  pages=$(pdfinfo "$dir"/out/*.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)
  rss=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
  printf '| %-40s | %9s | %11s | %7s | %5s | %9s | %10s |\n' "$name" \
    "$med_ms" "$cpu_ms" "$rss" "${pages:--}" "${pdf:--}" "${site:--}"
  echo "$key|$med_ms|$cpu_ms|${pages:-0}|${pdf:-0}|${site:-0}" >>"$results"
}

get() { # get KEY FIELD  (2 median ms, 3 cpu ms, 4 pages, 5 pdf, 6 site)
  awk -F'|' -v k="$1" -v f="$2" '$1 == k { print $f }' "$results"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), load average $load"
echo "shiryo: $("$SHIRYO" --version), $SHIRYO"
if [ -n "$HYPERFINE" ]; then how="hyperfine $("$HYPERFINE" --version | cut -d' ' -f2)"; else how="a shell loop and GNU time"; fi
echo "timing: $how, median of up to $RUNS runs; user+sys is the mean; RSS from one run"
echo
echo "| case                                     | median ms | user+sys ms | RSS MiB | pages | PDF bytes | site bytes |"
echo "|------------------------------------------|-----------|-------------|---------|-------|-----------|------------|"
: >"$results"
for c in $CASES; do
  case $c in
  default)
    make_default "$W/default"
    row da "default deck, PDF + HTML + PowerPoint" "$W/default" build
    row d "default deck, PDF + HTML" "$W/default" build --pdf --html
    row dp "default deck, PDF only" "$W/default" build --pdf
    row dh "default deck, HTML only" "$W/default" build --html
    row dc "default deck, check (no output)" "$W/default" check ;;
  x10)
    make_scaled "$W/x10" 10
    row x10 "content slides x10, PDF + HTML" "$W/x10" build --pdf --html
    rm -rf "$W/x10" ;;
  x100)
    make_scaled "$W/x100" 100
    row x100 "content slides x100, PDF + HTML" "$W/x100" build --pdf --html
    rm -rf "$W/x100" ;;
  ref)
    for n in 4 31 301; do
      sh "$ROOT/bench/refdeck/build.sh" --sources "$n" "$W/ref$n"
      row "ref$n" "reference deck, $n slides, PDF + HTML" "$W/ref$n" build --pdf --html
      rm -rf "$W/ref$n"
    done ;;
  million)
    make_million "$W/million"
    row mc "$ROWS-row table, check" "$W/million" check
    row mb "$ROWS-row table, PDF + HTML" "$W/million" build --pdf --html
    rm -rf "$W/million" ;;
  *) echo "bench: unknown case $c (default, ref, x10, x100, million)" >&2 ;;
  esac
done

# Linearity: a family's fixed cost f and cost per unit c from its two
# smaller variants (a units and b units), t = f + c x units; the largest
# (n units) should stay within 1.2 times f + n c.  The default deck's
# family counts copies of its content slides (1, 10, 100); the reference
# deck's counts slides (4, 31, 301).
linear() { # linear KEY_A KEY_B KEY_N A B N UNIT
  [ -n "$(get "$1" 2)" ] && [ -n "$(get "$2" 2)" ] && [ -n "$(get "$3" 2)" ] || return 0
  for f in 2:wall:ms 3:user+sys:ms 5:PDF:bytes; do
    i=${f%%:*}; rest=${f#*:}; what=${rest%%:*}; unit=${rest#*:}
    awk -v a="$(get "$1" "$i")" -v b="$(get "$2" "$i")" -v c="$(get "$3" "$i")" \
        -v na="$4" -v nb="$5" -v nn="$6" -v per_what="$7" -v k="$3" -v w="$what" -v u="$unit" '
      BEGIN { per = (b - a) / (nb - na); fix = a - na * per; pred = fix + nn * per
              printf "%s %s: fixed %.1f %s + %.2f %s per %s; %d %ss: %.0f measured, %.0f predicted, ratio %.2f (target <= 1.20)\n",
                     k, w, fix, u, per, u, per_what, nn, per_what, c, pred, c / pred }'
  done
}
echo
linear d x10 x100 1 10 100 copy
linear ref4 ref31 ref301 4 31 301 slide
