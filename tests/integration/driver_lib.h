// The driver library called directly, without the driver manager: for what the manager
// hides or answers itself (handle validation, SQLError, SQLGetFunctions, argument checks).
// The library is TEST_DRIVER_LIB, or the Driver= path odbcinst.ini registers for
// TEST_DRIVER (default "Holdfast"). Tests that need it fail (not skip) when it is missing.
#pragma once

#include <dlfcn.h>

#include <cstring>
#include <string>

#include "odbc_test.h"

namespace odbc_test {

// One pointer per entry point, named as the function; e.g. driver().SQLAllocHandle(...).
#define HF_DRIVER_FUNCTIONS(X)                                                                  \
  X(SQLAllocHandle) X(SQLFreeHandle) X(SQLSetEnvAttr) X(SQLGetEnvAttr) X(SQLDriverConnect)     \
  X(SQLDisconnect) X(SQLGetDiagRec) X(SQLGetDiagRecW) X(SQLGetDiagField) X(SQLGetDiagFieldW)   \
  X(SQLError) X(SQLExecDirect) X(SQLFetch) X(SQLGetData) X(SQLNumResultCols) X(SQLFreeStmt)    \
  X(SQLGetInfo) X(SQLGetInfoW) X(SQLGetConnectAttr) X(SQLSetConnectAttr) X(SQLEndTran)         \
  X(SQLGetConnectAttrW) X(SQLSetConnectAttrW)         \
  X(SQLGetFunctions) X(SQLGetTypeInfo) X(SQLCancel) X(SQLRowCount) X(SQLCloseCursor)

struct DriverLib {
#define HF_DECLARE(name) decltype(&::name) name = nullptr;
  HF_DRIVER_FUNCTIONS(HF_DECLARE)
#undef HF_DECLARE
  void* library = nullptr;
  std::string path;
  std::string error;

  // Any exported symbol (nullptr when the library does not export it).
  void* symbol(const char* name) const { return library ? dlsym(library, name) : nullptr; }
};

// The Driver= attribute of a driver registered in odbcinst.ini, through the manager.
inline std::string registered_driver_path(const std::string& driver_name) {
  SQLHENV env = SQL_NULL_HENV;
  if (SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) != SQL_SUCCESS) return {};
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  std::string path;
  SQLCHAR description[256];
  SQLCHAR attributes[4096];
  SQLSMALLINT description_length = 0, attributes_length = 0;
  SQLUSMALLINT direction = SQL_FETCH_FIRST;
  while (path.empty() && SQL_SUCCEEDED(SQLDrivers(env, direction, description, sizeof description, &description_length,
                                                  attributes, sizeof attributes, &attributes_length))) {
    direction = SQL_FETCH_NEXT;
    if (driver_name != reinterpret_cast<char*>(description)) continue;
    // "key=value\0key=value\0\0"
    for (const char* p = reinterpret_cast<char*>(attributes); *p; p += std::strlen(p) + 1) {
      if (std::strncmp(p, "Driver=", 7) == 0) path = p + 7;
    }
  }
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  return path;
}

