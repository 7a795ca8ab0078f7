// Data at execution (SQLParamData / SQLPutData): the parameters of the parameter set
// being executed whose indicator said SQL_DATA_AT_EXEC or SQL_LEN_DATA_AT_EXEC(n), and
// the data the application has sent for them so far.
//
// For a statement prepared on the server the pieces go to the server as they come
// (core/statement_long_data.cpp; `bytes` then holds only a UTF-16 unit or surrogate pair
// waiting for its other half). Otherwise the statement is sent as text (client-side
// interpolation): the pieces are collected here, in the parameter's C type (bytes of SQL_C_CHAR, UTF-16 units of SQL_C_WCHAR,
// raw bytes of SQL_C_BINARY, one value of a fixed-size type), and converted to a literal
// only when the whole value is known, so a character split across pieces is whole again.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstddef>
#include <string>
#include <vector>

namespace holdfast {

struct DaeValue {
  SQLUSMALLINT number = 0;         // parameter number (from 1)
  SQLSMALLINT c_type = SQL_C_CHAR; // the C type of the pieces (SQL_C_DEFAULT resolved)
  SQLPOINTER token = nullptr;      // what SQLParamData hands back: the parameter's data pointer
  std::string bytes;               // the pieces, appended
  SQLLEN indicator = 0;            // bytes.size(), or SQL_NULL_DATA / SQL_DEFAULT_PARAM
  bool started = false;            // SQLPutData was called for it
  SQLULEN row = 0;                 // for a column of SQLSetPos / SQLBulkOperations: its rowset row (from 0)
};

// What SQLExecute / SQLExecDirect returned SQL_NEED_DATA for.
struct DataAtExec {
  bool active = false;
  bool direct = false;      // started by SQLExecDirect: the statement is not prepared afterwards
  // The set's values go to the server in pieces as they come (a statement prepared on
  // the server: core/statement_long_data.cpp), not gathered here.
  bool streaming = false;
  SQLULEN row = 0;          // the parameter set being collected (from 0)
  std::vector<DaeValue> values;
  std::size_t used = 0;     // values[0, used) belong to the current parameter set
  std::ptrdiff_t current = -1;  // index of the parameter SQLParamData last named; -1 before
  // Progress of a parameter array executed one set at a time.
  SQLULEN processed = 0;
  SQLULEN errors = 0;
  bool warned = false;
  unsigned long long affected = 0;
  // Column data for SQLSetPos (SQL_UPDATE, SQL_ADD) or SQLBulkOperations (SQL_ADD) instead
  // of parameters (core/set_pos_data_at_exec.cpp): the operation, its row, and whether the
  // data is in and the operation runs with it.
  SQLUSMALLINT cursor_operation = 0;
  SQLSETPOSIROW cursor_row = 0;
  bool cursor_bulk = false;
  bool cursor_ready = false;

  void end() noexcept {
    active = false;
    direct = false;
    streaming = false;
    row = 0;
    used = 0;
    current = -1;
    processed = errors = 0;
    warned = false;
    affected = 0;
    cursor_operation = 0;
    cursor_row = 0;
    cursor_bulk = false;
    cursor_ready = false;
  }
};

// Whether an indicator value asks for data at execution.
inline bool is_data_at_exec_indicator(SQLLEN value) noexcept {
  return value == SQL_DATA_AT_EXEC || value <= SQL_LEN_DATA_AT_EXEC_OFFSET;
}

}  // namespace holdfast
