// Native error code (libmariadb client errors 2xxx/5xxx, server errors) to SQLSTATE,
// and which codes mean the link to the server is gone (RESILIENCE.md section 1).
#pragma once

#include <span>
#include <string_view>

namespace holdfast {

enum class ServerFlavor { any, mariadb, mysql };

enum class LinkEffect {
  none,               // the connection is fine
  lost,               // the link is gone: SQLSTATE 08S01
  lost_if_established // a connect error (2002/2003): 08001 on first connect, 08S01 on a live session
};

struct ErrorMapping {
  int native;
  std::string_view sqlstate;
  LinkEffect link;
  ServerFlavor flavor;     // the row applies only to this kind of server (any: all)
  std::string_view name;   // the client library's or server's symbolic name
};

// The table itself, for tests and documentation.
std::span<const ErrorMapping> error_mappings();

struct ErrorClass {
  std::string_view sqlstate;
  bool connection_lost;
};

// Decides the SQLSTATE of a native error. `server_sqlstate` is what the server sent
// (mysql_sqlstate), used when the table has no row; `established` says whether the
// session was already connected when the error happened.
ErrorClass classify_error(int native, std::string_view server_sqlstate, ServerFlavor flavor, bool established);

}  // namespace holdfast
