// A result set as the statement sees it: column descriptions and a forward cursor over
// rows whose values are handed out without copying.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/column_meta.h"
#include "core/convert.h"
#include "core/convert_plan.h"
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
  // Keeps the current row's values where value() points while the caller converts them
  // (held between next() and the next call to next(), never across it): a streamed result
  // may be parked by another thread's statement at any moment. Empty (no lock) for results
  // whose values cannot move.
  virtual std::unique_lock<std::mutex> hold_row() noexcept { return {}; }
  // The conversion of `column` to `c_type`, chosen on first use and kept for the rows
  // that follow while the C type asked for stays the same (core/convert_plan.h).
  const ColumnConversion& conversion(std::size_t column, SQLSMALLINT c_type) {
    if (conversions_.size() != columns_.size()) conversions_.resize(columns_.size());
    ColumnConversion& c = conversions_[column];
    if (!c.chosen_for(c_type)) c = choose_conversion(columns_[column], c_type);
    return c;
  }

 protected:
  std::vector<ColumnMeta> columns_;
  std::vector<ColumnConversion> conversions_;
};

// Rows from the server (text protocol): buffered by libmariadb, or streamed (the reply
// was received with ReplyMode::stream and `stream_from` is its session). A streamed
// result reads rows from the wire as they are fetched, under the session's lock; when
// another user of the link comes first, the session parks it: the remaining rows are read
// into one buffer of its own and fetching continues from there. The current row is copied
// first, so SQLGetData on it still works after parking (or after the link closed under
// it). While the stream is live, the owner converts the current row's values under
// row_mutex_ (hold_row) and parking or unlinking takes it too (session lock first), so a
// value is never read while another thread's statement moves it.
class ServerResult final : public ResultSet, private WireTenant {
 public:
  ServerResult(ResultHandle result, unsigned max_bytes_per_char, bool unicode_text_types,
               Session* stream_from = nullptr);
  ~ServerResult() override;
  bool next() override;
  SourceValue value(std::size_t column) const noexcept override;
  // Buffered: the number of rows. Streamed: -1 until the end of the rows is known.
  std::int64_t row_count() const noexcept override;
  bool scrollable() const noexcept override { return session_ == nullptr; }  // stored, not streamed
  bool seek(std::int64_t row) override;
  std::unique_lock<std::mutex> hold_row() noexcept override {
    if (!live_.load(std::memory_order_acquire)) return {};  // parked or ended: the row stays put
    return std::unique_lock<std::mutex>(row_mutex_);
  }

 private:
  void park() noexcept override;
  void unlink() noexcept override;
  bool next_parked();
  // Appends a row to the parked buffer; makes parked row `index` the current row.
  void keep(MYSQL_ROW row, const unsigned long* lengths);
  void view_parked(std::size_t index);
  // park()'s work, under row_mutex_.
  void park_rows() noexcept;

  ResultHandle result_;
  Session* session_ = nullptr;        // the session a streamed reply comes from
  std::atomic<bool> live_{false};     // rows still come from the wire (changed under the session's lock)
  std::mutex row_mutex_;              // the current row of a live stream, while it is read (hold_row)
  MYSQL_ROW row_ = nullptr;
  unsigned long* lengths_ = nullptr;
  std::int64_t rows_read_ = 0;        // streamed: rows read so far (from the wire or the parked buffer)
  std::int64_t total_rows_ = -1;      // streamed: known at the end
  // Parked rows: the cells of each row in order, every value followed by a NUL.
  bool parked_ = false;
  std::string parked_bytes_;
  std::vector<std::size_t> parked_offsets_;     // per cell; npos for NULL
  std::vector<unsigned long> parked_lengths_;   // per cell
  std::size_t parked_next_ = 0;                 // index of the next parked row
  std::vector<char*> parked_view_;              // the current parked row as a MYSQL_ROW
  std::exception_ptr parked_error_;             // what ended the stream while parking, if not its end
  bool lost_ = false;                           // the link closed under a live stream
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
