// convert_value for dates, times and timestamps, zero dates, and GUIDs.
#include <catch2/catch.hpp>

#include <ctime>
#include <vector>

#include "convert_test_support.h"

using namespace holdfast;
using namespace holdfast::test;

namespace {

const ColumnMeta& date_col() {
  static const ColumnMeta m = meta_of(MYSQL_TYPE_DATE, 10);
  return m;
}
const ColumnMeta& time_col() {
  static const ColumnMeta m = meta_of(MYSQL_TYPE_TIME, 17, 0, 6);
  return m;
}
const ColumnMeta& datetime_col() {
  static const ColumnMeta m = meta_of(MYSQL_TYPE_DATETIME, 26, 0, 6);
  return m;
}

std::tm today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return tm;
}

}  // namespace

TEST_CASE("DATETIME to SQL_C_TYPE_TIMESTAMP with fractions in nanoseconds", "[unit][convert]") {
  Fixed<SQL_TIMESTAMP_STRUCT> ts;
  auto r = convert_value(datetime_col(), src("2024-02-29 13:45:59.123456"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(ts.value.year == 2024);
  CHECK(ts.value.month == 2);
  CHECK(ts.value.day == 29);
  CHECK(ts.value.hour == 13);
  CHECK(ts.value.minute == 45);
  CHECK(ts.value.second == 59);
  CHECK(ts.value.fraction == 123456000u);
  CHECK(ts.ind == static_cast<SQLLEN>(sizeof(SQL_TIMESTAMP_STRUCT)));

  convert_value(datetime_col(), src("1999-12-31 23:59:59.5"), ts.target(SQL_C_TIMESTAMP), nullptr);  // ODBC 2 type
  CHECK(ts.value.fraction == 500000000u);
  convert_value(datetime_col(), src("2000-01-01 00:00:00"), ts.target(SQL_C_DEFAULT), nullptr);
  CHECK(ts.value.year == 2000);
  CHECK(ts.value.fraction == 0u);
}

TEST_CASE("DATETIME to DATE and TIME truncate with 01S07", "[unit][convert]") {
  Fixed<SQL_DATE_STRUCT> d;
  auto r = convert_value(datetime_col(), src("2024-05-06 00:00:00"), d.target(SQL_C_TYPE_DATE), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(d.value.year == 2024);
  CHECK(d.value.month == 5);
  CHECK(d.value.day == 6);
  CHECK(d.ind == 6);
  r = convert_value(datetime_col(), src("2024-05-06 10:00:00"), d.target(SQL_C_DATE), nullptr);
  CHECK(warning(r) == "01S07");
  CHECK(d.value.day == 6);
  r = convert_value(datetime_col(), src("2024-05-06 00:00:00.000001"), d.target(SQL_C_TYPE_DATE), nullptr);
  CHECK(warning(r) == "01S07");

  Fixed<SQL_TIME_STRUCT> t;
  r = convert_value(datetime_col(), src("2024-05-06 10:20:30"), t.target(SQL_C_TYPE_TIME), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(t.value.hour == 10);
  CHECK(t.value.minute == 20);
  CHECK(t.value.second == 30);
  r = convert_value(datetime_col(), src("2024-05-06 10:20:30.25"), t.target(SQL_C_TIME), nullptr);
  CHECK(warning(r) == "01S07");
  CHECK(t.value.second == 30);
}

TEST_CASE("DATE and TIME columns to timestamps", "[unit][convert]") {
  Fixed<SQL_TIMESTAMP_STRUCT> ts;
  convert_value(date_col(), src("2023-07-08"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr);
  CHECK(ts.value.year == 2023);
  CHECK(ts.value.month == 7);
  CHECK(ts.value.day == 8);
  CHECK(ts.value.hour == 0);
  CHECK(ts.value.minute == 0);
  CHECK(ts.value.second == 0);
  CHECK(ts.value.fraction == 0u);

  // TIME -> TIMESTAMP takes today's date.
  const std::tm now = today();
  convert_value(time_col(), src("08:09:10.000500"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr);
  CHECK(ts.value.year == now.tm_year + 1900);
  CHECK(ts.value.month == now.tm_mon + 1);
  CHECK(ts.value.day == now.tm_mday);
  CHECK(ts.value.hour == 8);
  CHECK(ts.value.minute == 9);
  CHECK(ts.value.second == 10);
  CHECK(ts.value.fraction == 500000u);

  Fixed<SQL_TIME_STRUCT> t;
  CHECK(convert_value(time_col(), src("23:59:59"), t.target(SQL_C_DEFAULT), nullptr).rc == SQL_SUCCESS);
  CHECK(t.value.hour == 23);
  CHECK(warning(convert_value(time_col(), src("23:59:59.1"), t.target(SQL_C_TYPE_TIME), nullptr)) == "01S07");

  // Outside one day, or negative: not a valid ODBC time.
  CHECK(sqlstate_of([&] { convert_value(time_col(), src("24:00:00"), t.target(SQL_C_TYPE_TIME), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(time_col(), src("838:59:59"), t.target(SQL_C_TYPE_TIME), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(time_col(), src("-00:00:01"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr); }) == "22007");
}

TEST_CASE("Date kinds reject the conversions the ODBC table does not have", "[unit][convert]") {
  Fixed<SQL_TIME_STRUCT> t;
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2023-07-08"), t.target(SQL_C_TYPE_TIME), nullptr); }) == "07006");
  Fixed<SQL_DATE_STRUCT> d;
  CHECK(sqlstate_of([&] { convert_value(time_col(), src("10:00:00"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "07006");
  Fixed<SQLINTEGER> i;
  CHECK(sqlstate_of([&] { convert_value(datetime_col(), src("2023-07-08 10:00:00"), i.target(SQL_C_SLONG), nullptr); }) == "07006");
  Fixed<double> dbl;
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2023-07-08"), dbl.target(SQL_C_DOUBLE), nullptr); }) == "07006");
}

TEST_CASE("Zero dates read as SQL NULL in date structures", "[unit][convert]") {
  Fixed<SQL_DATE_STRUCT> d;
  CHECK(convert_value(date_col(), src("0000-00-00"), d.target(SQL_C_TYPE_DATE), nullptr).rc == SQL_SUCCESS);
  CHECK(d.ind == SQL_NULL_DATA);
  Fixed<SQL_TIMESTAMP_STRUCT> ts;
  convert_value(datetime_col(), src("0000-00-00 00:00:00"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr);
  CHECK(ts.ind == SQL_NULL_DATA);
  convert_value(date_col(), src("0000-00-00"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr);
  CHECK(ts.ind == SQL_NULL_DATA);

  // Without an indicator that is 22002.
  CellTarget t = ts.target(SQL_C_TYPE_TIMESTAMP);
  t.indicator_ptr = nullptr;
  t.length_ptr = nullptr;
  CHECK(sqlstate_of([&] { convert_value(datetime_col(), src("0000-00-00 00:00:00"), t, nullptr); }) == "22002");

  // As text they keep their text.
  char buf[32];
  SQLLEN len = 0;
  CellTarget c;
  c.c_type = SQL_C_CHAR;
  c.buffer = buf;
  c.buffer_length = sizeof buf;
  c.length_ptr = &len;
  convert_value(date_col(), src("0000-00-00"), c, nullptr);
  CHECK(std::string(buf) == "0000-00-00");
  CHECK(len == 10);

  // A partly zero date is invalid.
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2024-00-10"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2024-05-00"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22007");
}

TEST_CASE("Invalid dates and times", "[unit][convert]") {
  Fixed<SQL_DATE_STRUCT> d;
  Fixed<SQL_TIMESTAMP_STRUCT> ts;
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2023-02-29"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22007");
  CHECK(convert_value(date_col(), src("2000-02-29"), d.target(SQL_C_TYPE_DATE), nullptr).rc == SQL_SUCCESS);
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("1900-02-29"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2023-04-31"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2023-13-01"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(datetime_col(), src("2023-01-01 10:60:00"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(datetime_col(), src("2023-01-01 10:00:60"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr); }) == "22007");
  CHECK(sqlstate_of([&] { convert_value(datetime_col(), src("garbage"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr); }) == "22007");
}

TEST_CASE("Text to date, time and timestamp", "[unit][convert]") {
  const ColumnMeta text = text_meta();
  Fixed<SQL_DATE_STRUCT> d;
  Fixed<SQL_TIME_STRUCT> t;
  Fixed<SQL_TIMESTAMP_STRUCT> ts;

  CHECK(convert_value(text, src(" 2021-03-04 "), d.target(SQL_C_TYPE_DATE), nullptr).rc == SQL_SUCCESS);
  CHECK(d.value.year == 2021);
  CHECK(d.value.day == 4);
  CHECK(convert_value(text, src("{d '2021-03-05'}"), d.target(SQL_C_TYPE_DATE), nullptr).rc == SQL_SUCCESS);
  CHECK(d.value.day == 5);
  CHECK(warning(convert_value(text, src("2021-03-05 01:00:00"), d.target(SQL_C_TYPE_DATE), nullptr)) == "01S07");
  CHECK(sqlstate_of([&] { convert_value(text, src("10:00:00"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22018");
  CHECK(sqlstate_of([&] { convert_value(text, src("March 5"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22018");
  CHECK(sqlstate_of([&] { convert_value(text, src("2021-3-5x"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22018");
  CHECK(sqlstate_of([&] { convert_value(text, src("2021-02-30"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "22007");

  CHECK(convert_value(text, src("{t '11:12:13'}"), t.target(SQL_C_TYPE_TIME), nullptr).rc == SQL_SUCCESS);
  CHECK(t.value.minute == 12);
  CHECK(convert_value(text, src("2021-03-05 11:12:14"), t.target(SQL_C_TYPE_TIME), nullptr).rc == SQL_SUCCESS);
  CHECK(t.value.second == 14);
  CHECK(sqlstate_of([&] { convert_value(text, src("2021-03-05"), t.target(SQL_C_TYPE_TIME), nullptr); }) == "22018");

  CHECK(convert_value(text, src("{ts '2021-03-05 11:12:13.5'}"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr).rc == SQL_SUCCESS);
  CHECK(ts.value.fraction == 500000000u);
  CHECK(convert_value(text, src("2021-03-05T11:12:13"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr).rc == SQL_SUCCESS);
  CHECK(ts.value.hour == 11);
  // More than 9 fractional digits: nanoseconds kept, the rest is a fractional truncation.
  auto r = convert_value(text, src("2021-03-05 11:12:13.1234567891"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr);
  CHECK(warning(r) == "01S07");
  CHECK(ts.value.fraction == 123456789u);
  r = convert_value(text, src("2021-03-05 11:12:13.1234567890"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  // Escape kind must match its content.
  CHECK(sqlstate_of([&] { convert_value(text, src("{d '2021-03-05 10:00:00'}"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr); }) == "22018");
  CHECK(sqlstate_of([&] { convert_value(text, src("{x '2021-03-05'}"), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr); }) == "22018");
}

TEST_CASE("Datetimes to SQL_C_CHAR: minimum buffer or 22003", "[unit][convert]") {
  char buf[32];
  SQLLEN len = 0;
  CellTarget c;
  c.c_type = SQL_C_CHAR;
  c.buffer = buf;
  c.length_ptr = &len;

  c.buffer_length = 11;
  CHECK(convert_value(date_col(), src("2024-01-02"), c, nullptr).rc == SQL_SUCCESS);
  CHECK(std::string(buf) == "2024-01-02");
  c.buffer_length = 10;
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2024-01-02"), c, nullptr); }) == "22003");

  c.buffer_length = 9;
  CHECK(convert_value(time_col(), src("10:11:12"), c, nullptr).rc == SQL_SUCCESS);
  c.buffer_length = 8;
  CHECK(sqlstate_of([&] { convert_value(time_col(), src("10:11:12"), c, nullptr); }) == "22003");

  // A timestamp may lose fractional digits (01004) but not seconds (22003).
  c.buffer_length = 20;
  auto r = convert_value(datetime_col(), src("2024-01-02 10:11:12.123456"), c, nullptr);
  CHECK(warning(r) == "01004");
  CHECK(std::string(buf) == "2024-01-02 10:11:12");
  CHECK(len == 26);
  c.buffer_length = 19;
  CHECK(sqlstate_of([&] { convert_value(datetime_col(), src("2024-01-02 10:11:12.123456"), c, nullptr); }) == "22003");

  // As binary: the text, whole or 22003.
  c.c_type = SQL_C_BINARY;
  c.buffer_length = 10;
  CHECK(convert_value(date_col(), src("2024-01-02"), c, nullptr).rc == SQL_SUCCESS);
  CHECK(len == 10);
  c.buffer_length = 9;
  CHECK(sqlstate_of([&] { convert_value(date_col(), src("2024-01-02"), c, nullptr); }) == "22003");
}

TEST_CASE("Text to SQL_C_GUID", "[unit][convert]") {
  Fixed<SQLGUID> g;
  auto r = convert_value(text_meta(), src("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), g.target(SQL_C_GUID), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(g.value.Data1 == 0x6ba7b810u);
  CHECK(g.value.Data2 == 0x9dad);
  CHECK(g.value.Data3 == 0x11d1);
  const unsigned char tail[8] = {0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  CHECK(std::memcmp(g.value.Data4, tail, 8) == 0);
  CHECK(g.ind == static_cast<SQLLEN>(sizeof(SQLGUID)));
  CHECK(convert_value(text_meta(), src("{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}"), g.target(SQL_C_GUID), nullptr).rc == SQL_SUCCESS);
  CHECK(g.value.Data1 == 0x6ba7b810u);
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("6ba7b810-9dad-11d1-80b4-00c04fd430c"), g.target(SQL_C_GUID), nullptr); }) == "22018");
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("6ba7b810x9dad-11d1-80b4-00c04fd430c8"), g.target(SQL_C_GUID), nullptr); }) == "22018");
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("6ba7b810-9dad-11d1-80b4-00c04fd430cg"), g.target(SQL_C_GUID), nullptr); }) == "22018");
}

TEST_CASE("parse_datetime shapes", "[unit][convert]") {
  DateTimeParts p;
  REQUIRE(parse_datetime("-838:59:59.5", p));
  CHECK(p.negative);
  CHECK(p.hour == 838);
  CHECK(p.fraction_ns == 500000000u);
  CHECK_FALSE(p.has_date);
  REQUIRE(parse_datetime("2024-1-2 3:4:5", p));
  CHECK(p.month == 1);
  CHECK(p.day == 2);
  CHECK(p.hour == 3);
  CHECK_FALSE(parse_datetime("", p));
  CHECK_FALSE(parse_datetime("24-01-02", p));
  CHECK(parse_datetime("2024-01-02 ", p));  // trailing space is trimmed
  CHECK_FALSE(parse_datetime("2024-01-02 10:00", p));
  CHECK_FALSE(parse_datetime("-2024-01-02", p));
  CHECK_FALSE(parse_datetime("{ts '2024-01-02 10:00:00'", p));
}
