// The diagnostic area of one handle: a header and a vector of records (ODBC 3.8,
// "Diagnostics"). Every entry point clears it first (except the diagnostic functions).
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

#include "core/odbc_error.h"

namespace holdfast {

struct DiagRecord {
  std::string sqlstate;  // five characters
  SQLINTEGER native = 0;
  std::string message;   // full text, "[Holdfast][version]... text"
  std::string class_origin;
  std::string subclass_origin;
  std::string connection_name;
  std::string server_name;
  SQLLEN row_number = SQL_NO_ROW_NUMBER;
  SQLINTEGER column_number = SQL_NO_COLUMN_NUMBER;
  std::string_view cause;  // HOLDFAST_DIAG_CAUSE: a code from core/loss_cause.h, "" if none

  bool is_warning() const { return sqlstate.compare(0, 2, "01") == 0; }
};

class Diagnostics {
 public:
  void clear() noexcept {
    records_.clear();
    odbc2_cursor = 0;
    return_code_ = SQL_SUCCESS;
    dynamic_function_code_ = SQL_DIAG_UNKNOWN_STATEMENT;
  }

  // Appends a record. Errors are kept ahead of warnings, as the spec ranks them.
  void add(DiagRecord record);

  bool has_warnings() const noexcept { return !records_.empty(); }
  bool has_errors() const noexcept;
  const std::vector<DiagRecord>& records() const noexcept { return records_; }

  SQLRETURN return_code() const noexcept { return return_code_; }
  void set_return_code(SQLRETURN rc) noexcept { return_code_ = rc; }

  // Statement-level header fields.
  SQLLEN row_count = 0;
  SQLLEN cursor_row_count = 0;
  std::string dynamic_function;
  SQLINTEGER dynamic_function_code() const noexcept { return dynamic_function_code_; }
  void set_dynamic_function(std::string text, SQLINTEGER code) {
    dynamic_function = std::move(text);
    dynamic_function_code_ = code;
  }

  // SQLError (ODBC 2) walks records once: the index of the next record it returns.
  std::size_t odbc2_cursor = 0;

 private:
  std::vector<DiagRecord> records_;
  SQLRETURN return_code_ = SQL_SUCCESS;
  SQLINTEGER dynamic_function_code_ = SQL_DIAG_UNKNOWN_STATEMENT;
};

// The text of the origin fields: "ISO 9075" for SQLSTATE classes that standard defines,
// "ODBC 3.0" otherwise (ODBC 3.8, SQLGetDiagField, SQL_DIAG_CLASS_ORIGIN/SUBCLASS_ORIGIN).
std::string class_origin_of(const std::string& sqlstate);
std::string subclass_origin_of(const std::string& sqlstate);

// "[Holdfast][0.1.0]" or "[Holdfast][0.1.0][10.11.6-MariaDB]" for the server's own messages.
std::string message_prefix(ErrorSource source, const std::string& server_label);

}  // namespace holdfast
