// Which column each parameter marker stands for (SQLDescribeParam): INSERT with and
// without a column list, UPDATE SET and WHERE, DELETE, SELECT with one table, and the
// statements where nothing is knowable.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/param_targets.h"
#include "core/sql_scan.h"

using namespace holdfast;

namespace {

ParamTargets targets(const std::string& sql) {
  const ScanOptions options;
  const ScanResult scan = scan_sql(sql, options);
  return find_param_targets(sql, scan.markers, options);
}

}  // namespace

TEST_CASE("param targets: INSERT with a column list, several rows, expressions left unknown",
          "[unit][param_targets]") {
  const ParamTargets t =
      targets("INSERT INTO db1.`my``t` (a, `b c`, d) VALUES (?, ?, ? + 1), (?, CONCAT(?, 'x'), ?)");
  CHECK(t.table_schema == "db1");
  CHECK(t.table_name == "my`t");
  CHECK(t.columns == std::vector<std::string>{"a", "b c", "", "a", "", "d"});
  CHECK(t.positions == std::vector<int>{-1, -1, -1, -1, -1, -1});
}

TEST_CASE("param targets: INSERT without a column list uses positions, ON DUPLICATE KEY UPDATE names",
          "[unit][param_targets]") {
  const ParamTargets t = targets("insert ignore t values (?, 'x', ?) on duplicate key update c = ?");
  CHECK(t.table_name == "t");
  CHECK(t.positions == std::vector<int>{0, 2, -1});
  CHECK(t.columns == std::vector<std::string>{"", "", "c"});
}

TEST_CASE("param targets: UPDATE SET and WHERE comparisons", "[unit][param_targets]") {
  const ParamTargets t = targets("UPDATE t SET a = ?, t.b=? WHERE c <> ? AND d >= ? AND e LIKE ? AND ? = f");
  CHECK(t.table_name == "t");
  CHECK(t.columns == std::vector<std::string>{"a", "b", "c", "d", "e", ""});
}

TEST_CASE("param targets: DELETE and SELECT with one table, joins and others unknown", "[unit][param_targets]") {
  CHECK(targets("DELETE FROM t WHERE id = ?").columns == std::vector<std::string>{"id"});
  const ParamTargets s = targets("SELECT a, (SELECT 1 FROM u) FROM t x WHERE x.id = ? LIMIT ?");
  CHECK(s.table_name == "t");
  CHECK(s.columns == std::vector<std::string>{"id", ""});
  CHECK(targets("SELECT * FROM t JOIN u ON t.a = u.a WHERE b = ?").table_name.empty());
  CHECK(targets("UPDATE t, u SET t.a = ?").table_name.empty());
  CHECK(targets("SELECT ?").table_name.empty());
  CHECK(targets("SET @x := ?").columns == std::vector<std::string>{""});
  CHECK(targets("CALL p(?)").table_name.empty());
  // A '?' inside a string is not a marker, and the names around it are not taken.
  CHECK(targets("UPDATE t SET a = '?', b = ?").columns == std::vector<std::string>{"b"});
}
