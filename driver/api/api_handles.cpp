// Allocating and freeing handles (ODBC 3 and the ODBC 2 forms).
#include <sql.h>
#include <sqlext.h>

#include "core/connection.h"
#include "core/descriptor.h"
#include "core/dispatch.h"
#include "core/environment.h"
#include "core/statement.h"

using namespace holdfast;

namespace {

template <class Child, class Parent, class Make>
SQLRETURN allocate_child(SQLHANDLE parent, SQLHANDLE* output, Make make) {
  return guarded<Parent>(parent, [&](Parent& p) {
    if (!output) throw OdbcError("HY009", "Invalid use of null pointer: no output handle");
    *output = SQL_NULL_HANDLE;
    Child* child = make(p);
    *output = child;
    return SQL_SUCCESS;
  });
}

SQLRETURN allocate(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
  switch (type) {
    case SQL_HANDLE_ENV:
      if (!output) return SQL_ERROR;
      try {
        *output = HandlePool<Environment>::create();
        return SQL_SUCCESS;
      } catch (...) {
        *output = SQL_NULL_HENV;
        return SQL_ERROR;
      }
    case SQL_HANDLE_DBC:
      return allocate_child<Connection, Environment>(input, output,
                                                     [](Environment& env) { return env.allocate_connection(); });
    case SQL_HANDLE_STMT:
      return allocate_child<Statement, Connection>(input, output,
                                                   [](Connection& c) { return c.allocate_statement(); });
    case SQL_HANDLE_DESC:
      return allocate_child<Descriptor, Connection>(input, output,
                                                    [](Connection& c) { return c.allocate_descriptor(); });
    default: {
      // The input handle, if valid, receives the diagnostic.
      HandleBase* h = HandlePool<Connection>::lookup(input);
      if (!h) h = HandlePool<Environment>::lookup(input);
      if (!h) return SQL_INVALID_HANDLE;
      h->diag().clear();
      h->record("HY092", "Invalid handle type " + std::to_string(type));
      return SQL_ERROR;
    }
  }
}

SQLRETURN free_environment(SQLHANDLE handle) {
  Environment* env = HandlePool<Environment>::lookup(handle);
  if (!env) return SQL_INVALID_HANDLE;
  {
    std::lock_guard lock(env->mutex());
    env->diag().clear();
    if (env->has_connections()) {
      env->record("HY010", "Function sequence error: the environment still has connections");
      return SQL_ERROR;
    }
  }
  HandlePool<Environment>::destroy(env);
  return SQL_SUCCESS;
}

SQLRETURN free_connection(SQLHANDLE handle) {
  Connection* c = HandlePool<Connection>::lookup(handle);
  if (!c) return SQL_INVALID_HANDLE;
  {
    std::lock_guard lock(c->mutex());
    c->diag().clear();
    if (c->connected()) {
      c->record("HY010", "Function sequence error: disconnect before freeing the connection");
      return SQL_ERROR;
    }
  }
  Environment& env = c->environment();
  std::lock_guard lock(env.mutex());
  env.release_connection(c);
  return SQL_SUCCESS;
}

SQLRETURN free_statement(SQLHANDLE handle) {
  Statement* s = HandlePool<Statement>::lookup(handle);
  if (!s) return SQL_INVALID_HANDLE;
  {
    std::lock_guard lock(s->mutex());
    s->diag().clear();
    const SQLRETURN rc = run_recorded(*s, [&] { return s->close_cursor(false); });
    if (rc == SQL_ERROR) return rc;
    s->release_server_statement();
    // Under the statement's lock: a positioned statement that found the name holds this
    // lock (CursorNames::owner_locked), and none finds it from now on.
    s->connection().cursor_names.release(s);
  }
  Connection& c = s->connection();
  std::lock_guard lock(c.mutex());
  c.release_statement(s);
  return SQL_SUCCESS;
}

SQLRETURN free_descriptor(SQLHANDLE handle) {
  Descriptor* d = HandlePool<Descriptor>::lookup(handle);
  if (!d) return SQL_INVALID_HANDLE;
  {
    std::lock_guard lock(d->mutex());
    d->diag().clear();
    if (!d->is_explicit()) {
      d->record("HY017", "Invalid use of an automatically allocated descriptor handle");
      d->diag().set_return_code(SQL_ERROR);
      return SQL_ERROR;
    }
  }
  Connection& c = d->connection();
  std::lock_guard lock(c.mutex());
  c.release_descriptor(d);
  return SQL_SUCCESS;
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
  return allocate(type, input, output);
}

SQLRETURN SQL_API SQLAllocEnv(SQLHENV* output) { return allocate(SQL_HANDLE_ENV, SQL_NULL_HANDLE, output); }

SQLRETURN SQL_API SQLAllocConnect(SQLHENV env, SQLHDBC* output) { return allocate(SQL_HANDLE_DBC, env, output); }

SQLRETURN SQL_API SQLAllocStmt(SQLHDBC dbc, SQLHSTMT* output) { return allocate(SQL_HANDLE_STMT, dbc, output); }

SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT type, SQLHANDLE handle) {
  switch (type) {
    case SQL_HANDLE_ENV: return free_environment(handle);
    case SQL_HANDLE_DBC: return free_connection(handle);
    case SQL_HANDLE_STMT: return free_statement(handle);
    case SQL_HANDLE_DESC: return free_descriptor(handle);
    default: return SQL_INVALID_HANDLE;
  }
}

SQLRETURN SQL_API SQLFreeEnv(SQLHENV env) { return free_environment(env); }

SQLRETURN SQL_API SQLFreeConnect(SQLHDBC dbc) { return free_connection(dbc); }

SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT stmt, SQLUSMALLINT option) {
  if (option == SQL_DROP) return free_statement(stmt);
  return guarded<Statement>(stmt, [&](Statement& s) { return s.free_stmt(option); });
}

}  // extern "C"
