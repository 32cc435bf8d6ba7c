# The README's commands. Each installs what is missing (Debian packages), builds, and runs.
#   make run    build (Release) and run the main job on the bundled sample
#   make test   build Release and ASan+UBSan builds and run every test in both
#   make bench  build and run the benchmarks (figures go in bench/RESULTS.md by hand)
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
RELEASE := build/release
ASAN := build/asan
WFM := $(RELEASE)/src/cli/wfm

.PHONY: deps build run test test-release test-asan bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(RELEASE) -j $(JOBS)

run: build
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

test: test-release test-asan

bench: build
	@bash bench/run.sh $(RELEASE)

clean:
	rm -rf build out
