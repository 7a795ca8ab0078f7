// Environment, connection and statement attributes (ODBC 3 and the ODBC 2 options).
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "core/connection.h"
#include "core/dispatch.h"
#include "core/environment.h"
#include "core/statement.h"

using namespace holdfast;

namespace {

SQLRETURN set_connect_attr(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length, CharWidth width) {
  return guarded<Connection>(dbc, [&](Connection& c) { return c.set_attribute(attribute, value, length, width); });
}

SQLRETURN get_connect_attr(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                           SQLINTEGER* length, CharWidth width) {
  return guarded<Connection>(dbc, [&](Connection& c) { return c.get_attribute(attribute, value, capacity, length, width); });
}

SQLRETURN set_stmt_attr(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.set_attribute(attribute, value, length); });
}

SQLRETURN get_stmt_attr(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                        SQLINTEGER* length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.get_attribute(attribute, value, capacity, length); });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV env, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return guarded<Environment>(env, [&](Environment& e) { return e.set_attribute(attribute, value, length); });
}

SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV env, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                SQLINTEGER* length) {
  return guarded<Environment>(env, [&](Environment& e) { return e.get_attribute(attribute, value, capacity, length); });
}

SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return set_connect_attr(dbc, attribute, value, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return set_connect_attr(dbc, attribute, value, length, CharWidth::wide);
}

SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                    SQLINTEGER* length) {
  return get_connect_attr(dbc, attribute, value, capacity, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC dbc, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                     SQLINTEGER* length) {
  return get_connect_attr(dbc, attribute, value, capacity, length, CharWidth::wide);
}

// ODBC 2: string options take a null-terminated string, others an SQLULEN.
SQLRETURN SQL_API SQLSetConnectOption(SQLHDBC dbc, SQLUSMALLINT option, SQLULEN value) {
  return set_connect_attr(dbc, option, reinterpret_cast<SQLPOINTER>(value), SQL_NTS, CharWidth::narrow);
}

SQLRETURN SQL_API SQLSetConnectOptionW(SQLHDBC dbc, SQLUSMALLINT option, SQLULEN value) {
  return set_connect_attr(dbc, option, reinterpret_cast<SQLPOINTER>(value), SQL_NTS, CharWidth::wide);
}

SQLRETURN SQL_API SQLGetConnectOption(SQLHDBC dbc, SQLUSMALLINT option, SQLPOINTER value) {
  return get_connect_attr(dbc, option, value, SQL_MAX_OPTION_STRING_LENGTH, nullptr, CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetConnectOptionW(SQLHDBC dbc, SQLUSMALLINT option, SQLPOINTER value) {
  return get_connect_attr(dbc, option, value, SQL_MAX_OPTION_STRING_LENGTH * sizeof(SQLWCHAR), nullptr,
                          CharWidth::wide);
}

SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return set_stmt_attr(stmt, attribute, value, length);
}

SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length) {
  return set_stmt_attr(stmt, attribute, value, length);
}

SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                 SQLINTEGER* length) {
  return get_stmt_attr(stmt, attribute, value, capacity, length);
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT stmt, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER capacity,
                                  SQLINTEGER* length) {
  return get_stmt_attr(stmt, attribute, value, capacity, length);
}

SQLRETURN SQL_API SQLSetStmtOption(SQLHSTMT stmt, SQLUSMALLINT option, SQLULEN value) {
  return set_stmt_attr(stmt, option, reinterpret_cast<SQLPOINTER>(value), 0);
}

SQLRETURN SQL_API SQLGetStmtOption(SQLHSTMT stmt, SQLUSMALLINT option, SQLPOINTER value) {
  return get_stmt_attr(stmt, option, value, 0, nullptr);
}

}  // extern "C"
