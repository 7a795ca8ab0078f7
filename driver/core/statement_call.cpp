// Executing one parameter set, and the output parameters of procedure calls.
//
// Output and input/output parameters of "CALL p(?, ?)" / "{call p(?, ?)}" go through
// session user variables (the text protocol has no other way back): marker N of an
// output parameter is sent as @hf_out_N, an input/output one is first set with
// "SET @hf_out_N = <literal>", and once the CALL's results are consumed (at once for a
// procedure without result sets, else when SQLMoreResults finds no more)
// "SELECT @hf_out_N, ..." is read and each value converted into the application's
// buffer with the result converters. Every statement goes through the session; the CALL
// is a write and is never sent again. Setting user variables is session state the
// driver does not rebuild: the server reports it, and the session stops reconnecting
// transparently (RESILIENCE.md 3) while they hold values, so a CALL's outputs are never
// read from a new link. The statement that reads them also clears them
// ("SELECT @hf_out_1, @hf_out_1 := NULL"), and then the session's state flag is what it
// was before the CALL: the connection reconnects transparently again unless the
// application itself made state the driver cannot rebuild, or the procedure could have
// made some (the server reports one flag for the CALL, so its definition is read once
// per connection and scanned: core/procedure_state.h).
//
// With an array of parameter sets, each set is one CALL whose outputs land in that
// set's buffers; the result sets a procedure returns are discarded there.
//
// "{?= call f(?)}" is sent as "SELECT f(?)": its one value goes to parameter 1 and the
// statement has no result set; with parameter 1 not bound for output, the value is a
// one-row result set.
//
// Outside a CALL, an input/output parameter is an input; an output-only one is HY105.
#include "core/connection.h"
#include "core/param_literal.h"
#include "core/procedure_state.h"
#include "core/result_set.h"
#include "core/session.h"
#include "core/statement.h"
#include "core/statement_sql.h"

#include <cstdint>
#include <cstring>

