// Soak (RESILIENCE.md rules 3, 4 and 6; contract test 13): worker threads, each with its
// own environment and connection to a server of the test's own, insert rows with unique
// ids in autocommit while the main thread kills random connections about once a second
// and restarts the server once. Afterwards: nothing crashed or hung, every INSERT that
// reported success is in the table exactly once, an INSERT reported as "completion
// unknown" (08S01 + 40003) is there at most once, one reported as a plain 08S01 (never
// sent) is absent, and no row exists that no INSERT accounts for.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "resilience_test.h"
#include "server_instance.h"

using namespace resilience_test;
using server_instance::extra_port;
using server_instance::ServerInstance;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWorkers = 4;
constexpr auto kRunFor = std::chrono::seconds(15);
constexpr auto kRestartAfter = std::chrono::seconds(6);
constexpr auto kKillEvery = std::chrono::milliseconds(1000);
// After the stop signal every worker must finish its statement within this.
constexpr auto kFinishWithin = std::chrono::seconds(30);
// Enough tries to wait out the restart (backoff 0.1 ... 2 s: 30 tries span about 50 s),
// and a read timeout that bounds any statement whose reply never comes.
const std::string kWorkerKeywords = "PING_IDLE=600;CONNECT_TIMEOUT=2;RECONNECT_TRIES=30;READ_TIMEOUT=20";

// One inserting thread and what it saw. The thread uses no Catch2 assertions; it shares
// ownership of this object, so a thread that hangs never outlives its handles.
struct Worker {
  int index;
  Env env;
  Dbc dbc{env};
  SQLHSTMT h = SQL_NULL_HSTMT;
  std::atomic<bool> stop{false};
  std::atomic<bool> done{false};
  std::atomic<std::size_t> successes{0};
  // Written by the worker only; read by the main thread after `done`.
  std::vector<long long> succeeded, unknown, unsent;
  std::vector<std::string> unexpected;
  double slowest_seconds = 0;

  Worker(int i, const std::string& cs) : index(i) {
    dbc.connect(cs);
    REQUIRE(SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &h) == SQL_SUCCESS);
  }
  ~Worker() {
    if (h != SQL_NULL_HSTMT) SQLFreeHandle(SQL_HANDLE_STMT, h);
  }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void run() noexcept {
    try {
      char sql[128];
      for (long long i = 0; !stop.load(); ++i) {
        const long long id = (index + 1) * 100000000LL + i;
        std::snprintf(sql, sizeof sql, "INSERT INTO res_soak (id, worker) VALUES (%lld, %d)", id, index);
        const auto started = Clock::now();
        const SQLRETURN rc = SQLExecDirect(h, reinterpret_cast<SQLCHAR*>(sql), SQL_NTS);
        slowest_seconds = std::max(slowest_seconds, std::chrono::duration<double>(Clock::now() - started).count());
        if (SQL_SUCCEEDED(rc)) {
          succeeded.push_back(id);
          ++successes;
        } else {
          const std::vector<DiagRecordText> records = diagnostics(SQL_HANDLE_STMT, h);
          bool unknown_outcome = false;
          for (const auto& r : records) unknown_outcome = unknown_outcome || r.sqlstate == "40003";
          if (!records.empty() && records.front().sqlstate == "08S01")
            (unknown_outcome ? unknown : unsent).push_back(id);
          else
            unexpected.push_back("id " + std::to_string(id) + ": rc " + std::to_string(rc) + ": " +
                                 describe_records(records));
        }
        SQLFreeStmt(h, SQL_CLOSE);
      }
    } catch (...) {
      unexpected.push_back("exception in worker " + std::to_string(index));
    }
    done = true;
  }
};

// Stops the workers on every way out of the test (an assertion failure included): waits
// a bounded time and joins those that finished; a hung one is detached (it owns its
// worker, so nothing it touches is freed under it) and reported.
struct Crew {
  std::vector<std::shared_ptr<Worker>> workers;
  std::vector<std::thread> threads;

