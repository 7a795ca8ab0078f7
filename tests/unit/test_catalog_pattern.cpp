// Catalog function arguments: patterns, identifiers, value lists, and the SQL they become.
#include <catch2/catch.hpp>

#include "core/catalog_pattern.h"
#include "core/catalog_query.h"
#include "core/odbc_error.h"

using namespace holdfast;

namespace {

std::string state_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
  return "none";
}

using Mode = NameFilter::Mode;

const LiteralOptions kBackslash{SqlCharset::utf8, false};
const LiteralOptions kNoBackslash{SqlCharset::utf8, true};

}  // namespace

TEST_CASE("identifier arguments: blanks, quotes and case", "[unit][catalog]") {
  Identifier id = parse_identifier("  `My``T` ");
  CHECK(id.quoted);
  CHECK(id.name == "My`T");
  id = parse_identifier("\"a b\"");
  CHECK(id.quoted);
  CHECK(id.name == "a b");
  id = parse_identifier("\"x\"\"y\"");
  CHECK(id.name == "x\"y");
  // Unquoted: trailing blanks go, leading ones stay.
  id = parse_identifier("  abc  ");
  CHECK_FALSE(id.quoted);
  CHECK(id.name == "  abc");
  id = parse_identifier("`");
  CHECK_FALSE(id.quoted);
  CHECK(id.name == "`");
  id = parse_identifier("`a\"");
  CHECK_FALSE(id.quoted);
  CHECK(id.name == "`a\"");
}

TEST_CASE("search patterns: wildcards and the escape character", "[unit][catalog]") {
  CHECK(has_wildcard("a_b"));
  CHECK(has_wildcard("a%"));
  CHECK_FALSE(has_wildcard("a\\_b"));
  CHECK_FALSE(has_wildcard("a\\%"));
  CHECK(has_wildcard("a\\\\_"));  // an escaped backslash, then a wildcard
  CHECK_FALSE(has_wildcard(""));
  CHECK_FALSE(has_wildcard("a\\b"));

  CHECK(unescape_pattern("a\\_b") == "a_b");
  CHECK(unescape_pattern("a\\%") == "a%");
  CHECK(unescape_pattern("a\\\\b") == "a\\b");
  CHECK(unescape_pattern("a\\b") == "a\\b");  // a lone backslash is itself
  CHECK(unescape_pattern("a\\") == "a\\");

  CHECK(like_pattern("a\\_b%") == "a\\_b%");
  CHECK(like_pattern("a\\b_") == "a\\\\b_");
  CHECK(like_pattern("a_\\") == "a_\\\\");
  CHECK(like_pattern("a\\\\_") == "a\\\\_");

  CHECK(pattern_matches_empty(""));
  CHECK(pattern_matches_empty("%"));
  CHECK(pattern_matches_empty("%%"));
  CHECK_FALSE(pattern_matches_empty("_"));
  CHECK_FALSE(pattern_matches_empty("\\%"));
  CHECK_FALSE(pattern_matches_empty("a%"));
}

TEST_CASE("name arguments become filters", "[unit][catalog]") {
  const CatalogArg none;
  CHECK(name_filter(none, ArgKind::pattern, false, "table name").mode == Mode::any);
  CHECK(name_filter(none, ArgKind::ordinary, false, "table name").mode == Mode::any);
  CHECK(name_filter(std::string("%"), ArgKind::pattern, false, "t").mode == Mode::any);

  NameFilter f = name_filter(std::string("t1"), ArgKind::pattern, false, "t");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value == "t1");
  f = name_filter(std::string("t\\_1"), ArgKind::pattern, false, "t");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value == "t_1");
  f = name_filter(std::string("t_1"), ArgKind::pattern, false, "t");
  CHECK(f.mode == Mode::like);
  CHECK(f.value == "t_1");
  // A zero-length pattern matches only the empty name.
  f = name_filter(std::string(""), ArgKind::pattern, false, "t");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value.empty());

  // Ordinary arguments are literal: no wildcards, no escapes.
  f = name_filter(std::string("t_1%"), ArgKind::ordinary, false, "t");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value == "t_1%");
  f = name_filter(std::string("a\\_b"), ArgKind::ordinary, false, "t");
  CHECK(f.value == "a\\_b");

  // Identifiers (SQL_ATTR_METADATA_ID): no patterns; case only when quoted.
  f = name_filter(std::string("T_1% "), ArgKind::pattern, true, "t");
  CHECK(f.mode == Mode::exact_ci);
  CHECK(f.value == "T_1%");
  f = name_filter(std::string(" `T_1` "), ArgKind::pattern, true, "t");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value == "T_1");
  CHECK(state_of([] { name_filter(CatalogArg{}, ArgKind::pattern, true, "table name"); }) == "HY009");

  // Names are at most 64 characters; patterns may be longer.
  const std::string longest(64, 'x');
  CHECK(name_filter(longest, ArgKind::ordinary, false, "t").value == longest);
  CHECK(state_of([&] { name_filter(longest + "y", ArgKind::ordinary, false, "t"); }) == "HY090");
  CHECK(state_of([&] { name_filter(longest + "y", ArgKind::pattern, true, "t"); }) == "HY090");
  CHECK(name_filter(longest + "%", ArgKind::pattern, false, "t").mode == Mode::like);
  // Characters, not bytes: 64 two-byte characters fit.
  std::string wide;
  for (int i = 0; i < 64; ++i) wide += "\xC3\xA9";
  CHECK(name_filter(wide, ArgKind::ordinary, false, "t").mode == Mode::exact);
}

