#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>

#include "core/type_info.h"

using holdfast::rows_for;
using holdfast::TypeInfoRow;

namespace {

const std::set<SQLSMALLINT> kExactNumeric = {SQL_TINYINT, SQL_SMALLINT, SQL_INTEGER,
                                             SQL_BIGINT,  SQL_DECIMAL,  SQL_NUMERIC};
const std::set<SQLSMALLINT> kApproximate = {SQL_REAL, SQL_FLOAT, SQL_DOUBLE};
const std::set<SQLSMALLINT> kDatetime3 = {SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP};
const std::set<SQLSMALLINT> kText = {SQL_CHAR,  SQL_VARCHAR,  SQL_LONGVARCHAR,
                                     SQL_WCHAR, SQL_WVARCHAR, SQL_WLONGVARCHAR};
const std::set<SQLSMALLINT> kBinary = {SQL_BINARY, SQL_VARBINARY, SQL_LONGVARBINARY};
const std::set<SQLSMALLINT> kUnicode = {SQL_WCHAR, SQL_WVARCHAR, SQL_WLONGVARCHAR};

bool is_numeric(SQLSMALLINT t) { return kExactNumeric.count(t) || kApproximate.count(t); }

std::string name_of(const TypeInfoRow& row) { return row.type_name ? row.type_name : "(null)"; }

std::vector<std::string> names(const std::vector<TypeInfoRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(name_of(r));
  return out;
}

bool sorted_by_type(const std::vector<TypeInfoRow>& rows) {
  return std::is_sorted(rows.begin(), rows.end(), [](const TypeInfoRow& a, const TypeInfoRow& b) {
    return a.data_type < b.data_type;
  });
}

}  // namespace

TEST_CASE("all types are ordered by DATA_TYPE", "[unit][typeinfo]") {
  const auto rows3 = rows_for(SQL_ALL_TYPES, SQL_OV_ODBC3);
  CHECK(rows3.size() == holdfast::type_info_rows().size());
  CHECK(sorted_by_type(rows3));
  const auto rows2 = rows_for(SQL_ALL_TYPES, SQL_OV_ODBC2);
  CHECK(sorted_by_type(rows2));
  CHECK(rows_for(SQL_ALL_TYPES, SQL_OV_ODBC3_80).size() == rows3.size());
}

TEST_CASE("every MySQL/MariaDB type is listed", "[unit][typeinfo]") {
  std::set<std::string> listed;
  for (const auto& row : holdfast::type_info_rows()) listed.insert(name_of(row));
  for (const char* t :
       {"bit", "tinyint", "tinyint unsigned", "smallint", "smallint unsigned", "mediumint",
        "mediumint unsigned", "int", "int unsigned", "integer", "integer unsigned", "bigint",
        "bigint unsigned", "float", "double", "decimal", "numeric", "char", "varchar",
        "tinytext", "text", "mediumtext", "longtext", "binary", "varbinary", "tinyblob", "blob",
        "mediumblob", "longblob", "date", "time", "datetime", "timestamp", "year", "enum", "set",
        "json", "geometry"}) {
    INFO(t);
    CHECK(listed.count(t) == 1);
  }
}

TEST_CASE("the closest type comes first for each DATA_TYPE", "[unit][typeinfo]") {
  auto first = [](SQLSMALLINT type) {
    auto rows = rows_for(type, SQL_OV_ODBC3);
    REQUIRE_FALSE(rows.empty());
    return name_of(rows.front());
  };
  CHECK(first(SQL_CHAR) == "char");
  CHECK(first(SQL_WCHAR) == "char");
  CHECK(first(SQL_VARCHAR) == "varchar");
  CHECK(first(SQL_WVARCHAR) == "varchar");
  CHECK(first(SQL_LONGVARCHAR) == "longtext");
  CHECK(first(SQL_WLONGVARCHAR) == "longtext");
  CHECK(first(SQL_LONGVARBINARY) == "longblob");
  CHECK(first(SQL_INTEGER) == "int");
  CHECK(first(SQL_SMALLINT) == "smallint");
  CHECK(first(SQL_TINYINT) == "tinyint");
  CHECK(first(SQL_BIGINT) == "bigint");
  CHECK(first(SQL_DECIMAL) == "decimal");
  CHECK(first(SQL_NUMERIC) == "numeric");
  CHECK(first(SQL_REAL) == "float");
  CHECK(first(SQL_FLOAT) == "double");
  CHECK(first(SQL_DOUBLE) == "double");
  CHECK(first(SQL_BIT) == "bit");
  CHECK(first(SQL_TYPE_DATE) == "date");
  CHECK(first(SQL_TYPE_TIME) == "time");
  CHECK(first(SQL_TYPE_TIMESTAMP) == "datetime");
  CHECK(names(rows_for(SQL_TYPE_TIMESTAMP, SQL_OV_ODBC3)) ==
        std::vector<std::string>{"datetime", "timestamp"});
}

