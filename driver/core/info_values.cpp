// The SQLGetInfo table. Each entry: information type, kind, and a constant answer or a
// function of the connection (info_dynamic.cpp). Values are what a MySQL or MariaDB server
// and this driver actually do; where they are "for now", the comment says so.
#include "core/info_values.h"

#include <algorithm>
#include <array>

#include "core/info_dynamic.h"

namespace holdfast {
namespace {

using ComputeFn = InfoValue (*)(SQLUSMALLINT, const InfoContext&);

constexpr InfoEntry text(SQLUSMALLINT type, std::string_view name, std::string_view value) {
  return {type, name, InfoKind::string, value, 0, nullptr};
}
constexpr InfoEntry u16(SQLUSMALLINT type, std::string_view name, SQLUSMALLINT value) {
  return {type, name, InfoKind::usmallint, {}, value, nullptr};
}
constexpr InfoEntry u32(SQLUSMALLINT type, std::string_view name, SQLUINTEGER value) {
  return {type, name, InfoKind::uinteger, {}, value, nullptr};
}
constexpr InfoEntry computed(SQLUSMALLINT type, std::string_view name, InfoKind kind,
                             ComputeFn fn) {
  return {type, name, kind, {}, 0, fn};
}

#define HF_TEXT(id, value) text(id, #id, value)
#define HF_U16(id, value) u16(id, #id, value)
#define HF_U32(id, value) u32(id, #id, value)
#define HF_FN(id, kind, fn) computed(id, #id, InfoKind::kind, info::fn)

// The static cursor (core/scroll_cursor.h): scrolls every way, SQLSetPos positions,
// refreshes, updates and deletes by key (core/set_pos.cpp) with optimistic concurrency by
// values, sees its own updates, and SQLBulkOperations adds rows. Bookmarks (core/bookmark.h):
// SQL_FETCH_BOOKMARK and SQLBulkOperations update, delete and fetch by bookmark; a bookmark
// stays valid while its cursor is open (scrolling, updates, deletes, transactions).
// Positioned UPDATE and DELETE (WHERE CURRENT OF, core/positioned_statement.h) act on its
// current row. No locks. Forward-only cursors only fetch.
constexpr bool kStaticCursor = true;

constexpr SQLUINTEGER kStaticCa1 =
    kStaticCursor ? SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE | SQL_CA1_LOCK_NO_CHANGE |
                        SQL_CA1_POS_POSITION | SQL_CA1_POS_UPDATE | SQL_CA1_POS_DELETE |
                        SQL_CA1_POS_REFRESH | SQL_CA1_BULK_ADD | SQL_CA1_BOOKMARK |
                        SQL_CA1_BULK_UPDATE_BY_BOOKMARK | SQL_CA1_BULK_DELETE_BY_BOOKMARK |
                        SQL_CA1_BULK_FETCH_BY_BOOKMARK | SQL_CA1_POSITIONED_UPDATE |
                        SQL_CA1_POSITIONED_DELETE | SQL_CA1_SELECT_FOR_UPDATE
                  : 0;
constexpr SQLUINTEGER kStaticCa2 =
    kStaticCursor ? SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_OPT_VALUES_CONCURRENCY |
                        SQL_CA2_SENSITIVITY_UPDATES | SQL_CA2_MAX_ROWS_SELECT | SQL_CA2_CRC_EXACT |
                        SQL_CA2_SIMULATE_UNIQUE
                  : 0;
constexpr SQLUINTEGER kScrollOptions = SQL_SO_FORWARD_ONLY | (kStaticCursor ? SQL_SO_STATIC : 0);
constexpr SQLUINTEGER kFetchDirection =
    SQL_FD_FETCH_NEXT | (kStaticCursor ? SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST |
                                             SQL_FD_FETCH_PRIOR | SQL_FD_FETCH_ABSOLUTE |
                                             SQL_FD_FETCH_RELATIVE | SQL_FD_FETCH_BOOKMARK
                                       : 0);

constexpr auto kUnsorted = std::to_array<InfoEntry>({
    // --- Driver and data source information
    HF_U16(SQL_ACTIVE_ENVIRONMENTS, 0),
    HF_U32(SQL_ASYNC_DBC_FUNCTIONS, SQL_ASYNC_DBC_NOT_CAPABLE),
    HF_U32(SQL_ASYNC_MODE, SQL_AM_NONE),
    HF_U32(SQL_ASYNC_NOTIFICATION, SQL_ASYNC_NOTIFICATION_NOT_CAPABLE),
    // With CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS: each statement of a batch gives
    // its own result set or row count; a CALL gives its result sets and a row count.
    HF_U32(SQL_BATCH_ROW_COUNT, SQL_BRC_EXPLICIT),
    HF_U32(SQL_BATCH_SUPPORT, SQL_BS_SELECT_EXPLICIT | SQL_BS_ROW_COUNT_EXPLICIT |
                                  SQL_BS_SELECT_PROC | SQL_BS_ROW_COUNT_PROC),
    HF_FN(SQL_DATA_SOURCE_NAME, string, data_source_name),
    HF_U32(SQL_DRIVER_AWARE_POOLING_SUPPORTED, SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE),
    HF_FN(SQL_DRIVER_HDBC, handle, driver_hdbc),
    HF_FN(SQL_DRIVER_HENV, handle, driver_henv),
    HF_FN(SQL_DRIVER_HSTMT, handle, driver_input_handle),
    HF_FN(SQL_DRIVER_HDESC, handle, driver_input_handle),
    HF_TEXT(SQL_DRIVER_NAME, "libholdfast.so"),
    HF_TEXT(SQL_DRIVER_ODBC_VER, "03.80"),
    HF_FN(SQL_DRIVER_VER, string, driver_ver),
    HF_U32(SQL_DYNAMIC_CURSOR_ATTRIBUTES1, 0),
    HF_U32(SQL_DYNAMIC_CURSOR_ATTRIBUTES2, 0),
    HF_U32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT),
    HF_U32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2,
           SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT),
    HF_U16(SQL_FILE_USAGE, SQL_FILE_NOT_SUPPORTED),
    HF_U32(SQL_GETDATA_EXTENSIONS, SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND),
    HF_FN(SQL_INFO_SCHEMA_VIEWS, uinteger, info_schema_views),
    HF_U32(SQL_KEYSET_CURSOR_ATTRIBUTES1, 0),
    HF_U32(SQL_KEYSET_CURSOR_ATTRIBUTES2, 0),
    HF_U32(SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, 0),
    // 0 = no limit: result sets are read whole before the next statement runs.
    HF_U16(SQL_MAX_CONCURRENT_ACTIVITIES, 0),
    HF_U16(SQL_MAX_DRIVER_CONNECTIONS, 0),
    HF_U32(SQL_ODBC_INTERFACE_CONFORMANCE, SQL_OIC_CORE),
    HF_TEXT(SQL_ODBC_VER, "03.80"),
    // Parameter arrays run one execution per set.
    HF_U32(SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARC_NO_BATCH),
    HF_U32(SQL_PARAM_ARRAY_SELECTS, SQL_PAS_NO_SELECT),
    HF_TEXT(SQL_ROW_UPDATES, "N"),
    HF_TEXT(SQL_SEARCH_PATTERN_ESCAPE, "\\"),
    HF_FN(SQL_SERVER_NAME, string, server_name),
    HF_U32(SQL_STATIC_CURSOR_ATTRIBUTES1, kStaticCa1),
    HF_U32(SQL_STATIC_CURSOR_ATTRIBUTES2, kStaticCa2),
    HF_U16(SQL_ODBC_API_CONFORMANCE, SQL_OAC_LEVEL1),
    HF_U16(SQL_ODBC_SAG_CLI_CONFORMANCE, SQL_OSCC_NOT_COMPLIANT),
    HF_U16(SQL_ODBC_SQL_CONFORMANCE, SQL_OSC_CORE),
    HF_U32(SQL_STANDARD_CLI_CONFORMANCE, 0),
    HF_TEXT(SQL_XOPEN_CLI_YEAR, "1995"),

