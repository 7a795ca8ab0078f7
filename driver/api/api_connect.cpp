// Connecting and disconnecting, transactions.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "core/connection.h"
#include "core/dispatch.h"
#include "core/environment.h"

using namespace holdfast;

namespace {

template <class Char>
SQLRETURN connect(SQLHDBC dbc, Char* dsn, SQLSMALLINT dsn_length, Char* uid, SQLSMALLINT uid_length, Char* pwd,
                  SQLSMALLINT pwd_length) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    return c.connect(text_in(dsn, dsn_length), text_in(uid, uid_length), text_in(pwd, pwd_length));
  });
}

template <class Char>
SQLRETURN driver_connect(SQLHDBC dbc, Char* in, SQLSMALLINT in_length, Char* out, SQLSMALLINT out_capacity,
                         SQLSMALLINT* out_length, SQLUSMALLINT completion, CharWidth width) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    if (!in) throw OdbcError("HY009", "Invalid use of null pointer: no connection string");
    if (out && out_capacity < 0) throw OdbcError("HY090", "Invalid string or buffer length");
    std::string completed;
    SQLRETURN rc = c.driver_connect(text_in(in, in_length), completion, completed);
    bool truncated = false;
    store_length(out_length, write_text(completed, TextOut{out, out_capacity, width, LengthUnit::chars}, truncated));
    if (truncated) c.warn("01004", "String data, right truncated: the completed connection string");
    return rc;
  });
}

SQLRETURN end_transaction(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT completion) {
  if (type == SQL_HANDLE_DBC)
    return guarded<Connection>(handle, [&](Connection& c) { return c.end_transaction(completion); });
  if (type == SQL_HANDLE_ENV)
    return guarded<Environment>(handle, [&](Environment& env) { return env.end_transactions(completion); });
  return SQL_INVALID_HANDLE;
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLConnect(SQLHDBC dbc, SQLCHAR* dsn, SQLSMALLINT dsn_length, SQLCHAR* uid, SQLSMALLINT uid_length,
                             SQLCHAR* pwd, SQLSMALLINT pwd_length) {
  return connect(dbc, dsn, dsn_length, uid, uid_length, pwd, pwd_length);
}

SQLRETURN SQL_API SQLConnectW(SQLHDBC dbc, SQLWCHAR* dsn, SQLSMALLINT dsn_length, SQLWCHAR* uid,
                              SQLSMALLINT uid_length, SQLWCHAR* pwd, SQLSMALLINT pwd_length) {
  return connect(dbc, dsn, dsn_length, uid, uid_length, pwd, pwd_length);
}

SQLRETURN SQL_API SQLDriverConnect(SQLHDBC dbc, SQLHWND, SQLCHAR* in, SQLSMALLINT in_length, SQLCHAR* out,
                                   SQLSMALLINT out_capacity, SQLSMALLINT* out_length, SQLUSMALLINT completion) {
  return driver_connect(dbc, in, in_length, out, out_capacity, out_length, completion, CharWidth::narrow);
}

SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC dbc, SQLHWND, SQLWCHAR* in, SQLSMALLINT in_length, SQLWCHAR* out,
                                    SQLSMALLINT out_capacity, SQLSMALLINT* out_length, SQLUSMALLINT completion) {
  return driver_connect(dbc, in, in_length, out, out_capacity, out_length, completion, CharWidth::wide);
}

SQLRETURN SQL_API SQLDisconnect(SQLHDBC dbc) {
  return guarded<Connection>(dbc, [](Connection& c) { return c.disconnect(); });
}

SQLRETURN SQL_API SQLEndTran(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT completion) {
  return end_transaction(type, handle, completion);
}

SQLRETURN SQL_API SQLTransact(SQLHENV env, SQLHDBC dbc, SQLUSMALLINT completion) {
  if (dbc != SQL_NULL_HDBC) return end_transaction(SQL_HANDLE_DBC, dbc, static_cast<SQLSMALLINT>(completion));
  return end_transaction(SQL_HANDLE_ENV, env, static_cast<SQLSMALLINT>(completion));
}

}  // extern "C"
