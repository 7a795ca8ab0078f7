// Bookmark values (core/bookmark.h): how they are written to and read from application
// buffers, and where row N's bookmark lives under column- and row-wise binding.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>

#include "core/bookmark.h"
#include "core/odbc_error.h"

using namespace holdfast;

TEST_CASE("bookmarks are written as 4 bytes or as the integer the C type asks for", "[unit][bookmarks]") {
  unsigned char bytes[8];
  std::memset(bytes, 0xee, sizeof bytes);
  SQLLEN length = 0;
  CHECK_FALSE(write_bookmark(SQL_C_VARBOOKMARK, SQL_UB_VARIABLE, bytes, sizeof bytes, &length, &length, 0x01020304));
  CHECK(length == 4);
  std::uint32_t v = 0;
  std::memcpy(&v, bytes, 4);
  CHECK(v == 0x01020304);
  CHECK(bytes[4] == 0xee);  // nothing past the bookmark
  // Too small a binary buffer: what fits, the full length, truncation reported.
  std::memset(bytes, 0xee, sizeof bytes);
  CHECK(write_bookmark(SQL_C_BINARY, SQL_UB_VARIABLE, bytes, 2, &length, nullptr, 7));
  CHECK(length == 4);
  CHECK(bytes[2] == 0xee);
  SQLUBIGINT big = 99;
  CHECK_FALSE(write_bookmark(SQL_C_UBIGINT, SQL_UB_VARIABLE, &big, 0, &length, nullptr, 12));
  CHECK(big == 12);
  CHECK(length == 8);
  SQLUINTEGER fixed = 0;
  SQLLEN indicator = 0;
  // SQL_C_DEFAULT: the integer for fixed bookmarks.
  CHECK_FALSE(write_bookmark(SQL_C_DEFAULT, SQL_UB_FIXED, &fixed, 0, nullptr, &indicator, 5));
  CHECK(fixed == 5);
  CHECK(indicator == 4);
}

TEST_CASE("bookmarks read back from application buffers, and what cannot be one", "[unit][bookmarks]") {
  const std::uint32_t four = 4;
  CHECK(read_bookmark(SQL_C_VARBOOKMARK, SQL_UB_VARIABLE, &four, 4) == 4u);
  CHECK(read_bookmark(SQL_C_VARBOOKMARK, SQL_UB_VARIABLE, &four, SQL_NTS) == 4u);
  CHECK_FALSE(read_bookmark(SQL_C_VARBOOKMARK, SQL_UB_VARIABLE, &four, 3).has_value());
  CHECK_FALSE(read_bookmark(SQL_C_VARBOOKMARK, SQL_UB_VARIABLE, nullptr, 4).has_value());
  const SQLUBIGINT huge = SQLUBIGINT{1} << 40, small = 9;
  CHECK_FALSE(read_bookmark(SQL_C_UBIGINT, SQL_UB_VARIABLE, &huge, 8).has_value());
  CHECK(read_bookmark(SQL_C_UBIGINT, SQL_UB_FIXED, &small, 8) == 9u);
  CHECK(read_bookmark(SQL_C_ULONG, SQL_UB_FIXED, &four, 0) == 4u);
  CHECK_NOTHROW(check_bookmark_c_type(SQL_C_VARBOOKMARK));
  CHECK_NOTHROW(check_bookmark_c_type(SQL_C_BOOKMARK));
  CHECK_THROWS_AS(check_bookmark_c_type(SQL_C_CHAR), OdbcError);
  CHECK_THROWS_AS(check_bookmark_c_type(SQL_C_SLONG), OdbcError);
}

TEST_CASE("row N's bookmark buffer under column-wise and row-wise binding", "[unit][bookmarks]") {
  std::uint32_t marks[3];
  SQLLEN lengths[3];
  DescRecord r;
  set_concise_type(r, SQL_C_VARBOOKMARK);
  r.octet_length = 4;
  r.data_ptr = marks;
  r.indicator_ptr = r.octet_length_ptr = lengths;
  DescHeader h;
  BookmarkCell c = bookmark_cell(h, r, SQL_UB_VARIABLE, 2);
  CHECK(c.buffer == &marks[2]);
  CHECK(c.length == &lengths[2]);
  SQLLEN offset = 8;
  h.bind_offset_ptr = &offset;
  c = bookmark_cell(h, r, SQL_UB_VARIABLE, 1);
  CHECK(c.buffer == &marks[3]);
  CHECK(c.length == &lengths[2]);
  struct Row {
    SQLUBIGINT mark;
    SQLLEN ind;
    char other[8];
  } rows[3];
  DescRecord w;
  set_concise_type(w, SQL_C_UBIGINT);
  w.data_ptr = &rows[0].mark;
  w.indicator_ptr = &rows[0].ind;
  DescHeader rh;
  rh.bind_type = sizeof(Row);
  c = bookmark_cell(rh, w, SQL_UB_VARIABLE, 2);
  CHECK(c.buffer == &rows[2].mark);
  CHECK(c.indicator == &rows[2].ind);
  CHECK(c.length == nullptr);
  // Column-wise SQL_C_UBIGINT: 8-byte steps whatever the buffer length says.
  SQLUBIGINT fixed[3];
  w.data_ptr = fixed;
  w.octet_length = 100;
  c = bookmark_cell(DescHeader{}, w, SQL_UB_FIXED, 2);
  CHECK(c.buffer == &fixed[2]);
}
