#!/bin/sh
# The messages in Japanese (GNU gettext, docs/architecture.md "Messages in
# Japanese"): the catalogue po/ja.po is complete for the sources as they
# are (a template made from them now, by the Makefile's xgettext options),
# with nothing untranslated, fuzzy or stale and msgfmt -c content; a
# catalogue with an untranslated entry or a missing one fails the same
# check (the check's own test).  Then the language chosen: Japanese for
# ja_* in LC_ALL, else LC_MESSAGES, else LANG, and by LANGUAGE as gettext
# honours it, even where the ja_JP locale is not generated; English for C,
# POSIX and any other locale, the C library's words (strerror) included.
# The bad-input corpus runs in both languages (bad.sh).
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin i18n
# this script chooses the language itself
unset LANGUAGE LC_ALL LC_MESSAGES LANG

make -s --no-print-directory pot POT="$T/shiryo.pot" >"$T/pot.log" 2>&1 ||
  no "make pot makes a template" "$(head -5 "$T/pot.log")"

# catalogue_ok PO POT: every msgid of POT translated in PO (not fuzzy, not
# empty), no msgid of PO that POT lacks, and msgfmt -c without a word.
catalogue_ok() {
  msgcmp -N "$1" "$2" >"$T/cmp.out" 2>&1 || { cat "$T/cmp.out"; return 1; }
  msgcmp -N --use-untranslated --use-fuzzy "$2" "$1" >"$T/cmp.out" 2>&1 ||
    { echo "stale entries:"; cat "$T/cmp.out"; return 1; }
  msgfmt -c --statistics -o /dev/null "$1" >"$T/fmt.out" 2>&1 ||
    { cat "$T/fmt.out"; return 1; }
  if grep -q 'untranslated\|fuzzy\|warning' "$T/fmt.out"; then
    cat "$T/fmt.out"
    return 1
  fi
}
check "po/ja.po translates every message of the sources, and only those" \
  catalogue_ok "$ROOT/po/ja.po" "$T/shiryo.pot"
check "po/shiryo.pot is up to date (make pot)" \
  sh -c 'msgcmp -N --use-untranslated "$1" "$2" && msgcmp -N --use-untranslated "$2" "$1"' \
  sh "$ROOT/po/shiryo.pot" "$T/shiryo.pot"
n=$(msgfmt --statistics -o /dev/null "$ROOT/po/ja.po" 2>&1 | sed -n 's/^\([0-9]*\) translated.*/\1/p')
check "po/ja.po has the messages ($n translated)" test "${n:-0}" -gt 500

# the check's own test: an entry left untranslated, one missing, one
# emptied
not() { ! "$@"; }
cp "$ROOT/po/ja.po" "$T/untranslated.po"
printf '\nmsgid "a message nobody translated"\nmsgstr ""\n' >>"$T/untranslated.po"
cp "$T/shiryo.pot" "$T/more.pot"
printf '\nmsgid "a message nobody translated"\nmsgstr ""\n' >>"$T/more.pot"
check "a catalogue with an untranslated entry fails the check" \
  not catalogue_ok "$T/untranslated.po" "$T/more.pot"
check "a catalogue without a message of the sources fails the check" \
  not catalogue_ok "$ROOT/po/ja.po" "$T/more.pot"
sed '0,/^msgstr "エラー"$/s//msgstr ""/' "$ROOT/po/ja.po" >"$T/emptied.po"
check "a catalogue with one translation emptied fails the check" \
  sh -c '! cmp -s "$1" "$2"' sh "$T/emptied.po" "$ROOT/po/ja.po"
check "  (the same)" not catalogue_ok "$T/emptied.po" "$T/shiryo.pot"

