// Hostile server replies (issue 9): the fault-injecting proxy changes what the server sends
// after the handshake (random bytes flipped, a packet's length header rewritten, the stream
// cut in the middle of a row and closed, or cut and left silent), and a realistic workload
// runs through it: a SELECT of a multi-row, multi-type result fetched with bound columns
// and SQLGetData (in pieces), a prepared statement with parameters, a catalog call. Every
// run is seeded and reproducible (the seed is in the failure message) and must end either
// in success or in an ODBC error with a SQLSTATE of the link or the driver (08S01, HY000,
// HYT00; with flipped bytes also the data error of a value that a flip made invalid), never in a crash, an out-of-bounds read (the ASan build runs this too) or a hang
// (READ_TIMEOUT bounds every wait; a watchdog turns a hang into a failure that names the
// run).
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fault_proxy.h"
#include "resilience_test.h"

using namespace resilience_test;
using holdfast_test::FaultProxy;

namespace {

std::uint16_t server_port() { return static_cast<std::uint16_t>(std::stoi(env_or("TEST_PORT", "3311"))); }

constexpr int kRows = 40;
constexpr int kColumns = 8;

// The states a run may end with: the link failed (08S01), the driver or the client library
// found the reply malformed (HY000), a read timed out (HYT00).
const std::set<std::string> kLinkStates = {"08S01", "HY000", "HYT00"};
// A flipped byte inside a row value leaves the packet well framed and the value wrong: the
// conversion of that value to the bound C type then fails as it would for any such value
// (22018 not a number, 22007 not a date, 22003 out of range, 22008 a bad date field).
// Only then, and only from SQLFetch/SQLGetData.
const std::set<std::string> kValueStates = {"22018", "22007", "22003", "22008"};

// A table of this process on the shared server, filled and dropped by a direct connection.
struct HostileTable {
  Admin admin;
  std::string name = "hostile_t" + std::to_string(::getpid());
  HostileTable() {
    admin.run("DROP TABLE IF EXISTS " + name);
    admin.run("CREATE TABLE " + name +
              " (id INT PRIMARY KEY, big BIGINT, dbl DOUBLE, dec_v DECIMAL(12,3), name VARCHAR(64),"
              " ts DATETIME(3), data BLOB, maybe VARCHAR(16))");
    std::string insert = "INSERT INTO " + name + " VALUES ";
    for (int i = 1; i <= kRows; ++i) {
      const std::string n = std::to_string(i);
      insert += (i > 1 ? "," : "") + std::string("(") + n + "," + n + "000000000007," + n + ".25," + n +
                "123.456,'name-" + n + "-" + std::string(static_cast<std::size_t>(i % 7) * 5, 'x') +
                "','2024-02-" + std::to_string(1 + i % 28) + " 10:11:12.345',REPEAT(CHAR(" +
                std::to_string(i) + "), " + std::to_string(50 + i * 13) + ")," +
                (i % 3 == 0 ? std::string("NULL") : "'m" + n + "'") + ")";
    }
    admin.run(insert);
  }
  ~HostileTable() {
    Stmt st(admin.dbc);
    st.exec("DROP TABLE IF EXISTS " + name);
  }
  HostileTable(const HostileTable&) = delete;
  HostileTable& operator=(const HostileTable&) = delete;
};

// Aborts the test binary with a message naming the run if a run takes longer than the
// limit: a hang becomes a failure that says which seed hung, not a CI timeout.
class Watchdog {
 public:
  Watchdog(std::string what, std::chrono::seconds limit)
      : thread_([this, what = std::move(what), limit] {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!cv_.wait_for(lock, limit, [this] { return done_; })) {
            std::fprintf(stderr, "test_hostile_server: %s did not finish within %lld s\n", what.c_str(),
                         static_cast<long long>(limit.count()));
            std::abort();
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;  // last: started once the members it uses exist
};

struct Outcome {
  bool ok = true;
  std::string step;  // the call that failed
  std::vector<DiagRecordText> records;
  std::string state() const { return records.empty() ? std::string("(no record)") : records.front().sqlstate; }
};

// Runs the workload on a connected handle; stops at the first SQL_ERROR (or other failure
// return) and says where.
class Workload {
 public:
  Workload(Dbc& dbc, const std::string& table) : dbc_(dbc), table_(table) {}

  Outcome run() {
    Outcome out;
    Stmt st(dbc_);
    if (!select_all(st, out)) return out;
    SQLFreeStmt(st.h, SQL_CLOSE);
    if (!with_parameters(st, out)) return out;
    SQLFreeStmt(st.h, SQL_CLOSE);
    SQLFreeStmt(st.h, SQL_RESET_PARAMS);
    if (!catalog(st, out)) return out;
    return out;
  }

 private:
  // True when rc is a success; otherwise records the failure in `out`.
  static bool ok(SQLRETURN rc, SQLHSTMT h, const char* step, Outcome& out) {
    if (SQL_SUCCEEDED(rc)) return true;
    out.ok = false;
    out.step = step + std::string(" -> ") + std::to_string(rc);
    out.records = diagnostics(SQL_HANDLE_STMT, h);
    return false;
  }

  // Fetches until SQL_NO_DATA, calling per_row after each row; false on an error.
  template <class PerRow>
  static bool fetch_all(SQLHSTMT h, Outcome& out, PerRow per_row) {
    for (int guard = 0; guard < 100000; ++guard) {
      const SQLRETURN rc = SQLFetch(h);
      if (rc == SQL_NO_DATA) return true;
      if (!ok(rc, h, "SQLFetch", out)) return false;
      if (!per_row()) return false;
    }
    return true;
  }

  bool select_all(Stmt& st, Outcome& out) {
    SQLINTEGER id = 0;
    SQLBIGINT big = 0;
    double dbl = 0;
    char name[80];
    SQLLEN ind[4] = {0, 0, 0, 0};
    SQLBindCol(st.h, 1, SQL_C_SLONG, &id, 0, &ind[0]);
    SQLBindCol(st.h, 2, SQL_C_SBIGINT, &big, 0, &ind[1]);
    SQLBindCol(st.h, 3, SQL_C_DOUBLE, &dbl, 0, &ind[2]);
    SQLBindCol(st.h, 5, SQL_C_CHAR, name, sizeof name, &ind[3]);
    const std::string sql = "SELECT id, big, dbl, dec_v, name, ts, data, maybe FROM " + table_ + " ORDER BY id";
    if (!ok(st.exec(sql), st.h, "SQLExecDirect(SELECT)", out)) return false;
    SQLSMALLINT columns = 0;
    if (!ok(SQLNumResultCols(st.h, &columns), st.h, "SQLNumResultCols", out)) return false;
    char name_buffer[64];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(columns); ++c)
      if (!ok(SQLDescribeCol(st.h, c, reinterpret_cast<SQLCHAR*>(name_buffer), sizeof name_buffer, &name_length, &type,
                             &size, &digits, &nullable),
              st.h, "SQLDescribeCol", out))
        return false;
    const bool fetched = fetch_all(st.h, out, [&] {
      char text[64];
      SQLLEN length = 0;
      if (!ok(SQLGetData(st.h, 4, SQL_C_CHAR, text, sizeof text, &length), st.h, "SQLGetData(dec_v)", out)) return false;
      SQL_TIMESTAMP_STRUCT ts{};
      if (!ok(SQLGetData(st.h, 6, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &length), st.h, "SQLGetData(ts)", out))
        return false;
      // The BLOB in pieces of 16 bytes: SQL_SUCCESS_WITH_INFO (01004) until the last piece.
      unsigned char piece[16];
      for (int i = 0; i < 1000; ++i) {
        const SQLRETURN rc = SQLGetData(st.h, 7, SQL_C_BINARY, piece, sizeof piece, &length);
        if (rc == SQL_NO_DATA || rc == SQL_SUCCESS) break;
        if (!ok(rc, st.h, "SQLGetData(data)", out)) return false;
      }
      return ok(SQLGetData(st.h, 8, SQL_C_CHAR, text, sizeof text, &length), st.h, "SQLGetData(maybe)", out);
    });
    SQLFreeStmt(st.h, SQL_UNBIND);
    return fetched;
  }

  bool with_parameters(Stmt& st, Outcome& out) {
    const std::string sql = "SELECT id, name, ts FROM " + table_ + " WHERE id > ? AND name <> ? ORDER BY id";
    if (!ok(SQLPrepare(st.h, (SQLCHAR*)sql.c_str(), SQL_NTS), st.h, "SQLPrepare", out)) return false;
    SQLINTEGER low = 5;
    char skip[] = "name-7-";
    SQLLEN low_ind = 0, skip_ind = SQL_NTS;
    SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &low, 0, &low_ind);
    SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 64, 0, skip, 0, &skip_ind);
    if (!ok(SQLExecute(st.h), st.h, "SQLExecute", out)) return false;
    return fetch_all(st.h, out, [&] {
      char text[80];
      SQLLEN length = 0;
      return ok(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &length), st.h, "SQLGetData(name)", out);
    });
  }

  bool catalog(Stmt& st, Outcome& out) {
    if (!ok(SQLColumns(st.h, nullptr, 0, nullptr, 0, (SQLCHAR*)table_.c_str(), SQL_NTS, nullptr, 0), st.h,
            "SQLColumns", out))
      return false;
    return fetch_all(st.h, out, [&] {
      char text[130];
      SQLLEN length = 0;
      return ok(SQLGetData(st.h, 4, SQL_C_CHAR, text, sizeof text, &length), st.h, "SQLGetData(COLUMN_NAME)", out);
    });
  }

  Dbc& dbc_;
  const std::string& table_;
};

