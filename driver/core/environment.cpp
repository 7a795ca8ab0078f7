#include "core/environment.h"

#include <algorithm>

#include "core/connection.h"
#include "core/dispatch.h"
#include "core/handle_pool.h"
#include "core/text_io.h"

namespace holdfast {

Environment::~Environment() {
  for (Connection* c : connections_) HandlePool<Connection>::destroy(c);
}

SQLRETURN Environment::set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  const auto number = static_cast<SQLUINTEGER>(reinterpret_cast<SQLULEN>(value));
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION:
      if (number != SQL_OV_ODBC2 && number != SQL_OV_ODBC3 && number != SQL_OV_ODBC3_80)
        throw OdbcError("HY024", "Invalid attribute value for SQL_ATTR_ODBC_VERSION");
      if (!connections_.empty())
        throw OdbcError("HY010", "SQL_ATTR_ODBC_VERSION cannot change while connections exist");
      odbc_version_ = static_cast<SQLINTEGER>(number);
      return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_POOLING:
      if (number != SQL_CP_OFF && number != SQL_CP_ONE_PER_DRIVER && number != SQL_CP_ONE_PER_HENV)
        throw OdbcError("HY024", "Invalid attribute value for SQL_ATTR_CONNECTION_POOLING");
      connection_pooling_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_CP_MATCH:
      if (number != SQL_CP_STRICT_MATCH && number != SQL_CP_RELAXED_MATCH)
        throw OdbcError("HY024", "Invalid attribute value for SQL_ATTR_CP_MATCH");
      cp_match_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_OUTPUT_NTS:
      if (number != SQL_TRUE) throw OdbcError("HYC00", "Only SQL_ATTR_OUTPUT_NTS = SQL_TRUE is supported");
      return SQL_SUCCESS;
    default:
      throw OdbcError("HY092", "Invalid environment attribute " + std::to_string(attribute));
  }
}

SQLRETURN Environment::get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER,
                                     SQLINTEGER* string_length) {
  SQLUINTEGER result;
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION: result = static_cast<SQLUINTEGER>(odbc_version_ ? odbc_version_ : SQL_OV_ODBC3); break;
    case SQL_ATTR_CONNECTION_POOLING: result = connection_pooling_; break;
    case SQL_ATTR_CP_MATCH: result = cp_match_; break;
    case SQL_ATTR_OUTPUT_NTS: result = SQL_TRUE; break;
    default: throw OdbcError("HY092", "Invalid environment attribute " + std::to_string(attribute));
  }
  if (value) *static_cast<SQLUINTEGER*>(value) = result;
  store_length(string_length, sizeof(SQLUINTEGER));
  return SQL_SUCCESS;
}

Connection* Environment::allocate_connection() {
  if (!version_set()) throw OdbcError("HY010", "SQL_ATTR_ODBC_VERSION must be set before allocating a connection");
  connections_.reserve(connections_.size() + 1);
  Connection* c = HandlePool<Connection>::create(*this);
  connections_.push_back(c);
  return c;
}

SQLRETURN Environment::end_transactions(SQLSMALLINT completion) {
  // Checked here, not only per connection: with no connection open it would pass, and a
  // connection's HY012 would surface on the environment as 25S01.
  if (completion != SQL_COMMIT && completion != SQL_ROLLBACK)
    throw OdbcError("HY012", "Invalid transaction operation code");
  SQLRETURN result = SQL_SUCCESS;
  for (Connection* c : connections_) {
    std::lock_guard lock(c->mutex());
    if (!c->connected()) continue;
    c->diag().clear();
    const SQLRETURN rc = run_recorded(*c, [&] { return c->end_transaction(completion); });
    if (rc == SQL_ERROR) {
      result = SQL_ERROR;
      record("25S01", "Transaction state unknown: ending the transaction failed on a connection (see its diagnostics)");
    }
  }
  return result;
}

void Environment::release_connection(Connection* connection) noexcept {
  auto it = std::find(connections_.begin(), connections_.end(), connection);
  if (it == connections_.end()) return;
  connections_.erase(it);
  HandlePool<Connection>::destroy(connection);
}

}  // namespace holdfast
