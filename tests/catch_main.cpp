// Catch2 v2 main for every wfm test executable.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
