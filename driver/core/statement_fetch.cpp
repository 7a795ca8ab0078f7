// SQLBindCol, SQLFetch (with row arrays and both binding orientations) and SQLGetData.
#include <cstdint>

#include "core/bookmark.h"
#include "core/connection.h"
#include "core/statement.h"

namespace holdfast {
namespace {

bool known_c_type(SQLSMALLINT c_type) {
  switch (c_type) {
    // The common ones answered without asking the conversion tables (SQLGetData's
    // per-call path).
    case SQL_C_DEFAULT:
    case SQL_C_CHAR:
    case SQL_C_WCHAR:
    case SQL_C_BINARY:
    case SQL_C_SLONG:
    case SQL_C_SBIGINT:
    case SQL_C_DOUBLE:
    case SQL_C_TYPE_TIMESTAMP:
      return true;
    default:
      return c_type_octet_size(c_type) != 0;
  }
}

// The text of a conversion warning (01004 or 01S07).
std::string warning_text(const char* sqlstate) {
  return std::string_view(sqlstate) == "01004" ? "String data, right truncated" : "Fractional truncation";
}

template <class T>
T* advance(T* base, SQLLEN bytes) {
  return base ? reinterpret_cast<T*>(reinterpret_cast<std::uintptr_t>(base) + static_cast<std::uintptr_t>(bytes))
              : nullptr;
}

}  // namespace

const ColumnMeta& Statement::column_meta(SQLUSMALLINT column) const {
  if (column == 0) {
    if (use_bookmarks_ == SQL_UB_OFF)
      throw OdbcError("07009", "Invalid descriptor index: column 0 (the bookmark) needs SQL_ATTR_USE_BOOKMARKS on");
    return bookmark_column(use_bookmarks_);
  }
  if (!result_ || column > result_->columns().size()) throw OdbcError("07009", "Invalid descriptor index");
  return result_->columns()[column - 1];
}

SQLRETURN Statement::bind_column(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length,
                                 SQLLEN* indicator) {
  if (column == 0) return bind_bookmark(c_type, buffer, buffer_length, indicator);
  if (column > 32767) throw OdbcError("07009", "Invalid descriptor index");
  if (buffer_length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  if (!buffer && !indicator) {
    ard_->unbind(column);
    return SQL_SUCCESS;
  }
  if (!known_c_type(c_type)) throw OdbcError("HY003", "Invalid application buffer type " + std::to_string(c_type));
  DescRecord& r = ard_->record_for_write(static_cast<SQLSMALLINT>(column));
  r = DescRecord{};
  set_concise_type(r, c_type);
  r.octet_length = buffer_length;
  r.data_ptr = buffer;
  r.indicator_ptr = indicator;
  r.octet_length_ptr = indicator;
  return SQL_SUCCESS;
}

SQLRETURN Statement::fetch_row_into(std::size_t row) {
  plan_fetch();
  return fetch_planned_row(row);
}

void Statement::plan_fetch() {
  fetch_plan_.clear();  // keeps its capacity: no allocation after the first fetch
  const std::vector<ColumnMeta>& columns = result_->columns();
  const DescHeader& h = ard_->header();
  const SQLLEN offset = h.bind_offset_ptr ? *h.bind_offset_ptr : 0;
  const std::vector<DescRecord>& records = ard_->records();
  const std::size_t count = std::min(records.size(), columns.size());
  for (std::size_t i = 0; i < count; ++i) {
    const DescRecord& b = records[i];
    if (!b.bound()) continue;
    BoundCell& cell = fetch_plan_.emplace_back();
    cell.column = i;
    const SQLSMALLINT c_type = b.concise_type;
    cell.conversion = result_->conversion(i, c_type);
    if (h.bind_type == SQL_BIND_BY_COLUMN) {
      const SQLLEN size = cell.conversion.octet_size;
      cell.stride = size ? size : b.octet_length;
      cell.length_stride = sizeof(SQLLEN);
    } else {
      cell.stride = cell.length_stride = static_cast<SQLLEN>(h.bind_type);
    }
    cell.first = CellTarget{c_type, advance(b.data_ptr, offset), b.octet_length, advance(b.octet_length_ptr, offset),
                            advance(b.indicator_ptr, offset)};
    if (c_type == SQL_C_NUMERIC) {
      cell.first.numeric_precision = numeric_precision(b);
      cell.first.numeric_scale = numeric_scale(b);
    }
    if (max_length_ && (c_type == SQL_C_CHAR || c_type == SQL_C_BINARY) && cell.first.buffer_length > 0)
      cell.first.buffer_length = std::min<SQLLEN>(cell.first.buffer_length, static_cast<SQLLEN>(max_length_));
  }
}

SQLRETURN Statement::fetch_planned_row(std::size_t row) {
  const std::vector<ColumnMeta>& columns = result_->columns();
  const bool single = (ard_->header().array_size ? ard_->header().array_size : 1) == 1;
  const auto r = static_cast<SQLLEN>(row);
  SQLRETURN rc = SQL_SUCCESS;
  if (use_bookmarks_ != SQL_UB_OFF && ard_->bookmark_record().bound() && write_row_bookmark(row)) {
    warn("01004", "String data, right truncated in column 0 (the bookmark)");
    rc = SQL_SUCCESS_WITH_INFO;
  }
  for (const BoundCell& cell : fetch_plan_) {
    CellTarget target = cell.first;
    if (r) {
      target.buffer = advance(target.buffer, r * cell.stride);
      target.length_ptr = advance(target.length_ptr, r * cell.length_stride);
      target.indicator_ptr = advance(target.indicator_ptr, r * cell.length_stride);
    }
    try {
      ConvertResult cr = cell.conversion.convert(columns[cell.column], result_->value(cell.column), target, nullptr);
      if (cr.warning_sqlstate) {
        std::string text = warning_text(cr.warning_sqlstate) + " in column " + std::to_string(cell.column + 1);
        // In a block the warning names its row (SQL_DIAG_ROW_NUMBER), as errors do.
        if (single) {
          warn(cr.warning_sqlstate, text);
        } else {
          record_row(OdbcError(cr.warning_sqlstate, std::move(text)), r + 1);
        }
        rc = SQL_SUCCESS_WITH_INFO;
      }
    } catch (OdbcError& e) {
      if (single) throw;
      record_row(e, r + 1);
      rc = SQL_ERROR;
    }
  }
  return rc;
}

SQLRETURN Statement::fetch() {
  refuse_needing_data("SQLFetch");
  require_result("SQLFetch");
  if (result_->as_scroll()) return fetch_scroll(SQL_FETCH_NEXT, 0);
  for (PieceState& p : pieces_) p.reset();
  if (block_row_ >= 0) {  // SQLSetPos moved the buffered result: back to the rowset's last row
    result_->seek(block_first_ + block_rows_ - 1);
    block_row_ = -1;
  }
  const SQLULEN block = ard_->header().array_size ? ard_->header().array_size : 1;
  SQLUSMALLINT* const status = ird_->header().array_status_ptr;
  SQLULEN* const fetched_ptr = ird_->header().rows_processed_ptr;
  SQLULEN fetched = 0, errors = 0;
  bool warned = false;
  if (retrieve_data_ != SQL_RD_OFF) plan_fetch();
  for (SQLULEN row = 0; row < block; ++row) {
    if (max_rows_ && rows_fetched_total_ >= max_rows_) break;
    if (!result_->next()) {
      // A streamed result knows its row count at its end (SQLRowCount was -1 until now).
      if (affected_rows_ < 0) affected_rows_ = diag().row_count = diag().cursor_row_count = result_->row_count();
      break;
    }
    ++rows_fetched_total_;
    // SQL_ATTR_RETRIEVE_DATA off: the cursor moves, bound buffers are left alone.
    SQLRETURN rc = SQL_SUCCESS;
    if (retrieve_data_ != SQL_RD_OFF) {
      const std::unique_lock<std::mutex> hold = result_->hold_row();
      rc = fetch_planned_row(row);
    }
    ++fetched;
    if (rc == SQL_ERROR) ++errors;
    if (rc == SQL_SUCCESS_WITH_INFO) warned = true;
    if (status) status[row] = rc == SQL_ERROR ? SQL_ROW_ERROR : rc == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO : SQL_ROW_SUCCESS;
  }
  if (status)
    for (SQLULEN row = fetched; row < block; ++row) status[row] = SQL_ROW_NOROW;
  if (fetched_ptr) *fetched_ptr = fetched;
  block_first_ = static_cast<std::int64_t>(rows_fetched_total_ - fetched);
  block_rows_ = static_cast<std::int64_t>(fetched);
  row_valid_ = fetched > 0;
  if (fetched == 0) return SQL_NO_DATA;
  if (errors == fetched) return SQL_ERROR;
  return errors || warned ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN Statement::get_data(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer, SQLLEN buffer_length,
                              SQLLEN* indicator) {
  // Called once per column and row: each check is one comparison when it passes, and the
  // out-of-line checks run only to raise their error (same order: HY010, HY010/24000,
  // 24000, HYC00, 07009, HY003).
  if (dae_.active) refuse_needing_data("SQLGetData");
  if (!executed_ || !result_) require_result("SQLGetData");
  if (!row_valid_) throw OdbcError("24000", "Invalid cursor state: the cursor is not on a row");
  if (ard_->header().array_size > 1 && !result_->as_scroll()) position_block_default();
  const std::vector<ColumnMeta>& columns = result_->columns();
  const ColumnMeta& meta = column != 0 && column <= columns.size() ? columns[column - 1] : column_meta(column);
  if (column == 0) return get_bookmark(c_type, buffer, buffer_length, indicator);
  if (!known_c_type(c_type) && c_type != SQL_ARD_TYPE)
    throw OdbcError("HY003", "Invalid application buffer type " + std::to_string(c_type));
  CellTarget target{c_type, buffer, buffer_length, indicator, indicator};
  if (c_type == SQL_ARD_TYPE) {
    const DescRecord* r = ard_->record(column);
    if (!r) throw OdbcError("07009", "SQL_ARD_TYPE for a column the ARD does not describe");
    target.c_type = r->concise_type;
    if (target.c_type == SQL_C_NUMERIC) {
      target.numeric_precision = numeric_precision(*r);
      target.numeric_scale = numeric_scale(*r);
    }
  }
  const ColumnConversion& conversion = result_->conversion(column - 1, target.c_type);
  const std::unique_lock<std::mutex> hold = result_->hold_row();
  ConvertResult cr = conversion.convert(meta, result_->value(column - 1), target, &pieces_[column - 1]);
  if (cr.warning_sqlstate)
    warn(cr.warning_sqlstate, warning_text(cr.warning_sqlstate));
  return cr.rc;
}

}  // namespace holdfast
