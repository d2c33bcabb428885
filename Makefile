# shiryo — survey data and Markdown templates to a PDF deck and an HTML site.
#
#   make          install missing Debian packages (as root), build, and
#                 produce the default deck in out/
#   make test     the same plus the test tools, then the whole test suite
#   make install  PREFIX=/usr/local DESTDIR=
#   make pot      regenerate po/shiryo.pot from the sources (po/ja.po is
#                 then brought up to date with msgmerge by hand)
#   make deb      a Debian package, shiryo_$(VERSION)_<arch>.deb, here (debian/)
#   SAN=1         build with AddressSanitizer and UndefinedBehaviorSanitizer

PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/shiryo
LOCALEDIR = $(PREFIX)/share/locale
MANDIR = $(PREFIX)/share/man/man1
DOCDIR = $(PREFIX)/share/doc/shiryo
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
CC ?= cc
OPT ?= -O2
VERSION := 0.1.0

PKGS = harfbuzz harfbuzz-subset libcmark libutf8proc libzip expat xlsxwriter zlib
# Recursive (lazy) so pkg-config only runs once setup has installed them.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lhpdf -lm -pthread

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
       -Wno-missing-field-initializers
DEFS = -D_POSIX_C_SOURCE=200809L -DSHIRYO_VERSION='"$(VERSION)"' \
       -DSHIRYO_DATADIR='"$(DATADIR)"' -DSHIRYO_LOCALEDIR='"$(LOCALEDIR)"'
ifeq ($(SAN),1)
# float-cast-overflow: a double too large for the integer it is cast to
# (not part of "undefined" in GCC or Clang)
SANFLAGS = -fsanitize=address,undefined,float-cast-overflow \
           -fno-sanitize-recover=all -fno-omit-frame-pointer
BUILD = build/san
else
SANFLAGS =
BUILD = build
endif
ALL_CFLAGS = $(WARN) $(OPT) -g $(DEFS) $(SANFLAGS) $(CFLAGS)

