// The floor of the benchmark: the same workloads as holdfast_bench straight on libmariadb,
// with the binary protocol (mysql_stmt_*, results unbuffered) and the same C types, so the
// ratio Holdfast/raw is what the driver adds.
//
//   raw_bench HOST PORT USER PASSWORD DATABASE WORKLOAD
//   raw_bench --expected WORKLOAD
//
// fetch_text (not compared: the text-protocol floor) reads the rows with COM_QUERY.
// fetch_bound, fetch_bound_block and fetch_getdata are one loop here (libmariadb has one way
// to fetch a row); select1_latency is the text protocol (COM_QUERY), what a direct statement
// costs; insert_array uses MariaDB's bulk execution (STMT_ATTR_ARRAY_SIZE).
#include <mysql.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "bench_common.h"

namespace {

struct Args {
  const char* host;
  unsigned port;
  const char* user;
  const char* password;
  const char* database;
};

[[noreturn]] void fail(const char* what, MYSQL* m) {
  std::fprintf(stderr, "raw_bench: %s failed: %u %s\n", what, mysql_errno(m), mysql_error(m));
  std::exit(2);
}

[[noreturn]] void fail_stmt(const char* what, MYSQL_STMT* s) {
  std::fprintf(stderr, "raw_bench: %s failed: %u %s\n", what, mysql_stmt_errno(s), mysql_stmt_error(s));
  std::exit(2);
}

MYSQL* open(const Args& a) {
  MYSQL* m = mysql_init(nullptr);
  if (!m) {
    std::fprintf(stderr, "raw_bench: mysql_init failed\n");
    std::exit(2);
  }
  if (!mysql_real_connect(m, a.host, a.user, a.password, a.database, a.port, nullptr, 0)) fail("connect", m);
  return m;
}

MYSQL_STMT* prepare(MYSQL* m, const char* sql) {
  MYSQL_STMT* s = mysql_stmt_init(m);
  if (!s) fail("mysql_stmt_init", m);
  if (mysql_stmt_prepare(s, sql, std::strlen(sql))) fail_stmt("mysql_stmt_prepare", s);
  return s;
}

void query(MYSQL* m, const char* sql) {
  if (mysql_query(m, sql)) fail(sql, m);
}

// Result buffers for one row, in the C types the ODBC program binds.
struct Row {
  int c_int;
  long long c_bigint;
  double c_double;
  char c_varchar[33];
  MYSQL_TIME c_datetime;
  char c_decimal[24];
  unsigned long len[6];
  my_bool null[6];
  my_bool error[6];
  MYSQL_BIND bind[6];

  void setup() {
    std::memset(bind, 0, sizeof bind);
    auto set = [&](int i, enum_field_types t, void* buf, unsigned long size) {
      bind[i].buffer_type = t;
      bind[i].buffer = buf;
      bind[i].buffer_length = size;
      bind[i].length = &len[i];
      bind[i].is_null = &null[i];
      bind[i].error = &error[i];
    };
    set(0, MYSQL_TYPE_LONG, &c_int, sizeof c_int);
    set(1, MYSQL_TYPE_LONGLONG, &c_bigint, sizeof c_bigint);
    set(2, MYSQL_TYPE_DOUBLE, &c_double, sizeof c_double);
    set(3, MYSQL_TYPE_STRING, c_varchar, sizeof c_varchar);
    set(4, MYSQL_TYPE_DATETIME, &c_datetime, sizeof c_datetime);
    set(5, MYSQL_TYPE_STRING, c_decimal, sizeof c_decimal);
  }