    // --- DBMS product information
    HF_FN(SQL_DATABASE_NAME, string, database_name),
    HF_FN(SQL_DBMS_NAME, string, dbms_name),
    HF_FN(SQL_DBMS_VER, string, dbms_ver),

    // --- Data source information
    // SQLTables and SQLProcedures list what information_schema shows: objects on which the
    // user holds any privilege, not only SELECT / EXECUTE.
    HF_TEXT(SQL_ACCESSIBLE_PROCEDURES, "N"),
    HF_TEXT(SQL_ACCESSIBLE_TABLES, "N"),
    HF_U32(SQL_BOOKMARK_PERSISTENCE,
           kStaticCursor ? SQL_BP_SCROLL | SQL_BP_UPDATE | SQL_BP_DELETE | SQL_BP_TRANSACTION : 0),
    HF_FN(SQL_CATALOG_TERM, string, catalog_text),
    HF_FN(SQL_COLLATION_SEQ, string, collation_seq),
    HF_U16(SQL_CONCAT_NULL_BEHAVIOR, SQL_CB_NULL),
    HF_U16(SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CB_PRESERVE),
    HF_U16(SQL_CURSOR_ROLLBACK_BEHAVIOR, SQL_CB_PRESERVE),
    HF_U32(SQL_CURSOR_SENSITIVITY, SQL_INSENSITIVE),
    HF_TEXT(SQL_DATA_SOURCE_READ_ONLY, "N"),
    HF_U32(SQL_DEFAULT_TXN_ISOLATION, SQL_TXN_REPEATABLE_READ),
    // About the SQL statement DESCRIBE INPUT, which neither server has.
    HF_TEXT(SQL_DESCRIBE_PARAMETER, "N"),
    HF_TEXT(SQL_MULT_RESULT_SETS, "Y"),
    HF_TEXT(SQL_MULTIPLE_ACTIVE_TXN, "Y"),
    HF_TEXT(SQL_NEED_LONG_DATA_LEN, "N"),
    HF_U16(SQL_NULL_COLLATION, SQL_NC_LOW),
    HF_TEXT(SQL_PROCEDURE_TERM, "procedure"),
    HF_FN(SQL_SCHEMA_TERM, string, schema_text),
    HF_U32(SQL_SCROLL_OPTIONS, kScrollOptions),
    HF_TEXT(SQL_TABLE_TERM, "table"),
    HF_U16(SQL_TXN_CAPABLE, SQL_TC_DDL_COMMIT),
    HF_U32(SQL_TXN_ISOLATION_OPTION, SQL_TXN_READ_UNCOMMITTED | SQL_TXN_READ_COMMITTED |
                                         SQL_TXN_REPEATABLE_READ | SQL_TXN_SERIALIZABLE),
    HF_FN(SQL_USER_NAME, string, user_name),