enum class Mode { flip, length, cut_close, cut_stall };

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::flip: return "flip bytes";
    case Mode::length: return "rewrite a length header";
    case Mode::cut_close: return "cut mid-row and close";
    case Mode::cut_stall: return "cut mid-row and stall";
  }
  return "?";
}

// A small seeded generator for the test's own choices (which packet, which length).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// The SELECT's reply: the column count, kColumns definitions, maybe an EOF, then the rows.
// Packet kColumns + 2 onwards is a row whether or not the EOF packet is there.
std::size_t row_packet(std::uint64_t seed) { return kColumns + 2 + mix(seed ^ 0x51) % (kRows - 2); }

struct Tally {
  std::map<std::string, int> counts;  // "success" or the first SQLSTATE
  void add(const Outcome& o) { ++counts[o.ok ? std::string("success") : o.state()]; }
  std::string text() const {
    std::string s;
    for (const auto& [k, v] : counts) s += k + "=" + std::to_string(v) + " ";
    return s;
  }
};

// One seeded run: connect through a fresh proxy, arm the fault, run the workload,
// disconnect. Returns the outcome (checked by the caller).
Outcome hostile_run(const HostileTable& table, Mode mode, std::uint64_t seed) {
  FaultProxy proxy{env_or("TEST_SERVER", "127.0.0.1"), server_port(), std::chrono::seconds(60)};
  Env env;
  Dbc dbc(env);
  // READ_TIMEOUT bounds every wait for a reply that will not come (a stalled stream, a
  // length header promising more bytes than follow); the idle ping stays out of the way
  // so that the packets the proxy counts are the workload's.
  dbc.connect(resilient_connection_string("SERVER=127.0.0.1;PORT=" + std::to_string(proxy.port()) +
                                          ";READ_TIMEOUT=2;CONNECT_TIMEOUT=5;RECONNECT_TRIES=1"));
  switch (mode) {
    case Mode::flip:
      // About one byte in 600: a few changes per workload, anywhere in any packet.
      proxy.corrupt_server_bytes(seed, 600);
      break;
    case Mode::length: {
      const std::uint64_t r = mix(seed);
      // Any packet of the SELECT's reply; lengths short, long, zero and the maximum.
      const std::size_t skip = r % (kColumns + 2 + kRows);
      const std::uint32_t lengths[] = {0, 1, 3, 7, 60, 300, 70000, 0xFFFFFF};
      std::uint32_t length = lengths[(r >> 16) % 8];
      if ((r >> 24) % 3 == 0) length = static_cast<std::uint32_t>((r >> 32) % 400);
      proxy.rewrite_server_packet_length(skip, length);
      break;
    }
    case Mode::cut_close: proxy.cut_server_mid_packet(row_packet(seed), true); break;
    case Mode::cut_stall: proxy.cut_server_mid_packet(row_packet(seed), false); break;
  }
  Workload workload(dbc, table.name);
  Outcome outcome = workload.run();
  // Whatever happened, the handle must come apart cleanly.
  SQLDisconnect(dbc.h);
  dbc.connected = false;
  return outcome;
}

