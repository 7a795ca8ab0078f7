// Runs tests/integration/tools/odbc_script (a separate process, so the driver manager
// starts afresh) under a private ODBCSYSINI/ODBCINI the test writes: connection pooling
// switched on in odbcinst.ini, DSNs written as another driver's users wrote them.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "driver_lib.h"
#include "odbc_test.h"

namespace script_client {

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// A private ODBC configuration directory: odbcinst.ini registers the driver under test
// (the library TEST_DRIVER names in the current configuration) as `driver_name`, with
// `driver_extra` lines, and `odbcinst_odbc` as its [ODBC] section; odbc.ini holds `dsns`.
class PrivateOdbc {
 public:
  PrivateOdbc(const std::string& driver_name, const std::string& driver_extra, const std::string& odbcinst_odbc,
              const std::string& dsns) {
    char pattern[] = "/tmp/holdfast-odbc-XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    dir = pattern;
    const std::string library = odbc_test::registered_driver_path(odbc_test::env_or("TEST_DRIVER", "Holdfast"));
    REQUIRE_FALSE(library.empty());
    std::ofstream(dir + "/odbcinst.ini") << "[ODBC]\n"
                                         << odbcinst_odbc << "\n[" << driver_name << "]\nDriver = " << library
                                         << "\nThreading = 0\n"
                                         << driver_extra << "\n";
    std::ofstream(dir + "/odbc.ini") << dsns;
  }
  ~PrivateOdbc() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  PrivateOdbc(const PrivateOdbc&) = delete;
  PrivateOdbc& operator=(const PrivateOdbc&) = delete;

  // Runs odbc_script with `cs` and `steps`; returns, per step, what follows "<handle>
  // <action> " in its output line. Fails the test when the script did not run every step.
  std::vector<std::string> run(const std::string& cs, const std::vector<std::string>& steps) const {
    // Leak checking stays with the test process: the driver manager's pool keeps its
    // connections (by design) until the script's process ends.
    std::string command = "ODBCSYSINI=" + shell_quote(dir) + " ODBCINI=" + shell_quote(dir + "/odbc.ini") +
                          " ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " +
                          shell_quote(HOLDFAST_ODBC_SCRIPT) + " " + shell_quote(cs);
    for (const std::string& step : steps) command += " " + shell_quote(step);
    command += " 2>&1";
    std::FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = pclose(pipe);
    INFO("odbc_script output:\n" << output);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    std::vector<std::string> results;
    std::size_t from = 0;
    while (from < output.size()) {
      std::size_t end = output.find('\n', from);
      if (end == std::string::npos) end = output.size();
      std::string line = output.substr(from, end - from);
      from = end + 1;
      // "<handle> <action> <result>"
      const std::size_t first = line.find(' ');
      const std::size_t second = first == std::string::npos ? first : line.find(' ', first + 1);
      results.push_back(second == std::string::npos ? std::string() : line.substr(second + 1));
    }
    REQUIRE(results.size() == steps.size());
    return results;
  }

  std::string dir;
};

}  // namespace script_client
