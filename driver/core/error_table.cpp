#include "core/error_table.h"

#include <algorithm>
#include <array>

namespace holdfast {
namespace {

using enum LinkEffect;
constexpr ServerFlavor any = ServerFlavor::any;

// One row per (code, flavor): server errors first, then the client library's.
constexpr std::array kMappings = std::to_array<ErrorMapping>({
    // Server errors.
    {1040, "08004", none, any, "ER_CON_COUNT_ERROR"},
    {1042, "08001", none, any, "ER_BAD_HOST_ERROR"},
    {1043, "08S01", lost, any, "ER_HANDSHAKE_ERROR"},
    {1044, "42000", none, any, "ER_DBACCESS_DENIED_ERROR"},
    {1045, "28000", none, any, "ER_ACCESS_DENIED_ERROR"},
    {1046, "3D000", none, any, "ER_NO_DB_ERROR"},
    {1048, "23000", none, any, "ER_BAD_NULL_ERROR"},
    {1049, "42000", none, any, "ER_BAD_DB_ERROR"},
    {1050, "42S01", none, any, "ER_TABLE_EXISTS_ERROR"},
    {1051, "42S02", none, any, "ER_BAD_TABLE_ERROR"},
    {1053, "08S01", lost, any, "ER_SERVER_SHUTDOWN"},
    {1054, "42S22", none, any, "ER_BAD_FIELD_ERROR"},
    {1060, "42S21", none, any, "ER_DUP_FIELDNAME"},
    {1061, "42S11", none, any, "ER_DUP_KEYNAME"},
    {1062, "23000", none, any, "ER_DUP_ENTRY"},
    {1064, "42000", none, any, "ER_PARSE_ERROR"},
    {1091, "42S12", none, any, "ER_CANT_DROP_FIELD_OR_KEY"},
    {1129, "08004", none, any, "ER_HOST_IS_BLOCKED"},
    {1130, "08004", none, any, "ER_HOST_NOT_PRIVILEGED"},
    {1136, "21S01", none, any, "ER_WRONG_VALUE_COUNT_ON_ROW"},
    {1146, "42S02", none, any, "ER_NO_SUCH_TABLE"},
    {1152, "08S01", lost, any, "ER_ABORTING_CONNECTION"},
    {1153, "08S01", lost, any, "ER_NET_PACKET_TOO_LARGE"},
    {1154, "08S01", lost, any, "ER_NET_READ_ERROR_FROM_PIPE"},
    {1155, "08S01", lost, any, "ER_NET_FCNTL_ERROR"},
    {1156, "08S01", lost, any, "ER_NET_PACKETS_OUT_OF_ORDER"},
    {1157, "08S01", lost, any, "ER_NET_UNCOMPRESS_ERROR"},
    {1158, "08S01", lost, any, "ER_NET_READ_ERROR"},
    {1159, "08S01", lost, any, "ER_NET_READ_INTERRUPTED"},
    {1160, "08S01", lost, any, "ER_NET_ERROR_ON_WRITE"},
    {1161, "08S01", lost, any, "ER_NET_WRITE_INTERRUPTED"},
    {1184, "08S01", lost, any, "ER_NEW_ABORTING_CONNECTION"},
    {1205, "HYT00", none, any, "ER_LOCK_WAIT_TIMEOUT"},
    {1213, "40001", none, any, "ER_LOCK_DEADLOCK"},
    {1264, "22003", none, any, "ER_WARN_DATA_OUT_OF_RANGE"},
    {1317, "HY008", none, any, "ER_QUERY_INTERRUPTED"},
    {1365, "22012", none, any, "ER_DIVISION_BY_ZERO"},
    {1406, "22001", none, any, "ER_DATA_TOO_LONG"},
    {1792, "25000", none, any, "ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION"},
    {1927, "08S01", lost, any, "ER_CONNECTION_KILLED"},
    {1969, "HYT00", none, ServerFlavor::mariadb, "ER_STATEMENT_TIMEOUT"},
    {3024, "HYT00", none, ServerFlavor::mysql, "ER_QUERY_TIMEOUT"},
    // MySQL 8.0.24+: the server closed an idle connection and says why. On MariaDB 4031
    // is an unrelated trigger error, so this row is MySQL-only.
    {4031, "08S01", lost, ServerFlavor::mysql, "ER_CLIENT_INTERACTION_TIMEOUT"},

    // Client errors (libmariadb, errmsg.h).
    {2000, "HY000", none, any, "CR_UNKNOWN_ERROR"},
    {2001, "08001", none, any, "CR_SOCKET_CREATE_ERROR"},
    {2002, "08001", lost_if_established, any, "CR_CONNECTION_ERROR"},
    {2003, "08001", lost_if_established, any, "CR_CONN_HOST_ERROR"},
    {2004, "08001", none, any, "CR_IPSOCK_ERROR"},
    {2005, "08001", none, any, "CR_UNKNOWN_HOST"},
    {2006, "08S01", lost, any, "CR_SERVER_GONE_ERROR"},
    {2007, "08001", none, any, "CR_VERSION_ERROR"},
    {2008, "HY001", none, any, "CR_OUT_OF_MEMORY"},
    {2009, "08001", none, any, "CR_WRONG_HOST_INFO"},
    {2011, "08001", none, any, "CR_TCP_CONNECTION"},
    {2012, "08001", lost_if_established, any, "CR_SERVER_HANDSHAKE_ERR"},
    {2013, "08S01", lost, any, "CR_SERVER_LOST"},
    {2014, "HY010", none, any, "CR_COMMANDS_OUT_OF_SYNC"},
    {2026, "08001", none, any, "CR_SSL_CONNECTION_ERROR"},
    {2027, "08S01", lost, any, "CR_MALFORMED_PACKET"},
    {2031, "07002", none, any, "CR_PARAMS_NOT_BOUND"},
    {2034, "07009", none, any, "CR_INVALID_PARAMETER_NO"},
    {2036, "HYC00", none, any, "CR_UNSUPPORTED_PARAM_TYPE"},
    {2048, "08001", none, any, "CR_CONN_UNKNOWN_PROTOCOL"},
    {2055, "08S01", lost, any, "CR_SERVER_LOST_EXTENDED"},
    {2059, "08001", none, any, "CR_AUTH_PLUGIN_CANNOT_LOAD"},
    {2061, "28000", none, any, "CR_AUTH_PLUGIN_ERR"},
    {5013, "08S01", lost, any, "CR_ERR_NET_READ"},
    {5014, "08S01", lost, any, "CR_ERR_NET_WRITE"},
});

bool applies(const ErrorMapping& row, ServerFlavor flavor) {
  return row.flavor == ServerFlavor::any || row.flavor == flavor;
}

bool valid_sqlstate(std::string_view s) {
  return s.size() == 5 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
         });
}

}  // namespace

std::span<const ErrorMapping> error_mappings() { return kMappings; }

ErrorClass classify_error(int native, std::string_view server_sqlstate, ServerFlavor flavor, bool established) {
  for (const ErrorMapping& row : kMappings) {
    if (row.native != native || !applies(row, flavor)) continue;
    switch (row.link) {
      case LinkEffect::lost: return {row.sqlstate, true};
      case LinkEffect::lost_if_established:
        return established ? ErrorClass{"08S01", true} : ErrorClass{row.sqlstate, false};
      case LinkEffect::none: return {row.sqlstate, false};
    }
  }
  // No row: the server's own SQLSTATE when it sent a meaningful one.
  if (valid_sqlstate(server_sqlstate) && server_sqlstate != "00000") return {server_sqlstate, false};
  return {"HY000", false};
}

}  // namespace holdfast
