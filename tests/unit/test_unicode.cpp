#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/odbc_error.h"
#include "core/unicode.h"

using namespace holdfast;

namespace {

using U16 = std::vector<SQLWCHAR>;

U16 to16(std::string_view s) {
  U16 out(utf16_length_of_utf8(s) + 4, 0xAAAA);
  const size_t n = utf8_to_utf16(s, out.data(), out.size());
  out.resize(n);
  return out;
}

std::string sqlstate_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
  return "none";
}

const std::string kEuro = "\xE2\x82\xAC";         // U+20AC
const std::string kEAcute = "\xC3\xA9";           // U+00E9
const std::string kGrin = "\xF0\x9F\x98\x80";     // U+1F600
const std::string kFffd = "\xEF\xBF\xBD";         // U+FFFD

}  // namespace

TEST_CASE("UTF-8 to UTF-16 for every sequence length", "[unit][unicode]") {
  CHECK(to16("abc") == U16{'a', 'b', 'c'});
  CHECK(to16(kEAcute) == U16{0x00E9});
  CHECK(to16(kEuro) == U16{0x20AC});
  CHECK(to16(kGrin) == U16{0xD83D, 0xDE00});
  CHECK(to16("x" + kGrin + kEuro) == U16{'x', 0xD83D, 0xDE00, 0x20AC});
  CHECK(to16("").empty());
  CHECK(to16(std::string("a\0b", 3)) == U16{'a', 0, 'b'});
}

TEST_CASE("UTF-16 length of UTF-8 counts surrogate pairs as two", "[unit][unicode]") {
  CHECK(utf16_length_of_utf8("") == 0);
  CHECK(utf16_length_of_utf8("hello") == 5);
  CHECK(utf16_length_of_utf8(kEAcute + kEuro) == 2);
  CHECK(utf16_length_of_utf8(kGrin) == 2);
  CHECK(utf16_length_of_utf8("a" + kGrin + "b") == 4);
}

TEST_CASE("Invalid UTF-8 becomes U+FFFD, one per maximal subpart", "[unit][unicode]") {
  struct Row {
    std::string in;
    U16 out;
  };
  const std::vector<Row> rows = {
      {"\x80", {0xFFFD}},                                   // lone continuation byte
      {"a\xE2\x82", {'a', 0xFFFD}},                         // truncated 3-byte sequence at the end
      {"\xE2\x82z", {0xFFFD, 'z'}},                         // truncated, then ASCII
      {"\xC0\xAF", {0xFFFD, 0xFFFD}},                       // overlong lead byte
      {"\xE0\x80\x80", {0xFFFD, 0xFFFD, 0xFFFD}},           // overlong 3-byte form
      {"\xED\xA0\x80", {0xFFFD, 0xFFFD, 0xFFFD}},           // encoded surrogate
      {"\xF4\x90\x80\x80", {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}},  // above U+10FFFF
      {"\xF0\x9F\x98" "A", {0xFFFD, 'A'}},                  // truncated 4-byte sequence
      {"\xFF", {0xFFFD}},
      {"\xF5\x80", {0xFFFD, 0xFFFD}},
  };
  for (const auto& r : rows) {
    INFO("input bytes: " << r.in.size());
    CHECK(to16(r.in) == r.out);
    CHECK(utf16_length_of_utf8(r.in) == r.out.size());
  }
}

TEST_CASE("decode_utf8 reports the bytes consumed", "[unit][unicode]") {
  char32_t cp = 0;
  CHECK(decode_utf8(kGrin, cp) == 4);
  CHECK(cp == 0x1F600);
  CHECK(decode_utf8(kEuro + "x", cp) == 3);
  CHECK(cp == 0x20AC);
  CHECK(decode_utf8("\xE2\x82", cp) == 2);
  CHECK(cp == kReplacementChar);
  CHECK(decode_utf8("\xEF\xBF\xBF", cp) == 3);  // U+FFFF is a valid noncharacter
  CHECK(cp == 0xFFFF);
  CHECK(decode_utf8("\xF4\x8F\xBF\xBF", cp) == 4);
  CHECK(cp == 0x10FFFF);
}