# The language.  run ENV... -- ARGS: shiryo's stderr and stdout, in that
# environment only (every locale variable unset first).
run() {
  envs=""
  while [ "$1" != -- ]; do envs="$envs $1"; shift; done
  shift
  (cd "$T" && env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG $envs "$SHIRYO" "$@") >"$T/run.out" 2>&1
}
has() { grep -qF -- "$1" "$T/run.out" || { head -5 "$T/run.out"; return 1; }; }
hasnt() { ! grep -qF -- "$1" "$T/run.out" || { head -5 "$T/run.out"; return 1; }; }

run LC_ALL=ja_JP.UTF-8 -- --help
check "--help under LC_ALL=ja_JP.UTF-8 is Japanese" has "使い方: shiryo build"
check "  its overview" has "PDF、.pptx、サイトを書き出す"
run LC_ALL=ja_JP.UTF-8 -- build --help
check "build --help under ja: the options in Japanese" has "出力先のフォルダー (既定: out)"
run LC_ALL=C -- --help
check "--help under LC_ALL=C is English" has "usage: shiryo build"
check "  and has no Japanese" hasnt "使い方"
run LANG=ja_JP.UTF-8 -- bulid
check "LANG=ja_JP.UTF-8 (LC_ALL unset): a usage error in Japanese" has 'shiryo: 不明なコマンド "bulid"'
check "  its hint too, the position words untouched" has '  ヒント: "build" の誤りではありませんか?'
run LANG=C LC_MESSAGES=ja_JP.UTF-8 -- bulid
check "LC_MESSAGES=ja_JP.UTF-8 over LANG=C: Japanese" has '不明なコマンド'
run LC_ALL=C LC_MESSAGES=ja_JP.UTF-8 LANG=ja_JP.UTF-8 -- bulid
check "LC_ALL=C over LC_MESSAGES and LANG: English" has 'unknown command "bulid"'
run LC_ALL=de_DE.UTF-8 LANGUAGE=ja -- bulid
check "LANGUAGE=ja under a German locale: Japanese (gettext honours it)" has '不明なコマンド'
run LANG=ja_JP.UTF-8 LANGUAGE=en -- bulid
check "LANGUAGE=en under LANG=ja_JP.UTF-8: English" has 'unknown command "bulid"'
run LC_ALL=C LANGUAGE=ja -- bulid
check "LANGUAGE=ja under LC_ALL=C: English (C ignores LANGUAGE)" has 'unknown command "bulid"'
run LC_ALL=de_DE.UTF-8 -- bulid
check "a German locale: English" has 'unknown command "bulid"'
# a locale that is not generated on this machine (only ja_JP.UTF-8 is):
# glibc would leave LC_MESSAGES at C; shiryo falls back to C.UTF-8 with
# LANGUAGE, so the messages are still Japanese, and UTF-8
run LC_ALL=ja_JP.EUC-JP -- bulid
check "an ungenerated ja_JP.EUC-JP: Japanese all the same, in UTF-8" has '不明なコマンド'
run LANG=ja_JP.UTF-8 LC_CTYPE=C -- build --data nowhere
check "a missing folder in Japanese: the message" has 'nowhere: エラー: データのフォルダーを読めません'
check "  the C library's words (strerror) in Japanese, in UTF-8 under LC_CTYPE=C" \
  has 'エラー: フォルダーを読めません: そのようなファイルやディレクトリはありません'
check "  (not converted to ASCII question marks)" hasnt '??'
run LC_ALL=de_DE.UTF-8 -- build --data nowhere
check "under a German locale the C library's words are English too" has 'No such file or directory'
# a diagnostic of a file: the position as in English, the rest Japanese
mkdir -p "$T/templates"
printf '# 題

本文、、です。
' >"$T/templates/01.md"
run LC_ALL=ja_JP.UTF-8 -- check --data . --templates templates
check "a diagnostic in Japanese keeps its position" has 'templates/01.md:3: 警告: 句読点が重なっています'
run LC_ALL=C -- check --data . --templates templates
check "  the same in English" has 'templates/01.md:3: warning: doubled punctuation'
it_end
