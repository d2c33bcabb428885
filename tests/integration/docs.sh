#!/bin/sh
# The users' docs in Japanese (docs/ja/) kept in step with the English
# (README.md, docs/*.md but architecture.md): tests/tools/docs_check.py
# says what it compares.  In short, for each pair: each links the other in
# its first lines; the headings have the same levels in the same order (and
# the same section numbers); each section holds the same fenced blocks,
# byte for byte; every relative link leads to a file (and an anchor to a
# heading of it).  Every English user doc has its Japanese twin.
#
# Keeping them in step, as a writer: change both files of a pair in the same
# commit.  A new section is a heading in both, at the same place and level
# (headings are matched by position; a numbered one keeps its number in
# both).  A code block, a command or a quoted message is copied as it is:
# to write a twin from a draft, put a line @@CODE@@ where each block goes
# and run `python3 tests/tools/docs_check.py --fill docs/X.md DRAFT >
# docs/ja/X.md`.  A new user doc docs/X.md needs docs/ja/X.md (and the
# Makefile installs docs/ja/*.md without a change); a doc for developers
# only goes into ENGLISH_ONLY in docs_check.py.
#
# The checker is also run on copies of the docs broken on purpose (a
# section added to one language only, a code block changed, a twin missing,
# a broken link), each of which must fail.
# Prints "N passed, N failed"; exits non-zero on failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin docs
CHECK="python3 $ROOT/tests/tools/docs_check.py"

$CHECK "$ROOT" >"$T/root.out" 2>&1
rc=$?
grep -v '^0 problems$' "$T/root.out" | head -20 | sed 's/^/  /'
check "the Japanese docs are in step with the English" test "$rc" = 0
pairs=$(ls "$ROOT"/docs/ja/*.md | wc -l)
check "eight Japanese docs (README and seven guides)" test "$pairs" = 8

# A copy of the docs to break: README.md and docs/ (with docs/charts/).
copy() {
  rm -rf "$T/c" && mkdir -p "$T/c" && cp "$ROOT/README.md" "$T/c/" &&
    cp -R "$ROOT/docs" "$T/c/docs"
  # README's links outside docs/ lead to files the copy does not hold
  cp "$ROOT/LICENSE" "$T/c/" && mkdir -p "$T/c/bench" "$T/c/tests/pdfua" &&
    cp "$ROOT/bench/README.md" "$T/c/bench/" &&
    cp "$ROOT/tests/pdfua/README.md" "$T/c/tests/pdfua/"
}
fails() { # fails NAME EXPECTED-TEXT: the checker fails on the copy, saying so
  $CHECK "$T/c" >"$T/c.out" 2>&1
  rc=$?
  if [ "$rc" = 1 ] && grep -qF -- "$2" "$T/c.out"; then ok "$1"; else no "$1" "exit $rc: $(head -c 400 "$T/c.out")"; fi
}

copy
$CHECK "$T/c" >"$T/c.out" 2>&1
check "an untouched copy passes" test $? = 0

copy
printf '\n## Reviewing a revision\n\nMore text.\n' >>"$T/c/docs/edition.md"
fails "a section added to the English only fails" "has no Japanese twin"

copy
printf '\n## 改訂を確認する\n\n本文。\n' >>"$T/c/docs/ja/edition.md"
fails "a section added to the Japanese only fails" "has no English twin"

copy
sed -i 's/^## Command line$/## Command line\n\n### Options/' "$T/c/README.md"
printf '\n## 追加\n' >>"$T/c/docs/ja/README.md"
fails "a section added to each at different levels fails" "level"

copy
sed -i 's/^## 4\. Functions$/## 5. Functions/' "$T/c/docs/templates.md"
fails "a section renumbered in one language fails" "should start with the number"

copy
sed -i 's/^make install   /make install  # /' "$T/c/docs/ja/README.md"
fails "a command changed in a Japanese code block fails" "fenced block differs"

copy
sed -i '0,/^shiryo preview$/s//shiryo preview --port 8401/' "$T/c/docs/edition.md"
fails "a command changed in an English code block fails" "fenced block differs"

copy
rm "$T/c/docs/ja/pptx.md"
fails "a user doc without its Japanese twin fails" "missing (twin of"

copy
cp "$T/c/docs/pptx.md" "$T/c/docs/extra.md"
fails "a new user doc without a Japanese twin fails" "docs/ja/extra.md: missing"

copy
sed -i 's|(\.\./charts/pie\.svg)|(../charts/pies.svg)|' "$T/c/docs/ja/charts.md"
fails "a Japanese link to a missing file fails" "no file"

copy
sed -i 's|(data\.md#4-人が読むために作ったシート)|(data.md#4-人が読むシート)|' "$T/c/docs/ja/README.md"
fails "a Japanese link to a missing heading fails" "has no heading with the anchor"

copy
sed -i '/^\[English\]/d' "$T/c/docs/ja/site.md"
fails "a Japanese doc without its link to the English fails" "no link to its twin (../site.md)"

copy
sed -i '/^\[日本語\]/d' "$T/c/docs/layout.md"
fails "an English doc without its link to the Japanese fails" "no link to its twin (ja/layout.md)"

# The fill helper copies the English blocks in order, and refuses a draft
# with too few places for them.
printf '# x\n\n@@CODE@@\n' >"$T/draft.md"
$CHECK --fill "$ROOT/docs/edition.md" "$T/draft.md" >"$T/fill.out" 2>&1
check "--fill refuses a draft with fewer blocks than the English" test $? = 1
printf '# 次の版\n\n## 1\n## 2\n## 3\n\n@@CODE@@\n\n## 4\n\n@@CODE@@\n\n## 5\n\n@@CODE@@\n' >"$T/draft.md"
$CHECK --fill "$ROOT/docs/edition.md" "$T/draft.md" >"$T/fill.out" 2>&1
check "--fill puts the English blocks in place" sh -c "test $? = 0 && grep -qx 'shiryo diff HEAD --report changes.html' '$T/fill.out'"

it_end
