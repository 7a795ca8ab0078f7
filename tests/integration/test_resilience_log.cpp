// The driver log: a reconnect is one info line, and no password is ever written.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "resilience_test.h"

using namespace odbc_test;
using namespace resilience_test;

TEST_CASE("a reconnect is logged at info level, without the password", "[integration][resilience][log]") {
  const std::string path = "/tmp/holdfast-log-test-" + std::to_string(getpid()) + ".log";
  std::remove(path.c_str());
  const std::string password = "S3cret-Pw-7x";
  Admin admin;
  admin.run("CREATE USER IF NOT EXISTS 'hf_log'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
  admin.run("GRANT ALL ON " + env_or("TEST_SCHEMA", "holdfast_test") + ".* TO 'hf_log'@'127.0.0.1'");
  const std::string as_user = "UID=hf_log;PWD=" + password + ";LOG_FILE=" + path + ";LOG_LEVEL=3";
  {
    Env env;
    // A failed connect is logged too, without the password it tried.
    Dbc refused(env);
    CHECK(refused.try_connect(resilient_connection_string("UID=hf_log;PWD=wrong-" + password + ";LOG_FILE=" + path)) ==
          SQL_ERROR);
    Dbc dbc(env);
    dbc.connect(resilient_connection_string(as_user));
    Stmt st(dbc);
    const std::string before = server_connection_id(dbc);
    admin.kill(before);
    CHECK(st.scalar("SELECT 'after'") == "after");
    CHECK(reconnects(dbc) == 1);
  }
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const std::string log = text.str();
  INFO(log);
  CHECK(log.find("INFO") != std::string::npos);
  CHECK(log.find("connected to") != std::string::npos);
  CHECK(log.find("lost before a send") != std::string::npos);
  CHECK(log.find("reconnected transparently") != std::string::npos);
  CHECK(log.find("failed") != std::string::npos);
  CHECK(log.find("hf_log") != std::string::npos);
  CHECK(log.find(password) == std::string::npos);
  std::remove(path.c_str());
}
