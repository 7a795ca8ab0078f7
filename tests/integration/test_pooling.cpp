// unixODBC connection pooling (Pooling = Yes in odbcinst.ini, CPTimeout on the driver):
// a pooled connection is reused (the same server connection), carries nothing of its
// previous user (SQL_ATTR_RESET_CONNECTION), and a pooled connection killed on the server
// is found dead (SQL_ATTR_CONNECTION_DEAD, no round trip) and replaced. The client runs in
// a separate process (tools/odbc_script, an ODBC 3.8 application: unixODBC resets pooled
// connections only for those) under a private ODBCSYSINI that enables pooling.
#include <string>
#include <vector>

#include "odbc_test.h"
#include "script_client.h"

using namespace odbc_test;

namespace {

constexpr const char* kDriver = "HoldfastPooled";

std::string pooled_connection_string() {
  return connection_string("DRIVER={" + std::string(kDriver) + "};INITSTMT=SET @hf_pool_init = 5;PING_IDLE=600");
}

void prepare_table() {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS hf_pool_t");
  st.run("CREATE TABLE hf_pool_t (i INT) ENGINE=InnoDB");
}

}  // namespace

TEST_CASE("a pooled connection is reused and carries nothing of its previous user", "[integration][pooling]") {
  prepare_table();
  script_client::PrivateOdbc odbc(kDriver, "CPTimeout = 120", "Pooling = Yes", "");
  const std::vector<std::string> r = odbc.run(
      pooled_connection_string(),
      {// The first user leaves everything it can behind.
       "a connect", "a q:SELECT CONNECTION_ID()", "a q:CREATE TEMPORARY TABLE hf_pool_tmp (i INT)",
       "a q:SET @hf_pool_var = 7", "a set:isolation=serializable", "a set:autocommit=0",
       "a q:INSERT INTO hf_pool_t VALUES (1)", "a set:readonly=1", "a set:catalog=information_schema",
       "a q:SET SESSION sql_mode = 'ANSI_QUOTES'", "a disconnect",
       // The second user gets the same server connection, as new.
       "b connect", "b q:SELECT CONNECTION_ID()", "b q:SELECT @hf_pool_var", "b q:SELECT COUNT(*) FROM hf_pool_tmp",
       "b get:autocommit", "b q:SELECT @@autocommit", "b q:SELECT COUNT(*) FROM hf_pool_t",
       "b q:SELECT @@SESSION.tx_isolation = @@GLOBAL.tx_isolation", "b q:SELECT @@SESSION.tx_read_only",
       "b q:SELECT DATABASE()", "b get:catalog", "b q:SELECT @@SESSION.sql_mode = @@GLOBAL.sql_mode",
       "b q:SELECT @hf_pool_init", "b q:SELECT @@character_set_client", "b get:isolation", "b get:readonly",
       "b q:INSERT INTO hf_pool_t VALUES (2)", "b disconnect"});
  const std::string first_id = r[1];
  CHECK(r[0] == "ok");
  REQUIRE(first_id.rfind("row ", 0) == 0);
  for (int step : {2, 3, 4, 5, 7, 8, 9}) {
    INFO("step " << step);
    CHECK(r[step].rfind("error", 0) != 0);
  }
  CHECK(r[6] == "ok 1");
  CHECK(r[10] == "ok");
  CHECK(r[11] == "ok");
  CHECK(r[12] == first_id);                      // the same server connection: reused
  CHECK(r[13] == "row <NULL>");                  // user variable gone
  CHECK(r[14].rfind("error 42S02", 0) == 0);     // temporary table gone
  CHECK(r[15] == "value 1");                     // autocommit back on (attribute)
  CHECK(r[16] == "row 1");                       // ... and on the server
  CHECK(r[17] == "row 0");                       // the open transaction was rolled back
  CHECK(r[18] == "row 1");                       // isolation: the server's default again
  CHECK(r[19] == "row 0");                       // read-write again
  CHECK(r[20] == "row " + env_or("TEST_SCHEMA", "holdfast_test"));  // the DSN's database
  CHECK(r[21] == "value " + env_or("TEST_SCHEMA", "holdfast_test"));
  CHECK(r[22] == "row 1");                       // session sql_mode back to the global one
  CHECK(r[23] == "row 5");                       // INITSTMT ran again
  CHECK(r[24] == "row utf8mb4");                 // the configured character set
  CHECK(r[25] == "value " + std::to_string(SQL_TXN_REPEATABLE_READ));
  CHECK(r[26] == "value " + std::to_string(SQL_MODE_READ_WRITE));
  CHECK(r[27] == "ok 1");                        // and it is usable for writes
}

TEST_CASE("a pooled connection killed on the server is found dead and replaced", "[integration][pooling]") {
  script_client::PrivateOdbc odbc(kDriver, "CPTimeout = 120", "Pooling = Yes", "");
  const std::vector<std::string> r = odbc.run(
      pooled_connection_string(),
      {"a connect", "a q:SELECT CONNECTION_ID()", "k connect", "k q:SELECT CONNECTION_ID()", "a disconnect",
       "k q:KILL CONNECTION $a", "k untilzero:SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = $a",
       "k sleep:150", "c connect", "c q:SELECT CONNECTION_ID()", "c q:SELECT @hf_pool_init", "c get:reconnects",
       "c dead", "c disconnect"});
  CHECK(r[0] == "ok");
  CHECK(r[2] == "ok");
  CHECK(r[3] != r[1]);        // the admin connection is a second server connection
  CHECK(r[6] == "row 0");
  CHECK(r[8] == "ok");
  CHECK(r[9] != r[1]);        // not the killed one
  CHECK(r[9] != r[3]);        // nor the admin's, which was never returned
  CHECK(r[10] == "row 5");
  CHECK(r[11] == "value 0");  // replaced by the pool, not reconnected by the driver
  CHECK(r[12] == "value 0");
}