TEST_CASE("catalog arguments: null or empty means the current database", "[unit][catalog]") {
  NameFilter f = catalog_filter(CatalogArg{}, ArgKind::ordinary, false, "db1");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value == "db1");
  f = catalog_filter(std::string(""), ArgKind::pattern, false, "db1");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value == "db1");
  CHECK(catalog_filter(CatalogArg{}, ArgKind::ordinary, false, "").mode == Mode::any);
  f = catalog_filter(std::string("d%"), ArgKind::pattern, false, "db1");
  CHECK(f.mode == Mode::like);
  f = catalog_filter(std::string("d%"), ArgKind::ordinary, false, "db1");
  CHECK(f.mode == Mode::exact);
  CHECK(f.value == "d%");
  f = catalog_filter(std::string("  "), ArgKind::ordinary, true, "db1");
  CHECK(f.value == "db1");
  CHECK(state_of([] { catalog_filter(CatalogArg{}, ArgKind::ordinary, true, "db1"); }) == "HY009");
}

TEST_CASE("schema arguments: only what accepts the empty schema matches", "[unit][catalog]") {
  CHECK(schema_accepts_none(CatalogArg{}, ArgKind::pattern, false));
  CHECK(schema_accepts_none(std::string(""), ArgKind::pattern, false));
  CHECK(schema_accepts_none(std::string("%"), ArgKind::pattern, false));
  CHECK_FALSE(schema_accepts_none(std::string("holdfast_test"), ArgKind::pattern, false));
  CHECK_FALSE(schema_accepts_none(std::string("_"), ArgKind::pattern, false));
  CHECK_FALSE(schema_accepts_none(std::string("%"), ArgKind::ordinary, false));
  CHECK(schema_accepts_none(std::string(""), ArgKind::ordinary, false));
  CHECK(schema_accepts_none(std::string(" "), ArgKind::ordinary, true));
  CHECK_FALSE(schema_accepts_none(std::string("s"), ArgKind::ordinary, true));
  CHECK(state_of([] { schema_accepts_none(CatalogArg{}, ArgKind::pattern, true); }) == "HY009");
}

