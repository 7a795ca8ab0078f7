// The second name of every entry point (driver/ltdl_aliases.cmake): unixODBC's loader,
// libltdl, asks for "libholdfast_LTX_<name>" before "<name>", and a failed lookup costs
// an error message per ODBC function on every connect. Each entry point must have its
// alias at the same address, and no alias may name anything else.
#include <set>
#include <string>

#include "driver_lib.h"
#include "odbc_test.h"
#include "test_misuse_exports.h"

using namespace odbc_test;

TEST_CASE("every entry point is also exported under libltdl's prefixed name, at the same address",
          "[integration][ltdl]") {
  std::string error;
  const std::set<std::string> all = elf_exported_functions(driver().path, error);
  REQUIRE(error.empty());
  const std::set<std::string>& entry_points = driver_exports();
  REQUIRE(entry_points.count("SQLDriverConnect") == 1);
  REQUIRE(entry_points.count("SQLGetData") == 1);
  for (const std::string& name : entry_points) {
    INFO(name);
    const std::string alias = kLtdlPrefix + name;
    CHECK(all.count(alias) == 1);
    void* plain = driver().symbol(name.c_str());
    REQUIRE(plain != nullptr);
    CHECK(driver().symbol(alias.c_str()) == plain);
  }
  // Nothing but entry points and their aliases.
  CHECK(all.size() == 2 * entry_points.size());
  for (const std::string& name : all) {
    if (name.rfind(kLtdlPrefix, 0) != 0) continue;
    INFO(name);
    CHECK(entry_points.count(name.substr(std::string(kLtdlPrefix).size())) == 1);
  }
}