void check_outcome(const Outcome& o, Mode mode, std::uint64_t seed) {
  INFO(mode_name(mode) << ", seed " << seed << ": " << (o.ok ? std::string("success") : o.step) << "\n"
                       << describe_records(o.records));
  if (mode == Mode::cut_close || mode == Mode::cut_stall) CHECK_FALSE(o.ok);  // a row was lost
  if (!o.ok) {
    REQUIRE(!o.records.empty());
    const std::string& state = o.records.front().sqlstate;
    const bool fetching = o.step.rfind("SQLFetch", 0) == 0 || o.step.rfind("SQLGetData", 0) == 0;
    const bool value_error = mode == Mode::flip && fetching && kValueStates.count(state) == 1;
    CHECK((kLinkStates.count(state) == 1 || value_error));
    CHECK(!o.records.front().message.empty());
  }
}

void run_seeds(Mode mode, std::uint64_t first, int count) {
  HostileTable table;
  Tally tally;
  for (int i = 0; i < count; ++i) {
    const std::uint64_t seed = first + static_cast<std::uint64_t>(i);
    Watchdog watchdog(std::string(mode_name(mode)) + " seed " + std::to_string(seed), std::chrono::seconds(90));
    const Outcome o = hostile_run(table, mode, seed);
    tally.add(o);
    check_outcome(o, mode, seed);
  }
  // The tally is printed with -s: which outcomes the seeds produced.
  INFO(mode_name(mode) << ": " << tally.text());
  SUCCEED(mode_name(mode) << ": " << tally.text());
}

}  // namespace