  void start() {
    for (auto& w : workers) threads.emplace_back([w] { w->run(); });
  }
  // Returns the indexes of workers that did not finish in time.
  std::vector<int> stop_and_wait() {
    for (auto& w : workers) w->stop = true;
    const auto deadline = Clock::now() + kFinishWithin;
    std::vector<int> hung;
    for (std::size_t i = 0; i < threads.size(); ++i) {
      if (!threads[i].joinable()) continue;
      while (!workers[i]->done && Clock::now() < deadline) sleep_ms(20);
      if (workers[i]->done) {
        threads[i].join();
      } else {
        threads[i].detach();
        hung.push_back(workers[i]->index);
      }
    }
    return hung;
  }
  ~Crew() { stop_and_wait(); }
};

// A random worker connection on the server, if any is there now.
std::optional<std::string> pick_victim(Admin& admin) {
  Stmt st(admin.dbc);
  const std::string sql =
      "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'holdfast' AND DB = 'holdfast_test' "
      "AND ID <> CONNECTION_ID() ORDER BY RAND() LIMIT 1";
  const SQLRETURN rc = st.exec(sql);
  INFO(sql << "\n" << describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(SQL_SUCCEEDED(rc));
  char buffer[32] = {0};
  SQLLEN ind = 0;
  if (SQLFetch(st.h) != SQL_SUCCESS) return std::nullopt;
  REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind)));
  return std::string(buffer);
}

// KILL CONNECTION; false when the connection was already gone (ER_NO_SUCH_THREAD).
bool kill_now(Admin& admin, const std::string& id) {
  Stmt st(admin.dbc);
  const SQLRETURN rc = st.exec("KILL CONNECTION " + id);
  if (SQL_SUCCEEDED(rc)) return true;
  const std::vector<DiagRecordText> records = diagnostics(SQL_HANDLE_STMT, st.h);
  INFO("KILL CONNECTION " << id << "\n" << describe_records(records));
  REQUIRE(!records.empty());
  CHECK(records.front().native == 1094);
  return false;
}

// How many times each id is in the table.
std::map<long long, long long> row_counts(Admin& admin) {
  Stmt st(admin.dbc);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT id, COUNT(*) FROM res_soak GROUP BY id"));
  std::map<long long, long long> counts;
  SQLBIGINT id = 0, count = 0;
  SQLLEN id_ind = 0, count_ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 1, SQL_C_SBIGINT, &id, 0, &id_ind));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 2, SQL_C_SBIGINT, &count, 0, &count_ind));
  SQLRETURN rc;
  while ((rc = SQLFetch(st.h)) == SQL_SUCCESS) counts[id] = count;
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_NO_DATA);
  return counts;
}

template <typename T>
std::string first_few(const std::vector<T>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size() && i < 10; ++i) s += (i ? ", " : "") + std::to_string(items[i]);
  if (items.size() > 10) s += ", ... (" + std::to_string(items.size()) + " in all)";
  return s;
}

}  // namespace

