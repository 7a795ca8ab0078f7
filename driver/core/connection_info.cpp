// SQLGetInfo for a connection: the data table of info_values.h filled with what this
// connection knows.
#include <variant>

#include "core/connection.h"
#include "core/environment.h"
#include "core/info_values.h"
#include "core/result_set.h"

namespace holdfast {
namespace {

// @@lower_case_table_names, asked when SQL_IDENTIFIER_CASE needs it (the caller holds the
// session lock); the session's reconnect may change servers, so it is not cached.
int lower_case_table_names(Session& session, unsigned max_bytes_per_char, bool unicode_text) {
  StatementReply reply = session.execute("SELECT @@lower_case_table_names", true);
  if (!reply.result) return 0;
  ServerResult rows(std::move(reply.result), max_bytes_per_char, unicode_text);
  if (!rows.next()) return 0;
  const SourceValue v = rows.value(0);
  return v.is_null || v.length == 0 ? 0 : v.data[0] - '0';
}

}  // namespace

SQLRETURN Connection::get_info(SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buffer_length, SQLSMALLINT* length,
                               CharWidth width) {
  InfoContext context;
  context.dsn_name = config_.dsn;
  context.user_name = config_.uid;
  context.env_odbc_version = static_cast<SQLUINTEGER>(odbc_version());
  context.driver_hdbc = reinterpret_cast<SQLULEN>(this);
  context.driver_henv = reinterpret_cast<SQLULEN>(&env_);
  context.escape_translation = true;
  context.database_as_schema = config_.database_as_schema;
  if (connected_) {
    std::lock_guard lock(session_.mutex());
    context.server_name = session_.host();
    context.server_version = session_.server_version();
    context.server_version_number = session_.server_version_number();
    context.server_is_mariadb = session_.flavor() == ServerFlavor::mariadb;
    context.database = session_.current_catalog();
    if (type == SQL_IDENTIFIER_CASE || type == SQL_QUOTED_IDENTIFIER_CASE)
      context.lower_case_table_names = lower_case_table_names(session_, max_bytes_per_char_, unicode_text_);
  }
  if (type == SQL_DRIVER_HSTMT || type == SQL_DRIVER_HDESC)
    context.input_handle = value ? *static_cast<SQLULEN*>(value) : 0;
  const std::optional<InfoValue> answer = lookup_info(type, context);
  if (!answer) throw OdbcError("HY096", "Invalid information type " + std::to_string(type));
  if (const auto* text = std::get_if<std::string>(&*answer)) {
    // SQLGetInfoW: "the BufferLength argument must be an even number" (SQLGetInfo, HY090).
    if (buffer_length < 0 || (width == CharWidth::wide && buffer_length % 2 != 0))
      throw OdbcError("HY090", "Invalid string or buffer length");
    bool truncated = false;
    store_length(length, write_text(*text, TextOut{value, buffer_length, width, LengthUnit::bytes}, truncated));
    if (truncated) warn("01004", "String data, right truncated");
    return SQL_SUCCESS;
  }
  std::visit(
      [&](const auto& number) {
        using T = std::decay_t<decltype(number)>;
        if constexpr (!std::is_same_v<T, std::string>) {
          if (value) *static_cast<T*>(value) = number;
          store_length(length, sizeof(T));
        }
      },
      *answer);
  return SQL_SUCCESS;
}

}  // namespace holdfast
