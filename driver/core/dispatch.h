// The one place where an exported entry point becomes driver code: validate the handle,
// lock it, clear its diagnostics, run the body, and turn every C++ exception into a
// diagnostic record and an SQLRETURN. No exception crosses the C boundary.
#pragma once

#include <sql.h>

#include <exception>
#include <mutex>
#include <new>

#include "core/handle.h"
#include "core/handle_pool.h"

namespace holdfast {

// Runs `body` and maps its outcome: a thrown OdbcError is recorded and gives SQL_ERROR,
// std::bad_alloc gives HY001, anything else HY000. SQL_SUCCESS becomes
// SQL_SUCCESS_WITH_INFO when the body recorded warnings.
template <class Body>
SQLRETURN run_recorded(HandleBase& handle, Body&& body) noexcept {
  SQLRETURN rc;
  try {
    rc = body();
    if (rc == SQL_SUCCESS && handle.diag().has_warnings()) rc = SQL_SUCCESS_WITH_INFO;
  } catch (const OdbcError& e) {
    rc = SQL_ERROR;
    try { handle.record(e); } catch (...) {}
  } catch (const std::bad_alloc&) {
    rc = SQL_ERROR;
    try { handle.record("HY001", "Memory allocation error"); } catch (...) {}
  } catch (const std::exception& e) {
    rc = SQL_ERROR;
    try { handle.record("HY000", std::string("Internal error: ") + e.what()); } catch (...) {}
  } catch (...) {
    rc = SQL_ERROR;
    try { handle.record("HY000", "Internal error"); } catch (...) {}
  }
  handle.diag().set_return_code(rc);
  return rc;
}

// An unlocked call (SQLCancel from another thread while the statement runs) leaves the
// handle's diagnostics to the call that holds its lock: a success touches nothing, and an
// error is recorded only if the lock can be taken now (no other call is in progress).
template <class H, class Body>
SQLRETURN run_unlocked(H& handle, Body&& body) noexcept {
  try {
    return body();
  } catch (...) {
    const std::exception_ptr error = std::current_exception();
    std::unique_lock<std::mutex> lock(handle.mutex(), std::try_to_lock);
    if (!lock.owns_lock()) return SQL_ERROR;
    return run_recorded(handle, [&]() -> SQLRETURN { std::rethrow_exception(error); });
  }
}

enum class Locking { lock, no_lock };
enum class DiagReset { clear, keep };

// Every exported function that takes a handle of type H goes through here.
template <class H, class Body>
SQLRETURN guarded(SQLHANDLE raw, Body&& body, Locking locking = Locking::lock,
                  DiagReset reset = DiagReset::clear) noexcept {
  H* handle = HandlePool<H>::lookup(raw);
  if (!handle) return SQL_INVALID_HANDLE;
  if (locking == Locking::no_lock) return run_unlocked(*handle, [&] { return body(*handle); });
  std::unique_lock<std::mutex> lock(handle->mutex(), std::defer_lock);
  try {
    lock.lock();
  } catch (...) {
    return SQL_ERROR;
  }
  if (reset == DiagReset::clear) handle->diag().clear();
  return run_recorded(*handle, [&] { return body(*handle); });
}

}  // namespace holdfast
