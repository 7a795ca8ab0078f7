#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "core/info_values.h"
#include "holdfast_version.h"

using holdfast::InfoContext;
using holdfast::InfoKind;
using holdfast::InfoValue;
using holdfast::info_kind;
using holdfast::lookup_info;

namespace {

// The kinds the ODBC 3.8 reference (SQLGetInfo) gives each information type, written out
// independently of the table.
const std::set<SQLUSMALLINT> kSpecStrings = {
    SQL_ACCESSIBLE_PROCEDURES, SQL_ACCESSIBLE_TABLES, SQL_CATALOG_NAME,
    SQL_CATALOG_NAME_SEPARATOR, SQL_CATALOG_TERM, SQL_COLLATION_SEQ, SQL_COLUMN_ALIAS,
    SQL_DATA_SOURCE_NAME, SQL_DATA_SOURCE_READ_ONLY, SQL_DATABASE_NAME, SQL_DBMS_NAME,
    SQL_DBMS_VER, SQL_DESCRIBE_PARAMETER, SQL_DRIVER_NAME, SQL_DRIVER_ODBC_VER, SQL_DRIVER_VER,
    SQL_EXPRESSIONS_IN_ORDERBY, SQL_IDENTIFIER_QUOTE_CHAR, SQL_INTEGRITY, SQL_KEYWORDS,
    SQL_LIKE_ESCAPE_CLAUSE, SQL_MAX_ROW_SIZE_INCLUDES_LONG, SQL_MULT_RESULT_SETS,
    SQL_MULTIPLE_ACTIVE_TXN, SQL_NEED_LONG_DATA_LEN, SQL_ODBC_VER,
    SQL_ORDER_BY_COLUMNS_IN_SELECT, SQL_OUTER_JOINS, SQL_PROCEDURE_TERM, SQL_PROCEDURES,
    SQL_ROW_UPDATES, SQL_SCHEMA_TERM, SQL_SEARCH_PATTERN_ESCAPE, SQL_SERVER_NAME,
    SQL_SPECIAL_CHARACTERS, SQL_TABLE_TERM, SQL_USER_NAME, SQL_XOPEN_CLI_YEAR,
};

const std::set<SQLUSMALLINT> kSpecUSmallints = {
    SQL_ACTIVE_ENVIRONMENTS, SQL_CATALOG_LOCATION, SQL_CONCAT_NULL_BEHAVIOR,
    SQL_CORRELATION_NAME, SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CURSOR_ROLLBACK_BEHAVIOR,
    SQL_FILE_USAGE, SQL_GROUP_BY, SQL_IDENTIFIER_CASE, SQL_MAX_CATALOG_NAME_LEN,
    SQL_MAX_COLUMN_NAME_LEN, SQL_MAX_COLUMNS_IN_GROUP_BY, SQL_MAX_COLUMNS_IN_INDEX,
    SQL_MAX_COLUMNS_IN_ORDER_BY, SQL_MAX_COLUMNS_IN_SELECT, SQL_MAX_COLUMNS_IN_TABLE,
    SQL_MAX_CONCURRENT_ACTIVITIES, SQL_MAX_CURSOR_NAME_LEN, SQL_MAX_DRIVER_CONNECTIONS,
    SQL_MAX_IDENTIFIER_LEN, SQL_MAX_PROCEDURE_NAME_LEN, SQL_MAX_SCHEMA_NAME_LEN,
    SQL_MAX_TABLE_NAME_LEN, SQL_MAX_TABLES_IN_SELECT, SQL_MAX_USER_NAME_LEN,
    SQL_NON_NULLABLE_COLUMNS, SQL_NULL_COLLATION, SQL_QUOTED_IDENTIFIER_CASE, SQL_TXN_CAPABLE,
    SQL_ODBC_API_CONFORMANCE, SQL_ODBC_SAG_CLI_CONFORMANCE, SQL_ODBC_SQL_CONFORMANCE,
};

const std::set<SQLUSMALLINT> kSpecHandles = {SQL_DRIVER_HDBC, SQL_DRIVER_HENV,
                                             SQL_DRIVER_HSTMT, SQL_DRIVER_HDESC};

const std::set<SQLUSMALLINT> kSpecUIntegers = {
    SQL_AGGREGATE_FUNCTIONS, SQL_ALTER_DOMAIN, SQL_ALTER_TABLE, SQL_ASYNC_DBC_FUNCTIONS,
    SQL_ASYNC_MODE, SQL_ASYNC_NOTIFICATION, SQL_BATCH_ROW_COUNT, SQL_BATCH_SUPPORT,
    SQL_BOOKMARK_PERSISTENCE, SQL_CATALOG_USAGE, SQL_CONVERT_BIGINT, SQL_CONVERT_BINARY,
    SQL_CONVERT_BIT, SQL_CONVERT_CHAR, SQL_CONVERT_DATE, SQL_CONVERT_DECIMAL, SQL_CONVERT_DOUBLE,
    SQL_CONVERT_FLOAT, SQL_CONVERT_GUID, SQL_CONVERT_INTEGER, SQL_CONVERT_INTERVAL_DAY_TIME,
    SQL_CONVERT_INTERVAL_YEAR_MONTH, SQL_CONVERT_LONGVARBINARY, SQL_CONVERT_LONGVARCHAR,
    SQL_CONVERT_NUMERIC, SQL_CONVERT_REAL, SQL_CONVERT_SMALLINT, SQL_CONVERT_TIME,
    SQL_CONVERT_TIMESTAMP, SQL_CONVERT_TINYINT, SQL_CONVERT_VARBINARY, SQL_CONVERT_VARCHAR,
    SQL_CONVERT_WCHAR, SQL_CONVERT_WLONGVARCHAR, SQL_CONVERT_WVARCHAR, SQL_CONVERT_FUNCTIONS,
    SQL_CREATE_ASSERTION, SQL_CREATE_CHARACTER_SET, SQL_CREATE_COLLATION, SQL_CREATE_DOMAIN,
    SQL_CREATE_SCHEMA, SQL_CREATE_TABLE, SQL_CREATE_TRANSLATION, SQL_CREATE_VIEW,
    SQL_CURSOR_SENSITIVITY, SQL_DATETIME_LITERALS, SQL_DDL_INDEX, SQL_DEFAULT_TXN_ISOLATION,
    SQL_DRIVER_AWARE_POOLING_SUPPORTED, SQL_DROP_ASSERTION, SQL_DROP_CHARACTER_SET,
    SQL_DROP_COLLATION, SQL_DROP_DOMAIN, SQL_DROP_SCHEMA, SQL_DROP_TABLE, SQL_DROP_TRANSLATION,
    SQL_DROP_VIEW, SQL_DYNAMIC_CURSOR_ATTRIBUTES1, SQL_DYNAMIC_CURSOR_ATTRIBUTES2,
    SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2,
    SQL_GETDATA_EXTENSIONS, SQL_INDEX_KEYWORDS, SQL_INFO_SCHEMA_VIEWS, SQL_INSERT_STATEMENT,
    SQL_KEYSET_CURSOR_ATTRIBUTES1, SQL_KEYSET_CURSOR_ATTRIBUTES2,
    SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, SQL_MAX_BINARY_LITERAL_LEN, SQL_MAX_CHAR_LITERAL_LEN,
    SQL_MAX_INDEX_SIZE, SQL_MAX_ROW_SIZE, SQL_MAX_STATEMENT_LEN, SQL_NUMERIC_FUNCTIONS,
    SQL_ODBC_INTERFACE_CONFORMANCE, SQL_OJ_CAPABILITIES, SQL_PARAM_ARRAY_ROW_COUNTS,
    SQL_PARAM_ARRAY_SELECTS, SQL_SCHEMA_USAGE, SQL_SCROLL_OPTIONS, SQL_SQL_CONFORMANCE,
    SQL_SQL92_DATETIME_FUNCTIONS, SQL_SQL92_FOREIGN_KEY_DELETE_RULE,
    SQL_SQL92_FOREIGN_KEY_UPDATE_RULE, SQL_SQL92_GRANT, SQL_SQL92_NUMERIC_VALUE_FUNCTIONS,
    SQL_SQL92_PREDICATES, SQL_SQL92_RELATIONAL_JOIN_OPERATORS, SQL_SQL92_REVOKE,
    SQL_SQL92_ROW_VALUE_CONSTRUCTOR, SQL_SQL92_STRING_FUNCTIONS, SQL_SQL92_VALUE_EXPRESSIONS,
    SQL_STANDARD_CLI_CONFORMANCE, SQL_STATIC_CURSOR_ATTRIBUTES1, SQL_STATIC_CURSOR_ATTRIBUTES2,
    SQL_STRING_FUNCTIONS, SQL_SUBQUERIES, SQL_SYSTEM_FUNCTIONS, SQL_TIMEDATE_ADD_INTERVALS,
    SQL_TIMEDATE_DIFF_INTERVALS, SQL_TIMEDATE_FUNCTIONS, SQL_TXN_ISOLATION_OPTION, SQL_UNION,
    // ODBC 2 bitmasks (SQLINTEGER in 2.x, 32 bits)
    SQL_FETCH_DIRECTION, SQL_LOCK_TYPES, SQL_POS_OPERATIONS, SQL_POSITIONED_STATEMENTS,
    SQL_SCROLL_CONCURRENCY, SQL_STATIC_SENSITIVITY,
};

InfoContext maria() {
  InfoContext c;
  c.dsn_name = "mydsn";
  c.server_name = "db.example.com";
  c.server_version = "10.11.6-MariaDB-0+deb12u1";
  c.database = "shop";
  c.user_name = "alice";
  c.collation = "utf8mb4_general_ci";
  c.server_is_mariadb = true;
  c.server_version_number = 101106;
  c.escape_translation = true;
  return c;
}

InfoContext mysql(unsigned long version = 80036, std::string text = "8.0.36") {
  InfoContext c = maria();
  c.server_is_mariadb = false;
  c.server_version = std::move(text);
  c.server_version_number = version;
  c.collation = "utf8mb4_0900_ai_ci";
  return c;
}

std::string str(SQLUSMALLINT type, const InfoContext& c = maria()) {
  auto v = lookup_info(type, c);
  REQUIRE(v);
  REQUIRE(std::holds_alternative<std::string>(*v));
  return std::get<std::string>(*v);
}

SQLUSMALLINT u16(SQLUSMALLINT type, const InfoContext& c = maria()) {
  auto v = lookup_info(type, c);
  REQUIRE(v);
  REQUIRE(std::holds_alternative<SQLUSMALLINT>(*v));
  return std::get<SQLUSMALLINT>(*v);
}

SQLUINTEGER u32(SQLUSMALLINT type, const InfoContext& c = maria()) {
  auto v = lookup_info(type, c);
  REQUIRE(v);
  REQUIRE(std::holds_alternative<SQLUINTEGER>(*v));
  return std::get<SQLUINTEGER>(*v);
}

SQLULEN handle(SQLUSMALLINT type, const InfoContext& c = maria()) {
  auto v = lookup_info(type, c);
  REQUIRE(v);
  REQUIRE(std::holds_alternative<SQLULEN>(*v));
  return std::get<SQLULEN>(*v);
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool contains(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace

TEST_CASE("the table holds exactly the ODBC 3.8 information types, each of its spec kind",
          "[unit][info]") {
  std::set<SQLUSMALLINT> expected;
  for (auto* set : {&kSpecStrings, &kSpecUSmallints, &kSpecHandles, &kSpecUIntegers}) {
    expected.insert(set->begin(), set->end());
  }
  std::set<SQLUSMALLINT> in_table;
  for (const auto& entry : holdfast::info_entries()) {
    INFO(entry.name);
    CHECK(in_table.insert(entry.type).second);
    InfoKind spec = InfoKind::uinteger;
    if (kSpecStrings.count(entry.type)) spec = InfoKind::string;
    if (kSpecUSmallints.count(entry.type)) spec = InfoKind::usmallint;
    if (kSpecHandles.count(entry.type)) spec = InfoKind::handle;
    CHECK(entry.kind == spec);
    CHECK(info_kind(entry.type) == spec);
    CHECK(holdfast::info_type_name(entry.type) == entry.name);
    for (const InfoContext& c : {maria(), mysql(), InfoContext{}}) {
      auto value = lookup_info(entry.type, c);
      REQUIRE(value);
      CHECK(holdfast::kind_of(*value) == spec);
    }
  }
  CHECK(in_table == expected);
}

TEST_CASE("types the driver does not answer are unknown", "[unit][info]") {
  // SQL_DM_VER and SQL_DRIVER_HLIB are answered by the Driver Manager.
  for (SQLUSMALLINT type : {SQLUSMALLINT{SQL_DM_VER}, SQLUSMALLINT{SQL_DRIVER_HLIB},
                            SQLUSMALLINT{SQL_DTC_TRANSITION_COST}, SQLUSMALLINT{9999},
                            SQLUSMALLINT{65535}, SQLUSMALLINT{1000}}) {
    INFO(type);
    CHECK_FALSE(lookup_info(type, maria()));
    CHECK(info_kind(type) == InfoKind::unknown);
    CHECK(holdfast::info_type_name(type).empty());
  }
}

TEST_CASE("driver identification", "[unit][info]") {
  CHECK(str(SQL_DRIVER_NAME) == "libholdfast.so");
  CHECK(str(SQL_DRIVER_ODBC_VER) == "03.80");
  CHECK(str(SQL_ODBC_VER) == "03.80");
  char expected[32];
  std::snprintf(expected, sizeof expected, "%02d.%02d.%04d", HOLDFAST_VERSION_MAJOR,
                HOLDFAST_VERSION_MINOR, HOLDFAST_VERSION_PATCH);
  CHECK(str(SQL_DRIVER_VER) == expected);
  CHECK(str(SQL_DRIVER_VER).size() == 10);
  CHECK(str(SQL_XOPEN_CLI_YEAR) == "1995");
  CHECK(u32(SQL_ODBC_INTERFACE_CONFORMANCE) == SQL_OIC_CORE);
  CHECK(u16(SQL_ODBC_API_CONFORMANCE) == SQL_OAC_LEVEL1);
  CHECK(u16(SQL_ODBC_SQL_CONFORMANCE) == SQL_OSC_CORE);
}

TEST_CASE("connection values come from the context", "[unit][info]") {
  InfoContext c = maria();
  c.driver_hdbc = 0x1234;
  c.driver_henv = 0x5678;
  c.input_handle = 0x9abc;
  CHECK(str(SQL_DATA_SOURCE_NAME, c) == "mydsn");
  CHECK(str(SQL_SERVER_NAME, c) == "db.example.com");
  CHECK(str(SQL_DATABASE_NAME, c) == "shop");
  CHECK(str(SQL_USER_NAME, c) == "alice");
  CHECK(str(SQL_COLLATION_SEQ, c) == "utf8mb4_general_ci");
  CHECK(handle(SQL_DRIVER_HDBC, c) == 0x1234);
  CHECK(handle(SQL_DRIVER_HENV, c) == 0x5678);
  CHECK(handle(SQL_DRIVER_HSTMT, c) == 0x9abc);
  CHECK(handle(SQL_DRIVER_HDESC, c) == 0x9abc);
  InfoContext empty;
  CHECK(str(SQL_DATA_SOURCE_NAME, empty).empty());
  CHECK(str(SQL_COLLATION_SEQ, empty).empty());
  CHECK(handle(SQL_DRIVER_HDBC, empty) == 0);
}

TEST_CASE("MariaDB and MySQL are told apart", "[unit][info]") {
  CHECK(str(SQL_DBMS_NAME, maria()) == "MariaDB");
  CHECK(str(SQL_DBMS_NAME, mysql()) == "MySQL");
  CHECK(str(SQL_DBMS_VER, maria()) == "10.11.0006 10.11.6-MariaDB-0+deb12u1");
  CHECK(str(SQL_DBMS_VER, mysql()) == "08.00.0036 8.0.36");
}

TEST_CASE("the DBMS version is parsed from the string when no number is given",
          "[unit][info]") {
  InfoContext c = maria();
  c.server_version_number = 0;
  CHECK(str(SQL_DBMS_VER, c) == "10.11.0006 10.11.6-MariaDB-0+deb12u1");
  c.server_version = "5.5.5-10.3.39-MariaDB-log";
  CHECK(str(SQL_DBMS_VER, c) == "10.03.0039 5.5.5-10.3.39-MariaDB-log");
  c.server_version.clear();
  CHECK(str(SQL_DBMS_VER, c) == "00.00.0000");
  InfoContext m = mysql(0, "8.0.31-commercial");
  CHECK(str(SQL_DBMS_VER, m) == "08.00.0031 8.0.31-commercial");
  // The parsed number drives version-dependent answers too.
  CHECK((u32(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, m) & SQL_SRJO_INTERSECT_JOIN) != 0);
}

TEST_CASE("SQL_KEYWORDS lists server reserved words and no ODBC keyword", "[unit][info]") {
  const auto odbc = split(SQL_ODBC_KEYWORDS);
  for (const InfoContext& c : {maria(), mysql()}) {
    const std::string text = str(SQL_KEYWORDS, c);
    INFO(text);
    CHECK(text.find(' ') == std::string::npos);
    const auto words = split(text);
    CHECK(words.size() > 100);
    CHECK(std::is_sorted(words.begin(), words.end()));
    CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
    for (const auto& w : words) {
      INFO(w);
      CHECK_FALSE(w.empty());
      CHECK_FALSE(contains(odbc, w));
    }
    for (const char* common : {"LIMIT", "REGEXP", "STRAIGHT_JOIN", "UNSIGNED", "ZEROFILL"}) {
      CHECK(contains(words, common));
    }
    CHECK_FALSE(contains(words, "SELECT"));  // an ODBC keyword
    CHECK_FALSE(contains(words, "TABLE"));
  }
  const auto maria_words = split(str(SQL_KEYWORDS, maria()));
  const auto mysql_words = split(str(SQL_KEYWORDS, mysql()));
  CHECK(contains(maria_words, "RETURNING"));
  CHECK(contains(maria_words, "OFFSET"));
  CHECK_FALSE(contains(mysql_words, "RETURNING"));
  CHECK(contains(mysql_words, "LATERAL"));
  CHECK(contains(mysql_words, "WINDOW"));
  CHECK_FALSE(contains(maria_words, "LATERAL"));
}

TEST_CASE("important fixed values", "[unit][info]") {
  CHECK(str(SQL_IDENTIFIER_QUOTE_CHAR) == "`");
  CHECK(str(SQL_CATALOG_NAME_SEPARATOR) == ".");
  CHECK(str(SQL_CATALOG_TERM) == "database");
  CHECK(str(SQL_CATALOG_NAME) == "Y");
  CHECK(str(SQL_SCHEMA_TERM).empty());
  CHECK(u32(SQL_SCHEMA_USAGE) == 0);
  CHECK(u16(SQL_MAX_SCHEMA_NAME_LEN) == 0);
  CHECK(str(SQL_TABLE_TERM) == "table");
  CHECK(str(SQL_PROCEDURE_TERM) == "procedure");
  CHECK(str(SQL_SEARCH_PATTERN_ESCAPE) == "\\");
  CHECK(str(SQL_LIKE_ESCAPE_CLAUSE) == "Y");
  CHECK(str(SQL_MULT_RESULT_SETS) == "Y");
  CHECK(str(SQL_DATA_SOURCE_READ_ONLY) == "N");
  CHECK(str(SQL_NEED_LONG_DATA_LEN) == "N");
  CHECK(str(SQL_ORDER_BY_COLUMNS_IN_SELECT) == "N");
  CHECK(str(SQL_ROW_UPDATES) == "N");
  CHECK(u16(SQL_TXN_CAPABLE) == SQL_TC_DDL_COMMIT);
  CHECK(u32(SQL_DEFAULT_TXN_ISOLATION) == SQL_TXN_REPEATABLE_READ);
  CHECK(u32(SQL_TXN_ISOLATION_OPTION) == (SQL_TXN_READ_UNCOMMITTED | SQL_TXN_READ_COMMITTED |
                                          SQL_TXN_REPEATABLE_READ | SQL_TXN_SERIALIZABLE));
  CHECK(u16(SQL_CURSOR_COMMIT_BEHAVIOR) == SQL_CB_PRESERVE);
  CHECK(u16(SQL_CURSOR_ROLLBACK_BEHAVIOR) == SQL_CB_PRESERVE);
  CHECK(u32(SQL_GETDATA_EXTENSIONS) == (SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND));
  CHECK(u16(SQL_NULL_COLLATION) == SQL_NC_LOW);
  CHECK(u16(SQL_CONCAT_NULL_BEHAVIOR) == SQL_CB_NULL);
  CHECK(u16(SQL_MAX_IDENTIFIER_LEN) == 64);
  CHECK(u16(SQL_MAX_TABLE_NAME_LEN) == 64);
  CHECK(u16(SQL_MAX_COLUMN_NAME_LEN) == 64);
  CHECK(u16(SQL_MAX_CATALOG_NAME_LEN) == 64);
  CHECK(u16(SQL_MAX_TABLES_IN_SELECT) == 61);
  CHECK(u32(SQL_ASYNC_MODE) == SQL_AM_NONE);
  CHECK(u32(SQL_ASYNC_DBC_FUNCTIONS) == SQL_ASYNC_DBC_NOT_CAPABLE);
  CHECK(u16(SQL_MAX_CONCURRENT_ACTIVITIES) == 0);
  CHECK(u16(SQL_FILE_USAGE) == SQL_FILE_NOT_SUPPORTED);
  CHECK(u32(SQL_DYNAMIC_CURSOR_ATTRIBUTES1) == 0);
  CHECK(u32(SQL_KEYSET_CURSOR_ATTRIBUTES1) == 0);
  CHECK(u32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1) == SQL_CA1_NEXT);
  CHECK(u32(SQL_POS_OPERATIONS) ==
        (SQL_POS_POSITION | SQL_POS_REFRESH | SQL_POS_UPDATE | SQL_POS_DELETE | SQL_POS_ADD));
  CHECK(u32(SQL_SCROLL_CONCURRENCY) == (SQL_SCCO_READ_ONLY | SQL_SCCO_OPT_VALUES));
  CHECK(u32(SQL_LOCK_TYPES) == SQL_LCK_NO_CHANGE);
  CHECK((u32(SQL_OJ_CAPABILITIES) & SQL_OJ_FULL) == 0);  // no FULL OUTER JOIN
  CHECK((u32(SQL_OJ_CAPABILITIES) & SQL_OJ_LEFT) != 0);
  CHECK(u32(SQL_UNION) == (SQL_U_UNION | SQL_U_UNION_ALL));
  CHECK(str(SQL_DESCRIBE_PARAMETER) == "N");
}

TEST_CASE("cursor answers agree with each other", "[unit][info]") {
  const bool static_cursor = (u32(SQL_SCROLL_OPTIONS) & SQL_SO_STATIC) != 0;
  CHECK((u32(SQL_SCROLL_OPTIONS) & SQL_SO_FORWARD_ONLY) != 0);
  CHECK((u32(SQL_SCROLL_OPTIONS) & (SQL_SO_DYNAMIC | SQL_SO_KEYSET_DRIVEN | SQL_SO_MIXED)) == 0);
  CHECK((u32(SQL_STATIC_CURSOR_ATTRIBUTES1) != 0) == static_cursor);
  CHECK((u32(SQL_STATIC_CURSOR_ATTRIBUTES2) != 0) == static_cursor);
  CHECK(((u32(SQL_FETCH_DIRECTION) & SQL_FD_FETCH_ABSOLUTE) != 0) == static_cursor);
  CHECK((u32(SQL_FETCH_DIRECTION) & SQL_FD_FETCH_NEXT) != 0);
  // No locks anywhere; SQLSetPos, bookmarks and positioned statements only on the static
  // cursor, with optimistic concurrency by values.
  for (SQLUSMALLINT t : {SQLUSMALLINT{SQL_STATIC_CURSOR_ATTRIBUTES1},
                         SQLUSMALLINT{SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1}}) {
    CHECK((u32(t) & SQL_CA1_LOCK_EXCLUSIVE) == 0);
  }
  const SQLUINTEGER by_bookmark = SQL_CA1_BOOKMARK | SQL_CA1_BULK_UPDATE_BY_BOOKMARK |
                                  SQL_CA1_BULK_DELETE_BY_BOOKMARK | SQL_CA1_BULK_FETCH_BY_BOOKMARK;
  CHECK(((u32(SQL_STATIC_CURSOR_ATTRIBUTES1) & by_bookmark) == by_bookmark) == static_cursor);
  CHECK((u32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1) & by_bookmark) == 0);
  CHECK(((u32(SQL_FETCH_DIRECTION) & SQL_FD_FETCH_BOOKMARK) != 0) == static_cursor);
  CHECK((u32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1) & (SQL_CA1_POSITIONED_UPDATE | SQL_CA1_POSITIONED_DELETE)) == 0);
  const SQLUINTEGER positioned = SQL_CA1_POSITIONED_UPDATE | SQL_CA1_POSITIONED_DELETE;
  CHECK(((u32(SQL_STATIC_CURSOR_ATTRIBUTES1) & positioned) == positioned) == static_cursor);
  CHECK((u32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1) & (SQL_CA1_POS_POSITION | SQL_CA1_POS_UPDATE)) == 0);
  const SQLUINTEGER pos = SQL_CA1_POS_POSITION | SQL_CA1_POS_UPDATE | SQL_CA1_POS_DELETE | SQL_CA1_POS_REFRESH;
  CHECK(((u32(SQL_STATIC_CURSOR_ATTRIBUTES1) & pos) == pos) == static_cursor);
  CHECK(((u32(SQL_SCROLL_CONCURRENCY) & SQL_SCCO_OPT_VALUES) != 0) ==
        ((u32(SQL_STATIC_CURSOR_ATTRIBUTES2) & SQL_CA2_OPT_VALUES_CONCURRENCY) != 0));
  for (SQLUSMALLINT t : {SQLUSMALLINT{SQL_STATIC_CURSOR_ATTRIBUTES2},
                         SQLUSMALLINT{SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2}}) {
    CHECK((u32(t) & (SQL_CA2_LOCK_CONCURRENCY | SQL_CA2_OPT_ROWVER_CONCURRENCY)) == 0);
  }
  CHECK((u32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2) & SQL_CA2_OPT_VALUES_CONCURRENCY) == 0);
  // A bookmark is the row's place in the static cursor: it survives scrolling, updates,
  // deletes and transactions, not the cursor's close or another statement.
  CHECK(u32(SQL_BOOKMARK_PERSISTENCE) ==
        (static_cursor ? SQL_BP_SCROLL | SQL_BP_UPDATE | SQL_BP_DELETE | SQL_BP_TRANSACTION : 0u));
  const SQLUINTEGER ps = SQL_PS_POSITIONED_DELETE | SQL_PS_POSITIONED_UPDATE;
  CHECK(((u32(SQL_POSITIONED_STATEMENTS) & ps) == ps) == static_cursor);
}

