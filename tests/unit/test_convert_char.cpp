// convert_value into SQL_C_CHAR, SQL_C_WCHAR and SQL_C_BINARY, NULLs and SQLGetData pieces.
#include <catch2/catch.hpp>

#include <vector>

#include "convert_test_support.h"
#include "core/unicode.h"

using namespace holdfast;
using namespace holdfast::test;

namespace {

struct CharOut {
  char buf[64];
  SQLLEN len = -12345;
  CellTarget target(SQLLEN buffer_length, SQLSMALLINT c_type = SQL_C_CHAR) {
    std::memset(buf, 'X', sizeof buf);
    CellTarget t;
    t.c_type = c_type;
    t.buffer = buf;
    t.buffer_length = buffer_length;
    t.length_ptr = &len;
    t.indicator_ptr = &len;
    return t;
  }
};

struct WOut {
  SQLWCHAR buf[32];
  SQLLEN len = -12345;
  CellTarget target(SQLLEN buffer_length) {
    std::fill(std::begin(buf), std::end(buf), SQLWCHAR{0x7777});
    CellTarget t;
    t.c_type = SQL_C_WCHAR;
    t.buffer = buf;
    t.buffer_length = buffer_length;
    t.length_ptr = &len;
    t.indicator_ptr = &len;
    return t;
  }
  std::basic_string<SQLWCHAR> str() const { return std::basic_string<SQLWCHAR>(buf); }
};

const std::string kGrin = "\xF0\x9F\x98\x80";  // U+1F600
const std::string kEuro = "\xE2\x82\xAC";      // U+20AC

}  // namespace

TEST_CASE("Text to SQL_C_CHAR fits or truncates with 01004", "[unit][convert]") {
  const ColumnMeta m = text_meta();
  CharOut o;
  auto r = convert_value(m, src("hello"), o.target(6), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(std::string(o.buf) == "hello");
  CHECK(o.len == 5);

  r = convert_value(m, src("hello"), o.target(5), nullptr);
  CHECK(r.rc == SQL_SUCCESS_WITH_INFO);
  CHECK(warning(r) == "01004");
  CHECK(std::string(o.buf) == "hell");
  CHECK(o.len == 5);
  CHECK(o.buf[5] == 'X');  // nothing written past the buffer

  r = convert_value(m, src("hello"), o.target(1), nullptr);
  CHECK(warning(r) == "01004");
  CHECK(o.buf[0] == '\0');
  CHECK(o.buf[1] == 'X');

  r = convert_value(m, src("hello"), o.target(0), nullptr);
  CHECK(warning(r) == "01004");
  CHECK(o.buf[0] == 'X');  // zero-length buffer: nothing written
  CHECK(o.len == 5);

  r = convert_value(m, src(""), o.target(10), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(o.buf[0] == '\0');
  CHECK(o.len == 0);

  // Embedded NUL bytes are data.
  r = convert_value(m, src(std::string_view("a\0b", 3)), o.target(10), nullptr);
  CHECK(o.len == 3);
  CHECK(std::memcmp(o.buf, "a\0b\0", 4) == 0);
}

TEST_CASE("SQL_C_CHAR with a null buffer reports the length only", "[unit][convert]") {
  SQLLEN len = 0;
  CellTarget t;
  t.c_type = SQL_C_CHAR;
  t.buffer = nullptr;
  t.buffer_length = 0;
  t.length_ptr = &len;
  t.indicator_ptr = &len;
  PieceState p;
  auto r = convert_value(text_meta(), src("hello"), t, &p);
  CHECK(r.rc == SQL_SUCCESS_WITH_INFO);
  CHECK(len == 5);
  CHECK_FALSE(p.exhausted);
  CHECK(p.offset == 0);
  // The data is still all there for the next call.
  CharOut o;
  r = convert_value(text_meta(), src("hello"), o.target(10), &p);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(std::string(o.buf) == "hello");
}

TEST_CASE("Negative buffer length for variable types is HY090", "[unit][convert]") {
  CharOut o;
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("x"), o.target(-1), nullptr); }) == "HY090");
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("x"), o.target(-2, SQL_C_BINARY), nullptr); }) == "HY090");
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("x"), o.target(-2, SQL_C_WCHAR), nullptr); }) == "HY090");
}

