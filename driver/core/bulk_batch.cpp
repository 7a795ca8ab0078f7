#include "core/bulk_batch.h"

#include <cstring>

namespace holdfast {
namespace {

// The request's own bytes besides the values: statement id, flags, two bytes of type
// per parameter (libmariadb's bulk request layout), and some slack.
constexpr std::size_t kHeaderBytes = 64;

}  // namespace

void BulkBatch::start(std::size_t params, std::size_t max_rows, std::size_t max_bytes) {
  if (columns_.size() != params) {
    columns_.resize(params);
    scratch_binds_.resize(params);
    scratch_slots_.resize(params);
    binds_.resize(params);
  }
  for (Column& c : columns_) {
    c.type = MYSQL_TYPE_NULL;
    c.is_unsigned = 0;
    c.cells.clear();
    c.pointers.clear();
    c.lengths.clear();
    c.indicators.clear();
    c.times.clear();
    c.texts_used = 0;
  }
  rows_ = 0;
  max_rows_ = max_rows;
  bytes_ = kHeaderBytes + 2 * params;
  max_bytes_ = max_bytes;
}

BulkBatch::Added BulkBatch::add(std::span<const ParamSource> row, const LiteralOptions& options) {
  const std::size_t params = columns_.size();
  if (row.size() < params) return Added::text_path;  // the text path reports 07002
  if (rows_ >= max_rows_) return Added::full;
  std::size_t row_bytes = 0;
  bool fits_types = true;
  for (std::size_t k = 0; k < params; ++k) {
    MYSQL_BIND& b = scratch_binds_[k];
    std::memset(&b, 0, sizeof b);
    ParamSlot& slot = scratch_slots_[k];
    slot.is_null = 0;
    slot.length = 0;
    if (!bind_param_value(row[k], options, b, slot)) return Added::text_path;
    const enum_field_types t = b.buffer_type;
    if (t == MYSQL_TYPE_NULL) {
      row_bytes += 1;
      continue;
    }
    const Column& c = columns_[k];
    // One type per parameter for the whole batch: a row that differs starts another.
    if (c.type != MYSQL_TYPE_NULL && (c.type != t || c.is_unsigned != b.is_unsigned)) fits_types = false;
    row_bytes += 1 + (fixed_cell(t) ? 8 : time_value(t) ? 13 : 9 + static_cast<std::size_t>(slot.length));
  }
  if (kHeaderBytes + 2 * params + row_bytes > max_bytes_) return Added::text_path;  // too big even alone
  if (!fits_types || bytes_ + row_bytes > max_bytes_) return Added::full;

  for (std::size_t k = 0; k < params; ++k) {
    const MYSQL_BIND& b = scratch_binds_[k];
    ParamSlot& slot = scratch_slots_[k];
    Column& c = columns_[k];
    const enum_field_types t = b.buffer_type;
    std::uint64_t cell = 0;
    void* pointer = nullptr;
    unsigned long length = 0;
    char indicator = STMT_INDICATOR_NONE;
    if (t == MYSQL_TYPE_NULL) {
      indicator = STMT_INDICATOR_NULL;
    } else {
      if (c.type == MYSQL_TYPE_NULL) {
        c.type = t;
        c.is_unsigned = b.is_unsigned;
      }
      if (fixed_cell(t)) {
        std::memcpy(&cell, b.buffer, sizeof cell);
      } else if (time_value(t)) {
        // An index into `times` until binds(): the vector may still grow.
        pointer = reinterpret_cast<void*>(c.times.size());
        c.times.push_back(slot.fixed.t);
      } else if (b.buffer == slot.text.data()) {
        // Converted text: kept in the batch (its capacity too), pointed to at binds().
        if (c.texts.size() <= c.texts_used) c.texts.emplace_back();
        c.texts[c.texts_used].swap(slot.text);
        pointer = reinterpret_cast<void*>(c.texts_used++);
        length = slot.length;
      } else {
        pointer = b.buffer;  // the application's own bytes
        length = slot.length;
      }
    }
    c.cells.push_back(cell);
    c.pointers.push_back(pointer);
    c.lengths.push_back(length);
    c.indicators.push_back(indicator);
  }
  bytes_ += row_bytes;
  ++rows_;
  return Added::yes;
}

MYSQL_BIND* BulkBatch::binds() {
  for (std::size_t k = 0; k < columns_.size(); ++k) {
    Column& c = columns_[k];
    MYSQL_BIND& b = binds_[k];
    std::memset(&b, 0, sizeof b);
    b.buffer_type = c.type;
    b.is_unsigned = c.is_unsigned;
    b.u.indicator = c.indicators.data();
    if (c.type == MYSQL_TYPE_NULL) continue;  // every value NULL (indicators say so)
    if (fixed_cell(c.type)) {
      b.buffer = c.cells.data();
      continue;
    }
    const bool times = time_value(c.type);
    const bool converted = !times && c.texts_used > 0;
    for (std::size_t r = 0; r < rows_; ++r) {
      if (c.indicators[r] != STMT_INDICATOR_NONE) continue;
      const auto index = reinterpret_cast<std::uintptr_t>(c.pointers[r]);
      if (times) c.pointers[r] = &c.times[index];
      else if (converted) c.pointers[r] = c.texts[index].data();
    }
    b.buffer = c.pointers.data();
    b.length = c.lengths.data();
  }
  return binds_.data();
}

}  // namespace holdfast
