// SQLBulkOperations SQL_UPDATE_BY_BOOKMARK, SQL_DELETE_BY_BOOKMARK and SQL_FETCH_BY_BOOKMARK
// (core/bulk_by_bookmark.cpp), run by the key-based row operations of core/set_pos.cpp.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <vector>

namespace holdfast {

class ScrollCursor;
class Statement;

// Runs `operation` on rowset buffer row i for cursor row rows[i] (from 0): refetches it
// (SQL_FETCH_BY_BOOKMARK, as SQLSetPos SQL_REFRESH does), updates it from the buffers or
// deletes it (as SQLSetPos SQL_UPDATE / SQL_DELETE do), with the row status array updated.
SQLRETURN rows_operation(Statement& s, ScrollCursor& cursor, const std::vector<std::int64_t>& rows,
                         SQLSMALLINT operation);

}  // namespace holdfast
