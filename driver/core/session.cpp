#include "core/session.h"

#include <errmsg.h>
#include <mariadb_com.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>  // explicit_bzero
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "core/link_probe.h"
#include "core/log.h"
#include "core/sql_charset.h"
#include "core/tls_errors.h"
#include "core/transaction_sql.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

// libmariadb keeps a copy of the password in the handle (for a change of user the
// driver never makes) until the handle is closed, and frees it without clearing it.
void forget_password(MYSQL* m) noexcept {
  if (m && m->passwd) explicit_bzero(m->passwd, std::strlen(m->passwd));
}

constexpr int ER_QUERY_INTERRUPTED_CODE = 1317;
constexpr int ER_NET_PACKET_TOO_LARGE_CODE = 1153;
constexpr std::size_t kSmallestPacketLimit = 1024;  // max_allowed_packet's lowest setting
constexpr const char* kCompletionUnknown =
    "Statement completion unknown: the connection was lost after the statement was sent";

using Clock = std::chrono::steady_clock;

ErrorSource source_of(int native) {
  return (native >= 2000 && native < 3000) || (native >= 5000 && native < 6000) ? ErrorSource::client_library
                                                                                : ErrorSource::server;
}

// TCP keepalive so that a silently dropped flow is found even while the application
// waits on a long statement (RESILIENCE.md section 6): probes after 60 s idle, every
// 10 s, 3 unanswered probes end the connection. No effect on Unix sockets.
void enable_keepalive(MYSQL* m) noexcept {
  const my_socket fd = mysql_get_socket(m);
  if (fd < 0) return;
  int on = 1, idle = 60, interval = 10, count = 3;
  if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0) return;
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

bool tracking_supported(ServerFlavor flavor, unsigned long version) {
  return flavor == ServerFlavor::mariadb ? version >= 100202 : version >= 50700;
}

// fork() detection without cost on the hot path: the child handler bumps a counter that
// each session compares with the value it saw when it opened its link.
std::atomic<unsigned> g_fork_generation{0};
void count_fork() noexcept { g_fork_generation.fetch_add(1, std::memory_order_relaxed); }
void watch_forks() noexcept {
  static const bool registered = pthread_atfork(nullptr, nullptr, &count_fork) == 0;
  (void)registered;
}

// How long the server has been up, asked on a link of our own after a loss (one query,
// never on the hot path). Empty when the server does not say.
std::optional<std::chrono::seconds> server_uptime(MYSQL* m) {
  const bool mariadb = std::string_view(mysql_get_server_info(m)).find("MariaDB") != std::string_view::npos;
  const std::string_view query = mariadb
      ? "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='UPTIME'"
      : "SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME='Uptime'";
  if (mysql_real_query(m, query.data(), static_cast<unsigned long>(query.size())) != 0) return std::nullopt;
  MYSQL_RES* r = mysql_store_result(m);
  if (!r) return std::nullopt;
  std::optional<std::chrono::seconds> uptime;
  if (MYSQL_ROW row = mysql_fetch_row(r); row && row[0]) uptime = std::chrono::seconds(std::strtoll(row[0], nullptr, 10));
  mysql_free_result(r);
  return uptime;
}

bool uses_unix_socket(const std::string& host) { return host.empty() || host == "localhost"; }

// What a failed TCP connect really met: a refusal comes back at once, a silent host only
// when the timeout ends it (libmariadb's own errno for a refusal is EINPROGRESS).
int connect_errno(Clock::duration took, unsigned timeout_seconds) {
  if (!timeout_seconds) return 0;
  return took + std::chrono::milliseconds(250) >= std::chrono::seconds(timeout_seconds) ? ETIMEDOUT : ECONNREFUSED;
}

// How the link is protected, for the connect log line.
std::string tls_log_text(MYSQL* m) {
  std::string tls = tls_session_description(m);
  return tls.empty() ? std::string("no TLS") : "TLS " + tls;
}

}  // namespace

bool Session::tracking_supported_now() const noexcept {
  return mysql_ && tracking_supported(flavor_, server_version_number_);
}

Session::~Session() { close(); }

void Session::close() noexcept {
  if (WireTenant* tenant = streaming_) {
    streaming_ = nullptr;
    tenant->unlink();
  }
  if (mysql_ && inherited_by_child()) abandon_inherited_link();
  if (mysql_) mysql_close(mysql_);
  mysql_ = nullptr;
  {
    std::lock_guard lock(kill_mutex_);
    kill_thread_id_ = 0;
  }
  wire_busy_ = false;
}

