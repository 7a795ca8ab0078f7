// convert_value: picks the conversion for a (column kind, C type) pair.
#include <charconv>

#include "core/convert_detail.h"
#include "core/native_value.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

using namespace convert_detail;

enum class CClass { chars, wchars, binary, integer, bit, floating, numeric, date, time, timestamp, guid, interval };

CClass classify_c_type(SQLSMALLINT c_type) {
  switch (c_type) {
    case SQL_C_CHAR: return CClass::chars;
    case SQL_C_WCHAR: return CClass::wchars;
    case SQL_C_BINARY: return CClass::binary;
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
    case SQL_C_UTINYINT:
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
    case SQL_C_USHORT:
    case SQL_C_LONG:
    case SQL_C_SLONG:
    case SQL_C_ULONG:
    case SQL_C_SBIGINT:
    case SQL_C_UBIGINT: return CClass::integer;
    case SQL_C_BIT: return CClass::bit;
    case SQL_C_FLOAT:
    case SQL_C_DOUBLE: return CClass::floating;
    case SQL_C_NUMERIC: return CClass::numeric;
    case SQL_C_DATE:
    case SQL_C_TYPE_DATE: return CClass::date;
    case SQL_C_TIME:
    case SQL_C_TYPE_TIME: return CClass::time;
    case SQL_C_TIMESTAMP:
    case SQL_C_TYPE_TIMESTAMP: return CClass::timestamp;
    case SQL_C_GUID: return CClass::guid;
    case SQL_C_INTERVAL_YEAR:
    case SQL_C_INTERVAL_MONTH:
    case SQL_C_INTERVAL_DAY:
    case SQL_C_INTERVAL_HOUR:
    case SQL_C_INTERVAL_MINUTE:
    case SQL_C_INTERVAL_SECOND:
    case SQL_C_INTERVAL_YEAR_TO_MONTH:
    case SQL_C_INTERVAL_DAY_TO_HOUR:
    case SQL_C_INTERVAL_DAY_TO_MINUTE:
    case SQL_C_INTERVAL_DAY_TO_SECOND:
    case SQL_C_INTERVAL_HOUR_TO_MINUTE:
    case SQL_C_INTERVAL_HOUR_TO_SECOND:
    case SQL_C_INTERVAL_MINUTE_TO_SECOND: return CClass::interval;
    default:
      throw OdbcError("HY003", "Program type out of range");
  }
}

// Size of the value written for a fixed-length C type.
SQLLEN fixed_size(CClass c, SQLSMALLINT c_type) {
  switch (c) {
    case CClass::integer:
      switch (c_type) {
        case SQL_C_TINYINT:
        case SQL_C_STINYINT:
        case SQL_C_UTINYINT: return 1;
        case SQL_C_SHORT:
        case SQL_C_SSHORT:
        case SQL_C_USHORT: return 2;
        case SQL_C_SBIGINT:
        case SQL_C_UBIGINT: return 8;
        default: return 4;
      }
    case CClass::bit: return 1;
    case CClass::floating: return c_type == SQL_C_FLOAT ? 4 : 8;
    case CClass::numeric: return sizeof(SQL_NUMERIC_STRUCT);
    case CClass::date: return sizeof(SQL_DATE_STRUCT);
    case CClass::time: return sizeof(SQL_TIME_STRUCT);
    case CClass::timestamp: return sizeof(SQL_TIMESTAMP_STRUCT);
    case CClass::guid: return sizeof(SQLGUID);
    case CClass::interval: return sizeof(SQL_INTERVAL_STRUCT);
    default: return 0;
  }
}

bool is_variable(CClass c) { return c == CClass::chars || c == CClass::wchars || c == CClass::binary; }

// The pairs of the ODBC conversion table this driver supports.
bool supported(ValueKind kind, CClass c) {
  if (c == CClass::interval) return kind == ValueKind::time || kind == ValueKind::text || kind == ValueKind::null;
  if (is_variable(c)) return true;
  switch (kind) {
    case ValueKind::null:
    case ValueKind::text: return true;
    case ValueKind::binary: return false;
    case ValueKind::bit:
    case ValueKind::integer:
    case ValueKind::decimal:
    case ValueKind::floating:
      return c == CClass::integer || c == CClass::bit || c == CClass::floating || c == CClass::numeric;
    case ValueKind::date: return c == CClass::date || c == CClass::timestamp;
    case ValueKind::time: return c == CClass::time || c == CClass::timestamp;
    case ValueKind::datetime: return c == CClass::date || c == CClass::time || c == CClass::timestamp;
  }
  return false;
}

