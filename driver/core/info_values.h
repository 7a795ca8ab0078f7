// The answers of SQLGetInfo, as data: one table of information types, each with the kind
// of value it returns and either a constant or a small function of the connection.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace holdfast {

// How SQLGetInfo returns a value. The caller uses it to choose between the string output
// helper (A/W conversion, 01004 on truncation) and a fixed-size copy.
enum class InfoKind : unsigned char {
  string,     // character string
  usmallint,  // SQLUSMALLINT
  uinteger,   // SQLUINTEGER (values and bitmasks)
  handle,     // SQLULEN, handle-sized (SQL_DRIVER_HDBC ...)
  unknown,    // not an information type the driver answers (caller returns HY096)
};

// Alternatives are in the order of InfoKind.
using InfoValue = std::variant<std::string, SQLUSMALLINT, SQLUINTEGER, SQLULEN>;

InfoKind kind_of(const InfoValue& value) noexcept;

// What the answers depend on. Fields marked (optional) have a safe default.
struct InfoContext {
  std::string dsn_name;        // SQL_DATA_SOURCE_NAME ("" for a DSN-less connection)
  std::string server_name;     // host, SQL_SERVER_NAME
  std::string server_version;  // as the server reports it: "10.11.6-MariaDB-0+deb12u1"
  std::string database;        // current catalog
  std::string user_name;
  std::string collation;       // (optional) e.g. @@collation_database; "" = unknown
  bool server_is_mariadb = true;
  unsigned long server_version_number = 0;  // 101106; 0 = derive from server_version
  int lower_case_table_names = 0;           // (optional) @@lower_case_table_names
  SQLUINTEGER env_odbc_version = SQL_OV_ODBC3;
  SQLULEN driver_hdbc = 0;
  SQLULEN driver_henv = 0;
  // (optional) SQL_DRIVER_HSTMT / SQL_DRIVER_HDESC: *InfoValuePtr on input, i.e. the
  // driver's statement or descriptor handle the Driver Manager passed in. The caller checks
  // that it belongs to this connection; the answer echoes it.
  SQLULEN input_handle = 0;
  // (optional) true when the driver's escape translator rewrites the ODBC scalar functions
  // the server cannot run as written: {fn CONVERT(v, SQL_type)}, {fn LENGTH(s)} (the
  // server's LENGTH counts bytes, ODBC's characters) and SQL_TSI_FRAC_SECOND. When false
  // (e.g. SQL_ATTR_NOSCAN everywhere) they are not advertised and SQL_CONVERT_* are 0.
  bool escape_translation = false;
  // (optional) DATABASE_AS_SCHEMA: databases are reported as schemas, and there are no
  // catalogs (SQL_CATALOG_*, SQL_SCHEMA_*, SQL_MAX_*_NAME_LEN of both agree).
  bool database_as_schema = false;
};

// nullopt: not an information type the driver answers; the caller returns HY096.
std::optional<InfoValue> lookup_info(SQLUSMALLINT info_type, const InfoContext& context);

// The kind lookup_info returns for this type, or InfoKind::unknown.
InfoKind info_kind(SQLUSMALLINT info_type) noexcept;

// The SQL_XXX name of an information type ("" if unknown), for traces and messages.
std::string_view info_type_name(SQLUSMALLINT info_type) noexcept;

// One row of the table. Constant answers are in text/number; context-dependent ones have
// a compute function (which gets the type, so one function can serve a family).
struct InfoEntry {
  SQLUSMALLINT type;
  std::string_view name;
  InfoKind kind;
  std::string_view text;  // kind == string and no compute
  SQLULEN number;         // integer kinds and no compute
  InfoValue (*compute)(SQLUSMALLINT type, const InfoContext& context);
};

// Every entry, sorted by type (for tests and documentation).
std::span<const InfoEntry> info_entries() noexcept;

}  // namespace holdfast