MYSQL* Session::connect_one(const Endpoint& where, std::string& error_text, int& error_code,
                            std::string& error_state) {
  const auto started = Clock::now();
  MYSQL* m = mysql_init(nullptr);
  if (!m) throw std::bad_alloc();
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, options_.charset.c_str());
  if (options_.connect_timeout) mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &options_.connect_timeout);
  if (options_.read_timeout) mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &options_.read_timeout);
  if (options_.write_timeout) mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &options_.write_timeout);
  my_bool no = 0;
  mysql_optionsv(m, MYSQL_OPT_RECONNECT, &no);  // reconnecting is ours, never the library's
  mysql_optionsv(m, MYSQL_OPT_NONBLOCK, 0);      // lets the idle ping run under its own deadline
  apply_tls_options(m, options_.tls);
  unsigned long flags = CLIENT_MULTI_RESULTS;
  if (options_.multi_statements) flags |= CLIENT_MULTI_STATEMENTS;
  if (options_.found_rows) flags |= CLIENT_FOUND_ROWS;
  if (options_.ignore_space) flags |= CLIENT_IGNORE_SPACE;
  if (options_.interactive) flags |= CLIENT_INTERACTIVE;
  if (options_.compress) mysql_optionsv(m, MYSQL_OPT_COMPRESS);
  if (!options_.plugin_dir.empty()) mysql_optionsv(m, MYSQL_PLUGIN_DIR, options_.plugin_dir.c_str());
  if (!options_.default_auth.empty()) mysql_optionsv(m, MYSQL_DEFAULT_AUTH, options_.default_auth.c_str());
  const char* host = where.host.empty() ? "localhost" : where.host.c_str();
  const char* socket = options_.socket.empty() ? nullptr : options_.socket.c_str();
  const char* database = state_.catalog && !state_.catalog->empty() ? state_.catalog->c_str() : nullptr;
  if (!mysql_real_connect(m, host, options_.user.c_str(), options_.password.c_str(), database, where.port, socket,
                          flags)) {
    error_code = static_cast<int>(mysql_errno(m));
    error_text = mysql_error(m);
    error_state = mysql_sqlstate(m);
    forget_password(m);
    mysql_close(m);
    if (error_code == CR_SSL_CONNECTION_ERROR) error_text = tls_failure_message(error_text, options_.tls, host);
    if (unwrap_pre_tls_error(options_.tls, error_code, error_text)) error_state = "HY000";
    // Name the cause. With a connect timeout libmariadb reports EINPROGRESS for a refused
    // TCP connect; how long the attempt took tells a refusal from a timeout.
    ConnectFailureEvidence evidence{error_code, error_text, host, where.port, options_.user, options_.connect_timeout,
                                    0, uses_unix_socket(where.host)};
    evidence.seen_errno = connect_errno(Clock::now() - started, options_.connect_timeout);
    last_connect_verdict_ = judge_connect_failure(evidence);
    return nullptr;
  }
  forget_password(m);  // the session keeps its own copy for reconnecting
  if (std::string refusal = check_tls_session(m, options_.tls, std::string(host) + ":" + std::to_string(where.port));
      !refusal.empty()) {
    mysql_close(m);
    error_code = CR_SSL_CONNECTION_ERROR;
    error_text = std::move(refusal);
    error_state = "08001";
    last_connect_verdict_ = LossVerdict{};
    return nullptr;
  }
  enable_keepalive(m);
  return m;
}

void Session::connect_any() {
  if (options_.hosts.empty()) options_.hosts.push_back({"localhost", 3306});
  int code = 0;
  std::string text, state, tried;
  for (const Endpoint& where : options_.hosts) {
    last_connect_verdict_ = LossVerdict{};
    MYSQL* m = connect_one(where, text, code, state);
    if (m) {
      mysql_ = m;
      ++generation_;
      fork_generation_ = g_fork_generation.load(std::memory_order_relaxed);
      host_ = where.host;
      server_version_ = mysql_get_server_info(m);
      server_version_number_ = mysql_get_server_version(m);
      flavor_ = server_version_.find("MariaDB") != std::string::npos ? ServerFlavor::mariadb : ServerFlavor::mysql;
      {
        std::lock_guard lock(kill_mutex_);
        kill_endpoint_ = where;
        kill_thread_id_ = mysql_thread_id(m);
      }
      if (log::enabled(LogLevel::info))
        log::write(LogLevel::info, "connected to " + where.host + ":" + std::to_string(where.port) + " as " +
                                       options_.user + " (server " + server_version_ + ", connection id " +
                                       std::to_string(mysql_thread_id(m)) + ", " + tls_log_text(m) + ")");
      last_heard_ = Clock::now();
      wire_busy_ = false;
      server_status_ = 0;
      unrebuildable_state_ = false;
      return;
    }
    ErrorClass c = classify_error(code, state, ServerFlavor::any, false);
    if (log::enabled(LogLevel::warning))
      log::write(LogLevel::warning, "connecting to " + where.host + ":" + std::to_string(where.port) + " failed: " +
                                        with_cause(text, last_connect_verdict_) + " (" + std::to_string(code) + ")");
    if (c.sqlstate.substr(0, 2) != "08") break;  // credentials and the like: another host won't help
    if (!tried.empty()) tried += ", ";
    tried += where.host + ":" + std::to_string(where.port);
  }
  ErrorClass c = classify_error(code, state, ServerFlavor::any, false);
  std::string message = with_cause(text, last_connect_verdict_);
  if (options_.hosts.size() > 1 && !tried.empty()) message += " (tried " + tried + ")";
  throw OdbcError(std::string(c.sqlstate), message, code, source_of(code)).set_cause(last_connect_verdict_.cause);
}

void Session::open(const SessionOptions& options) {
  watch_forks();
  close();
  options_ = options;
  state_ = OwnedState{};
  if (!options.database.empty()) state_.catalog = options.database;
  transaction_lost_ = false;
  connect_any();
  try {
    rebuild_state();
  } catch (...) {
    close();
    throw;
  }
}

void Session::run_internal(std::string_view sql) {
  if (mysql_real_query(mysql_, sql.data(), static_cast<unsigned long>(sql.size())) != 0) raise();
  // Statements of our own return no rows; consume every reply.
  do {
    if (MYSQL_RES* r = mysql_store_result(mysql_)) mysql_free_result(r);
  } while (mysql_next_result(mysql_) == 0);
  last_heard_ = Clock::now();
  mariadb_get_infov(mysql_, MARIADB_CONNECTION_SERVER_STATUS, &server_status_);
}

void Session::rebuild_state() {
  // The contract's order: catalog (given to mysql_real_connect), character set (a
  // connect option), autocommit, isolation, read-only, then INITSTMT.
  const bool tracking = tracking_supported(flavor_, server_version_number_);
  std::string set = "SET SESSION ";
  if (tracking) {
    // Tracking first; then assigning the session's own values to the variables the driver
    // must know makes the reply carry them: what the server really uses, learnt in this
    // same round trip instead of a SELECT of its own.
    set += "session_track_state_change=1, session_track_schema=1, session_track_system_variables="
           "'autocommit,character_set_client,character_set_connection,character_set_results,time_zone,sql_mode,"
           "wait_timeout', character_set_client=@@character_set_client, sql_mode=@@sql_mode, "
           "wait_timeout=@@wait_timeout, ";
  }
  set += "autocommit=";
  set += state_.autocommit ? '1' : '0';
  if (options_.auto_is_null) set += ", sql_auto_is_null=1";
  TrackedRules rules;
  run_internal(set);
  if (tracking) read_tracked_rules(rules);
  if (state_.isolation) run_internal("SET SESSION TRANSACTION ISOLATION LEVEL " + *state_.isolation);
  if (state_.read_only) run_internal(*state_.read_only ? "SET SESSION TRANSACTION READ ONLY"
                                                       : "SET SESSION TRANSACTION READ WRITE");
  if (!options_.init_statement.empty()) {
    run_internal(options_.init_statement);
    if (tracking) read_tracked_rules(rules);  // INITSTMT may SET NAMES or sql_mode
  }
  if (tracking && rules.complete()) {
    wait_timeout_ = rules.wait_timeout;
    max_allowed_packet_ = 0;  // learnt when a statement first needs it
    apply_text_rules(rules.charset, rules.sql_mode);
    warn_if_ping_too_late();
  } else {
    learn_session_text_rules();
  }
  unrebuildable_state_ = false;
}

