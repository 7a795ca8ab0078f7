// SQLBulkOperations by bookmark on a static cursor: the rows are those whose bookmarks the
// application put in its column 0 buffers (SQL_ATTR_ROW_ARRAY_SIZE of them, rows marked
// SQL_ROW_IGNORE in SQL_ATTR_ROW_OPERATION_PTR left out). Every bookmark is checked before
// anything is sent; the writes are those of SQLSetPos (core/set_pos.cpp), one statement
// per row through the session, never re-run after a lost link.
#include "core/bulk_by_bookmark.h"

#include "core/bookmark.h"
#include "core/scroll_cursor.h"
#include "core/statement.h"

namespace holdfast {

SQLRETURN Statement::bulk_by_bookmark(SQLSMALLINT operation) {
  if (use_bookmarks_ == SQL_UB_OFF)
    throw OdbcError("HY092", "Invalid attribute/option identifier: SQLBulkOperations by bookmark needs "
                             "SQL_ATTR_USE_BOOKMARKS on");
  require_result("SQLBulkOperations");
  if (operation != SQL_FETCH_BY_BOOKMARK && concurrency_ == SQL_CONCUR_READ_ONLY)
    throw OdbcError("HY092", "Invalid attribute/option identifier: the cursor is read-only "
                             "(SQL_ATTR_CONCURRENCY SQL_CONCUR_READ_ONLY)");
  ScrollCursor* cursor = result_->as_scroll();
  if (!cursor)
    throw OdbcError("HYC00", "Optional feature not implemented: SQLBulkOperations needs a static cursor "
                             "(SQL_ATTR_CURSOR_TYPE SQL_CURSOR_STATIC)");
  const DescRecord& b = ard_->bookmark_record();
  if (!b.data_ptr)
    throw OdbcError("07009", "Invalid descriptor index: SQLBulkOperations by bookmark reads the bookmarks from "
                             "column 0, which is not bound");
  const DescHeader& h = ard_->header();
  const SQLULEN size = h.array_size ? h.array_size : 1;
  std::vector<std::int64_t> rows(size, -1);
  for (SQLULEN i = 0; i < size; ++i) {
    if (h.array_status_ptr && h.array_status_ptr[i] == SQL_ROW_IGNORE) continue;
    const BookmarkCell cell = bookmark_cell(h, b, use_bookmarks_, i);
    const std::optional<Bookmark> value =
        read_bookmark(b.concise_type, use_bookmarks_, cell.buffer, cell.length ? *cell.length : SQL_NTS);
    if (!value || *value < 1 || static_cast<std::int64_t>(*value) > cursor->row_count())
      throw OdbcError("HY111", "Invalid bookmark value in row " + std::to_string(i + 1) +
                                   " of the bookmark column: no row of this cursor has bookmark " +
                                   std::to_string(value.value_or(0)));
    rows[i] = static_cast<std::int64_t>(*value) - 1;
  }
  for (PieceState& p : pieces_) p.reset();
  const std::int64_t current = cursor->current();
  const SQLRETURN rc = rows_operation(*this, *cursor, rows, operation);
  cursor->seek(current);
  return rc;
}

}  // namespace holdfast
