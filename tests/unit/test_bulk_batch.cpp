// The column-wise layout of a bulk batch (core/bulk_batch.h), read back as libmariadb reads
// it: 8-byte cells for integers and doubles, pointers and lengths for text and MYSQL_TIME
// values, indicators for NULL; rows that cannot join a batch and where a batch ends.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/bulk_batch.h"

using namespace holdfast;

namespace {

struct Row {
  SQLINTEGER id = 0;
  char text[16] = {};
  SQLLEN text_len = SQL_NTS;
  SQLWCHAR wide[8] = {};
  SQLLEN wide_len = 0;
  SQL_TIMESTAMP_STRUCT ts{};
  SQLLEN ts_ind = 0;
  std::vector<ParamSource> sources() {
    std::vector<ParamSource> p(4);
    p[0] = ParamSource{SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr};
    p[1] = ParamSource{SQL_C_CHAR, SQL_VARCHAR, 16, 0, text, sizeof text, &text_len};
    p[2] = ParamSource{SQL_C_WCHAR, SQL_WVARCHAR, 8, 0, wide, sizeof wide, &wide_len};
    p[3] = ParamSource{SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, 6, &ts, 0, &ts_ind};
    return p;
  }
};

std::string text_at(const MYSQL_BIND& b, std::size_t row) {
  return std::string(static_cast<char**>(b.buffer)[row], b.length[row]);
}

}  // namespace

TEST_CASE("bulk batch: rows laid out column-wise, NULLs as indicators, converted text kept",
          "[unit][bulk]") {
  std::vector<Row> rows(3);
  for (int r = 0; r < 3; ++r) {
    Row& row = rows[static_cast<std::size_t>(r)];
    row.id = 10 + r;
    std::snprintf(row.text, sizeof row.text, "t%d", r);
    row.wide[0] = u'\u00e9';
    row.wide[1] = static_cast<SQLWCHAR>(u'a' + r);
    row.wide_len = 2 * sizeof(SQLWCHAR);
    row.ts = SQL_TIMESTAMP_STRUCT{2024, 5, static_cast<SQLUSMALLINT>(1 + r), 1, 2, 3, 4000};
  }
  rows[1].ts_ind = SQL_NULL_DATA;
  BulkBatch batch;
  batch.start(4, 100, 1 << 20);
  for (Row& row : rows) {
    const std::vector<ParamSource> p = row.sources();
    REQUIRE(batch.add(p, LiteralOptions{}) == BulkBatch::Added::yes);
  }
  REQUIRE(batch.rows() == 3);
  MYSQL_BIND* b = batch.binds();
  CHECK(b[0].buffer_type == MYSQL_TYPE_LONGLONG);
  const auto* ids = static_cast<const long long*>(b[0].buffer);
  CHECK(ids[0] == 10);
  CHECK(ids[2] == 12);
  CHECK(b[1].buffer_type == MYSQL_TYPE_STRING);
  CHECK(text_at(b[1], 0) == "t0");
  CHECK(text_at(b[1], 2) == "t2");
  // Points into the application's buffer: no copy.
  CHECK(static_cast<char**>(b[1].buffer)[1] == rows[1].text);
  CHECK(b[2].buffer_type == MYSQL_TYPE_STRING);
  CHECK(text_at(b[2], 0) == "\xc3\xa9" "a");
  CHECK(text_at(b[2], 2) == "\xc3\xa9" "c");
  CHECK(b[3].buffer_type == MYSQL_TYPE_DATETIME);
  CHECK(b[3].u.indicator[0] == STMT_INDICATOR_NONE);
  CHECK(b[3].u.indicator[1] == STMT_INDICATOR_NULL);
  const auto* t2 = static_cast<MYSQL_TIME**>(b[3].buffer)[2];
  CHECK(t2->day == 3);
  CHECK(t2->second_part == 4);
  // A second batch reuses the storage and starts empty.
  batch.start(4, 100, 1 << 20);
  CHECK(batch.rows() == 0);
  const std::vector<ParamSource> p = rows[2].sources();
  REQUIRE(batch.add(p, LiteralOptions{}) == BulkBatch::Added::yes);
  b = batch.binds();
  CHECK(static_cast<const long long*>(b[0].buffer)[0] == 12);
  CHECK(text_at(b[2], 0) == "\xc3\xa9" "c");
}

TEST_CASE("bulk batch: where a batch ends, and rows for the text path", "[unit][bulk]") {
  SQLINTEGER i = 7;
  char text[200];
  std::memset(text, 'x', sizeof text);
  SQLLEN len = 150;
  std::vector<ParamSource> p{ParamSource{SQL_C_SLONG, SQL_INTEGER, 0, 0, &i, 0, nullptr},
                             ParamSource{SQL_C_CHAR, SQL_VARCHAR, 200, 0, text, sizeof text, &len}};
  BulkBatch batch;
  SECTION("the row limit") {
    batch.start(2, 2, 1 << 20);
    CHECK(batch.add(p, {}) == BulkBatch::Added::yes);
    CHECK(batch.add(p, {}) == BulkBatch::Added::yes);
    CHECK(batch.add(p, {}) == BulkBatch::Added::full);
  }
  SECTION("the byte limit: a row that fits alone starts the next batch, a bigger one goes to the text path") {
    batch.start(2, 100, 450);
    CHECK(batch.add(p, {}) == BulkBatch::Added::yes);
    CHECK(batch.add(p, {}) == BulkBatch::Added::yes);
    CHECK(batch.add(p, {}) == BulkBatch::Added::full);
    CHECK(batch.rows() == 2);
    batch.start(2, 100, 150);
    CHECK(batch.add(p, {}) == BulkBatch::Added::text_path);
    CHECK(batch.rows() == 0);
  }
  SECTION("a value the binary protocol cannot carry as the text path would") {
    batch.start(2, 100, 1 << 20);
    len = SQL_DEFAULT_PARAM;
    CHECK(batch.add(p, {}) == BulkBatch::Added::text_path);
    CHECK(batch.rows() == 0);
  }
  SECTION("a parameter whose type changes starts the next batch; NULLs fit any type") {
    batch.start(2, 100, 1 << 20);
    SQLLEN null = SQL_NULL_DATA;
    p[1].str_len_or_ind = &null;
    CHECK(batch.add(p, {}) == BulkBatch::Added::yes);
    p[1].str_len_or_ind = &len;
    CHECK(batch.add(p, {}) == BulkBatch::Added::yes);
    p[1].c_type = SQL_C_BINARY;
    CHECK(batch.add(p, {}) == BulkBatch::Added::full);
    MYSQL_BIND* b = batch.binds();
    CHECK(b[1].buffer_type == MYSQL_TYPE_STRING);
    CHECK(b[1].u.indicator[0] == STMT_INDICATOR_NULL);
    CHECK(b[1].length[1] == 150);
  }
}
