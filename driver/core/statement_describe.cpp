// SQLDescribeCol and SQLColAttribute: the implementation row descriptor, read-only.
#include <algorithm>

#include "core/connection.h"
#include "core/descriptor.h"
#include "core/statement.h"

namespace holdfast {
namespace {

bool is_odbc2(SQLINTEGER odbc_version) { return odbc_version == SQL_OV_ODBC2; }

}  // namespace

SQLRETURN Statement::describe_col(SQLUSMALLINT column, const TextOut& name, SQLSMALLINT* name_length,
                                  SQLSMALLINT* sql_type, SQLULEN* column_size, SQLSMALLINT* decimal_digits,
                                  SQLSMALLINT* nullable) {
  refuse_needing_data("SQLDescribeCol");
  if (!executed_ && !prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared or executed");
  if (!result_) throw OdbcError("07005", "Prepared statement not a cursor-specification");
  const ColumnMeta& meta = column_meta(column);
  bool truncated = false;
  store_length(name_length, write_text(meta.name, name, truncated));
  if (truncated) warn("01004", "String data, right truncated: column name");
  if (sql_type) *sql_type = odbc_version_type(meta.sql_type, is_odbc2(connection_.odbc_version()));
  if (column_size) *column_size = meta.column_size;
  if (decimal_digits) *decimal_digits = meta.decimal_digits;
  if (nullable) *nullable = meta.nullable;
  return SQL_SUCCESS;
}

SQLRETURN Statement::col_attribute(SQLUSMALLINT column, SQLUSMALLINT field, const TextOut& text,
                                   SQLSMALLINT* text_length, SQLLEN* number) {
  refuse_needing_data("SQLColAttribute");
  if (!executed_ && !prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared or executed");
  if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
    if (number) *number = result_ ? static_cast<SQLLEN>(result_->columns().size()) : 0;
    return SQL_SUCCESS;
  }
  if (!result_) throw OdbcError("07005", "Prepared statement not a cursor-specification");
  const ColumnMeta& m = column_meta(column);
  // ODBC 2 fields whose numbers ODBC 3 did not reuse (SQLColAttributes).
  switch (field) {
    case SQL_COLUMN_NAME: field = SQL_DESC_NAME; break;
    case SQL_COLUMN_NULLABLE: field = SQL_DESC_NULLABLE; break;
    case SQL_COLUMN_LENGTH:
      if (number) *number = m.octet_length;
      return SQL_SUCCESS;
    case SQL_COLUMN_PRECISION:
      if (number) *number = static_cast<SQLLEN>(std::min<SQLULEN>(m.column_size, 2147483647));
      return SQL_SUCCESS;
    case SQL_COLUMN_SCALE:
      if (number) *number = m.decimal_digits;
      return SQL_SUCCESS;
    default: break;
  }
  IrdValue v;
  if (!ird_field(m, static_cast<SQLSMALLINT>(field), is_odbc2(connection_.odbc_version()), v))
    throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field));
  if (!v.is_text) {
    if (number) *number = v.number;
    return SQL_SUCCESS;
  }
  // The W form counts bytes of UTF-16: an odd count is HY090.
  if (text.capacity < 0 || (text.width == CharWidth::wide && text.capacity % 2 != 0))
    throw OdbcError("HY090", "Invalid string or buffer length");
  bool truncated = false;
  store_length(text_length, write_text(v.text, text, truncated));
  if (truncated) warn("01004", "String data, right truncated");
  return SQL_SUCCESS;
}

}  // namespace holdfast
