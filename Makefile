# gotcha build. Sources are found by wildcard: a new file under src/ needs no edit here.
CC      ?= cc
OPT     ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
LDLIBS  += -lpthread -lm

SRCS     := $(sort $(shell find src -name '*.c'))
LIB_SRCS := $(filter-out src/cli/main.c,$(SRCS))
HDRS     := $(shell find src -name '*.h')

BUILD     ?= build
OBJS      := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS))
LIB_OBJS  := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))

.PHONY: all test asan bench clean unit
all: $(BUILD)/gotcha

$(BUILD)/gotcha: $(OBJS)
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $(WARN) $(CPPFLAGS) $(OBJ_CPPFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

# The build id: a checksum of every source file. The cache keys its entries by it as well as by the
# version, so a binary rebuilt from changed sources never reuses another build's results, while the
# same sources give the same id on every machine (CI machines can share a cache).
$(BUILD)/build_id: $(SRCS) $(HDRS)
	@mkdir -p $(BUILD)
	@cat $(SRCS) $(sort $(HDRS)) | cksum | cut -d' ' -f1 > $@
$(BUILD)/obj/cli/cmd_check.o: $(BUILD)/build_id
$(BUILD)/obj/cli/cmd_check.o: OBJ_CPPFLAGS = -DGOTCHA_BUILD_ID='"'$$(cat $(BUILD)/build_id)'"'

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $(WARN) $(CPPFLAGS) $(EXTRA_CFLAGS) -Isrc -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(LDLIBS)

unit: $(UNIT_BINS)

# Sanitizer build in its own folder; the test suite runs against it too.
asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" all unit

# All tests: the normal build, then the sanitizer build, each running every suite in tests/suites.
test: all unit asan
	@tests/run_all.sh

clean:
	rm -rf build build-asan

# Each area may add its own targets (guard, bench, fuzz...) in mk/*.mk.
-include $(sort $(wildcard mk/*.mk))
