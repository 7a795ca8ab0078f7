// The static cursor over a result the driver built: random access, SQL_ATTR_MAX_ROWS, rows
// re-read by SQLSetPos served from their copy, row marks.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "core/scroll_cursor.h"

using namespace holdfast;

namespace {

std::unique_ptr<ResultSet> rows(int count) {
  std::vector<LocalResult::Row> data;
  for (int i = 1; i <= count; ++i) data.push_back({std::to_string(i), "r" + std::to_string(i)});
  std::vector<ColumnMeta> columns = {synthetic_column("n", SQL_INTEGER, 0, SQL_NO_NULLS),
                                     synthetic_column("s", SQL_VARCHAR, 10, SQL_NULLABLE)};
  return std::make_unique<LocalResult>(std::move(columns), std::move(data));
}

std::string text(const ResultSet& r, std::size_t column) {
  const SourceValue v = r.value(column);
  return v.is_null ? "<null>" : std::string(v.data, v.length);
}

}  // namespace

TEST_CASE("ScrollCursor seeks anywhere and reports leaving the result", "[unit][scroll]") {
  ScrollCursor c(rows(5), 0);
  CHECK(c.row_count() == 5);
  CHECK(c.columns().size() == 2);
  CHECK(c.as_scroll() == &c);
  REQUIRE(c.seek(3));
  CHECK(text(c, 0) == "4");
  REQUIRE(c.seek(0));
  CHECK(text(c, 1) == "r1");
  REQUIRE(c.next());
  CHECK(text(c, 0) == "2");
  CHECK_FALSE(c.seek(5));
  CHECK(c.current() == 5);  // after the end
  CHECK(text(c, 0) == "<null>");
  CHECK_FALSE(c.seek(-3));
  CHECK(c.current() == -1);  // before the start
  REQUIRE(c.next());
  CHECK(text(c, 0) == "1");
}

TEST_CASE("ScrollCursor keeps to SQL_ATTR_MAX_ROWS", "[unit][scroll]") {
  ScrollCursor c(rows(5), 2);
  CHECK(c.row_count() == 2);
  CHECK(c.seek(1));
  CHECK_FALSE(c.seek(2));
  ScrollCursor all(rows(3), 10);
  CHECK(all.row_count() == 3);
}

TEST_CASE("ScrollCursor serves a re-read row from its copy and keeps marks", "[unit][scroll]") {
  ScrollCursor c(rows(4), 0);
  REQUIRE(c.seek(2));
  c.replace_row(2, {std::string("30"), std::nullopt});
  CHECK(text(c, 0) == "30");  // the current row at once
  CHECK(text(c, 1) == "<null>");
  REQUIRE(c.seek(1));
  CHECK(text(c, 0) == "2");
  REQUIRE(c.seek(2));
  CHECK(text(c, 0) == "30");
  CHECK(c.mark(2) == ScrollCursor::Mark::none);
  c.set_mark(2, ScrollCursor::Mark::updated);
  c.set_mark(3, ScrollCursor::Mark::deleted);
  CHECK(c.mark(2) == ScrollCursor::Mark::updated);
  CHECK(c.mark(3) == ScrollCursor::Mark::deleted);
  CHECK(c.mark(0) == ScrollCursor::Mark::none);
}