TEST_CASE("SQLGetData pieces in SQL_C_CHAR", "[unit][convert]") {
  const ColumnMeta m = text_meta();
  const std::string value = "abcdefghij";  // 10 bytes
  PieceState p;
  CharOut o;
  auto r = convert_value(m, src(value), o.target(4), &p);
  CHECK(warning(r) == "01004");
  CHECK(std::string(o.buf) == "abc");
  CHECK(o.len == 10);

  r = convert_value(m, src(value), o.target(4), &p);
  CHECK(warning(r) == "01004");
  CHECK(std::string(o.buf) == "def");
  CHECK(o.len == 7);

  r = convert_value(m, src(value), o.target(4), &p);
  CHECK(std::string(o.buf) == "ghi");
  CHECK(o.len == 4);

  r = convert_value(m, src(value), o.target(4), &p);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(std::string(o.buf) == "j");
  CHECK(o.len == 1);

  r = convert_value(m, src(value), o.target(4), &p);
  CHECK(r.rc == SQL_NO_DATA);
  CHECK(o.buf[0] == 'X');  // untouched

  // An empty value: first call succeeds with length 0, second is SQL_NO_DATA.
  PieceState q;
  r = convert_value(m, src(""), o.target(4), &q);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(o.len == 0);
  CHECK(convert_value(m, src(""), o.target(4), &q).rc == SQL_NO_DATA);
}

