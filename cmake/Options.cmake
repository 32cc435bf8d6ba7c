# Every build option in one place.
option(WFM_BUILD_TESTS "Build the Catch2 test suite" ON)
option(WFM_BUILD_BENCH "Build the benchmarks in bench/" ON)
option(WFM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(WFM_WERROR "Treat warnings as errors" OFF)

if(WFM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
