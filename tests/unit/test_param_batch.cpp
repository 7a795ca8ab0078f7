// Which statements are sent as multi-row INSERTs for arrays of parameters.
#include <catch2/catch.hpp>

#include <string>

#include "core/param_batch.h"
#include "core/sql_scan.h"

using namespace holdfast;

namespace {

// The row's text, or "-" when the statement is not batchable.
std::string row_of(const std::string& sql) {
  ScanOptions options;
  const ScanResult scan = scan_sql(sql, options);
  const std::optional<InsertRow> row = single_row_insert(sql, scan.markers, options);
  return row ? sql.substr(row->tuple_begin, row->tuple_end - row->tuple_begin) : "-";
}

}  // namespace

TEST_CASE("single_row_insert finds the one row of a plain INSERT", "[unit][param_arrays]") {
  CHECK(row_of("INSERT INTO t (a, b) VALUES (?, ?)") == "(?, ?)");
  CHECK(row_of("  insert into t values(?, 'x', f(?, 2))  ;  ") == "(?, 'x', f(?, 2))");
  CHECK(row_of("INSERT IGNORE INTO t VALUE (?) -- done") == "(?)");
  CHECK(row_of("REPLACE INTO t VALUES (?, '?)')") == "(?, '?)')");
  CHECK(row_of("/* c */ INSERT INTO `values` (`values`) VALUES (?)") == "(?)");
}

TEST_CASE("single_row_insert refuses everything else", "[unit][param_arrays]") {
  CHECK(row_of("INSERT INTO t VALUES (?), (?)") == "-");
  CHECK(row_of("INSERT INTO t VALUES (?) ON DUPLICATE KEY UPDATE a = ?") == "-");
  CHECK(row_of("INSERT INTO t SELECT ? FROM dual") == "-");
  CHECK(row_of("INSERT INTO t SET a = ?") == "-");
  CHECK(row_of("UPDATE t SET a = ? WHERE b = ?") == "-");
  CHECK(row_of("INSERT INTO t VALUES (?); DELETE FROM t") == "-");
  CHECK(row_of("INSERT INTO t /*!99999 VALUES (?) */") == "-");
  CHECK(row_of("INSERT INTO t VALUES (?") == "-");
  CHECK(row_of("INSERT INTO t VALUES ('unterminated") == "-");
  CHECK(row_of("INSERT INTO t (a) SELECT x FROM u WHERE y IN (SELECT ?) VALUES") == "-");
}

TEST_CASE("single_row_insert names the target table", "[unit][param_arrays]") {
  ScanOptions options;
  auto table = [&](const std::string& sql) {
    const ScanResult scan = scan_sql(sql, options);
    const std::optional<InsertRow> row = single_row_insert(sql, scan.markers, options);
    return row ? row->table_schema + "|" + row->table_name : std::string("-");
  };
  CHECK(table("INSERT INTO t VALUES (?)") == "|t");
  CHECK(table("INSERT LOW_PRIORITY IGNORE INTO db1.t2 (a) VALUES (?)") == "db1|t2");
  CHECK(table("REPLACE `my db`.`odd``name` VALUES (?)") == "my db|odd`name");
  CHECK(table("INSERT INTO (SELECT 1) VALUES (?)") == "-");
}
