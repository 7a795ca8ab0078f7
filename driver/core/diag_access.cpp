#include "core/diag_access.h"

#include <cstring>

#include "core/connection.h"
#include "core/environment.h"
#include "core/handle_pool.h"
#include "core/statement.h"
#include <holdfast/holdfast.h>

namespace holdfast {
namespace {

void write_sqlstate(void* where, const std::string& state, CharWidth width) {
  if (!where) return;
  if (width == CharWidth::narrow) {
    std::memcpy(where, state.c_str(), 6);
    return;
  }
  auto* w = static_cast<SQLWCHAR*>(where);
  for (std::size_t i = 0; i < 5; ++i) w[i] = static_cast<SQLWCHAR>(state[i]);
  w[5] = 0;
}

// Writes a string field; the SQLRETURN the diagnostic functions give for it.
SQLRETURN write_field(const std::string& value, const TextOut& out, SQLSMALLINT* length) {
  bool truncated = false;
  store_length(length, write_text(value, out, truncated));
  return truncated ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

}  // namespace

HandleBase* find_handle(SQLSMALLINT handle_type, SQLHANDLE raw) noexcept {
  switch (handle_type) {
    case SQL_HANDLE_ENV: return HandlePool<Environment>::lookup(raw);
    case SQL_HANDLE_DBC: return HandlePool<Connection>::lookup(raw);
    case SQL_HANDLE_STMT: return HandlePool<Statement>::lookup(raw);
    case SQL_HANDLE_DESC: return HandlePool<Descriptor>::lookup(raw);
    default: return nullptr;
  }
}

SQLRETURN get_diag_rec(const HandleBase& handle, SQLSMALLINT record, void* sqlstate, SQLINTEGER* native,
                       const TextOut& message, SQLSMALLINT* message_length) {
  if (record < 1 || message.capacity < 0) return SQL_ERROR;
  const auto& records = handle.diag().records();
  if (static_cast<std::size_t>(record) > records.size()) return SQL_NO_DATA;
  const DiagRecord& r = records[static_cast<std::size_t>(record) - 1];
  write_sqlstate(sqlstate, r.sqlstate, message.width);
  if (native) *native = r.native;
  return write_field(r.message, message, message_length);
}

SQLRETURN get_diag_field(const HandleBase& handle, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                         SQLSMALLINT buffer_length, SQLSMALLINT* string_length, CharWidth width) {
  const Diagnostics& d = handle.diag();
  const TextOut out{value, buffer_length, width, LengthUnit::bytes};
  const bool is_statement = handle.handle_type() == SQL_HANDLE_STMT;
  // Header fields: the record number is ignored.
  switch (field) {
    case SQL_DIAG_NUMBER:
      if (value) *static_cast<SQLINTEGER*>(value) = static_cast<SQLINTEGER>(d.records().size());
      return SQL_SUCCESS;
    case SQL_DIAG_RETURNCODE:
      if (value) *static_cast<SQLRETURN*>(value) = d.return_code();
      return SQL_SUCCESS;
    case SQL_DIAG_ROW_COUNT:
    case SQL_DIAG_CURSOR_ROW_COUNT:
      if (!is_statement) return SQL_ERROR;
      if (value) *static_cast<SQLLEN*>(value) = field == SQL_DIAG_ROW_COUNT ? d.row_count : d.cursor_row_count;
      return SQL_SUCCESS;
    case SQL_DIAG_DYNAMIC_FUNCTION:
      if (!is_statement) return SQL_ERROR;
      if (buffer_length < 0) return SQL_ERROR;
      return write_field(d.dynamic_function, out, string_length);
    case SQL_DIAG_DYNAMIC_FUNCTION_CODE:
      if (!is_statement) return SQL_ERROR;
      if (value) *static_cast<SQLINTEGER*>(value) = d.dynamic_function_code();
      return SQL_SUCCESS;
    default: break;
  }
  if (record < 1) return SQL_ERROR;
  if (static_cast<std::size_t>(record) > d.records().size()) return SQL_NO_DATA;
  const DiagRecord& r = d.records()[static_cast<std::size_t>(record) - 1];
  switch (field) {
    case SQL_DIAG_NATIVE:
      if (value) *static_cast<SQLINTEGER*>(value) = r.native;
      return SQL_SUCCESS;
    case SQL_DIAG_ROW_NUMBER:
      if (value) *static_cast<SQLLEN*>(value) = r.row_number;
      return SQL_SUCCESS;
    case SQL_DIAG_COLUMN_NUMBER:
      if (value) *static_cast<SQLINTEGER*>(value) = r.column_number;
      return SQL_SUCCESS;
    default: break;
  }
  if (buffer_length < 0) return SQL_ERROR;
  switch (field) {
    case SQL_DIAG_SQLSTATE: return write_field(r.sqlstate, out, string_length);
    case SQL_DIAG_MESSAGE_TEXT: return write_field(r.message, out, string_length);
    case SQL_DIAG_CLASS_ORIGIN: return write_field(r.class_origin, out, string_length);
    case SQL_DIAG_SUBCLASS_ORIGIN: return write_field(r.subclass_origin, out, string_length);
    case SQL_DIAG_CONNECTION_NAME: return write_field(r.connection_name, out, string_length);
    case SQL_DIAG_SERVER_NAME: return write_field(r.server_name, out, string_length);
    case HOLDFAST_DIAG_CAUSE: return write_field(std::string(r.cause), out, string_length);
    default: return SQL_ERROR;
  }
}

SQLRETURN odbc2_error(HandleBase& handle, void* sqlstate, SQLINTEGER* native, const TextOut& message,
                      SQLSMALLINT* message_length) {
  Diagnostics& d = handle.diag();
  if (d.odbc2_cursor >= d.records().size()) {
    write_sqlstate(sqlstate, "00000", message.width);
    return SQL_NO_DATA;
  }
  const auto record = static_cast<SQLSMALLINT>(++d.odbc2_cursor);
  return get_diag_rec(handle, record, sqlstate, native, message, message_length);
}

}  // namespace holdfast
