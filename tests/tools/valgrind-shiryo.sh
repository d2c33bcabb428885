#!/bin/sh
# shiryo under valgrind, for `make memcheck`: runs SHIRYO_BIN with the
# arguments given.  A memory error or a leak of ours makes the exit status
# 9, which no bad case expects, so tests/integration/bad.sh counts it as a
# failure of that case.  The still-reachable blocks are glib's (through
# HarfBuzz) and are not counted.
exec valgrind --quiet --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
  "${SHIRYO_BIN:?SHIRYO_BIN names the shiryo binary}" "$@"
