// The session's side of long data (COM_STMT_SEND_LONG_DATA) for statements prepared on
// the server: the pieces of a data-at-execution value go to the server as the
// application hands them over (SQLPutData), not gathered in memory. The server keeps
// them with the statement until it runs; they exist on that link only, so:
//  - before the first piece of an execution the session is checked as before any send
//    (a dead link is replaced transparently when the contract allows: nothing of this
//    execution is out yet), and the statement is re-prepared on a new link;
//  - after it, a link found lost or replaced is 08S01: the pieces are gone, the
//    statement never ran, and nothing is sent again (execute_server knows it too).
// COM_STMT_SEND_LONG_DATA has no reply: a loss shows as a failed write here or at the
// execution.
#include <errmsg.h>

#include "core/odbc_error.h"
#include "core/server_statement.h"
#include "core/session.h"

namespace holdfast {
namespace {

constexpr const char* kPiecesLost =
    "Communication link failure: the connection was lost while data at execution was sent to the server; the "
    "statement did not run (send the data again)";

}  // namespace

void Session::keep_long_data_link(const ServerStatement& s) {
  if (mysql_) {
    set_aside_stream();  // another statement's streamed rows are read before the link is used
    if (mysql_ && wire_busy_) drain_results();
  }
  if (!mysql_ || !s.stmt_ || s.generation_ != generation_) {
    const int lost = counters_.last_loss_native ? counters_.last_loss_native : CR_SERVER_GONE_ERROR;
    throw OdbcError("08S01", kPiecesLost, lost).set_cause(counters_.last_loss_cause);
  }
}

bool Session::send_long_data(ServerStatement& s, unsigned index, std::string_view piece) {
  if (!s.long_data_sent_) {
    ensure_usable();
    if (!s.stmt_ || s.generation_ != generation_) {
      // Prepared on a link that is gone (memory only) or closed: prepare on this one.
      if (s.stmt_) mysql_stmt_close(s.stmt_);
      s.stmt_ = nullptr;
      if (!prepare_on_link(s)) return false;
    }
    if (s.param_count_ && s.needs_rebind(s.stmt_)) {
      if (mysql_stmt_bind_param(s.stmt_, s.binds()) != 0)
        raise_error(static_cast<int>(mysql_stmt_errno(s.stmt_)), mysql_stmt_error(s.stmt_),
                    mysql_stmt_sqlstate(s.stmt_));
      s.bound(s.stmt_);
    }
  } else {
    keep_long_data_link(s);
  }
  // From here the server may hold pieces: a statement that does not run is closed
  // before its next execution (ServerStatement::long_data_sent).
  s.long_data_sent_ = true;
  if (mysql_stmt_send_long_data(s.stmt_, index, piece.data(), static_cast<unsigned long>(piece.size())) != 0) {
    const int code = static_cast<int>(mysql_stmt_errno(s.stmt_));
    const std::string message = mysql_stmt_error(s.stmt_);
    const std::string state = mysql_stmt_sqlstate(s.stmt_);
    raise_error(code, message, state.c_str());  // a lost link: closed, 08S01
  }
  return true;
}

}  // namespace holdfast
