#!/bin/sh
# Builds the libFuzzer targets with ASan and UBSan and runs each for
# FUZZ_SECONDS (default 60) on its committed seed corpus, adding what it
# finds to a working corpus under build/fuzz/.  A crash, leak or timeout
# stops with a non-zero status and leaves the input in build/fuzz/.
#   FUZZ_SECONDS=600 sh tests/fuzz/run.sh [target…]
set -eu
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
OUT=build/fuzz
mkdir -p "$OUT"
CFLAGS="-std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L -DSHIRYO_VERSION=\"fuzz\" \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  $(pkg-config --cflags harfbuzz libcmark libutf8proc libzip expat xlsxwriter) $(for d in src/*/; do printf -- '-I%s ' "${d%/}"; done)"
LIBS="$(pkg-config --libs harfbuzz harfbuzz-subset libcmark libutf8proc libzip expat xlsxwriter) -lhpdf -lm"
SRC=$(ls src/*/*.c | grep -v '^src/app/main\.c$')
targets=${*:-"fuzz_csv fuzz_xlsx fuzz_schema fuzz_template fuzz_chart_spec fuzz_markdown_layout"}
for t in $targets; do
  echo "== $t: building"
  # shellcheck disable=SC2086
  $CC $CFLAGS -o "$OUT/$t" "tests/fuzz/$t.c" $SRC $LIBS
  mkdir -p "$OUT/corpus-$t"
  echo "== $t: ${SECONDS_EACH}s"
  rc=0
  "$OUT/$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$OUT/$t-" \
    "$OUT/corpus-$t" "tests/fuzz/corpus/$t" >"$OUT/$t.log" 2>&1 || rc=$?
  grep -E "^stat::|^#[0-9]+.*DONE|ERROR|SUMMARY" "$OUT/$t.log" | tail -12
  if [ "$rc" -ne 0 ]; then
    echo "== $t FAILED (status $rc): see $OUT/$t.log"
    exit 1
  fi
done
