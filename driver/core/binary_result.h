// Rows of a statement executed on the server (binary protocol), buffered by libmariadb
// (mysql_stmt_store_result). Integers, DOUBLE, dates and times are read natively (a
// 64-bit integer, a double, a MYSQL_TIME: core/native_value.h) and converted from that,
// as the text the text protocol would have sent converts; other values are read as text.
// The per-column buffers are reused from row to row and from one execution to the next
// (ResultBuffers, kept by the prepared statement).
#pragma once

#include <mysql.h>

#include <atomic>
#include <cstdint>
#include <exception>
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

// Streamed (`stream_from` set: the rows were left on the wire, Session::stream_fetch),
// the result is the session's WireTenant as a streamed ServerResult is: each fetch reads
// a row from the wire under the session's lock; when another user of the link comes
// first, the session parks it (the rows not read yet go into the handle's buffer,
// mysql_stmt_store_result, and fetching continues from there). The current row's values
// are in the bound cells already, so SQLGetData on it still works after parking.
class BinaryResult final : public ResultSet, private WireTenant {
 public:
  // `stmt` has just been executed and its rows stored, or left on the wire of
  // `stream_from` (whose lock the caller holds); `buffers` outlive this result.
  BinaryResult(MYSQL_STMT* stmt, ResultBuffers& buffers, unsigned max_bytes_per_char, bool unicode_text_types,
               Session* stream_from = nullptr);
  ~BinaryResult() override;
  bool next() override;
  SourceValue value(std::size_t column) const noexcept override;
  // Stored: the number of rows. Streamed: -1 until the end of the rows is known.
  std::int64_t row_count() const noexcept override { return session_ ? total_rows_ : rows_; }
  // Stored rows: SQLSetPos(SQL_POSITION) in a forward-only rowset goes back to one.
  bool scrollable() const noexcept override { return session_ == nullptr; }
  bool seek(std::int64_t row) override;
  // Hands this result's description and conversions to `buffers` for the next execution.
  void keep_description(ResultBuffers& buffers) noexcept;

 private:
  void park() noexcept override;
  void unlink() noexcept override;
  bool take_row(int rc);  // after a fetch: the row's values in the cells

  MYSQL_STMT* stmt_;
  ResultBuffers& buffers_;
  std::int64_t rows_ = 0;
  bool on_row_ = false;
  Session* session_ = nullptr;        // the session a streamed reply comes from
  std::atomic<bool> live_{false};     // rows still come from the wire (changed under the session's lock)
  bool parked_ = false;               // the rest of the rows are in the handle's buffer
  bool lost_ = false;                 // the link closed under a live stream
  std::int64_t rows_read_ = 0;        // streamed: rows read from the wire
  std::int64_t total_rows_ = -1;      // streamed: known at the end (or once parked)
  std::exception_ptr parked_error_;   // what ended the stream while parking, if not its end
};

}  // namespace holdfast
