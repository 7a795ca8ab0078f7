// SQLDescribeParam. The text protocol does not describe parameters, so the driver finds
// the column each marker stands for (core/param_targets.h) and asks the server for those
// columns' descriptions with one cheap read, "SELECT cols FROM t LIMIT 0", once per
// prepared statement. A marker whose column is unknown is described as the application
// bound it, or else as VARCHAR(255), a type that accepts any value.
#include <algorithm>

#include "core/connection.h"
#include "core/param_targets.h"
#include "core/result_set.h"
#include "core/statement.h"
#include "core/statement_sql.h"

namespace holdfast {
namespace {

void append_identifier(std::string& out, const std::string& name) {
  out.push_back('`');
  for (const char c : name) {
    out.push_back(c);
    if (c == '`') out.push_back('`');
  }
  out.push_back('`');
}

}  // namespace

void Statement::describe_params_from_columns() {
  std::vector<std::optional<ColumnMeta>> described(markers_.size() + first_param_);
  const ParamTargets targets = find_param_targets(sql_, markers_, scan_options());
  std::vector<std::string> names;  // the distinct columns asked for
  bool any_position = false;
  for (std::size_t m = 0; m < markers_.size(); ++m) {
    any_position = any_position || targets.positions[m] >= 0;
    if (!targets.columns[m].empty() &&
        std::find(names.begin(), names.end(), targets.columns[m]) == names.end())
      names.push_back(targets.columns[m]);
  }
  if (!targets.table_name.empty() && (any_position || !names.empty())) {
    std::string sql = "SELECT ";
    if (any_position) sql += '*';
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (k || any_position) sql += ", ";
      append_identifier(sql, names[k]);
    }
    sql += " FROM ";
    if (!targets.table_schema.empty()) {
      append_identifier(sql, targets.table_schema);
      sql += '.';
    }
    append_identifier(sql, targets.table_name);
    sql += " LIMIT 0";
    std::unique_ptr<ServerResult> columns;
    try {
      Session& session = connection_.session();
      SessionLock lock(session, this);
      StatementReply reply = session.execute(sql, true);
      if (reply.more_results) session.drain_results();
      if (reply.result)
        columns = std::make_unique<ServerResult>(std::move(reply.result), connection_.max_bytes_per_char(),
                                                 connection_.unicode_text_types());
    } catch (const OdbcError& e) {
      // A name that is not a column (an alias, a typo the server reports at execute):
      // the parameter stays undescribed. A lost link is the caller's to hear about.
      if (stops_the_array(e)) throw;
    }
    if (columns) {
      const std::vector<ColumnMeta>& metas = columns->columns();
      // With '*' first, the named columns follow the table's own.
      const std::size_t table_columns = any_position ? metas.size() - names.size() : 0;
      for (std::size_t m = 0; m < markers_.size(); ++m) {
        std::optional<ColumnMeta>& d = described[m + first_param_];
        if (targets.positions[m] >= 0 && static_cast<std::size_t>(targets.positions[m]) < table_columns) {
          d = metas[static_cast<std::size_t>(targets.positions[m])];
        } else if (!targets.columns[m].empty()) {
          const auto k = static_cast<std::size_t>(
              std::find(names.begin(), names.end(), targets.columns[m]) - names.begin());
          if (table_columns + k < metas.size()) d = metas[table_columns + k];
        }
      }
    }
  }
  described_params_ = std::move(described);
}

SQLRETURN Statement::describe_param(SQLUSMALLINT number, SQLSMALLINT* sql_type, SQLULEN* size, SQLSMALLINT* digits,
                                    SQLSMALLINT* nullable) {
  refuse_needing_data("SQLDescribeParam");
  if (!prepared_) throw OdbcError("HY010", "Function sequence error: no statement was prepared");
  if (number < 1 || number > markers_.size() + first_param_) throw OdbcError("07009", "Invalid descriptor index");
  if (!described_params_) describe_params_from_columns();
  if (const std::optional<ColumnMeta>& column = (*described_params_)[number - 1]) {
    if (sql_type) *sql_type = odbc_version_type(column->sql_type, connection_.odbc_version() == SQL_OV_ODBC2);
    if (size) *size = column->column_size;
    if (digits) *digits = column->decimal_digits;
    if (nullable) *nullable = column->nullable;
    return SQL_SUCCESS;
  }
  // Not knowable from the text: what the application bound, or a character type that
  // accepts any value.
  const DescRecord* a = apd_->record(number);
  const DescRecord* p = ipd_->record(number);
  const bool bound = a && a->bound() && p;
  if (sql_type) *sql_type = bound ? p->concise_type : SQL_VARCHAR;
  if (size) *size = bound ? ipd_column_size(*p) : 255;
  if (digits) *digits = bound ? ipd_decimal_digits(*p) : 0;
  if (nullable) *nullable = SQL_NULLABLE_UNKNOWN;
  return SQL_SUCCESS;
}

}  // namespace holdfast
