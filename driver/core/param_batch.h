// Sending an array of parameter sets efficiently: a plain single-row
// "INSERT ... VALUES (...)" becomes one multi-row INSERT per batch of parameter sets.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_lexer.h"

namespace holdfast {

// Where the one row of a batchable INSERT is: [tuple_begin, tuple_end) is "( ... )".
// `table_schema` (empty: the current database) and `table_name` name the target table,
// unquoted.
struct InsertRow {
  std::size_t tuple_begin = 0;
  std::size_t tuple_end = 0;
  std::string table_schema;
  std::string table_name;
};

// The row of `sql` when it is INSERT or REPLACE [LOW_PRIORITY | DELAYED | HIGH_PRIORITY]
// [IGNORE] [INTO] [schema.]table ... VALUES|VALUE ( ... ) with that one
// parenthesised row last (only spaces, comments and ';' after it) and every parameter
// marker inside it; nullopt for anything else (INSERT ... SELECT, SET, several rows,
// ON DUPLICATE KEY UPDATE, executable comments, several statements).
std::optional<InsertRow> single_row_insert(std::string_view sql, const std::vector<std::size_t>& markers,
                                           const ScanOptions& options);

}  // namespace holdfast
