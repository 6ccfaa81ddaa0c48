# make precision: default rules over the real code on this machine (3.11 site-packages, Debian's
# python3-django), a fixed-seed sample per rule judged in tests/precision/triage.tsv. Not part of
# `make test`: the corpora are machine files. See tools/precision.py.
.PHONY: precision
precision: $(BUILD)/gotcha
	python3 tools/precision.py --gotcha $(abspath $(BUILD)/gotcha) --list-unjudged