TEST_CASE("hostile server: the workload runs unchanged through the proxy when no rule is armed",
          "[integration][hostile]") {
  // The baseline: the same workload, same table, no fault, succeeds (so the failures below
  // come from the faults, not from the workload).
  HostileTable table;
  FaultProxy proxy{env_or("TEST_SERVER", "127.0.0.1"), server_port(), std::chrono::seconds(60)};
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string("SERVER=127.0.0.1;PORT=" + std::to_string(proxy.port()) + ";READ_TIMEOUT=2"));
  Workload workload(dbc, table.name);
  const Outcome o = workload.run();
  INFO(o.step << "\n" << describe_records(o.records));
  CHECK(o.ok);
  CHECK(proxy.bytes_discarded() == 0);
}

TEST_CASE("hostile server: random bytes flipped in the replies end in success or a link error",
          "[integration][hostile]") {
  run_seeds(Mode::flip, 1000, 60);
}

TEST_CASE("hostile server: a rewritten packet length ends in success or a link error", "[integration][hostile]") {
  run_seeds(Mode::length, 2000, 40);
}

TEST_CASE("hostile server: a result cut mid-row and closed ends in a link error", "[integration][hostile]") {
  run_seeds(Mode::cut_close, 3000, 15);
}

TEST_CASE("hostile server: a result cut mid-row on a stalled server ends in a timeout or link error",
          "[integration][hostile]") {
  run_seeds(Mode::cut_stall, 4000, 4);
}
