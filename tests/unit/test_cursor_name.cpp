#include <catch2/catch.hpp>

#include <string>

#include "core/cursor_name.h"
#include "core/odbc_error.h"

using holdfast::CursorNames;
using holdfast::OdbcError;
using holdfast::check_cursor_name;

namespace {

std::string state_of(void (*f)()) {
  try {
    f();
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
  return "none";
}

}  // namespace

TEST_CASE("cursor names the application may use", "[unit][cursor_names]") {
  CHECK_NOTHROW(check_cursor_name("c"));
  CHECK_NOTHROW(check_cursor_name("SQL_CU"));
  CHECK_NOTHROW(check_cursor_name("my_SQL_CUR"));
  CHECK_NOTHROW(check_cursor_name(std::string(64, 'x')));
  // 64 characters of two bytes each: the limit counts characters.
  std::string wide;
  for (int i = 0; i < 64; ++i) wide += "\xc3\xa4";
  CHECK_NOTHROW(check_cursor_name(wide));
  CHECK(state_of([] { check_cursor_name(""); }) == "34000");
  CHECK(state_of([] { check_cursor_name(std::string(65, 'x')); }) == "34000");
  CHECK(state_of([] { check_cursor_name("SQL_CUR"); }) == "34000");
  CHECK(state_of([] { check_cursor_name("sql_cur12"); }) == "34000");
  CHECK(state_of([] { check_cursor_name("SqlCur"); }) == "34000");
}

TEST_CASE("cursor names are unique per registry, without regard to case", "[unit][cursor_names]") {
  CursorNames names;
  int a = 0, b = 0;
  CHECK(names.next_default() == "SQL_CUR1");
  CHECK(names.next_default() == "SQL_CUR2");
  names.claim(&a, "orders");
  names.claim(&a, "orders");  // its own name again
  try {
    names.claim(&b, "ORDERS");
    FAIL("a duplicate name was accepted");
  } catch (const OdbcError& e) {
    CHECK(std::string(e.sqlstate()) == "3C000");
  }
  names.claim(&a, "renamed");  // frees "orders"
  CHECK_NOTHROW(names.claim(&b, "orders"));
  names.release(&b);
  CHECK_NOTHROW(names.claim(&a, "orders"));
  CHECK(names.next_default() == "SQL_CUR3");  // defaults never repeat
}
