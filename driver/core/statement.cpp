#include "core/statement.h"

#include "core/binary_result.h"
#include "core/connection.h"
#include "core/handle_pool.h"
#include "core/server_statement.h"
#include "core/statement_sql.h"
#include "core/type_info_result.h"

namespace holdfast {

Statement::Statement(Connection& connection) : HandleBase(SQL_HANDLE_STMT), connection_(connection) {
  query_timeout_ = connection.query_timeout_default;
  connection.get_attribute(SQL_ATTR_METADATA_ID, &metadata_id_, 0, nullptr, CharWidth::narrow);
  try {
    own_ard_ = HandlePool<Descriptor>::create(connection, DescKind::ard, *this);
    own_apd_ = HandlePool<Descriptor>::create(connection, DescKind::apd, *this);
    ird_ = HandlePool<Descriptor>::create(connection, DescKind::ird, *this);
    ipd_ = HandlePool<Descriptor>::create(connection, DescKind::ipd, *this);
  } catch (...) {
    for (Descriptor* d : {own_ard_, own_apd_, ird_, ipd_}) HandlePool<Descriptor>::destroy(d);
    throw;
  }
  ard_ = own_ard_;
  apd_ = own_apd_;
}

Statement::~Statement() {
  result_.reset();
  // SQLFreeHandle closed it already; here only from SQLDisconnect (which holds the
  // session lock) or the connection's destructor (nobody else uses the session).
  if (server_) connection_.session().close_server(*server_);
  if (direct_) connection_.session().close_server(*direct_);
  connection_.cursor_names.release(this);
  if (ard_ != own_ard_) ard_->detach(this);
  if (apd_ != own_apd_) apd_->detach(this);
  for (Descriptor* d : {own_ard_, own_apd_, ird_, ipd_}) HandlePool<Descriptor>::destroy(d);
}

const std::vector<ColumnMeta>* Statement::ird_columns() const noexcept {
  static const std::vector<ColumnMeta> none;
  if (result_) return &result_->columns();
  return executed_ || prepared_ ? &none : nullptr;
}

void Statement::forget_descriptor(Descriptor* descriptor) noexcept {
  if (ard_ == descriptor) ard_ = own_ard_;
  if (apd_ == descriptor) apd_ = own_apd_;
}

void Statement::use_descriptor(Descriptor*& slot, Descriptor* own, SQLPOINTER handle) {
  Descriptor* wanted = own;
  if (handle) {
    Descriptor* d = HandlePool<Descriptor>::lookup(handle);
    if (!d) throw OdbcError("HY024", "Invalid attribute value: not a descriptor handle");
    if (d != own) {
      if (!d->is_explicit())
        throw OdbcError("HY017", "Invalid use of an automatically allocated descriptor handle");
      if (&d->connection() != &connection_)
        throw OdbcError("HY024", "Invalid attribute value: the descriptor belongs to another connection");
      wanted = d;
    }
  }
  if (slot == wanted) return;
  if (slot != own) slot->detach(this);
  if (wanted != own) {
    std::lock_guard lock(wanted->mutex());
    wanted->attach(this);
  }
  slot = wanted;
}

void Statement::record_row(const OdbcError& error, SQLLEN row) {
  auto add = [&](const std::string& sqlstate, int native, ErrorSource source, const char* text) {
    DiagRecord r;
    r.sqlstate = sqlstate;
    r.native = native;
    r.message = message_prefix(source, server_label());
    r.message += ' ';
    r.message += text;
    r.server_name = data_source_name();
    r.connection_name = r.server_name;
    r.row_number = row;
    diag().add(std::move(r));
  };
  add(error.sqlstate(), error.native(), error.source(), error.what());
  for (const OdbcError::Followup& f : error.followups()) add(f.sqlstate, 0, ErrorSource::driver, f.message.c_str());
}

std::string Statement::server_label() const { return connection_.server_label(); }
std::string Statement::data_source_name() const { return connection_.data_source_name(); }

ScanOptions Statement::scan_options() {
  Session& session = connection_.session();
  SessionLock lock(session, this);
  return holdfast::scan_options(session.charset(), session.no_backslash_escapes(), session.ansi_quotes());
}

namespace {

// A prepared statement's result, when closed, hands its description to the next execution
// (used only while the fields stay the same: core/binary_result.h).
void keep_description(ResultSet* result, ServerStatement* server) noexcept {
  if (!server) return;
  if (auto* binary = dynamic_cast<BinaryResult*>(result)) binary->keep_description(server->result_buffers());
}

}  // namespace

void Statement::reset_result() noexcept {
  keep_description(result_.get(), server_ ? server_.get() : direct_.get());
  result_.reset();
  end_direct();
  row_valid_ = false;
  executed_ = false;
  more_pending_ = false;
  affected_rows_ = -1;
  pieces_.clear();
  rows_fetched_total_ = 0;
  block_rows_ = 0;
  block_row_ = -1;
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
  warnings_ = reply.warnings;
  rows_fetched_total_ = 0;  // SQLMoreResults: the next result's rows count from 1
  block_rows_ = 0;
  block_row_ = -1;
  if (reply.result) {
    // A streamed result reads its rows through the session (whose lock the caller holds);
    // whether more results follow is known at its end, so SQLMoreResults asks.
    Session* stream_from = reply.streamed ? &connection_.session() : nullptr;
    if (reply.streamed) more_pending_ = true;
    result_ = std::make_unique<ServerResult>(std::move(reply.result), connection_.max_bytes_per_char(),
                                             connection_.unicode_text_types(), stream_from);
    make_scrollable();
    affected_rows_ = result_->row_count();
    pieces_.assign(result_->columns().size(), PieceState{});
  } else {
    affected_rows_ = static_cast<SQLLEN>(reply.affected_rows);
  }
  diag().row_count = affected_rows_;
  diag().cursor_row_count = result_ ? affected_rows_ : 0;
}

ReplyMode Statement::reply_mode() const noexcept {
  // Forward-only cursors stream (bounded memory) unless BUFFER_RESULTS=1; any other
  // cursor type needs every row at hand. A query timeout covers the whole statement, the
  // rows included (the server may still be computing them after the first one is sent),
  // and the watchdog runs only while the session reads the reply: such a statement's
  // rows are read at execute.
  const bool stream = cursor_type_ == SQL_CURSOR_FORWARD_ONLY && !connection_.config().buffer_results &&
                      query_timeout_ == 0;
  return stream ? ReplyMode::stream : ReplyMode::store;
}

void Statement::run(const std::string& sql) {
  reset_result();
  Session& session = connection_.session();
  SessionLock lock(session, this);
  adopt(session.execute(sql, is_read_, std::chrono::seconds(query_timeout_), reply_mode()));
}

SQLRETURN Statement::prepare(std::string sql) {
  refuse_needing_data("SQLPrepare");
  return prepare_statement(std::move(sql), true);
}

SQLRETURN Statement::prepare_statement(std::string sql, bool on_server) {
  refuse_open_cursor(result_ != nullptr);
  reset_result();
  drop_server_statement();
  prepared_ = false;
  outputs_pending_.clear();
  PreparedText text = prepare_text(std::move(sql), noscan_ == SQL_NOSCAN_OFF, scan_options());
  sql_ = std::move(text.sql);
  markers_ = std::move(text.markers);
  is_read_ = text.is_read;
  searched_change_ = text.searched_change;
  is_call_ = text.is_call;
  described_params_.reset();
  first_param_ = text.has_return_value ? 1 : 0;
  positioned_.reset();
  if (searched_change_) positioned_ = find_positioned(sql_, scan_options());
  prepared_ = true;
  if (on_server && !positioned_) prepare_on_server();
  return SQL_SUCCESS;
}

SQLRETURN Statement::exec_direct(std::string sql) {
  refuse_needing_data("SQLExecDirect");
  prepare_statement(std::move(sql), false);
  SQLRETURN rc;
  direct_now_ = true;
  try {
    rc = execute();
  } catch (...) {
    direct_now_ = false;
    prepared_ = false;
    throw;
  }
  direct_now_ = false;
  if (rc == SQL_NEED_DATA) {
    dae_.direct = true;  // unprepared once the data is in (statement_data_at_exec.cpp)
    return rc;
  }
  prepared_ = false;
  return rc;
}

SQLRETURN Statement::execute() {
  refuse_needing_data("SQLExecute");
  refuse_open_cursor(result_ != nullptr);
  if (!prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared");
  outputs_pending_.clear();
  if (positioned_) rewrite_positioned();
  if (markers_.empty() && first_param_ == 0) {
    if (!run_prepared() && !run_direct()) run(sql_);
    return finish_execute();
  }
  if (apd_->header().array_size > 1) {
    // Output parameters: one CALL per set, each set's outputs into its own buffers.
    if (has_output_parameters() || array_needs_data()) {
      reset_result();
      dae_.end();
      return run_array_from(0, false, nullptr);
    }
    return execute_array();
  }
  return execute_single();
}

SQLRETURN Statement::finish_execute() {
  if (positioned_ && !result_) return finish_positioned();
  // ODBC 3: a searched UPDATE or DELETE that changed nothing returns SQL_NO_DATA.
  if (!result_ && affected_rows_ == 0 && searched_change_ && connection_.odbc_version() != SQL_OV_ODBC2)
    return SQL_NO_DATA;
  return SQL_SUCCESS;
}

SQLRETURN Statement::num_result_cols(SQLSMALLINT* count) {
  refuse_needing_data("SQLNumResultCols");
  if (!count) throw OdbcError("HY009", "Invalid use of null pointer");
  if (!executed_ && !prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared or executed");
  *count = result_ ? static_cast<SQLSMALLINT>(result_->columns().size()) : 0;
  return SQL_SUCCESS;
}

SQLRETURN Statement::row_count(SQLLEN* count) {
  refuse_needing_data("SQLRowCount");
  if (!executed_) throw OdbcError("HY010", "Function sequence error: no statement was executed");
  if (count) *count = affected_rows_;
  return SQL_SUCCESS;
}

SQLRETURN Statement::more_results() {
  refuse_needing_data("SQLMoreResults");
  if (!executed_) return SQL_NO_DATA;
  result_.reset();
  end_direct();
  row_valid_ = false;
  pieces_.clear();
  if (!more_pending_) {
    executed_ = true;
    return SQL_NO_DATA;
  }
  std::optional<StatementReply> next;
  {
    Session& session = connection_.session();
    SessionLock lock(session, this);
    next = session.next_result(reply_mode());
  }
  if (!next) {
    more_pending_ = false;
    fetch_outputs();  // a CALL's output parameters, once its results are consumed
    return SQL_NO_DATA;
  }
  adopt(std::move(*next));
  if (!more_pending_) fetch_outputs();
  return SQL_SUCCESS;
}

SQLRETURN Statement::close_cursor(bool must_be_open) {
  if (must_be_open) refuse_needing_data("SQLCloseCursor");
  outputs_pending_.clear();  // output parameters of a CALL closed early stay undefined
  if (must_be_open && !result_) throw OdbcError("24000", "Invalid cursor state: no cursor is open");
  keep_description(result_.get(), server_ ? server_.get() : direct_.get());
  result_.reset();  // first: a streamed result skips its unread rows under the session's lock
  end_direct();
  if (more_pending_) {
    Session& session = connection_.session();
    SessionLock lock(session, this);
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
    case SQL_UNBIND: ard_->set_count(0); return SQL_SUCCESS;
    case SQL_RESET_PARAMS: apd_->set_count(0); return SQL_SUCCESS;
    default: throw OdbcError("HY092", "Invalid attribute/option identifier for SQLFreeStmt");
  }
}

SQLRETURN Statement::set_cursor_name(std::string name) {
  refuse_needing_data("SQLSetCursorName");
  if (result_) throw OdbcError("24000", "Invalid cursor state: a cursor is open; close it before naming it");
  connection_.cursor_names.claim(this, name);
  cursor_name_ = std::move(name);
  return SQL_SUCCESS;
}

SQLRETURN Statement::get_cursor_name(const TextOut& out, SQLSMALLINT* length) {
  if (cursor_name_.empty()) cursor_name_ = connection_.cursor_names.next_default(this);
  bool truncated = false;
  const SQLLEN n = write_text(cursor_name_, out, truncated);
  store_length(length, static_cast<SQLSMALLINT>(n));
  if (truncated) warn("01004", "String data, right truncated: the cursor name did not fit the buffer");
  return SQL_SUCCESS;
}

SQLRETURN Statement::type_info(SQLSMALLINT data_type) {
  refuse_needing_data("SQLGetTypeInfo");
  refuse_open_cursor(result_ != nullptr);
  adopt_local_result(make_type_info_result(data_type, connection_.odbc_version()));
  return SQL_SUCCESS;
}

void Statement::adopt_local_result(std::unique_ptr<ResultSet> result) {
  refuse_needing_data("a catalog function");
  refuse_open_cursor(result_ != nullptr);
  reset_result();
  result_ = std::move(result);
  make_scrollable();
  executed_ = true;
  prepared_ = false;
  affected_rows_ = result_->row_count();
  pieces_.assign(result_->columns().size(), PieceState{});
}

SQLRETURN Statement::cancel() {
  // Called without the statement's lock, possibly from another thread. A statement
  // running on this connection is killed on the server (it then fails with HY008).
  {
    // A statement waiting for data at execution runs nothing: its sequence ends.
    std::unique_lock lock(mutex(), std::try_to_lock);
    if (lock.owns_lock() && dae_.active) {
      diag().clear();  // this thread's call: the sequence's old records go
      if (dae_.direct) prepared_ = false;
      dae_.end();
      return SQL_SUCCESS;
    }
  }
  if (connection_.session().cancel_running(this)) return SQL_SUCCESS;
  // Nothing running: ODBC 3.5 says "no effect", but the unixODBC driver manager moves
  // the statement to the closed-cursor state (the ODBC 2 rule), so the driver closes
  // the cursor too and the next execute is accepted. Only if no other thread holds the
  // statement.
  std::unique_lock lock(mutex(), std::try_to_lock);
  if (lock.owns_lock()) close_cursor(false);
  return SQL_SUCCESS;
}

SQLRETURN Statement::num_params(SQLSMALLINT* count) {
  refuse_needing_data("SQLNumParams");
  if (!prepared_ && !executed_) throw OdbcError("HY010", "Function sequence error: no statement was prepared");
  if (count) *count = static_cast<SQLSMALLINT>(markers_.size() + first_param_);
  return SQL_SUCCESS;
}

SQLRETURN Statement::bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                                    SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits,
                                    SQLPOINTER buffer, SQLLEN buffer_length, SQLLEN* indicator) {
  if (number < 1) throw OdbcError("07009", "Invalid descriptor index: parameters are numbered from 1");
  if (io_type != SQL_PARAM_INPUT && io_type != SQL_PARAM_INPUT_OUTPUT && io_type != SQL_PARAM_OUTPUT &&
      io_type != SQL_PARAM_INPUT_OUTPUT_STREAM && io_type != SQL_PARAM_OUTPUT_STREAM)
    throw OdbcError("HY105", "Invalid parameter type " + std::to_string(io_type));
  if (io_type == SQL_PARAM_INPUT_OUTPUT_STREAM || io_type == SQL_PARAM_OUTPUT_STREAM)
    throw OdbcError("HYC00", "Streamed output parameters are not supported");
  if (buffer_length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  if (!buffer && !indicator) throw OdbcError("HY009", "Invalid use of null pointer: neither a buffer nor an indicator");
  validate_parameter_types(c_type, sql_type);
  DescRecord& a = apd_->record_for_write(static_cast<SQLSMALLINT>(number));
  a = DescRecord{};
  set_concise_type(a, c_type);
  if (c_type == SQL_C_NUMERIC) {
    a.precision = static_cast<SQLSMALLINT>(column_size);
    a.scale = decimal_digits;
  }
  a.data_ptr = buffer;
  a.octet_length = buffer_length;
  a.octet_length_ptr = indicator;
  a.indicator_ptr = indicator;
  DescRecord& p = ipd_->record_for_write(static_cast<SQLSMALLINT>(number));
  p = DescRecord{};
  set_concise_type(p, sql_type);
  p.parameter_type = io_type;
  p.length = column_size;
  p.octet_length = static_cast<SQLLEN>(column_size);
  p.scale = decimal_digits;
  if (sql_type == SQL_DECIMAL || sql_type == SQL_NUMERIC)
    p.precision = static_cast<SQLSMALLINT>(column_size);
  else if (sql_type == SQL_TYPE_TIME || sql_type == SQL_TYPE_TIMESTAMP || sql_type == SQL_TIME ||
           sql_type == SQL_TIMESTAMP)
    p.precision = decimal_digits;
  p.nullable = SQL_NULLABLE_UNKNOWN;
  return SQL_SUCCESS;
}

}  // namespace holdfast