TEST_CASE("DATABASE_AS_SCHEMA moves every catalog answer to the schema ones", "[unit][info]") {
  constexpr SQLUINTEGER kUsage = SQL_CU_DML_STATEMENTS | SQL_CU_PROCEDURE_INVOCATION | SQL_CU_TABLE_DEFINITION |
                                 SQL_CU_INDEX_DEFINITION | SQL_CU_PRIVILEGE_DEFINITION;
  InfoContext c = maria();
  CHECK(u32(SQL_CATALOG_USAGE, c) == kUsage);
  CHECK(u16(SQL_CATALOG_LOCATION, c) == SQL_CL_START);
  CHECK(u32(SQL_CREATE_SCHEMA, c) == 0);
  CHECK(u32(SQL_DROP_SCHEMA, c) == 0);
  c.database_as_schema = true;
  CHECK(str(SQL_CATALOG_NAME, c) == "N");
  CHECK(str(SQL_CATALOG_TERM, c).empty());
  CHECK(str(SQL_CATALOG_NAME_SEPARATOR, c).empty());
  CHECK(u16(SQL_CATALOG_LOCATION, c) == 0);
  CHECK(u32(SQL_CATALOG_USAGE, c) == 0);
  CHECK(u16(SQL_MAX_CATALOG_NAME_LEN, c) == 0);
  CHECK(str(SQL_SCHEMA_TERM, c) == "database");
  CHECK(u32(SQL_SCHEMA_USAGE, c) == kUsage);
  CHECK(u16(SQL_MAX_SCHEMA_NAME_LEN, c) == 64);
  CHECK(u32(SQL_CREATE_SCHEMA, c) == SQL_CS_CREATE_SCHEMA);
  CHECK(u32(SQL_DROP_SCHEMA, c) == SQL_DS_DROP_SCHEMA);
}

