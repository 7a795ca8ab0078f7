// The per-column conversion choice (core/convert_plan.h): which pairs get a fast
// conversion, and that a fast conversion writes exactly what convert_value writes, for
// values it takes and values it hands on.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "core/convert_plan.h"
#include "core/odbc_error.h"

using namespace holdfast;

namespace {

ColumnMeta column(ValueKind kind, SQLSMALLINT default_c_type = SQL_C_CHAR) {
  ColumnMeta m;
  m.kind = kind;
  m.default_c_type = default_c_type;
  return m;
}

struct Outcome {
  std::string bytes;  // the buffer after the call
  SQLLEN length = -99;
  SQLRETURN rc = -99;
  std::string warning;
  std::string error;  // SQLSTATE when it threw
  bool operator==(const Outcome& o) const {
    return bytes == o.bytes && length == o.length && rc == o.rc && warning == o.warning && error == o.error;
  }
};

Outcome run(ColumnConversion::Fn f, const ColumnMeta& meta, const char* text, SQLSMALLINT c_type,
            SQLLEN buffer_length) {
  Outcome o;
  unsigned char buffer[64];
  std::memset(buffer, 0xAB, sizeof buffer);
  SourceValue v = text ? SourceValue{text, static_cast<unsigned long>(std::strlen(text)), false} : SourceValue{};
  CellTarget t{c_type, buffer, buffer_length, &o.length, &o.length};
  try {
    ConvertResult r = f(meta, v, t, nullptr);
    o.rc = r.rc;
    o.warning = r.warning_sqlstate ? r.warning_sqlstate : "";
  } catch (const OdbcError& e) {
    o.error = e.sqlstate();
  }
  o.bytes.assign(reinterpret_cast<char*>(buffer), sizeof buffer);
  return o;
}

}  // namespace

TEST_CASE("a conversion is chosen per value kind and C type", "[unit][convert_plan]") {
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::integer), SQL_C_SLONG))) == "integer");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::integer), SQL_C_UBIGINT))) == "integer");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::floating), SQL_C_DOUBLE))) == "double");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::decimal), SQL_C_CHAR))) == "chars");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::text), SQL_C_CHAR))) == "chars");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::datetime), SQL_C_TYPE_TIMESTAMP))) ==
        "timestamp");
  // SQL_C_DEFAULT resolves through the column's default C type.
  const ColumnConversion d = choose_conversion(column(ValueKind::integer, SQL_C_SLONG), SQL_C_DEFAULT);
  CHECK(std::string(conversion_name(d)) == "integer");
  CHECK(d.c_type == SQL_C_SLONG);
  CHECK(d.octet_size == 4);
  CHECK(d.chosen_for(SQL_C_DEFAULT));
  CHECK_FALSE(d.chosen_for(SQL_C_SLONG));
  // Pairs without a fast path keep the general conversion (which reports errors per value).
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::binary), SQL_C_CHAR))) == "generic");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::bit), SQL_C_SLONG))) == "generic");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::datetime), SQL_C_CHAR))) == "generic");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::text), SQL_C_WCHAR))) == "generic");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::date), SQL_C_TYPE_TIMESTAMP))) == "generic");
  CHECK(choose_conversion(column(ValueKind::text), SQL_C_CHAR).octet_size == 0);
  // An unknown C type is no error at choice time: convert_value reports it per value.
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::text), 9999))) == "generic");
}

TEST_CASE("SQLGetData pieces end the same after a fast conversion", "[unit][convert_plan]") {
  for (SQLSMALLINT c_type : {SQL_C_CHAR, SQL_C_SLONG, SQL_C_DOUBLE}) {
    for (SQLLEN buffer_length : {2, 3, 16}) {
      INFO("C type " << c_type << ", buffer " << buffer_length);
      // Text into SQL_C_CHAR (in pieces when the buffer is small), numbers into numbers.
      const ColumnMeta meta = column(c_type == SQL_C_CHAR ? ValueKind::text : ValueKind::integer);
      const ColumnConversion conversion = choose_conversion(meta, c_type);
      REQUIRE(conversion.convert != &convert_value);
      const SourceValue v = c_type == SQL_C_CHAR ? SourceValue{"abcd", 4, false} : SourceValue{"42", 2, false};
      char fast_buffer[16], slow_buffer[16];
      SQLLEN fast_length = 0, slow_length = 0;
      PieceState fast, slow;
      for (int call = 0; call < 3; ++call) {
        INFO("call " << call);
        const ConvertResult a =
            conversion.convert(meta, v, CellTarget{c_type, fast_buffer, buffer_length, &fast_length, &fast_length}, &fast);
        const ConvertResult b =
            convert_value(meta, v, CellTarget{c_type, slow_buffer, buffer_length, &slow_length, &slow_length}, &slow);
        CHECK(a.rc == b.rc);
        CHECK(fast_length == slow_length);
        CHECK(fast.offset == slow.offset);
        CHECK(fast.started == slow.started);
        CHECK(fast.exhausted == slow.exhausted);
      }
    }
  }
}

