// The session's side of server-side prepared statements (binary protocol): prepare,
// execute and close, under the resilience contract (../shared/RESILIENCE.md):
//  - a statement prepared on an earlier link (the session reconnected) is re-prepared
//    before its next execution, with its bound parameters kept; so is one the server
//    no longer knows (1243, unknown prepared statement): it did not run;
//  - an execution that failed before anything was sent reconnects (when the contract
//    allows) and runs once more; one whose reply was lost is never run again: 08S01
//    followed by 40003, as on the text path (except a read under RETRY_READS=1);
//  - statements the server will not prepare (1295 ER_UNSUPPORTED_PS, 1461
//    max_prepared_stmt_count reached, or any other refusal) go through the text path.
#include <errmsg.h>

#include "core/log.h"
#include "core/odbc_error.h"
#include "core/server_statement.h"
#include "core/session.h"

namespace holdfast {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int ER_UNKNOWN_STMT_HANDLER_CODE = 1243;
constexpr int ER_QUERY_INTERRUPTED_CODE = 1317;
constexpr const char* kCompletionUnknown =
    "Statement completion unknown: the connection was lost after the statement was sent";

// Frees a handle whose link is gone (libmariadb detached it when the link was closed):
// memory only, nothing is sent.
void free_detached(MYSQL_STMT*& stmt) noexcept {
  if (stmt) mysql_stmt_close(stmt);
  stmt = nullptr;
}

}  // namespace

bool Session::prepare_on_link(ServerStatement& s) {
  for (int attempt = 0;; ++attempt) {
    MYSQL_STMT* st = mysql_stmt_init(mysql_);
    if (!st) throw std::bad_alloc();
    const my_bool on = 1;
    mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
    if (mysql_stmt_prepare(st, s.sql_.data(), static_cast<unsigned long>(s.sql_.size())) == 0) {
      s.stmt_ = st;
      s.long_data_sent_ = false;
      s.binds_changed_ = true;  // a new handle (perhaps at a freed one's address): bind it
      s.generation_ = generation_;
      s.param_count_ = static_cast<unsigned>(mysql_stmt_param_count(st));
      last_heard_ = Clock::now();
      return true;
    }
    const int code = static_cast<int>(mysql_stmt_errno(st));
    const std::string message = mysql_stmt_error(st);
    const std::string state = mysql_stmt_sqlstate(st);
    mysql_stmt_close(st);  // never prepared: nothing to close on the server
    if (!classify_error(code, state, flavor_, true).connection_lost) {
      last_heard_ = Clock::now();
      if (log::enabled(LogLevel::debug))
        log::write(LogLevel::debug, "the server did not prepare a statement (" + std::to_string(code) + " " +
                                        message + "): it runs as text");
      return false;
    }
    if (attempt > 0) raise_error(code, message, state.c_str());
    // A prepare changes nothing on the server: reconnect (when the contract allows) and
    // prepare again.
    reconnect_or_throw(code, message, judge_statement_loss(StatementLossEvidence{code, message}),
                       signal_in_message(message));
  }
}

bool Session::prepare_server(ServerStatement& s, std::string_view sql) {
  close_server(s);
  s.sql_.assign(sql.data(), sql.size());
  ensure_usable();
  return prepare_on_link(s);
}

void Session::close_server(ServerStatement& s) noexcept {
  if (!s.stmt_) return;
  if (inherited_by_child()) {
    // The handle belongs to the parent's link: closing it would write to the parent's
    // socket. A child leaves it.
    s.stmt_ = nullptr;
    s.long_data_sent_ = false;
    return;
  }
  // On the current link: COM_STMT_CLOSE (no reply). On an earlier one: memory only.
  mysql_stmt_close(s.stmt_);
  s.stmt_ = nullptr;
  s.long_data_sent_ = false;  // the server dropped its pieces with it
}

std::optional<ServerReply> Session::execute_server(ServerStatement& s, bool read_only, std::chrono::seconds timeout,
                                                   bool stream) {
  try {
    return execute_server_timed(s, read_only, timeout, stream);
  } catch (const OdbcError& e) {
    if (timeout.count() > 0 && e.native() == ER_QUERY_INTERRUPTED_CODE && watchdog_ && watchdog_->fired())
      throw OdbcError("HYT00", "Query timeout expired: the statement ran longer than " +
                                   std::to_string(timeout.count()) + " s and was stopped on the server",
                      e.native());
    throw;
  }
}

std::optional<ServerReply> Session::execute_server_bulk(ServerStatement& s, MYSQL_BIND* binds, unsigned rows,
                                                       std::chrono::seconds timeout) {
  struct Bulk {
    ServerStatement& s;
    Bulk(ServerStatement& statement, MYSQL_BIND* binds, unsigned rows) : s(statement) {
      s.bulk_binds_ = binds;
      s.bulk_rows_ = rows;
    }
    ~Bulk() {
      s.bulk_binds_ = nullptr;
      s.bulk_rows_ = 0;
    }
  } bulk(s, binds, rows);
  return execute_server(s, false, timeout);
}

