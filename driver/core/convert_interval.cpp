// MySQL TIME values (and text of that shape) to the day-time interval C types: a TIME is
// a signed span of up to 838:59:59.999999, which ODBC calls an interval. Year-month
// intervals have no source here (07006).
#include <cstring>

#include "core/convert_detail.h"
#include "core/odbc_error.h"

namespace holdfast::convert_detail {

ConvertResult time_text_to_interval(std::string_view text, bool from_text, SQLSMALLINT c_type,
                                    const CellTarget& t, PieceState* pieces) {
  if (c_type < SQL_C_INTERVAL_DAY || c_type == SQL_C_INTERVAL_YEAR_TO_MONTH)
    throw OdbcError("07006", "Restricted data type attribute violation: no year-month interval from a time");
  DateTimeParts p;
  if (!parse_datetime(text, p) || !p.has_time || p.has_date || p.minute > 59 || p.second > 59) {
    if (from_text) throw OdbcError("22018", "Invalid character value for cast specification: not a time span");
    throw OdbcError("22007", "Invalid datetime format");
  }
  SQL_INTERVAL_STRUCT s;
  std::memset(&s, 0, sizeof s);
  s.interval_type = static_cast<SQLINTERVAL>(c_type - 100);  // SQL_C_INTERVAL_x is 100 + SQL_IS_x
  s.interval_sign = p.negative ? SQL_TRUE : SQL_FALSE;
  SQL_DAY_SECOND_STRUCT& d = s.intval.day_second;
  const SQLUINTEGER hours = p.hour;
  const SQLUINTEGER micros = static_cast<SQLUINTEGER>(p.fraction_ns / 1000);
  bool dropped = p.fraction_truncated || p.fraction_ns % 1000 != 0;  // finer than microseconds
  const bool has_seconds = p.second != 0 || micros != 0;
  switch (c_type) {
    case SQL_C_INTERVAL_DAY:
      d.day = hours / 24;
      dropped |= hours % 24 != 0 || p.minute != 0 || has_seconds;
      break;
    case SQL_C_INTERVAL_HOUR:
      d.hour = hours;
      dropped |= p.minute != 0 || has_seconds;
      break;
    case SQL_C_INTERVAL_MINUTE:
      d.minute = hours * 60 + p.minute;
      dropped |= has_seconds;
      break;
    case SQL_C_INTERVAL_SECOND:
      d.second = (hours * 60 + p.minute) * 60 + p.second;
      d.fraction = micros;
      break;
    case SQL_C_INTERVAL_DAY_TO_HOUR:
      d.day = hours / 24;
      d.hour = hours % 24;
      dropped |= p.minute != 0 || has_seconds;
      break;
    case SQL_C_INTERVAL_DAY_TO_MINUTE:
      d.day = hours / 24;
      d.hour = hours % 24;
      d.minute = p.minute;
      dropped |= has_seconds;
      break;
    case SQL_C_INTERVAL_DAY_TO_SECOND:
      d.day = hours / 24;
      d.hour = hours % 24;
      d.minute = p.minute;
      d.second = p.second;
      d.fraction = micros;
      break;
    case SQL_C_INTERVAL_HOUR_TO_MINUTE:
      d.hour = hours;
      d.minute = p.minute;
      dropped |= has_seconds;
      break;
    case SQL_C_INTERVAL_HOUR_TO_SECOND:
      d.hour = hours;
      d.minute = p.minute;
      d.second = p.second;
      d.fraction = micros;
      break;
    default:  // SQL_C_INTERVAL_MINUTE_TO_SECOND
      d.minute = hours * 60 + p.minute;
      d.second = p.second;
      d.fraction = micros;
      break;
  }
  std::memcpy(t.buffer, &s, sizeof s);
  set_length(t, sizeof s);
  return fixed_done(pieces, dropped ? "01S07" : nullptr);
}

}  // namespace holdfast::convert_detail
