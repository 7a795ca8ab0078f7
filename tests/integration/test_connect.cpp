#include "odbc_test.h"

using namespace odbc_test;

TEST_CASE("DSN-less connect, a query, and disconnect", "[integration][connect]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  CHECK(dbc.completed.find("SERVER=") != std::string::npos);
  Stmt st(dbc);
  CHECK(st.scalar("SELECT 1+1") == "2");
  CHECK(st.scalar("SELECT DATABASE()") == env_or("TEST_SCHEMA", "holdfast_test"));
  dbc.disconnect();
}
