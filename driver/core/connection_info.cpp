// SQLGetInfo for a connection: the data table of info_values.h filled with what this
// connection knows.
#include <variant>

#include "core/connection.h"
#include "core/environment.h"
#include "core/info_values.h"

namespace holdfast {

SQLRETURN Connection::get_info(SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buffer_length, SQLSMALLINT* length,
                               CharWidth width) {
  InfoContext context;
  context.dsn_name = config_.dsn;
  context.user_name = config_.uid;
  context.env_odbc_version = static_cast<SQLUINTEGER>(odbc_version());
  context.driver_hdbc = reinterpret_cast<SQLULEN>(this);
  context.driver_henv = reinterpret_cast<SQLULEN>(&env_);
  context.escape_translation = true;
  if (connected_) {
    std::lock_guard lock(session_.mutex());
    context.server_name = session_.host();
    context.server_version = session_.server_version();
    context.server_version_number = session_.server_version_number();
    context.server_is_mariadb = session_.flavor() == ServerFlavor::mariadb;
    context.database = session_.current_catalog();
  }
  if (type == SQL_DRIVER_HSTMT || type == SQL_DRIVER_HDESC)
    context.input_handle = value ? *static_cast<SQLULEN*>(value) : 0;
  const std::optional<InfoValue> answer = lookup_info(type, context);
  if (!answer) throw OdbcError("HY096", "Invalid information type " + std::to_string(type));
  if (const auto* text = std::get_if<std::string>(&*answer)) {
    if (buffer_length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
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
