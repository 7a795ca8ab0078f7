// The one exception type of the driver: an ODBC diagnostic waiting to be recorded.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/loss_cause.h"

namespace holdfast {

// Where a diagnostic came from: decides the "[server]" part of the message and the
// class/subclass origin fields.
enum class ErrorSource { driver, server, client_library };

class OdbcError : public std::runtime_error {
 public:
  OdbcError(std::string sqlstate, const std::string& message, int native = 0,
            ErrorSource source = ErrorSource::driver)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), native_(native), source_(source) {}

  const std::string& sqlstate() const noexcept { return sqlstate_; }
  int native() const noexcept { return native_; }
  ErrorSource source() const noexcept { return source_; }

  // Further records that belong to the same failure (e.g. 40003 after an 08S01).
  struct Followup {
    std::string sqlstate;
    std::string message;
  };
  OdbcError& with_followup(std::string sqlstate, std::string message) {
    followups_.push_back({std::move(sqlstate), std::move(message)});
    return *this;
  }
  const std::vector<Followup>& followups() const noexcept { return followups_; }

  // Why the connection was lost or refused (HOLDFAST_DIAG_CAUSE), when the driver knows.
  OdbcError& set_cause(LossCause cause) noexcept {
    cause_ = cause;
    return *this;
  }
  LossCause cause() const noexcept { return cause_; }

 private:
  std::vector<Followup> followups_;
  std::string sqlstate_;
  int native_;
  ErrorSource source_;
  LossCause cause_ = LossCause::none;
};

}  // namespace holdfast
