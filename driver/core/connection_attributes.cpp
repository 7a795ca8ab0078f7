// SQLSetConnectAttr / SQLGetConnectAttr for the connection handle.
#include <holdfast/holdfast.h>

#include "core/connection.h"
#include "core/odbc_error.h"
#include "core/statement.h"

namespace holdfast {
namespace {

SQLUINTEGER as_uint(SQLPOINTER value) { return static_cast<SQLUINTEGER>(reinterpret_cast<SQLULEN>(value)); }

const char* isolation_name(SQLUINTEGER level) {
  switch (level) {
    case SQL_TXN_READ_UNCOMMITTED: return "READ UNCOMMITTED";
    case SQL_TXN_READ_COMMITTED: return "READ COMMITTED";
    case SQL_TXN_REPEATABLE_READ: return "REPEATABLE READ";
    case SQL_TXN_SERIALIZABLE: return "SERIALIZABLE";
    default: return nullptr;
  }
}

SQLUINTEGER isolation_level(const std::string& name) {
  if (name == "READ UNCOMMITTED" || name == "READ-UNCOMMITTED") return SQL_TXN_READ_UNCOMMITTED;
  if (name == "READ COMMITTED" || name == "READ-COMMITTED") return SQL_TXN_READ_COMMITTED;
  if (name == "SERIALIZABLE") return SQL_TXN_SERIALIZABLE;
  return SQL_TXN_REPEATABLE_READ;
}

// A string attribute value: SQL_NTS or a length in bytes (also for the W forms).
std::string string_value(SQLPOINTER value, SQLINTEGER length, CharWidth width) {
  if (width == CharWidth::narrow) return text_in(static_cast<const SQLCHAR*>(value), length);
  // A negative length stays as it is (SQL_NTS, or HY090 from text_in): halving it could
  // turn -7 into -3, which is SQL_NTS.
  const SQLINTEGER chars = length < 0 ? length : length / static_cast<SQLINTEGER>(sizeof(SQLWCHAR));
  return text_in(static_cast<const SQLWCHAR*>(value), chars);
}

void store_uint(SQLPOINTER value, SQLINTEGER* string_length, SQLUINTEGER number) {
  if (value) *static_cast<SQLUINTEGER*>(value) = number;
  store_length(string_length, sizeof(SQLUINTEGER));
}

}  // namespace

SQLRETURN Connection::set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length, CharWidth width) {
  switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT: {
      const SQLUINTEGER on = as_uint(value);
      if (on != SQL_AUTOCOMMIT_ON && on != SQL_AUTOCOMMIT_OFF)
        throw OdbcError("HY024", "Invalid attribute value for SQL_ATTR_AUTOCOMMIT");
      if (connected_) {
        std::lock_guard lock(session_.mutex());
        // Turning autocommit on commits an open transaction (ODBC: SQLSetConnectAttr).
        session_.set_autocommit(on == SQL_AUTOCOMMIT_ON);
      }
      autocommit_ = on;
      return SQL_SUCCESS;
    }
    case SQL_ATTR_LOGIN_TIMEOUT: login_timeout_ = as_uint(value); return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_TIMEOUT: connection_timeout_ = as_uint(value); return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: metadata_id_ = as_uint(value) ? SQL_TRUE : SQL_FALSE; return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG: {
      if (!value) throw OdbcError("HY009", "Invalid use of null pointer");
      std::string catalog = string_value(value, length, width);
      if (connected_) {
        std::lock_guard lock(session_.mutex());
        session_.set_catalog(catalog);
      } else {
        pending_catalog_ = std::move(catalog);
      }
      return SQL_SUCCESS;
    }
    case SQL_ATTR_TXN_ISOLATION: {
      const char* name = isolation_name(as_uint(value));
      if (!name) throw OdbcError("HY024", "Invalid attribute value for SQL_ATTR_TXN_ISOLATION");
      if (connected_) {
        std::lock_guard lock(session_.mutex());
        session_.set_isolation(name);
      }
      txn_isolation_ = as_uint(value);
      return SQL_SUCCESS;
    }
    case SQL_ATTR_ACCESS_MODE: {
      const SQLUINTEGER mode = as_uint(value);
      if (mode != SQL_MODE_READ_ONLY && mode != SQL_MODE_READ_WRITE)
        throw OdbcError("HY024", "Invalid attribute value for SQL_ATTR_ACCESS_MODE");
      if (connected_ && mode != access_mode_) {
        std::lock_guard lock(session_.mutex());
        session_.set_read_only(mode == SQL_MODE_READ_ONLY);
      }
      access_mode_ = mode;
      return SQL_SUCCESS;
    }
    case SQL_ATTR_ASYNC_ENABLE:
      if (as_uint(value) != SQL_ASYNC_ENABLE_OFF) throw OdbcError("HYC00", "Asynchronous execution is not supported");
      return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT: query_timeout_default = as_uint(value); return SQL_SUCCESS;
    case SQL_ATTR_RESET_CONNECTION:
      if (as_uint(value) != SQL_RESET_CONNECTION_YES)
        throw OdbcError("HY024", "Invalid attribute value for SQL_ATTR_RESET_CONNECTION (only SQL_RESET_CONNECTION_YES)");
      reset_for_pool();
      return SQL_SUCCESS;
    case SQL_ATTR_PACKET_SIZE:
    case SQL_ATTR_QUIET_MODE:
    case SQL_ATTR_ODBC_CURSORS:
    case SQL_ATTR_TRACE:
    case SQL_ATTR_TRACEFILE:
    case SQL_ATTR_TRANSLATE_LIB:
    case SQL_ATTR_TRANSLATE_OPTION:
    case SQL_ATTR_ANSI_APP:
      // Accepted: driver-manager attributes, or ones with no effect on this driver.
      return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_DEAD:
    case SQL_ATTR_AUTO_IPD:
    case HOLDFAST_ATTR_RECONNECT_COUNT:
    case HOLDFAST_ATTR_LAST_LOSS_NATIVE:
    case HOLDFAST_ATTR_REPLAYABLE:
    case HOLDFAST_ATTR_PING_COUNT:
    case HOLDFAST_ATTR_DEAD_SOCKET_COUNT:
    case HOLDFAST_ATTR_CONNECTION_ID:
    case HOLDFAST_ATTR_LAST_LOSS_CAUSE:
    case HOLDFAST_ATTR_TLS:
      throw OdbcError("HY092", "The attribute is read-only");
    default:
      throw OdbcError("HY092", "Invalid connection attribute " + std::to_string(attribute));
  }
}

