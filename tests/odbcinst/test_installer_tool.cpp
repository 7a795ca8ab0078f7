// The holdfast-odbc tool, run as a program against private odbcinst.ini/odbc.ini files.
#include <catch2/catch.hpp>

#include "setup_env.h"

#include <cstdio>
#include <string>

using namespace setup_test;
using Catch::Contains;

namespace {

// The environment assignments that give the tool its own installer files in `dir`.
std::string files_in(const std::string& dir) {
  return "ODBCSYSINI=" + dir + " ODBCINI=" + dir + "/user.ini";
}

}  // namespace

TEST_CASE("holdfast-odbc --version prints the project version", "[setup][tool]") {
  const auto r = run_tool("--version");
  CHECK(r.status == 0);
  CHECK(r.output == "holdfast-odbc " HOLDFAST_PROJECT_VERSION "\n");
}

TEST_CASE("holdfast-odbc refuses a bad command line with status 2", "[setup][tool]") {
  CHECK(run_tool("").status == 2);
  const auto r = run_tool("dsn frobnicate");
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Contains("unknown subcommand 'frobnicate'") && Contains("usage:"));
  CHECK(run_tool("dsn add x --bogus").status == 2);
  CHECK(run_tool("dsn add x PORT").status == 2);
  CHECK(run_tool("dsn test x --timeout soon").status == 2);
}

TEST_CASE("holdfast-odbc driver register and unregister keep UsageCount", "[setup][tool]") {
  const std::string dir = fresh_dir("driver");
  const std::string env = files_in(dir);
  const std::string paths =
      " --driver-path " HOLDFAST_DRIVER_LIB " --setup-path " HOLDFAST_SETUP_LIB;
  auto r = run_tool("driver register" + paths, env);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Contains("UsageCount 1"));
  std::string ini = read_file(dir + "/odbcinst.ini");
  CHECK_THAT(ini, Contains("[Holdfast]") && Contains("Driver=" HOLDFAST_DRIVER_LIB) &&
                      Contains("Setup=" HOLDFAST_SETUP_LIB) && Contains("UsageCount=1"));

  REQUIRE(run_tool("driver register" + paths, env).status == 0);
  CHECK_THAT(read_file(dir + "/odbcinst.ini"), Contains("UsageCount=2"));

  r = run_tool("driver unregister", env);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("still registered (UsageCount 1)"));
  CHECK_THAT(read_file(dir + "/odbcinst.ini"), Contains("[Holdfast]"));
  r = run_tool("driver show", env);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("UsageCount = 1"));

  r = run_tool("driver unregister", env);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("unregistered driver Holdfast"));
  CHECK_THAT(read_file(dir + "/odbcinst.ini"), !Contains("[Holdfast]"));
  CHECK(run_tool("driver show", env).status == 1);

  // --all drops every count at once.
  run_tool("driver register" + paths, env);
  run_tool("driver register" + paths, env);
  run_tool("driver register" + paths, env);
  CHECK(run_tool("driver unregister --all", env).status == 0);
  CHECK_THAT(read_file(dir + "/odbcinst.ini"), !Contains("[Holdfast]"));

  r = run_tool("driver register --driver-path /nonexistent/libholdfast.so", env);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("/nonexistent/libholdfast.so not found"));
}

TEST_CASE("holdfast-odbc dsn add, edit, show, list and remove user and system DSNs",
          "[setup][tool]") {
  const std::string dir = fresh_dir("dsn");
  const std::string env = files_in(dir);
  auto r =
      run_tool("dsn add app SERVER=db.example PORT=3307 UID=app PWD=hunter2 RETRY_READS=1", env);
  REQUIRE(r.status == 0);
  std::string user = read_file(dir + "/user.ini");
  CHECK_THAT(user, Contains("[app]") && Contains("Driver=Holdfast") && Contains("PORT=3307") &&
                       Contains("RETRY_READS=1"));

  r = run_tool("dsn add app SERVER=other", env);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("user DSN app exists"));

  r = run_tool("dsn edit app PORT=3308 RETRY_READS=", env);
  CHECK(r.status == 0);
  user = read_file(dir + "/user.ini");
  CHECK_THAT(user, Contains("PORT=3308") && !Contains("RETRY_READS"));

  r = run_tool("dsn show app", env);
  CHECK(r.status == 0);
  CHECK_THAT(r.output,
             Contains("SERVER = db.example") && Contains("PWD = ***") && !Contains("hunter2"));

  REQUIRE(run_tool("dsn add --system shared SERVER=db2.example DATABASE=sales", env).status == 0);
  CHECK_THAT(read_file(dir + "/odbc.ini"), Contains("[shared]") && Contains("DATABASE=sales"));
  CHECK_THAT(read_file(dir + "/user.ini"), !Contains("[shared]"));
  r = run_tool("dsn list", env);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("app") && Contains("db.example:3308") && Contains("shared") &&
                           Contains("system") && Contains("db2.example/sales"));
  r = run_tool("dsn list --system", env);
  CHECK_THAT(r.output, !Contains("db.example:3308"));

  CHECK(run_tool("dsn remove app --system", env).status == 1);
  CHECK(run_tool("dsn remove app", env).status == 0);
  CHECK_THAT(read_file(dir + "/user.ini"), !Contains("[app]"));
  CHECK(run_tool("dsn remove shared --system", env).status == 0);
  CHECK_THAT(read_file(dir + "/odbc.ini"), !Contains("[shared]"));
  CHECK(run_tool("dsn show app", env).status == 1);
}

