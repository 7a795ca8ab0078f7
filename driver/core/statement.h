// The statement handle: the SQL it runs, the result it holds, the application's column
// bindings and statement attributes.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/convert.h"
#include "core/handle.h"
#include "core/result_set.h"
#include "core/sql_lexer.h"
#include "core/text_io.h"

namespace holdfast {

class Connection;

// One column binding of the application row descriptor (SQLBindCol).
struct ColumnBinding {
  SQLSMALLINT c_type = 0;  // 0: unbound
  SQLPOINTER buffer = nullptr;
  SQLLEN buffer_length = 0;
  SQLLEN* indicator = nullptr;
  bool bound() const noexcept { return c_type != 0; }
};

// One parameter binding of the application parameter descriptor (SQLBindParameter).
struct ParameterBinding {
  SQLSMALLINT io_type = SQL_PARAM_INPUT;
  SQLSMALLINT c_type = 0;  // 0: unbound
  SQLSMALLINT sql_type = 0;
  SQLULEN column_size = 0;
  SQLSMALLINT decimal_digits = 0;
  SQLPOINTER buffer = nullptr;
  SQLLEN buffer_length = 0;
  SQLLEN* indicator = nullptr;
  bool bound() const noexcept { return c_type != 0; }
};

class Statement : public HandleBase {
 public:
  explicit Statement(Connection& connection);

  Connection& connection() noexcept { return connection_; }

  SQLRETURN exec_direct(std::string sql);
  SQLRETURN prepare(std::string sql);
  SQLRETURN execute();
  SQLRETURN fetch();
  SQLRETURN get_data(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length,
                     SQLLEN* indicator);
  SQLRETURN bind_column(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length,
                        SQLLEN* indicator);
  SQLRETURN bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                           SQLULEN column_size, SQLSMALLINT decimal_digits, SQLPOINTER buffer,
                           SQLLEN buffer_length, SQLLEN* indicator);
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

  SQLRETURN set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length);
  SQLRETURN get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                          SQLINTEGER* string_length);

  // The connection committed or rolled back: cursors stay open (SQL_CB_PRESERVE).
  void on_transaction_end() noexcept {}

  // For the catalog functions (core/catalog_*.cpp).
  bool metadata_id() const noexcept { return metadata_id_ == SQL_TRUE; }
  std::chrono::seconds query_timeout() const noexcept { return std::chrono::seconds(query_timeout_); }
  bool cursor_open() const noexcept { return result_ != nullptr; }
  // Replaces the statement's result with one the driver built (SQLGetTypeInfo, catalog
  // functions). 24000 if a cursor is open.
  void adopt_local_result(std::unique_ptr<ResultSet> result);

 protected:
  std::string server_label() const override;
  std::string data_source_name() const override;

 private:
  void run(const std::string& sql);
  ScanOptions scan_options();
  void adopt(StatementReply reply);
  void reset_result() noexcept;
  void require_result(const char* function) const;
  SQLRETURN fetch_row_into(std::size_t row_in_block);
  const ColumnMeta& column_meta(SQLUSMALLINT column) const;

  Connection& connection_;
  std::string sql_;                 // prepared text (after escape translation)
  bool prepared_ = false;
  std::vector<std::size_t> markers_;  // offsets of parameter markers in sql_
  bool is_read_ = false;            // the statement is a read (RETRY_READS)
  bool searched_change_ = false;    // UPDATE or DELETE (SQL_NO_DATA when nothing changed)
  std::unique_ptr<ResultSet> result_;
  bool executed_ = false;
  bool more_pending_ = false;
  SQLLEN affected_rows_ = -1;
  bool row_valid_ = false;          // the cursor is on a row
  std::vector<ColumnBinding> bindings_;  // index 0 = column 1
  std::vector<ParameterBinding> parameters_;  // index 0 = parameter 1
  std::vector<PieceState> pieces_;  // SQLGetData progress per column of the current row

  // Statement attributes.
  SQLULEN query_timeout_ = 0;
  SQLULEN max_rows_ = 0;
  SQLULEN max_length_ = 0;
  SQLULEN row_array_size_ = 1;
  SQLULEN* rows_fetched_ptr_ = nullptr;
  SQLUSMALLINT* row_status_ptr_ = nullptr;
  SQLULEN row_bind_type_ = SQL_BIND_BY_COLUMN;
  SQLLEN* row_bind_offset_ptr_ = nullptr;
  SQLULEN noscan_ = SQL_NOSCAN_OFF;
  SQLULEN retrieve_data_ = SQL_RD_ON;
  SQLULEN cursor_type_ = SQL_CURSOR_FORWARD_ONLY;
  SQLULEN concurrency_ = SQL_CONCUR_READ_ONLY;
  SQLULEN paramset_size_ = 1;
  SQLUINTEGER metadata_id_ = SQL_FALSE;  // the connection's value when allocated
  SQLULEN rows_fetched_total_ = 0;
};

}  // namespace holdfast