TEST_CASE("database filters: the catalog names the database, or the schema with DATABASE_AS_SCHEMA",
          "[unit][catalog]") {
  const CatalogArg none;
  // Databases are catalogs: the schema must accept the empty name.
  DatabaseFilter d =
      database_filter(std::string("db2"), ArgKind::ordinary, none, ArgKind::pattern, false, false, "db1");
  CHECK(d.possible);
  CHECK(d.filter.mode == Mode::exact);
  CHECK(d.filter.value == "db2");
  d = database_filter(none, ArgKind::ordinary, std::string("db2"), ArgKind::pattern, false, false, "db1");
  CHECK_FALSE(d.possible);
  d = database_filter(none, ArgKind::ordinary, none, ArgKind::pattern, false, false, "db1");
  CHECK(d.possible);
  CHECK(d.filter.value == "db1");
  // Databases are schemas: the roles trade, with the schema argument's kind.
  d = database_filter(none, ArgKind::ordinary, std::string("db\\_%"), ArgKind::pattern, false, true, "db1");
  CHECK(d.possible);
  CHECK(d.filter.mode == Mode::like);
  CHECK(d.filter.value == "db\\_%");
  d = database_filter(std::string(""), ArgKind::ordinary, std::string("db2"), ArgKind::ordinary, false, true, "db1");
  CHECK(d.possible);
  CHECK(d.filter.mode == Mode::exact);
  CHECK(d.filter.value == "db2");
  d = database_filter(std::string("db2"), ArgKind::ordinary, none, ArgKind::pattern, false, true, "db1");
  CHECK_FALSE(d.possible);
  d = database_filter(std::string("%"), ArgKind::pattern, std::string(""), ArgKind::pattern, false, true, "db1");
  CHECK(d.possible);
  CHECK(d.filter.value == "db1");  // an empty schema: the current database
  d = database_filter(std::string("%"), ArgKind::pattern, std::string("%"), ArgKind::pattern, false, true, "db1");
  CHECK(d.filter.mode == Mode::any);
  // SQL_ATTR_METADATA_ID: both are identifiers and neither may be null.
  CHECK(state_of([&] {
          database_filter(none, ArgKind::ordinary, std::string("d"), ArgKind::ordinary, true, true, "");
        }) == "HY009");
  CHECK(state_of([&] {
          database_filter(std::string(""), ArgKind::ordinary, none, ArgKind::ordinary, true, true, "");
        }) == "HY009");
}

TEST_CASE("filters become SQL conditions with names as escaped literals", "[unit][catalog]") {
  CHECK(name_condition("TABLE_NAME", NameFilter{}, NameCase::table_like, kBackslash).empty());

  NameFilter exact{Mode::exact, "t1"};
  CHECK(name_condition("TABLE_NAME", exact, NameCase::table_like, kBackslash) ==
        "(TABLE_NAME = 't1' AND (@@lower_case_table_names <> 0 OR "
        "CONVERT(TABLE_NAME USING utf8mb4) COLLATE utf8mb4_bin = 't1'))");
  CHECK(name_condition("COLUMN_NAME", exact, NameCase::insensitive, kBackslash) == "COLUMN_NAME = 't1'");

  NameFilter ci{Mode::exact_ci, "T1"};
  CHECK(name_condition("TABLE_NAME", ci, NameCase::table_like, kBackslash) ==
        "CONVERT(TABLE_NAME USING utf8mb4) COLLATE utf8mb4_general_ci = 'T1'");
  CHECK(name_condition("COLUMN_NAME", ci, NameCase::insensitive, kBackslash) == "COLUMN_NAME = 'T1'");

  NameFilter like{Mode::like, "a\\_%"};
  CHECK(name_condition("COLUMN_NAME", like, NameCase::insensitive, kBackslash) ==
        "COLUMN_NAME LIKE 'a\\\\_%' ESCAPE '\\\\'");
  CHECK(name_condition("COLUMN_NAME", like, NameCase::insensitive, kNoBackslash) ==
        "COLUMN_NAME LIKE 'a\\_%' ESCAPE '\\'");
  CHECK(name_condition("TABLE_NAME", like, NameCase::table_like, kBackslash) ==
        "(TABLE_NAME LIKE 'a\\\\_%' ESCAPE '\\\\' AND (@@lower_case_table_names <> 0 OR "
        "CONVERT(TABLE_NAME USING utf8mb4) COLLATE utf8mb4_bin LIKE 'a\\\\_%' ESCAPE '\\\\'))");

  // Quotes in names cannot end the literal.
  NameFilter evil{Mode::exact, "x' OR '1'='1"};
  CHECK(name_condition("COLUMN_NAME", evil, NameCase::insensitive, kBackslash) ==
        "COLUMN_NAME = 'x\\' OR \\'1\\'=\\'1'");
  CHECK(name_condition("COLUMN_NAME", evil, NameCase::insensitive, kNoBackslash) ==
        "COLUMN_NAME = 'x'' OR ''1''=''1'");
  NameFilter backslash_quote{Mode::exact, "x\\' OR 1 -- "};
  CHECK(name_condition("COLUMN_NAME", backslash_quote, NameCase::insensitive, kBackslash) ==
        "COLUMN_NAME = 'x\\\\\\' OR 1 -- '");
}

