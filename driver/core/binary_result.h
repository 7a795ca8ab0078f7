// Rows of a statement executed on the server (binary protocol), buffered by libmariadb
// (mysql_stmt_store_result). Integers, DOUBLE, dates and times are read natively (a
// 64-bit integer, a double, a MYSQL_TIME: core/native_value.h) and converted from that,
// as the text the text protocol would have sent converts; other values are read as text.
// The per-column buffers are reused from row to row and from one execution to the next
// (ResultBuffers, kept by the prepared statement).
#pragma once

#include <mysql.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/native_value.h"
#include "core/result_set.h"

namespace holdfast {

// The output bindings of a prepared statement's result, reused across executions.
struct ResultBuffers {
  std::vector<MYSQL_BIND> binds;
  std::vector<unsigned long> lengths;
  std::vector<my_bool> nulls;
  std::vector<my_bool> errors;
  std::vector<std::string> cells;       // columns read as text
  std::vector<NativeKind> kinds;        // how each column is read
  std::vector<NativeCell> natives;      // columns read natively
  // The description of the last result and the conversions chosen for it (kept by
  // BinaryResult::keep_description when it is closed), taken again by the next execution
  // whose fields are the same in every attribute the description reads; any difference
  // (ALTER TABLE, a re-prepare after reconnect or error 1243, another character set)
  // describes the result anew.
  std::vector<ColumnMeta> columns;
  std::vector<ColumnConversion> conversions;
  unsigned max_bytes_per_char = 0;
  bool unicode_text_types = false;
};

class BinaryResult final : public ResultSet {
 public:
  // `stmt` has just been executed and its rows stored; `buffers` outlive this result.
  BinaryResult(MYSQL_STMT* stmt, ResultBuffers& buffers, unsigned max_bytes_per_char, bool unicode_text_types);
  bool next() override;
  SourceValue value(std::size_t column) const noexcept override;
  std::int64_t row_count() const noexcept override { return rows_; }
  // The rows are stored: SQLSetPos(SQL_POSITION) in a forward-only rowset goes back to one.
  bool scrollable() const noexcept override { return true; }
  bool seek(std::int64_t row) override;
  // Hands this result's description and conversions to `buffers` for the next execution.
  void keep_description(ResultBuffers& buffers) noexcept;

 private:
  MYSQL_STMT* stmt_;
  ResultBuffers& buffers_;
  std::int64_t rows_ = 0;
  bool on_row_ = false;
};

}  // namespace holdfast
