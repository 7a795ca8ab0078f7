// The ODBC side of the benchmark: one workload per process, through the unixODBC driver
// manager, so the same program measures Holdfast and any other driver by its connection
// string.
//
//   holdfast_bench CONNECTION_STRING WORKLOAD     run WORKLOAD once, print one RESULT line
//   holdfast_bench --expected WORKLOAD            print the checksum a correct run gives
//
// Workloads: fetch_bound fetch_bound_block fetch_getdata point_select insert_single
// insert_array select1_latency connect (and fetch_prepared, by hand). The tables come from
// run.sh's fill. Connecting (but for `connect`), emptying bench_insert and reading the
// inserted rows back for the checksum are outside the timed part.
#include <sql.h>
#include <sqlext.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench_common.h"

namespace {

std::string diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
  std::string out;
  SQLCHAR state[6], text[1024];
  SQLINTEGER native;
  SQLSMALLINT len;
  for (SQLSMALLINT i = 1; SQLGetDiagRec(type, handle, i, state, &native, text, sizeof text, &len) == SQL_SUCCESS;
       ++i) {
    if (!out.empty()) out += " | ";
    out += reinterpret_cast<char*>(state);
    out += ' ';
    out += reinterpret_cast<char*>(text);
  }
  return out.empty() ? "no diagnostic" : out;
}

[[noreturn]] void fail(const char* what, SQLSMALLINT type, SQLHANDLE handle) {
  std::fprintf(stderr, "holdfast_bench: %s failed: %s\n", what, diagnostics(type, handle).c_str());
  std::exit(2);
}

void check(SQLRETURN rc, const char* what, SQLSMALLINT type, SQLHANDLE handle) {
  if (!SQL_SUCCEEDED(rc)) fail(what, type, handle);
}

struct Odbc {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  std::string conn;

  explicit Odbc(std::string c) : conn(std::move(c)) {
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env))) {
      std::fprintf(stderr, "holdfast_bench: no environment handle\n");
      std::exit(2);
    }
    check(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0),
          "SQLSetEnvAttr(ODBC_VERSION)", SQL_HANDLE_ENV, env);
  }
  ~Odbc() {
    if (dbc != SQL_NULL_HDBC) {
      SQLDisconnect(dbc);
      SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    }
    SQLFreeHandle(SQL_HANDLE_ENV, env);
  }
  void connect() {
    check(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), "SQLAllocHandle(DBC)", SQL_HANDLE_ENV, env);
    check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)conn.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT),
          "SQLDriverConnect", SQL_HANDLE_DBC, dbc);
  }
  SQLHSTMT statement() {
    SQLHSTMT s;
    check(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &s), "SQLAllocHandle(STMT)", SQL_HANDLE_DBC, dbc);
    return s;
  }
  void direct(const char* sql) {
    SQLHSTMT s = statement();
    check(SQLExecDirect(s, (SQLCHAR*)sql, SQL_NTS), sql, SQL_HANDLE_STMT, s);
    SQLFreeHandle(SQL_HANDLE_STMT, s);
  }
};

// Bound buffers for one row of the six columns.
struct RowBuffers {
  SQLINTEGER c_int;
  SQLBIGINT c_bigint;
  SQLDOUBLE c_double;
  SQLCHAR c_varchar[33];
  SQL_TIMESTAMP_STRUCT c_datetime;
  SQLCHAR c_decimal[24];
  SQLLEN ind[6];

  std::uint64_t hash() const {
    for (SQLLEN i : ind)
      if (i == SQL_NULL_DATA) return bench::kNullHash;
    bench::Timestamp t{c_datetime.year,   c_datetime.month,  c_datetime.day,     c_datetime.hour,
                       c_datetime.minute, c_datetime.second, c_datetime.fraction};
    return bench::row_hash(c_int, c_bigint, c_double, reinterpret_cast<const char*>(c_varchar),
                           static_cast<std::size_t>(ind[3]), t, reinterpret_cast<const char*>(c_decimal),
                           static_cast<std::size_t>(ind[5]));
  }
};

