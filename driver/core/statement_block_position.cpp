// SQLSetPos(SQL_POSITION) and SQLGetData on a forward-only block cursor (rowset size above
// 1). A buffered result (BUFFER_RESULTS=1, a query timeout, catalog results) can go back to
// any row of the rowset SQLFetch returned; the next SQLFetch goes on after the rowset. A
// streamed result holds only the row it read last: SQLGetData on its rowset is HYC00, and
// SQL_GD_BLOCK is not advertised, since forward-only cursors stream by default.
#include "core/statement.h"

namespace holdfast {

SQLRETURN Statement::position_block(SQLSETPOSIROW row, SQLUSMALLINT operation) {
  if (operation != SQL_POSITION)
    throw OdbcError("HY109", "Invalid cursor position: the cursor is forward-only (SQLSetPos needs "
                             "SQL_ATTR_CURSOR_TYPE SQL_CURSOR_STATIC)");
  if (!result_->scrollable())
    throw OdbcError("HY109", "Invalid cursor position: the forward-only result is streamed and cannot go back to "
                             "a row (set BUFFER_RESULTS=1, or SQL_ATTR_CURSOR_TYPE SQL_CURSOR_STATIC)");
  if (!row_valid_ || block_rows_ == 0) throw OdbcError("24000", "Invalid cursor state: the cursor is not on a rowset");
  if (static_cast<std::int64_t>(row) > block_rows_)
    throw OdbcError("HY107", "Row value out of range: the rowset has " + std::to_string(block_rows_) + " rows");
  for (PieceState& p : pieces_) p.reset();
  block_row_ = block_first_ + static_cast<std::int64_t>(row ? row - 1 : 0);
  result_->seek(block_row_);
  return SQL_SUCCESS;
}

void Statement::position_block_default() {
  if (block_row_ >= 0) return;
  if (!result_->scrollable())
    throw OdbcError("HYC00", "Optional feature not implemented: SQLGetData on a rowset of a streamed forward-only "
                             "result (set BUFFER_RESULTS=1, or SQL_ATTR_CURSOR_TYPE SQL_CURSOR_STATIC)");
  if (block_rows_ == 0) return;
  block_row_ = block_first_;
  result_->seek(block_row_);
}

}  // namespace holdfast
