# make install: the gotcha binary into $(DESTDIR)$(BINDIR) and its man page into
# $(DESTDIR)$(MANDIR)/man1; make uninstall removes both. PREFIX defaults to /usr/local; DESTDIR
# stages into a folder (packagers). The runtime guard is a CPython extension per interpreter: it
# installs with pip (pip install .), not here.
# The man page is made from the binary's own --help texts (tools/gen_man.sh), so it never drifts.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
INSTALL ?= install

.PHONY: install uninstall man
man: $(BUILD)/gotcha.1

$(BUILD)/gotcha.1: $(BUILD)/gotcha tools/gen_man.sh
	tools/gen_man.sh $(BUILD)/gotcha > $@.tmp && mv $@.tmp $@

install: $(BUILD)/gotcha $(BUILD)/gotcha.1
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 755 $(BUILD)/gotcha $(DESTDIR)$(BINDIR)/gotcha
	$(INSTALL) -m 644 $(BUILD)/gotcha.1 $(DESTDIR)$(MANDIR)/man1/gotcha.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gotcha $(DESTDIR)$(MANDIR)/man1/gotcha.1