void Session::read_tracked_rules(TrackedRules& rules) {
  const char* data = nullptr;
  std::size_t length = 0;
  if (mysql_session_track_get_first(mysql_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) != 0) return;
  std::string name(data, length);
  while (mysql_session_track_get_next(mysql_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0) {
    const std::string_view value(data, length);
    if (name == "character_set_client") rules.charset.assign(value), rules.seen |= 1;
    if (name == "sql_mode") rules.sql_mode.assign(value), rules.seen |= 2;
    if (name == "wait_timeout") rules.wait_timeout = std::strtoul(std::string(value).c_str(), nullptr, 10), rules.seen |= 4;
    if (mysql_session_track_get_next(mysql_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) != 0) break;
    name.assign(data, length);
  }
}

unsigned long long Session::max_allowed_packet() noexcept {
  // Learnt on first need (one small query per connection), never while the link is busy.
  if (max_allowed_packet_ || !mysql_ || streaming_ || wire_busy_) return max_allowed_packet_;
  const char query[] = "SELECT @@max_allowed_packet";
  if (mysql_real_query(mysql_, query, sizeof query - 1) != 0) return 0;  // a loss shows at the next send
  if (MYSQL_RES* r = mysql_store_result(mysql_)) {
    if (MYSQL_ROW row = mysql_fetch_row(r); row && row[0]) max_allowed_packet_ = std::strtoull(row[0], nullptr, 10);
    mysql_free_result(r);
  }
  last_heard_ = Clock::now();
  return max_allowed_packet_;
}

void Session::learn_session_text_rules() {
  // What the server really uses, not what was asked for: a server that does not know the
  // requested character set silently keeps its default, and escaping for the wrong set
  // opens an injection (a multi-byte lead byte swallowing a backslash).
  const char query[] = "SELECT @@character_set_client, @@sql_mode, @@wait_timeout, @@max_allowed_packet";
  if (mysql_real_query(mysql_, query, sizeof query - 1) != 0) raise();
  MYSQL_RES* r = mysql_store_result(mysql_);
  if (!r) raise();
  MYSQL_ROW row = mysql_fetch_row(r);
  std::string charset = row && row[0] ? row[0] : "";
  std::string sql_mode = row && row[1] ? row[1] : "";
  wait_timeout_ = row && row[2] ? std::strtoul(row[2], nullptr, 10) : 0;
  max_allowed_packet_ = row && row[3] ? std::strtoull(row[3], nullptr, 10) : 0;
  mysql_free_result(r);
  last_heard_ = Clock::now();
  apply_text_rules(charset, sql_mode);
  warn_if_ping_too_late();
}

void Session::warn_if_ping_too_late() {
  if (options_.ping_idle > 0 && wait_timeout_ && static_cast<unsigned long>(options_.ping_idle) >= wait_timeout_ &&
      log::enabled(LogLevel::warning))
    log::write(LogLevel::warning, "PING_IDLE=" + std::to_string(options_.ping_idle) +
                                      " s is not shorter than the server's wait_timeout of " +
                                      std::to_string(wait_timeout_) +
                                      " s: the server closes idle connections before the driver would ping them "
                                      "(the dead-socket check still finds them; lower PING_IDLE to keep them alive)");
}

void Session::apply_text_rules(const std::string& charset, const std::string& sql_mode) {
  if (!charset.empty()) {
    if (!charset_from_mysql_name(charset))
      throw OdbcError("08001", "The server uses the character set '" + charset +
                                   "', which the driver cannot escape safely; choose another CHARSET");
    charset_ = charset;
  }
  ansi_quotes_ = sql_mode.find("ANSI_QUOTES") != std::string::npos;
}

bool Session::replayable() const noexcept {
  return !(server_status_ & SERVER_STATUS_IN_TRANS) && !unrebuildable_state_ && !wire_busy_ && !streaming_;
}

bool Session::looks_dead() noexcept {
  if (!mysql_) return true;
  if (wire_busy_ || streaming_) return false;  // results pending: data on the socket is expected
  const my_socket fd = mysql_get_socket(mysql_);
  if (fd < 0) return true;
  pollfd p{fd, static_cast<short>(POLLIN | POLLRDHUP), 0};
  if (poll(&p, 1, 0) <= 0) return false;
  // Nothing is owed to us: anything readable is a FIN, a reset or the server's farewell
  // error packet (ER_CONNECTION_KILLED, ER_CLIENT_INTERACTION_TIMEOUT).
  return (p.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

void Session::note_loss(const LossVerdict& verdict) noexcept {
  counters_.last_loss_cause = verdict.named() ? verdict.cause : LossCause::unknown;
}

MYSQL* Session::open_side_connection(int& error_code, std::string& error_text) {
  Endpoint where;
  {
    std::lock_guard lock(kill_mutex_);
    where = kill_endpoint_;
  }
  MYSQL* side = mysql_init(nullptr);
  if (!side) return nullptr;
  // Short: a side connection serves a KILL QUERY or names a cause, and must not hold up
  // the application's error for long.
  unsigned timeout = std::min(2u, static_cast<unsigned>(
                                      std::chrono::duration_cast<std::chrono::seconds>(ping_deadline()).count()));
  mysql_optionsv(side, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_optionsv(side, MYSQL_OPT_READ_TIMEOUT, &timeout);
  mysql_optionsv(side, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
  apply_tls_options(side, options_.tls);  // never weaker than the application's own link
  const char* socket = options_.socket.empty() ? nullptr : options_.socket.c_str();
  const char* host = where.host.empty() ? "localhost" : where.host.c_str();
  const bool connected =
      mysql_real_connect(side, host, options_.user.c_str(), options_.password.c_str(), nullptr, where.port, socket, 0);
  forget_password(side);
  if (connected) {
    std::string refusal = check_tls_session(side, options_.tls, std::string(host) + ":" + std::to_string(where.port));
    if (refusal.empty()) return side;
    mysql_close(side);
    error_code = CR_SSL_CONNECTION_ERROR;
    error_text = std::move(refusal);
    return nullptr;
  }
  error_code = static_cast<int>(mysql_errno(side));
  error_text = mysql_error(side);
  mysql_close(side);
  if (error_code == CR_SSL_CONNECTION_ERROR) error_text = tls_failure_message(error_text, options_.tls, host);
  return nullptr;
}

ServerAfterLoss Session::probe_server(Clock::time_point last_heard) {
  ServerAfterLoss server;
  Endpoint where;
  {
    std::lock_guard lock(kill_mutex_);
    where = kill_endpoint_;
  }
  server.endpoint = where.host + ":" + std::to_string(where.port);
  const auto started = Clock::now();
  int code = 0;
  std::string text;
  if (MYSQL* side = open_side_connection(code, text)) {
    server.reached = ServerAfterLoss::Reached::up;
    server.uptime = server_uptime(side);
    mysql_close(side);
  } else if (code == CR_CONNECTION_ERROR || code == CR_CONN_HOST_ERROR) {
    const int seen = uses_unix_socket(where.host) ? ECONNREFUSED : connect_errno(Clock::now() - started, 2);
    server.reached = seen == ECONNREFUSED ? ServerAfterLoss::Reached::refused
                     : seen == ETIMEDOUT  ? ServerAfterLoss::Reached::no_answer
                                          : ServerAfterLoss::Reached::other_failure;
    server.failure = text;
  } else {
    server.reached = ServerAfterLoss::Reached::other_failure;
    server.failure = text + " (" + std::to_string(code) + ")";
  }
  server.since_last_heard = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_heard);
  return server;
}

LossVerdict Session::refine_after_reconnect(LossVerdict verdict, SocketSignal signal, Clock::time_point last_heard) {
  if (verdict.cause != LossCause::unknown || !mysql_) return verdict;
  ServerAfterLoss server;
  server.reached = ServerAfterLoss::Reached::up;
  server.uptime = server_uptime(mysql_);
  server.since_last_heard = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_heard);
  return refine_with_server(std::move(verdict), signal, server);
}

void Session::reconnect_or_throw(int native, const std::string& message, LossVerdict verdict, SocketSignal signal) {
  counters_.last_loss_native = native;
  const bool in_transaction = (server_status_ & SERVER_STATUS_IN_TRANS) != 0 || transaction_lost_;
  const bool can_replay = replayable();
  const Clock::time_point heard = last_heard_;  // the lost link's last reply
  close();
  const bool transparent = !in_transaction && options_.reconnect && can_replay;
  if (!transparent) {
    // Reported, not hidden: name the cause first (a probe only when the evidence is ambiguous).
    if (verdict.cause == LossCause::unknown) verdict = refine_with_server(std::move(verdict), signal, probe_server(heard));
    note_loss(verdict);
    if (log::enabled(LogLevel::info))
      log::write(LogLevel::info, "connection to " + host_ + " lost before a send: " + with_cause(message, verdict) +
                                     " (" + std::to_string(native) + "); " +
                                     (in_transaction        ? "inside a transaction: reported, not reconnected"
                                      : !options_.reconnect ? "RECONNECT=0: reported"
                                                            : "session state cannot be rebuilt: reported"));
    std::string text = with_cause(message, verdict);
    if (in_transaction) {
      transaction_lost_ = true;
      text += "; the open transaction was lost (end it with SQLEndTran)";
    } else if (options_.reconnect) {
      text += "; not reconnected transparently: the session held state that cannot be rebuilt";
    }
    throw OdbcError("08S01", text, native, source_of(native)).set_cause(verdict.cause);
  }
  if (log::enabled(LogLevel::info))
    log::write(LogLevel::info, "connection to " + host_ + " lost before a send: " + with_cause(message, verdict) +
                                   " (" + std::to_string(native) + "); reconnecting");
  std::string last_error;
  LossCause last_error_cause = LossCause::none;
  for (unsigned attempt = 0; attempt < std::max(1u, options_.reconnect_tries); ++attempt) {
    if (attempt > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100u << std::min(attempt - 1, 5u), 2000u)));
    try {
      connect_any();
      rebuild_state();
      ++counters_.reconnects;
      verdict = refine_after_reconnect(std::move(verdict), signal, heard);
      note_loss(verdict);
      if (log::enabled(LogLevel::info))
        log::write(LogLevel::info, "reconnected transparently to " + host_ + " (attempt " + std::to_string(attempt + 1) +
                                       ", connection id " + std::to_string(mysql_thread_id(mysql_)) +
                                       ", session rebuilt) after: " + with_cause(message, verdict));
      return;
    } catch (const OdbcError& e) {
      close();
      last_error = e.what();
      last_error_cause = e.cause();
    }
  }
  if (verdict.cause == LossCause::unknown) {
    ServerAfterLoss server;
    server.endpoint = host_;
    server.reached = last_error_cause == LossCause::refused            ? ServerAfterLoss::Reached::refused
                     : last_error_cause == LossCause::connect_timeout ? ServerAfterLoss::Reached::no_answer
                                                                      : ServerAfterLoss::Reached::other_failure;
    server.failure = last_error;
    verdict = refine_with_server(std::move(verdict), signal, server);
  }
  note_loss(verdict);
  throw OdbcError("08S01", with_cause(message, verdict) + "; reconnecting failed: " + last_error, native,
                  source_of(native))
      .set_cause(verdict.cause);
}

bool Session::inherited_by_child() const noexcept {
  return fork_generation_ != g_fork_generation.load(std::memory_order_relaxed);
}

void Session::abandon_inherited_link() noexcept {
  // The socket is shared with the parent process: anything written to it (even the
  // QUIT of mysql_close) would land in the parent's session. Point this process's copy
  // of the descriptor at /dev/null first, then free the handle.
  const my_socket fd = mysql_get_socket(mysql_);
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (fd >= 0 && null_fd >= 0) ::dup2(null_fd, fd);
  if (null_fd >= 0) ::close(null_fd);
  mysql_close(mysql_);
  mysql_ = nullptr;
  fork_generation_ = g_fork_generation.load(std::memory_order_relaxed);
}

void Session::ensure_usable() {
  if (charset_unsafe_)
    throw OdbcError("HY000", "The session's character set was changed to one the driver cannot escape safely");
  const int lost = counters_.last_loss_native ? counters_.last_loss_native : CR_SERVER_GONE_ERROR;
  if (transaction_lost_)
    throw OdbcError("08S01", "The connection was lost inside a transaction; end the transaction with SQLEndTran first",
                    lost, source_of(lost))
        .set_cause(counters_.last_loss_cause);
  if (mysql_ && inherited_by_child()) {
    // This process is a child created by fork() after the link was opened: it gets a
    // link of its own (transparently when nothing can be lost); the parent's is untouched.
    reconnect_or_throw(CR_SERVER_GONE_ERROR, "The connection belongs to the parent process",
                       LossVerdict{LossCause::forked,
                                   "this process was created by fork() after the connection was opened; the "
                                   "parent's connection is left to the parent and this process connects anew"});
    return;
  }
  if (!mysql_) {
    // A loss was already reported to the application: the next call reconnects (rule 4),
    // unless reconnecting is off (then only disconnect + connect recovers).
    if (!options_.reconnect)
      throw OdbcError("08S01", "The connection to the server was lost and RECONNECT=0: disconnect and connect again",
                      lost, source_of(lost))
          .set_cause(counters_.last_loss_cause);
    unrebuildable_state_ = false;
    server_status_ = 0;
    reconnect_or_throw(CR_SERVER_GONE_ERROR, "The connection to the server was lost",
                       LossVerdict{counters_.last_loss_cause, {}});
    return;
  }
  set_aside_stream();
  if (!mysql_) {
    // The link died while the streamed rows were read: that loss is the streaming
    // statement's to report; this send reconnects like any after a loss.
    ensure_usable();
    return;
  }
  if (wire_busy_) drain_results();
  if (looks_dead()) {
    ++counters_.dead_socket_detections;
    IdleCloseEvidence evidence;
    evidence.idle = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_heard_);
    evidence.wait_timeout = wait_timeout_;
    evidence.signal = peek_closed_socket(mysql_get_socket(mysql_), evidence.packet_native, evidence.packet_message);
    reconnect_or_throw(CR_SERVER_GONE_ERROR, "The server closed the connection", judge_idle_close(evidence),
                       evidence.signal);
    return;
  }
  if (options_.ping_idle < 0) return;
  if (Clock::now() - last_heard_ < std::chrono::seconds(options_.ping_idle)) return;
  ++counters_.pings;
  const auto idle = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_heard_);
  if (ping_within(ping_deadline())) {
    last_heard_ = Clock::now();
    return;
  }
  if (!mysql_) {
    // No answer in time: a silently dropped flow. The ping never reached a statement.
    const std::string limit = format_duration(ping_deadline());
    reconnect_or_throw(CR_SERVER_LOST, "No reply to the idle ping within " + limit,
                       LossVerdict{LossCause::ping_timeout,
                                   "no reply to the idle ping within " + limit + " after " + format_duration(idle) +
                                       " idle: the network silently drops this connection (a firewall or NAT idle "
                                       "timeout) or the server's host is down"});
    return;
  }
  const int code = static_cast<int>(mysql_errno(mysql_));
  ErrorClass c = classify_error(code, mysql_sqlstate(mysql_), flavor_, true);
  if (!c.connection_lost) raise();
  IdleCloseEvidence evidence;
  evidence.idle = idle;
  evidence.wait_timeout = wait_timeout_;
  evidence.packet_native = code;
  evidence.packet_message = mysql_error(mysql_);
  evidence.signal = signal_in_message(evidence.packet_message);
  if (code == 1927 || code == 1053 || code == 4031) evidence.signal = SocketSignal::error_packet;
  reconnect_or_throw(code, mysql_error(mysql_), judge_idle_close(evidence), evidence.signal);
}

