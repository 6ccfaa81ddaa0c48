# Builds gotcha_guard for one interpreter: make -f gotcha_guard/build.mk PYTHON=/path/to/python3
# [PYVERSION=3.12.1] (its X.Y.Z, the output folder's name; asked from PYTHON when not given).
# Headers and the extension suffix come from that interpreter's own sysconfig (no PyPI).
PYTHON      ?= python3
PYVERSION   ?= $(shell $(PYTHON) -c "import platform; print(platform.python_version())")
PY_INCLUDE  := $(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_paths()['include'])")
EXT_SUFFIX  := $(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
OUT         := build/guard/$(PYVERSION)/gotcha_guard

CC          ?= cc
GUARD_OPT   ?= -O2 -g   # the wheel build (tools/pep517) passes its own, with OUT and PYTHON
GUARD_CFLAGS := -std=c11 $(GUARD_OPT) -fPIC -fno-strict-aliasing -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
SOURCES     := $(sort $(wildcard gotcha_guard/*.c))
HEADERS     := $(wildcard gotcha_guard/*.h)
PY_FILES    := $(patsubst gotcha_guard/%,$(OUT)/%,$(wildcard gotcha_guard/*.py gotcha_guard/_bootstrap/*.py))

all: $(OUT)/_guard$(EXT_SUFFIX) $(PY_FILES)
	@: # up to date, quietly

$(OUT)/_guard$(EXT_SUFFIX): $(SOURCES) $(HEADERS) gotcha_guard/build.mk
	@mkdir -p $(OUT)
	$(CC) $(GUARD_CFLAGS) -I$(PY_INCLUDE) -shared -o $@ $(SOURCES)

$(OUT)/%.py: gotcha_guard/%.py
	@mkdir -p $(dir $@)
	cp $< $@
