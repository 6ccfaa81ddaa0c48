# The HTML report's stylesheet and script (src/cli/report_html.css, report_html.js) become C strings
# in src/cli/report_html_assets.c (committed, so a build needs no Python): `make regen-html` after
# editing either. Part of `make regen` (mk/regen.mk).
REGEN_TARGETS += regen-html

.PHONY: regen-html
regen-html:
	$(or $(PY313),python3) tools/gen_html_assets.py src/cli