std::chrono::milliseconds Session::ping_deadline() const noexcept {
  // A healthy server answers a ping at once; waiting as long as a connect may take is a
  // generous bound that still ends a black-holed flow (RESILIENCE.md section 6).
  const unsigned seconds = options_.connect_timeout ? options_.connect_timeout : 10;
  return std::chrono::milliseconds(std::chrono::seconds(seconds));
}

bool Session::ping_within(std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  int result = 0;
  int status = mysql_ping_start(&result, mysql_);
  while (status != 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      close();  // the link is mid-command and silent: unusable
      return false;
    }
    pollfd p{mysql_get_socket(mysql_), 0, 0};
    if (status & MYSQL_WAIT_READ) p.events |= POLLIN;
    if (status & MYSQL_WAIT_WRITE) p.events |= POLLOUT;
    if (status & MYSQL_WAIT_EXCEPT) p.events |= POLLPRI;
    int wait = static_cast<int>(left);
    if (status & MYSQL_WAIT_TIMEOUT) wait = std::min<int>(wait, static_cast<int>(mysql_get_timeout_value_ms(mysql_)));
    const int ready = poll(&p, 1, wait);
    int events = 0;
    if (ready > 0) {
      if (p.revents & (POLLIN | POLLHUP | POLLERR)) events |= MYSQL_WAIT_READ;
      if (p.revents & POLLOUT) events |= MYSQL_WAIT_WRITE;
      if (p.revents & POLLPRI) events |= MYSQL_WAIT_EXCEPT;
    } else if (ready == 0 && (status & MYSQL_WAIT_TIMEOUT)) {
      events = MYSQL_WAIT_TIMEOUT;
    } else {
      continue;  // our own deadline is checked at the top; EINTR retries
    }
    status = mysql_ping_cont(&result, mysql_, events);
  }
  return result == 0;
}

