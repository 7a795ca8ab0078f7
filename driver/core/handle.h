// What every ODBC handle has: its type, its lock, and its diagnostic area.
#pragma once

#include <sql.h>

#include <mutex>
#include <string>

#include "core/diagnostics.h"
#include "core/odbc_error.h"

namespace holdfast {

class HandleBase {
 public:
  explicit HandleBase(SQLSMALLINT handle_type) : handle_type_(handle_type) {}
  HandleBase(const HandleBase&) = delete;
  HandleBase& operator=(const HandleBase&) = delete;
  virtual ~HandleBase() = default;

  SQLSMALLINT handle_type() const noexcept { return handle_type_; }
  Diagnostics& diag() noexcept { return diag_; }
  const Diagnostics& diag() const noexcept { return diag_; }
  std::mutex& mutex() noexcept { return mutex_; }

  // Records an error or warning on this handle, with the message prefix and the
  // connection-dependent fields filled in.
  void record(const OdbcError& error);
  void record(const std::string& sqlstate, const std::string& message, int native = 0,
              ErrorSource source = ErrorSource::driver) {
    record(OdbcError(sqlstate, message, native, source));
  }
  void warn(const std::string& sqlstate, const std::string& message) { record(sqlstate, message); }

 protected:
  // "[10.11.6-MariaDB]" part of server messages, and SQL_DIAG_SERVER_NAME.
  virtual std::string server_label() const { return {}; }
  virtual std::string data_source_name() const { return {}; }

 private:
  SQLSMALLINT handle_type_;
  Diagnostics diag_;
  std::mutex mutex_;
};

}  // namespace holdfast
