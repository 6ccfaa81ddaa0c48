/* The settings of each document: `[tool.gotcha]` of the nearest pyproject.toml (or gotcha.toml /
   .gotcha.toml) above its file, found as `gotcha check FILE` finds it, resolved once per
   configuration file and shared by the documents under it. A change of any configuration file
   (didSave, or workspace/didChangeWatchedFiles) forgets them all; each document finds its own
   again at its next check. A configuration that does not load is reported with
   window/showMessage and the built-in settings apply. */
#include <stdlib.h>
#include <string.h>

#include "../rules/registry.h"
#include "../util/xalloc.h"
#include "lsp_internal.h"

int lsp_is_config_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    return strcmp(name, "pyproject.toml") == 0 || strcmp(name, "gotcha.toml") == 0 ||
           strcmp(name, ".gotcha.toml") == 0;
}

/* What tells two configurations apart: the file, else the pyproject.toml of requires-python. */
static const char *settings_key(const Config *cfg)
{
    return cfg->path ? cfg->path : cfg->requires_python_path ? cfg->requires_python_path : "";
}

/* The configuration of a document's file (the defaults for a document that is not a file). */
static void load_config(LspServer *s, const LspDoc *d, Config *cfg)
{
    char err[512] = "";
    if (!s->use_fs || !d->path) {
        config_init_defaults(cfg);
        return;
    }
    if (config_discover(d->path, cfg, err, sizeof err) >= 0)
        return;
    config_free(cfg);
    config_init_defaults(cfg);
    char *msg = xasprintf("gotcha: %s (the built-in settings apply until it is fixed)", err);
    lsp_log(s, 1, 1, msg);
    free(msg);
}

static void add_settings(LspServer *s, Config *cfg)
{
    char err[512] = "";
    config_resolve_target(cfg, 0);
    RuleSet rules;
    if (config_rule_set(cfg, NULL, cfg->preview == 1, &rules, err, sizeof err) < 0) {
        char *msg = xasprintf("gotcha: %s (the default rules apply)", err);
        lsp_log(s, 1, 1, msg);
        free(msg);
        registry_default_set(&rules, 0);
    }
    XGROW(s->settings, s->nsettings + 1, s->settings_cap, 4);
    LspSettings *st = &s->settings[s->nsettings++];
    st->cfg = *cfg;
    st->config_path = xstrdup(settings_key(cfg));
    config_check_options(&st->cfg, &rules, &st->opt);
}

int lsp_settings_of(LspServer *s, LspDoc *d)
{
    if (d->settings >= 0 && d->settings < s->nsettings)
        return d->settings;
    Config cfg;
    load_config(s, d, &cfg);
    for (int32_t i = 0; i < s->nsettings; i++)
        if (strcmp(s->settings[i].config_path, settings_key(&cfg)) == 0) {
            config_free(&cfg);
            return d->settings = i;
        }
    add_settings(s, &cfg);
    return d->settings = s->nsettings - 1;
}

void lsp_settings_free(LspServer *s)
{
    for (int32_t i = 0; i < s->nsettings; i++) {
        config_check_options_free(&s->settings[i].opt);
        config_free(&s->settings[i].cfg);
        free(s->settings[i].config_path);
    }
    free(s->settings);
    s->settings = NULL;
    s->nsettings = s->settings_cap = 0;
}

void lsp_settings_reset(LspServer *s)
{
    lsp_settings_free(s);
    for (int32_t i = 0; i < s->ndocs; i++) {
        s->docs[i].settings = -1;
        s->docs[i].dirty = s->docs[i].python;
    }
}