  // The same conversion the ODBC program ends with: MYSQL_TIME to the timestamp struct.
  std::uint64_t hash() const {
    for (my_bool n : null)
      if (n) return bench::kNullHash;
    const bench::Timestamp t{static_cast<std::int16_t>(c_datetime.year),  static_cast<std::uint16_t>(c_datetime.month),
                             static_cast<std::uint16_t>(c_datetime.day),  static_cast<std::uint16_t>(c_datetime.hour),
                             static_cast<std::uint16_t>(c_datetime.minute),
                             static_cast<std::uint16_t>(c_datetime.second),
                             static_cast<std::uint32_t>(c_datetime.second_part * 1000)};
    return bench::row_hash(c_int, c_bigint, c_double, c_varchar, len[3], t, c_decimal, len[5]);
  }
};

std::uint64_t drain(MYSQL_STMT* s, Row& r, std::int64_t& rows) {
  std::uint64_t sum = 0;
  for (;;) {
    int rc = mysql_stmt_fetch(s);
    if (rc == MYSQL_NO_DATA) break;
    if (rc == 1) fail_stmt("mysql_stmt_fetch", s);
    if (rc == MYSQL_DATA_TRUNCATED) {
      std::fprintf(stderr, "raw_bench: data truncated\n");
      std::exit(2);
    }
    sum += r.hash();
    ++rows;
  }
  return sum;
}

int fetch(MYSQL* m, std::string_view name) {
  Row r{};
  r.setup();
  std::int64_t rows = 0;
  bench::Timer timer;
  MYSQL_STMT* s = prepare(m, bench::kFetchSql);
  if (mysql_stmt_execute(s)) fail_stmt("mysql_stmt_execute", s);  // unbuffered: no store_result
  if (mysql_stmt_bind_result(s, r.bind)) fail_stmt("mysql_stmt_bind_result", s);
  std::uint64_t sum = drain(s, r, rows);
  mysql_stmt_close(s);
  bench::report_ok(name, bench::stop(timer), sum, rows);
  return 0;
}

// Not one of the compared workloads: the same rows over the text protocol (COM_QUERY,
// mysql_use_result), parsed into the same C types. The floor for a driver that keeps the
// text protocol; the difference to `fetch_bound` is what the binary protocol saves.
int fetch_text(MYSQL* m) {
  std::int64_t rows = 0;
  std::uint64_t sum = 0;
  bench::Timer timer;
  query(m, bench::kFetchSql);
  MYSQL_RES* res = mysql_use_result(m);
  if (!res) fail("mysql_use_result", m);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    const unsigned long* len = mysql_fetch_lengths(res);
    bool null = false;
    for (int c = 0; c < 6; ++c) null |= row[c] == nullptr;
    if (null) {
      sum += bench::kNullHash;
      ++rows;
      continue;
    }
    const int c_int = static_cast<int>(std::strtol(row[0], nullptr, 10));
    const long long c_bigint = std::strtoll(row[1], nullptr, 10);
    const double c_double = std::strtod(row[2], nullptr);
    char vbuf[33];
    const std::size_t vlen = len[3] < sizeof vbuf ? len[3] : sizeof vbuf - 1;
    std::memcpy(vbuf, row[3], vlen);
    vbuf[vlen] = '\0';
    unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    std::sscanf(row[4], "%u-%u-%u %u:%u:%u", &y, &mo, &d, &h, &mi, &se);
    const bench::Timestamp t{static_cast<std::int16_t>(y), static_cast<std::uint16_t>(mo), static_cast<std::uint16_t>(d),
                             static_cast<std::uint16_t>(h), static_cast<std::uint16_t>(mi), static_cast<std::uint16_t>(se),
                             0};
    char dbuf[24];
    const std::size_t dlen = len[5] < sizeof dbuf ? len[5] : sizeof dbuf - 1;
    std::memcpy(dbuf, row[5], dlen);
    dbuf[dlen] = '\0';
    sum += bench::row_hash(c_int, c_bigint, c_double, vbuf, vlen, t, dbuf, dlen);
    ++rows;
  }
  if (mysql_errno(m)) fail("mysql_fetch_row", m);
  mysql_free_result(res);
  bench::report_ok("fetch_text", bench::stop(timer), sum, rows);
  return 0;
}

