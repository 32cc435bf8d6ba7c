// wfm: the command-line entry point. Everything happens in wfm::cli::run; main only forwards.
#include "cli/app.hpp"

int main(int argc, char** argv) {
  return wfm::cli::run(argc, argv);
}