void Session::note_reply(Origin origin) noexcept {
  last_heard_ = Clock::now();
  mariadb_get_infov(mysql_, MARIADB_CONNECTION_SERVER_STATUS, &server_status_);
  // State the driver changed itself (autocommit, catalog, ...) is in OwnedState already.
  if (origin == Origin::driver || !(server_status_ & SERVER_SESSION_STATE_CHANGED)) return;
  ++state_changes_;
  const char* data = nullptr;
  std::size_t length = 0;
  if (mysql_session_track_get_first(mysql_, SESSION_TRACK_SCHEMA, &data, &length) == 0 && data)
    state_.catalog = std::string(data, length);
  // The escaping rules follow the application's SET NAMES / sql_mode changes at once.
  if (mysql_session_track_get_first(mysql_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0) {
    std::string name(data, length);
    while (mysql_session_track_get_next(mysql_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0) {
      std::string value(data, length);
      try {
        if (name == "character_set_client") apply_text_rules(value, ansi_quotes_ ? "ANSI_QUOTES" : "");
        if (name == "sql_mode") ansi_quotes_ = value.find("ANSI_QUOTES") != std::string::npos;
      } catch (const OdbcError&) {
        charset_unsafe_ = true;  // refused at the next statement
      }
      if (mysql_session_track_get_next(mysql_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) != 0) break;
      name.assign(data, length);
    }
  }
  // State the application created with SQL (temporary tables, user variables, locks,
  // prepared statements, session variables) cannot be rebuilt by the driver: a later
  // loss is then reported instead of hidden. A schema change alone is tracked above.
  if (mysql_session_track_get_first(mysql_, SESSION_TRACK_STATE_CHANGE, &data, &length) == 0) {
    const bool schema_only = mysql_session_track_get_first(mysql_, SESSION_TRACK_SCHEMA, &data, &length) == 0 &&
                             mysql_session_track_get_first(mysql_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) != 0;
    if (!schema_only) unrebuildable_state_ = true;
  }
}

StatementReply Session::collect_reply(ReplyMode mode) {
  StatementReply reply;
  if (mysql_field_count(mysql_) > 0) {
    if (mode == ReplyMode::stream) {
      // Only the column definitions have arrived; the rows (and whether more results
      // follow) come as the application fetches.
      MYSQL_RES* r = mysql_use_result(mysql_);
      if (!r) raise();
      reply.result.reset(r);
      reply.streamed = true;
      reply.warnings = mysql_warning_count(mysql_);
      wire_busy_ = false;
      note_reply(Origin::application);
      return reply;
    }
    MYSQL_RES* r = mysql_store_result(mysql_);
    if (!r) raise();
    reply.result.reset(r);
  } else {
    reply.affected_rows = mysql_affected_rows(mysql_);
  }
  reply.warnings = mysql_warning_count(mysql_);
  reply.more_results = mysql_more_results(mysql_) != 0;
  wire_busy_ = reply.more_results;
  note_reply(Origin::application);
  return reply;
}

StatementReply Session::execute(std::string_view sql, bool read_only, std::chrono::seconds timeout, ReplyMode mode) {
  // A client that ends the lost transaction in SQL (isql: START TRANSACTION ... ROLLBACK)
  // ends it as SQLEndTran would (rule 5); it has no other way out of that state.
  if (transaction_lost_) {
    switch (transaction_end_of(sql)) {
      case TransactionEnd::rollback: rollback(); return StatementReply{};
      case TransactionEnd::commit: commit(); break;  // the lost transaction: 08007
      case TransactionEnd::none: break;
    }
  }
  try {
    return execute_timed(sql, read_only, timeout, mode);
  } catch (const OdbcError& e) {
    // Interrupted by the watchdog (while executing or while the rows came): HYT00.
    if (timeout.count() > 0 && e.native() == ER_QUERY_INTERRUPTED_CODE && watchdog_ && watchdog_->fired())
      throw OdbcError("HYT00", "Query timeout expired: the statement ran longer than " +
                                   std::to_string(timeout.count()) + " s and was stopped on the server",
                      e.native());
    throw;
  }
}

void Session::report_reply_lost(int code, const std::string& message, const LossVerdict& verdict,
                                bool in_transaction) {
  counters_.last_loss_native = code;
  close();
  if (in_transaction) transaction_lost_ = true;
  // No probe here: the reply may be lost on a path that drops packets, and the error is
  // due now. The next reconnect refines an unknown cause (HOLDFAST_ATTR_LAST_LOSS_CAUSE).
  note_loss(verdict);
  if (log::enabled(LogLevel::info))
    log::write(LogLevel::info, "connection to " + host_ + " lost while waiting for a reply: " +
                                   with_cause(message, verdict) + " (" + std::to_string(code) +
                                   "); outcome unknown, not resent" +
                                   (in_transaction ? "; the transaction is lost" : ""));
  throw OdbcError("08S01", with_cause(message, verdict), code, source_of(code))
      .set_cause(verdict.cause)
      .with_followup("40003", kCompletionUnknown);
}

namespace {

// A statement the server would hang up on: refused before sending, the link kept.
OdbcError oversized_statement(std::size_t size, unsigned long long limit) {
  return std::move(OdbcError("HY000",
                             with_cause("Statement of " + std::to_string(size) +
                                            " bytes exceeds the server's max_allowed_packet (" +
                                            std::to_string(limit) +
                                            " bytes); it was not sent and the connection stays usable",
                                        judge_oversized(size, limit)),
                             ER_NET_PACKET_TOO_LARGE_CODE)
                       .set_cause(LossCause::packet_too_large));
}

}  // namespace

StatementReply Session::execute_timed(std::string_view sql, bool read_only, std::chrono::seconds timeout,
                                      ReplyMode mode) {
  // The server hangs up on a packet over max_allowed_packet; refusing it here keeps the
  // connection and says why (1 byte of command precedes the text).
  if (max_allowed_packet_ && sql.size() + 1 > max_allowed_packet_)
    throw oversized_statement(sql.size(), max_allowed_packet_);
  ensure_usable();
  // The limit is learnt when a statement could exceed the smallest one a server allows.
  if (!max_allowed_packet_ && sql.size() + 1 > kSmallestPacketLimit && max_allowed_packet() &&
      sql.size() + 1 > max_allowed_packet_)
    throw oversized_statement(sql.size(), max_allowed_packet_);
  if (timeout.count() > 0) {
    if (!watchdog_) watchdog_ = std::make_unique<QueryWatchdog>([this] { kill_query(); });
    watchdog_->arm(timeout);
  }
  struct Running {
    Session& s;
    bool timed = false;
    bool fired = false;
    explicit Running(Session& session, bool has_timeout) : s(session), timed(has_timeout) {
      s.executing_ = true;
      s.begin_running();
    }
    bool finish() {
      if (!s.executing_.exchange(false)) return fired;
      s.end_running();
      if (timed && s.watchdog_) fired = s.watchdog_->disarm();
      return fired;
    }
    ~Running() { finish(); }
  } running(*this, timeout.count() > 0);
  const auto length = static_cast<unsigned long>(sql.size());
  auto sent_at = Clock::now();
  if (mysql_send_query(mysql_, sql.data(), length) != 0) {
    const int code = static_cast<int>(mysql_errno(mysql_));
    if (!classify_error(code, mysql_sqlstate(mysql_), flavor_, true).connection_lost) raise();
    // Nothing of the statement reached the server: reconnect (if allowed) and send once more.
    const std::string message = mysql_error(mysql_);
    StatementLossEvidence evidence{code, message,
                                   std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent_at),
                                   options_.read_timeout, options_.write_timeout, true};
    reconnect_or_throw(code, message, judge_statement_loss(evidence), signal_in_message(message));
    sent_at = Clock::now();
    if (mysql_send_query(mysql_, sql.data(), length) != 0) raise();
  }
  if (mysql_read_query_result(mysql_) != 0) {
    const int code = static_cast<int>(mysql_errno(mysql_));
    const ErrorClass c = classify_error(code, mysql_sqlstate(mysql_), flavor_, true);
    if (!c.connection_lost) raise();
    // The statement went out and its reply was lost: its outcome is unknown.
    const bool in_transaction = (server_status_ & SERVER_STATUS_IN_TRANS) != 0;
    const std::string message = mysql_error(mysql_);
    StatementLossEvidence evidence{code, message,
                                   std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent_at),
                                   options_.read_timeout, options_.write_timeout, false};
    LossVerdict verdict = judge_statement_loss(evidence);
    const SocketSignal signal = signal_in_message(message);
    if (read_only && options_.retry_reads && !in_transaction && options_.reconnect && replayable()) {
      try {
        reconnect_or_throw(code, message, std::move(verdict), signal);
      } catch (OdbcError& e) {
        // The read was not rerun: its outcome stays unknown.
        e.with_followup("40003", kCompletionUnknown);
        throw;
      }
      if (mysql_real_query(mysql_, sql.data(), length) != 0) {
        try {
          raise();
        } catch (OdbcError& e) {
          if (e.sqlstate() == "08S01") e.with_followup("40003", kCompletionUnknown);
          throw;
        }
      }
      return collect_reply(mode);
    }
    report_reply_lost(code, message, verdict, in_transaction);
  }
  return collect_reply(mode);
}

