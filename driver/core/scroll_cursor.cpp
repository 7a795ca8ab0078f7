#include "core/scroll_cursor.h"

#include <algorithm>

namespace holdfast {

ScrollCursor::ScrollCursor(std::unique_ptr<ResultSet> rows, std::uint64_t max_rows) : rows_(std::move(rows)) {
  columns_ = rows_->columns();
  count_ = rows_->row_count();
  if (max_rows && static_cast<std::uint64_t>(count_) > max_rows) count_ = static_cast<std::int64_t>(max_rows);
}

bool ScrollCursor::seek(std::int64_t row) {
  replaced_ = nullptr;
  if (row < 0 || row >= count_) {
    current_ = row < 0 ? -1 : count_;
    rows_->seek(-1);
    return false;
  }
  current_ = row;
  if (!copies_.empty()) {
    auto it = copies_.find(row);
    if (it != copies_.end()) replaced_ = &it->second;
  }
  return rows_->seek(row);
}

SourceValue ScrollCursor::value(std::size_t column) const noexcept {
  if (replaced_) {
    const auto& cell = (*replaced_)[column];
    if (!cell) return SourceValue{nullptr, 0, true};
    return SourceValue{cell->data(), static_cast<unsigned long>(cell->size()), false};
  }
  return rows_->value(column);
}

ScrollCursor::Mark ScrollCursor::mark(std::int64_t row) const noexcept {
  if (marks_.empty()) return Mark::none;
  auto it = marks_.find(row);
  return it == marks_.end() ? Mark::none : it->second;
}

void ScrollCursor::set_mark(std::int64_t row, Mark mark) { marks_[row] = mark; }

void ScrollCursor::replace_row(std::int64_t row, Row values) {
  values.resize(columns_.size());
  copies_[row] = std::move(values);
  if (row == current_) replaced_ = &copies_[row];
}

}  // namespace holdfast
