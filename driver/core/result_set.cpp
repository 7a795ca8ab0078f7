#include "core/result_set.h"

namespace holdfast {

ServerResult::ServerResult(ResultHandle result, unsigned max_bytes_per_char, bool unicode_text_types)
    : result_(std::move(result)) {
  const unsigned count = mysql_num_fields(result_.get());
  const MYSQL_FIELD* fields = mysql_fetch_fields(result_.get());
  columns_.reserve(count);
  for (unsigned i = 0; i < count; ++i) columns_.push_back(describe_field(fields[i], max_bytes_per_char, unicode_text_types));
}

bool ServerResult::next() {
  row_ = mysql_fetch_row(result_.get());
  lengths_ = row_ ? mysql_fetch_lengths(result_.get()) : nullptr;
  return row_ != nullptr;
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
