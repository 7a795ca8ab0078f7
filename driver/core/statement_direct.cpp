// SQLExecDirect of a single plain SELECT from a table (core/direct_select.h), without
// parameter markers, on a forward-only cursor whose rows are streamed: it runs on the
// binary protocol (Session::execute_direct: prepare and execute in one round trip on
// MariaDB) and its rows are read as fetched, in bounded memory, like the text path's
// streamed result. The server formats no value as text, the driver parses none.
// Everything else, DIRECT_BINARY=0, a server other than MariaDB and any statement the
// server will not prepare keep the text path. The server statement lives as long as its
// result: it is closed (COM_STMT_CLOSE, no reply) when the result is closed.
#include "core/binary_result.h"
#include "core/connection.h"
#include "core/direct_select.h"
#include "core/server_statement.h"
#include "core/statement.h"
#include "core/statement_sql.h"

namespace holdfast {

bool Statement::run_direct() {
  // Writes, and reads that change state (FOR UPDATE, INTO, user variables, locks: not
  // is_read_), never come here: they keep the text path.
  if (!direct_now_ || !is_read_ || !connection_.config().direct_binary || reply_mode() != ReplyMode::stream ||
      positioned_ || is_call_ || first_param_ != 0 || !markers_.empty())
    return false;
  reset_result();
  if (!direct_) direct_ = std::make_unique<ServerStatement>();
  Session& session = connection_.session();
  SessionLock lock(session, this);
  const ScanOptions text_rules =
      holdfast::scan_options(session.charset(), session.no_backslash_escapes(), session.ansi_quotes());
  if (!is_direct_select(sql_, text_rules)) return false;
  std::optional<ServerReply> reply = session.execute_direct(*direct_, sql_, is_read_);
  if (!reply) return false;
  executed_ = true;
  more_pending_ = false;
  warnings_ = reply->warnings;
  if (reply->has_result) {
    try {
      result_ = std::make_unique<BinaryResult>(direct_->handle(), direct_->result_buffers(),
                                               connection_.max_bytes_per_char(), connection_.unicode_text_types(),
                                               &session);
    } catch (...) {
      session.close_server(*direct_);  // its rows are still on the wire: skipped with it
      throw;
    }
    affected_rows_ = result_->row_count();
    pieces_.assign(result_->columns().size(), PieceState{});
  } else {
    affected_rows_ = static_cast<SQLLEN>(reply->affected_rows);
  }
  diag().row_count = affected_rows_;
  diag().cursor_row_count = result_ ? affected_rows_ : 0;
  return true;
}

void Statement::end_direct() noexcept {
  if (!direct_ || !direct_->handle()) return;
  Session& session = connection_.session();
  SessionLock lock(session, this);
  session.close_server(*direct_);
}

}  // namespace holdfast