TEST_CASE("a request returns only rows of that type", "[unit][typeinfo]") {
  for (SQLSMALLINT type : {SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR, SQL_WCHAR, SQL_WVARCHAR,
                           SQL_WLONGVARCHAR, SQL_DECIMAL, SQL_NUMERIC, SQL_SMALLINT,
                           SQL_INTEGER, SQL_REAL, SQL_FLOAT, SQL_DOUBLE, SQL_BIT, SQL_TINYINT,
                           SQL_BIGINT, SQL_BINARY, SQL_VARBINARY, SQL_LONGVARBINARY,
                           SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP}) {
    INFO(type);
    auto rows = rows_for(type, SQL_OV_ODBC3);
    CHECK_FALSE(rows.empty());
    for (const auto& r : rows) CHECK(r.data_type == type);
  }
  // Valid ODBC types the servers do not have: an empty result, not an error.
  CHECK(rows_for(SQL_GUID, SQL_OV_ODBC3).empty());
  CHECK(rows_for(SQL_INTERVAL_DAY, SQL_OV_ODBC3).empty());
  CHECK(rows_for(12345, SQL_OV_ODBC3).empty());
}

TEST_CASE("each row's fields are consistent with its type", "[unit][typeinfo]") {
  for (const auto& row : holdfast::type_info_rows()) {
    INFO(name_of(row) << " as " << row.data_type);
    const SQLSMALLINT t = row.data_type;
    REQUIRE(row.type_name != nullptr);
    CHECK(std::strlen(row.type_name) > 0);
    REQUIRE(row.column_size);
    CHECK(*row.column_size > 0);
    CHECK(row.nullable == SQL_NULLABLE);
    CHECK(row.case_sensitive == SQL_FALSE);
    CHECK(row.searchable == SQL_SEARCHABLE);
    CHECK(row.fixed_prec_scale == SQL_FALSE);
    CHECK(row.local_type_name == nullptr);
    CHECK_FALSE(row.interval_precision);

    // Sign and auto-increment: numbers only.
    CHECK(row.unsigned_attribute.has_value() == is_numeric(t));
    CHECK(row.auto_unique_value.has_value() == is_numeric(t));
    if (row.auto_unique_value) CHECK(*row.auto_unique_value == SQL_FALSE);
    if (row.unsigned_attribute) {
      const std::string n = name_of(row);
      const bool unsigned_name = n.ends_with(" unsigned") || n == "year";
      CHECK((*row.unsigned_attribute == SQL_TRUE) == unsigned_name);
    }

    // Radix: 10 for numbers (decimal digits, as SQLColumns and SQLDescribeCol), NULL otherwise.
    if (kExactNumeric.count(t)) {
      CHECK(row.num_prec_radix == 10);
      REQUIRE(row.minimum_scale);
      REQUIRE(row.maximum_scale);
      CHECK(*row.minimum_scale <= *row.maximum_scale);
    } else if (kApproximate.count(t)) {
      CHECK(row.num_prec_radix == 10);
      CHECK(*row.column_size <= 15);
      CHECK_FALSE(row.minimum_scale);
    } else {
      CHECK_FALSE(row.num_prec_radix);
    }

    // Datetime: verbose type and subcode.
    if (kDatetime3.count(t)) {
      CHECK(row.sql_data_type == SQL_DATETIME);
      REQUIRE(row.sql_datetime_sub);
      CHECK(*row.sql_datetime_sub == t - 90);  // SQL_CODE_DATE 1, TIME 2, TIMESTAMP 3
      CHECK(row.literal_prefix != nullptr);
    } else {
      CHECK(row.sql_data_type == t);
      CHECK_FALSE(row.sql_datetime_sub);
    }

    // Literals: quoted text, 0x binary, bare numbers.
    if (kText.count(t)) {
      CHECK(std::string(row.literal_prefix) == "'");
      CHECK(std::string(row.literal_suffix) == "'");
    }
    if (kBinary.count(t)) CHECK(std::string(row.literal_prefix) == "0x");
    if (is_numeric(t)) {
      CHECK(row.literal_prefix == nullptr);
      CHECK(row.literal_suffix == nullptr);
    }
    // Types that need a length say so.
    const std::string n = name_of(row);
    if (n == "char" || n == "varchar" || n == "binary" || n == "varbinary") {
      REQUIRE(row.create_params != nullptr);
      CHECK(std::string(row.create_params) == "length");
    }
    if (n == "decimal" || n == "numeric") {
      CHECK(std::string(row.create_params) == "precision,scale");
      CHECK(*row.column_size == 65);
      CHECK(row.maximum_scale == 30);
    }
  }
}

