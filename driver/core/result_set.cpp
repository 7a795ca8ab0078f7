#include "core/result_set.h"

#include <errmsg.h>

#include <mutex>

#include "core/odbc_error.h"

namespace holdfast {

ServerResult::ServerResult(ResultHandle result, unsigned max_bytes_per_char, bool unicode_text_types,
                           Session* stream_from)
    : result_(std::move(result)), session_(stream_from) {
  const unsigned count = mysql_num_fields(result_.get());
  const MYSQL_FIELD* fields = mysql_fetch_fields(result_.get());
  columns_.reserve(count);
  for (unsigned i = 0; i < count; ++i) columns_.push_back(describe_field(fields[i], max_bytes_per_char, unicode_text_types));
  if (session_) {
    // The caller holds the session's lock (the reply was just received under it).
    live_.store(true, std::memory_order_relaxed);
    session_->begin_stream(this);
  }
}

ServerResult::~ServerResult() {
  if (!live_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(session_->mutex());
  if (!live_.load(std::memory_order_relaxed)) return;
  live_.store(false, std::memory_order_relaxed);
  session_->end_stream(this, result_.release());
}

bool ServerResult::next() {
  if (!session_) {
    row_ = mysql_fetch_row(result_.get());
    lengths_ = row_ ? mysql_fetch_lengths(result_.get()) : nullptr;
    return row_ != nullptr;
  }
  if (live_.load(std::memory_order_acquire)) {
    std::lock_guard lock(session_->mutex());
    if (live_.load(std::memory_order_relaxed)) {
      MYSQL_ROW row;
      try {
        row = session_->stream_row(result_.get());
      } catch (...) {
        live_.store(false, std::memory_order_relaxed);
        row_ = nullptr;
        throw;
      }
      if (!row) {
        live_.store(false, std::memory_order_relaxed);
        row_ = nullptr;
        total_rows_ = rows_read_;
        return false;
      }
      row_ = row;
      lengths_ = mysql_fetch_lengths(result_.get());
      ++rows_read_;
      return true;
    }
  }
  return next_parked();
}

bool ServerResult::next_parked() {
  if (lost_) {
    row_ = nullptr;
    throw OdbcError("08S01", "Communication link failure: the connection was closed while the result was streamed",
                    CR_SERVER_LOST, ErrorSource::client_library);
  }
  const std::size_t width = columns_.size();
  const std::size_t parked_rows = width ? parked_offsets_.size() / width : 0;
  if (!parked_ || parked_next_ >= parked_rows) {
    row_ = nullptr;
    if (parked_error_) {
      std::exception_ptr error = parked_error_;
      parked_error_ = nullptr;  // reported once; afterwards the rows are simply over
      std::rethrow_exception(error);
    }
    return false;
  }
  view_parked(parked_next_);
  ++parked_next_;
  ++rows_read_;
  return true;
}

void ServerResult::keep(MYSQL_ROW row, const unsigned long* lengths) {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (!row[c]) {
      parked_offsets_.push_back(std::string::npos);
      parked_lengths_.push_back(0);
      continue;
    }
    parked_offsets_.push_back(parked_bytes_.size());
    parked_lengths_.push_back(lengths[c]);
    parked_bytes_.append(row[c], lengths[c]);
    parked_bytes_.push_back('\0');
  }
}

void ServerResult::view_parked(std::size_t index) {
  const std::size_t width = columns_.size();
  const std::size_t first = index * width;
  parked_view_.resize(width);
  for (std::size_t c = 0; c < width; ++c) {
    const std::size_t offset = parked_offsets_[first + c];
    parked_view_[c] = offset == std::string::npos ? nullptr : parked_bytes_.data() + offset;
  }
  row_ = parked_view_.data();
  lengths_ = parked_lengths_.data() + first;
}

void ServerResult::park() noexcept {
  // Under the session's lock, from whichever thread needs the link.
  if (!live_.load(std::memory_order_relaxed)) return;
  // The owner may be reading the current row on its own thread: wait until it is done, and
  // keep it off the row until the row points at its copy (the reads below overwrite the
  // link's buffer the row lives in).
  park_rows();
  // Last, after row_mutex_ is released: once live_ is false the owner may free this result
  // without the session's lock.
  live_.store(false, std::memory_order_release);
}

void ServerResult::park_rows() noexcept {
  std::lock_guard hold(row_mutex_);
  try {
    // The current row (the application may still read it with SQLGetData) is kept first.
    const bool on_row = row_ != nullptr;
    if (on_row) keep(row_, lengths_);
    std::int64_t remaining = 0;
    try {
      while (MYSQL_ROW row = session_->stream_row(result_.get())) {
        keep(row, mysql_fetch_lengths(result_.get()));
        ++remaining;
      }
      total_rows_ = rows_read_ + remaining;
    } catch (...) {
      parked_error_ = std::current_exception();
    }
    parked_view_.assign(columns_.size(), nullptr);
    parked_ = true;
    parked_next_ = 0;
    if (on_row) {
      // Point the current row at its parked copy; next() continues after it.
      view_parked(0);
      parked_next_ = 1;
    }
  } catch (...) {
    // Out of memory while parking: the rows cannot be kept; the stream is reported lost.
    parked_error_ = std::make_exception_ptr(
        OdbcError("HY001", "Memory allocation error: the rest of the streamed result did not fit in memory"));
    parked_bytes_.clear();
    parked_offsets_.clear();
    parked_lengths_.clear();
    parked_ = true;
    row_ = nullptr;
    parked_next_ = 0;
  }
}

void ServerResult::unlink() noexcept {
  // Under the session's lock, just before the link closes: the result must not reach
  // for the connection again (not even to skip its rows when freed).
  if (!live_.load(std::memory_order_relaxed)) return;
  {
    std::lock_guard hold(row_mutex_);
    // The current row lives in the link's buffer, which goes with the link: a copy stays
    // for SQLGetData; the next fetch reports the loss.
    if (row_ && !columns_.empty()) {
      try {
        keep(row_, lengths_);
        view_parked(parked_offsets_.size() / columns_.size() - 1);
      } catch (...) {
        row_ = nullptr;
      }
    }
    if (result_) result_->handle = nullptr;
    lost_ = true;
  }
  live_.store(false, std::memory_order_release);  // last: see park()
}

SourceValue ServerResult::value(std::size_t column) const noexcept {
  if (!row_ || !row_[column]) return SourceValue{nullptr, 0, true};
  return SourceValue{row_[column], lengths_[column], false};
}

bool ServerResult::seek(std::int64_t row) {
  if (row < 0 || row >= row_count()) {
    row_ = nullptr;
    lengths_ = nullptr;
    return false;
  }
  mysql_data_seek(result_.get(), static_cast<unsigned long long>(row));
  return next();
}

std::int64_t ServerResult::row_count() const noexcept {
  if (session_) return total_rows_;
  return static_cast<std::int64_t>(mysql_num_rows(result_.get()));
}

LocalResult::LocalResult(std::vector<ColumnMeta> columns, std::vector<Row> rows) : rows_(std::move(rows)) {
  columns_ = std::move(columns);
}

bool LocalResult::next() {
  if (position_ < rows_.size()) {
    ++position_;
    return true;
  }
  position_ = rows_.size() + 1;
  return false;
}

bool LocalResult::seek(std::int64_t row) {
  if (row < 0 || row >= row_count()) {
    position_ = row < 0 ? 0 : rows_.size() + 1;
    return false;
  }
  position_ = static_cast<std::size_t>(row) + 1;
  return true;
}

SourceValue LocalResult::value(std::size_t column) const noexcept {
  if (position_ == 0 || position_ > rows_.size()) return SourceValue{nullptr, 0, true};
  const auto& cell = rows_[position_ - 1][column];
  if (!cell) return SourceValue{nullptr, 0, true};
  return SourceValue{cell->data(), static_cast<unsigned long>(cell->size()), false};
}

}  // namespace holdfast