namespace holdfast {
namespace {

bool is_output(SQLSMALLINT type) noexcept { return type == SQL_PARAM_OUTPUT || type == SQL_PARAM_INPUT_OUTPUT; }

void append_variable(std::string& out, SQLUSMALLINT number) {
  out += "@hf_out_";
  out += std::to_string(number);
}

template <class T>
T* advance(T* base, SQLLEN bytes) noexcept {
  return base ? reinterpret_cast<T*>(reinterpret_cast<std::uintptr_t>(base) + static_cast<std::uintptr_t>(bytes))
              : nullptr;
}

std::string conversion_warning(const char* sqlstate, SQLUSMALLINT number) {
  return std::string(std::string_view(sqlstate) == "01004" ? "String data, right truncated"
                                                           : "Fractional truncation") +
         " in output parameter " + std::to_string(number);
}

}  // namespace

bool Statement::has_output_parameters() const {
  if (first_param_) return true;
  if (!is_call_) return false;
  const std::size_t count = markers_.size();
  for (std::size_t n = 1; n <= count; ++n) {
    const DescRecord* p = ipd_->record(n);
    if (p && is_output(p->parameter_type)) return true;
  }
  return false;
}

void Statement::parameter_set_sources(SQLULEN row, std::vector<ParamSource>& out) {
  const std::size_t count = markers_.size();
  if (count > 0 && apd_->records().size() < count + first_param_)
    throw OdbcError("07002", "COUNT field incorrect: " + std::to_string(count + first_param_) +
                                 " parameters, " + std::to_string(apd_->records().size()) + " bound");
  out.reserve(count);
  parameter_sources(*apd_, *ipd_, count, row, out, first_param_);
  // Data sent with SQLPutData replaces the application's buffer.
  for (std::size_t k = 0; k < dae_.used; ++k) {
    DaeValue& v = dae_.values[k];
    if (v.number <= first_param_) continue;
    ParamSource& s = out[v.number - 1 - first_param_];
    s.c_type = v.c_type;
    s.value = v.bytes.data();
    s.buffer_length = static_cast<SQLLEN>(v.bytes.size());
    s.str_len_or_ind = &v.indicator;
  }
}

void Statement::run_parameter_set(SQLULEN row) {
  const ScanOptions options = scan_options();
  const LiteralOptions literal{options.charset, options.no_backslash_escapes};
  std::vector<ParamSource>& sources = call_sources_;
  parameter_set_sources(row, sources);
  outputs_row_ = row;
  outputs_warned_ = false;
  const std::size_t count = markers_.size();
  auto type_of = [&](std::size_t marker) {
    const DescRecord* p = ipd_->record(marker + 1 + first_param_);
    return p ? p->parameter_type : static_cast<SQLSMALLINT>(SQL_PARAM_INPUT);
  };
  for (std::size_t i = 0; i < count; ++i)
    if (!is_call_ && type_of(i) == SQL_PARAM_OUTPUT)
      throw OdbcError("HY105", "Invalid parameter type: parameter " + std::to_string(i + 1 + first_param_) +
                                   " is an output parameter, and the statement is not a procedure call");

  const DescRecord* returned = first_param_ ? apd_->record(1) : nullptr;
  const DescRecord* returned_ipd = first_param_ ? ipd_->record(1) : nullptr;
  if (returned && returned->bound() && returned_ipd && is_output(returned_ipd->parameter_type)) {
    // {?= call f(...)}: SELECT f(...); its value is parameter 1.
    const std::string text = interpolate_params(sql_, markers_, sources, literal);
    reset_result();
    StatementReply reply = send(text);
    executed_ = true;
    affected_rows_ = -1;
    diag().row_count = affected_rows_;
    if (!reply.result) return;
    ServerResult value(std::move(reply.result), connection_.max_bytes_per_char(), connection_.unicode_text_types());
    if (value.next() && !value.columns().empty()) write_output(row, 1, value.columns()[0], value.value(0));
    return;
  }
  if (first_param_ || !has_output_parameters()) {
    // Parameter 1 of {?= call f(...)} not bound for output: the value is a one-row result.
    run(interpolate_params(sql_, markers_, sources, literal));
    return;
  }

  std::string set;
  std::vector<SQLUSMALLINT> outputs;
  std::size_t hint = 0;
  for (const ParamSource& s : sources) hint += param_literal_size_bound(s) + 16;
  const std::string text = interpolate(
      sql_, markers_,
      [&](std::size_t i, std::string& out) {
        const auto number = static_cast<SQLUSMALLINT>(i + 1);
        const SQLSMALLINT type = type_of(i);
        if (!is_output(type)) {
          append_param_literal(out, sources[i], literal);
          return;
        }
        append_variable(out, number);
        outputs.push_back(number);
        if (type == SQL_PARAM_INPUT_OUTPUT) {
          set += set.empty() ? "SET " : ", ";
          append_variable(set, number);
          set += " = ";
          append_param_literal(set, sources[i], literal);
        }
      },
      hint);
  reset_result();
  {
    Session& session = connection_.session();
    std::lock_guard lock(session.mutex());
    state_before_call_ = session.unrebuildable_state();
    link_of_call_ = session.generation();
  }
  if (!set.empty()) send(set);
  run(text);
  outputs_pending_ = std::move(outputs);
  if (apd_->header().array_size > 1 && (result_ || more_pending_)) close_results_keeping_outputs();
  if (!more_pending_) fetch_outputs();
}

void Statement::close_results_keeping_outputs() {
  // A set of an array: its results are not the application's to read.
  result_.reset();  // first: a streamed result skips its unread rows under the session's lock
  if (more_pending_) {
    Session& session = connection_.session();
    std::lock_guard lock(session.mutex());
    session.drain_results();
  }
  row_valid_ = false;
  more_pending_ = false;
  pieces_.clear();
}

void Statement::fetch_outputs() {
  if (outputs_pending_.empty()) return;
  const std::vector<SQLUSMALLINT> numbers = std::move(outputs_pending_);
  outputs_pending_.clear();
  // Read and cleared in one statement: the select list is evaluated left to right.
  std::string sql = "SELECT ";
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    if (k) sql += ", ";
    append_variable(sql, numbers[k]);
  }
  for (const SQLUSMALLINT number : numbers) {
    sql += ", ";
    append_variable(sql, number);
    sql += " := NULL";
  }
  StatementReply reply;
  {
    Session& session = connection_.session();
    SessionLock lock(session, this);
    // Not a retryable read: after a reconnect the variables would be gone.
    reply = session.execute(sql, false, std::chrono::seconds(query_timeout_));
    if (reply.more_results) session.drain_results();
    // The flag goes back only if the procedure cannot have made state of its own.
    const bool would_clear = !state_before_call_ && link_of_call_ == session.generation();
    session.driver_variables_cleared(state_before_call_ || (would_clear && procedure_may_leave_state(session)),
                                     link_of_call_);
  }
  if (!reply.result) throw OdbcError("HY000", "The output parameters could not be read back");
  ServerResult values(std::move(reply.result), connection_.max_bytes_per_char(), connection_.unicode_text_types());
  if (!values.next() || values.columns().size() < numbers.size())
    throw OdbcError("HY000", "The output parameters could not be read back");
  for (std::size_t k = 0; k < numbers.size(); ++k)
    write_output(outputs_row_, numbers[k], values.columns()[k], values.value(k));
}