    // --- Supported SQL
    HF_U32(SQL_AGGREGATE_FUNCTIONS, SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_DISTINCT |
                                        SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM),
    HF_U32(SQL_ALTER_DOMAIN, 0),
    HF_U32(SQL_ALTER_TABLE, SQL_AT_ADD_COLUMN | SQL_AT_DROP_COLUMN | SQL_AT_ADD_CONSTRAINT |
                                SQL_AT_ADD_COLUMN_SINGLE | SQL_AT_ADD_COLUMN_DEFAULT |
                                SQL_AT_ADD_COLUMN_COLLATION | SQL_AT_SET_COLUMN_DEFAULT |
                                SQL_AT_DROP_COLUMN_DEFAULT | SQL_AT_ADD_TABLE_CONSTRAINT |
                                SQL_AT_CONSTRAINT_NAME_DEFINITION),
    HF_FN(SQL_CATALOG_LOCATION, usmallint, catalog_location),
    HF_FN(SQL_CATALOG_NAME, string, catalog_text),
    HF_FN(SQL_CATALOG_NAME_SEPARATOR, string, catalog_text),
    HF_FN(SQL_CATALOG_USAGE, uinteger, catalog_usage),
    HF_TEXT(SQL_COLUMN_ALIAS, "Y"),
    HF_U16(SQL_CORRELATION_NAME, SQL_CN_ANY),
    HF_U32(SQL_CREATE_ASSERTION, 0),
    HF_U32(SQL_CREATE_CHARACTER_SET, 0),
    HF_U32(SQL_CREATE_COLLATION, 0),
    HF_U32(SQL_CREATE_DOMAIN, 0),
    HF_FN(SQL_CREATE_SCHEMA, uinteger, create_schema),
    HF_U32(SQL_CREATE_TABLE, SQL_CT_CREATE_TABLE | SQL_CT_LOCAL_TEMPORARY |
                                 SQL_CT_COLUMN_CONSTRAINT | SQL_CT_COLUMN_DEFAULT |
                                 SQL_CT_COLUMN_COLLATION | SQL_CT_TABLE_CONSTRAINT |
                                 SQL_CT_CONSTRAINT_NAME_DEFINITION),
    HF_U32(SQL_CREATE_TRANSLATION, 0),
    HF_U32(SQL_CREATE_VIEW,
           SQL_CV_CREATE_VIEW | SQL_CV_CHECK_OPTION | SQL_CV_CASCADED | SQL_CV_LOCAL),
    HF_U32(SQL_DDL_INDEX, SQL_DI_CREATE_INDEX | SQL_DI_DROP_INDEX),
    HF_U32(SQL_DROP_ASSERTION, 0),
    HF_U32(SQL_DROP_CHARACTER_SET, 0),
    HF_U32(SQL_DROP_COLLATION, 0),
    HF_U32(SQL_DROP_DOMAIN, 0),
    HF_FN(SQL_DROP_SCHEMA, uinteger, drop_schema),
    // RESTRICT and CASCADE are accepted (and do nothing) for portability.
    HF_U32(SQL_DROP_TABLE, SQL_DT_DROP_TABLE | SQL_DT_RESTRICT | SQL_DT_CASCADE),
    HF_U32(SQL_DROP_TRANSLATION, 0),
    HF_U32(SQL_DROP_VIEW, SQL_DV_DROP_VIEW | SQL_DV_RESTRICT | SQL_DV_CASCADE),
    HF_TEXT(SQL_EXPRESSIONS_IN_ORDERBY, "Y"),
    HF_U16(SQL_GROUP_BY, SQL_GB_NO_RELATION),
    HF_FN(SQL_IDENTIFIER_CASE, usmallint, identifier_case),
    HF_TEXT(SQL_IDENTIFIER_QUOTE_CHAR, "`"),
    HF_U32(SQL_INDEX_KEYWORDS, SQL_IK_ALL),
    HF_U32(SQL_INSERT_STATEMENT, SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED),
    HF_FN(SQL_INTEGRITY, string, integrity),
    HF_FN(SQL_KEYWORDS, string, keywords),
    HF_TEXT(SQL_LIKE_ESCAPE_CLAUSE, "Y"),
    HF_U16(SQL_NON_NULLABLE_COLUMNS, SQL_NNC_NON_NULL),
    HF_U32(SQL_OJ_CAPABILITIES, SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_NESTED | SQL_OJ_NOT_ORDERED |
                                    SQL_OJ_INNER | SQL_OJ_ALL_COMPARISON_OPS),
    HF_TEXT(SQL_ORDER_BY_COLUMNS_IN_SELECT, "N"),
    HF_TEXT(SQL_OUTER_JOINS, "Y"),
    HF_TEXT(SQL_PROCEDURES, "Y"),
    HF_FN(SQL_QUOTED_IDENTIFIER_CASE, usmallint, identifier_case),
    HF_FN(SQL_SCHEMA_USAGE, uinteger, schema_usage),
    // Quoted identifiers may hold any of these.
    HF_TEXT(SQL_SPECIAL_CHARACTERS, "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~"),
    HF_U32(SQL_SQL_CONFORMANCE, SQL_SC_SQL92_ENTRY),
    HF_U32(SQL_SUBQUERIES, SQL_SQ_COMPARISON | SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED |
                               SQL_SQ_CORRELATED_SUBQUERIES),
    HF_U32(SQL_UNION, SQL_U_UNION | SQL_U_UNION_ALL),

