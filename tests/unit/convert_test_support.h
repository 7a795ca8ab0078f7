// Helpers for the convert_value tests.
#pragma once

#include <cstring>
#include <functional>
#include <string>

#include "core/column_meta.h"
#include "core/convert.h"
#include "core/odbc_error.h"

namespace holdfast::test {

inline MYSQL_FIELD make_field(enum_field_types type, unsigned long length, unsigned flags = 0,
                              unsigned decimals = 0, unsigned charsetnr = kBinaryCharsetNr) {
  MYSQL_FIELD f;
  std::memset(&f, 0, sizeof f);
  f.type = type;
  f.length = length;
  f.flags = flags;
  f.decimals = decimals;
  f.charsetnr = charsetnr;
  return f;
}

inline ColumnMeta meta_of(enum_field_types type, unsigned long length = 20, unsigned flags = 0,
                          unsigned decimals = 0, unsigned charsetnr = kBinaryCharsetNr) {
  return describe_field(make_field(type, length, flags, decimals, charsetnr), 4, false);
}

inline ColumnMeta text_meta() { return meta_of(MYSQL_TYPE_VAR_STRING, 1020, 0, 0, 45); }
inline ColumnMeta blob_meta() { return meta_of(MYSQL_TYPE_BLOB, 65535, BINARY_FLAG | BLOB_FLAG); }

inline SourceValue src(std::string_view s) {
  return SourceValue{s.data(), static_cast<unsigned long>(s.size()), false};
}
inline SourceValue null_src() { return SourceValue{nullptr, 0, true}; }

// The SQLSTATE thrown by f, or "none".
inline std::string sqlstate_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
  return "none";
}

// A fixed-size target of type T.
template <class T>
struct Fixed {
  T value{};
  SQLLEN ind = -12345;
  CellTarget target(SQLSMALLINT c_type) {
    CellTarget t;
    t.c_type = c_type;
    t.buffer = &value;
    t.buffer_length = 0;
    t.length_ptr = &ind;
    t.indicator_ptr = &ind;
    return t;
  }
};

inline std::string warning(const ConvertResult& r) {
  return r.warning_sqlstate != nullptr ? r.warning_sqlstate : "";
}

}  // namespace holdfast::test
