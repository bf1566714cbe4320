# cmake --graphviz=deps.dot build: only briefmap's own modules (see DESIGN.md, "Modules and what
# they may use"), without the link checks, probes, tests and external libraries.
set(GRAPHVIZ_EXTERNAL_LIBS FALSE)
set(GRAPHVIZ_IGNORE_TARGETS "briefmap_linkcheck_.*" "probe_.*" "briefmap_resources"
    "briefmap_tests" "pick_bench" "link_bench" "fuzz_.*" "briefmap_check_modules")
set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)
set(GRAPHVIZ_GENERATE_DEPENDERS FALSE)