TEST_CASE("sizes match the servers' limits", "[unit][typeinfo]") {
  auto size_of = [](const char* name, SQLSMALLINT type) {
    for (const auto& r : rows_for(type, SQL_OV_ODBC3)) {
      if (std::string(r.type_name) == name) return *r.column_size;
    }
    FAIL("no row " << name);
    return SQLINTEGER{0};
  };
  CHECK(size_of("tinyint", SQL_TINYINT) == 3);
  CHECK(size_of("smallint", SQL_SMALLINT) == 5);
  CHECK(size_of("mediumint", SQL_INTEGER) == 10);
  CHECK(size_of("mediumint unsigned", SQL_INTEGER) == 10);
  CHECK(size_of("int", SQL_INTEGER) == 10);
  CHECK(size_of("bigint", SQL_BIGINT) == 19);
  CHECK(size_of("bigint unsigned", SQL_BIGINT) == 20);
  CHECK(size_of("float", SQL_REAL) == 7);
  CHECK(size_of("double", SQL_DOUBLE) == 15);
  CHECK(size_of("double", SQL_FLOAT) == 15);
  CHECK(size_of("year", SQL_SMALLINT) == 5);
  CHECK(size_of("char", SQL_CHAR) == 255);
  CHECK(size_of("varchar", SQL_VARCHAR) == 65535);
  CHECK(size_of("text", SQL_LONGVARCHAR) == 65535);
  CHECK(size_of("longblob", SQL_LONGVARBINARY) == 2147483647);
  CHECK(size_of("date", SQL_TYPE_DATE) == 10);
  CHECK(size_of("time", SQL_TYPE_TIME) == 15);
  CHECK(size_of("datetime", SQL_TYPE_TIMESTAMP) == 26);
}

TEST_CASE("every Unicode row has a twin among the narrow rows", "[unit][typeinfo]") {
  auto narrow = [](SQLSMALLINT t) {
    return t == SQL_WCHAR ? SQL_CHAR : t == SQL_WVARCHAR ? SQL_VARCHAR : SQL_LONGVARCHAR;
  };
  std::size_t wide = 0;
  for (const auto& w : holdfast::type_info_rows()) {
    if (!kUnicode.count(w.data_type)) continue;
    ++wide;
    INFO(name_of(w));
    const auto twins = rows_for(narrow(w.data_type), SQL_OV_ODBC3);
    CHECK(std::any_of(twins.begin(), twins.end(), [&](const TypeInfoRow& n) {
      return name_of(n) == name_of(w) && n.column_size == w.column_size &&
             std::string(n.literal_prefix) == w.literal_prefix;
    }));
  }
  CHECK(wide == rows_for(SQL_CHAR, SQL_OV_ODBC3).size() +
                    rows_for(SQL_VARCHAR, SQL_OV_ODBC3).size() +
                    rows_for(SQL_LONGVARCHAR, SQL_OV_ODBC3).size());
}

