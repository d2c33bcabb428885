# shiryo — survey data and Markdown templates to a PDF deck and an HTML site.
#
#   make          install missing Debian packages (as root), build, and
#                 produce the default deck in out/
#   make test     the same plus the test tools, then the whole test suite
#   make install  PREFIX=/usr/local DESTDIR=
#   SAN=1         build with AddressSanitizer and UndefinedBehaviorSanitizer

PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
CC ?= cc
OPT ?= -O2
VERSION := 0.1.0

PKGS = harfbuzz harfbuzz-subset libcmark libutf8proc
# Recursive (lazy) so pkg-config only runs once setup has installed them.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lhpdf -lm

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
       -Wno-missing-field-initializers
DEFS = -D_POSIX_C_SOURCE=200809L -DSHIRYO_VERSION='"$(VERSION)"'
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BUILD = build/san
else
SANFLAGS =
BUILD = build
endif
ALL_CFLAGS = $(WARN) $(OPT) -g $(DEFS) $(SANFLAGS) $(CFLAGS)

SRC = $(sort $(wildcard src/*.c))
LIB_SRC = $(filter-out src/main.c,$(SRC))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ = $(BUILD)/obj/main.o
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_OBJ = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%.o)

BIN = $(BUILD)/shiryo
UNIT = $(BUILD)/unit-tests

.PHONY: all setup setup-test build deck test unit integration install clean \
        bench fuzz memcheck

all: deck

setup:
	@sh tools/setup.sh build

setup-test:
	@sh tools/setup.sh test

build: setup
	@$(MAKE) --no-print-directory $(BIN)

deck: build
	./$(BIN) build

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	@echo "  CC    $<"
	@$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/unit/%.c | $(BUILD)/tests
	@echo "  CC    $<"
	@$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -Isrc -MMD -MP -c $< -o $@

$(BIN): $(LIB_OBJ) $(MAIN_OBJ)
	@echo "  LINK  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(UNIT): $(LIB_OBJ) $(UNIT_OBJ)
	@echo "  LINK  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lcriterion

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

test: setup-test
	@$(MAKE) --no-print-directory $(BIN) $(UNIT)
	@$(MAKE) --no-print-directory unit integration

unit: $(UNIT)
	./$(UNIT) --jobs 2

# The site tests' Node packages (tests/site/package-lock.json: axe-core,
# playwright-core, parse5), installed by npm ci when the lock file changes.
SITE_DEPS = tests/site/node_modules/.package-lock.json
$(SITE_DEPS): tests/site/package.json tests/site/package-lock.json
	cd tests/site && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Every tests/integration/*.sh runs with SHIRYO naming the binary; each
# prints "N passed, N failed" and exits non-zero on failure.
integration: $(BIN) $(SITE_DEPS)
	@rc=0; for t in tests/integration/*.sh; do \
	  echo "== $$t"; SHIRYO=./$(BIN) sh $$t || rc=1; \
	done; exit $$rc

# valgrind over a full build of the default deck (PDF and site): no error,
# no leak of ours (the still-reachable blocks are glib's, via HarfBuzz).
memcheck: setup-test
	@$(MAKE) --no-print-directory $(BIN)
	@rm -rf build/memcheck && mkdir -p build/memcheck
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --error-exitcode=9 ./$(BIN) build -o build/memcheck/out
	@echo "memcheck: 1 passed, 0 failed"

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

install: build
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/shiryo

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)