void Session::begin_running() noexcept {
  std::lock_guard lock(cancel_mutex_);
  running_for_ = caller_;
}

void Session::end_running() noexcept {
  std::lock_guard lock(cancel_mutex_);
  running_for_ = nullptr;
}

bool Session::cancel_running(const void* owner) {
  // Held until the KILL is answered: the owner's query cannot end and another
  // statement's begin meanwhile (a KILL QUERY reaching an idle server thread is void).
  std::lock_guard lock(cancel_mutex_);
  if (!owner || running_for_ != owner) return false;
  kill_query();
  return true;
}

void Session::kill_query() {
  unsigned long id;
  {
    std::lock_guard lock(kill_mutex_);
    id = kill_thread_id_;
  }
  if (!id) return;
  int code = 0;
  std::string text;
  if (MYSQL* side = open_side_connection(code, text)) {
    const std::string kill = "KILL QUERY " + std::to_string(id);
    mysql_real_query(side, kill.c_str(), static_cast<unsigned long>(kill.size()));
    mysql_close(side);
  }
}

std::optional<StatementReply> Session::next_result(ReplyMode mode) {
  set_aside_stream();
  if (!mysql_ || !wire_busy_) return std::nullopt;
  const int rc = mysql_next_result(mysql_);
  if (rc < 0) {
    wire_busy_ = false;
    return std::nullopt;
  }
  if (rc > 0) {
    wire_busy_ = mysql_more_results(mysql_) != 0;
    raise();
  }
  return collect_reply(mode);
}

