# make valgrind: memcheck over a full `gotcha check --select ALL` (full output format) of the CPython 3.13 stdlib.
# Passes only with 0 errors and 0 leaked bytes of any kind (definite, indirect, possible, reachable).
# gotcha runs with --exit-zero, so any other status than 0 fails: 2 = the run failed, VALGRIND_STATUS =
# a memcheck error or leak. Takes minutes; the full log is kept in $(BUILD)/valgrind.log.
VALGRIND        ?= valgrind
# The standard library of CPython 3.13 (tests/lib/python.sh finds it), unless VALGRIND_TREE is given.
VALGRIND_TREE   ?= $(shell py=$$(tests/lib/python.sh 3.13 2>/dev/null) && \
                     "$$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
VALGRIND_STATUS := 99
VALGRIND_FLAGS  := --tool=memcheck --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
                   --track-origins=yes --error-exitcode=$(VALGRIND_STATUS)

.PHONY: valgrind
valgrind: $(BUILD)/gotcha
	@test -d "$(VALGRIND_TREE)" || { echo "valgrind: no tree at '$(VALGRIND_TREE)'"; exit 2; }
	@echo "valgrind: gotcha check $(VALGRIND_TREE) (log in $(BUILD)/valgrind.log)"
	@$(VALGRIND) $(VALGRIND_FLAGS) --log-file=$(BUILD)/valgrind.log \
	  $(BUILD)/gotcha check --isolated --exit-zero --select ALL --output-format full $(VALGRIND_TREE) \
	  >$(BUILD)/valgrind.out 2>$(BUILD)/valgrind.err; \
	status=$$?; \
	grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|All heap blocks|total heap usage' \
	  $(BUILD)/valgrind.log | sed 's/^==[0-9]*== */  /'; \
	echo "  findings reported: $$(grep -c ': GT' $(BUILD)/valgrind.out)"; \
	if [ $$status -ne 0 ]; then echo "valgrind: FAILED (status $$status), see $(BUILD)/valgrind.log"; exit 1; fi; \
	echo "valgrind: 0 errors, 0 leaks"