    // --- SQL limits (0: none, or unknown)
    HF_U32(SQL_MAX_BINARY_LITERAL_LEN, 0),  // bounded by max_allowed_packet only
    HF_FN(SQL_MAX_CATALOG_NAME_LEN, usmallint, max_database_name_len),
    HF_U32(SQL_MAX_CHAR_LITERAL_LEN, 0),
    HF_U16(SQL_MAX_COLUMN_NAME_LEN, 64),
    HF_U16(SQL_MAX_COLUMNS_IN_GROUP_BY, 0),
    HF_FN(SQL_MAX_COLUMNS_IN_INDEX, usmallint, max_columns_in_index),
    HF_U16(SQL_MAX_COLUMNS_IN_ORDER_BY, 0),
    HF_U16(SQL_MAX_COLUMNS_IN_SELECT, 0),
    HF_U16(SQL_MAX_COLUMNS_IN_TABLE, 1017),  // InnoDB, the default engine (server: 4096)
    HF_U16(SQL_MAX_CURSOR_NAME_LEN, 64),
    HF_U16(SQL_MAX_IDENTIFIER_LEN, 64),
    HF_U32(SQL_MAX_INDEX_SIZE, 3072),  // InnoDB key prefix limit, bytes
    HF_U16(SQL_MAX_PROCEDURE_NAME_LEN, 64),
    HF_U32(SQL_MAX_ROW_SIZE, 65535),
    HF_TEXT(SQL_MAX_ROW_SIZE_INCLUDES_LONG, "N"),  // BLOB/TEXT count 9 to 12 bytes only
    HF_FN(SQL_MAX_SCHEMA_NAME_LEN, usmallint, max_database_name_len),
    HF_U32(SQL_MAX_STATEMENT_LEN, 0),  // max_allowed_packet
    HF_U16(SQL_MAX_TABLE_NAME_LEN, 64),
    HF_U16(SQL_MAX_TABLES_IN_SELECT, 61),
    HF_FN(SQL_MAX_USER_NAME_LEN, usmallint, max_user_name_len),

