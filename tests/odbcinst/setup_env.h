// The private installer environment of setup_tests: ODBCSYSINI and ODBCINI point into a
// temporary folder made before any test runs, with Holdfast registered (driver and setup
// library of this build) in its odbcinst.ini.
#pragma once

#include <string>

namespace setup_test {

// The temporary folder (ODBCSYSINI); user DSNs go to <dir>/user.ini (ODBCINI).
const std::string& sysini_dir();
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);
// A fresh empty sub-folder of sysini_dir() for tests that need their own ODBCSYSINI.
std::string fresh_dir(const std::string& name);

struct ToolResult {
  int status;          // exit status
  std::string output;  // stdout and stderr together
};
// Runs holdfast-odbc with `args` (shell words) after the environment assignments in
// `env` (e.g. "ODBCSYSINI=/x"). In the ASan build the tool is instrumented too, leak
// checking included: a leak makes its exit status non-zero.
ToolResult run_tool(const std::string& args, const std::string& env = "");

// An environment variable or `fallback`.
std::string env_or(const char* name, const char* fallback);

}  // namespace setup_test