void Session::set_aside_stream() noexcept {
  if (WireTenant* tenant = streaming_) {
    tenant->park();
    // park() reads to the end (stream_row ends the stream) or fails (the link is then
    // closed, or the server's error ended the reply); either way the link is free.
    streaming_ = nullptr;
  }
}

MYSQL_ROW Session::stream_row(MYSQL_RES* result) {
  if (MYSQL_ROW row = mysql_fetch_row(result)) return row;
  // The end of the rows, or an error in their place: the reply is over either way
  // (libmariadb has released the link from the result).
  streaming_ = nullptr;
  if (mysql_errno(mysql_) != 0) {
    // Stopped by the query-timeout watchdog of its execute (the server's error can come
    // in place of the first row): HYT00, as in execute().
    if (mysql_errno(mysql_) == ER_QUERY_INTERRUPTED_CODE && watchdog_ && watchdog_->fired())
      throw OdbcError("HYT00", "Query timeout expired: the statement ran longer than SQL_ATTR_QUERY_TIMEOUT and "
                               "was stopped on the server",
                      ER_QUERY_INTERRUPTED_CODE);
    raise();  // a lost link closes the session: 08S01
  }
  wire_busy_ = mysql_more_results(mysql_) != 0;
  note_reply(Origin::application);
  return nullptr;
}

