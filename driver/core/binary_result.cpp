#include "core/binary_result.h"

#include <algorithm>
#include <cstring>

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
                           bool unicode_text_types)
    : stmt_(stmt), buffers_(buffers) {
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
}

bool BinaryResult::next() {
  on_row_ = false;
  // A reconnect closed the link these rows came on: libmariadb can no longer decode them.
  if (!stmt_->mysql)
    throw OdbcError("HY000", "The result set was discarded when the connection was re-established; execute the "
                             "statement again");
  const int rc = mysql_stmt_fetch(stmt_);
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
