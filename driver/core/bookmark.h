// Bookmarks (SQL_ATTR_USE_BOOKMARKS): column 0 of a result.
//
// A bookmark is the row's position in the statement's result, counted from 1 (the value
// SQL_ATTR_ROW_NUMBER gives for it), as a 4-byte unsigned integer in the machine's byte
// order. Within a static cursor it names the same row for as long as the cursor is open,
// whatever the application fetched, updated or deleted since (SQL_BP_SCROLL, SQL_BP_UPDATE,
// SQL_BP_DELETE); it means nothing once the cursor is closed. A variable-length bookmark
// (SQL_UB_VARIABLE, SQL_C_VARBOOKMARK) is those 4 bytes; a fixed one (SQL_UB_FIXED, or
// SQL_C_BOOKMARK / SQL_C_ULONG in either mode) is the same number as an integer.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <optional>

#include "core/column_meta.h"
#include "core/descriptor.h"

namespace holdfast {

using Bookmark = std::uint32_t;
inline constexpr SQLLEN kBookmarkSize = sizeof(Bookmark);

// The IRD's record 0 (SQLDescribeCol, SQLColAttribute, SQLGetDescField on column 0):
// SQL_BINARY of 4 bytes for variable-length bookmarks, SQL_INTEGER for fixed ones.
const ColumnMeta& bookmark_column(SQLULEN use_bookmarks) noexcept;

// Whether column 0 can be read as `c_type` (SQL_C_VARBOOKMARK, SQL_C_BOOKMARK, SQL_C_ULONG,
// SQL_C_UBIGINT or SQL_C_DEFAULT); 07006 otherwise.
void check_bookmark_c_type(SQLSMALLINT c_type);

// Writes bookmark `value` to an application buffer of type `c_type`. Returns true when a
// binary buffer was too small (01004; the length buffer says 4).
bool write_bookmark(SQLSMALLINT c_type, SQLULEN use_bookmarks, void* buffer, SQLLEN buffer_length,
                    SQLLEN* length, SQLLEN* indicator, Bookmark value) noexcept;

// A bookmark the application holds in a buffer of type `c_type`; for a binary buffer
// `length` is the length the application gave (negative: unknown, 4 bytes are read);
// nullopt when it cannot be one.
std::optional<Bookmark> read_bookmark(SQLSMALLINT c_type, SQLULEN use_bookmarks, const void* buffer,
                                      SQLLEN length) noexcept;

// Row `row` (from 0) of the application's bookmark column (ARD record 0) under the ARD's
// binding (offset, column- or row-wise): its buffer and its length/indicator.
struct BookmarkCell {
  void* buffer = nullptr;
  SQLLEN* length = nullptr;
  SQLLEN* indicator = nullptr;
};
BookmarkCell bookmark_cell(const DescHeader& header, const DescRecord& record, SQLULEN use_bookmarks,
                           SQLULEN row) noexcept;

}  // namespace holdfast
