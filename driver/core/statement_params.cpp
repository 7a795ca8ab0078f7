// Executing with arrays of parameters (SQL_ATTR_PARAMSET_SIZE, the status and processed
// pointers, SQL_ATTR_PARAM_OPERATION_PTR).
//
// A plain single-row INSERT ... VALUES (...) into a table of a transactional engine,
// under a strict sql_mode, is sent as multi-row INSERTs of up to kBatchBytes each. When
// such a batch fails with a statement error (duplicate key, data error), the server
// rolled the statement back (statement atomicity), and its rows are run one by one to
// learn exactly which failed. (Non-transactional tables would keep a failed batch's
// first rows, and a non-strict server turns some single-row errors into multi-row
// warnings: those run row by row.) A batch that fails with a connection
// loss or an unknown outcome (08S01, 40003, a deadlock 40001, a timeout or cancel) is
// never run again (RESILIENCE.md 4): its rows are reported failed and the rest unused.
// Every other statement runs once per parameter set. Every send goes through the
// session. Such an INSERT prepared on a MariaDB server (SQLPrepare) goes as binary bulk
// executions instead of text batches (core/bulk_batch.h), with the same rules.
#include <cstdlib>

#include "core/bulk_batch.h"
#include "core/connection.h"
#include "core/param_batch.h"
#include "core/param_literal.h"
#include "core/result_set.h"
#include "core/server_statement.h"
#include "core/statement.h"
#include "core/statement_sql.h"