TEST_CASE("table type lists", "[unit][catalog]") {
  CHECK(parse_table_types(CatalogArg{}).all);
  CHECK(parse_table_types(std::string("")).all);
  CHECK(parse_table_types(std::string("%")).all);
  CHECK(parse_table_types(std::string("TABLE,%")).all);
  CHECK(parse_table_types(std::string(" , ,")).all);

  TableTypeFilter t = parse_table_types(std::string("'TABLE','VIEW'"));
  CHECK_FALSE(t.all);
  CHECK(t.types == std::vector<std::string>{"TABLE", "VIEW"});
  t = parse_table_types(std::string("table, view"));
  CHECK(t.types == std::vector<std::string>{"TABLE", "VIEW"});
  t = parse_table_types(std::string(" 'SYSTEM TABLE' ,\"Local Temporary\""));
  CHECK(t.types == std::vector<std::string>{"SYSTEM TABLE", "LOCAL TEMPORARY"});
  t = parse_table_types(std::string("SYNONYM"));
  CHECK_FALSE(t.all);
  CHECK(t.types == std::vector<std::string>{"SYNONYM"});
}

TEST_CASE("catalog result columns: ODBC 2 names and Unicode text types", "[unit][catalog]") {
  constexpr CatalogColumnDef defs[] = {
      {"TABLE_CAT", "TABLE_QUALIFIER", SQL_VARCHAR, 64, SQL_NULLABLE},
      {"KEY_SEQ", "KEY_SEQ", SQL_SMALLINT, 0, SQL_NO_NULLS},
      {"ASC_OR_DESC", "COLLATION", SQL_CHAR, 1, SQL_NULLABLE},
  };
  std::vector<ColumnMeta> c = catalog_result_columns(defs, SQL_OV_ODBC3, true);
  REQUIRE(c.size() == 3);
  CHECK(c[0].name == "TABLE_CAT");
  CHECK(c[0].sql_type == SQL_WVARCHAR);
  CHECK(c[0].column_size == 64);
  CHECK(c[0].nullable == SQL_NULLABLE);
  CHECK(c[1].sql_type == SQL_SMALLINT);
  CHECK(c[1].nullable == SQL_NO_NULLS);
  CHECK(c[2].sql_type == SQL_WCHAR);
  c = catalog_result_columns(defs, SQL_OV_ODBC2, false);
  CHECK(c[0].name == "TABLE_QUALIFIER");
  CHECK(c[0].sql_type == SQL_VARCHAR);
  CHECK(c[2].name == "COLLATION");
  CHECK(c[2].sql_type == SQL_CHAR);
}

TEST_CASE("catalog SQL helpers", "[unit][catalog]") {
  CHECK(all_of({}) == "1");
  CHECK(all_of({"", "a = 1", "", "b = 2"}) == "a = 1 AND b = 2");
  CHECK(integer_text(42) == "42");
  CHECK(integer_text(4294967292LL) == "2147483647");
  CHECK(integer_text(-5000000000LL) == "-2147483648");
  CHECK(binary_collated("TABLE_NAME") == "CONVERT(TABLE_NAME USING utf8mb4) COLLATE utf8mb4_bin");
}

TEST_CASE("database filters: a database name ending in a space matches nothing", "[unit][catalog]") {
  // The server has no such database and refuses to look one up (1102): no query is made.
  const CatalogArg none;
  DatabaseFilter d =
      database_filter(std::string("x\\' OR 1=1 -- "), ArgKind::ordinary, none, ArgKind::pattern, false, false, "db1");
  CHECK_FALSE(d.possible);
  d = database_filter(none, ArgKind::ordinary, std::string("db2 "), ArgKind::ordinary, false, true, "db1");
  CHECK_FALSE(d.possible);
  // A pattern is not a name: it may end in a space and match names without one.
  d = database_filter(std::string("db% "), ArgKind::pattern, none, ArgKind::pattern, false, false, "db1");
  CHECK(d.possible);
  // An identifier (METADATA_ID) loses its trailing blanks first.
  d = database_filter(std::string("db2 "), ArgKind::ordinary, std::string(""), ArgKind::ordinary, true, false, "db1");
  CHECK(d.possible);
  CHECK(d.filter.value == "db2");
}