void Connection::reset_for_pool() {
  // The attributes an application sets go back to their defaults; the login and
  // connection timeouts configure the session itself and stay with it.
  autocommit_ = SQL_AUTOCOMMIT_ON;
  txn_isolation_ = 0;
  access_mode_ = SQL_MODE_READ_WRITE;
  metadata_id_ = SQL_FALSE;
  query_timeout_default = 0;
  pending_catalog_.clear();
  if (!connected_) return;
  std::lock_guard lock(session_.mutex());
  session_.reset(config_.database.empty() ? std::nullopt : std::optional<std::string>(config_.database));
}

SQLRETURN Connection::get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                                    SQLINTEGER* string_length, CharWidth width) {
  switch (attribute) {
    case SQL_ATTR_AUTOCOMMIT: store_uint(value, string_length, autocommit_); return SQL_SUCCESS;
    case SQL_ATTR_LOGIN_TIMEOUT: store_uint(value, string_length, login_timeout_); return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_TIMEOUT: store_uint(value, string_length, connection_timeout_); return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: store_uint(value, string_length, metadata_id_); return SQL_SUCCESS;
    case SQL_ATTR_ACCESS_MODE: store_uint(value, string_length, access_mode_); return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE: store_uint(value, string_length, SQL_ASYNC_ENABLE_OFF); return SQL_SUCCESS;
    case SQL_ATTR_AUTO_IPD: store_uint(value, string_length, SQL_FALSE); return SQL_SUCCESS;
    case SQL_ATTR_PACKET_SIZE: store_uint(value, string_length, 0); return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT: store_uint(value, string_length, static_cast<SQLUINTEGER>(query_timeout_default)); return SQL_SUCCESS;
    case SQL_ATTR_TXN_ISOLATION: {
      SQLUINTEGER level = txn_isolation_;
      if (!level) {
        std::lock_guard lock(session_.mutex());
        level = isolation_level(session_.owned_state().isolation.value_or("REPEATABLE READ"));
      }
      store_uint(value, string_length, level);
      return SQL_SUCCESS;
    }
    case SQL_ATTR_CONNECTION_DEAD: {
      // What the driver knows plus a non-blocking look at the socket: never a round trip.
      bool dead = !connected_;
      if (!dead) {
        // Never waits: a session busy with a statement on another thread is in use, so
        // alive as far as anyone can tell without a round trip.
        std::unique_lock lock(session_.mutex(), std::try_to_lock);
        dead = lock.owns_lock() && session_.looks_dead();
      }
      store_uint(value, string_length, dead ? SQL_CD_TRUE : SQL_CD_FALSE);
      return SQL_SUCCESS;
    }
    case HOLDFAST_ATTR_LAST_LOSS_CAUSE: {
      std::string cause;
      {
        std::lock_guard lock(session_.mutex());
        cause = cause_code(session_.counters().last_loss_cause);
      }
      bool truncated = false;
      store_length(string_length, write_text(cause, TextOut{value, buffer_length, width, LengthUnit::bytes}, truncated));
      if (truncated) warn("01004", "String data, right truncated");
      return SQL_SUCCESS;
    }
    case HOLDFAST_ATTR_TLS: {
      std::string tls;
      {
        std::lock_guard lock(session_.mutex());
        tls = session_.tls_description();
      }
      bool truncated = false;
      store_length(string_length, write_text(tls, TextOut{value, buffer_length, width, LengthUnit::bytes}, truncated));
      if (truncated) warn("01004", "String data, right truncated");
      return SQL_SUCCESS;
    }
    case SQL_ATTR_CURRENT_CATALOG: {
      if (!connected_ && pending_catalog_.empty()) throw_not_open();
      std::string catalog = pending_catalog_;
      if (connected_) {
        std::lock_guard lock(session_.mutex());
        catalog = session_.current_catalog();
      }
      bool truncated = false;
      const SQLLEN n = write_text(catalog, TextOut{value, buffer_length, width, LengthUnit::bytes}, truncated);
      store_length(string_length, n);
      if (truncated) warn("01004", "String data, right truncated");
      return SQL_SUCCESS;
    }
    case HOLDFAST_ATTR_RECONNECT_COUNT:
    case HOLDFAST_ATTR_LAST_LOSS_NATIVE:
    case HOLDFAST_ATTR_REPLAYABLE:
    case HOLDFAST_ATTR_PING_COUNT:
    case HOLDFAST_ATTR_DEAD_SOCKET_COUNT:
    case HOLDFAST_ATTR_CONNECTION_ID: {
      std::lock_guard lock(session_.mutex());
      const SessionCounters& c = session_.counters();
      SQLUINTEGER number = 0;
      switch (attribute) {
        case HOLDFAST_ATTR_RECONNECT_COUNT: number = static_cast<SQLUINTEGER>(c.reconnects); break;
        case HOLDFAST_ATTR_LAST_LOSS_NATIVE: number = static_cast<SQLUINTEGER>(c.last_loss_native); break;
        case HOLDFAST_ATTR_REPLAYABLE: number = session_.replayable_now() ? SQL_TRUE : SQL_FALSE; break;
        case HOLDFAST_ATTR_PING_COUNT: number = static_cast<SQLUINTEGER>(c.pings); break;
        case HOLDFAST_ATTR_DEAD_SOCKET_COUNT: number = static_cast<SQLUINTEGER>(c.dead_socket_detections); break;
        default: number = static_cast<SQLUINTEGER>(session_.connection_id()); break;
      }
      store_uint(value, string_length, number);
      return SQL_SUCCESS;
    }
    default:
      throw OdbcError("HY092", "Invalid connection attribute " + std::to_string(attribute));
  }
}

}  // namespace holdfast