bool Session::bulk_supported() noexcept {
  if (!mysql_ || flavor_ == ServerFlavor::mysql) return false;
  unsigned long extended = 0;
  if (mariadb_get_infov(mysql_, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &extended) != 0) return false;
  return (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
}

std::optional<ServerReply> Session::execute_server_timed(ServerStatement& s, bool read_only,
                                                         std::chrono::seconds timeout, bool stream) {
  // Pieces sent with send_long_data live on the link they went on: no reconnect, no
  // re-prepare, no second attempt may run the statement without them.
  const bool long_data = s.long_data_sent_;
  if (long_data)
    keep_long_data_link(s);
  else
    ensure_usable();
  if (timeout.count() > 0) {
    if (!watchdog_) watchdog_ = std::make_unique<QueryWatchdog>([this] { kill_query(); });
    watchdog_->arm(timeout);
  }
  struct Running {
    Session& s;
    bool timed;
    Running(Session& session, bool has_timeout) : s(session), timed(has_timeout) {
      s.executing_ = true;
      s.begin_running();
    }
    ~Running() {
      if (!s.executing_.exchange(false)) return;
      s.end_running();
      if (timed && s.watchdog_) s.watchdog_->disarm();
    }
  } running(*this, timeout.count() > 0);

  const unsigned bound = s.param_count_;
  for (int attempt = 0;; ++attempt) {
    if (!s.stmt_ || s.generation_ != generation_) {
      // Prepared on a link that is gone: prepare again on this one.
      free_detached(s.stmt_);
      if (!prepare_on_link(s)) return std::nullopt;
      if (s.param_count_ != bound) {
        close_server(s);
        return std::nullopt;  // not the statement it was: the text path decides
      }
    }
    MYSQL_STMT* st = s.stmt_;
    // A bulk execution sets the handle's array size for itself only: single executions
    // of the same handle follow.
    auto single_again = [&] {
      if (!s.bulk_rows_) return;
      unsigned none = 0;
      mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &none);
    };
    if (s.bulk_rows_) {
      // Column-wise arrays (STMT_ATTR_ROW_SIZE 0), bound for this execution only.
      unsigned rows = s.bulk_rows_;
      const std::size_t row_size = 0;
      if (mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &rows) != 0 ||
          mysql_stmt_attr_set(st, STMT_ATTR_ROW_SIZE, &row_size) != 0 ||
          mysql_stmt_bind_param(st, s.bulk_binds_) != 0) {
        const int code = static_cast<int>(mysql_stmt_errno(st));
        const std::string message = mysql_stmt_error(st), state = mysql_stmt_sqlstate(st);
        single_again();
        raise_error(code, message, state.c_str());
      }
      s.bound(nullptr);  // the next single execution binds its own values again
      s.binds_changed_ = true;
    } else if (s.param_count_ && s.needs_rebind(st)) {
      if (mysql_stmt_bind_param(st, s.binds()) != 0)
        raise_error(static_cast<int>(mysql_stmt_errno(st)), mysql_stmt_error(st), mysql_stmt_sqlstate(st));
      s.bound(st);
    }
    const auto sent_at = Clock::now();
    const int executed = mysql_stmt_execute(st);
    s.long_data_sent_ = false;  // the server drops the pieces once it ran (or refused) the statement
    single_again();
    if (executed == 0) {
      ServerReply reply;
      if (mysql_stmt_field_count(st) > 0 && stream) {
        reply.has_result = true;  // the rows stay on the wire (stream_fetch)
        reply.streamed = true;
      } else if (mysql_stmt_field_count(st) > 0) {
        if (mysql_stmt_store_result(st) != 0)
          raise_error(static_cast<int>(mysql_stmt_errno(st)), mysql_stmt_error(st), mysql_stmt_sqlstate(st));
        reply.has_result = true;
      } else {
        reply.affected_rows = mysql_stmt_affected_rows(st);
      }
      reply.warnings = mysql_warning_count(mysql_);
      note_reply(Origin::application);
      return reply;
    }
    const int code = static_cast<int>(mysql_stmt_errno(st));
    const std::string message = mysql_stmt_error(st);
    const std::string state = mysql_stmt_sqlstate(st);
    if (code == ER_UNKNOWN_STMT_HANDLER_CODE && attempt == 0 && !long_data) {
      // The server lost the statement (it did not run): prepare it again.
      close_server(s);
      continue;
    }
    const ErrorClass c = classify_error(code, state, flavor_, true);
    if (!c.connection_lost) raise_error(code, message, state.c_str());
    StatementLossEvidence evidence{code, message,
                                   std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent_at),
                                   options_.read_timeout, options_.write_timeout, code == CR_SERVER_GONE_ERROR};
    LossVerdict verdict = judge_statement_loss(evidence);
    const SocketSignal signal = signal_in_message(message);
    if (code == CR_SERVER_GONE_ERROR && attempt == 0 && long_data) {
      // The request could not be written, and the pieces it needs went with the link:
      // 08S01, the statement did not run.
      raise_error(code, message, state.c_str());
    }
    if (code == CR_SERVER_GONE_ERROR && attempt == 0) {
      // The request could not be written: nothing of it reached the server.
      reconnect_or_throw(code, message, std::move(verdict), signal);
      continue;
    }
    // The statement went out and its reply was lost: its outcome is unknown.
    const bool in_transaction = (server_status_ & SERVER_STATUS_IN_TRANS) != 0;
    if (attempt == 0 && read_only && !long_data && options_.retry_reads && !in_transaction && options_.reconnect &&
        replayable()) {
      try {
        reconnect_or_throw(code, message, std::move(verdict), signal);
      } catch (OdbcError& e) {
        e.with_followup("40003", kCompletionUnknown);
        throw;
      }
      continue;
    }
    report_reply_lost(code, message, verdict, in_transaction);
  }
}

}  // namespace holdfast
