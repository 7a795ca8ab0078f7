#include "core/statement_sql.h"

#include "core/descriptor.h"

#include <sqlext.h>
#include <sqlucode.h>

#include <cstdint>
#include <cstring>

#include "core/convert.h"
#include "core/escape_translate.h"
#include "core/odbc_error.h"
#include "core/param_literal.h"
#include "core/sql_scan.h"
#include "core/statement.h"

namespace holdfast {

ScanOptions scan_options(const std::string& charset, bool no_backslash_escapes, bool ansi_quotes) {
  const std::optional<SqlCharset> known = charset_from_mysql_name(charset.empty() ? "utf8mb4" : charset);
  if (!known) throw OdbcError("HY000", "Character set '" + charset + "' cannot be escaped safely by the driver");
  ScanOptions o;
  o.charset = *known;
  o.no_backslash_escapes = no_backslash_escapes;
  o.ansi_quotes = ansi_quotes;
  return o;
}

PreparedText prepare_text(std::string sql, bool translate, const ScanOptions& options) {
  PreparedText out;
  ScanResult scan = scan_sql(sql, options);
  EscapeInfo info;
  if (translate && scan.has_escape) {
    if (std::optional<std::string> translated = translate_escapes(sql, options, &info)) {
      sql = std::move(*translated);
      scan = scan_sql(sql, options);
    }
  }
  out.sql = std::move(sql);
  out.markers = std::move(scan.markers);
  out.is_read = scan.is_read;
  out.searched_change = scan.first_keyword == "UPDATE" || scan.first_keyword == "DELETE";
  out.has_return_value = info.is_call && info.has_return_value;
  out.is_call = (info.is_call && !info.has_return_value) || scan.first_keyword == "CALL";
  return out;
}

namespace {

template <class T>
T* advance(T* base, SQLLEN bytes) noexcept {
  return base ? reinterpret_cast<T*>(reinterpret_cast<std::uintptr_t>(base) + static_cast<std::uintptr_t>(bytes))
              : nullptr;
}

bool is_exact_numeric(SQLSMALLINT sql_type) noexcept { return sql_type == SQL_DECIMAL || sql_type == SQL_NUMERIC; }

bool has_fraction(SQLSMALLINT sql_type) noexcept {
  return sql_type == SQL_TYPE_TIME || sql_type == SQL_TYPE_TIMESTAMP || sql_type == SQL_TIME ||
         sql_type == SQL_TIMESTAMP;
}

}  // namespace

SQLULEN ipd_column_size(const DescRecord& r) noexcept {
  return is_exact_numeric(r.concise_type) ? static_cast<SQLULEN>(r.precision) : r.length;
}

SQLSMALLINT ipd_decimal_digits(const DescRecord& r) noexcept {
  return has_fraction(r.concise_type) ? r.precision : r.scale;
}

void parameter_sources(const Descriptor& apd, const Descriptor& ipd, std::size_t marker_count, std::size_t row,
                       std::vector<ParamSource>& out, std::size_t first) {
  out.clear();
  const DescHeader& h = apd.header();
  const SQLLEN offset = h.bind_offset_ptr ? *h.bind_offset_ptr : 0;
  const auto r = static_cast<SQLLEN>(row);
  for (std::size_t i = 0; i < marker_count; ++i) {
    const DescRecord* a = apd.record(first + i + 1);
    const DescRecord* p = ipd.record(first + i + 1);
    if (!a || !a->bound() || !p)
      throw OdbcError("07002", "COUNT field incorrect: parameter " + std::to_string(first + i + 1) + " is not bound");
    SQLLEN stride, length_stride;
    if (h.bind_type == SQL_PARAM_BIND_BY_COLUMN) {
      const SQLLEN size = c_type_octet_size(a->concise_type);
      stride = size ? size : a->octet_length;
      length_stride = sizeof(SQLLEN);
    } else {
      stride = length_stride = static_cast<SQLLEN>(h.bind_type);
    }
    const SQLLEN* indicator = advance(a->indicator_ptr, offset + r * length_stride);
    const SQLLEN* length = advance(a->octet_length_ptr, offset + r * length_stride);
    // One length/indicator for the literal: the indicator when it says NULL (or there is
    // no separate length), the length otherwise.
    // Row-wise buffers need not align the indicator (pyodbc packs it after the value).
    SQLLEN ind_value = 0;
    if (indicator) std::memcpy(&ind_value, indicator, sizeof ind_value);
    const SQLLEN* length_or_ind = indicator && (!length || ind_value == SQL_NULL_DATA) ? indicator : length;
    out.push_back(ParamSource{a->concise_type, p->concise_type, ipd_column_size(*p), ipd_decimal_digits(*p),
                              advance(static_cast<const char*>(a->data_ptr), offset + r * stride), a->octet_length,
                              length_or_ind});
  }
}

namespace {

SQLLEN element_stride(const Descriptor& apd, const DescRecord& a, bool length) {
  const DescHeader& h = apd.header();
  if (h.bind_type != SQL_PARAM_BIND_BY_COLUMN) return static_cast<SQLLEN>(h.bind_type);
  if (length) return sizeof(SQLLEN);
  const SQLLEN size = c_type_octet_size(a.concise_type);
  return size ? size : a.octet_length;
}

}  // namespace

const SQLLEN* parameter_indicator(const Descriptor& apd, SQLUSMALLINT number, std::size_t row) {
  const DescRecord* a = apd.record(number);
  if (!a) return nullptr;
  const SQLLEN offset = apd.header().bind_offset_ptr ? *apd.header().bind_offset_ptr : 0;
  return advance(a->indicator_ptr, offset + static_cast<SQLLEN>(row) * element_stride(apd, *a, true));
}

SQLPOINTER parameter_data(const Descriptor& apd, SQLUSMALLINT number, std::size_t row) {
  const DescRecord* a = apd.record(number);
  if (!a) return nullptr;
  const SQLLEN offset = apd.header().bind_offset_ptr ? *apd.header().bind_offset_ptr : 0;
  return advance(static_cast<char*>(a->data_ptr), offset + static_cast<SQLLEN>(row) * element_stride(apd, *a, false));
}

std::string interpolate_parameters(const std::string& sql, const std::vector<std::size_t>& markers,
                                   const Descriptor& apd, const Descriptor& ipd, std::size_t row,
                                   const ScanOptions& options) {
  if (apd.records().size() < markers.size())
    throw OdbcError("07002", "COUNT field incorrect: " + std::to_string(markers.size()) + " parameter markers, " +
                                 std::to_string(apd.records().size()) + " parameters bound");
  std::vector<ParamSource> sources;
  sources.reserve(markers.size());
  parameter_sources(apd, ipd, markers.size(), row, sources);
  return interpolate_params(sql, markers, sources, LiteralOptions{options.charset, options.no_backslash_escapes});
}

void validate_parameter_types(SQLSMALLINT c_type, SQLSMALLINT sql_type) {
  // Day-time interval C types go to TIME and character targets (a '[-]HHH:MM:SS' literal);
  // year-month ones (MySQL has no type for them) and other targets are 07006 (which the
  // spec allows from SQLBindParameter), not HY003.
  if (c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_MINUTE_TO_SECOND) {
    const bool day_time = c_type != SQL_C_INTERVAL_YEAR && c_type != SQL_C_INTERVAL_MONTH &&
                          c_type != SQL_C_INTERVAL_YEAR_TO_MONTH;
    const bool target = sql_type == SQL_TYPE_TIME || sql_type == SQL_TIME || sql_type == SQL_CHAR ||
                        sql_type == SQL_VARCHAR || sql_type == SQL_LONGVARCHAR || sql_type == SQL_WCHAR ||
                        sql_type == SQL_WVARCHAR || sql_type == SQL_WLONGVARCHAR;
    if (!day_time || !target)
      throw OdbcError("07006", "Interval parameters are supported as day-time intervals into TIME or character "
                               "types only");
    return;
  }
  if (!supported_c_type(c_type)) throw OdbcError("HY003", "Invalid application buffer type " + std::to_string(c_type));
  if (!supported_sql_type(sql_type)) throw OdbcError("HY004", "Invalid SQL data type " + std::to_string(sql_type));
}

std::string native_sql_text(std::string sql, const ScanOptions& options) {
  if (std::optional<std::string> translated = translate_escapes(sql, options)) return std::move(*translated);
  return sql;
}

}  // namespace holdfast
