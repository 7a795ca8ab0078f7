// What a descriptor record's fields mean: type consistency, the IRD's view of a result
// column. Pure functions (no handles), tested in tests/unit/test_descriptor_fields.cpp.
#include "core/descriptor.h"

#include <sqlucode.h>

#include "core/column_meta.h"
#include "core/convert.h"
#include "core/descriptor_table.h"

namespace holdfast {
namespace {

bool datetime_concise(SQLSMALLINT concise, SQLSMALLINT& code) noexcept {
  switch (concise) {
    case SQL_TYPE_DATE: case SQL_DATE: code = SQL_CODE_DATE; return true;
    case SQL_TYPE_TIME: case SQL_TIME: code = SQL_CODE_TIME; return true;
    case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP: code = SQL_CODE_TIMESTAMP; return true;
    default: return false;
  }
}

bool interval_concise(SQLSMALLINT concise) noexcept {
  return concise >= SQL_INTERVAL_YEAR && concise <= SQL_INTERVAL_MINUTE_TO_SECOND;
}

}  // namespace

// ---- the field table ------------------------------------------------------------------

namespace {

constexpr Access N = Access::none, R = Access::read, W = Access::read_write;

constexpr FieldSpec kFields[] = {
    //  field                              header  type               ARD APD IRD IPD
    {SQL_DESC_ALLOC_TYPE,                  true,  FieldType::smallint, R, R, R, R},
    {SQL_DESC_ARRAY_SIZE,                  true,  FieldType::ulen,     W, W, N, N},
    {SQL_DESC_ARRAY_STATUS_PTR,            true,  FieldType::pointer,  W, W, W, W},
    {SQL_DESC_BIND_OFFSET_PTR,             true,  FieldType::pointer,  W, W, N, N},
    {SQL_DESC_BIND_TYPE,                   true,  FieldType::integer,  W, W, N, N},
    {SQL_DESC_COUNT,                       true,  FieldType::smallint, W, W, R, W},
    {SQL_DESC_ROWS_PROCESSED_PTR,          true,  FieldType::pointer,  N, N, W, W},
    {SQL_DESC_AUTO_UNIQUE_VALUE,           false, FieldType::integer,  N, N, R, N},
    {SQL_DESC_BASE_COLUMN_NAME,            false, FieldType::text,     N, N, R, N},
    {SQL_DESC_BASE_TABLE_NAME,             false, FieldType::text,     N, N, R, N},
    {SQL_DESC_CASE_SENSITIVE,              false, FieldType::integer,  N, N, R, R},
    {SQL_DESC_CATALOG_NAME,                false, FieldType::text,     N, N, R, N},
    {SQL_DESC_CONCISE_TYPE,                false, FieldType::smallint, W, W, R, W},
    {SQL_DESC_DATA_PTR,                    false, FieldType::pointer,  W, W, N, W},
    {SQL_DESC_DATETIME_INTERVAL_CODE,      false, FieldType::smallint, W, W, R, W},
    {SQL_DESC_DATETIME_INTERVAL_PRECISION, false, FieldType::integer,  W, W, R, W},
    {SQL_DESC_DISPLAY_SIZE,                false, FieldType::len,      N, N, R, N},
    {SQL_DESC_FIXED_PREC_SCALE,            false, FieldType::smallint, N, N, R, R},
    {SQL_DESC_INDICATOR_PTR,               false, FieldType::pointer,  W, W, N, N},
    {SQL_DESC_LABEL,                       false, FieldType::text,     N, N, R, N},
    {SQL_DESC_LENGTH,                      false, FieldType::ulen,     W, W, R, W},
    {SQL_DESC_LITERAL_PREFIX,              false, FieldType::text,     N, N, R, N},
    {SQL_DESC_LITERAL_SUFFIX,              false, FieldType::text,     N, N, R, N},
    {SQL_DESC_LOCAL_TYPE_NAME,             false, FieldType::text,     N, N, R, R},
    {SQL_DESC_NAME,                        false, FieldType::text,     N, N, R, W},
    {SQL_DESC_NULLABLE,                    false, FieldType::smallint, N, N, R, R},
    {SQL_DESC_NUM_PREC_RADIX,              false, FieldType::integer,  W, W, R, W},
    {SQL_DESC_OCTET_LENGTH,                false, FieldType::len,      W, W, R, W},
    {SQL_DESC_OCTET_LENGTH_PTR,            false, FieldType::pointer,  W, W, N, N},
    {SQL_DESC_PARAMETER_TYPE,              false, FieldType::smallint, N, N, N, W},
    {SQL_DESC_PRECISION,                   false, FieldType::smallint, W, W, R, W},
    {SQL_DESC_ROWVER,                      false, FieldType::smallint, N, N, R, R},
    {SQL_DESC_SCALE,                       false, FieldType::smallint, W, W, R, W},
    {SQL_DESC_SCHEMA_NAME,                 false, FieldType::text,     N, N, R, N},
    {SQL_DESC_SEARCHABLE,                  false, FieldType::smallint, N, N, R, N},
    {SQL_DESC_TABLE_NAME,                  false, FieldType::text,     N, N, R, N},
    {SQL_DESC_TYPE,                        false, FieldType::smallint, W, W, R, W},
    {SQL_DESC_TYPE_NAME,                   false, FieldType::text,     N, N, R, R},
    {SQL_DESC_UNNAMED,                     false, FieldType::smallint, N, N, R, W},
    {SQL_DESC_UNSIGNED,                    false, FieldType::smallint, N, N, R, R},
    {SQL_DESC_UPDATABLE,                   false, FieldType::smallint, N, N, R, N},
};

}  // namespace

bool supported_c_type(SQLSMALLINT c) noexcept {
  switch (c) {
    case SQL_C_CHAR: case SQL_C_WCHAR: case SQL_C_BINARY: case SQL_C_BIT:
    case SQL_C_TINYINT: case SQL_C_STINYINT: case SQL_C_UTINYINT:
    case SQL_C_SHORT: case SQL_C_SSHORT: case SQL_C_USHORT:
    case SQL_C_LONG: case SQL_C_SLONG: case SQL_C_ULONG:
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: case SQL_C_FLOAT: case SQL_C_DOUBLE:
    case SQL_C_NUMERIC: case SQL_C_DATE: case SQL_C_TIME: case SQL_C_TIMESTAMP:
    case SQL_C_TYPE_DATE: case SQL_C_TYPE_TIME: case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_GUID: case SQL_C_DEFAULT: return true;
    default: return false;
  }
}

bool supported_sql_type(SQLSMALLINT t) noexcept {
  switch (t) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR:
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY:
    case SQL_BIT: case SQL_TINYINT: case SQL_SMALLINT: case SQL_INTEGER: case SQL_BIGINT:
    case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE: case SQL_DECIMAL: case SQL_NUMERIC:
    case SQL_DATE: case SQL_TIME: case SQL_TIMESTAMP:
    case SQL_TYPE_DATE: case SQL_TYPE_TIME: case SQL_TYPE_TIMESTAMP:
    case SQL_GUID: return true;
    default: return false;
  }
}