TEST_CASE("ODBC 2 applications get ODBC 2 datetime codes", "[unit][typeinfo]") {
  const auto date2 = rows_for(SQL_TYPE_DATE, SQL_OV_ODBC2);
  REQUIRE(date2.size() == 1);
  CHECK(date2[0].data_type == SQL_DATE);
  CHECK(date2[0].sql_data_type == SQL_DATETIME);
  CHECK(rows_for(SQL_DATE, SQL_OV_ODBC2).size() == 1);
  CHECK(rows_for(SQL_DATE, SQL_OV_ODBC2)[0].data_type == SQL_DATE);
  for (const auto& r : rows_for(SQL_TYPE_TIMESTAMP, SQL_OV_ODBC2)) {
    CHECK(r.data_type == SQL_TIMESTAMP);
  }
  CHECK(rows_for(SQL_TIME, SQL_OV_ODBC2).at(0).data_type == SQL_TIME);
  // An ODBC 3 application asking with the old code gets the new one.
  CHECK(rows_for(SQL_TIMESTAMP, SQL_OV_ODBC3).at(0).data_type == SQL_TYPE_TIMESTAMP);

  const auto all2 = rows_for(SQL_ALL_TYPES, SQL_OV_ODBC2);
  std::set<SQLSMALLINT> types;
  for (const auto& r : all2) types.insert(r.data_type);
  CHECK(types.count(SQL_DATE));
  CHECK(types.count(SQL_TIME));
  CHECK(types.count(SQL_TIMESTAMP));
  for (SQLSMALLINT t : {SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP, SQL_WCHAR,
                        SQL_WVARCHAR, SQL_WLONGVARCHAR}) {
    INFO(t);
    CHECK(types.count(t) == 0);
  }
  // Asked for by name, the Unicode types are still there.
  CHECK_FALSE(rows_for(SQL_WVARCHAR, SQL_OV_ODBC2).empty());
}

TEST_CASE("ODBC 2 and ODBC 3 applications get the same decimal precision for approximate types",
          "[unit][typeinfo]") {
  const auto real2 = rows_for(SQL_REAL, SQL_OV_ODBC2);
  REQUIRE(real2.size() == 1);
  CHECK(real2[0].column_size == 7);
  CHECK(real2[0].num_prec_radix == 10);
  CHECK(rows_for(SQL_DOUBLE, SQL_OV_ODBC2).at(0).column_size == 15);
  CHECK(rows_for(SQL_FLOAT, SQL_OV_ODBC2).at(0).column_size == 15);
  CHECK(rows_for(SQL_DOUBLE, SQL_OV_ODBC3).at(0).column_size == 15);
  CHECK(rows_for(SQL_REAL, SQL_OV_ODBC3).at(0).num_prec_radix == 10);
  // Exact numbers are unchanged.
  CHECK(rows_for(SQL_INTEGER, SQL_OV_ODBC2).at(0).column_size == 10);
  CHECK(rows_for(SQL_INTEGER, SQL_OV_ODBC2).at(0).num_prec_radix == 10);
}

TEST_CASE("valid data types for SQLGetTypeInfo", "[unit][typeinfo]") {
  using holdfast::is_type_info_data_type;
  for (SQLSMALLINT t : {SQL_ALL_TYPES, SQL_CHAR, SQL_WLONGVARCHAR, SQL_TYPE_DATE, SQL_DATE,
                        SQL_TIMESTAMP, SQL_GUID, SQL_INTERVAL_DAY_TO_SECOND, SQL_BIGINT}) {
    INFO(t);
    CHECK(is_type_info_data_type(t));
  }
  for (SQLSMALLINT t : {SQLSMALLINT{-18} /* SQL_C_ULONG */, SQLSMALLINT{14}, SQLSMALLINT{90},
                        SQLSMALLINT{94}, SQLSMALLINT{999}, SQLSMALLINT{-100}}) {
    INFO(t);
    CHECK_FALSE(is_type_info_data_type(t));
  }
}

