// Descriptor record rules: type fields kept consistent, the consistency check, the field
// table.
#include <catch2/catch.hpp>

#include "core/descriptor.h"
#include "core/descriptor_table.h"
#include "core/odbc_error.h"

using namespace holdfast;

namespace {

std::string consistency_state(const DescRecord& r, DescKind kind) {
  try {
    check_consistency(r, kind);
    return "ok";
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
}

}  // namespace

TEST_CASE("set_concise_type derives SQL_DESC_TYPE and the datetime code", "[unit][descriptors]") {
  DescRecord r;
  set_concise_type(r, SQL_C_TYPE_TIMESTAMP);
  CHECK(r.type == SQL_DATETIME);
  CHECK(r.datetime_interval_code == SQL_CODE_TIMESTAMP);
  set_concise_type(r, SQL_C_DATE);  // the ODBC 2 code
  CHECK(r.type == SQL_DATETIME);
  CHECK(r.datetime_interval_code == SQL_CODE_DATE);
  set_concise_type(r, SQL_C_INTERVAL_DAY_TO_SECOND);
  CHECK(r.type == SQL_INTERVAL);
  CHECK(r.datetime_interval_code == SQL_CODE_DAY_TO_SECOND);
  set_concise_type(r, SQL_C_SLONG);
  CHECK(r.type == SQL_C_SLONG);
  CHECK(r.datetime_interval_code == 0);
}

TEST_CASE("the consistency check accepts valid records and rejects the rest with HY021", "[unit][descriptors]") {
  DescRecord r;
  set_concise_type(r, SQL_C_CHAR);
  CHECK(consistency_state(r, DescKind::ard) == "ok");
  // A SQL type that is not a C type, in an application descriptor.
  set_concise_type(r, SQL_VARCHAR);
  CHECK(consistency_state(r, DescKind::ard) == "HY021");
  CHECK(consistency_state(r, DescKind::ipd) == "ok");
  // SQL_DATETIME without its code.
  r.type = SQL_DATETIME;
  r.concise_type = SQL_DATETIME;
  r.datetime_interval_code = 0;
  CHECK(consistency_state(r, DescKind::apd) == "HY021");
  r.datetime_interval_code = SQL_CODE_TIME;
  r.concise_type = SQL_C_TYPE_TIME;
  CHECK(consistency_state(r, DescKind::apd) == "ok");
  // TYPE and CONCISE_TYPE that disagree.
  r.type = SQL_C_SLONG;
  r.concise_type = SQL_C_DOUBLE;
  CHECK(consistency_state(r, DescKind::ard) == "HY021");
  // SQL_C_NUMERIC precision and scale.
  set_concise_type(r, SQL_C_NUMERIC);
  r.precision = 10;
  r.scale = 2;
  CHECK(consistency_state(r, DescKind::ard) == "ok");
  r.scale = 11;
  CHECK(consistency_state(r, DescKind::ard) == "HY021");
  r.precision = 0;
  r.scale = 0;
  CHECK(consistency_state(r, DescKind::ard) == "HY021");
  // Intervals are not supported.
  set_concise_type(r, SQL_C_INTERVAL_YEAR);
  CHECK(consistency_state(r, DescKind::ard) == "HY021");
}

TEST_CASE("the field table: header fields, read-only IRD records, unknown fields", "[unit][descriptors]") {
  const FieldSpec* count = find_field(SQL_DESC_COUNT);
  REQUIRE(count);
  CHECK(count->header);
  CHECK(count->access(DescKind::ird) == Access::read);
  CHECK(count->access(DescKind::ard) == Access::read_write);
  const FieldSpec* name = find_field(SQL_DESC_NAME);
  REQUIRE(name);
  CHECK_FALSE(name->header);
  CHECK(name->access(DescKind::ard) == Access::none);
  CHECK(name->access(DescKind::ipd) == Access::read_write);
  CHECK(find_field(SQL_DESC_ROWS_PROCESSED_PTR)->access(DescKind::apd) == Access::none);
  CHECK(find_field(SQL_DESC_PARAMETER_TYPE)->access(DescKind::ipd) == Access::read_write);
  CHECK(find_field(9999) == nullptr);
  CHECK(find_field(SQL_COLUMN_LENGTH) == nullptr);  // an ODBC 2 column attribute, not a field
}

TEST_CASE("numeric precision and scale fall back to the driver's defaults", "[unit][descriptors]") {
  DescRecord r;
  CHECK(numeric_precision(r) == 38);
  CHECK(numeric_scale(r) == 0);
  r.precision = 7;
  r.scale = 3;
  CHECK(numeric_precision(r) == 7);
  CHECK(numeric_scale(r) == 3);
}
