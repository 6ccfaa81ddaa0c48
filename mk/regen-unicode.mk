# Generated Unicode tables of src/unicode/ (part of `make regen`, see mk/regen.mk):
#   make regen-unicode        rewrites src/unicode/unicode_data.c and src/unicode/nfkc_data.c
#   make check-regen-unicode  regenerates both into a temporary folder and diffs them with the tree
# Both run CPython 3.13 (the tables follow its unicodedata) and read NameAliases.txt, the formal
# character name aliases of the Unicode Character Database (Debian's unicode-data package).
# PY313 and NAME_ALIASES come from mk/regen.mk.
UNICODE_GEN = $(PY313) tools/gen_unicode.py $(NAME_ALIASES) $(1)/unicode_data.c && \
              $(PY313) tools/gen_nfkc.py $(1)/nfkc_data.c
REGEN_TARGETS += regen-unicode

.PHONY: regen-unicode check-regen-unicode
regen-unicode:
	$(call UNICODE_GEN,src/unicode)

check-regen-unicode:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(call UNICODE_GEN,$$tmp) && \
	  diff -u src/unicode/unicode_data.c "$$tmp/unicode_data.c" && \
	  diff -u src/unicode/nfkc_data.c "$$tmp/nfkc_data.c" && \
	  echo "src/unicode: generated tables up to date"