# One folder per stage of the pipeline (docs/architecture.md; the order is
# checked by tests/integration/structure.sh).  Headers are included by
# name, so every stage folder is on the include path.
STAGES = app out layout doc chart lang data text draw style base
INCS = $(addprefix -Isrc/,$(STAGES))
SRC = $(sort $(wildcard src/*/*.c))
LIB_SRC = $(filter-out src/app/main.c,$(SRC))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ = $(BUILD)/obj/app/main.o
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_OBJ = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%.o)

BIN = $(BUILD)/shiryo
# The languages of the messages besides English (po/LANG.po), and their
# catalogues beside the binary (below, "The messages in other languages").
LANGS = ja
MO = $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/shiryo.mo)
UNIT = $(BUILD)/unit-tests
# The fault-injection library of tests/integration/transaction.sh (beside
# the binary it is preloaded into; always built without sanitizers).
SHIM = $(BUILD)/faultshim.so

.PHONY: all setup setup-test build deck test unit integration install \
        uninstall clean bench fuzz memcheck pot

all: deck

setup:
	@sh tools/setup.sh build

setup-test:
	@sh tools/setup.sh test

build: setup
	@$(MAKE) --no-print-directory $(BIN)

deck: build
	./$(BIN) build

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) $(INCS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/unit/%.c | $(BUILD)/tests
	@echo "  CC    $<"
	@$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) $(INCS) -MMD -MP -c $< -o $@

# The catalogues come with the binary (order-only: they are not linked).
$(BIN): $(LIB_OBJ) $(MAIN_OBJ) | $(MO)
	@echo "  LINK  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(UNIT): $(LIB_OBJ) $(UNIT_OBJ)
	@echo "  LINK  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lcriterion

$(BUILD)/tests:
	mkdir -p $@

# The messages in other languages (GNU gettext, docs/architecture.md
# "Messages in Japanese"): po/LANG.po, checked by msgfmt -c (formats,
# headers), compiled to $(BUILD)/locale/LANG/LC_MESSAGES/shiryo.mo, where
# the binary beside it finds them when run from the build tree.  The
# template po/shiryo.pot is made from the sources by `make pot`, with
# XGETTEXT_OPTS (tests/integration/i18n.sh makes it the same way, with POT
# naming a file of its own).
XGETTEXT_OPTS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
  --keyword=_ --keyword=N_ --keyword=diag_add:6 --keyword=diag_at:4 \
  --keyword=diag_hint:2 --keyword=diag_hint_list:2 --keyword=eval_error:3 \
  --keyword=lx_error:3 --keyword=canvas_fail:2 --keyword=ws_error:3 \
  --keyword=part_error:3 \
  --flag=diag_add:6:c-format --flag=diag_at:4:c-format \
  --flag=diag_hint:2:c-format --flag=eval_error:3:c-format \
  --flag=lx_error:3:c-format --flag=canvas_fail:2:c-format \
  --flag=ws_error:3:c-format --flag=part_error:3:c-format \
  --package-name=shiryo --package-version=$(VERSION) --sort-by-file
$(BUILD)/locale/%/LC_MESSAGES/shiryo.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT $<"
	@msgfmt -c -o $@ $<

POT = po/shiryo.pot
pot:
	xgettext $(XGETTEXT_OPTS) -o $(POT) $(SRC)

$(SHIM): tests/tools/faultshim.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(WARN) -O2 -fPIC -shared $(CFLAGS) -o $@ $< -ldl

test: setup-test
	@$(MAKE) --no-print-directory $(BIN) $(UNIT) $(SHIM)
	@$(MAKE) --no-print-directory unit integration

unit: $(UNIT)
	./$(UNIT) --jobs 2

# The site tests' Node packages (tests/site/package-lock.json: axe-core,
# playwright-core, parse5), installed by npm ci when the lock file changes;
# pinned to versions that run on Debian 12's nodejs 18 and npm 9.
SITE_DEPS = tests/site/node_modules/.package-lock.json
$(SITE_DEPS): tests/site/package.json tests/site/package-lock.json
	cd tests/site && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Every tests/integration/*.sh runs with SHIRYO naming the binary; each
# prints "N passed, N failed" and exits non-zero on failure.
integration: $(BIN) $(SHIM) $(SITE_DEPS)
	@rc=0; for t in tests/integration/*.sh; do \
	  echo "== $$t"; SHIRYO=./$(BIN) sh $$t || rc=1; \
	done; exit $$rc

# valgrind over a full build of the default deck (PDF and site), then over
# the whole bad-input corpus (every case as build and as check): no error,
# no leak of ours (the still-reachable blocks are glib's, via HarfBuzz).
memcheck: setup-test
	@$(MAKE) --no-print-directory $(BIN)
	@rm -rf build/memcheck && mkdir -p build/memcheck
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --error-exitcode=9 ./$(BIN) build -o build/memcheck/out
	@echo "memcheck: 1 passed, 0 failed"
	SHIRYO_BIN=$(CURDIR)/$(BIN) SHIRYO=$(CURDIR)/tests/tools/valgrind-shiryo.sh \
	  sh tests/integration/bad.sh

# libFuzzer targets under ASan and UBSan, FUZZ_SECONDS each (default 60).
FUZZ_SECONDS ?= 60
fuzz:
	@sh tools/setup.sh fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

# Benchmarks (bench/README.md): prints a table of times, memory and sizes.
bench:
	@sh tools/setup.sh bench
	@$(MAKE) --no-print-directory $(BIN)
	sh bench/run.sh

# What `make install` puts under $(DESTDIR)$(PREFIX): the binary, the
# manual page, bash completion, the two decks `shiryo init` copies (the
# example is the default deck of this directory) and the documentation.
# tests/integration/cli.sh checks the list against tests/install-files.txt.
# The users' docs in Japanese (docs/ja/, kept in step with the English by
# tests/integration/docs.sh) go to $(DOCDIR)/ja/.
DOCS = README.md LICENSE docs/architecture.md docs/charts.md docs/data.md \
       docs/edition.md \
       docs/layout.md docs/pptx.md \
       docs/site.md docs/templates.md
DOCS_JA = $(sort $(wildcard docs/ja/*.md))
DOC_IMAGES = $(sort $(wildcard docs/charts/*.svg))
EXAMPLE_FILES = $(sort $(wildcard data/*.csv data/*.md templates/*.md))
STARTER_FILES = $(sort $(wildcard examples/starter/data/* examples/starter/templates/*))

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DOCDIR) \
	  $(DESTDIR)$(DOCDIR)/charts $(DESTDIR)$(DOCDIR)/ja \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(DATADIR)/example/data \
	  $(DESTDIR)$(DATADIR)/example/templates $(DESTDIR)$(DATADIR)/starter/data \
	  $(DESTDIR)$(DATADIR)/starter/templates
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/shiryo
	for l in $(LANGS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/shiryo.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/shiryo.mo || exit 1; done
	install -m 644 docs/shiryo.1 $(DESTDIR)$(MANDIR)/shiryo.1
	install -m 644 tools/shiryo.bash-completion $(DESTDIR)$(BASHCOMPDIR)/shiryo
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)/
	install -m 644 $(DOC_IMAGES) $(DESTDIR)$(DOCDIR)/charts/
	install -m 644 $(DOCS_JA) $(DESTDIR)$(DOCDIR)/ja/
	install -m 644 $(filter data/%,$(EXAMPLE_FILES)) $(DESTDIR)$(DATADIR)/example/data/
	install -m 644 $(filter templates/%,$(EXAMPLE_FILES)) $(DESTDIR)$(DATADIR)/example/templates/
	install -m 644 $(filter examples/starter/data/%,$(STARTER_FILES)) $(DESTDIR)$(DATADIR)/starter/data/
	install -m 644 $(filter examples/starter/templates/%,$(STARTER_FILES)) $(DESTDIR)$(DATADIR)/starter/templates/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/shiryo $(DESTDIR)$(MANDIR)/shiryo.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/shiryo \
	  $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/shiryo.mo)
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS)))
	rm -rf $(DESTDIR)$(DOCDIR)/charts $(DESTDIR)$(DOCDIR)/ja
	rm -rf $(DESTDIR)$(DATADIR)/example $(DESTDIR)$(DATADIR)/starter
	-rmdir $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) 2>/dev/null

# A Debian package, built with debhelper from debian/: dpkg-buildpackage
# runs in a copy of this tree (without build/, out/, node_modules and .git)
# under build/deb, where its ../ outputs (.buildinfo, .changes, the -dbgsym
# package) stay, and the .deb is copied here for
# `apt install ./shiryo_$(VERSION)_<arch>.deb`.  The make variables of this
# run are not passed down: the package is built with dpkg's flags.
DEB_SRC = build/deb/shiryo-$(VERSION)
.PHONY: deb
deb:
	@sh tools/setup.sh deb
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	  if [ "$$v" != "$(VERSION)" ]; then \
	    echo "debian/changelog is at $$v, the Makefile's VERSION at $(VERSION): add a changelog entry" >&2; \
	    exit 1; fi
	rm -rf build/deb && mkdir -p $(DEB_SRC)
	tar -cf - --exclude=./build --exclude=./out --exclude=node_modules \
	  --exclude=./.git --exclude='./shiryo_*.deb' . | tar -xf - -C $(DEB_SRC)
	cd $(DEB_SRC) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	  dpkg-buildpackage -us -uc -b --jobs=auto
	cp build/deb/shiryo_$(VERSION)_$$(dpkg-architecture -qDEB_HOST_ARCH).deb .

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)