TEST_CASE("result-set columns are named and typed per the spec", "[unit][typeinfo]") {
  const auto cols = holdfast::type_info_columns();
  REQUIRE(cols.size() == 19);
  const char* names3[] = {"TYPE_NAME",        "DATA_TYPE",         "COLUMN_SIZE",
                          "LITERAL_PREFIX",   "LITERAL_SUFFIX",    "CREATE_PARAMS",
                          "NULLABLE",         "CASE_SENSITIVE",    "SEARCHABLE",
                          "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_UNIQUE_VALUE",
                          "LOCAL_TYPE_NAME",  "MINIMUM_SCALE",     "MAXIMUM_SCALE",
                          "SQL_DATA_TYPE",    "SQL_DATETIME_SUB",  "NUM_PREC_RADIX",
                          "INTERVAL_PRECISION"};
  for (std::size_t i = 0; i < cols.size(); ++i) {
    INFO(i + 1);
    CHECK(holdfast::type_info_column_name(cols[i], SQL_OV_ODBC3) == names3[i]);
    const bool renamed = i == 2 || i == 10 || i == 11;
    CHECK((holdfast::type_info_column_name(cols[i], SQL_OV_ODBC2) != names3[i]) == renamed);
  }
  CHECK(holdfast::type_info_column_name(cols[2], SQL_OV_ODBC2) == "PRECISION");
  CHECK(holdfast::type_info_column_name(cols[10], SQL_OV_ODBC2) == "MONEY");
  CHECK(holdfast::type_info_column_name(cols[11], SQL_OV_ODBC2) == "AUTO_INCREMENT");
  CHECK(cols[0].sql_type == SQL_VARCHAR);
  CHECK(cols[1].sql_type == SQL_SMALLINT);
  CHECK(cols[2].sql_type == SQL_INTEGER);
  CHECK(cols[17].sql_type == SQL_INTEGER);
  CHECK(cols[0].nullable == SQL_NO_NULLS);
  CHECK(cols[15].nullable == SQL_NO_NULLS);
  CHECK(cols[9].nullable == SQL_NULLABLE);
}

TEST_CASE("every cell matches its column's type, nullability and size", "[unit][typeinfo]") {
  const auto cols = holdfast::type_info_columns();
  for (SQLUINTEGER version : {SQLUINTEGER{SQL_OV_ODBC3}, SQLUINTEGER{SQL_OV_ODBC2}}) {
    for (const auto& row : rows_for(SQL_ALL_TYPES, version)) {
      for (SQLUSMALLINT c = 1; c <= holdfast::kTypeInfoColumnCount; ++c) {
        const auto& col = cols[c - 1];
        INFO(name_of(row) << " column " << col.name);
        const auto value = holdfast::type_info_value(row, c);
        if (std::holds_alternative<std::monostate>(value)) {
          CHECK(col.nullable == SQL_NULLABLE);
          continue;
        }
        switch (col.sql_type) {
          case SQL_VARCHAR:
            REQUIRE(std::holds_alternative<std::string_view>(value));
            CHECK(std::get<std::string_view>(value).size() <= col.column_size);
            break;
          case SQL_SMALLINT:
            CHECK(std::holds_alternative<SQLSMALLINT>(value));
            break;
          case SQL_INTEGER:
            CHECK(std::holds_alternative<SQLINTEGER>(value));
            break;
          default:
            FAIL("unexpected column type");
        }
      }
      CHECK(std::get<std::string_view>(holdfast::type_info_value(row, 1)) == row.type_name);
      CHECK(std::get<SQLSMALLINT>(holdfast::type_info_value(row, 2)) == row.data_type);
      CHECK(std::holds_alternative<std::monostate>(holdfast::type_info_value(row, 20)));
      CHECK(std::holds_alternative<std::monostate>(holdfast::type_info_value(row, 0)));
    }
  }
}