int point_select(MYSQL* m) {
  Row r{};
  r.setup();
  int id = 0;
  MYSQL_BIND param{};
  param.buffer_type = MYSQL_TYPE_LONG;
  param.buffer = &id;
  std::int64_t rows = 0;
  std::uint64_t sum = 0;
  bench::Timer timer;
  MYSQL_STMT* s = prepare(m, bench::kPointSql);
  if (mysql_stmt_bind_param(s, &param)) fail_stmt("mysql_stmt_bind_param", s);
  if (mysql_stmt_bind_result(s, r.bind)) fail_stmt("mysql_stmt_bind_result", s);
  for (int k = 0; k < bench::kPointSelects; ++k) {
    id = static_cast<int>(bench::point_id(k));
    if (mysql_stmt_execute(s)) fail_stmt("mysql_stmt_execute", s);
    int rc = mysql_stmt_fetch(s);
    if (rc != 0) fail_stmt("mysql_stmt_fetch", s);
    sum += r.hash();
    ++rows;
    if (mysql_stmt_free_result(s)) fail_stmt("mysql_stmt_free_result", s);
  }
  mysql_stmt_close(s);
  bench::report_ok("point_select", bench::stop(timer), sum, rows);
  return 0;
}

std::uint64_t inserted_checksum(MYSQL* m, std::int64_t& rows) {
  Row r{};
  r.setup();
  MYSQL_STMT* s = prepare(m, bench::kInsertVerifySql);
  if (mysql_stmt_execute(s)) fail_stmt("mysql_stmt_execute(verify)", s);
  if (mysql_stmt_bind_result(s, r.bind)) fail_stmt("mysql_stmt_bind_result", s);
  rows = 0;
  std::uint64_t sum = drain(s, r, rows);
  mysql_stmt_close(s);
  return sum;
}

// One parameter row; also the row layout of the bulk insert (STMT_ATTR_ROW_SIZE).
struct ParamRow {
  int id;
  bench::RowValues v;
  MYSQL_TIME dt;
  unsigned long varchar_len;
  unsigned long decimal_len;

  void fill(int row_id) {
    id = row_id;
    bench::generate(row_id, v);
    std::memset(&dt, 0, sizeof dt);
    dt.year = static_cast<unsigned>(v.c_datetime.year);
    dt.month = v.c_datetime.month;
    dt.day = v.c_datetime.day;
    dt.hour = v.c_datetime.hour;
    dt.minute = v.c_datetime.minute;
    dt.second = v.c_datetime.second;
    dt.time_type = MYSQL_TIMESTAMP_DATETIME;
    varchar_len = static_cast<unsigned long>(v.varchar_len);
    decimal_len = static_cast<unsigned long>(v.decimal_len);
  }
};

void bind_params(MYSQL_BIND* b, ParamRow& p) {
  std::memset(b, 0, 7 * sizeof *b);
  b[0].buffer_type = MYSQL_TYPE_LONG;
  b[0].buffer = &p.id;
  b[1].buffer_type = MYSQL_TYPE_LONG;
  b[1].buffer = &p.v.c_int;
  b[2].buffer_type = MYSQL_TYPE_LONGLONG;
  b[2].buffer = &p.v.c_bigint;
  b[3].buffer_type = MYSQL_TYPE_DOUBLE;
  b[3].buffer = &p.v.c_double;
  b[4].buffer_type = MYSQL_TYPE_STRING;
  b[4].buffer = p.v.c_varchar;
  b[4].length = &p.varchar_len;
  b[5].buffer_type = MYSQL_TYPE_DATETIME;
  b[5].buffer = &p.dt;
  b[6].buffer_type = MYSQL_TYPE_NEWDECIMAL;
  b[6].buffer = p.v.c_decimal;
  b[6].length = &p.decimal_len;
}

int insert_single(MYSQL* m) {
  query(m, "TRUNCATE TABLE bench_insert");
  if (mysql_autocommit(m, 0)) fail("mysql_autocommit", m);
  ParamRow p{};
  MYSQL_BIND b[7];
  bench::Timer timer;
  MYSQL_STMT* s = prepare(m, bench::kInsertSql);
  bind_params(b, p);
  if (mysql_stmt_bind_param(s, b)) fail_stmt("mysql_stmt_bind_param", s);
  for (int k = 1; k <= bench::kSingleInserts; ++k) {
    p.fill(k);
    if (mysql_stmt_execute(s)) fail_stmt("mysql_stmt_execute", s);
  }
  if (mysql_commit(m)) fail("mysql_commit", m);
  double seconds = bench::stop(timer);
  mysql_stmt_close(s);
  std::int64_t rows;
  std::uint64_t sum = inserted_checksum(m, rows);
  bench::report_ok("insert_single", seconds, sum, rows);
  return 0;
}

