// Scrolling: SQLFetchScroll and SQLExtendedFetch on a static cursor (core/scroll_cursor.h),
// after the cursor positioning rules of the SQLFetchScroll reference; on a forward-only
// cursor only SQL_FETCH_NEXT (HY106 otherwise). SQL_FETCH_BOOKMARK: core/statement_bookmark.cpp.
#include <algorithm>

#include "core/bookmark.h"
#include "core/connection.h"
#include "core/scroll_cursor.h"
#include "core/statement.h"

namespace holdfast {
namespace {

// The first row (from 1) of the rowset a fetch asks for, with `before` (0) and `after`
// (last + 1) for positions outside the result. `start` is the current rowset's first row
// in the same terms; `previous` the size of the rowset fetched last, `size` this one's.
// `clipped` is set when a rowset that would start before row 1 starts at row 1 (01S06).
std::int64_t first_row(SQLSMALLINT orientation, std::int64_t offset, std::int64_t start, std::int64_t previous,
                       std::int64_t size, std::int64_t last, bool& clipped) {
  const std::int64_t before = 0, after = last + 1;
  auto at_one = [&] {
    clipped = true;
    return std::int64_t{1};
  };
  switch (orientation) {
    case SQL_FETCH_NEXT:
      if (start == before) return 1;
      if (start == after || start + previous > last) return after;
      return start + previous;
    case SQL_FETCH_PRIOR:
      if (start == before || start == 1) return before;
      if (start == after) return last < size ? at_one() : last - size + 1;
      return start <= size ? at_one() : start - size;
    case SQL_FETCH_FIRST:
      return 1;
    case SQL_FETCH_LAST:
      return size <= last ? last - size + 1 : 1;
    case SQL_FETCH_ABSOLUTE:
      if (offset < 0) {
        if (-offset <= last) return last + offset + 1;
        return -offset > size ? before : at_one();
      }
      if (offset == 0) return before;
      return offset <= last ? offset : after;
    case SQL_FETCH_RELATIVE:
      if ((start == before && offset > 0) || (start == after && offset < 0))
        return first_row(SQL_FETCH_ABSOLUTE, offset, start, previous, size, last, clipped);
      if (start == before) return before;
      if (start == after) return after;
      if (start == 1 && offset < 0) return before;
      if (start + offset < 1) return -offset > size ? before : at_one();
      return start + offset > last ? after : start + offset;
    default:
      return before;
  }
}

bool scroll_orientation(SQLSMALLINT orientation) {
  return orientation == SQL_FETCH_NEXT || orientation == SQL_FETCH_PRIOR || orientation == SQL_FETCH_FIRST ||
         orientation == SQL_FETCH_LAST || orientation == SQL_FETCH_ABSOLUTE || orientation == SQL_FETCH_RELATIVE;
}

// SQL_FETCH_BOOKMARK is handled before (core/statement_bookmark.cpp).
void check_orientation(SQLSMALLINT orientation, bool scrollable) {
  if (!scroll_orientation(orientation))
    throw OdbcError("HY106", "Fetch type out of range: " + std::to_string(orientation));
  if (!scrollable && orientation != SQL_FETCH_NEXT)
    throw OdbcError("HY106",
                    "Fetch type out of range: the cursor is forward-only (set SQL_ATTR_CURSOR_TYPE to "
                    "SQL_CURSOR_STATIC to scroll)");
}

}  // namespace

// A result that cannot seek (a streamed one) stays forward-only: the statement asks the
// session for a buffered result when needs_buffered_result() says so.
void Statement::make_scrollable() {
  if (cursor_type_ == SQL_CURSOR_FORWARD_ONLY || !result_ || !result_->scrollable()) return;
  result_ = std::make_unique<ScrollCursor>(std::move(result_), max_rows_);
}

SQLRETURN Statement::fetch_rowset(ScrollCursor& cursor, SQLSMALLINT orientation, SQLLEN offset,
                                  SQLULEN rowset_size, SQLULEN* fetched_ptr, SQLUSMALLINT* status) {
  for (PieceState& p : pieces_) p.reset();
  const std::int64_t last = cursor.row_count();
  const auto size = static_cast<std::int64_t>(rowset_size ? rowset_size : 1);
  const std::int64_t start = cursor.rowset_start < 0 ? 0 : cursor.rowset_start + 1;
  const auto previous = static_cast<std::int64_t>(cursor.rowset_size ? cursor.rowset_size : rowset_size);
  bool clipped = false;
  std::int64_t first = first_row(orientation, offset, start, previous, size, last, clipped);
  if (first > last) first = last + 1;

  if (first < 1 || first > last) {
    cursor.rowset_start = first < 1 ? -1 : last;
    cursor.rowset_rows = 0;
    cursor.rowset_size = static_cast<std::uint64_t>(size);
    cursor.seek(cursor.rowset_start);
    row_valid_ = false;
    if (fetched_ptr) *fetched_ptr = 0;
    if (status)
      for (std::int64_t i = 0; i < size; ++i) status[i] = SQL_ROW_NOROW;
    return SQL_NO_DATA;
  }

  const std::int64_t rows = std::min(size, last - first + 1);
  SQLULEN errors = 0;
  bool warned = false;
  if (retrieve_data_ != SQL_RD_OFF) plan_fetch();
  for (std::int64_t i = 0; i < rows; ++i) {
    const std::int64_t row = first - 1 + i;
    cursor.seek(row);
    const ScrollCursor::Mark mark = cursor.mark(row);
    SQLUSMALLINT row_status = SQL_ROW_SUCCESS;
    if (mark == ScrollCursor::Mark::deleted) {
      row_status = SQL_ROW_DELETED;
    } else {
      const SQLRETURN rc = retrieve_data_ == SQL_RD_OFF ? SQL_SUCCESS : fetch_planned_row(static_cast<std::size_t>(i));
      if (rc == SQL_ERROR) {
        ++errors;
        row_status = SQL_ROW_ERROR;
      } else if (rc == SQL_SUCCESS_WITH_INFO) {
        warned = true;
        row_status = SQL_ROW_SUCCESS_WITH_INFO;
      }
      if (mark == ScrollCursor::Mark::updated && rc != SQL_ERROR) row_status = SQL_ROW_UPDATED;
    }
    if (status) status[i] = row_status;
  }
  if (status)
    for (std::int64_t i = rows; i < size; ++i) status[i] = SQL_ROW_NOROW;
  if (fetched_ptr) *fetched_ptr = static_cast<SQLULEN>(rows);
  cursor.rowset_start = first - 1;
  cursor.rowset_rows = static_cast<std::uint64_t>(rows);
  cursor.rowset_size = static_cast<std::uint64_t>(size);
  cursor.seek(first - 1);  // the current row is the rowset's first
  row_valid_ = true;
  if (clipped) {
    warn("01S06", "Attempt to fetch before the result set returned the first rowset");
    warned = true;
  }
  if (errors == static_cast<SQLULEN>(rows)) return SQL_ERROR;
  return errors || warned ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN Statement::fetch_scroll(SQLSMALLINT orientation, SQLLEN offset) {
  require_result("SQLFetchScroll");
  if (orientation == SQL_FETCH_BOOKMARK)
    return fetch_at_bookmark(fetch_bookmark_ptr_, offset, ard_->header().array_size,
                             ird_->header().rows_processed_ptr, ird_->header().array_status_ptr);
  ScrollCursor* cursor = result_->as_scroll();
  check_orientation(orientation, cursor != nullptr);
  if (!cursor) return fetch();
  return fetch_rowset(*cursor, orientation, offset, ard_->header().array_size, ird_->header().rows_processed_ptr,
                      ird_->header().array_status_ptr);
}

SQLRETURN Statement::extended_fetch(SQLUSMALLINT orientation, SQLLEN offset, SQLULEN* rows,
                                    SQLUSMALLINT* status) {
  require_result("SQLExtendedFetch");
  if (orientation == SQL_FETCH_BOOKMARK) {
    // ODBC 2: the offset is the bookmark (fixed-length), the rowset starts at its row.
    const Bookmark bookmark = offset < 1 || offset > 0xffffffff ? 0 : static_cast<Bookmark>(offset);
    return fetch_at_bookmark(&bookmark, 0, rowset_size_, rows, status);
  }
  ScrollCursor* cursor = result_->as_scroll();
  check_orientation(static_cast<SQLSMALLINT>(orientation), cursor != nullptr);
  if (cursor) return fetch_rowset(*cursor, static_cast<SQLSMALLINT>(orientation), offset, rowset_size_, rows, status);
  // Forward-only: SQLFetch with SQL_ROWSET_SIZE rows and this call's own outputs.
  DescHeader& ard = ard_->header();
  DescHeader& ird = ird_->header();
  struct Restore {
    DescHeader& ard;
    DescHeader& ird;
    SQLULEN size;
    SQLULEN* processed;
    SQLUSMALLINT* statuses;
    ~Restore() {
      ard.array_size = size;
      ird.rows_processed_ptr = processed;
      ird.array_status_ptr = statuses;
    }
  } restore{ard, ird, ard.array_size, ird.rows_processed_ptr, ird.array_status_ptr};
  ard.array_size = rowset_size_;
  ird.rows_processed_ptr = rows;
  ird.array_status_ptr = status;
  return fetch();
}

}  // namespace holdfast