TEST_CASE("soak: inserting threads under random KILLs and a server restart never lose or double a row",
          "[integration][resilience][soak]") {
  const auto test_started = Clock::now();
  ServerInstance server(extra_port(4));
  server.start();
  const std::string cs = server.connection_string(kWorkerKeywords);
  Admin admin(cs);
  admin.run("DROP TABLE IF EXISTS res_soak");
  // A plain index, not a primary key: a row inserted twice must show, not fail.
  admin.run("CREATE TABLE res_soak (id BIGINT NOT NULL, worker INT NOT NULL, KEY (id)) ENGINE=InnoDB");

  Crew crew;
  for (int i = 0; i < kWorkers; ++i) crew.workers.push_back(std::make_shared<Worker>(i, cs));
  crew.start();

  int kills = 0, kill_attempts = 0;
  bool restarted = false;
  std::vector<std::size_t> successes_at_restart(kWorkers, 0);
  const auto loop_started = Clock::now();
  while (Clock::now() - loop_started < kRunFor) {
    std::this_thread::sleep_for(kKillEvery);
    if (!restarted && Clock::now() - loop_started >= kRestartAfter) {
      server.stop();
      server.start();
      restarted = true;
      for (int i = 0; i < kWorkers; ++i) successes_at_restart[i] = crew.workers[i]->successes;
      continue;
    }
    if (auto victim = pick_victim(admin)) {
      ++kill_attempts;
      if (kill_now(admin, *victim)) ++kills;
    }
  }

  const std::vector<int> hung = crew.stop_and_wait();
  INFO("workers still in a statement " << std::chrono::duration_cast<std::chrono::seconds>(kFinishWithin).count()
                                       << " s after the stop: " << first_few(hung));
  REQUIRE(hung.empty());

  std::size_t total_succeeded = 0, total_unknown = 0, total_unsent = 0;
  std::vector<std::string> unexpected;
  for (auto& w : crew.workers) {
    INFO("worker " << w->index << ": " << w->succeeded.size() << " succeeded, " << w->unknown.size()
                   << " completion unknown, " << w->unsent.size() << " not sent, slowest call "
                   << w->slowest_seconds << " s");
    total_succeeded += w->succeeded.size();
    total_unknown += w->unknown.size();
    total_unsent += w->unsent.size();
    unexpected.insert(unexpected.end(), w->unexpected.begin(), w->unexpected.end());
    CHECK(w->successes.load() > successes_at_restart[w->index]);  // it went on working after the restart
    CHECK(reconnects(w->dbc) >= 1);                         // the restart ended every connection
    CHECK(w->slowest_seconds < 25);
  }
  std::string unexpected_text;
  for (std::size_t i = 0; i < unexpected.size() && i < 10; ++i) unexpected_text += unexpected[i] + "\n";
  INFO(unexpected.size() << " unexpected errors:\n" << unexpected_text);
  CHECK(unexpected.empty());
  INFO(total_succeeded << " INSERTs succeeded, " << total_unknown << " completion unknown, " << total_unsent
                       << " not sent; " << kills << " of " << kill_attempts << " KILLs hit a connection");
  CHECK(restarted);
  CHECK(kills >= 5);
  CHECK(total_succeeded >= 100);

  // What is in the table. The admin connection was lost at the restart too and comes back
  // transparently.
  CHECK(admin.scalar("SELECT COUNT(*) FROM (SELECT id FROM res_soak GROUP BY id HAVING COUNT(*) > 1) d") == "0");
  const std::map<long long, long long> counts = row_counts(admin);
  std::vector<long long> doubled, missing, unsent_present, unaccounted;
  std::set<long long> reported;
  for (auto& w : crew.workers) {
    for (long long id : w->succeeded) {
      reported.insert(id);
      const auto it = counts.find(id);
      if (it == counts.end()) missing.push_back(id);
    }
    for (long long id : w->unknown) reported.insert(id);
    for (long long id : w->unsent)
      if (counts.count(id)) unsent_present.push_back(id);
  }
  for (const auto& [id, count] : counts) {
    if (count != 1) doubled.push_back(id);
    if (!reported.count(id)) unaccounted.push_back(id);
  }
  INFO("ids in the table more than once: " << first_few(doubled));
  CHECK(doubled.empty());
  INFO("successful INSERTs missing from the table: " << first_few(missing));
  CHECK(missing.empty());
  INFO("INSERTs reported as never sent, yet in the table: " << first_few(unsent_present));
  CHECK(unsent_present.empty());
  INFO("rows no INSERT accounts for: " << first_few(unaccounted));
  CHECK(unaccounted.empty());
  CHECK(counts.size() >= total_succeeded);
  CHECK(counts.size() <= total_succeeded + total_unknown);
  CHECK(Clock::now() - test_started < std::chrono::seconds(80));
}