TEST_CASE("holdfast-odbc dsn add and edit refuse unknown keywords and bad values",
          "[setup][tool]") {
  const std::string dir = fresh_dir("dsn_bad");
  const std::string env = files_in(dir);
  auto r = run_tool("dsn add bad SEVRER=db PORT=3306", env);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("unknown keyword 'SEVRER'; did you mean SERVER?"));
  r = run_tool("dsn add bad PING_IDLE=-5 RECONNECT=maybe PWD=x", env);
  CHECK(r.status == 1);
  CHECK_THAT(r.output,
             Contains("PING_IDLE must be an integer from -1") && Contains("RECONNECT must be 1/0"));
  CHECK_THAT(read_file(dir + "/user.ini"), !Contains("[bad]"));

  // --force writes anyway, with warnings.
  r = run_tool("dsn add bad --force SEVRER=db", env);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("warning: unknown keyword 'SEVRER'"));
  CHECK(run_tool("dsn edit bad PORT=0", env).status == 1);
  CHECK_THAT(read_file(dir + "/user.ini"), !Contains("PORT="));
}

TEST_CASE("holdfast-odbc ini check reports the problems of Holdfast DSNs in a file",
          "[setup][tool]") {
  const std::string dir = fresh_dir("ini");
  write_file(dir + "/bad.ini",
             "[ODBC Data Sources]\nsales = Holdfast\n\n"
             "[sales]\nDriver = Holdfast\nSEVRER = db\nPORT = abc\nRECONNECT = 2\nUID = app\n\n"
             "[bypath]\nDriver = /usr/lib/x86_64-linux-gnu/odbc/libholdfast.so\nPING_IDL = 5\n\n"
             "[other]\nDriver = SomeoneElse\nWHATEVER = 1\n");
  auto r = run_tool("ini check " + dir + "/bad.ini");
  CHECK(r.status == 1);
  CHECK_THAT(r.output,
             Contains("[sales] unknown keyword 'sevrer'; did you mean SERVER?") &&
                 Contains("[sales] PORT must be an integer from 1 to 65535, not 'abc'") &&
                 Contains("[sales] RECONNECT must be 1/0") &&
                 Contains("[bypath] unknown keyword 'ping_idl'; did you mean PING_IDLE?") &&
                 !Contains("whatever") && Contains("2 Holdfast data sources checked, 4 problems"));

  write_file(dir + "/good.ini",
             "[sales]\nDriver = Holdfast\nSERVER = db\nPORT = 3306\nOPTION = 67108866\n");
  r = run_tool("ini check " + dir + "/good.ini");
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("1 Holdfast data source checked, 0 problems"));

  CHECK(run_tool("ini check " + dir + "/missing.ini").status == 1);
}

TEST_CASE("holdfast-odbc dsn test connects and shows server, connection and resilience",
          "[setup][tool][integration]") {
  const std::string dir = fresh_dir("dsn_test");
  // The driver registered in the private odbcinst.ini (from main.cpp) serves this DSN.
  write_file(dir + "/odbcinst.ini", read_file(sysini_dir() + "/odbcinst.ini"));
  const std::string env = files_in(dir);
  const std::string add = "dsn add live SERVER=" + env_or("TEST_SERVER", "127.0.0.1") +
                          " PORT=" + env_or("TEST_PORT", "3306") +
                          " DATABASE=" + env_or("TEST_SCHEMA", "holdfast_test") +
                          " UID=" + env_or("TEST_UID", "holdfast") +
                          " PWD=" + env_or("TEST_PASSWORD", "") + " PING_IDLE=7 RETRY_READS=1";
  REQUIRE(run_tool(add, env).status == 0);

  auto r = run_tool("dsn test live", env);
  INFO("first run: " << r.output);
  REQUIRE(r.status == 0);
  int major = 0, minor = 0, patch = 0;
  std::sscanf(HOLDFAST_PROJECT_VERSION, "%d.%d.%d", &major, &minor, &patch);
  char driver_ver[32];
  std::snprintf(driver_ver, sizeof driver_ver, "%02d.%02d.%04d", major, minor, patch);
  CHECK_THAT(r.output, Contains(std::string("libholdfast.so ") + driver_ver));
  CHECK_THAT(r.output,
             Contains("MariaDB") && Contains("connection id") && Contains("connection alive"));
  CHECK_THAT(
      r.output,
      Contains("resilience       active: RECONNECT=1 RECONNECT_TRIES=3 PING_IDLE=7 RETRY_READS=1"));
  CHECK_THAT(r.output, Contains("wait_timeout=") && Contains("max_allowed_packet="));
  CHECK_THAT(r.output, Contains("uptime=") && !Contains("uptime=?"));
  // The test server runs without TLS; the default SSLMODE lets that be.
  CHECK_THAT(r.output, Contains("tls              not encrypted (clear text) (SSLMODE=preferred)"));
  CHECK_THAT(r.output, Catch::EndsWith("OK\n"));

  REQUIRE(run_tool("dsn edit live RECONNECT=0 PING_IDLE=-1 RETRY_READS=0", env).status == 0);
  r = run_tool("dsn test live", env);
  INFO("resilience off: " << r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("resilience       off: RECONNECT=0"));

  r = run_tool("dsn test live --pwd wrong-password", env);
  INFO("wrong password: " << r.output);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("FAILED: could not connect to live") && Contains("28000"));
  r = run_tool("dsn test nosuchdsn", env);
  INFO("no such DSN: " << r.output);
  CHECK(r.status == 1);
}
