// The statement API as a real client uses it: pyodbc's executemany() with
// fast_executemany off and on, parameters of many Python types, {call} with two result
// sets and a multi-statement batch (tests/smoke/statement_pyodbc.py).
#include <string>

#include "test_catalog_support.h"

TEST_CASE("pyodbc: executemany, typed parameters, {call} with two result sets, batches",
          "[integration][statement_clients]") {
  std::string output;
  const int rc = catalog_test::run_command(
      "/usr/bin/python3 " +
          catalog_test::shell_quote(std::string(HOLDFAST_SOURCE_DIR) + "/tests/smoke/statement_pyodbc.py"),
      output);
  INFO(output);
  CHECK(rc == 0);
  CHECK(output.find("statement_pyodbc: OK") != std::string::npos);
}
