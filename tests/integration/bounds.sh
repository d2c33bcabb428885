#!/bin/sh
# Bounds and names that the bad-input corpus cannot express: special
# files (a FIFO, a socket, a device behind a link) in data/, templates/
# and --font are refused at their path, never opened (every run under
# `timeout`, so a regression fails instead of hanging); a font link that
# leads out of the project; -o through a link into data/; a long `where`
# chain under a memory bound that the quadratic version exceeded; a deck
# name with "#", "?", "%" and a space linked percent-encoded.
set -u
. "$(dirname "$0")/../lib/harness.sh"
it_begin bounds

fresh() { # a copy of the bad-case base project in $T/$1, with an earlier out/
  rm -rf "$T/$1"
  mkdir -p "$T/$1/out"
  cp -r "$ROOT/tests/bad/base/." "$T/$1/"
  printf '%%PDF-1.4 earlier\n' >"$T/$1/out/earlier.pdf"
}
# refused NAME DIR STATUS MESSAGE ARGS...: exits STATUS (not a timeout)
# with MESSAGE on stderr, and leaves out/ as it was
refused() {
  name=$1 dir=$2 want=$3 msg=$4
  shift 4
  before=$(cd "$dir/out" && find . -type f | sort | xargs md5sum)
  (cd "$dir" && timeout 20 "$SHIRYO" "$@" >"$T/out.txt" 2>"$T/err.txt")
  got=$?
  after=$(cd "$dir/out" && find . -type f | sort | xargs md5sum)
  if [ "$got" = "$want" ] && grep -qF -- "$msg" "$T/err.txt" &&
     [ "$before" = "$after" ]; then
    ok "$name"
  else
    no "$name" "exit $got (want $want): $(head -c 400 "$T/err.txt")"
  fi
}

fresh fifo
mkfifo "$T/fifo/data/pipe.csv"
refused "a FIFO in data/ is refused, not read" "$T/fifo" 1 \
  "data/pipe.csv: error: is a named pipe (FIFO), not a regular file" build
rm "$T/fifo/data/pipe.csv"
mkfifo "$T/fifo/templates/02-pipe.md"
refused "a FIFO in templates/ is refused, not read" "$T/fifo" 1 \
  "templates/02-pipe.md: error: is a named pipe (FIFO), not a regular file" check
rm "$T/fifo/templates/02-pipe.md"
mkfifo "$T/fifo/font.ttf"
refused "a FIFO as --font is refused, not read" "$T/fifo" 1 \
  "font.ttf: error: is a named pipe (FIFO), not a regular file" build --font font.ttf

fresh sock
python3 -c 'import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' \
  "$T/sock/data/sock.csv"
refused "a socket in data/ is refused" "$T/sock" 1 \
  "data/sock.csv: error: is a socket, not a regular file" build
rm "$T/sock/data/sock.csv"
ln -s /dev/zero "$T/sock/data/zero.csv"
refused "a link in data/ to a device is refused, not read" "$T/sock" 1 \
  "data/zero.csv: error: is a character device, not a regular file" build

fresh font
ln -s /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf "$T/font/templates/f.ttf"
sed -i 's/^title:/font: f.ttf\ntitle:/' "$T/font/templates/00-cover.md"
refused "a template's font that links out of the project is refused" "$T/font" 1 \
  'templates/00-cover.md:3:1: error: font "f.ttf" is outside the project: it leads to "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"' check
rm "$T/font/templates/f.ttf"
cp /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf "$T/font/templates/real.ttf"
ln -s real.ttf "$T/font/templates/f.ttf"
(cd "$T/font" && timeout 60 "$SHIRYO" check >"$T/out.txt" 2>&1)
check "a font link that stays inside the project is followed" \
  grep -q "no errors" "$T/out.txt"

fresh link
ln -s data "$T/link/tables-link"
refused "-o through a link into data/ is refused" "$T/link" 2 \
  '-o "tables-link/out" is inside the data folder "data"' build -o tables-link/out
refused "watch -o data is refused before it watches" "$T/link" 2 \
  '-o "data" is the data folder "data": the outputs would be mixed with the inputs and every build would start the next' \
  watch -o data

# a chain of 50,000 `where` clauses: its source text once, its rows
# filtered in place (the quadratic version needed about 20 GB)
fresh chain
{ printf '# 連鎖\n\n{{ count(adoption'
  i=0
  while [ $i -lt 50000 ]; do printf ' where count >= 0'; i=$((i + 1)); done
  printf ') }}団体\n'; } >"$T/chain/templates/02-chain.md"
# sanitizers reserve far more address space than they use: there the
# bound is on the resident size alone (measured by python3)
case "$SHIRYO" in */san/*) VLIMIT=unlimited ;; *) VLIMIT=1048576 ;; esac
(cd "$T/chain" && ulimit -v $VLIMIT && timeout 60 python3 -c '
import resource, subprocess, sys
r = subprocess.run([sys.argv[1], "check"], stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT)
sys.stdout.buffer.write(r.stdout)
print("rss_kb", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$SHIRYO" >"$T/out.txt" 2>&1)
check "50,000 chained where clauses check" \
  grep -q "check: 3 slides, no errors" "$T/out.txt"
rss=$(sed -n 's/^rss_kb //p' "$T/out.txt")
check "in under 1 GiB (${rss:-?} KB resident)" test "${rss:-99999999}" -lt 1048576

# a deck name with characters that mean something in a URL
fresh url
sed -i 's/^deck: .*/deck: 資料 #1?50%/' "$T/url/templates/00-cover.md"
(cd "$T/url" && timeout 60 "$SHIRYO" build >"$T/out.txt" 2>&1)
check "the PDF is written under the name as given" test -s "$T/url/out/資料 #1?50%.pdf"
check "the site links it percent-encoded" \
  grep -qF 'href="%E8%B3%87%E6%96%99%20%231%3F50%25.pdf"' "$T/url/out/site/index.html"
check "the link's target is the copy in the site" test -s "$T/url/out/site/資料 #1?50%.pdf"

it_end
