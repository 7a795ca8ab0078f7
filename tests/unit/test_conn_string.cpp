#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/conn_string.h"
#include "core/odbc_error.h"

using holdfast::ConnAttribute;
using holdfast::ConnAttributes;
using holdfast::OdbcError;

namespace {

struct ParseCase {
  const char* name;
  std::string input;
  ConnAttributes expected;
};

std::string sqlstate_of(const std::string& input) {
  try {
    holdfast::parse_connection_string(input);
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
  return "(no error)";
}

std::string message_of(const std::string& input) {
  try {
    holdfast::parse_connection_string(input);
  } catch (const OdbcError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("connection strings parse as the ODBC grammar says", "[unit][connstr]") {
  const std::vector<ParseCase> cases = {
      {"empty string", "", {}},
      {"only semicolons and blanks", " ; ;;  ", {}},
      {"one pair", "DSN=test", {{"DSN", "test"}}},
      {"trailing semicolon optional", "DSN=test;", {{"DSN", "test"}}},
      {"several pairs", "DSN=a;UID=bob;PWD=x", {{"DSN", "a"}, {"UID", "bob"}, {"PWD", "x"}}},
      {"blanks around keys and unbraced values ignored",
       "  SERVER = db1 ;\tPORT\t=\t3307\t",
       {{"SERVER", "db1"}, {"PORT", "3307"}}},
      {"blank inside a value kept", "DESCRIPTION=my data source",
       {{"DESCRIPTION", "my data source"}}},
      {"keys keep the case written", "uId=x;Pwd=y", {{"uId", "x"}, {"Pwd", "y"}}},
      {"empty value", "PWD=;UID=u", {{"PWD", ""}, {"UID", "u"}}},
      {"empty value at end", "PWD=", {{"PWD", ""}}},
      {"empty pairs skipped", ";;DSN=a;;;UID=b;;", {{"DSN", "a"}, {"UID", "b"}}},
      {"braced value with semicolons", "PWD={a;b;c};UID=u", {{"PWD", "a;b;c"}, {"UID", "u"}}},
      {"braced value with '=' and '{'", "PWD={k=v{x}", {{"PWD", "k=v{x"}}},
      {"escaped closing brace", "PWD={a}}b}", {{"PWD", "a}b"}}},
      {"escaped brace then semicolon", "PWD={a}};b};X=1", {{"PWD", "a};b"}, {"X", "1"}}},
      {"only escaped braces", "PWD={}}}}}", {{"PWD", "}}"}}},
      {"empty braces", "PWD={};UID=u", {{"PWD", ""}, {"UID", "u"}}},
      {"braces keep blanks", "PWD={  pass  } ; UID=u", {{"PWD", "  pass  "}, {"UID", "u"}}},
      {"blank before opening brace", "PWD=  {x;y}", {{"PWD", "x;y"}}},
      {"brace not at start is literal", "PWD=ab{cd;UID=u", {{"PWD", "ab{cd"}, {"UID", "u"}}},
      {"closing brace not in braces is literal", "PWD=ab}cd", {{"PWD", "ab}cd"}}},
      {"driver in braces", "DRIVER={Holdfast ODBC 1.0};SERVER=h",
       {{"DRIVER", "Holdfast ODBC 1.0"}, {"SERVER", "h"}}},
      {"driver without braces", "DRIVER=/usr/lib/x86_64-linux-gnu/odbc/libholdfast.so",
       {{"DRIVER", "/usr/lib/x86_64-linux-gnu/odbc/libholdfast.so"}}},
      {"'=' inside an unbraced value", "INITSTMT=SET @a=1", {{"INITSTMT", "SET @a=1"}}},
      {"duplicates all kept in order", "UID=a;uid=b;UID=c",
       {{"UID", "a"}, {"uid", "b"}, {"UID", "c"}}},
      {"non-ASCII bytes pass through", "PWD=p\xC3\xA4ss", {{"PWD", "p\xC3\xA4ss"}}},
  };
  for (const ParseCase& c : cases) {
    INFO(c.name);
    CHECK(holdfast::parse_connection_string(c.input) == c.expected);
  }
}

TEST_CASE("malformed connection strings are 08001 errors", "[unit][connstr]") {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"NUL byte", std::string("DSN=a\0b", 7)},
      {"NUL byte in a key", std::string("D\0SN=a", 6)},
      {"unterminated brace", "PWD={abc;UID=u"},
      {"escaped brace at end is not a closing one", "PWD={abc}}"},
      {"keyword without '='", "DSN=a;garbage;UID=u"},
      {"keyword without '=' at end", "DSN=a;garbage"},
      {"value without keyword", "=value"},
      {"blank keyword", "  =value"},
      {"text after closing brace", "PWD={abc}def;UID=u"},
  };
  for (const auto& [name, input] : cases) {
    INFO(name);
    CHECK(sqlstate_of(input) == "08001");
  }
}

TEST_CASE("parse errors say where and what, never the value", "[unit][connstr]") {
  CHECK_THAT(message_of(std::string("DSN=a\0", 6)), Catch::Contains("NUL byte at byte offset 5"));
  CHECK_THAT(message_of("UID=u;PWD={s3cret"), Catch::Contains("keyword PWD"));
  CHECK_THAT(message_of("UID=u;PWD={s3cret"), Catch::Contains("no closing '}'"));
  CHECK_THAT(message_of("UID=u;PWD={s3cret"), !Catch::Contains("s3cret"));
  // A password split at an unbraced ';': the piece is not echoed.
  const std::string split = message_of("UID=u;PWD=ab;cd;SERVER=h");
  CHECK_THAT(split, Catch::Contains("byte offset 13"));
  CHECK_THAT(split, Catch::Contains("no '='"));
  CHECK_THAT(split, !Catch::Contains("cd"));
  CHECK_THAT(message_of("PWD={abc} def;UID=u"),
             Catch::Contains("byte offset 10 after the closing '}' of the value of keyword PWD"));
  CHECK_THAT(message_of("UID=u;=x"), Catch::Contains("byte offset 6 has no keyword"));
}

TEST_CASE("a 1 MB value parses, in braces or not", "[unit][connstr]") {
  std::string big(1 << 20, 'x');
  for (std::size_t i = 0; i < big.size(); i += 97) big[i] = '}';  // many escapes
  std::string braced;
  for (char c : big) {
    braced += c;
    if (c == '}') braced += '}';
  }
  const auto attributes = holdfast::parse_connection_string("UID=u;PWD={" + braced + "};X=1");
  REQUIRE(attributes.size() == 3);
  CHECK(attributes[1].value == big);
  CHECK(attributes[2] == ConnAttribute{"X", "1"});

  const std::string plain(1 << 20, 'y');
  const auto unbraced = holdfast::parse_connection_string("INITSTMT=" + plain);
  REQUIRE(unbraced.size() == 1);
  CHECK(unbraced[0].value == plain);
}

TEST_CASE("many attributes parse in linear time", "[unit][connstr]") {
  std::string input;
  for (int i = 0; i < 100000; ++i) input += "K" + std::to_string(i) + "=v;";
  const auto attributes = holdfast::parse_connection_string(input);
  REQUIRE(attributes.size() == 100000);
  CHECK(attributes.back() == ConnAttribute{"K99999", "v"});
}

TEST_CASE("find_attribute: case-insensitive, first occurrence wins", "[unit][connstr]") {
  const auto attributes = holdfast::parse_connection_string("uid=first;UID=second;Pwd=p");
  const ConnAttribute* uid = holdfast::find_attribute(attributes, "UID");
  REQUIRE(uid != nullptr);
  CHECK(uid->value == "first");
  REQUIRE(holdfast::find_attribute(attributes, "pwd") != nullptr);
  CHECK(holdfast::find_attribute(attributes, "pwd")->value == "p");
  CHECK(holdfast::find_attribute(attributes, "DSN") == nullptr);
}

TEST_CASE("build_connection_string braces only what needs it", "[unit][connstr]") {
  CHECK(holdfast::build_connection_string({}) == "");
  CHECK(holdfast::build_connection_string({{"DSN", "a"}, {"UID", "bob"}}) == "DSN=a;UID=bob");
  CHECK(holdfast::build_connection_string({{"PWD", ""}}) == "PWD=");
  CHECK(holdfast::build_connection_string({{"PWD", "a;b"}}) == "PWD={a;b}");
  CHECK(holdfast::build_connection_string({{"PWD", "a}b"}}) == "PWD={a}}b}");
  CHECK(holdfast::build_connection_string({{"PWD", "{x"}}) == "PWD={{x}");
  CHECK(holdfast::build_connection_string({{"INITSTMT", "SET a=1"}}) == "INITSTMT={SET a=1}");
  CHECK(holdfast::build_connection_string({{"PWD", " x"}}) == "PWD={ x}");
  CHECK(holdfast::build_connection_string({{"PWD", "x\t"}}) == "PWD={x\t}");
  CHECK(holdfast::build_connection_string({{"DESCRIPTION", "a b"}}) == "DESCRIPTION=a b");
}

TEST_CASE("build_connection_string refuses what cannot be written", "[unit][connstr]") {
  using holdfast::build_connection_string;
  CHECK_THROWS_AS(build_connection_string({{"", "x"}}), OdbcError);
  CHECK_THROWS_AS(build_connection_string({{"A=B", "x"}}), OdbcError);
  CHECK_THROWS_AS(build_connection_string({{"A;B", "x"}}), OdbcError);
  CHECK_THROWS_AS(build_connection_string({{" A", "x"}}), OdbcError);
  CHECK_THROWS_AS(build_connection_string({{"A", std::string("x\0y", 3)}}), OdbcError);
}

TEST_CASE("build then parse gives back the same attributes", "[unit][connstr]") {
  const std::vector<std::string> values = {
      "",          "plain",   "a;b",   "}",      "}}",   "{",     "{}",       "a}b;c{d=e",
      " lead",     "trail ",  "  ",    "\t\n",   "=",    ";",     "x=y;z",    "{abc}",
      "p\xC3\xA4", "a b c",   "}{",    ";;;}}}", "{{{",  "end}",  "mid}}dle", "DRIVER={x}",
  };
  ConnAttributes all;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const ConnAttributes one = {{"K" + std::to_string(i), values[i]}};
    INFO("value: [" << values[i] << "]");
    CHECK(holdfast::parse_connection_string(holdfast::build_connection_string(one)) == one);
    all.push_back(one.front());
  }
  CHECK(holdfast::parse_connection_string(holdfast::build_connection_string(all)) == all);
}
