// SQLProcedures and SQLProcedureColumns: stored procedures and functions from
// information_schema.ROUTINES, their parameters (and a function's return value) from
// information_schema.PARAMETERS, typed as SQLColumns types a column.
#include <charconv>

#include "core/catalog.h"
#include "core/catalog_describe.h"
#include "core/catalog_pattern.h"
#include "core/catalog_query.h"

namespace holdfast {
namespace {

constexpr CatalogColumnDef kProcedureColumns[] = {
    {"PROCEDURE_CAT", "PROCEDURE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"PROCEDURE_SCHEM", "PROCEDURE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"PROCEDURE_NAME", "PROCEDURE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"NUM_INPUT_PARAMS", "NUM_INPUT_PARAMS", SQL_INTEGER, 0, SQL_NULLABLE},
    {"NUM_OUTPUT_PARAMS", "NUM_OUTPUT_PARAMS", SQL_INTEGER, 0, SQL_NULLABLE},
    {"NUM_RESULT_SETS", "NUM_RESULT_SETS", SQL_INTEGER, 0, SQL_NULLABLE},
    {"REMARKS", "REMARKS", SQL_VARCHAR, 1024, SQL_NULLABLE},
    {"PROCEDURE_TYPE", "PROCEDURE_TYPE", SQL_SMALLINT, 0, SQL_NULLABLE},
};

constexpr CatalogColumnDef kParameterColumns[] = {
    {"PROCEDURE_CAT", "PROCEDURE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"PROCEDURE_SCHEM", "PROCEDURE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"PROCEDURE_NAME", "PROCEDURE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_NAME", "COLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_TYPE", "COLUMN_TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"DATA_TYPE", "DATA_TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"TYPE_NAME", "TYPE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_SIZE", "PRECISION", SQL_INTEGER, 0, SQL_NULLABLE},
    {"BUFFER_LENGTH", "LENGTH", SQL_INTEGER, 0, SQL_NULLABLE},
    {"DECIMAL_DIGITS", "SCALE", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"NUM_PREC_RADIX", "RADIX", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"NULLABLE", "NULLABLE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"REMARKS", "REMARKS", SQL_VARCHAR, 1024, SQL_NULLABLE},
    {"COLUMN_DEF", "COLUMN_DEF", SQL_VARCHAR, kColumnDefChars, SQL_NULLABLE},
    {"SQL_DATA_TYPE", "SQL_DATA_TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"SQL_DATETIME_SUB", "SQL_DATETIME_SUB", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"CHAR_OCTET_LENGTH", "CHAR_OCTET_LENGTH", SQL_INTEGER, 0, SQL_NULLABLE},
    {"ORDINAL_POSITION", "ORDINAL_POSITION", SQL_INTEGER, 0, SQL_NO_NULLS},
    {"IS_NULLABLE", "IS_NULLABLE", SQL_VARCHAR, 3, SQL_NULLABLE},
};

// The routines the arguments select, as conditions on `schema_column` and `name_column`;
// std::nullopt when a schema was named (nothing matches).
std::optional<std::string> routine_condition(const CatalogArg& catalog_arg, const CatalogArg& schema_arg,
                                             const CatalogArg& procedure_arg, const CatalogContext& c,
                                             std::string_view schema_column, std::string_view name_column) {
  const DatabaseFilter db = select_database(catalog_arg, ArgKind::ordinary, schema_arg, ArgKind::pattern, c);
  const NameFilter procedure = name_filter(procedure_arg, ArgKind::pattern, c.metadata_id, "procedure name");
  if (!db.possible) return std::nullopt;
  return all_of({name_condition(schema_column, db.filter, NameCase::table_like, c.literal),
                 name_condition(name_column, procedure, NameCase::insensitive, c.literal)});
}

std::string routine_type_case(std::string_view column) {
  return "CASE " + std::string(column) + " WHEN 'PROCEDURE' THEN " + std::to_string(SQL_PT_PROCEDURE) +
         " WHEN 'FUNCTION' THEN " + std::to_string(SQL_PT_FUNCTION) + " ELSE " + std::to_string(SQL_PT_UNKNOWN) +
         " END";
}

// The PARAMETERS query's columns, in this order.
constexpr std::string_view kParameterSelect =
    "SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, PARAMETER_NAME, PARAMETER_MODE, DATA_TYPE, DTD_IDENTIFIER,"
    " CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME,"
    " ORDINAL_POSITION FROM information_schema.PARAMETERS WHERE ";
enum P { p_schema, p_name, p_parameter, p_mode, p_data_type, p_dtd, p_char_max, p_num_precision, p_num_scale,
         p_dt_precision, p_charset, p_ordinal };

SQLSMALLINT parameter_column_type(const std::optional<std::string>& mode) {
  if (!mode) return SQL_RETURN_VALUE;  // a function's result: no mode, position 0
  if (*mode == "IN") return SQL_PARAM_INPUT;
  if (*mode == "OUT") return SQL_PARAM_OUTPUT;
  if (*mode == "INOUT") return SQL_PARAM_INPUT_OUTPUT;
  return SQL_PARAM_TYPE_UNKNOWN;
}

}  // namespace

SQLRETURN catalog_procedures(Statement& s, const ProceduresArgs& a) {
  const CatalogContext c = begin_catalog_call(s);
  const std::optional<std::string> where =
      routine_condition(a.catalog, a.schema, a.procedure, c, "ROUTINE_SCHEMA", "ROUTINE_NAME");
  if (!where) return finish_catalog_call(s, c, kProcedureColumns, {});
  const std::string sql = "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_COMMENT, " + routine_type_case("ROUTINE_TYPE") +
                          " FROM information_schema.ROUTINES WHERE " + *where + " ORDER BY " +
                          binary_collated("ROUTINE_SCHEMA") + ", " + binary_collated("ROUTINE_NAME");
  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  while (found->next())
    rows.push_back({column_text(*found, 0), std::nullopt, column_text(*found, 1), std::nullopt, std::nullopt,
                    std::nullopt, column_text(*found, 2), column_text(*found, 3)});
  return finish_catalog_call(s, c, kProcedureColumns, std::move(rows));
}

SQLRETURN catalog_procedure_columns(Statement& s, const ProcedureColumnsArgs& a) {
  const CatalogContext c = begin_catalog_call(s);
  const std::optional<std::string> where =
      routine_condition(a.catalog, a.schema, a.procedure, c, "SPECIFIC_SCHEMA", "SPECIFIC_NAME");
  const NameFilter column = name_filter(a.column, ArgKind::pattern, c.metadata_id, "column name");
  if (!where) return finish_catalog_call(s, c, kParameterColumns, {});
  // A function's return value has no name (NULL; COLUMN_NAME ""): it matches the
  // arguments the empty name matches (null, "%", "").
  std::string column_condition = name_condition("PARAMETER_NAME", column, NameCase::insensitive, c.literal);
  if (!column_condition.empty() && column.mode != NameFilter::Mode::like && column.value.empty())
    column_condition = "(" + column_condition + " OR PARAMETER_NAME IS NULL)";
  // Each routine's return value first, then its parameters in call order.
  const std::string sql = std::string(kParameterSelect) + all_of({*where, column_condition}) + " ORDER BY " +
                          binary_collated("SPECIFIC_SCHEMA") + ", " + binary_collated("SPECIFIC_NAME") +
                          ", ROUTINE_TYPE, ORDINAL_POSITION";
  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  while (found->next()) {
    InfoSchemaColumn info = read_type_columns(*found, p_data_type);
    info.nullable = true;  // parameters and results accept NULL
    LocalResult::Row row;
    row.reserve(std::size(kParameterColumns));
    row.push_back(column_text(*found, p_schema));
    row.push_back(std::nullopt);
    row.push_back(column_text(*found, p_name));
    row.push_back(column_text(*found, p_parameter).value_or(""));
    row.push_back(std::to_string(parameter_column_type(column_text(*found, p_mode))));
    append_type_description(row, info, std::nullopt, std::nullopt,
                            static_cast<std::int64_t>(column_number(*found, p_ordinal).value_or(0)), c);
    rows.push_back(std::move(row));
  }
  return finish_catalog_call(s, c, kParameterColumns, std::move(rows));
}

}  // namespace holdfast
