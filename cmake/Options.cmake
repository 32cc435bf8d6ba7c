# Every build option in one place.
option(WFM_BUILD_TESTS "Build the Catch2 test suite" ON)
option(WFM_BUILD_BENCH "Build the benchmarks in bench/" ON)
option(WFM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(WFM_SANITIZE_THREAD "Build with ThreadSanitizer (make test-tsan; not with WFM_SANITIZE)" OFF)
option(WFM_WERROR "Treat warnings as errors" OFF)
option(WFM_BUILD_PYTHON "Build the Python module (python/, pybind11)" ON)
# The backend of wfm::core::parallel_for (src/wfm/core/parallel.hpp): oneTBB, or std::thread
# (for ThreadSanitizer, which cannot see the synchronisation of Debian's uninstrumented TBB).
set(WFM_PARALLEL_BACKEND tbb CACHE STRING "Backend of the parallel loops: tbb or std")
set_property(CACHE WFM_PARALLEL_BACKEND PROPERTY STRINGS tbb std)
if(NOT WFM_PARALLEL_BACKEND MATCHES "^(tbb|std)$")
  message(FATAL_ERROR "WFM_PARALLEL_BACKEND must be tbb or std, got '${WFM_PARALLEL_BACKEND}'")
endif()
option(WFM_FUZZ "Build the libFuzzer targets in fuzz/ (clang only; make test-fuzz)" OFF)

if(WFM_BUILD_PYTHON)
  # The static libraries end up inside the Python extension, a shared object.
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
endif()

if(WFM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(WFM_SANITIZE_THREAD)
  if(WFM_SANITIZE)
    message(FATAL_ERROR "WFM_SANITIZE_THREAD and WFM_SANITIZE cannot be combined")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
if(WFM_FUZZ)
  # The library is instrumented for coverage (fuzzer-no-link), ASan and UBSan; the fuzz targets
  # add -fsanitize=fuzzer (libFuzzer's main) in fuzz/CMakeLists.txt. A UBSan report aborts, so the
  # fuzzer records it as a crash.
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "WFM_FUZZ needs clang (configure with CXX=clang++)")
  endif()
  if(WFM_SANITIZE OR WFM_SANITIZE_THREAD)
    message(FATAL_ERROR "WFM_FUZZ brings its own sanitizers: leave WFM_SANITIZE* off")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
