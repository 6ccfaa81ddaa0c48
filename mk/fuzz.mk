# libFuzzer targets (clang): `make fuzz-build` builds build-fuzz/fuzz_parse, fuzz_check, fuzz_fix, fuzz_cache,
# fuzz_json and fuzz_lsp
# from the same src/ files as gotcha (minus main.c); `make fuzz-run` runs each one in turn for
# FUZZ_TIME seconds on its corpus in build-fuzz/corpus-<target> (seeded by fuzz/make_corpus.sh).
# Crashes land in build-fuzz/artifacts/; see fuzz/README.md.
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_TIME    ?= 300
# Every sanitizer finding stops the run, except pointer-overflow, which is logged and the run goes on:
# clang reports even `NULL + 0` (from empty growable arrays), which is harmless in practice and
# would otherwise stop every run at the first such spot (see fuzz/README.md).
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize-recover=pointer-overflow
FUZZ_ENV     := UBSAN_OPTIONS=halt_on_error=0:print_stacktrace=1
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_TARGETS := fuzz_parse fuzz_check fuzz_fix fuzz_cache fuzz_json fuzz_lsp
FUZZ_OBJS    := $(patsubst src/%.c,$(FUZZ_BUILD)/obj/%.o,$(LIB_SRCS))
FUZZ_BINS    := $(addprefix $(FUZZ_BUILD)/,$(FUZZ_TARGETS))
FUZZ_FLAGS   ?= -timeout=10 -rss_limit_mb=2048 -max_len=65536

.PHONY: fuzz-build fuzz-run fuzz-corpus
fuzz-build: $(FUZZ_BINS)

# The library objects carry the sanitizers and the coverage hooks, not libFuzzer's main.
$(FUZZ_BUILD)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(WARN) $(CPPFLAGS) -c -o $@ $<

# Objects are kept between builds (they would otherwise count as intermediates of the pattern chain).
.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_BINS): $(FUZZ_BUILD)/%: fuzz/%.c $(FUZZ_OBJS) $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(WARN) $(CPPFLAGS) -Isrc -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

$(FUZZ_BUILD)/corpus-seed/.done: fuzz/make_corpus.sh
	fuzz/make_corpus.sh $(FUZZ_BUILD)/corpus-seed
	@touch $@

# The language server's targets start from LSP sessions (fuzz/make_lsp_corpus.py) and fuzz/lsp.dict.
$(FUZZ_BUILD)/corpus-seed-lsp/.done: fuzz/make_lsp_corpus.py
	"$$(tests/lib/python.sh --min 3.8)" fuzz/make_lsp_corpus.py $(FUZZ_BUILD)/corpus-seed-lsp
	@touch $@

fuzz-corpus: $(FUZZ_BUILD)/corpus-seed/.done $(FUZZ_BUILD)/corpus-seed-lsp/.done

# One worker per target, one target at a time (the corpus of each target grows across runs).
fuzz-run: fuzz-build fuzz-corpus
	@mkdir -p $(FUZZ_BUILD)/artifacts
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$t; \
	  seed=$(FUZZ_BUILD)/corpus-seed; dict=fuzz/python.dict; \
	  case $$t in fuzz_json|fuzz_lsp) seed=$(FUZZ_BUILD)/corpus-seed-lsp; dict=fuzz/lsp.dict;; esac; \
	  echo "== $$t for $(FUZZ_TIME)s"; \
	  $(FUZZ_ENV) nice -n 10 $(FUZZ_BUILD)/$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_TIME) \
	    -dict=$$dict -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- \
	    $(FUZZ_BUILD)/corpus-$$t $$seed || exit 1; \
	done
