# make bench: throughput figures (never part of the tests). See bench/run.sh for the sections.
bench: $(BUILD)/gotcha
	GOTCHA=$(abspath $(BUILD)/gotcha) bench/run.sh

# Manual oracle run over the 3.11.7 site-packages (tens of thousands of files); prints the counts.
.PHONY: oracle-site-packages
oracle-site-packages: $(BUILD)/gotcha
	GOTCHA=$(abspath $(BUILD)/gotcha) tests/oracle/site_packages.sh
