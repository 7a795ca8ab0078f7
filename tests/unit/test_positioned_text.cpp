// Finding positioned statements (WHERE CURRENT OF) in statement text: only in code, only
// at the end of one UPDATE or DELETE, with the table and cursor names unquoted.
#include <catch2/catch.hpp>

#include <string>

#include "core/positioned_statement.h"

using namespace holdfast;

namespace {

ScanOptions opts(bool ansi = false) {
  ScanOptions o;
  o.ansi_quotes = ansi;
  return o;
}

}  // namespace

TEST_CASE("positioned UPDATE and DELETE are found with their table and cursor", "[unit][positioned]") {
  auto u = find_positioned("UPDATE items SET name = ? WHERE CURRENT OF c1", opts());
  REQUIRE(u);
  CHECK(u->update);
  CHECK(u->text == "UPDATE items SET name = ?");
  CHECK(u->cursor == "c1");
  CHECK(u->table == "items");
  CHECK(u->schema.empty());

  auto d = find_positioned("delete low_priority quick from `my db`.`it``ems`\n where\tcurrent   of `cur 1` ;  ",
                           opts());
  REQUIRE(d);
  CHECK_FALSE(d->update);
  CHECK(d->text == "delete low_priority quick from `my db`.`it``ems`");
  CHECK(d->schema == "my db");
  CHECK(d->table == "it`ems");
  CHECK(d->cursor == "cur 1");

  auto c = find_positioned("UPDATE /* c */ t SET a = 1 -- x\n WHERE /* y */ CURRENT OF SQL_CUR3 # end", opts());
  REQUIRE(c);
  CHECK(c->cursor == "SQL_CUR3");
  CHECK(c->table == "t");

  auto q = find_positioned("UPDATE \"t\" SET a = 1 WHERE CURRENT OF \"c\"", opts(true));
  REQUIRE(q);
  CHECK(q->table == "t");
  CHECK(q->cursor == "c");
}

TEST_CASE("WHERE CURRENT OF in strings, comments or elsewhere is not a positioned statement", "[unit][positioned]") {
  CHECK_FALSE(find_positioned("UPDATE t SET a = 'WHERE CURRENT OF c'", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 /* WHERE CURRENT OF c */", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 -- WHERE CURRENT OF c", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 # WHERE CURRENT OF c", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = \"WHERE CURRENT OF c\"", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 WHERE b = 'x WHERE CURRENT OF c'", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 /*! WHERE CURRENT OF c */", opts()));
  CHECK_FALSE(find_positioned("SELECT 1 WHERE CURRENT OF c", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 WHERE CURRENT OF c AND b = 2", opts()));
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 WHERE CURRENT OF c; SELECT 1", opts()));
  CHECK_FALSE(find_positioned("UPDATE a SET x = 1; UPDATE t SET a = 1 WHERE CURRENT OF c", opts()));
  CHECK_FALSE(find_positioned("DELETE t WHERE CURRENT OF c", opts()));  // DELETE needs FROM
  CHECK_FALSE(find_positioned("UPDATE t SET a = 1 WHERE CURRENT OF 'c'", opts()));
  CHECK_FALSE(find_positioned("WHERE CURRENT OF c", opts()));
}