TEST_CASE("identifier case follows lower_case_table_names", "[unit][info]") {
  InfoContext c = maria();
  c.lower_case_table_names = 0;
  CHECK(u16(SQL_IDENTIFIER_CASE, c) == SQL_IC_SENSITIVE);
  CHECK(u16(SQL_QUOTED_IDENTIFIER_CASE, c) == SQL_IC_SENSITIVE);
  c.lower_case_table_names = 1;
  CHECK(u16(SQL_IDENTIFIER_CASE, c) == SQL_IC_LOWER);
  c.lower_case_table_names = 2;
  CHECK(u16(SQL_IDENTIFIER_CASE, c) == SQL_IC_MIXED);
  CHECK(u16(SQL_QUOTED_IDENTIFIER_CASE, c) == SQL_IC_MIXED);
}

TEST_CASE("version-dependent limits and features", "[unit][info]") {
  CHECK(u16(SQL_MAX_USER_NAME_LEN, maria()) == 128);
  CHECK(u16(SQL_MAX_USER_NAME_LEN, mysql()) == 32);
  CHECK(u16(SQL_MAX_USER_NAME_LEN, mysql(50620, "5.6.20")) == 16);
  CHECK(u16(SQL_MAX_COLUMNS_IN_INDEX, maria()) == 32);
  CHECK(u16(SQL_MAX_COLUMNS_IN_INDEX, mysql()) == 16);

  InfoContext old_maria = maria();
  old_maria.server_version_number = 100137;
  old_maria.server_version = "10.1.37-MariaDB";
  CHECK(u16(SQL_MAX_USER_NAME_LEN, old_maria) == 80);
  CHECK(str(SQL_INTEGRITY, old_maria) == "N");
  CHECK(str(SQL_INTEGRITY, maria()) == "Y");
  CHECK(str(SQL_INTEGRITY, mysql()) == "Y");
  CHECK(str(SQL_INTEGRITY, mysql(50744, "5.7.44")) == "N");

  const SQLUINTEGER set_ops = SQL_SRJO_EXCEPT_JOIN | SQL_SRJO_INTERSECT_JOIN;
  CHECK((u32(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, maria()) & set_ops) == set_ops);
  CHECK((u32(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, old_maria) & set_ops) == 0);
  CHECK((u32(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, mysql(80030, "8.0.30")) & set_ops) == 0);
  CHECK((u32(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, mysql(80031, "8.0.31")) & set_ops) == set_ops);
  CHECK((u32(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, maria()) & SQL_SRJO_FULL_OUTER_JOIN) == 0);

  CHECK((u32(SQL_INFO_SCHEMA_VIEWS, maria()) & SQL_ISV_CHECK_CONSTRAINTS) != 0);
  CHECK((u32(SQL_INFO_SCHEMA_VIEWS, old_maria) & SQL_ISV_CHECK_CONSTRAINTS) == 0);
  CHECK((u32(SQL_INFO_SCHEMA_VIEWS, mysql(80015, "8.0.15")) & SQL_ISV_CHECK_CONSTRAINTS) == 0);
  CHECK((u32(SQL_INFO_SCHEMA_VIEWS, mysql()) & SQL_ISV_TABLES) != 0);
}

