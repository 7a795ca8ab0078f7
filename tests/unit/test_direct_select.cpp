// Which SQLExecDirect statements go to the binary protocol (core/direct_select.h).
#include <catch2/catch.hpp>

#include "core/direct_select.h"

using holdfast::is_direct_select;
using holdfast::ScanOptions;

TEST_CASE("plain SELECTs from a table are direct; everything else keeps the text path", "[unit][direct-binary]") {
  const ScanOptions o;
  CHECK(is_direct_select("SELECT a FROM t", o));
  CHECK(is_direct_select("  select a, b\nfrom t where a > 1 order by b", o));
  CHECK(is_direct_select("/* hint */ SELECT * FROM t;", o));       // one statement, ';' after it
  CHECK(is_direct_select("SELECT * FROM t ; -- end\n", o));
  CHECK(is_direct_select("SELECT 'a;b', `x;y` FROM t", o));        // ';' in a string or a name
  CHECK(is_direct_select("SELECT (SELECT 1 FROM dual)", o));       // FROM in a subquery reads a table too

  CHECK_FALSE(is_direct_select("SELECT 1", o));                    // no FROM: one text query
  CHECK_FALSE(is_direct_select("SELECT NOW(), 'from'", o));        // 'from' is a string
  CHECK_FALSE(is_direct_select("SELECT `from` + 1", o));           // a quoted name
  CHECK_FALSE(is_direct_select("SELECT 1 -- FROM t", o));          // in a comment
  CHECK_FALSE(is_direct_select("SELECT a FROM t WHERE a = ?", o)); // a parameter marker
  CHECK_FALSE(is_direct_select("SELECT a FROM t; SELECT b FROM u", o));
  CHECK_FALSE(is_direct_select("SELECT a FROM t; DROP TABLE u", o));
  CHECK_FALSE(is_direct_select("(SELECT a FROM t) UNION (SELECT b FROM u)", o));
  CHECK_FALSE(is_direct_select("SELECT /*! STRAIGHT_JOIN */ a FROM t", o));  // executable comment
  CHECK_FALSE(is_direct_select("INSERT INTO t SELECT a FROM u", o));
  CHECK_FALSE(is_direct_select("WITH c AS (SELECT 1) SELECT * FROM c", o));
  CHECK_FALSE(is_direct_select("SHOW TABLES FROM db", o));
  CHECK_FALSE(is_direct_select("CALL p()", o));
  CHECK_FALSE(is_direct_select("SELECT 'unterminated FROM t", o));
  CHECK_FALSE(is_direct_select("", o));
}