int insert_array(MYSQL* m) {
  constexpr unsigned n = bench::kArraySize;
  query(m, "TRUNCATE TABLE bench_insert");
  if (mysql_autocommit(m, 0)) fail("mysql_autocommit", m);
  std::vector<ParamRow> rows_buf(n);
  MYSQL_BIND b[7];
  bench::Timer timer;
  MYSQL_STMT* s = prepare(m, bench::kInsertSql);
  unsigned array_size = n;
  std::size_t row_size = sizeof(ParamRow);
  if (mysql_stmt_attr_set(s, STMT_ATTR_ARRAY_SIZE, &array_size)) fail_stmt("STMT_ATTR_ARRAY_SIZE", s);
  if (mysql_stmt_attr_set(s, STMT_ATTR_ROW_SIZE, &row_size)) fail_stmt("STMT_ATTR_ROW_SIZE", s);
  bind_params(b, rows_buf[0]);  // row-wise: row k is at +k*row_size
  if (mysql_stmt_bind_param(s, b)) fail_stmt("mysql_stmt_bind_param", s);
  for (int base = 0; base < bench::kArrayInsertRows; base += static_cast<int>(n)) {
    for (unsigned k = 0; k < n; ++k) rows_buf[k].fill(base + static_cast<int>(k) + 1);
    if (mysql_stmt_execute(s)) fail_stmt("mysql_stmt_execute(bulk)", s);
    if (mysql_stmt_affected_rows(s) != n) {
      std::fprintf(stderr, "raw_bench: bulk insert affected %llu rows of %u\n",
                   static_cast<unsigned long long>(mysql_stmt_affected_rows(s)), n);
      return 2;
    }
  }
  if (mysql_commit(m)) fail("mysql_commit", m);
  double seconds = bench::stop(timer);
  mysql_stmt_close(s);
  std::int64_t rows;
  std::uint64_t sum = inserted_checksum(m, rows);
  bench::report_ok("insert_array", seconds, sum, rows);
  return 0;
}

int select1_latency(MYSQL* m) {
  std::uint64_t sum = 0;
  std::int64_t rows = 0;
  bench::Timer timer;
  for (int k = 0; k < bench::kSelect1; ++k) {
    query(m, "SELECT 1");
    MYSQL_RES* res = mysql_store_result(m);
    if (!res) fail("mysql_store_result", m);
    MYSQL_ROW row = mysql_fetch_row(res);
    sum += row && row[0] ? static_cast<std::uint64_t>(std::atoi(row[0])) : bench::kNullHash;
    ++rows;
    mysql_free_result(res);
  }
  bench::report_ok("select1_latency", bench::stop(timer), sum, rows);
  return 0;
}

int connect_loop(const Args& a) {
  std::uint64_t count = 0;
  bench::Timer timer;
  for (int k = 0; k < bench::kConnects; ++k) {
    MYSQL* m = open(a);
    mysql_close(m);
    ++count;
  }
  bench::report_ok("connect", bench::stop(timer), count, static_cast<std::int64_t>(count));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int rc;
  if (bench::handle_expected(argc, argv, rc)) return rc;
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s HOST PORT USER PASSWORD DATABASE WORKLOAD | --expected WORKLOAD\n", argv[0]);
    return 2;
  }
  const Args a{argv[1], static_cast<unsigned>(std::atoi(argv[2])), argv[3], argv[4], argv[5]};
  const std::string_view w = argv[6];
  if (w == "connect") return connect_loop(a);
  MYSQL* m = open(a);
  int result = 2;
  if (w == "fetch_bound" || w == "fetch_bound_block" || w == "fetch_getdata") result = fetch(m, w);
  else if (w == "fetch_text") result = fetch_text(m);
  else if (w == "point_select") result = point_select(m);
  else if (w == "insert_single") result = insert_single(m);
  else if (w == "insert_array") result = insert_array(m);
  else if (w == "select1_latency") result = select1_latency(m);
  else std::fprintf(stderr, "raw_bench: unknown workload %s\n", argv[6]);
  mysql_close(m);
  return result;
}
