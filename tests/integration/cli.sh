#!/bin/sh
# The command line as a user meets it: per-command help, "did you mean"
# for commands, options and values, --version with the libraries'
# versions, the manual page and the bash completion against the help, an
# install under a DESTDIR (its file list, `shiryo init` of both decks and a
# build of each from an empty folder, the message where there is no deck,
# uninstall).  Prints "N passed, N failed"; exits non-zero on failure.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin cli
run() { # run ARGS...: stdout to $T/o, stderr to $T/e, status in $rc
  "$SHIRYO" "$@" >"$T/o" 2>"$T/e"
  rc=$?
}

COMMANDS="build check watch preview init diff help"

# ---- help ---------------------------------------------------------------
for c in $COMMANDS; do
  run "$c" --help
  check "$c --help exits 0" test "$rc" = 0
  if [ "$c" = help ]; then
    check "help --help is the overview" grep -qF 'shiryo help [COMMAND] | COMMAND --help | --version' "$T/o"
  else
    check "$c --help starts with its usage" sh -c "head -1 '$T/o' | grep -q '^usage: shiryo $c'"
  fi
  check "$c --help writes nothing to stderr" test ! -s "$T/e"
  cp "$T/o" "$T/help-$c"
  if [ "$c" != help ]; then
    run help "$c"
    check "help $c is $c --help" cmp -s "$T/o" "$T/help-$c"
  fi
done
run --help
check "--help exits 0 and lists every command" sh -c "test $rc = 0 && for c in $COMMANDS; do grep -q \"^  \$c \" '$T/o' || exit 1; done"

# ---- misspellings -------------------------------------------------------
run biuld
check "biuld: exit 2" test "$rc" = 2
check "biuld: did you mean build" sh -c "grep -qxF 'shiryo: unknown command \"biuld\"' '$T/e' && grep -qxF '  hint: did you mean \"build\"?' '$T/e'"
run chekc
check "chekc: did you mean check" grep -qF 'did you mean "check"?' "$T/e"
run build --pfd
check "build --pfd: exit 2, did you mean --pdf" sh -c "test $rc = 2 && grep -qF 'unknown option \"--pfd\"' '$T/e' && grep -qxF '  hint: did you mean \"--pdf\"?' '$T/e'"
check "build --pfd: the usage of build follows" grep -q '^usage: shiryo build' "$T/e"
run build --tempaltes x
check "build --tempaltes: did you mean --templates" grep -qF 'did you mean "--templates"?' "$T/e"
run check --pdf
check "check --pdf: not an option of check" sh -c "test $rc = 2 && grep -qF -- '--pdf is not an option of \`shiryo check\`' '$T/e'"
run build --page a5
check "--page a5: did you mean a4" sh -c "grep -qxF 'shiryo: unknown page size \"a5\" (expected a4 or 16:9)' '$T/e' && grep -qxF '  hint: did you mean \"a4\"?' '$T/e'"
run build --encoding cp923
check "--encoding cp923: did you mean cp932" sh -c "grep -qxF 'shiryo: unknown encoding \"cp923\" (expected auto, utf-8 or cp932)' '$T/e' && grep -qxF '  hint: did you mean \"cp932\"?' '$T/e'"
run build --page=16:9 --pdf=yes
check "--pdf=yes: a flag takes no value" grep -qF -- '--pdf takes no value' "$T/e"
run init
check "init without a folder: exit 2" sh -c "test $rc = 2 && grep -qF 'init needs the folder' '$T/e'"
run help biuld
check "help biuld: did you mean build" grep -qF 'no help on "biuld"' "$T/e"

# ---- --version ----------------------------------------------------------
run --version
check "--version exits 0" test "$rc" = 0
check "--version: first line is shiryo VERSION" sh -c "head -1 '$T/o' | grep -Eq '^shiryo [0-9]+\.[0-9]+\.[0-9]+$'"
# the versions Debian installed (utf8proc's pkg-config file names an older
# version than the library it comes with, so dpkg is asked, not pkg-config)
for pair in "libharu libhpdf-dev" "HarfBuzz libharfbuzz-dev" "cmark libcmark-dev" "utf8proc libutf8proc-dev"; do
  set -- $pair
  v=$(dpkg-query -W -f='${Version}' "$2" 2>/dev/null | sed 's/[+-].*//')
  check "--version names $1 $v (Debian's $2)" sh -c "test -n '$v' && grep -qF '$1 $v' '$T/o'"
done

# ---- the manual page ----------------------------------------------------
MAN="$ROOT/docs/shiryo.1"
LC_ALL=C.UTF-8 preconv "$MAN" | groff -ww -man -Tutf8 -z >"$T/groff.out" 2>&1
check "groff -ww formats shiryo.1 with no warning" test ! -s "$T/groff.out"
if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$MAN" >"$T/man.txt" 2>"$T/man.err"
  check "man --warnings shows shiryo.1 with no warning" sh -c "test -s '$T/man.txt' && test ! -s '$T/man.err'"
else
  no "man is installed (man-db, from make test's set-up)"
fi
# every option and command of the help is in the page (roff writes - as \-)
for c in build check watch preview init diff; do
  for o in $(grep -Eo '^  (-[a-z], )?--[a-z-]+' "$T/help-$c" | sed 's/,//' ); do
    esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    check "shiryo.1 documents $o" grep -q -- "$esc" "$MAN"
  done
  check "shiryo.1 documents the command $c" grep -q "^\.B $c\$\|^\.BI $c \|^\.B $c " "$MAN"
done
for s in 0 1 2 3; do
  check "shiryo.1 documents exit status $s" sh -c "grep -A1 '^\.TP' '$MAN' | grep -qx '\.B $s'"
