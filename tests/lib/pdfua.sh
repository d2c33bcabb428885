# The PDF/UA-1 check of a PDF the tests built; sourced after harness.sh,
# never run.
#
#   . "$(dirname "$0")/../lib/pdfua.sh"
#   pdfua_check FILE...  runs tests/pdfua/check.py (Debian's python3 with
#                        python3-pikepdf) on the files: one pass when all
#                        conform, else one failure showing the checker's
#                        first lines (FILE: page N: RULE-ID (Matterhorn
#                        NN-NNN): what).  The rules: tests/pdfua/README.md.

pdfua_check() {
  check "PDF/UA-1 checker passes $*" /usr/bin/python3 "$ROOT/tests/pdfua/check.py" --quiet "$@"
}
