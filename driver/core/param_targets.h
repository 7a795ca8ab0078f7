// Which table column each parameter marker of a statement stands for, where the text
// makes it knowable, for SQLDescribeParam:
//   INSERT|REPLACE [modifiers] [INTO] [schema.]t [(c1, c2, ...)] VALUES|VALUE (?, ...)[, (...)]
//       a marker that is a whole value of a row takes that position's column (the table's
//       columns in order when there is no column list);
//   UPDATE [modifiers] [schema.]t SET ..., DELETE FROM [schema.]t ..., SELECT ... FROM
//   [schema.]t [WHERE ...] (one table, no join), and INSERT's ON DUPLICATE KEY UPDATE:
//       a marker right after "col =", "col <>", "col <", "col >=", "col LIKE" ... takes
//       col (a qualified t.col or schema.t.col too).
// Anything else leaves the marker unknown (SQLDescribeParam then keeps VARCHAR(255)).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_lexer.h"

namespace holdfast {

struct ParamTargets {
  std::string table_schema;  // unquoted; empty: the current database
  std::string table_name;    // unquoted; empty: no single table (nothing is known)
  // Per marker (in text order): the column's name, empty when unknown; or, for an
  // INSERT without a column list, its position among the table's columns (else -1).
  std::vector<std::string> columns;
  std::vector<int> positions;
};

// `markers` are the offsets scan_sql found (the '?' of each marker).
ParamTargets find_param_targets(std::string_view sql, const std::vector<std::size_t>& markers,
                                const ScanOptions& options);

}  // namespace holdfast
