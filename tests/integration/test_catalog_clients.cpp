// The catalog functions as real clients use them: isql's and iusql's "help" commands
// (SQLTables / SQLColumns, A and W) and pyodbc's cursor.tables(), columns(),
// primaryKeys(), statistics(), foreignKeys(), procedures(), procedureColumns(), rowIdColumns(),
// rowVerColumns() and getTypeInfo() (tests/smoke/catalog_pyodbc.py).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// isql/iusql print the ODBC 2 codes (they run as ODBC 2 applications): 11 for datetime.
const char* const kHelpTables[] = {
    "holdfast_cat||seq1|SEQUENCE|",
    "holdfast_cat||tbl_one|TABLE|first table",
    "holdfast_cat||v_one|VIEW|",
    "holdfast_cat||Mixed|TABLE|",
};
const char* const kHelpColumns[] = {
    "holdfast_cat||tbl_one|id|4|int unsigned|10|4|0|10|0|the key||4|||1|NO",
    "holdfast_cat||tbl_one|amount|3|decimal|12|14|2|10|0|money|0.00|3|||2|NO",
    "holdfast_cat||tbl_one|created|11|datetime|23|16|3||1||current_timestamp(3)|11|3||4|YES",
    "holdfast_cat||tbl_one|state|-8|enum|3|12|||0||'new'|-8||12|7|NO",
    "holdfast_cat||tbl_one|twice|4|int|10|4|0|10|1|||4|||12|YES",
};

void check_help_output(const std::string& output) {
  INFO(output);
  const std::vector<std::string> lines = lines_of(output);
  for (const char* line : kHelpTables) CHECK(has_line(lines, line));
  for (const char* line : kHelpColumns) CHECK(has_line(lines, line));
  // help: the eight tables of the database; help tbl_one: its twelve columns.
  std::size_t table_lines = 0, column_lines = 0;
  for (const std::string& line : lines) {
    if (line.rfind("holdfast_cat||tbl_one|", 0) == 0 && std::count(line.begin(), line.end(), '|') == 17) ++column_lines;
    else if (line.rfind("holdfast_cat||", 0) == 0 && std::count(line.begin(), line.end(), '|') == 4) ++table_lines;
  }
  CHECK(table_lines == 8);
  CHECK(column_lines == 12);
  CHECK(output.find("ERROR") == std::string::npos);
}

}  // namespace

TEST_CASE("isql: help and help <table> list the tables and the columns", "[integration][catalog]") {
  create_catalog_schema();
  std::string output;
  const int rc = run_command("printf 'help\\nhelp tbl_one\\n' | isql -k " +
                                 shell_quote(connection_string("DATABASE=" + kDb)) + " -b -d'|'",
                             output);
  REQUIRE(rc == 0);
  check_help_output(output);
}

TEST_CASE("iusql: help and help <table> through the W entry points", "[integration][catalog]") {
  create_catalog_schema();
  // iusql has no DSN-less mode: a DSN of its own, in an odbc.ini of its own.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("holdfast_catalog_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string ini = (dir / "odbc.ini").string();
  {
    std::ofstream out(ini);
    out << "[holdfast_catalog]\nDriver = " << env_or("TEST_DRIVER", "Holdfast") << "\nSERVER = "
        << env_or("TEST_SERVER", "127.0.0.1") << "\nPORT = " << env_or("TEST_PORT", "3311")
        << "\nDATABASE = " << kDb << "\n";
  }
  std::string output;
  const int rc = run_command("printf 'help\\nhelp tbl_one\\n' | ODBCINI=" + shell_quote(ini) +
                                 " iusql holdfast_catalog " + shell_quote(env_or("TEST_UID", "holdfast")) + " " +
                                 shell_quote(env_or("TEST_PASSWORD", "holdfast")) + " -b -d'|'",
                             output);
  std::filesystem::remove_all(dir);
  REQUIRE(rc == 0);
  check_help_output(output);
}

TEST_CASE("pyodbc: tables(), columns(), primaryKeys(), statistics(), foreignKeys(), procedures(), getTypeInfo()",
          "[integration][catalog]") {
  create_catalog_schema();
  std::string output;
  const int rc = run_command("/usr/bin/python3 " + shell_quote(std::string(HOLDFAST_SOURCE_DIR) +
                                                               "/tests/smoke/catalog_pyodbc.py") +
                                 " " + kDb,
                             output);
  INFO(output);
  CHECK(rc == 0);
  CHECK(output.find("catalog_pyodbc: OK") != std::string::npos);
}