const FieldSpec* find_field(SQLSMALLINT field) noexcept {
  for (const FieldSpec& f : kFields)
    if (f.id == field) return &f;
  return nullptr;
}

Access FieldSpec::access(DescKind kind) const noexcept {
  switch (kind) {
    case DescKind::ard: return ard;
    case DescKind::apd: return apd;
    case DescKind::ird: return ird;
    case DescKind::ipd: return ipd;
  }
  return Access::none;
}

// ---- types ----------------------------------------------------------------------------

void set_concise_type(DescRecord& r, SQLSMALLINT concise) noexcept {
  r.concise_type = concise;
  SQLSMALLINT code = 0;
  if (datetime_concise(concise, code)) {
    r.type = SQL_DATETIME;
    r.datetime_interval_code = code;
  } else if (interval_concise(concise)) {
    r.type = SQL_INTERVAL;
    r.datetime_interval_code = static_cast<SQLSMALLINT>(concise - 100);
  } else {
    r.type = concise;
    r.datetime_interval_code = 0;
  }
}

void check_consistency(const DescRecord& r, DescKind kind) {
  auto fail = [](const std::string& what) { throw OdbcError("HY021", "Inconsistent descriptor information: " + what); };
  if (r.type == SQL_DATETIME) {
    if (r.datetime_interval_code < SQL_CODE_DATE || r.datetime_interval_code > SQL_CODE_TIMESTAMP)
      fail("SQL_DATETIME needs SQL_DESC_DATETIME_INTERVAL_CODE SQL_CODE_DATE, SQL_CODE_TIME or SQL_CODE_TIMESTAMP");
  } else if (r.type == SQL_INTERVAL) {
    fail("interval types are not supported");
  } else if (r.type != r.concise_type) {
    fail("SQL_DESC_TYPE and SQL_DESC_CONCISE_TYPE disagree");
  }
  const bool application = kind == DescKind::ard || kind == DescKind::apd;
  if (application ? !supported_c_type(r.concise_type) : !supported_sql_type(r.concise_type))
    fail(std::string(application ? "C type " : "SQL type ") + std::to_string(r.concise_type) + " is not supported");
  const bool exact = application ? r.concise_type == SQL_C_NUMERIC
                                 : r.concise_type == SQL_NUMERIC || r.concise_type == SQL_DECIMAL;
  if (exact && (r.precision < 1 || r.precision > 65 || r.scale < 0 || r.scale > r.precision))
    fail("precision " + std::to_string(r.precision) + " and scale " + std::to_string(r.scale) +
         " are not a valid numeric precision and scale");
}

