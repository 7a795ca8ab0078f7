// The static cursor (SQL_CURSOR_STATIC): a buffered result read in any order, the rowset
// the application last fetched, and what SQLSetPos did to its rows.
//
// It wraps the statement's buffered result (ServerResult on a stored result, or a
// LocalResult) and hands out the values of its current row. A row the driver re-read
// (SQLSetPos SQL_REFRESH, or after SQL_UPDATE) is served from a copy; a row SQLSetPos
// deleted or updated keeps that mark, reported in the row status array on later fetches.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result_set.h"

namespace holdfast {

class ScrollCursor final : public ResultSet {
 public:
  using Row = std::vector<std::optional<std::string>>;
  enum class Mark : std::uint8_t { none, updated, deleted };

  // `rows` must be scrollable(). `max_rows` (SQL_ATTR_MAX_ROWS) of 0 means all rows.
  ScrollCursor(std::unique_ptr<ResultSet> rows, std::uint64_t max_rows);

  bool next() override { return seek(current_ + 1); }
  SourceValue value(std::size_t column) const noexcept override;
  std::int64_t row_count() const noexcept override { return count_; }
  bool scrollable() const noexcept override { return true; }
  // Makes `row` (from 0) the current row; false (no current row) outside the result.
  bool seek(std::int64_t row) override;
  ScrollCursor* as_scroll() noexcept override { return this; }

  std::int64_t current() const noexcept { return current_; }

  // The rowset last fetched: its first row (from 0; -1 before the start, row_count()
  // after the end) and how many rows it holds.
  std::int64_t rowset_start = -1;
  std::uint64_t rowset_rows = 0;
  std::uint64_t rowset_size = 0;  // the rowset size of the fetch that made it

  // The table its rows come from, for SQLSetPos and SQLBulkOperations (core/set_pos.cpp),
  // learnt on first use.
  struct Table {
    std::string name;                      // `db`.`table`, quoted
    std::vector<std::size_t> key_columns;  // result columns of a primary or unique key
    std::string refusal;                   // why rows cannot be changed by key, if so
    bool known = false;
  };
  Table table;

  Mark mark(std::int64_t row) const noexcept;
  void set_mark(std::int64_t row, Mark mark);
  // The values of `row` as the server now has them (replaces what the result holds).
  void replace_row(std::int64_t row, Row values);

 private:
  std::unique_ptr<ResultSet> rows_;
  std::int64_t count_ = 0;
  std::int64_t current_ = -1;
  const Row* replaced_ = nullptr;  // the copy of the current row, if it has one
  std::unordered_map<std::int64_t, Row> copies_;
  std::unordered_map<std::int64_t, Mark> marks_;
};

}  // namespace holdfast
