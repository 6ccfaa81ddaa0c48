/* The stylesheet and the script of the HTML report (report_html.c), kept as real files beside it
   (report_html.css, report_html.js) and turned into C strings by tools/gen_html_assets.py
   (`make regen-html`) in report_html_assets.c. Neither holds `</style>` or `</script>`. */
#ifndef GOTCHA_REPORT_HTML_ASSETS_H
#define GOTCHA_REPORT_HTML_ASSETS_H

extern const char report_html_css[];
extern const char report_html_js[];

#endif
