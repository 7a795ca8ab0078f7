// The connection handle: configuration, attributes, the statements it owns, and the
// session that talks to the server.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

#include "core/connect_config.h"
#include "core/cursor_name.h"
#include "core/handle.h"
#include "core/procedure_state.h"
#include "core/session.h"
#include "core/text_io.h"

namespace holdfast {

class Environment;
class Statement;
class Descriptor;

class Connection : public HandleBase {
 public:
  explicit Connection(Environment& env) : HandleBase(SQL_HANDLE_DBC), env_(env) {}
  ~Connection() override;

  Environment& environment() noexcept { return env_; }
  Session& session() noexcept { return session_; }
  // What the procedures called on this connection may leave behind (core/procedure_state.h).
  ProcedureStateCache& procedure_state() noexcept { return procedure_state_; }
  bool connected() const noexcept { return connected_; }
  const ConnectConfig& config() const noexcept { return config_; }

  // SQLConnect: a DSN (read from odbc.ini through the driver manager), user, password.
  SQLRETURN connect(const std::string& dsn, const std::string& uid, const std::string& pwd);
  // SQLDriverConnect: a connection string. Fills the completed connection string.
  SQLRETURN driver_connect(const std::string& connection_string, SQLUSMALLINT completion, std::string& completed);
  SQLRETURN disconnect();
  // 08003, saying whether the application closed the connection or never opened it.
  [[noreturn]] void throw_not_open() const;

  SQLRETURN end_transaction(SQLSMALLINT completion);
  // SQL_ATTR_RESET_CONNECTION: the driver manager puts the connection back in its pool.
  void reset_for_pool();

  SQLRETURN set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length, CharWidth width);
  SQLRETURN get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                          SQLINTEGER* string_length, CharWidth width);

  SQLRETURN get_info(SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buffer_length, SQLSMALLINT* length,
                     CharWidth width);

  Statement* allocate_statement();
  void release_statement(Statement* statement) noexcept;
  // Explicitly allocated descriptors (SQLAllocHandle SQL_HANDLE_DESC), freed with the
  // connection's statements by SQLDisconnect.
  Descriptor* allocate_descriptor();
  void release_descriptor(Descriptor* descriptor) noexcept;

  // Whether text columns are described as SQL_WCHAR/SQL_WVARCHAR (Unicode connection
  // character set).
  bool unicode_text_types() const noexcept { return unicode_text_; }
  unsigned max_bytes_per_char() const noexcept { return max_bytes_per_char_; }
  SQLINTEGER odbc_version() const noexcept;
  std::string server_label() const override;
  std::string data_source_name() const override { return config_.dsn; }

  // Statement attributes set on the connection are the defaults of new statements.
  SQLULEN query_timeout_default = 0;
  // The cursor names of the connection's statements (SQLSetCursorName).
  CursorNames cursor_names;

 private:
  SQLRETURN open(ConnectConfig config);
  SessionOptions session_options() const;

  Environment& env_;
  Session session_;
  ProcedureStateCache procedure_state_;
  ConnectConfig config_;
  bool connected_ = false;
  bool closed_by_application_ = false;  // SQLDisconnect ran since the last connect
  std::vector<Statement*> statements_;
  std::vector<Descriptor*> descriptors_;
  bool unicode_text_ = true;
  unsigned max_bytes_per_char_ = 4;

  SQLUINTEGER login_timeout_ = 0;
  SQLUINTEGER connection_timeout_ = 0;
  SQLUINTEGER metadata_id_ = SQL_FALSE;
  SQLUINTEGER access_mode_ = SQL_MODE_READ_WRITE;
  SQLUINTEGER txn_isolation_ = 0;  // 0: the server's default, not set by the application
  SQLUINTEGER autocommit_ = SQL_AUTOCOMMIT_ON;
  std::string pending_catalog_;    // SQL_ATTR_CURRENT_CATALOG set before connecting
};

}  // namespace holdfast
