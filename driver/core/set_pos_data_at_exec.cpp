// Data at execution for SQLSetPos (SQL_UPDATE, SQL_ADD) and SQLBulkOperations (SQL_ADD):
// a bound column whose length/indicator in a row the operation changes is SQL_DATA_AT_EXEC
// or SQL_LEN_DATA_AT_EXEC(n) makes the call return SQL_NEED_DATA. SQLParamData then names
// each such column in turn, row by row, with the address of its value in the rowset buffer
// (bind offset and row applied: for the first row, the pointer given to SQLBindCol);
// SQLPutData sends its value in pieces (core/statement_data_at_exec.cpp collects them);
// the SQLParamData after the last one runs the operation, once, with those values. Nothing
// reaches the server before all the data is in; SQLCancel ends the sequence.
#include <cstdint>
#include <cstring>

#include "core/connection.h"
#include "core/rowset_cell.h"
#include "core/scroll_cursor.h"
#include "core/statement.h"

namespace holdfast {
namespace {

SQLLEN load(const SQLLEN* p) noexcept {
  SQLLEN v = 0;
  std::memcpy(&v, p, sizeof v);  // row-wise buffers need not align it
  return v;
}

}  // namespace

bool Statement::start_cursor_data_at_exec(SQLUSMALLINT operation, SQLSETPOSIROW row, bool bulk) {
  if (dae_.cursor_ready) return false;  // the data is in: the operation runs with it
  const ScrollCursor* cursor = result_ ? result_->as_scroll() : nullptr;
  if (!cursor) return false;
  const std::vector<ColumnMeta>& columns = cursor->columns();
  const DescHeader& h = ard_->header();
  const SQLULEN size = operation == SQL_ADD ? (h.array_size ? h.array_size : 1) : cursor->rowset_rows;
  const SQLULEN from = row ? row - 1 : 0;
  const SQLULEN to = row ? row : size;
  dae_.used = 0;
  dae_.current = -1;
  for (SQLULEN r = from; r < to; ++r) {
    // The rows the operation skips (as set_pos.cpp does).
    if (h.array_status_ptr && h.array_status_ptr[r] == SQL_ROW_IGNORE && (row == 0 || operation == SQL_ADD)) continue;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      RowsetCell cell;
      if (!locate_rowset_cell(*ard_, i + 1, columns[i].default_c_type, r, cell)) continue;
      const SQLLEN* indicator = cell.indicator;
      const SQLLEN* length = cell.length;
      if (indicator && (load(indicator) == SQL_COLUMN_IGNORE || load(indicator) == SQL_NULL_DATA)) continue;
      if (!length || !is_data_at_exec_indicator(load(length))) continue;
      if (dae_.used == dae_.values.size()) dae_.values.emplace_back();
      DaeValue& v = dae_.values[dae_.used++];
      v.number = static_cast<SQLUSMALLINT>(i + 1);
      v.c_type = cell.c_type;
      v.token = cell.data;
      v.row = r;
      v.bytes.clear();
      v.indicator = 0;
      v.started = false;
    }
  }
  if (dae_.used == 0) return false;
  dae_.active = true;
  dae_.cursor_operation = operation;
  dae_.cursor_row = row;
  dae_.cursor_bulk = bulk;
  return true;
}

SQLRETURN Statement::run_cursor_data_at_exec() {
  dae_.active = false;
  dae_.cursor_ready = true;
  struct End {
    DataAtExec& dae;
    ~End() { dae.end(); }  // done or failed, the sequence is over
  } end{dae_};
  if (dae_.cursor_bulk) return bulk_operations(SQL_ADD);
  return set_pos(dae_.cursor_row, dae_.cursor_operation, SQL_LOCK_NO_CHANGE);
}

const DaeValue* Statement::cursor_dae_value(std::size_t column, SQLULEN row) const noexcept {
  if (!dae_.cursor_ready) return nullptr;
  for (std::size_t k = 0; k < dae_.used; ++k) {
    const DaeValue& v = dae_.values[k];
    if (v.number == column + 1 && v.row == row) return &v;
  }
  return nullptr;
}

}  // namespace holdfast