done

# ---- bash completion ----------------------------------------------------
COMP="$ROOT/tools/shiryo.bash-completion"
complete_words() { # complete_words WORD...: what completion offers for the last word
  bash -c '
    source "$0"
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _shiryo
    printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' "$COMP" "$@"
}
check "completion: bash parses it" bash -n "$COMP"
complete_words shiryo '' >"$T/got"
printf '%s\n' $COMMANDS --help --version | LC_ALL=C sort >"$T/want"
check "completion: the commands" cmp -s "$T/got" "$T/want"
for c in build check watch preview init diff; do
  complete_words shiryo "$c" -- >"$T/got"
  # the options of the help, with the one-letter spellings completion also offers
  grep -Eo '^  (-[a-z], )?--[a-z-]+' "$T/help-$c" | tr -d ',' | tr ' ' '\n' | grep -- '^--' | LC_ALL=C sort >"$T/want"
  check "completion: the long options of $c are those of its help" cmp -s "$T/got" "$T/want"
done
complete_words shiryo build --page '' >"$T/got"
printf 'a4\n16:9\n' | LC_ALL=C sort >"$T/want"
check "completion: --page values" cmp -s "$T/got" "$T/want"
complete_words shiryo check --encoding '' >"$T/got"
printf 'auto\nutf-8\ncp932\n' | LC_ALL=C sort >"$T/want"
check "completion: --encoding values" cmp -s "$T/got" "$T/want"
grep -q 'a4|16:9' "$T/help-build" && grep -q 'auto|utf-8|cp932' "$T/help-build"
check "completion values are those the help lists" test $? = 0

# ---- install, init, build from an empty folder, uninstall ---------------
D="$T/dest"
make -s -C "$ROOT" install DESTDIR="$D" PREFIX=/opt/shiryo >"$T/install.out" 2>&1
check "make install DESTDIR PREFIX exits 0" test $? = 0
(cd "$D/opt/shiryo" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$T/files"
if cmp -s "$T/files" "$ROOT/tests/install-files.txt"; then
  ok "the installed files are those of tests/install-files.txt"
else
  no "the installed files are those of tests/install-files.txt" "$(diff "$ROOT/tests/install-files.txt" "$T/files" | head -10)"
fi
check "the installed binary is executable" test -x "$D/opt/shiryo/bin/shiryo"
check "the example deck is installed whole" sh -c "cd '$ROOT' && for f in data/*.csv templates/*.md; do cmp -s \"\$f\" '$D/opt/shiryo/share/shiryo/example/'\"\$f\" || exit 1; done"
I="$D/opt/shiryo/bin/shiryo"
mkdir "$T/empty"
(cd "$T/empty" && "$I" build) >"$T/o" 2>"$T/e"
rc=$?
check "no deck here: exit 1" test "$rc" = 1
check "no deck here: says so and points at shiryo init" sh -c "grep -qF 'no deck here' '$T/e' && grep -qF 'shiryo init DIR' '$T/e'"
check "no deck here: nothing written" test -z "$(ls -A "$T/empty")"
(cd "$T/empty" && "$I" check --templates nowhere) >"$T/o" 2>"$T/e"
check "a missing folder named on the command line is named" grep -qF 'nowhere: error: cannot read' "$T/e"

(cd "$T" && "$I" init mydeck) >"$T/o" 2>"$T/e"
check "init mydeck (starter) exits 0" test $? = 0
check "init lists the files it wrote" grep -q 'templates/01-online.md' "$T/o"
(cd "$T/mydeck" && "$I" build) >"$T/o" 2>"$T/e"
check "the starter deck builds from its folder" test $? = 0
check "the starter deck: a 2-page PDF" sh -c "pdfinfo '$T/mydeck/out/my-deck.pdf' | grep -Eq '^Pages: +2$'"
check "the starter deck: a site" test -s "$T/mydeck/out/site/index.html"
check "the starter deck marks its made-up figures 〔仮〕" sh -c "pdftotext -f 2 -l 2 '$T/mydeck/out/my-deck.pdf' - | grep -q '1,292〔仮〕団体'"
(cd "$T/mydeck" && find . -path ./out -prune -o -type f -print | LC_ALL=C sort | xargs md5sum) >"$T/before"
(cd "$T" && "$I" init mydeck) >"$T/o" 2>"$T/e"
rc=$?
check "init over an existing deck: exit 1" test "$rc" = 1
check "init over an existing deck: names the file in the way" grep -qF 'mydeck/templates/00-cover.md: error: exists already; not overwritten' "$T/e"
(cd "$T/mydeck" && find . -path ./out -prune -o -type f -print | LC_ALL=C sort | xargs md5sum) >"$T/after"
check "init over an existing deck: nothing changed" cmp -s "$T/before" "$T/after"

(cd "$T" && "$I" init --example full) >"$T/o" 2>"$T/e"
check "init --example exits 0" test $? = 0
(cd "$T/full" && "$I" build --pdf) >"$T/o" 2>"$T/e"
check "the example deck builds from its folder: 24 pages" sh -c "pdfinfo '$T/full/out/ai-rpa-r7-0630.pdf' | grep -Eq '^Pages: +24$'"
SHIRYO_DATADIR="$T/nowhere" "$SHIRYO" init "$T/x" >"$T/o" 2>"$T/e"
rc=$?
check "init with no installed decks: exit 3, says where it looked" sh -c "test $rc = 3 && grep -qF '$T/nowhere/starter' '$T/e'"

make -s -C "$ROOT" uninstall DESTDIR="$D" PREFIX=/opt/shiryo >/dev/null 2>&1
check "make uninstall removes every file" test -z "$(find "$D" -type f)"

it_end
