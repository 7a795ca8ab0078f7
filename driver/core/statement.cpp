#include "core/statement.h"

#include "core/connection.h"
#include "core/statement_sql.h"
#include "core/type_info_result.h"

namespace holdfast {

Statement::Statement(Connection& connection) : HandleBase(SQL_HANDLE_STMT), connection_(connection) {
  query_timeout_ = connection.query_timeout_default;
  connection.get_attribute(SQL_ATTR_METADATA_ID, &metadata_id_, 0, nullptr, CharWidth::narrow);
}

std::string Statement::server_label() const { return connection_.server_label(); }
std::string Statement::data_source_name() const { return connection_.data_source_name(); }

ScanOptions Statement::scan_options() {
  Session& session = connection_.session();
  std::lock_guard lock(session.mutex());
  return holdfast::scan_options(session.charset(), session.no_backslash_escapes(), session.ansi_quotes());
}

void Statement::reset_result() noexcept {
  result_.reset();
  row_valid_ = false;
  executed_ = false;
  more_pending_ = false;
  affected_rows_ = -1;
  pieces_.clear();
}

void Statement::require_result(const char* function) const {
  if (!executed_)
    throw OdbcError("HY010", std::string("Function sequence error: ") + function + " before a statement was executed");
  if (!result_) throw OdbcError("24000", "Invalid cursor state: the statement returned no result set");
}

static void refuse_open_cursor(bool open) {
  if (open) throw OdbcError("24000", "Invalid cursor state: a result set is open (close it with SQLCloseCursor)");
}

void Statement::adopt(StatementReply reply) {
  executed_ = true;
  more_pending_ = reply.more_results;
  if (reply.result) {
    result_ = std::make_unique<ServerResult>(std::move(reply.result), connection_.max_bytes_per_char(),
                                             connection_.unicode_text_types());
    affected_rows_ = result_->row_count();
    pieces_.assign(result_->columns().size(), PieceState{});
  } else {
    affected_rows_ = static_cast<SQLLEN>(reply.affected_rows);
  }
  diag().row_count = affected_rows_;
}

void Statement::run(const std::string& sql) {
  reset_result();
  Session& session = connection_.session();
  std::lock_guard lock(session.mutex());
  adopt(session.execute(sql, is_read_, std::chrono::seconds(query_timeout_)));
}

SQLRETURN Statement::prepare(std::string sql) {
  refuse_open_cursor(result_ != nullptr);
  reset_result();
  prepared_ = false;
  PreparedText text = prepare_text(std::move(sql), noscan_ == SQL_NOSCAN_OFF, scan_options());
  sql_ = std::move(text.sql);
  markers_ = std::move(text.markers);
  is_read_ = text.is_read;
  searched_change_ = text.searched_change;
  prepared_ = true;
  return SQL_SUCCESS;
}

SQLRETURN Statement::exec_direct(std::string sql) {
  prepare(std::move(sql));
  const SQLRETURN rc = execute();
  prepared_ = false;
  return rc;
}

SQLRETURN Statement::execute() {
  refuse_open_cursor(result_ != nullptr);
  if (!prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared");
  if (markers_.empty())
    run(sql_);
  else
    run(interpolate_parameters(sql_, markers_, parameters_, scan_options()));
  // ODBC 3: a searched UPDATE or DELETE that changed nothing returns SQL_NO_DATA.
  if (!result_ && affected_rows_ == 0 && searched_change_ && connection_.odbc_version() != SQL_OV_ODBC2)
    return SQL_NO_DATA;
  return SQL_SUCCESS;
}

SQLRETURN Statement::num_result_cols(SQLSMALLINT* count) {
  if (!count) throw OdbcError("HY009", "Invalid use of null pointer");
  if (!executed_ && !prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared or executed");
  *count = result_ ? static_cast<SQLSMALLINT>(result_->columns().size()) : 0;
  return SQL_SUCCESS;
}

SQLRETURN Statement::row_count(SQLLEN* count) {
  if (!executed_) throw OdbcError("HY010", "Function sequence error: no statement was executed");
  if (count) *count = affected_rows_;
  return SQL_SUCCESS;
}

SQLRETURN Statement::more_results() {
  if (!executed_) return SQL_NO_DATA;
  result_.reset();
  row_valid_ = false;
  pieces_.clear();
  if (!more_pending_) {
    executed_ = true;
    return SQL_NO_DATA;
  }
  Session& session = connection_.session();
  std::lock_guard lock(session.mutex());
  std::optional<StatementReply> next = session.next_result();
  if (!next) {
    more_pending_ = false;
    return SQL_NO_DATA;
  }
  adopt(std::move(*next));
  return SQL_SUCCESS;
}

SQLRETURN Statement::close_cursor(bool must_be_open) {
  if (must_be_open && !result_) throw OdbcError("24000", "Invalid cursor state: no cursor is open");
  if (more_pending_) {
    Session& session = connection_.session();
    std::lock_guard lock(session.mutex());
    session.drain_results();
  }
  result_.reset();
  row_valid_ = false;
  more_pending_ = false;
  pieces_.clear();
  return SQL_SUCCESS;
}

SQLRETURN Statement::free_stmt(SQLUSMALLINT option) {
  switch (option) {
    case SQL_CLOSE: return close_cursor(false);
    case SQL_UNBIND: bindings_.clear(); return SQL_SUCCESS;
    case SQL_RESET_PARAMS: parameters_.clear(); return SQL_SUCCESS;
    default: throw OdbcError("HY092", "Invalid attribute/option identifier for SQLFreeStmt");
  }
}

SQLRETURN Statement::type_info(SQLSMALLINT data_type) {
  refuse_open_cursor(result_ != nullptr);
  adopt_local_result(make_type_info_result(data_type, connection_.odbc_version()));
  return SQL_SUCCESS;
}

void Statement::adopt_local_result(std::unique_ptr<ResultSet> result) {
  refuse_open_cursor(result_ != nullptr);
  reset_result();
  result_ = std::move(result);
  executed_ = true;
  prepared_ = false;
  affected_rows_ = result_->row_count();
  pieces_.assign(result_->columns().size(), PieceState{});
}

SQLRETURN Statement::cancel() {
  // Called without the statement's lock, possibly from another thread. A statement
  // running on this connection is killed on the server (it then fails with HY008).
  if (connection_.session().cancel_running()) return SQL_SUCCESS;
  // Nothing running: ODBC 3.5 says "no effect", but the unixODBC driver manager moves
  // the statement to the closed-cursor state (the ODBC 2 rule), so the driver closes
  // the cursor too and the next execute is accepted. Only if no other thread holds the
  // statement.
  std::unique_lock lock(mutex(), std::try_to_lock);
  if (lock.owns_lock()) close_cursor(false);
  return SQL_SUCCESS;
}

SQLRETURN Statement::num_params(SQLSMALLINT* count) {
  if (!prepared_ && !executed_) throw OdbcError("HY010", "Function sequence error: no statement was prepared");
  if (count) *count = static_cast<SQLSMALLINT>(markers_.size());
  return SQL_SUCCESS;
}

SQLRETURN Statement::describe_param(SQLUSMALLINT number, SQLSMALLINT* sql_type, SQLULEN* size, SQLSMALLINT* digits,
                                    SQLSMALLINT* nullable) {
  if (!prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared");
  if (number < 1 || number > markers_.size()) throw OdbcError("07009", "Invalid descriptor index");
  // The text protocol does not describe parameters: report what the application bound,
  // or a character type that accepts any value.
  const ParameterBinding* p = number <= parameters_.size() ? &parameters_[number - 1] : nullptr;
  const bool bound = p && p->bound();
  if (sql_type) *sql_type = bound ? p->sql_type : SQL_VARCHAR;
  if (size) *size = bound ? p->column_size : 255;
  if (digits) *digits = bound ? p->decimal_digits : 0;
  if (nullable) *nullable = SQL_NULLABLE_UNKNOWN;
  return SQL_SUCCESS;
}

SQLRETURN Statement::bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                                    SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits,
                                    SQLPOINTER buffer, SQLLEN buffer_length, SQLLEN* indicator) {
  if (number < 1) throw OdbcError("07009", "Invalid descriptor index: parameters are numbered from 1");
  if (io_type != SQL_PARAM_INPUT)
    throw OdbcError("HYC00", "Only input parameters are supported for now (output parameters come with {call})");
  if (buffer_length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  if (!buffer && !indicator) throw OdbcError("HY009", "Invalid use of null pointer: neither a buffer nor an indicator");
  validate_parameter_types(c_type, sql_type);
  if (parameters_.size() < number) parameters_.resize(number);
  parameters_[number - 1] = ParameterBinding{io_type, c_type, sql_type, column_size, decimal_digits,
                                             buffer, buffer_length, indicator};
  return SQL_SUCCESS;
}

}  // namespace holdfast
