#include "core/type_info_result.h"

#include <variant>

#include "core/odbc_error.h"
#include "core/type_info.h"

namespace holdfast {

std::unique_ptr<ResultSet> make_type_info_result(SQLSMALLINT data_type, SQLINTEGER odbc_version) {
  if (!is_type_info_data_type(data_type)) throw OdbcError("HY004", "Invalid SQL data type " + std::to_string(data_type));
  const auto version = static_cast<SQLUINTEGER>(odbc_version);
  std::vector<ColumnMeta> columns;
  for (const TypeInfoColumn& c : type_info_columns())
    columns.push_back(synthetic_column(type_info_column_name(c, version), c.sql_type, c.column_size, c.nullable));
  std::vector<LocalResult::Row> rows;
  for (const TypeInfoRow& row : rows_for(data_type, version)) {
    LocalResult::Row out;
    out.reserve(kTypeInfoColumnCount);
    for (SQLUSMALLINT column = 1; column <= kTypeInfoColumnCount; ++column) {
      const TypeInfoValue v = type_info_value(row, column);
      if (const auto* text = std::get_if<std::string_view>(&v))
        out.emplace_back(std::string(*text));
      else if (const auto* small = std::get_if<SQLSMALLINT>(&v))
        out.emplace_back(std::to_string(*small));
      else if (const auto* integer = std::get_if<SQLINTEGER>(&v))
        out.emplace_back(std::to_string(*integer));
      else
        out.emplace_back(std::nullopt);
    }
    rows.push_back(std::move(out));
  }
  return std::make_unique<LocalResult>(std::move(columns), std::move(rows));
}

}  // namespace holdfast