SQLSMALLINT numeric_precision(const DescRecord& r) noexcept {
  return r.precision > 0 ? r.precision : kDefaultNumericPrecision;
}

SQLSMALLINT numeric_scale(const DescRecord& r) noexcept {
  return r.precision > 0 ? r.scale : kDefaultNumericScale;
}

// ---- the IRD --------------------------------------------------------------------------

bool ird_field(const ColumnMeta& m, SQLSMALLINT field, bool odbc2, IrdValue& out) {
  auto text = [&](std::string_view v) {
    out.is_text = true;
    out.text = v.data() ? v : std::string_view("");  // never a null pointer for the copy
    return true;
  };
  auto number = [&](SQLLEN v) {
    out.is_text = false;
    out.number = v;
    return true;
  };
  const bool is_datetime = m.verbose_type == SQL_DATETIME;
  switch (field) {
    case SQL_DESC_NAME:
    case SQL_DESC_LABEL: return text(m.name);
    case SQL_DESC_BASE_COLUMN_NAME: return text(m.org_name);
    case SQL_DESC_TABLE_NAME: return text(m.table);
    case SQL_DESC_BASE_TABLE_NAME: return text(m.org_table);
    case SQL_DESC_CATALOG_NAME: return text(m.db);
    case SQL_DESC_SCHEMA_NAME: return text("");
    case SQL_DESC_TYPE_NAME:
    case SQL_DESC_LOCAL_TYPE_NAME: return text(m.type_name);
    case SQL_DESC_LITERAL_PREFIX: return text(m.literal_prefix);
    case SQL_DESC_LITERAL_SUFFIX: return text(m.literal_suffix);
    case SQL_DESC_CONCISE_TYPE: return number(odbc_version_type(m.sql_type, odbc2));
    case SQL_DESC_TYPE: return number(odbc2 ? odbc_version_type(m.sql_type, true) : m.verbose_type);
    case SQL_DESC_DATETIME_INTERVAL_CODE: return number(m.datetime_subcode);
    case SQL_DESC_DATETIME_INTERVAL_PRECISION: return number(0);
    case SQL_DESC_LENGTH: return number(static_cast<SQLLEN>(m.column_size));
    case SQL_DESC_OCTET_LENGTH: return number(m.octet_length);
    // Datetime precision is the fractional seconds digits; numeric precision the digits.
    case SQL_DESC_PRECISION: return number(is_datetime ? m.decimal_digits : static_cast<SQLLEN>(m.column_size));
    case SQL_DESC_SCALE: return number(m.decimal_digits);
    case SQL_DESC_NULLABLE: return number(m.nullable);
    case SQL_DESC_UNSIGNED: return number(m.is_unsigned ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_DISPLAY_SIZE: return number(m.display_size);
    case SQL_DESC_AUTO_UNIQUE_VALUE: return number(m.auto_increment ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_CASE_SENSITIVE: return number(m.case_sensitive ? SQL_TRUE : SQL_FALSE);
    case SQL_DESC_SEARCHABLE: return number(m.searchable);
    case SQL_DESC_NUM_PREC_RADIX: return number(m.num_prec_radix);
    case SQL_DESC_UNNAMED: return number(m.name.empty() ? SQL_UNNAMED : SQL_NAMED);
    case SQL_DESC_UPDATABLE: return number(SQL_ATTR_READWRITE_UNKNOWN);
    case SQL_DESC_FIXED_PREC_SCALE: return number(SQL_FALSE);
    case SQL_DESC_ROWVER: return number(SQL_FALSE);
    default: return false;
  }
}

DescRecord ird_record(const ColumnMeta& m, bool odbc2) {
  DescRecord r;
  r.concise_type = odbc_version_type(m.sql_type, odbc2);
  r.type = odbc2 ? r.concise_type : m.verbose_type;
  r.datetime_interval_code = m.datetime_subcode;
  r.length = m.column_size;
  r.octet_length = m.octet_length;
  if (m.verbose_type == SQL_DATETIME)
    r.precision = m.decimal_digits;
  else if (m.num_prec_radix != 0)
    r.precision = static_cast<SQLSMALLINT>(m.column_size);
  r.scale = m.decimal_digits;
  r.num_prec_radix = m.num_prec_radix;
  r.nullable = m.nullable;
  r.name = m.name;
  r.unnamed = m.name.empty() ? SQL_UNNAMED : SQL_NAMED;
  return r;
}

}  // namespace holdfast