TEST_CASE("Text to SQL_C_WCHAR with non-ASCII and surrogate pairs", "[unit][convert]") {
  const ColumnMeta m = text_meta();
  const std::string value = "a" + kEuro + kGrin + "b";  // UTF-16 units: a, 20AC, D83D, DE00, b
  WOut o;
  auto r = convert_value(m, src(value), o.target(sizeof o.buf), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(o.str() == std::basic_string<SQLWCHAR>{'a', 0x20AC, 0xD83D, 0xDE00, 'b'});
  CHECK(o.len == 10);  // bytes

  // Room for 3 units + NUL: the pair would be split, so only 2 units are written.
  r = convert_value(m, src(value), o.target(8), nullptr);
  CHECK(warning(r) == "01004");
  CHECK(o.str() == std::basic_string<SQLWCHAR>{'a', 0x20AC});
  CHECK(o.buf[3] == 0x7777);
  CHECK(o.len == 10);

  // An odd byte count rounds down to whole units.
  r = convert_value(m, src("xyz"), o.target(5), nullptr);
  CHECK(warning(r) == "01004");
  CHECK(o.str() == std::basic_string<SQLWCHAR>{'x'});
  CHECK(o.buf[2] == 0x7777);
}

TEST_CASE("SQLGetData pieces in SQL_C_WCHAR continue after a whole character", "[unit][convert]") {
  const ColumnMeta m = text_meta();
  const std::string value = "a" + kGrin + kEuro + "z";  // units: 1 + 2 + 1 + 1 = 5
  PieceState p;
  WOut o;
  auto r = convert_value(m, src(value), o.target(6), &p);  // 2 units of data + NUL
  CHECK(warning(r) == "01004");
  CHECK(o.str() == std::basic_string<SQLWCHAR>{'a'});
  CHECK(o.len == 10);

  r = convert_value(m, src(value), o.target(6), &p);
  CHECK(warning(r) == "01004");
  CHECK(o.str() == std::basic_string<SQLWCHAR>{0xD83D, 0xDE00});
  CHECK(o.len == 8);

  r = convert_value(m, src(value), o.target(6), &p);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(o.str() == std::basic_string<SQLWCHAR>{0x20AC, 'z'});
  CHECK(o.len == 4);

  CHECK(convert_value(m, src(value), o.target(6), &p).rc == SQL_NO_DATA);
}

TEST_CASE("Text to SQL_C_BINARY gives the UTF-8 bytes", "[unit][convert]") {
  const ColumnMeta m = text_meta();
  CharOut o;
  auto r = convert_value(m, src(kEuro), o.target(3, SQL_C_BINARY), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(o.len == 3);
  CHECK(std::memcmp(o.buf, kEuro.data(), 3) == 0);
  CHECK(o.buf[3] == 'X');  // no terminator for binary

  r = convert_value(m, src("abcdef"), o.target(4, SQL_C_BINARY), nullptr);
  CHECK(warning(r) == "01004");
  CHECK(std::memcmp(o.buf, "abcd", 4) == 0);
  CHECK(o.buf[4] == 'X');
  CHECK(o.len == 6);
}

TEST_CASE("Binary columns: raw bytes, hex digits for character targets", "[unit][convert]") {
  const ColumnMeta m = blob_meta();
  const std::string bytes("\x00\x1F\xAB\xFF", 4);
  CharOut o;
  auto r = convert_value(m, src(bytes), o.target(9), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(std::string(o.buf) == "001FABFF");
  CHECK(o.len == 8);

  r = convert_value(m, src(bytes), o.target(8), nullptr);
  CHECK(warning(r) == "01004");
  CHECK(std::string(o.buf) == "001FABF");
  CHECK(o.len == 8);

  WOut w;
  r = convert_value(m, src(bytes), w.target(sizeof w.buf), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(w.str() == std::basic_string<SQLWCHAR>{'0', '0', '1', 'F', 'A', 'B', 'F', 'F'});
  CHECK(w.len == 16);

  r = convert_value(m, src(bytes), o.target(4, SQL_C_BINARY), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(std::memcmp(o.buf, bytes.data(), 4) == 0);
  CHECK(o.len == 4);

  r = convert_value(m, src(bytes), o.target(3, SQL_C_BINARY), nullptr);
  CHECK(warning(r) == "01004");
  CHECK(o.len == 4);
  CHECK(o.buf[3] == 'X');

  // SQL_C_DEFAULT for binary is SQL_C_BINARY.
  r = convert_value(m, src(bytes), o.target(10, SQL_C_DEFAULT), nullptr);
  CHECK(o.len == 4);
  CHECK(std::memcmp(o.buf, bytes.data(), 4) == 0);
}

TEST_CASE("SQLGetData pieces of hex digits and raw bytes", "[unit][convert]") {
  const ColumnMeta m = blob_meta();
  const std::string bytes("\x12\x34\x56", 3);  // "123456"
  PieceState p;
  CharOut o;
  auto r = convert_value(m, src(bytes), o.target(4), &p);  // 3 digits per piece: odd split
  CHECK(warning(r) == "01004");
  CHECK(std::string(o.buf) == "123");
  CHECK(o.len == 6);
  r = convert_value(m, src(bytes), o.target(4), &p);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(std::string(o.buf) == "456");
  CHECK(o.len == 3);
  CHECK(convert_value(m, src(bytes), o.target(4), &p).rc == SQL_NO_DATA);

  PieceState b;
  r = convert_value(m, src(bytes), o.target(2, SQL_C_BINARY), &b);
  CHECK(warning(r) == "01004");
  CHECK(o.len == 3);
  CHECK(std::memcmp(o.buf, "\x12\x34", 2) == 0);
  r = convert_value(m, src(bytes), o.target(2, SQL_C_BINARY), &b);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(o.len == 1);
  CHECK(o.buf[0] == '\x56');
  CHECK(convert_value(m, src(bytes), o.target(2, SQL_C_BINARY), &b).rc == SQL_NO_DATA);
}

TEST_CASE("Binary columns convert to nothing but character and binary", "[unit][convert]") {
  Fixed<SQLINTEGER> i;
  CHECK(sqlstate_of([&] { convert_value(blob_meta(), src("1"), i.target(SQL_C_SLONG), nullptr); }) == "07006");
  Fixed<SQL_DATE_STRUCT> d;
  CHECK(sqlstate_of([&] { convert_value(blob_meta(), src("1"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "07006");
}

TEST_CASE("NULL values and indicators", "[unit][convert]") {
  const ColumnMeta m = text_meta();
  CharOut o;
  auto r = convert_value(m, null_src(), o.target(10), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(o.len == SQL_NULL_DATA);
  CHECK(o.buf[0] == 'X');

  // Separate length and indicator pointers: NULL goes to the indicator only.
  SQLLEN len = 77;
  SQLLEN ind = 77;
  CellTarget t = o.target(10);
  t.length_ptr = &len;
  t.indicator_ptr = &ind;
  convert_value(m, null_src(), t, nullptr);
  CHECK(ind == SQL_NULL_DATA);
  CHECK(len == 77);
  // Non-NULL: length to the length pointer, 0 to the indicator.
  convert_value(m, src("abc"), t, nullptr);
  CHECK(len == 3);
  CHECK(ind == 0);

  // No indicator: 22002 for NULL, fine for data.
  t.indicator_ptr = nullptr;
  CHECK(sqlstate_of([&] { convert_value(m, null_src(), t, nullptr); }) == "22002");
  t.length_ptr = nullptr;
  CHECK(convert_value(m, src("abc"), t, nullptr).rc == SQL_SUCCESS);
  CHECK(std::string(o.buf) == "abc");

  // Pieces: NULL once, then SQL_NO_DATA.
  PieceState p;
  Fixed<SQLINTEGER> i;
  CHECK(convert_value(meta_of(MYSQL_TYPE_LONG), null_src(), i.target(SQL_C_SLONG), &p).rc == SQL_SUCCESS);
  CHECK(i.ind == SQL_NULL_DATA);
  CHECK(convert_value(meta_of(MYSQL_TYPE_LONG), null_src(), i.target(SQL_C_SLONG), &p).rc == SQL_NO_DATA);

  // The NULL type column: every value is NULL, any C type is accepted.
  const ColumnMeta null_col = meta_of(MYSQL_TYPE_NULL, 0);
  Fixed<SQL_TIMESTAMP_STRUCT> ts;
  CHECK(convert_value(null_col, null_src(), ts.target(SQL_C_TYPE_TIMESTAMP), nullptr).rc == SQL_SUCCESS);
  CHECK(ts.ind == SQL_NULL_DATA);
}

TEST_CASE("Unknown and unsupported C types", "[unit][convert]") {
  CharOut o;
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("1"), o.target(10, 1234), nullptr); }) == "HY003");
  // Day-time intervals come from TIME-shaped text only (22018 otherwise); numbers have none.
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("1"), o.target(10, SQL_C_INTERVAL_DAY), nullptr); }) ==
        "22018");
  const ColumnMeta integer = meta_of(MYSQL_TYPE_LONG, 11, 0);
  CHECK(sqlstate_of([&] { convert_value(integer, src("1"), o.target(10, SQL_C_INTERVAL_DAY), nullptr); }) == "07006");
}

TEST_CASE("Fixed-size target with only an indicator bound", "[unit][convert]") {
  SQLLEN ind = 0;
  CellTarget t;
  t.c_type = SQL_C_SLONG;
  t.length_ptr = &ind;
  t.indicator_ptr = &ind;
  CHECK(convert_value(meta_of(MYSQL_TYPE_LONG), src("1"), t, nullptr).rc == SQL_SUCCESS);
  CHECK(ind == 4);
  CHECK(convert_value(meta_of(MYSQL_TYPE_LONG), null_src(), t, nullptr).rc == SQL_SUCCESS);
  CHECK(ind == SQL_NULL_DATA);
  t.c_type = SQL_C_TYPE_TIMESTAMP;
  convert_value(meta_of(MYSQL_TYPE_DATETIME, 19), src("2024-01-01 00:00:00"), t, nullptr);
  CHECK(ind == static_cast<SQLLEN>(sizeof(SQL_TIMESTAMP_STRUCT)));
}

TEST_CASE("Text SQL_C_DEFAULT follows the column's SQL type", "[unit][convert]") {
  // A unicode text column defaults to SQL_C_WCHAR.
  const ColumnMeta w = describe_field(make_field(MYSQL_TYPE_VAR_STRING, 40, 0, 0, 45), 4, true);
  WOut o;
  CellTarget t = o.target(sizeof o.buf);
  t.c_type = SQL_C_DEFAULT;
  convert_value(w, src(kEuro), t, nullptr);
  CHECK(o.str() == std::basic_string<SQLWCHAR>{0x20AC});
  CHECK(o.len == 2);
}