namespace holdfast {
namespace {

// At most 1 MiB (well under the server's default max_allowed_packet of 16 MiB), and
// never more than the server's own max_allowed_packet: a large array is split into
// batches that each fit, whatever the server allows.
constexpr std::size_t kBatchBytes = 1 << 20;
// Rows of one bulk execution at most (its bytes are bounded by kBatchBytes too).
constexpr std::size_t kBulkRows = 4096;

std::size_t batch_limit(Session& session) {
  std::lock_guard lock(session.mutex());
  const unsigned long long server = session.max_allowed_packet();
  // One byte of command precedes the text in the packet.
  return server > 1 && server - 1 < kBatchBytes ? static_cast<std::size_t>(server - 1) : kBatchBytes;
}


// Whether a failed multi-row INSERT into the row's table leaves nothing behind and a
// multi-row INSERT fails where single rows would: the table's engine is transactional
// and sql_mode is strict. One read-only query.
bool batch_is_safe(Session& session, const InsertRow& row, const LiteralOptions& literal) {
  std::string sql =
      "SELECT e.TRANSACTIONS, @@SESSION.sql_mode FROM information_schema.TABLES t JOIN information_schema.ENGINES e"
      " ON e.ENGINE = t.ENGINE WHERE t.TABLE_SCHEMA = ";
  if (row.table_schema.empty())
    sql += "DATABASE()";
  else
    append_quoted_string(sql, row.table_schema, literal);
  sql += " AND t.TABLE_NAME = ";
  append_quoted_string(sql, row.table_name, literal);
  std::lock_guard lock(session.mutex());
  StatementReply reply = session.execute(sql, true);
  if (reply.more_results) session.drain_results();
  if (!reply.result) return false;
  ServerResult result(std::move(reply.result), 4, false);
  if (!result.next()) return false;
  const SourceValue transactions = result.value(0), mode = result.value(1);
  if (transactions.is_null || mode.is_null) return false;
  const std::string_view modes(mode.data, mode.length);
  return std::string_view(transactions.data, transactions.length) == "YES" &&
         (modes.find("STRICT_TRANS_TABLES") != std::string_view::npos ||
          modes.find("STRICT_ALL_TABLES") != std::string_view::npos);
}

}  // namespace

bool stops_the_array(const OdbcError& e) {
  const std::string& s = e.sqlstate();
  return s.compare(0, 2, "08") == 0 || s.compare(0, 2, "40") == 0 || s == "HYT00" || s == "HYT01" ||
         s == "HY008" || !e.followups().empty();
}

StatementReply Statement::send(const std::string& sql) {
  Session& session = connection_.session();
  SessionLock lock(session, this);
  StatementReply reply = session.execute(sql, is_read_, std::chrono::seconds(query_timeout_));
  if (reply.more_results) {
    session.drain_results();
    reply.more_results = false;
  }
  return reply;
}

std::vector<bool> Statement::record_server_warnings(const std::vector<SQLULEN>& rows) {
  std::vector<bool> named(rows.size(), false);
  StatementReply reply;
  try {
    Session& session = connection_.session();
    SessionLock lock(session, this);
    reply = session.execute("SHOW WARNINGS", true);
    if (reply.more_results) session.drain_results();
  } catch (const OdbcError&) {
    reply.result.reset();  // the statement's outcome stands; its warnings are unknown
  }
  bool unattributed = !reply.result;
  if (reply.result) {
    ServerResult warnings(std::move(reply.result), 4, false);
    bool any = false;
    while (warnings.next()) {
      any = true;
      const SourceValue code = warnings.value(1), text = warnings.value(2);
      const std::string message = text.is_null ? std::string("Warning") : std::string(text.data, text.length);
      // "... at row N": N counts the rows of the statement (of a multi-row batch).
      std::size_t index = rows.size();
      const std::size_t at = message.rfind(" at row ");
      if (at != std::string::npos) {
        const std::size_t n = std::strtoull(message.c_str() + at + 8, nullptr, 10);
        if (n >= 1 && n <= rows.size()) index = n - 1;
      }
      if (rows.size() == 1) index = 0;
      if (index == rows.size()) unattributed = true;
      else named[index] = true;
      OdbcError w("01000", message, code.is_null ? 0 : std::atoi(std::string(code.data, code.length).c_str()),
                  ErrorSource::server);
      record_row(w, static_cast<SQLLEN>(index < rows.size() ? rows[index] : rows.front()) + 1);
    }
    if (!any) unattributed = true;
  }
  if (unattributed) named.assign(rows.size(), true);
  return named;
}

SQLRETURN Statement::execute_array() {
  reset_result();
  const DescHeader& ah = apd_->header();
  const SQLULEN size = ah.array_size ? ah.array_size : 1;
  const SQLUSMALLINT* const operations = ah.array_status_ptr;
  SQLUSMALLINT* const status = ipd_->header().array_status_ptr;
  SQLULEN* const processed_ptr = ipd_->header().rows_processed_ptr;
  auto ignored = [&](SQLULEN row) { return operations && operations[row] == SQL_PARAM_IGNORE; };
  auto set_status = [&](SQLULEN row, SQLUSMALLINT value) {
    if (status) status[row] = value;
  };
  for (SQLULEN row = 0; row < size; ++row) set_status(row, SQL_PARAM_UNUSED);
  if (processed_ptr) *processed_ptr = 0;

  SQLULEN to_run = 0;
  for (SQLULEN row = 0; row < size; ++row) to_run += ignored(row) ? 0 : 1;
  if (is_read_ && to_run > 1)
    throw OdbcError("HYC00", "Arrays of parameters for statements that return result sets are not supported");

  const ScanOptions options = scan_options();
  const LiteralOptions literal_options{options.charset, options.no_backslash_escapes};
  if (apd_->records().size() < markers_.size())
    throw OdbcError("07002", "COUNT field incorrect: " + std::to_string(markers_.size()) + " parameter markers, " +
                                 std::to_string(apd_->records().size()) + " parameters bound");

  SQLULEN processed = 0, errors = 0;
  bool warned = false;
  std::uint64_t affected = 0;
  bool stopped = false;
  std::optional<StatementReply> last_result;
  std::vector<ParamSource> sources;
  sources.reserve(markers_.size());

  auto row_failed = [&](SQLULEN row, const OdbcError& e) {
    record_row(e, static_cast<SQLLEN>(row) + 1);
    set_status(row, SQL_PARAM_ERROR);
    ++errors;
    ++processed;
    if (processed_ptr) *processed_ptr = processed;
  };
  // A batch whose outcome is unknown, or whose link was lost: never sent again, its rows
  // failed, and the array stops.
  auto batch_lost = [&](const std::vector<SQLULEN>& rows, const OdbcError& e) {
    record_row(e, static_cast<SQLLEN>(rows.front()) + 1);
    for (SQLULEN row : rows) set_status(row, SQL_PARAM_ERROR);
    errors += rows.size();
    processed += rows.size();
    if (processed_ptr) *processed_ptr = processed;
    stopped = true;
  };
  auto row_done = [&](SQLULEN row, StatementReply reply) {
    affected += reply.affected_rows;
    set_status(row, SQL_PARAM_SUCCESS);
    if (reply.warnings > 0) {
      record_server_warnings({row});
      set_status(row, SQL_PARAM_SUCCESS_WITH_INFO);
      warned = true;
    }
    ++processed;
    if (processed_ptr) *processed_ptr = processed;
    if (reply.result) last_result = std::move(reply);
  };
  auto run_one = [&](SQLULEN row) {
    std::string text;
    try {
      parameter_sources(*apd_, *ipd_, markers_.size(), row, sources);
      text = interpolate_params(sql_, markers_, sources, literal_options);
    } catch (const OdbcError& e) {
      row_failed(row, e);  // never sent
      return;
    }
    try {
      row_done(row, send(text));
    } catch (const OdbcError& e) {
      row_failed(row, e);
      if (stops_the_array(e)) stopped = true;
    }
  };

  std::optional<InsertRow> shape =
      to_run > 1 ? single_row_insert(sql_, markers_, options) : std::optional<InsertRow>{};
  bool bulk = false;
  std::uint64_t epoch = 0;
  if (shape && server_ && !markers_.empty() && server_->param_count() == markers_.size()) {
    Session& session = connection_.session();
    std::lock_guard lock(session.mutex());
    bulk = session.bulk_supported();
    epoch = session.state_epoch();
  }
  // A prepared INSERT keeps the verdict while the session state stays as it was (a
  // sql_mode change or a new link asks again). The table's engine matters only when a
  // batch fails: it is then asked again before the rows are rerun.
  if (shape && !(bulk && epoch != 0 && server_->batch_safe_epoch == epoch)) {
    const bool safe = batch_is_safe(connection_.session(), *shape, literal_options);
    if (server_) server_->batch_safe_epoch = safe ? epoch : 0;
    if (!safe) shape.reset();
  }
  if (!shape) {
    for (SQLULEN row = 0; row < size && !stopped; ++row)
      if (!ignored(row)) run_one(row);
  } else if (bulk) {
    // Prepared on a MariaDB server: the rows go as binary bulk executions of the
    // prepared INSERT. Each batch is one statement: a failed one left nothing behind
    // (checked above: transactional table, strict mode), so its rows run one by one to
    // learn which failed, as for the text batches below.
    const std::size_t limit = batch_limit(connection_.session());
    std::vector<SQLULEN> rows;
    SQLULEN next = 0;
    while (next < size && !stopped && server_) {
      BulkBatch& batch = server_->bulk_batch();
      batch.start(markers_.size(), kBulkRows, limit);
      rows.clear();
      SQLULEN text_row = size;  // a row for the text path, run after this batch
      for (; next < size; ++next) {
        if (ignored(next)) continue;
        try {
          parameter_sources(*apd_, *ipd_, markers_.size(), next, sources);
        } catch (const OdbcError& e) {
          row_failed(next, e);  // its value cannot be sent: the row is not part of any batch
          continue;
        }
        const BulkBatch::Added added = batch.add(sources, literal_options);
        if (added == BulkBatch::Added::yes) {
          rows.push_back(next);
          continue;
        }
        if (added == BulkBatch::Added::text_path || rows.empty()) text_row = next++;
        break;  // full: this row starts the next batch
      }
      if (rows.size() == 1) {
        run_one(rows.front());
      } else if (!rows.empty()) {
        Session& session = connection_.session();
        std::optional<ServerReply> reply;
        try {
          std::lock_guard lock(session.mutex());
          reply = session.execute_server_bulk(*server_, batch.binds(), static_cast<unsigned>(rows.size()),
                                              std::chrono::seconds(query_timeout_));
        } catch (const OdbcError& e) {
          if (stops_the_array(e)) {
            batch_lost(rows, e);
          } else {
            server_->batch_safe_epoch = 0;
            bool safe = false;
            try {
              safe = batch_is_safe(connection_.session(), *shape, literal_options);
            } catch (const OdbcError&) {
              safe = false;  // not known: as if not
            }
            if (safe) {
              // The statement was rolled back: find the failing rows one by one.
              for (SQLULEN row : rows) {
                if (stopped) break;
                run_one(row);
              }
            } else {
              // The table is no longer transactional (changed since it was checked): some of
              // the batch's rows may be in it. Never run again; the rest is not run.
              record_row(e, static_cast<SQLLEN>(rows.front()) + 1);
              for (SQLULEN row : rows) set_status(row, SQL_PARAM_ERROR);
              errors += rows.size();
              processed += rows.size();
              if (processed_ptr) *processed_ptr = processed;
              stopped = true;
            }
          }
          rows.clear();
        }
        if (!rows.empty() && !reply) {
          // The server no longer prepares it (nothing ran): the text path from now on.
          {
            std::lock_guard lock(session.mutex());
            session.close_server(*server_);
          }
          server_.reset();
          for (SQLULEN row : rows) {
            if (stopped) break;
            run_one(row);
          }
        } else if (!rows.empty()) {
          affected += reply->affected_rows;
          for (SQLULEN row : rows) set_status(row, SQL_PARAM_SUCCESS);
          if (reply->warnings > 0) {
            // "at row N" counts the rows of the bulk execution.
            const std::vector<bool> named = record_server_warnings(rows);
            for (std::size_t k = 0; k < rows.size(); ++k)
              if (named[k]) set_status(rows[k], SQL_PARAM_SUCCESS_WITH_INFO);
            warned = true;
          }
          processed += rows.size();
          if (processed_ptr) *processed_ptr = processed;
        }
      }
      if (text_row != size && !stopped) run_one(text_row);
    }
    for (; next < size && !stopped; ++next)
      if (!ignored(next)) run_one(next);
  } else {
    // Marker offsets relative to the row's "( ... )".
    std::vector<std::size_t> tuple_markers;
    tuple_markers.reserve(markers_.size());
    for (std::size_t m : markers_) tuple_markers.push_back(m - shape->tuple_begin);
    const std::string_view tuple_sql = std::string_view(sql_).substr(shape->tuple_begin,
                                                                     shape->tuple_end - shape->tuple_begin);
    const std::string_view prefix = std::string_view(sql_).substr(0, shape->tuple_begin);
    const std::size_t limit = batch_limit(connection_.session());
    std::string text;
    std::vector<SQLULEN> rows;
    SQLULEN next = 0;
    while (next < size && !stopped) {
      text.assign(prefix);
      rows.clear();
      for (; next < size; ++next) {
        if (ignored(next)) continue;
        // The row's "( ... )" appended in place: no allocation per row.
        const std::size_t mark = text.size();
        if (!rows.empty()) text += ',';
        try {
          parameter_sources(*apd_, *ipd_, markers_.size(), next, sources);
          std::size_t from = 0;
          for (std::size_t k = 0; k < tuple_markers.size(); ++k) {
            text.append(tuple_sql.substr(from, tuple_markers[k] - from));
            append_param_literal(text, sources[k], literal_options);
            from = tuple_markers[k] + 1;
          }
          text.append(tuple_sql.substr(from));
        } catch (const OdbcError& e) {
          text.resize(mark);
          row_failed(next, e);  // its value cannot be sent: the row is not part of any batch
          continue;
        }
        if (!rows.empty() && text.size() > limit) {
          text.resize(mark);  // this row starts the next batch
          break;
        }
        rows.push_back(next);
      }
      if (rows.empty()) continue;
      if (rows.size() == 1) {
        run_one(rows.front());
        continue;
      }
      try {
        StatementReply reply = send(text);
        affected += reply.affected_rows;
        for (SQLULEN row : rows) set_status(row, SQL_PARAM_SUCCESS);
        if (reply.warnings > 0) {
          const std::vector<bool> named = record_server_warnings(rows);
          for (std::size_t k = 0; k < rows.size(); ++k)
            if (named[k]) set_status(rows[k], SQL_PARAM_SUCCESS_WITH_INFO);
          warned = true;
        }
        processed += rows.size();
        if (processed_ptr) *processed_ptr = processed;
      } catch (const OdbcError& e) {
        if (stops_the_array(e)) {
          batch_lost(rows, e);
        } else {
          // The statement was rolled back: find the failing rows one by one.
          for (SQLULEN row : rows) {
            if (stopped) break;
            run_one(row);
          }
        }
      }
    }
  }

  executed_ = true;
  if (last_result) {
    adopt(std::move(*last_result));
  } else {
    affected_rows_ = static_cast<SQLLEN>(affected);
    diag().row_count = affected_rows_;
  }
  if (errors > 0 && errors == processed) return SQL_ERROR;
  if (errors > 0 || warned) return SQL_SUCCESS_WITH_INFO;
  if (!result_ && affected_rows_ == 0 && processed > 0 && searched_change_ &&
      connection_.odbc_version() != SQL_OV_ODBC2)
    return SQL_NO_DATA;
  return SQL_SUCCESS;
}

}  // namespace holdfast
