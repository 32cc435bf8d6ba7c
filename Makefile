# The README's commands. Each installs what is missing (Debian packages), builds, and runs.
#   make run    install the build packages, build the wfm binary only (Release) and run the main
#               job on the bundled sample (no tests, benchmarks, Python module, Chromium, Jupyter)
#   make test   build Release and ASan+UBSan builds and run every test in both, then the fuzz smoke
#               run (make test-fuzz)
#   make test-fuzz  clang build of the libFuzzer targets (fuzz/) and a FUZZ_SECONDS run of each
#   make bench  build and run the benchmarks (figures go in bench/RESULTS.md by hand)
#   make test-tsan  ThreadSanitizer build of the parallel paths' tests (not part of make test)
JOBS ?= $(shell nproc)
space := $(subst ,, )
CMAKE_FLAGS ?=
RELEASE := build/release
ASAN := build/asan
TSAN := build/tsan
FUZZ := build/fuzz
FUZZ_SECONDS ?= 30
# The tests of the parallel paths (core::parallel_for): the loop itself (core), replications
# (sim), interval solves and simulation staffing (pipeline), per-queue forecasts
# (forecast), plans and what-if grids (plan, cli).
TSAN_TESTS := core sim pipeline forecast plan cli
WFM := $(RELEASE)/src/cli/wfm

.PHONY: deps deps-run build build-wfm run test test-release test-asan test-fuzz test-tsan bench clean

# Everything `make test` and `make bench` use (scripts/install-deps.sh test).
deps:
	@bash scripts/install-deps.sh test

# Only what building and running the wfm binary needs.
deps-run:
	@bash scripts/install-deps.sh run

# Every target (library, CLI, tests, benchmarks, Python module). The options are given explicitly
# because `make run` turns them off in the same build directory.
build: deps
	@cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=Release -DWFM_BUILD_TESTS=ON \
	  -DWFM_BUILD_BENCH=ON -DWFM_BUILD_PYTHON=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(RELEASE) -j $(JOBS)

# The wfm binary alone: tests, benchmarks and the Python module are not configured (so Catch2,
# Google Benchmark and pybind11 need not be installed) and only the `wfm` target is built.
build-wfm: deps-run
	@cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=Release -DWFM_BUILD_TESTS=OFF \
	  -DWFM_BUILD_BENCH=OFF -DWFM_BUILD_PYTHON=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(RELEASE) -j $(JOBS) --target wfm

run: build-wfm
	@mkdir -p out
	$(WFM) plan scenarios/sample.toml --out out/sample
	@echo "plan written to out/sample (forecast.csv, staffing.csv, simulation.csv, summary.json, report.html)"

test-release: build
	@cd $(RELEASE) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWFM_SANITIZE=ON \
	  -DWFM_BUILD_BENCH=OFF -DWFM_BUILD_PYTHON=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)
	@cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

# The loaders' libFuzzer targets (fuzz/README.md), built by clang with ASan+UBSan and only the
# library modules they need, then each run for FUZZ_SECONDS (the smoke run; fuzz/run.sh).
test-fuzz: deps
	@cmake -S . -B $(FUZZ) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DWFM_FUZZ=ON -DWFM_BUILD_TESTS=OFF -DWFM_BUILD_BENCH=OFF -DWFM_BUILD_PYTHON=OFF \
	  $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(FUZZ) -j $(JOBS) --target wfm_fuzzers
	@bash fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS)

test: test-release test-asan test-fuzz

# ThreadSanitizer over the parallel paths (not part of `make test`: a separate full build).
# Debian's TBB is not built with TSan, so TSan could not see its synchronisation: this build runs
# core::parallel_for on its std::thread backend (WFM_PARALLEL_BACKEND=std), which TSan sees whole.
test-tsan: deps
	@cmake -S . -B $(TSAN) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWFM_SANITIZE_THREAD=ON \
	  -DWFM_PARALLEL_BACKEND=std -DWFM_BUILD_BENCH=OFF -DWFM_BUILD_PYTHON=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(TSAN) -j $(JOBS) --target $(patsubst %,wfm_%_tests,$(TSAN_TESTS))
	@cd $(TSAN) && TSAN_OPTIONS="halt_on_error=1" \
	  ctest --output-on-failure -j $(JOBS) -R '^($(subst $(space),|,$(TSAN_TESTS)))$$'

bench: build
	@bash bench/run.sh $(RELEASE)

clean:
	rm -rf build out
