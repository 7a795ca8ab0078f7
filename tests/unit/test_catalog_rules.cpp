// SQLForeignKeys' UPDATE_RULE / DELETE_RULE from REFERENTIAL_CONSTRAINTS' rules.
#include <catch2/catch.hpp>

#include "core/catalog_query.h"

using namespace holdfast;

TEST_CASE("referential_rule maps the server's rules to the ODBC codes", "[unit][catalog]") {
  CHECK(referential_rule("CASCADE", false) == std::to_string(SQL_CASCADE));
  CHECK(referential_rule("SET NULL", false) == std::to_string(SQL_SET_NULL));
  CHECK(referential_rule("SET DEFAULT", false) == std::to_string(SQL_SET_DEFAULT));
  CHECK(referential_rule("RESTRICT", false) == std::to_string(SQL_NO_ACTION));
  CHECK(referential_rule("NO ACTION", false) == std::to_string(SQL_NO_ACTION));
  // ODBC 2 knows the refused change as SQL_RESTRICT.
  CHECK(referential_rule("RESTRICT", true) == std::to_string(SQL_RESTRICT));
  CHECK(referential_rule("NO ACTION", true) == std::to_string(SQL_RESTRICT));
  CHECK(referential_rule("CASCADE", true) == std::to_string(SQL_CASCADE));
  CHECK_FALSE(referential_rule("", false).has_value());
  CHECK_FALSE(referential_rule("cascade ", false).has_value());
}