    // --- Scalar functions (run by the server inside {fn ...} as written)
    HF_FN(SQL_CONVERT_FUNCTIONS, uinteger, convert_functions),
    HF_U32(SQL_NUMERIC_FUNCTIONS,
           SQL_FN_NUM_ABS | SQL_FN_NUM_ACOS | SQL_FN_NUM_ASIN | SQL_FN_NUM_ATAN |
               SQL_FN_NUM_ATAN2 | SQL_FN_NUM_CEILING | SQL_FN_NUM_COS | SQL_FN_NUM_COT |
               SQL_FN_NUM_DEGREES | SQL_FN_NUM_EXP | SQL_FN_NUM_FLOOR | SQL_FN_NUM_LOG |
               SQL_FN_NUM_LOG10 | SQL_FN_NUM_MOD | SQL_FN_NUM_PI | SQL_FN_NUM_POWER |
               SQL_FN_NUM_RADIANS | SQL_FN_NUM_RAND | SQL_FN_NUM_ROUND | SQL_FN_NUM_SIGN |
               SQL_FN_NUM_SIN | SQL_FN_NUM_SQRT | SQL_FN_NUM_TAN | SQL_FN_NUM_TRUNCATE),
    HF_FN(SQL_STRING_FUNCTIONS, uinteger, string_functions),
    HF_U32(SQL_SYSTEM_FUNCTIONS, SQL_FN_SYS_DBNAME | SQL_FN_SYS_IFNULL | SQL_FN_SYS_USERNAME),
    HF_FN(SQL_TIMEDATE_ADD_INTERVALS, uinteger, timedate_intervals),
    HF_FN(SQL_TIMEDATE_DIFF_INTERVALS, uinteger, timedate_intervals),
    HF_U32(SQL_TIMEDATE_FUNCTIONS,
           SQL_FN_TD_CURDATE | SQL_FN_TD_CURRENT_DATE | SQL_FN_TD_CURRENT_TIME |
               SQL_FN_TD_CURRENT_TIMESTAMP | SQL_FN_TD_CURTIME | SQL_FN_TD_DAYNAME |
               SQL_FN_TD_DAYOFMONTH | SQL_FN_TD_DAYOFWEEK | SQL_FN_TD_DAYOFYEAR |
               SQL_FN_TD_EXTRACT | SQL_FN_TD_HOUR | SQL_FN_TD_MINUTE | SQL_FN_TD_MONTH |
               SQL_FN_TD_MONTHNAME | SQL_FN_TD_NOW | SQL_FN_TD_QUARTER | SQL_FN_TD_SECOND |
               SQL_FN_TD_TIMESTAMPADD | SQL_FN_TD_TIMESTAMPDIFF | SQL_FN_TD_WEEK |
               SQL_FN_TD_YEAR),

