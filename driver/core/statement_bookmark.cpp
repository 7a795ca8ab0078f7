// Bookmarks on a statement (core/bookmark.h): column 0 in SQLBindCol, SQLGetData and
// fetches, and SQLFetchScroll / SQLExtendedFetch with SQL_FETCH_BOOKMARK.
#include "core/bookmark.h"
#include "core/scroll_cursor.h"
#include "core/statement.h"

namespace holdfast {

std::uint32_t Statement::row_bookmark() noexcept {
  if (const ScrollCursor* c = result_ ? result_->as_scroll() : nullptr)
    return static_cast<std::uint32_t>(c->current() + 1);
  // Forward-only: the row SQLSetPos positioned on, else the rows read so far, this one included.
  return static_cast<std::uint32_t>(block_row_ >= 0 ? block_row_ + 1 : static_cast<std::int64_t>(rows_fetched_total_));
}

bool Statement::write_row_bookmark(std::size_t row) {
  const DescRecord& r = ard_->bookmark_record();
  const BookmarkCell cell = bookmark_cell(ard_->header(), r, use_bookmarks_, row);
  return write_bookmark(r.concise_type, use_bookmarks_, cell.buffer, r.octet_length, cell.length, cell.indicator,
                        row_bookmark());
}

SQLRETURN Statement::bind_bookmark(SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length, SQLLEN* indicator) {
  if (!buffer && !indicator) {
    ard_->unbind(0);
    return SQL_SUCCESS;
  }
  if (use_bookmarks_ == SQL_UB_OFF)
    throw OdbcError("07009", "Invalid descriptor index: column 0 (the bookmark) needs SQL_ATTR_USE_BOOKMARKS on");
  if (buffer_length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  check_bookmark_c_type(c_type);
  DescRecord& r = ard_->bookmark_record();
  r = DescRecord{};
  set_concise_type(r, c_type);
  r.octet_length = buffer_length;
  r.data_ptr = buffer;
  r.indicator_ptr = indicator;
  r.octet_length_ptr = indicator;
  return SQL_SUCCESS;
}

SQLRETURN Statement::get_bookmark(SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length, SQLLEN* indicator) {
  if (c_type == SQL_ARD_TYPE) c_type = ard_->bookmark_record().concise_type;
  check_bookmark_c_type(c_type);
  if (buffer_length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  if (write_bookmark(c_type, use_bookmarks_, buffer, buffer_length, indicator, indicator, row_bookmark())) {
    warn("01004", "String data, right truncated: a bookmark is " + std::to_string(kBookmarkSize) + " bytes");
    return SQL_SUCCESS_WITH_INFO;
  }
  return SQL_SUCCESS;
}

SQLRETURN Statement::fetch_at_bookmark(const void* bookmark, SQLLEN offset, SQLULEN rowset_size, SQLULEN* fetched_ptr,
                                       SQLUSMALLINT* status) {
  if (use_bookmarks_ == SQL_UB_OFF)
    throw OdbcError("HY106", "Fetch type out of range: SQL_FETCH_BOOKMARK needs SQL_ATTR_USE_BOOKMARKS on");
  ScrollCursor* cursor = result_->as_scroll();
  if (!cursor)
    throw OdbcError("HY106",
                    "Fetch type out of range: the cursor is forward-only (set SQL_ATTR_CURSOR_TYPE to "
                    "SQL_CURSOR_STATIC to scroll)");
  if (!bookmark)
    throw OdbcError("HY111", "Invalid bookmark value: SQL_ATTR_FETCH_BOOKMARK_PTR is a null pointer");
  // The buffer holds a variable-length bookmark (4 bytes) or, for SQLExtendedFetch, the
  // bookmark itself; either way its first 4 bytes in machine order.
  const std::optional<Bookmark> value = read_bookmark(SQL_C_BINARY, SQL_UB_VARIABLE, bookmark, SQL_NTS);
  if (!value || *value < 1 || static_cast<std::int64_t>(*value) > cursor->row_count())
    throw OdbcError("HY111", "Invalid bookmark value: no row of this cursor has bookmark " +
                                 std::to_string(value.value_or(0)));
  // The rowset starts `offset` rows from the bookmarked row; before the first row or after
  // the last means no rowset (SQL_NO_DATA), as an absolute fetch of 0 or last + 1 gives.
  const std::int64_t target = static_cast<std::int64_t>(*value) + offset;
  const std::int64_t absolute = target < 1 ? 0 : target > cursor->row_count() ? cursor->row_count() + 1 : target;
  return fetch_rowset(*cursor, SQL_FETCH_ABSOLUTE, static_cast<SQLLEN>(absolute), rowset_size, fetched_ptr, status);
}

}  // namespace holdfast