void Session::end_stream(WireTenant* tenant, MYSQL_RES* result) noexcept {
  if (streaming_ != tenant) {
    mysql_free_result(result);
    return;
  }
  streaming_ = nullptr;
  mysql_free_result(result);  // reads and drops the rows still on the wire
  if (!mysql_) return;
  if (mysql_errno(mysql_) != 0) {
    // Lost while skipping: the next use of the session reconnects (nothing was pending).
    const ErrorClass c = classify_error(static_cast<int>(mysql_errno(mysql_)), mysql_sqlstate(mysql_), flavor_, true);
    if (c.connection_lost) {
      counters_.last_loss_native = static_cast<int>(mysql_errno(mysql_));
      if (server_status_ & SERVER_STATUS_IN_TRANS) transaction_lost_ = true;
      close();
      return;
    }
  }
  wire_busy_ = mysql_more_results(mysql_) != 0;
  note_reply(Origin::application);
}

void Session::drain_results() noexcept {
  set_aside_stream();
  if (!mysql_) return;
  while (wire_busy_ && mysql_next_result(mysql_) == 0) {
    if (MYSQL_RES* r = mysql_store_result(mysql_)) mysql_free_result(r);
    wire_busy_ = mysql_more_results(mysql_) != 0;
  }
  wire_busy_ = false;
}

void Session::commit() {
  if (transaction_lost_ || !mysql_) {
    transaction_lost_ = false;
    throw OdbcError("08007", "Connection failure during transaction: the transaction was lost and not committed");
  }
  try {
    execute("COMMIT", false);
  } catch (const OdbcError& e) {
    if (e.sqlstate() != "08S01") throw;
    // The link died before or while committing: whether the commit happened is not
    // known (or it certainly did not). Either way the transaction is over; the next
    // statement reconnects.
    transaction_lost_ = false;
    throw OdbcError("08007", std::string("Connection failure during transaction: ") + e.what(), e.native(),
                    e.source());
  }
}

void Session::rollback() {
  if (transaction_lost_ || !mysql_ || looks_dead()) {
    // The server rolls the transaction back when the link dies.
    transaction_lost_ = false;
    if (mysql_ && looks_dead()) close();
    return;
  }
  try {
    execute("ROLLBACK", false);
  } catch (const OdbcError& e) {
    if (e.sqlstate() != "08S01") throw;
    transaction_lost_ = false;  // lost with the link, which is a rollback
  }
}

void Session::set_autocommit(bool on) {
  if (mysql_ && state_.autocommit != on) {
    ensure_usable();
    if (mysql_autocommit(mysql_, on ? 1 : 0) != 0) raise();
    note_reply(Origin::driver);
  }
  state_.autocommit = on;
}

void Session::set_catalog(const std::string& catalog) {
  if (mysql_) {
    ensure_usable();
    if (mysql_select_db(mysql_, catalog.c_str()) != 0) raise();
    note_reply(Origin::driver);
  }
  state_.catalog = catalog;
}

void Session::set_isolation(const std::string& level) {
  if (mysql_) {
    ensure_usable();
    run_internal("SET SESSION TRANSACTION ISOLATION LEVEL " + level);
  }
  state_.isolation = level;
}

void Session::set_read_only(bool read_only) {
  if (mysql_) {
    ensure_usable();
    run_internal(read_only ? "SET SESSION TRANSACTION READ ONLY" : "SET SESSION TRANSACTION READ WRITE");
  }
  state_.read_only = read_only;
}

void Session::reset(const std::optional<std::string>& catalog) {
  transaction_lost_ = false;
  charset_unsafe_ = false;
  state_ = OwnedState{};
  if (catalog && !catalog->empty()) state_.catalog = catalog;
  if (!mysql_) return;
  if (inherited_by_child()) {
    abandon_inherited_link();
    return;
  }
  drain_results();
  if (looks_dead()) {
    close();
    return;
  }
  try {
    if (mysql_reset_connection(mysql_) != 0) raise();
    if (mysql_set_character_set(mysql_, options_.charset.c_str()) != 0) raise();
    if (state_.catalog && mysql_select_db(mysql_, state_.catalog->c_str()) != 0) raise();
    rebuild_state();
  } catch (const OdbcError& e) {
    close();
    if (e.sqlstate() == "08S01") return;  // lost: the pool finds the connection dead
    throw;
  }
  if (log::enabled(LogLevel::debug))
    log::write(LogLevel::debug, "session reset for reuse (connection id " + std::to_string(mysql_thread_id(mysql_)) + ")");
}

std::string Session::current_catalog() { return state_.catalog.value_or(std::string()); }

unsigned long Session::connection_id() const noexcept { return mysql_ ? mysql_thread_id(mysql_) : 0; }

void Session::raise() {
  raise_error(static_cast<int>(mysql_errno(mysql_)), mysql_error(mysql_), mysql_sqlstate(mysql_));
}

void Session::raise_error(int code, std::string message, const char* sqlstate) {
  const ErrorClass c = classify_error(code, sqlstate, flavor_, true);
  LossVerdict verdict;
  if (c.connection_lost) {
    counters_.last_loss_native = code;
    if (server_status_ & SERVER_STATUS_IN_TRANS) transaction_lost_ = true;
    close();
    // Only what the error itself proves (a KILL, a shutdown, ...): no probe here.
    verdict = judge_statement_loss(StatementLossEvidence{code, message});
    if (verdict.cause == LossCause::unknown) verdict = LossVerdict{};
    note_loss(verdict);
  }
  throw OdbcError(std::string(c.sqlstate), with_cause(message, verdict), code, source_of(code)).set_cause(verdict.cause);
}

}  // namespace holdfast
