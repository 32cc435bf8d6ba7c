# Every third-party dependency, found from Debian's packages (scripts/install-deps.sh installs them).
# Nothing is downloaded at build time.
find_package(Boost 1.74 REQUIRED)              # Boost.Math: incomplete gamma; multiprecision in tests
find_package(Eigen3 3.3 REQUIRED NO_MODULE)     # least squares for forecasting models
if(WFM_PARALLEL_BACKEND STREQUAL "tbb" OR WFM_BUILD_BENCH)
  find_package(TBB REQUIRED)                   # core::parallel_for (default backend); benchmarks
endif()
if(WFM_PARALLEL_BACKEND STREQUAL "std")
  find_package(Threads REQUIRED)               # core::parallel_for over std::thread
endif()
find_package(fmt REQUIRED)                     # messages and tables
find_package(nlohmann_json 3.10 REQUIRED)      # --json output
find_package(CLI11 REQUIRED)                   # the CLI only
find_package(tomlplusplus REQUIRED)            # column-mapping and scenario files
find_package(date 3 REQUIRED)                  # --timezone: libdate-tz on the system tzdata
# CBC (COIN-OR branch and cut, with Clp and Osi), the MIP solver of src/wfm/schedule only.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)
# Random123 (header-only, counter-based generators for reproducible parallel simulation).
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(wfm_random123 INTERFACE)
target_include_directories(wfm_random123 SYSTEM INTERFACE ${RANDOM123_INCLUDE_DIR})
add_library(Random123::Random123 ALIAS wfm_random123)
if(WFM_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()
if(WFM_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
if(WFM_BUILD_PYTHON)
  # Debian's interpreter, where python3-numpy and python3-pandas live (not a pyenv on the PATH).
  if(NOT Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3)
  endif()
  find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter Development.Module)
  find_package(pybind11 2.6 CONFIG REQUIRED)   # the Python module only
endif()
