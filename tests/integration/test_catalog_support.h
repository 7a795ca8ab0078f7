// Helpers for the catalog function tests: the schema they create, and reading a catalog
// result set (its shape and its rows) through the driver manager.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "driver_lib.h"

namespace catalog_test {

using namespace odbc_test;

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;
using Rows = std::vector<Row>;

inline const std::string kDb = "holdfast_cat";
inline const std::string kDb2 = "holdfast_cat2";
// Foreign keys, procedures and functions (a name no pattern of the other tests matches).
inline const std::string kRel = "holdfast_rel";

// The schema every catalog test reads; created once per test run.
inline void create_catalog_schema() {
  static bool created = false;
  if (created) return;
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  const char* statements[] = {
      "DROP DATABASE IF EXISTS holdfast_rel",  // first: it references holdfast_cat2
      "DROP DATABASE IF EXISTS holdfast_cat",
      "DROP DATABASE IF EXISTS holdfast_cat2",
      "CREATE DATABASE holdfast_cat CHARACTER SET utf8mb4",
      "CREATE DATABASE holdfast_cat2 CHARACTER SET utf8mb4",
      "CREATE TABLE holdfast_cat.tbl_one ("
      " id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'the key',"
      " amount DECIMAL(12,2) NOT NULL DEFAULT 0.00 COMMENT 'money',"
      " name VARCHAR(100) DEFAULT 'it''s' COMMENT 'Grüße',"
      " created DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3),"
      " body TEXT,"
      " data BLOB,"
      " state ENUM('new','old') NOT NULL DEFAULT 'new',"
      " flag BIT(1) DEFAULT b'1',"
      " yr YEAR,"
      " doc JSON,"
      " nothing INT DEFAULT NULL,"
      " twice INT AS (id * 2) VIRTUAL,"
      " UNIQUE KEY uq_name (name),"
      " KEY ix_state_yr (state, yr DESC)"
      ") COMMENT 'first table'",
      "CREATE TABLE holdfast_cat.all_types ("
      " c_tiny TINYINT, c_utiny TINYINT UNSIGNED, c_small SMALLINT, c_med MEDIUMINT, c_int INT NOT NULL,"
      " c_uint INT UNSIGNED, c_big BIGINT, c_ubig BIGINT UNSIGNED, c_float FLOAT, c_double DOUBLE,"
      " c_dec DECIMAL(12,2), c_udec DECIMAL(5,0) UNSIGNED, c_bit1 BIT(1), c_bit10 BIT(10), c_year YEAR,"
      " c_date DATE, c_time TIME(2), c_dt DATETIME(3), c_ts TIMESTAMP NULL, c_ts6 TIMESTAMP(6) NULL,"
      " c_char CHAR(10), c_latin CHAR(5) CHARACTER SET latin1, c_varchar VARCHAR(100),"
      " c_utf8mb3 VARCHAR(20) CHARACTER SET utf8mb3, c_tinytext TINYTEXT, c_text TEXT, c_medtext MEDIUMTEXT,"
      " c_longtext LONGTEXT, c_bin BINARY(4), c_varbin VARBINARY(9), c_tinyblob TINYBLOB, c_blob BLOB,"
      " c_medblob MEDIUMBLOB, c_longblob LONGBLOB, c_enum ENUM('x','yyy'), c_set SET('a','bb'), c_json JSON,"
      " c_point POINT)",
      "CREATE TABLE holdfast_cat.a_b (x INT)",
      "CREATE TABLE holdfast_cat.axb (x INT)",
      "CREATE TABLE holdfast_cat.Mixed (x INT)",
      "CREATE TABLE holdfast_cat.pk2 (a INT NOT NULL, b INT NOT NULL, c INT, PRIMARY KEY (b, a))",
      "CREATE VIEW holdfast_cat.v_one AS SELECT id, name FROM holdfast_cat.tbl_one",
      "CREATE SEQUENCE holdfast_cat.seq1",
      "CREATE TABLE holdfast_cat2.other (id INT PRIMARY KEY, a_b INT, axb INT)",
      "CREATE DATABASE holdfast_rel CHARACTER SET utf8mb4",
      "CREATE TABLE holdfast_rel.parent (id INT PRIMARY KEY, a INT NOT NULL, b INT NOT NULL,"
      " UNIQUE KEY uq_ab (a, b)) ENGINE=InnoDB",
      "CREATE TABLE holdfast_rel.child (id INT PRIMARY KEY, parent_id INT, pa INT, pb INT,"
      " CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES holdfast_rel.parent (id)"
      " ON DELETE CASCADE ON UPDATE SET NULL,"
      " CONSTRAINT fk_child_ab FOREIGN KEY (pa, pb) REFERENCES holdfast_rel.parent (a, b)) ENGINE=InnoDB",
      "CREATE TABLE holdfast_rel.grandchild (id INT, child_id INT, CONSTRAINT fk_gc_child FOREIGN KEY (child_id)"
      " REFERENCES holdfast_rel.child (id) ON UPDATE CASCADE ON DELETE NO ACTION) ENGINE=InnoDB",
      "CREATE TABLE holdfast_rel.xref (p INT, CONSTRAINT fk_xref FOREIGN KEY (p) REFERENCES holdfast_cat2.other (id)"
      ") ENGINE=InnoDB",
      "CREATE PROCEDURE holdfast_rel.proc_io (IN p_in INT, OUT p_out VARCHAR(20), INOUT p_both DECIMAL(10,2))"
      " COMMENT 'a procedure' BEGIN SELECT 1; END",
      "CREATE PROCEDURE holdfast_rel.proc_none () SELECT 1",
      "CREATE FUNCTION holdfast_rel.fn_add (a BIGINT, b DATETIME(3)) RETURNS VARCHAR(30) CHARACTER SET utf8mb4"
      " DETERMINISTIC COMMENT 'a function' RETURN CONCAT(a, b)",
      // The routines' parameter types as table columns: SQLProcedureColumns must type them
      // as SQLColumns types these.
      "CREATE TABLE holdfast_rel.typed (r VARCHAR(30) CHARACTER SET utf8mb4, a BIGINT, b DATETIME(3), p_in INT,"
      " p_out VARCHAR(20), p_both DECIMAL(10,2))",
      // SQLSpecialColumns: no primary key; u1 accepts NULL, u2 (c, b) identifies a row;
      // two columns the server updates.
      "CREATE TABLE holdfast_rel.uniq (a INT NULL, b VARCHAR(10) NOT NULL, c INT NOT NULL,"
      " changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
      " touched DATETIME(3) NULL ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE KEY u1 (a), UNIQUE KEY u2 (c, b))",
  };
  for (const char* sql : statements) st.run(sql);
  created = true;
}

struct ConnectedDbc : Dbc {
  ConnectedDbc(Env& env, const std::string& cs) : Dbc(env) { connect(cs); }
};

// A connection to the catalog test database (the schema created first).
struct CatalogFixture {
  bool schema_ready = (create_catalog_schema(), true);
  Env env;
  ConnectedDbc dbc;
  Stmt st{dbc};
  explicit CatalogFixture(SQLUINTEGER version = SQL_OV_ODBC3, const std::string& extra = "")
      : env(version), dbc(env, connection_string("DATABASE=" + kDb + ";" + extra)) {}
};

inline SQLCHAR* arg(const Cell& c) { return c ? reinterpret_cast<SQLCHAR*>(const_cast<char*>(c->c_str())) : nullptr; }

// Every row of the open result set as text (SQLGetData, SQL_C_CHAR); closes the cursor.
inline Rows fetch_all(SQLHSTMT st) {
  SQLSMALLINT columns = 0;
  REQUIRE(SQLNumResultCols(st, &columns) == SQL_SUCCESS);
  Rows rows;
  while (true) {
    SQLRETURN rc = SQLFetch(st);
    if (rc == SQL_NO_DATA) break;
    INFO(describe(SQL_HANDLE_STMT, st));
    REQUIRE(rc == SQL_SUCCESS);
    Row row;
    for (SQLUSMALLINT c = 1; c <= columns; ++c) {
      char buffer[8192];
      SQLLEN indicator = 0;
      rc = SQLGetData(st, c, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
      INFO("column " << c << "\n" << describe(SQL_HANDLE_STMT, st));
      REQUIRE(rc == SQL_SUCCESS);
      row.push_back(indicator == SQL_NULL_DATA ? Cell{}
                                               : Cell{std::string(buffer, static_cast<std::size_t>(indicator))});
    }
    rows.push_back(std::move(row));
  }
  SQLFreeStmt(st, SQL_CLOSE);
  return rows;
}

struct ColumnShape {
  std::string name;
  SQLSMALLINT type = 0;
  SQLULEN size = 0;
  SQLSMALLINT nullable = 0;
  bool operator==(const ColumnShape&) const = default;
};

inline std::vector<ColumnShape> result_shape(SQLHSTMT st) {
  SQLSMALLINT columns = 0;
  REQUIRE(SQLNumResultCols(st, &columns) == SQL_SUCCESS);
  std::vector<ColumnShape> out;
  for (SQLUSMALLINT c = 1; c <= columns; ++c) {
    SQLCHAR name[256];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ODBC_OK(SQL_HANDLE_STMT, st,
            SQLDescribeCol(st, c, name, sizeof name, &name_length, &type, &size, &digits, &nullable));
    out.push_back({reinterpret_cast<char*>(name), type, size, nullable});
  }
  return out;
}

// Runs `call` (a catalog function on `st`), requires success, returns the rows.
#define CATALOG_ROWS(st, call)                   \
  [&] {                                          \
    ODBC_OK(SQL_HANDLE_STMT, st, call);          \
    return ::catalog_test::fetch_all(st);        \
  }()

inline Rows tables(SQLHSTMT st, const Cell& catalog, const Cell& schema, const Cell& table, const Cell& type = {}) {
  return CATALOG_ROWS(st, SQLTables(st, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(table), SQL_NTS, arg(type),
                                    SQL_NTS));
}

inline Rows columns(SQLHSTMT st, const Cell& catalog, const Cell& schema, const Cell& table, const Cell& column) {
  return CATALOG_ROWS(st, SQLColumns(st, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(table), SQL_NTS,
                                     arg(column), SQL_NTS));
}

// The values of one column of every row.
inline std::vector<Cell> column_of(const Rows& rows, std::size_t index) {
  std::vector<Cell> out;
  for (const Row& r : rows) out.push_back(r.at(index));
  return out;
}

inline std::vector<Cell> cells(std::initializer_list<const char*> values) {
  std::vector<Cell> out;
  for (const char* v : values) out.push_back(v ? Cell{v} : Cell{});
  return out;
}

// Runs a shell command; returns its exit status and leaves its output (stdout and
// stderr) in `output`.
// Runs a shell command line. Host programs (isql, python3) get TEST_HOST_ENV first: the
// ASan build's test script sets it to preload the sanitizer runtime they need to load
// an instrumented driver.
inline int run_command(const std::string& command, std::string& output) {
  output.clear();
  std::string line = command + " 2>&1";
  if (const char* host_env = std::getenv("TEST_HOST_ENV"); host_env && *host_env)
    line = "export " + std::string(host_env) + "; " + line;
  FILE* pipe = popen(line.c_str(), "r");
  if (!pipe) return -1;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// 'text' quoted for a POSIX shell.
inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace catalog_test

// Optional cells in failure messages.
namespace Catch {
template <>
struct StringMaker<std::optional<std::string>> {
  static std::string convert(const std::optional<std::string>& value) {
    return value ? "\"" + *value + "\"" : std::string("NULL");
  }
};
}  // namespace Catch