void bind_row(SQLHSTMT s, RowBuffers& r) {
  check(SQLBindCol(s, 1, SQL_C_SLONG, &r.c_int, 0, &r.ind[0]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 2, SQL_C_SBIGINT, &r.c_bigint, 0, &r.ind[1]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 3, SQL_C_DOUBLE, &r.c_double, 0, &r.ind[2]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 4, SQL_C_CHAR, r.c_varchar, sizeof r.c_varchar, &r.ind[3]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 5, SQL_C_TYPE_TIMESTAMP, &r.c_datetime, 0, &r.ind[4]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 6, SQL_C_CHAR, r.c_decimal, sizeof r.c_decimal, &r.ind[5]), "SQLBindCol", SQL_HANDLE_STMT, s);
}

// Reads every row of a bound statement; the sum of the row checksums.
std::uint64_t drain_bound(SQLHSTMT s, RowBuffers& r, std::int64_t& rows) {
  std::uint64_t sum = 0;
  SQLRETURN rc;
  while ((rc = SQLFetch(s)) != SQL_NO_DATA) {
    check(rc, "SQLFetch", SQL_HANDLE_STMT, s);
    sum += r.hash();
    ++rows;
  }
  return sum;
}

int fetch_bound(Odbc& db) {
  SQLHSTMT s = db.statement();
  RowBuffers r{};
  std::int64_t rows = 0;
  bench::Timer timer;
  check(SQLExecDirect(s, (SQLCHAR*)bench::kFetchSql, SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, s);
  bind_row(s, r);
  std::uint64_t sum = drain_bound(s, r, rows);
  check(SQLFreeStmt(s, SQL_CLOSE), "SQLFreeStmt(CLOSE)", SQL_HANDLE_STMT, s);
  bench::report_ok("fetch_bound", bench::stop(timer), sum, rows);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  return 0;
}

// fetch_bound through SQLPrepare and SQLExecute: the rows of a server-prepared statement
// (binary protocol). Not in run.sh's list (raw_bench's fetch is this one already); run it
// by hand: holdfast_bench CONNECTION_STRING fetch_prepared.
int fetch_prepared(Odbc& db) {
  SQLHSTMT s = db.statement();
  RowBuffers r{};
  std::int64_t rows = 0;
  bench::Timer timer;
  check(SQLPrepare(s, (SQLCHAR*)bench::kFetchSql, SQL_NTS), "SQLPrepare", SQL_HANDLE_STMT, s);
  check(SQLExecute(s), "SQLExecute", SQL_HANDLE_STMT, s);
  bind_row(s, r);
  std::uint64_t sum = drain_bound(s, r, rows);
  check(SQLFreeStmt(s, SQL_CLOSE), "SQLFreeStmt(CLOSE)", SQL_HANDLE_STMT, s);
  bench::report_ok("fetch_prepared", bench::stop(timer), sum, rows);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  return 0;
}

int fetch_bound_block(Odbc& db) {
  constexpr int n = bench::kArraySize;
  SQLHSTMT s = db.statement();
  // Column-wise arrays.
  std::vector<SQLINTEGER> c_int(n);
  std::vector<SQLBIGINT> c_bigint(n);
  std::vector<SQLDOUBLE> c_double(n);
  std::vector<SQLCHAR> c_varchar(n * 33);
  std::vector<SQL_TIMESTAMP_STRUCT> c_datetime(n);
  std::vector<SQLCHAR> c_decimal(n * 24);
  std::vector<SQLLEN> ind(6 * n);
  SQLULEN fetched = 0;
  check(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(n)), 0),
        "SQLSetStmtAttr(ROW_ARRAY_SIZE)", SQL_HANDLE_STMT, s);
  check(SQLSetStmtAttr(s, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), "SQLSetStmtAttr(ROWS_FETCHED_PTR)",
        SQL_HANDLE_STMT, s);
  std::int64_t rows = 0;
  std::uint64_t sum = 0;
  bench::Timer timer;
  check(SQLExecDirect(s, (SQLCHAR*)bench::kFetchSql, SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 1, SQL_C_SLONG, c_int.data(), 0, &ind[0]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 2, SQL_C_SBIGINT, c_bigint.data(), 0, &ind[n]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 3, SQL_C_DOUBLE, c_double.data(), 0, &ind[2 * n]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 4, SQL_C_CHAR, c_varchar.data(), 33, &ind[3 * n]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 5, SQL_C_TYPE_TIMESTAMP, c_datetime.data(), 0, &ind[4 * n]), "SQLBindCol", SQL_HANDLE_STMT, s);
  check(SQLBindCol(s, 6, SQL_C_CHAR, c_decimal.data(), 24, &ind[5 * n]), "SQLBindCol", SQL_HANDLE_STMT, s);
  SQLRETURN rc;
  while ((rc = SQLFetch(s)) != SQL_NO_DATA) {
    check(rc, "SQLFetch", SQL_HANDLE_STMT, s);
    for (SQLULEN k = 0; k < fetched; ++k) {
      bool null = false;
      for (int c = 0; c < 6; ++c) null |= ind[c * n + k] == SQL_NULL_DATA;
      if (null) {
        sum += bench::kNullHash;
        continue;
      }
      const SQL_TIMESTAMP_STRUCT& ts = c_datetime[k];
      bench::Timestamp t{ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second, ts.fraction};
      sum += bench::row_hash(c_int[k], c_bigint[k], c_double[k], reinterpret_cast<const char*>(&c_varchar[k * 33]),
                             static_cast<std::size_t>(ind[3 * n + k]), t,
                             reinterpret_cast<const char*>(&c_decimal[k * 24]),
                             static_cast<std::size_t>(ind[5 * n + k]));
    }
    rows += static_cast<std::int64_t>(fetched);
  }
  check(SQLFreeStmt(s, SQL_CLOSE), "SQLFreeStmt(CLOSE)", SQL_HANDLE_STMT, s);
  bench::report_ok("fetch_bound_block", bench::stop(timer), sum, rows);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  return 0;
}