TEST_CASE("UTF-8 to UTF-16 never writes past the limit nor splits a pair", "[unit][unicode]") {
  const std::string s = "a" + kGrin + "b";
  SQLWCHAR buf[8];
  std::fill(std::begin(buf), std::end(buf), SQLWCHAR{0x7777});

  CHECK(utf8_to_utf16(s, buf, 0) == 0);
  CHECK(buf[0] == 0x7777);

  auto w = utf8_to_utf16_partial(s, buf, 2);  // room for 'a' and half the emoji: stop after 'a'
  CHECK(w.units_written == 1);
  CHECK(w.bytes_consumed == 1);
  CHECK(buf[0] == 'a');
  CHECK(buf[1] == 0x7777);

  w = utf8_to_utf16_partial(s, buf, 3);
  CHECK(w.units_written == 3);
  CHECK(w.bytes_consumed == 5);
  CHECK(buf[1] == 0xD83D);
  CHECK(buf[2] == 0xDE00);
  CHECK(buf[3] == 0x7777);

  w = utf8_to_utf16_partial(s, buf, 8);
  CHECK(w.units_written == 4);
  CHECK(w.bytes_consumed == s.size());
}

TEST_CASE("UTF-8 bytes for a number of UTF-16 units", "[unit][unicode]") {
  const std::string s = "a" + kGrin + kEuro;  // units: 1 + 2 + 1, bytes: 1 + 4 + 3
  CHECK(utf8_bytes_for_utf16_units(s, 0) == 0);
  CHECK(utf8_bytes_for_utf16_units(s, 1) == 1);
  CHECK(utf8_bytes_for_utf16_units(s, 2) == 1);  // would split the pair
  CHECK(utf8_bytes_for_utf16_units(s, 3) == 5);
  CHECK(utf8_bytes_for_utf16_units(s, 4) == 8);
  CHECK(utf8_bytes_for_utf16_units(s, 100) == 8);
}

TEST_CASE("UTF-16 to UTF-8", "[unit][unicode]") {
  const SQLWCHAR text[] = {'h', 0x00E9, 0x20AC, 0xD83D, 0xDE00, 0};
  CHECK(utf16_to_utf8(text, SQL_NTS) == "h" + kEAcute + kEuro + kGrin);
  CHECK(utf16_to_utf8(text, 3) == "h" + kEAcute + kEuro);
  CHECK(utf16_to_utf8(text, 0).empty());
  CHECK(utf16_to_utf8(nullptr, SQL_NTS).empty());
  CHECK(utf16_to_utf8(nullptr, 0).empty());

  const SQLWCHAR embedded[] = {'a', 0, 'b'};
  CHECK(utf16_to_utf8(embedded, 3) == std::string("a\0b", 3));
}

TEST_CASE("Unpaired surrogates in UTF-16 become U+FFFD", "[unit][unicode]") {
  const SQLWCHAR lone_high[] = {'a', 0xD83D, 'b', 0};
  CHECK(utf16_to_utf8(lone_high, SQL_NTS) == "a" + kFffd + "b");
  const SQLWCHAR lone_low[] = {0xDE00, 0};
  CHECK(utf16_to_utf8(lone_low, SQL_NTS) == kFffd);
  const SQLWCHAR reversed[] = {0xDE00, 0xD83D, 0};
  CHECK(utf16_to_utf8(reversed, SQL_NTS) == kFffd + kFffd);
  const SQLWCHAR high_at_end[] = {0xD83D, 0xDE00};
  CHECK(utf16_to_utf8(high_at_end, 1) == kFffd);  // the length cuts the pair
}

TEST_CASE("UTF-16 lengths: SQL_NTS, negative, null pointer", "[unit][unicode]") {
  const SQLWCHAR text[] = {'a', 'b', 0};
  CHECK(utf16_length(text, SQL_NTS) == 2);
  CHECK(utf16_length(text, 1) == 1);
  CHECK(sqlstate_of([&] { utf16_to_utf8(text, -5); }) == "HY090");
  CHECK(sqlstate_of([&] { utf16_to_utf8(text, SQL_NULL_DATA); }) == "HY090");
  CHECK(sqlstate_of([&] { utf16_to_utf8(nullptr, 4); }) == "HY009");
}

TEST_CASE("Round trip through both directions", "[unit][unicode]") {
  const std::string s = "Zürich " + kEuro + " " + kGrin + " \xE4\xB8\xAD\xE6\x96\x87";
  const auto wide = utf8_to_utf16_string(s);
  CHECK(wide.size() == utf16_length_of_utf8(s));
  CHECK(utf16_to_utf8(wide.data(), static_cast<SQLINTEGER>(wide.size())) == s);
}
