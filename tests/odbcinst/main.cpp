#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "setup_env.h"

int main(int argc, char** argv) {
  setup_test::sysini_dir();  // before the driver manager reads any environment
  const int result = Catch::Session().run(argc, argv);
  std::system(("rm -rf '" + setup_test::sysini_dir() + "'").c_str());
  return result;
}
