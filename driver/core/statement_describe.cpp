// SQLDescribeCol and SQLColAttribute: the implementation row descriptor, read-only.
#include "core/connection.h"
#include "core/statement.h"

namespace holdfast {
namespace {

bool is_odbc2(SQLINTEGER odbc_version) { return odbc_version == SQL_OV_ODBC2; }

}  // namespace

SQLRETURN Statement::describe_col(SQLUSMALLINT column, const TextOut& name, SQLSMALLINT* name_length,
                                  SQLSMALLINT* sql_type, SQLULEN* column_size, SQLSMALLINT* decimal_digits,
                                  SQLSMALLINT* nullable) {
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
  if (!executed_ && !prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared or executed");
  if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
    if (number) *number = result_ ? static_cast<SQLLEN>(result_->columns().size()) : 0;
    return SQL_SUCCESS;
  }
  if (!result_) throw OdbcError("07005", "Prepared statement not a cursor-specification");
  const ColumnMeta& m = column_meta(column);
  const SQLINTEGER version = connection_.odbc_version();
  auto string_field = [&](std::string_view value) {
    bool truncated = false;
    store_length(text_length, write_text(value, text, truncated));
    if (truncated) warn("01004", "String data, right truncated");
    return SQL_SUCCESS;
  };
  auto number_field = [&](SQLLEN value) {
    if (number) *number = value;
    return SQL_SUCCESS;
  };
  switch (field) {
    case SQL_DESC_NAME:
    case SQL_DESC_LABEL:
    case SQL_COLUMN_NAME: return string_field(m.name);
    case SQL_DESC_BASE_COLUMN_NAME: return string_field(m.org_name);
    case SQL_DESC_TABLE_NAME: return string_field(m.table);
    case SQL_DESC_BASE_TABLE_NAME: return string_field(m.org_table);
    case SQL_DESC_CATALOG_NAME: return string_field(m.db);
    case SQL_DESC_SCHEMA_NAME: return string_field("");
    case SQL_DESC_TYPE_NAME:
    case SQL_DESC_LOCAL_TYPE_NAME: return string_field(m.type_name);
    case SQL_DESC_LITERAL_PREFIX: return string_field(m.literal_prefix);
    case SQL_DESC_LITERAL_SUFFIX: return string_field(m.literal_suffix);
    case SQL_DESC_CONCISE_TYPE: return number_field(odbc_version_type(m.sql_type, is_odbc2(version)));
    case SQL_DESC_TYPE: return number_field(is_odbc2(version) ? odbc_version_type(m.sql_type, true) : m.verbose_type);
    case SQL_DESC_DATETIME_INTERVAL_CODE: return number_field(m.datetime_subcode);
    case SQL_DESC_LENGTH: return number_field(static_cast<SQLLEN>(m.column_size));
    case SQL_COLUMN_LENGTH:
    case SQL_DESC_OCTET_LENGTH: return number_field(m.octet_length);
    case SQL_COLUMN_PRECISION:
    case SQL_DESC_PRECISION: return number_field(static_cast<SQLLEN>(m.column_size));
    case SQL_COLUMN_SCALE:
    case SQL_DESC_SCALE: return number_field(m.decimal_digits);
    case SQL_COLUMN_NULLABLE:
    case SQL_DESC_NULLABLE: return number_field(m.nullable);
    case SQL_DESC_UNSIGNED: return number_field(m.is_unsigned ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_DISPLAY_SIZE: return number_field(m.display_size);
    case SQL_DESC_AUTO_UNIQUE_VALUE: return number_field(m.auto_increment ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_CASE_SENSITIVE: return number_field(m.case_sensitive ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_SEARCHABLE: return number_field(m.searchable);
    case SQL_DESC_NUM_PREC_RADIX: return number_field(m.num_prec_radix);
    case SQL_DESC_UNNAMED: return number_field(m.name.empty() ? SQL_UNNAMED : SQL_NAMED);
    case SQL_DESC_UPDATABLE: return number_field(SQL_ATTR_READWRITE_UNKNOWN);
    case SQL_DESC_FIXED_PREC_SCALE: return number_field(SQL_FALSE);
    default: throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field));
  }
}

}  // namespace holdfast