TEST_CASE("escape functions follow what the escape translator does", "[unit][info]") {
  InfoContext plain = maria();
  plain.escape_translation = false;
  const InfoContext translated = maria();

  // Never: DIFFERENCE has no server function.
  CHECK((u32(SQL_STRING_FUNCTIONS, translated) & SQL_FN_STR_DIFFERENCE) == 0);
  CHECK((u32(SQL_STRING_FUNCTIONS, translated) & SQL_FN_STR_CONCAT) != 0);
  CHECK((u32(SQL_STRING_FUNCTIONS, plain) & SQL_FN_STR_LOCATE_2) != 0);
  // LENGTH counts bytes on the server: only with translation.
  CHECK((u32(SQL_STRING_FUNCTIONS, plain) & SQL_FN_STR_LENGTH) == 0);
  CHECK((u32(SQL_STRING_FUNCTIONS, translated) & SQL_FN_STR_LENGTH) != 0);
  CHECK(u32(SQL_CONVERT_FUNCTIONS, plain) == SQL_FN_CVT_CAST);
  CHECK(u32(SQL_CONVERT_FUNCTIONS, translated) == (SQL_FN_CVT_CAST | SQL_FN_CVT_CONVERT));
  CHECK((u32(SQL_TIMEDATE_ADD_INTERVALS, plain) & SQL_FN_TSI_FRAC_SECOND) == 0);
  CHECK((u32(SQL_TIMEDATE_DIFF_INTERVALS, translated) & SQL_FN_TSI_FRAC_SECOND) != 0);
  CHECK((u32(SQL_TIMEDATE_ADD_INTERVALS, plain) & SQL_FN_TSI_QUARTER) != 0);

  for (const auto& entry : holdfast::info_entries()) {
    if (entry.name.starts_with("SQL_CONVERT_") && entry.type != SQL_CONVERT_FUNCTIONS) {
      INFO(entry.name);
      CHECK(u32(entry.type, plain) == 0);
    }
  }
  CHECK((u32(SQL_CONVERT_CHAR, translated) & SQL_CVT_INTEGER) != 0);
  CHECK((u32(SQL_CONVERT_CHAR, translated) & SQL_CVT_TIMESTAMP) != 0);
  CHECK((u32(SQL_CONVERT_INTEGER, translated) & SQL_CVT_DOUBLE) != 0);
  CHECK((u32(SQL_CONVERT_INTEGER, translated) & SQL_CVT_DATE) == 0);
  CHECK((u32(SQL_CONVERT_DATE, translated) & SQL_CVT_TIMESTAMP) != 0);
  CHECK((u32(SQL_CONVERT_DATE, translated) & SQL_CVT_TIME) == 0);
  CHECK((u32(SQL_CONVERT_TIMESTAMP, translated) & SQL_CVT_WVARCHAR) != 0);
  CHECK(u32(SQL_CONVERT_GUID, translated) == 0);
  CHECK(u32(SQL_CONVERT_INTERVAL_DAY_TIME, translated) == 0);
  // Not offered: SQL_BIT (CAST AS UNSIGNED is not 0/1) nor SQL_GUID targets.
  for (const auto& entry : holdfast::info_entries()) {
    if (entry.name.starts_with("SQL_CONVERT_") && entry.type != SQL_CONVERT_FUNCTIONS) {
      INFO(entry.name);
      CHECK((u32(entry.type, translated) & (SQL_CVT_BIT | SQL_CVT_GUID)) == 0);
    }
  }
}

TEST_CASE("bitmask answers use only their own bits", "[unit][info]") {
  CHECK((u32(SQL_NUMERIC_FUNCTIONS) & ~0x00FFFFFFu) == 0);
  CHECK(u32(SQL_NUMERIC_FUNCTIONS) == 0x00FFFFFFu);  // all 24: every one exists
  CHECK((u32(SQL_TIMEDATE_FUNCTIONS) & ~0x001FFFFFu) == 0);
  CHECK(u32(SQL_SYSTEM_FUNCTIONS) ==
        (SQL_FN_SYS_USERNAME | SQL_FN_SYS_DBNAME | SQL_FN_SYS_IFNULL));
  CHECK(u32(SQL_AGGREGATE_FUNCTIONS) == 0x7Fu);
}
