# Generated Unicode tables of src/unicode/ (part of `make regen`, see mk/regen.mk):
#   make regen-unicode        rewrites src/unicode/unicode_data.c and src/unicode/nfkc_data.c
#   make check-regen-unicode  regenerates both into a temporary folder and diffs them with the tree
# Both run CPython 3.13 (the tables follow its unicodedata) and read NameAliases.txt, the formal
# character name aliases of the Unicode Character Database (Debian's unicode-data package).
UNICODE_PY      ?= $(shell pyenv prefix 3.13.0 2>/dev/null)/bin/python3.13
UNICODE_ALIASES ?= /usr/share/unicode/NameAliases.txt
UNICODE_GEN      = $(UNICODE_PY) tools/gen_unicode.py $(UNICODE_ALIASES) $(1)/unicode_data.c && \
                   $(UNICODE_PY) tools/gen_nfkc.py $(1)/nfkc_data.c

.PHONY: regen-unicode check-regen-unicode
regen-unicode:
	$(call UNICODE_GEN,src/unicode)

check-regen-unicode:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(call UNICODE_GEN,$$tmp) && \
	  diff -u src/unicode/unicode_data.c "$$tmp/unicode_data.c" && \
	  diff -u src/unicode/nfkc_data.c "$$tmp/nfkc_data.c" && \
	  echo "src/unicode: generated tables up to date"