    // --- Conversions by {fn CONVERT(...)} (0 until the escape translator does them)
    HF_FN(SQL_CONVERT_BIGINT, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_BINARY, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_BIT, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_CHAR, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_DATE, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_DECIMAL, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_DOUBLE, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_FLOAT, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_GUID, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_INTEGER, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_INTERVAL_DAY_TIME, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_INTERVAL_YEAR_MONTH, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_LONGVARBINARY, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_LONGVARCHAR, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_NUMERIC, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_REAL, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_SMALLINT, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_TIME, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_TIMESTAMP, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_TINYINT, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_VARBINARY, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_VARCHAR, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_WCHAR, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_WLONGVARCHAR, uinteger, convert_targets),
    HF_FN(SQL_CONVERT_WVARCHAR, uinteger, convert_targets),

    // --- SQL-92
    HF_U32(SQL_DATETIME_LITERALS, SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP),
    HF_U32(SQL_SQL92_DATETIME_FUNCTIONS,
           SQL_SDF_CURRENT_DATE | SQL_SDF_CURRENT_TIME | SQL_SDF_CURRENT_TIMESTAMP),
    // SET DEFAULT is parsed but refused by InnoDB.
    HF_U32(SQL_SQL92_FOREIGN_KEY_DELETE_RULE,
           SQL_SFKD_CASCADE | SQL_SFKD_NO_ACTION | SQL_SFKD_SET_NULL),
    HF_U32(SQL_SQL92_FOREIGN_KEY_UPDATE_RULE,
           SQL_SFKU_CASCADE | SQL_SFKU_NO_ACTION | SQL_SFKU_SET_NULL),
    HF_U32(SQL_SQL92_GRANT, SQL_SG_DELETE_TABLE | SQL_SG_INSERT_COLUMN | SQL_SG_INSERT_TABLE |
                                SQL_SG_REFERENCES_COLUMN | SQL_SG_REFERENCES_TABLE |
                                SQL_SG_SELECT_TABLE | SQL_SG_UPDATE_COLUMN |
                                SQL_SG_UPDATE_TABLE | SQL_SG_WITH_GRANT_OPTION),
    HF_U32(SQL_SQL92_NUMERIC_VALUE_FUNCTIONS,
           SQL_SNVF_BIT_LENGTH | SQL_SNVF_CHAR_LENGTH | SQL_SNVF_CHARACTER_LENGTH |
               SQL_SNVF_EXTRACT | SQL_SNVF_OCTET_LENGTH | SQL_SNVF_POSITION),
    HF_U32(SQL_SQL92_PREDICATES, SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS |
                                     SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL |
                                     SQL_SP_LIKE | SQL_SP_QUANTIFIED_COMPARISON),
    HF_FN(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, uinteger, relational_join_operators),
    HF_U32(SQL_SQL92_REVOKE, SQL_SR_DELETE_TABLE | SQL_SR_GRANT_OPTION_FOR |
                                 SQL_SR_INSERT_COLUMN | SQL_SR_INSERT_TABLE |
                                 SQL_SR_REFERENCES_COLUMN | SQL_SR_REFERENCES_TABLE |
                                 SQL_SR_SELECT_TABLE | SQL_SR_UPDATE_COLUMN |
                                 SQL_SR_UPDATE_TABLE),
    HF_U32(SQL_SQL92_ROW_VALUE_CONSTRUCTOR, SQL_SRVC_VALUE_EXPRESSION | SQL_SRVC_NULL |
                                                SQL_SRVC_DEFAULT | SQL_SRVC_ROW_SUBQUERY),
    HF_U32(SQL_SQL92_STRING_FUNCTIONS, SQL_SSF_CONVERT | SQL_SSF_LOWER | SQL_SSF_UPPER |
                                           SQL_SSF_SUBSTRING | SQL_SSF_TRIM_BOTH |
                                           SQL_SSF_TRIM_LEADING | SQL_SSF_TRIM_TRAILING),
    HF_U32(SQL_SQL92_VALUE_EXPRESSIONS,
           SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF),