TEST_CASE("fast conversions write exactly what convert_value writes", "[unit][convert_plan]") {
  struct Case {
    ValueKind kind;
    SQLSMALLINT c_type;
    SQLLEN buffer_length;
    const char* text;
  };
  const std::vector<Case> cases = {
      {ValueKind::integer, SQL_C_SLONG, 0, "0"},
      {ValueKind::integer, SQL_C_SLONG, 0, "-2147483648"},
      {ValueKind::integer, SQL_C_SLONG, 0, "2147483647"},
      {ValueKind::integer, SQL_C_SLONG, 0, "2147483648"},  // 22003
      {ValueKind::integer, SQL_C_STINYINT, 0, "-129"},
      {ValueKind::integer, SQL_C_UTINYINT, 0, "255"},
      {ValueKind::integer, SQL_C_UTINYINT, 0, "-1"},
      {ValueKind::integer, SQL_C_ULONG, 0, "-0"},
      {ValueKind::integer, SQL_C_SBIGINT, 0, "-9223372036854775808"},
      {ValueKind::integer, SQL_C_UBIGINT, 0, "18446744073709551615"},
      {ValueKind::integer, SQL_C_SBIGINT, 0, "123456789012345678"},
      {ValueKind::integer, SQL_C_SLONG, 0, ""},
      {ValueKind::integer, SQL_C_SLONG, 0, nullptr},
      {ValueKind::decimal, SQL_C_SLONG, 0, "12.50"},  // 01S07
      {ValueKind::decimal, SQL_C_SSHORT, 0, "-007"},
      {ValueKind::floating, SQL_C_DOUBLE, 0, "1.5e-07"},
      {ValueKind::floating, SQL_C_DOUBLE, 0, "-0.1"},
      {ValueKind::floating, SQL_C_DOUBLE, 0, "1e400"},  // 22003
      {ValueKind::floating, SQL_C_DOUBLE, 0, "inf"},
      {ValueKind::floating, SQL_C_DOUBLE, 0, " 2.5"},
      {ValueKind::integer, SQL_C_DOUBLE, 0, "42"},
      {ValueKind::text, SQL_C_CHAR, 10, "abc"},
      {ValueKind::text, SQL_C_CHAR, 4, "abcd"},  // 01004
      {ValueKind::text, SQL_C_CHAR, 5, "abcd"},
      {ValueKind::text, SQL_C_CHAR, 0, "abcd"},
      {ValueKind::text, SQL_C_CHAR, 8, ""},
      {ValueKind::decimal, SQL_C_CHAR, 3, "123.45"},  // 22003: the whole part does not fit
      {ValueKind::decimal, SQL_C_CHAR, 5, "123.45"},  // 01004
      {ValueKind::decimal, SQL_C_CHAR, 24, "123.45"},
      {ValueKind::datetime, SQL_C_TYPE_TIMESTAMP, 0, "2024-02-29 23:59:59"},
      {ValueKind::datetime, SQL_C_TYPE_TIMESTAMP, 0, "2023-02-29 10:00:00"},  // 22007
      {ValueKind::datetime, SQL_C_TYPE_TIMESTAMP, 0, "2024-01-02 03:04:05.123456"},
      {ValueKind::datetime, SQL_C_TYPE_TIMESTAMP, 0, "2024-01-02 03:04:05.1"},
      {ValueKind::datetime, SQL_C_TYPE_TIMESTAMP, 0, "0000-00-00 00:00:00"},  // NULL
      {ValueKind::datetime, SQL_C_TIMESTAMP, 0, "1999-12-31 24:00:00"},
      {ValueKind::datetime, SQL_C_TYPE_TIMESTAMP, 0, "2024-01-02T03:04:05"},
  };
  for (const Case& c : cases) {
    INFO("kind " << static_cast<int>(c.kind) << ", C type " << c.c_type << ", text '" << (c.text ? c.text : "<NULL>")
                 << "'");
    const ColumnMeta meta = column(c.kind);
    const ColumnConversion conversion = choose_conversion(meta, c.c_type);
    REQUIRE(conversion.convert != &convert_value);
    CHECK(run(conversion.convert, meta, c.text, c.c_type, c.buffer_length) ==
          run(&convert_value, meta, c.text, c.c_type, c.buffer_length));
  }
}