int fetch_getdata(Odbc& db) {
  SQLHSTMT s = db.statement();
  RowBuffers r{};
  std::int64_t rows = 0;
  std::uint64_t sum = 0;
  bench::Timer timer;
  check(SQLExecDirect(s, (SQLCHAR*)bench::kFetchSql, SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, s);
  SQLRETURN rc;
  while ((rc = SQLFetch(s)) != SQL_NO_DATA) {
    check(rc, "SQLFetch", SQL_HANDLE_STMT, s);
    check(SQLGetData(s, 1, SQL_C_SLONG, &r.c_int, 0, &r.ind[0]), "SQLGetData", SQL_HANDLE_STMT, s);
    check(SQLGetData(s, 2, SQL_C_SBIGINT, &r.c_bigint, 0, &r.ind[1]), "SQLGetData", SQL_HANDLE_STMT, s);
    check(SQLGetData(s, 3, SQL_C_DOUBLE, &r.c_double, 0, &r.ind[2]), "SQLGetData", SQL_HANDLE_STMT, s);
    check(SQLGetData(s, 4, SQL_C_CHAR, r.c_varchar, sizeof r.c_varchar, &r.ind[3]), "SQLGetData", SQL_HANDLE_STMT, s);
    check(SQLGetData(s, 5, SQL_C_TYPE_TIMESTAMP, &r.c_datetime, 0, &r.ind[4]), "SQLGetData", SQL_HANDLE_STMT, s);
    check(SQLGetData(s, 6, SQL_C_CHAR, r.c_decimal, sizeof r.c_decimal, &r.ind[5]), "SQLGetData", SQL_HANDLE_STMT, s);
    sum += r.hash();
    ++rows;
  }
  check(SQLFreeStmt(s, SQL_CLOSE), "SQLFreeStmt(CLOSE)", SQL_HANDLE_STMT, s);
  bench::report_ok("fetch_getdata", bench::stop(timer), sum, rows);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  return 0;
}

int point_select(Odbc& db) {
  SQLHSTMT s = db.statement();
  RowBuffers r{};
  SQLINTEGER id = 0;
  std::int64_t rows = 0;
  std::uint64_t sum = 0;
  bench::Timer timer;
  check(SQLPrepare(s, (SQLCHAR*)bench::kPointSql, SQL_NTS), "SQLPrepare", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  bind_row(s, r);
  for (int k = 0; k < bench::kPointSelects; ++k) {
    id = static_cast<SQLINTEGER>(bench::point_id(k));
    check(SQLExecute(s), "SQLExecute", SQL_HANDLE_STMT, s);
    SQLRETURN rc = SQLFetch(s);
    if (rc == SQL_NO_DATA) {
      std::fprintf(stderr, "holdfast_bench: no row for id %d\n", static_cast<int>(id));
      return 2;
    }
    check(rc, "SQLFetch", SQL_HANDLE_STMT, s);
    sum += r.hash();
    ++rows;
    check(SQLFreeStmt(s, SQL_CLOSE), "SQLFreeStmt(CLOSE)", SQL_HANDLE_STMT, s);
  }
  bench::report_ok("point_select", bench::stop(timer), sum, rows);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  return 0;
}

// Outside the timing: the checksum of what bench_insert holds.
std::uint64_t inserted_checksum(Odbc& db, std::int64_t& rows) {
  SQLHSTMT s = db.statement();
  RowBuffers r{};
  check(SQLExecDirect(s, (SQLCHAR*)bench::kInsertVerifySql, SQL_NTS), "SQLExecDirect(verify)", SQL_HANDLE_STMT, s);
  bind_row(s, r);
  rows = 0;
  std::uint64_t sum = drain_bound(s, r, rows);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  return sum;
}

void begin_insert_run(Odbc& db) {
  db.direct("TRUNCATE TABLE bench_insert");
  check(SQLSetConnectAttr(db.dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
        "SQLSetConnectAttr(AUTOCOMMIT off)", SQL_HANDLE_DBC, db.dbc);
}

int insert_single(Odbc& db) {
  begin_insert_run(db);
  SQLHSTMT s = db.statement();
  SQLINTEGER id = 0;
  bench::RowValues v{};
  SQL_TIMESTAMP_STRUCT ts{};
  SQLLEN varchar_len = 0, decimal_len = 0;
  bench::Timer timer;
  check(SQLPrepare(s, (SQLCHAR*)bench::kInsertSql, SQL_NTS), "SQLPrepare", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr), "SQLBindParameter",
        SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v.c_int, 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 3, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &v.c_bigint, 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 4, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &v.c_double, 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 5, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 32, 0, v.c_varchar, sizeof v.c_varchar,
                         &varchar_len),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 6, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, &ts, 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 7, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 2, v.c_decimal, sizeof v.c_decimal,
                         &decimal_len),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  for (int k = 1; k <= bench::kSingleInserts; ++k) {
    id = k;
    bench::generate(k, v);
    varchar_len = static_cast<SQLLEN>(v.varchar_len);
    decimal_len = static_cast<SQLLEN>(v.decimal_len);
    ts = SQL_TIMESTAMP_STRUCT{v.c_datetime.year,   v.c_datetime.month,  v.c_datetime.day,     v.c_datetime.hour,
                              v.c_datetime.minute, v.c_datetime.second, v.c_datetime.fraction};
    check(SQLExecute(s), "SQLExecute", SQL_HANDLE_STMT, s);
  }
  check(SQLEndTran(SQL_HANDLE_DBC, db.dbc, SQL_COMMIT), "SQLEndTran(COMMIT)", SQL_HANDLE_DBC, db.dbc);
  double seconds = bench::stop(timer);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  std::int64_t rows;
  std::uint64_t sum = inserted_checksum(db, rows);
  bench::report_ok("insert_single", seconds, sum, rows);
  return 0;
}

int insert_array(Odbc& db) {
  constexpr int n = bench::kArraySize;
  begin_insert_run(db);
  SQLHSTMT s = db.statement();
  std::vector<SQLINTEGER> id(n), c_int(n);
  std::vector<SQLBIGINT> c_bigint(n);
  std::vector<SQLDOUBLE> c_double(n);
  std::vector<SQLCHAR> c_varchar(n * 33), c_decimal(n * 24);
  std::vector<SQL_TIMESTAMP_STRUCT> c_datetime(n);
  std::vector<SQLLEN> varchar_len(n), decimal_len(n);
  std::vector<SQLUSMALLINT> status(n);
  SQLULEN processed = 0;
  SQLRETURN rc = SQLSetStmtAttr(s, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(n)), 0);
  if (!SQL_SUCCEEDED(rc)) {
    bench::report_unsupported("insert_array", "SQL_ATTR_PARAMSET_SIZE=1000 refused: " +
                                                  diagnostics(SQL_HANDLE_STMT, s));
    return 0;
  }
  SQLULEN accepted = 0;
  check(SQLGetStmtAttr(s, SQL_ATTR_PARAMSET_SIZE, &accepted, 0, nullptr), "SQLGetStmtAttr(PARAMSET_SIZE)",
        SQL_HANDLE_STMT, s);
  if (accepted != static_cast<SQLULEN>(n)) {
    bench::report_unsupported("insert_array", "SQL_ATTR_PARAMSET_SIZE=1000 changed to " + std::to_string(accepted));
    return 0;
  }
  check(SQLSetStmtAttr(s, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0), "SQLSetStmtAttr(PARAMS_PROCESSED_PTR)",
        SQL_HANDLE_STMT, s);
  check(SQLSetStmtAttr(s, SQL_ATTR_PARAM_STATUS_PTR, status.data(), 0), "SQLSetStmtAttr(PARAM_STATUS_PTR)",
        SQL_HANDLE_STMT, s);
  bench::RowValues v{};
  bench::Timer timer;
  check(SQLPrepare(s, (SQLCHAR*)bench::kInsertSql, SQL_NTS), "SQLPrepare", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, id.data(), 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, c_int.data(), 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 3, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, c_bigint.data(), 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 4, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, c_double.data(), 0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 5, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 32, 0, c_varchar.data(), 33,
                         varchar_len.data()),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 6, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, c_datetime.data(),
                         0, nullptr),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  check(SQLBindParameter(s, 7, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 2, c_decimal.data(), 24,
                         decimal_len.data()),
        "SQLBindParameter", SQL_HANDLE_STMT, s);
  for (int base = 0; base < bench::kArrayInsertRows; base += n) {
    for (int k = 0; k < n; ++k) {
      const int row_id = base + k + 1;
      bench::generate(row_id, v);
      id[k] = row_id;
      c_int[k] = v.c_int;
      c_bigint[k] = v.c_bigint;
      c_double[k] = v.c_double;
      std::memcpy(&c_varchar[k * 33], v.c_varchar, v.varchar_len + 1);
      varchar_len[k] = static_cast<SQLLEN>(v.varchar_len);
      c_datetime[k] = SQL_TIMESTAMP_STRUCT{v.c_datetime.year,   v.c_datetime.month,  v.c_datetime.day,
                                           v.c_datetime.hour,   v.c_datetime.minute, v.c_datetime.second,
                                           v.c_datetime.fraction};
      std::memcpy(&c_decimal[k * 24], v.c_decimal, v.decimal_len + 1);
      decimal_len[k] = static_cast<SQLLEN>(v.decimal_len);
    }
    rc = SQLExecute(s);
    if (!SQL_SUCCEEDED(rc)) {
      if (base == 0) {
        bench::report_unsupported("insert_array", "SQLExecute with PARAMSET_SIZE=1000 failed: " +
                                                      diagnostics(SQL_HANDLE_STMT, s));
        return 0;
      }
      fail("SQLExecute", SQL_HANDLE_STMT, s);
    }
    if (processed != static_cast<SQLULEN>(n)) {
      std::fprintf(stderr, "holdfast_bench: %lu parameter sets processed of %d\n",
                   static_cast<unsigned long>(processed), n);
      return 2;
    }
  }
  check(SQLEndTran(SQL_HANDLE_DBC, db.dbc, SQL_COMMIT), "SQLEndTran(COMMIT)", SQL_HANDLE_DBC, db.dbc);
  double seconds = bench::stop(timer);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  std::int64_t rows;
  std::uint64_t sum = inserted_checksum(db, rows);
  bench::report_ok("insert_array", seconds, sum, rows);
  return 0;
}

