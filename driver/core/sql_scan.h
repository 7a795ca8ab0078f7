// One pass over a statement's text: where its parameter markers are, whether it is a
// read, whether it holds more than one statement, and its first keyword.
//
// Run it on the text after ODBC escape translation (escape_translate.h): marker offsets
// are offsets into the text that is sent, and "{call ...}" has no keyword before it is
// translated.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_lexer.h"

namespace holdfast {

struct ScanResult {
  // Byte offsets of the '?' markers in code: outside strings, quoted identifiers and
  // comments, and inside executable comments ('/*! ... */', which are code).
  std::vector<std::size_t> markers;

  // The first keyword, upper-cased (ASCII), skipping spaces, comments and opening
  // parentheses; "" when the statement does not start with a word.
  std::string first_keyword;

  // A ';' in code followed by anything other than space, comments or more ';'.
  // Note: a compound statement (CREATE PROCEDURE ... BEGIN ...; ... END) counts too.
  bool multiple_statements = false;

  // A statement that may be sent again after a lost reply (RETRY_READS): it starts
  // with SELECT, SHOW, DESCRIBE, DESC, EXPLAIN, WITH, VALUES or TABLE, is a single
  // statement, and mentions none of: INTO, UPDATE (so FOR UPDATE), DELETE, LOCK (so
  // LOCK IN SHARE MODE), FOR SHARE, INSERT/REPLACE not used as functions, GET_LOCK,
  // RELEASE_LOCK, RELEASE_ALL_LOCKS, NEXTVAL/SETVAL/LASTVAL, NEXT VALUE / PREVIOUS
  // VALUE, LAST_INSERT_ID, FOUND_ROWS, ROW_COUNT, user variables (@x, :=).
  // It cannot see inside stored functions: "SELECT f()" where f writes is reported as
  // a read. RETRY_READS is documented as trusting the application on that.
  bool is_read = false;

  // A '{' in code: the text holds ODBC escape sequences (escape_translate.h).
  bool has_escape = false;

  void clear() noexcept {
    markers.clear();
    first_keyword.clear();
    multiple_statements = false;
    is_read = false;
    has_escape = false;
  }
};

// Scans `sql` into `out` (cleared first; reusing one ScanResult keeps its capacity).
void scan_sql(std::string_view sql, const ScanOptions& options, ScanResult& out);

inline ScanResult scan_sql(std::string_view sql, const ScanOptions& options) {
  ScanResult r;
  scan_sql(sql, options, r);
  return r;
}

}  // namespace holdfast
