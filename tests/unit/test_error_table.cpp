#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/error_table.h"

using namespace holdfast;

TEST_CASE("every connection-loss code of RESILIENCE.md section 1 maps to 08S01", "[unit][errors]") {
  for (int code : {2006, 2013, 2055, 1053, 1927, 1158, 1159, 1160, 1161, 1152, 1184, 5013, 5014}) {
    INFO("native " << code);
    for (auto flavor : {ServerFlavor::mariadb, ServerFlavor::mysql}) {
      ErrorClass c = classify_error(code, "HY000", flavor, true);
      CHECK(c.sqlstate == "08S01");
      CHECK(c.connection_lost);
    }
  }
}

TEST_CASE("2002/2003 are 08001 on first connect and 08S01 on an established session", "[unit][errors]") {
  for (int code : {2002, 2003}) {
    INFO("native " << code);
    CHECK(classify_error(code, "", ServerFlavor::mariadb, false).sqlstate == "08001");
    CHECK_FALSE(classify_error(code, "", ServerFlavor::mariadb, false).connection_lost);
    CHECK(classify_error(code, "", ServerFlavor::mariadb, true).sqlstate == "08S01");
    CHECK(classify_error(code, "", ServerFlavor::mariadb, true).connection_lost);
  }
}

TEST_CASE("4031 is a lost connection only on MySQL", "[unit][errors]") {
  CHECK(classify_error(4031, "HY000", ServerFlavor::mysql, true).sqlstate == "08S01");
  CHECK(classify_error(4031, "HY000", ServerFlavor::mysql, true).connection_lost);
  ErrorClass maria = classify_error(4031, "HY000", ServerFlavor::mariadb, true);
  CHECK(maria.sqlstate == "HY000");
  CHECK_FALSE(maria.connection_lost);
}

TEST_CASE("connect-time and common server errors", "[unit][errors]") {
  CHECK(classify_error(1045, "28000", ServerFlavor::mariadb, false).sqlstate == "28000");
  CHECK(classify_error(1049, "42000", ServerFlavor::mariadb, false).sqlstate == "42000");
  CHECK(classify_error(2005, "HY000", ServerFlavor::any, false).sqlstate == "08001");
  CHECK(classify_error(1146, "42S02", ServerFlavor::mariadb, true).sqlstate == "42S02");
  CHECK(classify_error(1062, "23000", ServerFlavor::mariadb, true).sqlstate == "23000");
  CHECK(classify_error(1213, "40001", ServerFlavor::mariadb, true).sqlstate == "40001");
  CHECK(classify_error(1317, "70100", ServerFlavor::mariadb, true).sqlstate == "HY008");
  CHECK(classify_error(2014, "HY000", ServerFlavor::mariadb, true).sqlstate == "HY010");
  CHECK(classify_error(1969, "70100", ServerFlavor::mariadb, true).sqlstate == "HYT00");
}

TEST_CASE("unknown codes fall back to the server's SQLSTATE, then HY000", "[unit][errors]") {
  CHECK(classify_error(1101, "42000", ServerFlavor::mariadb, true).sqlstate == "42000");
  CHECK(classify_error(1101, "", ServerFlavor::mariadb, true).sqlstate == "HY000");
  CHECK(classify_error(1101, "00000", ServerFlavor::mariadb, true).sqlstate == "HY000");
  CHECK(classify_error(1101, "4200", ServerFlavor::mariadb, true).sqlstate == "HY000");
  CHECK_FALSE(classify_error(1101, "42000", ServerFlavor::mariadb, true).connection_lost);
}

TEST_CASE("the error table is well formed", "[unit][errors]") {
  std::set<std::pair<int, int>> seen;
  for (const ErrorMapping& row : error_mappings()) {
    INFO(row.native << " " << row.name);
    CHECK(row.sqlstate.size() == 5);
    CHECK(seen.insert({row.native, static_cast<int>(row.flavor)}).second);
    if (row.link == LinkEffect::lost) CHECK(row.sqlstate == "08S01");
    // Every row is reachable through classify_error with its own flavor.
    ServerFlavor f = row.flavor == ServerFlavor::any ? ServerFlavor::mariadb : row.flavor;
    CHECK(classify_error(row.native, "", f, false).sqlstate == row.sqlstate);
  }
}
