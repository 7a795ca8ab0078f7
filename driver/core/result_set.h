// A result set as the statement sees it: column descriptions and a forward cursor over
// rows whose values are handed out without copying.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/column_meta.h"
#include "core/convert.h"
#include "core/session.h"

namespace holdfast {

class ScrollCursor;

class ResultSet {
 public:
  virtual ~ResultSet() = default;
  const std::vector<ColumnMeta>& columns() const noexcept { return columns_; }
  // Moves to the next row; false after the last.
  virtual bool next() = 0;
  // A value of the current row (column index from 0).
  virtual SourceValue value(std::size_t column) const noexcept = 0;
  // Number of rows, when known (buffered results).
  virtual std::int64_t row_count() const noexcept = 0;
  // Random access (static cursors, core/scroll_cursor.h): whether seek() works, and a move
  // to row `row` (from 0); false when there is no such row.
  virtual bool scrollable() const noexcept { return false; }
  virtual bool seek(std::int64_t) { return false; }
  // The scrollable cursor this result is, if it is one.
  virtual ScrollCursor* as_scroll() noexcept { return nullptr; }

 protected:
  std::vector<ColumnMeta> columns_;
};

// Rows from the server, buffered by libmariadb (text protocol).
class ServerResult final : public ResultSet {
 public:
  ServerResult(ResultHandle result, unsigned max_bytes_per_char, bool unicode_text_types);
  bool next() override;
  SourceValue value(std::size_t column) const noexcept override;
  std::int64_t row_count() const noexcept override;
  bool scrollable() const noexcept override { return true; }  // stored (mysql_store_result)
  bool seek(std::int64_t row) override;

 private:
  ResultHandle result_;
  MYSQL_ROW row_ = nullptr;
  unsigned long* lengths_ = nullptr;
};

// Rows the driver makes itself (SQLGetTypeInfo, catalog functions): text values or NULL.
class LocalResult final : public ResultSet {
 public:
  using Row = std::vector<std::optional<std::string>>;
  LocalResult(std::vector<ColumnMeta> columns, std::vector<Row> rows);
  bool next() override;
  SourceValue value(std::size_t column) const noexcept override;
  std::int64_t row_count() const noexcept override { return static_cast<std::int64_t>(rows_.size()); }
  bool scrollable() const noexcept override { return true; }
  bool seek(std::int64_t row) override;

 private:
  std::vector<Row> rows_;
  std::size_t position_ = 0;  // 1-based current row; 0 before the first
};

}  // namespace holdfast
