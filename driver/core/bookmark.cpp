#include "core/bookmark.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "core/odbc_error.h"

namespace holdfast {
namespace {

ColumnMeta make_column(bool fixed) {
  ColumnMeta m;
  m.mysql_type = fixed ? MYSQL_TYPE_LONG : MYSQL_TYPE_STRING;
  m.flags = NOT_NULL_FLAG | UNSIGNED_FLAG | BINARY_FLAG;
  m.charsetnr = kBinaryCharsetNr;
  m.length = kBookmarkSize;
  m.kind = fixed ? ValueKind::integer : ValueKind::binary;
  m.sql_type = m.verbose_type = fixed ? SQL_INTEGER : SQL_BINARY;
  m.column_size = fixed ? 10 : kBookmarkSize;
  m.num_prec_radix = fixed ? 10 : 0;
  m.has_decimal_digits = fixed;
  m.octet_length = kBookmarkSize;
  m.display_size = fixed ? 10 : 2 * kBookmarkSize;
  m.nullable = SQL_NO_NULLS;
  m.is_unsigned = true;
  m.searchable = SQL_PRED_NONE;
  m.type_name = fixed ? "int unsigned" : "binary";
  m.default_c_type = fixed ? SQL_C_ULONG : SQL_C_BINARY;
  return m;
}

SQLSMALLINT effective_type(SQLSMALLINT c_type, SQLULEN use_bookmarks) noexcept {
  if (c_type != SQL_C_DEFAULT) return c_type;
  return use_bookmarks == SQL_UB_FIXED ? SQL_C_ULONG : SQL_C_BINARY;
}

}  // namespace

const ColumnMeta& bookmark_column(SQLULEN use_bookmarks) noexcept {
  static const ColumnMeta variable = make_column(false);
  static const ColumnMeta fixed = make_column(true);
  return use_bookmarks == SQL_UB_FIXED ? fixed : variable;
}

void check_bookmark_c_type(SQLSMALLINT c_type) {
  if (c_type != SQL_C_BINARY && c_type != SQL_C_ULONG && c_type != SQL_C_UBIGINT && c_type != SQL_C_DEFAULT)
    throw OdbcError("07006", "Restricted data type attribute violation: column 0 (the bookmark) is read as "
                             "SQL_C_VARBOOKMARK or SQL_C_BOOKMARK, not as C type " + std::to_string(c_type));
}

bool write_bookmark(SQLSMALLINT c_type, SQLULEN use_bookmarks, void* buffer, SQLLEN buffer_length,
                    SQLLEN* length, SQLLEN* indicator, Bookmark value) noexcept {
  SQLLEN size = kBookmarkSize;
  bool truncated = false;
  switch (effective_type(c_type, use_bookmarks)) {
    case SQL_C_ULONG: {
      const SQLUINTEGER v = value;
      if (buffer) std::memcpy(buffer, &v, sizeof v);
      size = sizeof v;
      break;
    }
    case SQL_C_UBIGINT: {
      const SQLUBIGINT v = value;
      if (buffer) std::memcpy(buffer, &v, sizeof v);
      size = sizeof v;
      break;
    }
    default:  // SQL_C_BINARY
      if (buffer) {
        const SQLLEN n = buffer_length < kBookmarkSize ? (buffer_length < 0 ? 0 : buffer_length) : kBookmarkSize;
        std::memcpy(buffer, &value, static_cast<std::size_t>(n));
        truncated = n < kBookmarkSize;
      }
      break;
  }
  if (length) *length = size;
  if (indicator && indicator != length) *indicator = size;
  return truncated;
}

std::optional<Bookmark> read_bookmark(SQLSMALLINT c_type, SQLULEN use_bookmarks, const void* buffer,
                                      SQLLEN length) noexcept {
  if (!buffer) return std::nullopt;
  switch (effective_type(c_type, use_bookmarks)) {
    case SQL_C_ULONG: {
      SQLUINTEGER v;
      std::memcpy(&v, buffer, sizeof v);
      return v;
    }
    case SQL_C_UBIGINT: {
      SQLUBIGINT v;
      std::memcpy(&v, buffer, sizeof v);
      if (v > 0xffffffffu) return std::nullopt;
      return static_cast<Bookmark>(v);
    }
    default: {
      if (length >= 0 && length < kBookmarkSize) return std::nullopt;
      Bookmark v;
      std::memcpy(&v, buffer, sizeof v);
      return v;
    }
  }
}

BookmarkCell bookmark_cell(const DescHeader& header, const DescRecord& record, SQLULEN use_bookmarks,
                           SQLULEN row) noexcept {
  const SQLSMALLINT c_type = effective_type(record.concise_type, use_bookmarks);
  const SQLLEN offset = header.bind_offset_ptr ? *header.bind_offset_ptr : 0;
  SQLLEN stride, length_stride;
  if (header.bind_type == SQL_BIND_BY_COLUMN) {
    stride = c_type == SQL_C_ULONG     ? static_cast<SQLLEN>(sizeof(SQLUINTEGER))
             : c_type == SQL_C_UBIGINT ? static_cast<SQLLEN>(sizeof(SQLUBIGINT))
                                       : record.octet_length;
    length_stride = sizeof(SQLLEN);
  } else {
    stride = length_stride = static_cast<SQLLEN>(header.bind_type);
  }
  const auto r = static_cast<SQLLEN>(row);
  auto at = [&](auto* base, SQLLEN bytes) {
    using T = std::remove_pointer_t<decltype(base)>;
    return base ? reinterpret_cast<T*>(reinterpret_cast<std::uintptr_t>(base) + static_cast<std::uintptr_t>(bytes))
                : nullptr;
  };
  return BookmarkCell{at(record.data_ptr, offset + r * stride), at(record.octet_length_ptr, offset + r * length_stride),
                      at(record.indicator_ptr, offset + r * length_stride)};
}

}  // namespace holdfast
