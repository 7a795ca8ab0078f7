// Positioned statements: "UPDATE t SET ... WHERE CURRENT OF c" and
// "DELETE FROM t WHERE CURRENT OF c", run on one statement of a connection against the
// current row of the static cursor named c on another.
//
// The driver rewrites the WHERE CURRENT OF clause into a WHERE clause of the row's key and
// its other comparable columns as the cursor read them (the key logic and refusals of
// SQLSetPos, core/set_pos.cpp), plus LIMIT 1, and sends that as an ordinary statement
// through the session (never resent after an unknown outcome). A row someone else changed
// or deleted since the cursor read it is left alone: SQL_SUCCESS_WITH_INFO with 01001 and a
// row count of 0.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/sql_lexer.h"

namespace holdfast {

struct PositionedText {
  std::string text;    // the statement before WHERE CURRENT OF (its parameter markers kept)
  std::string cursor;  // the cursor name, unquoted
  bool update = false; // UPDATE, else DELETE
  // The table the statement names (unquoted); schema empty when not qualified.
  std::string schema;
  std::string table;
};

// Finds a positioned UPDATE or DELETE: the statement starts with UPDATE or DELETE and ends
// with WHERE CURRENT OF <name> in code (not in a string or comment), optionally followed by
// spaces, comments and ';'. nullopt for any other statement.
std::optional<PositionedText> find_positioned(std::string_view sql, const ScanOptions& options);

class Statement;
class ScrollCursor;
struct LiteralOptions;

// On the static cursor of `cursor_statement` (core/set_pos.cpp): " WHERE ..." finding its
// current row as read (key, then the other comparable columns). HY000 when no key
// identifies the cursor's rows.
std::string positioned_where(Statement& cursor_statement, ScrollCursor& cursor, const LiteralOptions& literal);
// After a positioned statement changed the cursor's current row: marks it deleted, or
// updated and re-read by its key as read (kept as it was when the key itself changed).
void positioned_changed(Statement& cursor_statement, ScrollCursor& cursor, const LiteralOptions& literal,
                        bool update);
// Whether the current row, as the cursor read it, is still in the table (one SELECT).
bool positioned_row_unchanged(Statement& cursor_statement, ScrollCursor& cursor, const LiteralOptions& literal);

}  // namespace holdfast