inline DriverLib load_driver_lib() {
  DriverLib lib;
  lib.path = env_or("TEST_DRIVER_LIB", "");
  if (lib.path.empty()) lib.path = registered_driver_path(env_or("TEST_DRIVER", "Holdfast"));
  if (lib.path.empty()) {
    lib.error = "set TEST_DRIVER_LIB to the driver library, or register TEST_DRIVER in odbcinst.ini";
    return lib;
  }
  lib.library = dlopen(lib.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib.library) {
    lib.error = std::string("dlopen failed: ") + dlerror();
    return lib;
  }
#define HF_RESOLVE(name)                                                          \
  lib.name = reinterpret_cast<decltype(&::name)>(dlsym(lib.library, #name));      \
  if (!lib.name && lib.error.empty()) lib.error = lib.path + " does not export " #name;
  HF_DRIVER_FUNCTIONS(HF_RESOLVE)
#undef HF_RESOLVE
  return lib;
}

// The loaded driver (loaded once, never unloaded). FAILs the test when it cannot be loaded.
inline const DriverLib& driver() {
  static const DriverLib lib = load_driver_lib();
  INFO("driver library: " << lib.path);
  if (!lib.error.empty()) FAIL(lib.error);
  return lib;
}

// The records of a handle, read from the driver itself.
inline std::vector<DiagRecordText> driver_diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
  return read_diagnostics(driver().SQLGetDiagRec, type, handle);
}

inline std::string driver_first_state(SQLSMALLINT type, SQLHANDLE handle) {
  auto d = driver_diagnostics(type, handle);
  return d.empty() ? std::string() : d.front().sqlstate;
}

inline std::string driver_describe(SQLSMALLINT type, SQLHANDLE handle) {
  std::string s;
  for (const auto& d : driver_diagnostics(type, handle))
    s += d.sqlstate + " (" + std::to_string(d.native) + ") " + d.message + "\n";
  return s;
}

// Handles allocated from the driver directly; freed in reverse order.
class DirectEnv {
 public:
  explicit DirectEnv(SQLUINTEGER version = SQL_OV_ODBC3) {
    REQUIRE(driver().SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &h) == SQL_SUCCESS);
    if (version != 0)
      REQUIRE(driver().SQLSetEnvAttr(h, SQL_ATTR_ODBC_VERSION,
                                     reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(version)), 0) == SQL_SUCCESS);
  }
  ~DirectEnv() {
    if (h) driver().SQLFreeHandle(SQL_HANDLE_ENV, h);
  }
  DirectEnv(const DirectEnv&) = delete;
  DirectEnv& operator=(const DirectEnv&) = delete;
  SQLHENV h = SQL_NULL_HENV;
};

class DirectDbc {
 public:
  explicit DirectDbc(DirectEnv& env) { REQUIRE(driver().SQLAllocHandle(SQL_HANDLE_DBC, env.h, &h) == SQL_SUCCESS); }
  ~DirectDbc() {
    if (!h) return;
    if (connected) driver().SQLDisconnect(h);
    driver().SQLFreeHandle(SQL_HANDLE_DBC, h);
  }
  DirectDbc(const DirectDbc&) = delete;
  DirectDbc& operator=(const DirectDbc&) = delete;
  void connect(const std::string& cs = connection_string()) {
    SQLRETURN rc = driver().SQLDriverConnect(h, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                             SQL_DRIVER_NOPROMPT);
    INFO(driver_describe(SQL_HANDLE_DBC, h));
    REQUIRE(SQL_SUCCEEDED(rc));
    connected = true;
  }
  SQLHDBC h = SQL_NULL_HDBC;
  bool connected = false;
};

class DirectStmt {
 public:
  explicit DirectStmt(DirectDbc& dbc) {
    REQUIRE(driver().SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &h) == SQL_SUCCESS);
  }
  ~DirectStmt() {
    if (h) driver().SQLFreeHandle(SQL_HANDLE_STMT, h);
  }
  DirectStmt(const DirectStmt&) = delete;
  DirectStmt& operator=(const DirectStmt&) = delete;
  SQLRETURN exec(const std::string& sql) { return driver().SQLExecDirect(h, (SQLCHAR*)sql.c_str(), SQL_NTS); }
  SQLHSTMT h = SQL_NULL_HSTMT;
};

// UTF-16 (SQLWCHAR) text <-> std::string, for the W forms. ASCII and BMP only is enough
// for the tests that use these helpers; surrogate pairs are kept as two units.
inline std::u16string wide(const SQLWCHAR* text, std::size_t units) {
  return std::u16string(reinterpret_cast<const char16_t*>(text), units);
}

inline std::u16string utf16_of(const std::string& utf8) {
  std::u16string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    std::size_t n;
    if (c < 0x80) { cp = c; n = 1; }
    else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; n = 2; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; n = 3; }
    else { cp = c & 0x07; n = 4; }
    for (std::size_t k = 1; k < n && i + k < utf8.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

}  // namespace odbc_test

// UTF-16 strings in failure messages, as UTF-8 (BMP only; others as U+FFFD).
namespace Catch {
template <>
struct StringMaker<std::u16string> {
  static std::string convert(const std::u16string& text) {
    std::string out = "u\"";
    for (char16_t c : text) {
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        const char16_t u = (c >= 0xD800 && c < 0xE000) ? char16_t{0xFFFD} : c;
        out += static_cast<char>(0xE0 | (u >> 12));
        out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (u & 0x3F));
      }
    }
    return out + "\"";
  }
};
}  // namespace Catch
