// The statement handle: the SQL it runs, the result it holds, the application's column
// bindings and statement attributes.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/convert.h"
#include "core/data_at_exec.h"
#include "core/descriptor.h"
#include "core/fetch_plan.h"
#include "core/handle.h"
#include "core/positioned_statement.h"
#include "core/result_set.h"
#include "core/sql_lexer.h"
#include "core/text_io.h"

namespace holdfast {

class Connection;
class ServerStatement;
struct ParamSource;

class Statement : public HandleBase {
 public:
  explicit Statement(Connection& connection);
  ~Statement() override;

  Connection& connection() noexcept { return connection_; }

  SQLRETURN exec_direct(std::string sql);
  SQLRETURN prepare(std::string sql);
  SQLRETURN execute();
  SQLRETURN fetch();
  // Scrolling (core/statement_scroll.cpp) and positioned operations (core/set_pos.cpp).
  SQLRETURN fetch_scroll(SQLSMALLINT orientation, SQLLEN offset);
  SQLRETURN extended_fetch(SQLUSMALLINT orientation, SQLLEN offset, SQLULEN* rows, SQLUSMALLINT* status);
  SQLRETURN set_pos(SQLSETPOSIROW row, SQLUSMALLINT operation, SQLUSMALLINT lock);
  SQLRETURN bulk_operations(SQLSMALLINT operation);
  SQLRETURN get_data(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length,
                     SQLLEN* indicator);
  SQLRETURN bind_column(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length,
                        SQLLEN* indicator);
  SQLRETURN bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                           SQLULEN column_size, SQLSMALLINT decimal_digits, SQLPOINTER buffer,
                           SQLLEN buffer_length, SQLLEN* indicator);
  // Data at execution (core/statement_data_at_exec.cpp).
  SQLRETURN param_data(SQLPOINTER* value);
  SQLRETURN put_data(SQLPOINTER data, SQLLEN length);
  // HY010 while SQLExecute/SQLExecDirect wait for data at execution (SQL_NEED_DATA).
  void refuse_needing_data(const char* function) const;
  SQLRETURN num_params(SQLSMALLINT* count);
  SQLRETURN describe_param(SQLUSMALLINT number, SQLSMALLINT* sql_type, SQLULEN* size, SQLSMALLINT* digits,
                           SQLSMALLINT* nullable);
  SQLRETURN num_result_cols(SQLSMALLINT* count);
  SQLRETURN describe_col(SQLUSMALLINT column, const TextOut& name, SQLSMALLINT* name_length, SQLSMALLINT* sql_type,
                         SQLULEN* column_size, SQLSMALLINT* decimal_digits, SQLSMALLINT* nullable);
  SQLRETURN col_attribute(SQLUSMALLINT column, SQLUSMALLINT field, const TextOut& text, SQLSMALLINT* text_length,
                          SQLLEN* number);
  SQLRETURN row_count(SQLLEN* count);
  SQLRETURN more_results();
  SQLRETURN close_cursor(bool must_be_open);
  SQLRETURN free_stmt(SQLUSMALLINT option);
  SQLRETURN type_info(SQLSMALLINT data_type);
  SQLRETURN cancel();
  // SQLSetCursorName / SQLGetCursorName (names unique per connection: core/cursor_name.h).
  SQLRETURN set_cursor_name(std::string name);
  SQLRETURN get_cursor_name(const TextOut& out, SQLSMALLINT* length);