int select1_latency(Odbc& db) {
  SQLHSTMT s = db.statement();
  SQLINTEGER one = 0;
  SQLLEN ind = 0;
  std::uint64_t sum = 0;
  std::int64_t rows = 0;
  check(SQLBindCol(s, 1, SQL_C_SLONG, &one, 0, &ind), "SQLBindCol", SQL_HANDLE_STMT, s);
  bench::Timer timer;
  for (int k = 0; k < bench::kSelect1; ++k) {
    check(SQLExecDirect(s, (SQLCHAR*)"SELECT 1", SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, s);
    check(SQLFetch(s), "SQLFetch", SQL_HANDLE_STMT, s);
    sum += ind == SQL_NULL_DATA ? bench::kNullHash : static_cast<std::uint64_t>(one);
    ++rows;
    check(SQLFreeStmt(s, SQL_CLOSE), "SQLFreeStmt(CLOSE)", SQL_HANDLE_STMT, s);
  }
  bench::report_ok("select1_latency", bench::stop(timer), sum, rows);
  SQLFreeHandle(SQL_HANDLE_STMT, s);
  return 0;
}

int connect_loop(Odbc& db) {
  std::uint64_t count = 0;
  bench::Timer timer;
  for (int k = 0; k < bench::kConnects; ++k) {
    SQLHDBC dbc;
    check(SQLAllocHandle(SQL_HANDLE_DBC, db.env, &dbc), "SQLAllocHandle(DBC)", SQL_HANDLE_ENV, db.env);
    check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)db.conn.c_str(), SQL_NTS, nullptr, 0, nullptr,
                           SQL_DRIVER_NOPROMPT),
          "SQLDriverConnect", SQL_HANDLE_DBC, dbc);
    check(SQLDisconnect(dbc), "SQLDisconnect", SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    ++count;
  }
  bench::report_ok("connect", bench::stop(timer), count, static_cast<std::int64_t>(count));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int rc;
  if (bench::handle_expected(argc, argv, rc)) return rc;
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CONNECTION_STRING WORKLOAD | --expected WORKLOAD\n", argv[0]);
    return 2;
  }
  const std::string_view w = argv[2];
  Odbc db(argv[1]);
  if (w == "connect") return connect_loop(db);
  db.connect();
  if (w == "fetch_bound") return fetch_bound(db);
  if (w == "fetch_bound_block") return fetch_bound_block(db);
  if (w == "fetch_prepared") return fetch_prepared(db);
  if (w == "fetch_getdata") return fetch_getdata(db);
  if (w == "point_select") return point_select(db);
  if (w == "insert_single") return insert_single(db);
  if (w == "insert_array") return insert_array(db);
  if (w == "select1_latency") return select1_latency(db);
  std::fprintf(stderr, "holdfast_bench: unknown workload %s\n", argv[2]);
  return 2;
}
