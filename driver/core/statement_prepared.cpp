// SQLPrepare on the server (binary protocol) and SQLExecute of such a statement: a
// single statement with parameter markers (or a plain SELECT, INSERT, UPDATE, DELETE or
// REPLACE without) is prepared on the server; everything else, and every statement the
// server refuses to prepare, keeps the text path (client-side interpolation). An
// execution whose parameter values the binary protocol cannot carry as the text path
// would (ServerStatement::bind) runs on the text path too. Parameter arrays
// (SQL_ATTR_PARAMSET_SIZE > 1) use the batch path (statement_params.cpp): bulk executions
// of this statement for a plain INSERT on MariaDB (core/bulk_batch.h), else text.
#include "core/binary_result.h"
#include "core/connection.h"
#include "core/server_statement.h"
#include "core/sql_scan.h"
#include "core/statement.h"
#include "core/statement_sql.h"

namespace holdfast {

void Statement::prepare_on_server() {
  Session& session = connection_.session();
  {
    SessionLock lock(session, this);
    if (!session.server_prepare() || !session.is_open()) return;
  }
  const ScanResult scan = scan_sql(sql_, scan_options());
  if (scan.multiple_statements) return;
  const std::string& keyword = scan.first_keyword;
  // CALL keeps the text path for now (OUT parameters and several results).
  if (keyword.empty() || keyword == "CALL") return;
  const bool plain = keyword == "SELECT" || keyword == "INSERT" || keyword == "UPDATE" || keyword == "DELETE" ||
                     keyword == "REPLACE";
  if (markers_.empty() && !plain) return;
  auto server = std::make_unique<ServerStatement>();
  SessionLock lock(session, this);
  try {
    if (!session.prepare_server(*server, sql_)) return;
  } catch (const OdbcError&) {
    // A link lost and not recoverable now: SQLPrepare never needed the server; the
    // first execution reports the loss under the usual rules.
    session.close_server(*server);
    return;
  }
  if (server->param_count() != markers_.size()) {
    session.close_server(*server);  // the server counts markers differently: text path
    return;
  }
  server_ = std::move(server);
}

void Statement::drop_server_statement() noexcept {
  // A streamed result reads through the handle: it ends (under the session's lock) first.
  result_.reset();
  end_direct();
  if (!server_) return;
  Session& session = connection_.session();
  SessionLock lock(session, this);
  session.close_server(*server_);
  server_.reset();
}

bool Statement::run_prepared(bool streamed) {
  // Static cursors read a buffered text result (core/scroll_cursor.h).
  if (!server_ || cursor_type_ != SQL_CURSOR_FORWARD_ONLY) return false;
  ServerStatement& s = *server_;
  if (!streamed) {
    s.long_data.clear();
    if (!markers_.empty()) parameter_sources(*apd_, *ipd_, markers_.size(), 0, s.sources);
  }
  const ScanOptions text_rules = scan_options();
  reset_result();
  Session& session = connection_.session();
  SessionLock lock(session, this);
  const LiteralOptions literal{text_rules.charset, text_rules.no_backslash_escapes};
  if (!streamed) {
    // Pieces of an execution that never ran (its data-at-execution sequence was ended)
    // would stand in for this one's values: the statement is prepared anew.
    if (s.long_data_sent()) session.close_server(s);
    if (!s.bind(s.sources, literal, static_cast<std::size_t>(session.max_allowed_packet()))) return false;
  }
  std::optional<ServerReply> reply =
      session.execute_server(s, is_read_, std::chrono::seconds(query_timeout_), reply_mode() == ReplyMode::stream);
  if (!reply) {
    // The server no longer prepares it: the text path from now on.
    session.close_server(s);
    server_.reset();
    return false;
  }
  executed_ = true;
  more_pending_ = false;
  if (reply->has_result) {
    try {
      result_ = std::make_unique<BinaryResult>(s.handle(), s.result_buffers(), connection_.max_bytes_per_char(),
                                               connection_.unicode_text_types(),
                                               reply->streamed ? &session : nullptr);
    } catch (...) {
      if (reply->streamed) session.close_server(s);  // its rows are still on the wire
      throw;
    }
    affected_rows_ = result_->row_count();
    pieces_.assign(result_->columns().size(), PieceState{});
  } else {
    affected_rows_ = static_cast<SQLLEN>(reply->affected_rows);
  }
  diag().row_count = affected_rows_;
  return true;
}

}  // namespace holdfast
