#include "core/binary_result.h"

#include <algorithm>
#include <cstring>

#include <errmsg.h>

#include <mutex>

#include "core/odbc_error.h"

namespace holdfast {
namespace {

// Room for any number, date or time as text; longer values grow their cell once.
constexpr unsigned long kMinimumCell = 64;

void point_at_cell(ResultBuffers& b, std::size_t i) noexcept {
  MYSQL_BIND& bind = b.binds[i];
  bind.buffer = b.cells[i].data();
  bind.buffer_length = static_cast<unsigned long>(b.cells[i].size());
}

bool same_text(const std::string& kept, const char* text, unsigned length) noexcept {
  return kept.size() == length && (length == 0 || std::memcmp(kept.data(), text, length) == 0);
}

// Whether `m` (described earlier) is what describe_field would make of `f` now.
bool same_field(const ColumnMeta& m, const MYSQL_FIELD& f) noexcept {
  return m.mysql_type == f.type && m.flags == f.flags && m.charsetnr == f.charsetnr && m.length == f.length &&
         m.decimals == f.decimals && same_text(m.name, f.name, f.name_length) &&
         same_text(m.org_name, f.org_name, f.org_name_length) && same_text(m.table, f.table, f.table_length) &&
         same_text(m.org_table, f.org_table, f.org_table_length) && same_text(m.db, f.db, f.db_length);
}

// Binds column `i` of `field`: natively where native_kind_for says so, else as text in a
// cell of at least `cell_size` bytes.
void bind_column(ResultBuffers& b, std::size_t i, const MYSQL_FIELD& field, unsigned long cell_size) {
  MYSQL_BIND& bind = b.binds[i];
  std::memset(&bind, 0, sizeof bind);
  bind.length = &b.lengths[i];
  bind.is_null = &b.nulls[i];
  bind.error = &b.errors[i];
  const NativeKind kind = native_kind_for(field);
  b.kinds[i] = kind;
  bind.buffer_type = native_buffer_type(kind, field.type);
  if (kind != NativeKind::none) {
    bind.buffer = &b.natives[i];
    bind.buffer_length = sizeof(NativeCell);
    bind.is_unsigned = kind == NativeKind::unsigned_integer;
    return;
  }
  if (b.cells[i].size() < cell_size) b.cells[i].resize(cell_size);
  point_at_cell(b, i);
}

bool description_holds(const ResultBuffers& b, const MYSQL_FIELD* fields, unsigned count, unsigned max_bytes_per_char,
                       bool unicode_text_types) noexcept {
  if (b.columns.size() != count || b.max_bytes_per_char != max_bytes_per_char ||
      b.unicode_text_types != unicode_text_types)
    return false;
  for (unsigned i = 0; i < count; ++i)
    if (!same_field(b.columns[i], fields[i])) return false;
  return true;
}

}  // namespace

void BinaryResult::keep_description(ResultBuffers& buffers) noexcept {
  buffers.columns.swap(columns_);
  buffers.conversions.swap(conversions_);
}

BinaryResult::BinaryResult(MYSQL_STMT* stmt, ResultBuffers& buffers, unsigned max_bytes_per_char,
                           bool unicode_text_types, Session* stream_from)
    : stmt_(stmt), buffers_(buffers), session_(stream_from) {
  const unsigned count = mysql_stmt_field_count(stmt);
  const MYSQL_FIELD* fields = stmt->fields;
  ResultBuffers& b = buffers_;
  if (description_holds(b, fields, count, max_bytes_per_char, unicode_text_types)) {
    columns_.swap(b.columns);
    conversions_.swap(b.conversions);
  } else {
    columns_.reserve(count);
    for (unsigned i = 0; i < count; ++i)
      columns_.push_back(describe_field(fields[i], max_bytes_per_char, unicode_text_types));
    b.columns.clear();
    b.conversions.clear();
    b.max_bytes_per_char = max_bytes_per_char;
    b.unicode_text_types = unicode_text_types;
  }
  b.binds.resize(count);
  b.lengths.resize(count);
  b.nulls.resize(count);
  b.errors.resize(count);
  b.cells.resize(count);
  b.kinds.resize(count);
  b.natives.resize(count);
  for (unsigned i = 0; i < count; ++i) {
    // max_length: the longest value of the stored rows (STMT_ATTR_UPDATE_MAX_LENGTH).
    bind_column(b, i, fields[i], std::max(kMinimumCell, fields[i].max_length + 1));
  }
  if (count && mysql_stmt_bind_result(stmt, b.binds.data()) != 0)
    throw OdbcError("HY000", mysql_stmt_error(stmt), static_cast<int>(mysql_stmt_errno(stmt)));
  rows_ = static_cast<std::int64_t>(mysql_stmt_num_rows(stmt));
  if (session_) {
    // Last: nothing above may throw once the session knows this result as its tenant.
    live_.store(true, std::memory_order_relaxed);
    session_->begin_stream(this);
  }
}

BinaryResult::~BinaryResult() {
  if (!session_ || !live_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(session_->mutex());
  if (!live_.load(std::memory_order_relaxed)) return;
  live_.store(false, std::memory_order_relaxed);
  session_->end_binary_stream(this, stmt_);
}

void BinaryResult::park() noexcept {
  // Under the session's lock, from whichever thread needs the link.
  if (!live_.load(std::memory_order_relaxed)) return;
  try {
    session_->stream_store_rest(stmt_);
    total_rows_ = static_cast<std::int64_t>(mysql_stmt_num_rows(stmt_));  // those fetched and those kept
  } catch (...) {
    parked_error_ = std::current_exception();
  }
  parked_ = true;
  live_.store(false, std::memory_order_release);
}

void BinaryResult::unlink() noexcept {
  // Under the session's lock, just before the link closes: the handle must not reach for
  // the connection again.
  if (!live_.load(std::memory_order_relaxed)) return;
  lost_ = true;
  live_.store(false, std::memory_order_release);
}

bool BinaryResult::next() {
  on_row_ = false;
  if (session_) {
    if (live_.load(std::memory_order_acquire)) {
      std::lock_guard lock(session_->mutex());
      if (live_.load(std::memory_order_relaxed)) {
        int rc;
        try {
          rc = session_->stream_fetch(stmt_, rows_read_ == 0);
        } catch (...) {
          live_.store(false, std::memory_order_relaxed);
          throw;
        }
        if (rc == MYSQL_NO_DATA) {
          live_.store(false, std::memory_order_relaxed);
          total_rows_ = rows_read_;
          return false;
        }
        ++rows_read_;
        return take_row(rc);
      }
    }
    if (lost_)
      throw OdbcError("08S01", "Communication link failure: the connection was closed while the result was streamed",
                      CR_SERVER_LOST, ErrorSource::client_library);
    if (parked_error_) {
      // Parking failed: no rows were kept; the failure is reported once.
      std::exception_ptr error = parked_error_;
      parked_error_ = nullptr;
      parked_ = false;
      std::rethrow_exception(error);
    }
    if (!parked_) return false;  // the stream ended
  }
  // A reconnect closed the link these rows came on: libmariadb can no longer decode them.
  if (!stmt_->mysql)
    throw OdbcError("HY000", "The result set was discarded when the connection was re-established; execute the "
                             "statement again");
  return take_row(mysql_stmt_fetch(stmt_));
}

bool BinaryResult::take_row(int rc) {
  if (rc == MYSQL_NO_DATA) return false;
  if (rc == 1) throw OdbcError("HY000", mysql_stmt_error(stmt_), static_cast<int>(mysql_stmt_errno(stmt_)));
  if (rc == MYSQL_DATA_TRUNCATED) {
    // A value longer than its cell: grow the cell, read the value again, keep the size.
    ResultBuffers& b = buffers_;
    bool grown = false;
    for (std::size_t i = 0; i < b.binds.size(); ++i) {
      if (!b.errors[i] || b.nulls[i] || b.kinds[i] != NativeKind::none) continue;
      b.cells[i].resize(b.lengths[i] + 1);
      point_at_cell(b, i);
      if (mysql_stmt_fetch_column(stmt_, &b.binds[i], static_cast<unsigned>(i), 0) != 0)
        throw OdbcError("HY000", mysql_stmt_error(stmt_), static_cast<int>(mysql_stmt_errno(stmt_)));
      grown = true;
    }
    if (grown && mysql_stmt_bind_result(stmt_, b.binds.data()) != 0)
      throw OdbcError("HY000", mysql_stmt_error(stmt_), static_cast<int>(mysql_stmt_errno(stmt_)));
  }
  on_row_ = true;
  return true;
}

bool BinaryResult::seek(std::int64_t row) {
  on_row_ = false;
  if (row < 0 || row >= rows_) return false;
  mysql_stmt_data_seek(stmt_, static_cast<unsigned long long>(row));
  return next();
}

SourceValue BinaryResult::value(std::size_t column) const noexcept {
  if (!on_row_ || buffers_.nulls[column]) return SourceValue{nullptr, 0, true};
  const NativeKind kind = buffers_.kinds[column];
  if (kind != NativeKind::none)
    return SourceValue{reinterpret_cast<const char*>(&buffers_.natives[column]), sizeof(NativeCell), false, kind};
  return SourceValue{buffers_.cells[column].data(), buffers_.lengths[column], false};
}

}  // namespace holdfast