bool Statement::procedure_may_leave_state(Session& session) {
  // The session's lock is held (scan_options() would take it again).
  const ScanOptions options =
      holdfast::scan_options(session.charset(), session.no_backslash_escapes(), session.ansi_quotes());
  const std::optional<ProcedureName> procedure = called_procedure(sql_, options);
  if (!procedure) return true;
  ProcedureStateCache& cache = connection_.procedure_state();
  const std::string key = ProcedureStateCache::key(*procedure, session.current_catalog());
  if (const std::optional<bool> known = cache.find(key)) return *known;
  // Once per procedure per connection. A failure here (the link lost, no privilege)
  // is the conservative answer, not the application's error: its CALL went through.
  bool may = true;
  try {
    StatementReply reply =
        session.execute(definition_query(*procedure, LiteralOptions{options.charset, options.no_backslash_escapes}),
                        true, std::chrono::seconds(query_timeout_));
    if (reply.more_results) session.drain_results();
    if (!reply.result) return true;
    ServerResult definition(std::move(reply.result), connection_.max_bytes_per_char(),
                            connection_.unicode_text_types());
    if (!definition.next() || definition.columns().empty()) return true;  // not found
    const SourceValue& value = definition.value(0);
    if (value.is_null) return true;  // no privilege to see it
    may = definition_may_leave_state(std::string_view(value.data, value.length));
  } catch (const OdbcError&) {
    return true;
  }
  cache.remember(key, may);
  return may;
}

void Statement::write_output(SQLULEN row, SQLUSMALLINT number, const ColumnMeta& meta, const SourceValue& value) {
  const DescRecord* a = apd_->record(number);
  if (!a || !a->bound()) return;
  const DescHeader& h = apd_->header();
  // Lengths and indicators: one SQLLEN per set (column-wise) or the row's stride.
  const SQLLEN stride = h.bind_type == SQL_PARAM_BIND_BY_COLUMN ? static_cast<SQLLEN>(sizeof(SQLLEN))
                                                                : static_cast<SQLLEN>(h.bind_type);
  const SQLLEN offset = (h.bind_offset_ptr ? *h.bind_offset_ptr : 0) + static_cast<SQLLEN>(row) * stride;
  CellTarget target{a->concise_type, parameter_data(*apd_, number, row), a->octet_length,
                    advance(a->octet_length_ptr, offset), advance(a->indicator_ptr, offset)};
  if (a->concise_type == SQL_C_NUMERIC) {
    target.numeric_precision = numeric_precision(*a);
    target.numeric_scale = numeric_scale(*a);
  }
  const ConvertResult cr = convert_value(meta, value, target, nullptr);
  if (cr.warning_sqlstate) {
    warn(cr.warning_sqlstate, conversion_warning(cr.warning_sqlstate, number));
    outputs_warned_ = true;
  }
}

SQLRETURN Statement::execute_single() {
  // One parameter set: the status and processed pointers still report it.
  SQLUSMALLINT* const status = ipd_->header().array_status_ptr;
  SQLULEN* const processed = ipd_->header().rows_processed_ptr;
  const SQLUSMALLINT* const operation = apd_->header().array_status_ptr;
  if (processed) *processed = 0;
  if (operation && operation[0] == SQL_PARAM_IGNORE) {
    reset_result();
    executed_ = true;
    if (status) status[0] = SQL_PARAM_UNUSED;
    return SQL_SUCCESS;
  }
  if (start_data_at_exec(0)) {
    reset_result();
    begin_long_data();
    return SQL_NEED_DATA;
  }
  return run_single_row();
}

SQLRETURN Statement::run_single_row() {
  SQLUSMALLINT* const status = ipd_->header().array_status_ptr;
  SQLULEN* const processed = ipd_->header().rows_processed_ptr;
  try {
    // Output parameters ({?= call}, CALL with OUT) take the text path of statement_call.
    const bool plain = first_param_ == 0 && !has_output_parameters();
    if (dae_.streaming) {
      // The values went to the server in pieces (core/statement_long_data.cpp); without
      // the statement there (nothing was sent) the text path takes the gathered values.
      if (!run_prepared(true)) run_parameter_set(0);
    } else if (!plain || !run_prepared()) {
      run_parameter_set(0);
    }
  } catch (const OdbcError&) {
    if (status) status[0] = SQL_PARAM_ERROR;
    if (processed) *processed = 1;
    throw;
  }
  if (status) status[0] = SQL_PARAM_SUCCESS;
  if (processed) *processed = 1;
  return finish_execute();
}

}  // namespace holdfast
