// The environment handle: the ODBC version the application asked for, and the
// connections it owns.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <vector>

#include "core/handle.h"

namespace holdfast {

class Connection;

class Environment : public HandleBase {
 public:
  Environment() : HandleBase(SQL_HANDLE_ENV) {}
  ~Environment() override;

  SQLINTEGER odbc_version() const noexcept { return odbc_version_; }
  bool version_set() const noexcept { return odbc_version_ != 0; }

  SQLRETURN set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length);
  SQLRETURN get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                          SQLINTEGER* string_length);

  Connection* allocate_connection();
  void release_connection(Connection* connection) noexcept;
  bool has_connections() const noexcept { return !connections_.empty(); }
  // SQLEndTran on the environment: every open connection, in turn.
  SQLRETURN end_transactions(SQLSMALLINT completion);

 private:
  SQLINTEGER odbc_version_ = 0;  // 0 until SQLSetEnvAttr(SQL_ATTR_ODBC_VERSION)
  SQLUINTEGER connection_pooling_ = SQL_CP_OFF;
  SQLUINTEGER cp_match_ = SQL_CP_STRICT_MATCH;
  std::vector<Connection*> connections_;
};

}  // namespace holdfast