// Characters that must fit for a number or datetime written as text (22003 below that).
size_t required_text_length(ValueKind kind, std::string_view text) {
  switch (kind) {
    case ValueKind::integer:
    case ValueKind::decimal:
    case ValueKind::floating:
    case ValueKind::bit: return whole_part_length(text);
    case ValueKind::date: return 10;      // yyyy-mm-dd
    case ValueKind::time: return 8;       // hh:mm:ss
    case ValueKind::datetime: return 19;  // yyyy-mm-dd hh:mm:ss
    default: return 0;
  }
}

}  // namespace

ConvertResult convert_value(const ColumnMeta& meta, const SourceValue& value,
                            const CellTarget& target, PieceState* pieces) {
  if (value.native != NativeKind::none && !value.is_null) {
    // A value of the binary protocol converts as the text the text protocol would send.
    char room[kNativeTextRoom];
    return convert_value(meta, native_as_text(meta, value, room), target, pieces);
  }
  const SQLSMALLINT c_type = target.c_type == SQL_C_DEFAULT ? meta.default_c_type : target.c_type;
  const CClass c = classify_c_type(c_type);
  if (!supported(meta.kind, c)) {
    throw OdbcError("07006", "Restricted data type attribute violation");
  }
  if (is_variable(c) && target.buffer_length < 0) {
    throw OdbcError("HY090", "Invalid string or buffer length");
  }
  if (pieces != nullptr && pieces->exhausted) return {SQL_NO_DATA, nullptr};
  if (value.is_null || meta.kind == ValueKind::null) return put_null(target, pieces);
  if (!is_variable(c) && target.buffer == nullptr) {
    // Only the length/indicator is bound (SQLBindCol with a null data pointer).
    set_length(target, fixed_size(c, c_type));
    return fixed_done(pieces, nullptr);
  }

  std::string_view data(value.data != nullptr ? value.data : "", value.data != nullptr ? value.length : 0);

  if (meta.kind == ValueKind::binary) {
    switch (c) {
      case CClass::chars: return put_char_hex(data, target, pieces);
      case CClass::wchars: return put_wchar_hex(data, target, pieces);
      default: return put_binary(data, target, pieces);
    }
  }

  // BIT(n): big-endian bytes. Everything but SQL_C_BINARY sees its value as an integer.
  char bit_digits[24];
  if (meta.kind == ValueKind::bit) {
    if (c == CClass::binary) return put_binary(data, target, pieces);
    unsigned long long v = 0;
    for (const char ch : data) v = (v << 8) | static_cast<unsigned char>(ch);
    const auto r = std::to_chars(bit_digits, bit_digits + sizeof bit_digits, v);
    data = std::string_view(bit_digits, static_cast<size_t>(r.ptr - bit_digits));
  }

  const bool text_column = meta.kind == ValueKind::text;
  switch (c) {
    case CClass::chars:
      return put_char_text(data, target, pieces, required_text_length(meta.kind, data));
    case CClass::wchars:
      return put_wchar_text(data, target, pieces, required_text_length(meta.kind, data));
    case CClass::binary:
      // Numbers and datetimes give their text; it must fit whole.
      return put_binary(data, target, pieces, !text_column);
    case CClass::integer:
    case CClass::bit:
    case CClass::floating:
    case CClass::numeric: return number_text_to_c(data, c_type, target, pieces);
    case CClass::date:
    case CClass::time:
    case CClass::timestamp: return datetime_text_to_c(data, text_column, c_type, target, pieces);
    case CClass::guid: return guid_text_to_c(data, target, pieces);
    case CClass::interval: return time_text_to_interval(data, text_column, c_type, target, pieces);
  }
  throw OdbcError("07006", "Restricted data type attribute violation");
}

SQLLEN c_type_octet_size(SQLSMALLINT c_type) noexcept {
  try {
    return fixed_size(classify_c_type(c_type), c_type);
  } catch (...) {
    return 0;
  }
}

}  // namespace holdfast