    // --- ODBC 2 information types still answered
    HF_U32(SQL_FETCH_DIRECTION, kFetchDirection),
    HF_U32(SQL_LOCK_TYPES, kStaticCursor ? SQL_LCK_NO_CHANGE : 0),
    HF_U32(SQL_POS_OPERATIONS, kStaticCursor ? SQL_POS_POSITION | SQL_POS_REFRESH | SQL_POS_UPDATE |
                                                   SQL_POS_DELETE | SQL_POS_ADD
                                             : 0),
    HF_U32(SQL_POSITIONED_STATEMENTS, kStaticCursor ? SQL_PS_POSITIONED_DELETE | SQL_PS_POSITIONED_UPDATE |
                                                          SQL_PS_SELECT_FOR_UPDATE
                                                    : 0),
    HF_U32(SQL_SCROLL_CONCURRENCY, SQL_SCCO_READ_ONLY | (kStaticCursor ? SQL_SCCO_OPT_VALUES : 0)),
    HF_U32(SQL_STATIC_SENSITIVITY, kStaticCursor ? SQL_SS_UPDATES : 0),
    // Not answered here: SQL_DM_VER and SQL_DRIVER_HLIB (the Driver Manager answers them).
});

#undef HF_TEXT
#undef HF_U16
#undef HF_U32
#undef HF_FN

constexpr auto sort_by_type(std::array<InfoEntry, kUnsorted.size()> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const InfoEntry& a, const InfoEntry& b) { return a.type < b.type; });
  return entries;
}

constexpr auto kTable = sort_by_type(kUnsorted);

constexpr bool types_unique() {
  for (std::size_t i = 1; i < kTable.size(); ++i) {
    if (kTable[i - 1].type == kTable[i].type) return false;
  }
  return true;
}
static_assert(types_unique(), "an information type appears twice in the SQLGetInfo table");

const InfoEntry* find(SQLUSMALLINT type) noexcept {
  auto it = std::lower_bound(kTable.begin(), kTable.end(), type,
                             [](const InfoEntry& e, SQLUSMALLINT t) { return e.type < t; });
  return (it != kTable.end() && it->type == type) ? &*it : nullptr;
}

}  // namespace

InfoKind kind_of(const InfoValue& value) noexcept {
  return static_cast<InfoKind>(value.index());
}

std::optional<InfoValue> lookup_info(SQLUSMALLINT info_type, const InfoContext& context) {
  const InfoEntry* entry = find(info_type);
  if (entry == nullptr) return std::nullopt;
  if (entry->compute != nullptr) return entry->compute(info_type, context);
  switch (entry->kind) {
    case InfoKind::string:
      return InfoValue(std::string(entry->text));
    case InfoKind::usmallint:
      return InfoValue(static_cast<SQLUSMALLINT>(entry->number));
    case InfoKind::uinteger:
      return InfoValue(static_cast<SQLUINTEGER>(entry->number));
    case InfoKind::handle:
      return InfoValue(static_cast<SQLULEN>(entry->number));
    case InfoKind::unknown:
      break;
  }
  return std::nullopt;
}

InfoKind info_kind(SQLUSMALLINT info_type) noexcept {
  const InfoEntry* entry = find(info_type);
  return entry != nullptr ? entry->kind : InfoKind::unknown;
}

std::string_view info_type_name(SQLUSMALLINT info_type) noexcept {
  const InfoEntry* entry = find(info_type);
  return entry != nullptr ? entry->name : std::string_view{};
}

std::span<const InfoEntry> info_entries() noexcept { return kTable; }

}  // namespace holdfast