  SQLRETURN set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length);
  SQLRETURN get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                          SQLINTEGER* string_length);

  // SQLFreeHandle: closes the statement prepared on the server, if any (the session lock
  // is taken here; the destructor runs where the session is not in use by others).
  void release_server_statement() noexcept { drop_server_statement(); }

  // The connection committed or rolled back: cursors stay open (SQL_CB_PRESERVE).
  void on_transaction_end() noexcept {}

  // SQL_ATTR_USE_BOOKMARKS: SQL_UB_OFF, SQL_UB_VARIABLE or SQL_UB_FIXED (core/bookmark.h).
  SQLULEN use_bookmarks() const noexcept { return use_bookmarks_; }

  // The descriptors in use: the statement's own, or the application's explicit ARD/APD.
  Descriptor& ard() noexcept { return *ard_; }
  Descriptor& apd() noexcept { return *apd_; }
  Descriptor& ird() noexcept { return *ird_; }
  Descriptor& ipd() noexcept { return *ipd_; }
  // The IRD's records: the result columns; empty for a statement without a result;
  // nullptr when the statement is neither prepared nor executed.
  const std::vector<ColumnMeta>* ird_columns() const noexcept;
  // An explicit descriptor in use as ARD or APD is being freed: use our own again.
  void forget_descriptor(Descriptor* descriptor) noexcept;

  // For the catalog functions (core/catalog_*.cpp).
  bool metadata_id() const noexcept { return metadata_id_ == SQL_TRUE; }
  std::chrono::seconds query_timeout() const noexcept { return std::chrono::seconds(query_timeout_); }
  bool cursor_open() const noexcept { return result_ != nullptr; }
  // A static cursor reads its result in any order: the session must buffer the whole
  // result (mysql_store_result) for it, whatever it does for forward-only cursors.
  bool needs_buffered_result() const noexcept { return cursor_type_ != SQL_CURSOR_FORWARD_ONLY; }
  // Replaces the statement's result with one the driver built (SQLGetTypeInfo, catalog
  // functions). 24000 if a cursor is open.
  void adopt_local_result(std::unique_ptr<ResultSet> result);

 protected:
  std::string server_label() const override;
  std::string data_source_name() const override;

 private:
  friend struct SetPosOps;
  friend SQLRETURN rows_operation(Statement&, ScrollCursor&, const std::vector<std::int64_t>&, SQLSMALLINT);
  SQLRETURN set_cursor_attribute(SQLINTEGER attribute, SQLULEN number);
  // Wraps a buffered result in a ScrollCursor when the cursor type asks for one.
  void make_scrollable();
  SQLRETURN fetch_rowset(ScrollCursor& cursor, SQLSMALLINT orientation, SQLLEN offset, SQLULEN rowset_size,
                         SQLULEN* fetched_ptr, SQLUSMALLINT* status);
  // Bookmarks (core/statement_bookmark.cpp, core/bulk_by_bookmark.cpp).
  std::uint32_t row_bookmark() noexcept;  // the current row's
  bool write_row_bookmark(std::size_t row_in_block);  // true: truncated (01004)
  SQLRETURN get_bookmark(SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length, SQLLEN* indicator);
  SQLRETURN bind_bookmark(SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length, SQLLEN* indicator);
  // SQL_FETCH_BOOKMARK: the rowset starting `offset` rows from the row `bookmark` names
  // (SQL_ATTR_FETCH_BOOKMARK_PTR's for SQLFetchScroll, nullptr: none was set).
  SQLRETURN fetch_at_bookmark(const void* bookmark, SQLLEN offset, SQLULEN rowset_size, SQLULEN* fetched_ptr,
                              SQLUSMALLINT* status);
  SQLRETURN bulk_by_bookmark(SQLSMALLINT operation);
  // SQLSetPos on a forward-only cursor (core/statement_block_position.cpp): SQL_POSITION
  // within the rowset of a buffered result, for SQLGetData.
  SQLRETURN position_block(SQLSETPOSIROW row, SQLUSMALLINT operation);
  // SQLGetData on a forward-only block cursor not positioned yet: its rowset's first row.
  void position_block_default();
  void run(const std::string& sql);
  ScanOptions scan_options();
  void adopt(StatementReply reply);
  ReplyMode reply_mode() const noexcept;  // stream or store this statement's results
  void reset_result() noexcept;
  void require_result(const char* function) const;
  SQLRETURN fetch_row_into(std::size_t row_in_block);
  // The bound columns as this fetch call writes them (core/fetch_plan.h), then one row of
  // them; plan_fetch is called once per fetch call, before its rows.
  void plan_fetch();
  SQLRETURN fetch_planned_row(std::size_t row_in_block);
  void use_descriptor(Descriptor*& slot, Descriptor* own, SQLPOINTER handle);
  SQLRETURN execute_array();
  // One parameter set, output parameters included (core/statement_call.cpp).
  SQLRETURN execute_single();
  SQLRETURN run_single_row();
  void run_parameter_set(SQLULEN row);
  void parameter_set_sources(SQLULEN row, std::vector<ParamSource>& out);
  bool has_output_parameters() const;
  void fetch_outputs();
  // Whether the called procedure could leave state of its own (core/procedure_state.h).
  bool procedure_may_leave_state(Session& session);
  void close_results_keeping_outputs();
  void write_output(SQLULEN row, SQLUSMALLINT number, const ColumnMeta& meta, const SourceValue& value);
  SQLRETURN finish_execute();
  void describe_params_from_columns();
  // Positioned UPDATE/DELETE (core/positioned_statement.cpp): sql_ for this execution, and
  // the outcome once it ran.
  void rewrite_positioned();
  SQLRETURN finish_positioned();
  // Data at execution (core/statement_data_at_exec.cpp).
  bool start_data_at_exec(SQLULEN row);
  SQLRETURN append_piece(DaeValue& value, SQLPOINTER data, SQLLEN length);
  bool array_needs_data() const;
  // Column data at execution for SQLSetPos / SQLBulkOperations (core/set_pos_data_at_exec.cpp):
  // true (SQL_NEED_DATA) when a bound column of the rows `operation` changes asks for it.
  bool start_cursor_data_at_exec(SQLUSMALLINT operation, SQLSETPOSIROW row, bool bulk);
  SQLRETURN run_cursor_data_at_exec();  // all of it is in: the operation runs
  // The value SQLPutData sent for column `column` (from 0) of rowset row `row` (from 0).
  const DaeValue* cursor_dae_value(std::size_t column, SQLULEN row) const noexcept;
  // Runs parameter sets from `row` on, one at a time, until one needs data (then
  // SQL_NEED_DATA; `named`, when given, gets that set's first data pointer).
  SQLRETURN run_array_from(SQLULEN row, bool data_ready, SQLPOINTER* named);
  // The server's warnings for the last statement as diagnostics of parameter set rows
  // (SHOW WARNINGS; "at row N" picks the row of a multi-row batch). Returns the rows
  // (indices into `rows`) a warning named; all of them when one named none.
  std::vector<bool> record_server_warnings(const std::vector<SQLULEN>& rows);
  StatementReply send(const std::string& sql);
  // Server-side prepared statements (core/statement_prepared.cpp).
  SQLRETURN prepare_statement(std::string sql, bool on_server);
  void prepare_on_server();
  // false: this execution goes through the text path. `streamed`: the parameters were
  // bound, and long data sent, by core/statement_long_data.cpp.
  bool run_prepared(bool streamed = false);
  // Long data for a statement prepared on the server (core/statement_long_data.cpp).
  void begin_long_data();
  void send_long_piece(DaeValue& value, const char* data, std::size_t bytes);
  void finish_long_value(DaeValue& value);
  void drop_server_statement() noexcept;  // with the session lock taken here
  // SQLExecDirect of a plain SELECT on the binary protocol, its rows streamed
  // (core/statement_direct.cpp): false when this execution goes through the text path.
  bool run_direct();
  // Closes the server statement of the last direct execution (its result is gone).
  void end_direct() noexcept;
  // Records `error` with SQL_DIAG_ROW_NUMBER `row` (from 1).
  void record_row(const OdbcError& error, SQLLEN row);
  const ColumnMeta& column_meta(SQLUSMALLINT column) const;

  Connection& connection_;
  std::string sql_;                 // prepared text (after escape translation)
  bool prepared_ = false;
  std::vector<std::size_t> markers_;  // offsets of parameter markers in sql_
  bool is_read_ = false;            // the statement is a read (RETRY_READS)
  bool searched_change_ = false;    // UPDATE or DELETE (SQL_NO_DATA when nothing changed)
  bool is_call_ = false;            // CALL or {call}: output parameters go through user variables
  SQLUSMALLINT first_param_ = 0;    // 1 for {?= call f(...)}: parameter 1 is the value, not in the text
  std::vector<SQLUSMALLINT> outputs_pending_;  // read once the CALL's results are consumed
  SQLULEN outputs_row_ = 0;         // the parameter set whose buffers receive them
  bool state_before_call_ = false;  // the session's unrebuildable-state flag before them
  std::uint64_t link_of_call_ = 0;  // the session's link generation they were set on
  bool outputs_warned_ = false;     // writing an output value gave a warning (01004, 01S07)
  std::vector<ParamSource> call_sources_;  // the text path's parameter values (capacity kept)
  DataAtExec dae_;
  std::optional<PositionedText> positioned_;  // WHERE CURRENT OF: the text before it, the cursor
  // SQLDescribeParam: the target column of each parameter, learnt once per prepare
  // (core/statement_describe_param.cpp).
  std::optional<std::vector<std::optional<ColumnMeta>>> described_params_;
  std::unique_ptr<ResultSet> result_;
  bool executed_ = false;
  bool more_pending_ = false;
  SQLLEN affected_rows_ = -1;
  unsigned warnings_ = 0;           // the server's warning count for the last reply
  bool row_valid_ = false;          // the cursor is on a row
  // Descriptors: the statement's own four, and the ARD and APD in use.
  Descriptor* own_ard_ = nullptr;
  Descriptor* own_apd_ = nullptr;
  Descriptor* ird_ = nullptr;
  Descriptor* ipd_ = nullptr;
  Descriptor* ard_ = nullptr;
  Descriptor* apd_ = nullptr;
  std::vector<PieceState> pieces_;  // SQLGetData progress per column of the current row
  std::vector<BoundCell> fetch_plan_;  // the bound columns of the current fetch call

  // Statement attributes.
  SQLULEN query_timeout_ = 0;
  SQLULEN max_rows_ = 0;
  SQLULEN max_length_ = 0;
  SQLULEN noscan_ = SQL_NOSCAN_OFF;
  SQLULEN retrieve_data_ = SQL_RD_ON;
  SQLULEN cursor_type_ = SQL_CURSOR_FORWARD_ONLY;
  SQLULEN concurrency_ = SQL_CONCUR_READ_ONLY;
  SQLULEN rowset_size_ = 1;  // SQL_ROWSET_SIZE (SQLExtendedFetch)
  SQLULEN use_bookmarks_ = SQL_UB_OFF;
  SQLPOINTER fetch_bookmark_ptr_ = nullptr;  // SQL_ATTR_FETCH_BOOKMARK_PTR
  // The forward-only cursor's rowset: its first row in the result (from 0) and its size;
  // the row SQLSetPos put a buffered result on (-1: where SQLFetch left it, the rowset's last).
  std::int64_t block_first_ = 0;
  std::int64_t block_rows_ = 0;
  std::int64_t block_row_ = -1;
  SQLUINTEGER metadata_id_ = SQL_FALSE;  // the connection's value when allocated
  SQLULEN rows_fetched_total_ = 0;
  std::string cursor_name_;  // empty until set or first asked for
  std::unique_ptr<ServerStatement> server_;  // prepared on the server (SQLPrepare)
  std::unique_ptr<ServerStatement> direct_;  // the last direct SELECT's (core/statement_direct.cpp)
  bool direct_now_ = false;                  // SQLExecDirect is executing
};

}  // namespace holdfast
