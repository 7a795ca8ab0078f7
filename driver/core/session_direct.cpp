// The session's side of results read row by row on the binary protocol, and of plain
// SELECTs executed directly on it (SQLExecDirect without SQLPrepare), under the
// resilience contract (../shared/RESILIENCE.md) as the text path applies it:
//  - mariadb_stmt_execute_direct sends COM_STMT_PREPARE and COM_STMT_EXECUTE together
//    (the execute names "the statement just prepared"), so a SELECT costs one round trip
//    as on the text path. A request that could not be written reached nothing: reconnect
//    (when the contract allows) and send it again. A reply lost after the request went
//    out: the statement may have run; 08S01 + 40003, or, for a read outside a
//    transaction under RETRY_READS=1, reconnect and run it again (as Session::execute);
//  - a statement the server refuses to prepare (1295 ER_UNSUPPORTED_PS, 1461, any other
//    refusal at the prepare step) did not run: the caller runs it as text. An error of
//    the execution itself (the prepare succeeded) is the statement's error, as on the
//    text path; it is never run again;
//  - the rows stay on the wire: the result that reads them is the session's WireTenant
//    (parked with mysql_stmt_store_result, which reads the rows not fetched yet into the
//    handle's buffer; fetching continues from there). A loss mid-stream is 08S01 and
//    never hidden: the rows already handed out cannot be taken back.
#include <errmsg.h>

#include "core/log.h"
#include "core/odbc_error.h"
#include "core/server_statement.h"
#include "core/session.h"

namespace holdfast {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kCompletionUnknown =
    "Statement completion unknown: the connection was lost after the statement was sent";
// What libmariadb leaves in stmt_id while the prepare of a direct execution is unanswered.
constexpr unsigned long kUnpreparedId = static_cast<unsigned long>(-1);

}  // namespace

std::optional<ServerReply> Session::execute_direct(ServerStatement& s, std::string_view sql, bool read_only) {
  // Over max_allowed_packet the text path says why (and keeps the connection).
  if (max_allowed_packet_ && sql.size() + 1 > max_allowed_packet_) return std::nullopt;
  ensure_usable();
  // Direct execution in one round trip is MariaDB's (10.2+: the same capability as bulk
  // execution); elsewhere libmariadb would emulate it with two.
  if (!bulk_supported()) return std::nullopt;
  struct Running {
    Session& s;
    explicit Running(Session& session) : s(session) {
      s.executing_ = true;
      s.begin_running();
    }
    ~Running() {
      if (s.executing_.exchange(false)) s.end_running();
    }
  } running(*this);

  for (int attempt = 0;; ++attempt) {
    // A handle of an earlier link holds only memory now.
    if (s.stmt_ && s.generation_ != generation_) {
      mysql_stmt_close(s.stmt_);
      s.stmt_ = nullptr;
    }
    if (!s.stmt_) {
      s.stmt_ = mysql_stmt_init(mysql_);
      if (!s.stmt_) throw std::bad_alloc();
      s.generation_ = generation_;
      s.binds_changed_ = true;
    }
    s.param_count_ = 0;
    s.long_data_sent_ = false;
    MYSQL_STMT* st = s.stmt_;
    const auto sent_at = Clock::now();
    if (mariadb_stmt_execute_direct(st, sql.data(), sql.size()) == 0) {
      ServerReply reply;
      if (mysql_stmt_field_count(st) > 0) {
        reply.has_result = true;  // the rows stay on the wire (stream_fetch)
        reply.streamed = true;
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
    const bool prepared = st->stmt_id != kUnpreparedId && st->stmt_id != 0;
    const ErrorClass c = classify_error(code, state, flavor_, true);
    if (!c.connection_lost) {
      last_heard_ = Clock::now();
      if (!prepared) {
        // Refused at the prepare: nothing ran. The text path from here.
        if (log::enabled(LogLevel::debug))
          log::write(LogLevel::debug, "the server did not prepare a direct SELECT (" + std::to_string(code) + " " +
                                          message + "): it runs as text");
        close_server(s);
        return std::nullopt;
      }
      // The execution failed: the statement's own error. Its server statement is closed
      // (libmariadb may have marked the handle unprepared, which would skip the close).
      if (st->state == MYSQL_STMT_INITTED) st->state = MYSQL_STMT_PREPARED;
      close_server(s);
      raise_error(code, message, state.c_str());
    }
    StatementLossEvidence evidence{code, message,
                                   std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent_at),
                                   options_.read_timeout, options_.write_timeout, code == CR_SERVER_GONE_ERROR};
    LossVerdict verdict = judge_statement_loss(evidence);
    const SocketSignal signal = signal_in_message(message);
    if (code == CR_SERVER_GONE_ERROR && attempt == 0) {
      // The request could not be written: nothing of it reached the server.
      reconnect_or_throw(code, message, std::move(verdict), signal);
      continue;
    }
    // The statement went out and its reply was lost: its outcome is unknown.
    const bool in_transaction = (server_status_ & SERVER_STATUS_IN_TRANS) != 0;
    if (attempt == 0 && read_only && options_.retry_reads && !in_transaction && options_.reconnect && replayable()) {
      try {
        reconnect_or_throw(code, message, std::move(verdict), signal);
      } catch (OdbcError& e) {
        // The read was not rerun: its outcome stays unknown.
        e.with_followup("40003", kCompletionUnknown);
        throw;
      }
      continue;
    }
    report_reply_lost(code, message, verdict, in_transaction);
  }
}

void Session::raise_stream_error(MYSQL_STMT* stmt) {
  // libmariadb keeps a read error of an unbuffered fetch in the connection, not always in
  // the statement handle.
  if (mysql_stmt_errno(stmt) != 0)
    raise_error(static_cast<int>(mysql_stmt_errno(stmt)), mysql_stmt_error(stmt), mysql_stmt_sqlstate(stmt));
  if (mysql_ && mysql_errno(mysql_) != 0) raise();
  raise_error(CR_SERVER_LOST, "Lost connection to server while reading the rows", "HY000");
}

int Session::stream_fetch(MYSQL_STMT* stmt, bool first) {
  int rc;
  if (first) {
    {
      std::lock_guard lock(cancel_mutex_);
      running_for_ = stream_owner_;
    }
    rc = mysql_stmt_fetch(stmt);
    end_running();
  } else {
    rc = mysql_stmt_fetch(stmt);
  }
  if (rc == 0 || rc == MYSQL_DATA_TRUNCATED) return rc;
  // The end of the rows, or an error in their place: the reply is over either way.
  streaming_ = nullptr;
  if (rc == MYSQL_NO_DATA) {
    wire_busy_ = false;
    note_reply(Origin::application);
    return rc;
  }
  raise_stream_error(stmt);  // a lost link closes the session: 08S01
}

void Session::stream_store_rest(MYSQL_STMT* stmt) {
  streaming_ = nullptr;
  if (mysql_stmt_store_result(stmt) != 0) raise_stream_error(stmt);
  wire_busy_ = false;
  note_reply(Origin::application);
}

void Session::end_binary_stream(WireTenant* tenant, MYSQL_STMT* stmt) noexcept {
  if (streaming_ != tenant) return;
  streaming_ = nullptr;
  mysql_stmt_free_result(stmt);  // reads and drops the rows still on the wire
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
  wire_busy_ = false;
  note_reply(Origin::application);
}

}  // namespace holdfast
