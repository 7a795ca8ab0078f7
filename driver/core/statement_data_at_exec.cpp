// Data at execution: SQLExecute / SQLExecDirect return SQL_NEED_DATA when a parameter's
// indicator is SQL_DATA_AT_EXEC or SQL_LEN_DATA_AT_EXEC(n); SQLParamData names each such
// parameter in turn (its SQL_DESC_DATA_PTR), SQLPutData sends its value in pieces, and
// the SQLParamData after the last parameter executes the statement. Arrays of
// parameters run one parameter set at a time; a set without such parameters runs at
// once. Nothing reaches the server before all of a set's data is in.
//
// SQLSTATEs (any error of SQLPutData or SQLParamData ends the sequence, as SQLCancel
// does): HY010 SQLParamData/SQLPutData out of sequence, or any other statement
// function while data is awaited; HY019 a second piece of
// a value that is neither character nor binary; HY020 a piece after SQL_NULL_DATA or
// SQL_DEFAULT_PARAM (or those after a piece); HY090 a bad length; HY009 a null data
// pointer with a non-zero length.
#include <cstring>

#include "core/connection.h"
#include "core/param_literal.h"
#include "core/server_statement.h"
#include "core/statement.h"
#include "core/statement_sql.h"

namespace holdfast {
namespace {

bool pieces_allowed(SQLSMALLINT c_type) noexcept {
  return c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY;
}

SQLSMALLINT resolved_c_type(SQLSMALLINT c_type, SQLSMALLINT sql_type) {
  return c_type == SQL_C_DEFAULT ? param_default_c_type(sql_type) : c_type;
}

SQLLEN load_indicator(const SQLLEN* p) noexcept {
  SQLLEN v = 0;
  std::memcpy(&v, p, sizeof v);  // row-wise buffers need not align it
  return v;
}

}  // namespace

void Statement::refuse_needing_data(const char* function) const {
  if (dae_.active)
    throw OdbcError("HY010", std::string("Function sequence error: ") + function +
                                 " while the statement waits for data at execution (SQLParamData/SQLPutData)");
}

bool Statement::start_data_at_exec(SQLULEN row) {
  dae_.used = 0;
  dae_.current = -1;
  dae_.row = row;
  const std::size_t count = markers_.size() + first_param_;
  for (std::size_t number = first_param_ + 1; number <= count; ++number) {
    const DescRecord* a = apd_->record(number);
    const DescRecord* p = ipd_->record(number);
    if (!a || !p || p->parameter_type == SQL_PARAM_OUTPUT) continue;
    const SQLLEN* indicator = parameter_indicator(*apd_, static_cast<SQLUSMALLINT>(number), row);
    if (!indicator || !is_data_at_exec_indicator(load_indicator(indicator))) continue;
    if (dae_.used == dae_.values.size()) dae_.values.emplace_back();
    DaeValue& v = dae_.values[dae_.used++];
    v.number = static_cast<SQLUSMALLINT>(number);
    v.c_type = resolved_c_type(a->concise_type, p->concise_type);
    v.token = parameter_data(*apd_, static_cast<SQLUSMALLINT>(number), row);
    v.bytes.clear();
    v.indicator = 0;
    v.started = false;
  }
  dae_.active = dae_.used > 0;
  return dae_.active;
}

bool Statement::array_needs_data() const {
  const DescHeader& h = apd_->header();
  const std::size_t count = markers_.size() + first_param_;
  for (SQLULEN row = 0; row < h.array_size; ++row) {
    if (h.array_status_ptr && h.array_status_ptr[row] == SQL_PARAM_IGNORE) continue;
    for (std::size_t number = 1; number <= count; ++number) {
      const DescRecord* p = ipd_->record(number);
      if (!p || p->parameter_type == SQL_PARAM_OUTPUT) continue;
      const SQLLEN* indicator = parameter_indicator(*apd_, static_cast<SQLUSMALLINT>(number), row);
      if (indicator && is_data_at_exec_indicator(load_indicator(indicator))) return true;
    }
  }
  return false;
}

SQLRETURN Statement::param_data(SQLPOINTER* value) {
  if (!dae_.active)
    throw OdbcError("HY010", "Function sequence error: no parameter is waiting for data at execution");
  if (dae_.current >= 0) {
    DaeValue& v = dae_.values[static_cast<std::size_t>(dae_.current)];
    if (dae_.streaming) {
      try {
        finish_long_value(v);
      } catch (...) {
        if (dae_.direct) prepared_ = false;
        dae_.end();
        throw;
      }
    }
    if (!v.started && !pieces_allowed(v.c_type)) {
      // Nothing to execute with: the sequence ends, as after an error.
      const std::string number = std::to_string(v.number);
      if (dae_.direct) prepared_ = false;
      dae_.end();
      throw OdbcError("HY000", "No data was sent with SQLPutData for parameter " + number);
    }
  }
  const auto next = static_cast<std::size_t>(dae_.current + 1);
  if (next < dae_.used) {
    dae_.current = static_cast<std::ptrdiff_t>(next);
    if (value) *value = dae_.values[next].token;
    return SQL_NEED_DATA;
  }
  if (dae_.cursor_operation) return run_cursor_data_at_exec();  // SQLSetPos / SQLBulkOperations
  // All of the set's data is in: execute it.
  const bool direct = dae_.direct;
  dae_.active = false;
  SQLRETURN rc;
  try {
    rc = apd_->header().array_size > 1 ? run_array_from(dae_.row, true, value) : run_single_row();
  } catch (...) {
    dae_.end();
    if (direct) prepared_ = false;
    throw;
  }
  if (rc == SQL_NEED_DATA) {
    dae_.direct = direct;
    return rc;
  }
  dae_.end();
  if (direct) prepared_ = false;
  return rc;
}

SQLRETURN Statement::put_data(SQLPOINTER data, SQLLEN length) {
  if (!dae_.active || dae_.current < 0)
    throw OdbcError("HY010", dae_.active ? "Function sequence error: SQLPutData before SQLParamData named a parameter"
                                         : "Function sequence error: no parameter is waiting for data at execution");
  try {
    return append_piece(dae_.values[static_cast<std::size_t>(dae_.current)], data, length);
  } catch (...) {
    // An error ends the sequence (the statement is back where SQLExecute found it).
    if (dae_.direct) prepared_ = false;
    dae_.end();
    throw;
  }
}

SQLRETURN Statement::append_piece(DaeValue& v, SQLPOINTER data, SQLLEN length) {
  if (length == SQL_NULL_DATA || length == SQL_DEFAULT_PARAM) {
    if (v.started) throw OdbcError("HY020", "Attempt to concatenate a null value: data was already sent");
    if (dae_.streaming && length == SQL_DEFAULT_PARAM) {
      // The binary protocol has no DEFAULT (core/statement_long_data.cpp).
      if (server_->long_data_sent())
        throw OdbcError("HYC00", "SQL_DEFAULT_PARAM for parameter " + std::to_string(v.number) +
                                     " after data at execution went to the server is not supported");
      dae_.streaming = false;
    }
    if (dae_.streaming) server_->set_null(v.number - 1u);
    v.started = true;
    v.indicator = length;
    return SQL_SUCCESS;
  }
  if (v.started && v.indicator < 0)
    throw OdbcError("HY020", "Attempt to concatenate a null value: the parameter was sent as NULL or DEFAULT");
  if (v.started && !pieces_allowed(v.c_type))
    throw OdbcError("HY019", "Non-character and non-binary data sent in pieces (parameter " +
                                 std::to_string(v.number) + ")");
  if (!pieces_allowed(v.c_type)) {
    // One fixed-size value; the length is ignored (SQL_C_NUMERIC, dates, numbers...).
    const SQLLEN size = c_type_octet_size(v.c_type);
    if (size <= 0) throw OdbcError("HY003", "Invalid application buffer type " + std::to_string(v.c_type));
    if (!data) throw OdbcError("HY009", "Invalid use of null pointer: no data");
    v.bytes.assign(static_cast<const char*>(data), static_cast<std::size_t>(size));
    v.indicator = size;
    v.started = true;
    return SQL_SUCCESS;
  }
  std::size_t bytes;
  if (length >= 0) {
    bytes = static_cast<std::size_t>(length);
  } else if (length == SQL_NTS && v.c_type != SQL_C_BINARY) {
    if (!data) throw OdbcError("HY009", "Invalid use of null pointer: no data");
    if (v.c_type == SQL_C_CHAR) {
      bytes = std::strlen(static_cast<const char*>(data));
    } else {
      const auto* w = static_cast<const SQLWCHAR*>(data);
      std::size_t units = 0;
      while (w[units] != 0) ++units;
      bytes = units * sizeof(SQLWCHAR);
    }
  } else {
    throw OdbcError("HY090", "Invalid string or buffer length " + std::to_string(length));
  }
  if (bytes > 0 && !data) throw OdbcError("HY009", "Invalid use of null pointer: no data");
  if (bytes > 0) {
    if (dae_.streaming)
      send_long_piece(v, static_cast<const char*>(data), bytes);
    else
      v.bytes.append(static_cast<const char*>(data), bytes);
  }
  v.indicator = static_cast<SQLLEN>(v.bytes.size());
  v.started = true;
  return SQL_SUCCESS;
}

SQLRETURN Statement::run_array_from(SQLULEN row, bool data_ready, SQLPOINTER* named) {
  const DescHeader& ah = apd_->header();
  const SQLULEN size = ah.array_size ? ah.array_size : 1;
  const SQLUSMALLINT* const operations = ah.array_status_ptr;
  SQLUSMALLINT* const status = ipd_->header().array_status_ptr;
  SQLULEN* const processed_ptr = ipd_->header().rows_processed_ptr;
  if (row == 0 && !data_ready) {
    for (SQLULEN r = 0; r < size; ++r)
      if (status) status[r] = SQL_PARAM_UNUSED;
    if (processed_ptr) *processed_ptr = 0;
    SQLULEN to_run = 0;
    for (SQLULEN r = 0; r < size; ++r) to_run += operations && operations[r] == SQL_PARAM_IGNORE ? 0 : 1;
    // {?= call f(?)} with its value bound for output is a SELECT without a result set.
    const DescRecord* value_ipd = first_param_ ? ipd_->record(1) : nullptr;
    const bool value_out = value_ipd && (value_ipd->parameter_type == SQL_PARAM_OUTPUT ||
                                         value_ipd->parameter_type == SQL_PARAM_INPUT_OUTPUT);
    if (is_read_ && to_run > 1 && !value_out)
      throw OdbcError("HYC00", "Arrays of parameters for statements that return result sets are not supported");
  }
  bool stopped = false;
  for (; row < size && !stopped; ++row, data_ready = false) {
    if (operations && operations[row] == SQL_PARAM_IGNORE) continue;
    if (!data_ready && start_data_at_exec(row)) {
      if (named) {
        // SQLParamData goes on to the next set: it names that set's first parameter.
        dae_.current = 0;
        *named = dae_.values[0].token;
      }
      return SQL_NEED_DATA;
    }
    try {
      run_parameter_set(row);
      dae_.affected += affected_rows_ > 0 ? static_cast<unsigned long long>(affected_rows_) : 0;
      SQLUSMALLINT row_status = SQL_PARAM_SUCCESS;
      if (warnings_ > 0) {
        record_server_warnings({row});
        row_status = SQL_PARAM_SUCCESS_WITH_INFO;
        dae_.warned = true;
      }
      if (outputs_warned_) {  // an output value truncated (statement_call.cpp)
        row_status = SQL_PARAM_SUCCESS_WITH_INFO;
        dae_.warned = true;
      }
      if (status) status[row] = row_status;
    } catch (const OdbcError& e) {
      record_row(e, static_cast<SQLLEN>(row) + 1);
      if (status) status[row] = SQL_PARAM_ERROR;
      ++dae_.errors;
      stopped = stops_the_array(e);
    }
    dae_.used = 0;
    ++dae_.processed;
    if (processed_ptr) *processed_ptr = dae_.processed;
  }
  executed_ = true;
  if (!result_) {
    affected_rows_ = static_cast<SQLLEN>(dae_.affected);
    diag().row_count = affected_rows_;
  }
  const SQLULEN errors = dae_.errors, processed = dae_.processed;
  const bool warned = dae_.warned;
  dae_.end();
  if (errors > 0 && errors == processed) return SQL_ERROR;
  if (errors > 0 || warned) return SQL_SUCCESS_WITH_INFO;
  return finish_execute();
}

}  // namespace holdfast
