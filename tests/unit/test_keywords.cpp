#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/conn_string.h"
#include "core/keywords.h"

using holdfast::find_keyword;
using holdfast::KeywordDef;
using holdfast::KeywordId;
using holdfast::KeywordType;

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

TEST_CASE("every name and alias appears once in the keyword table", "[unit][keywords]") {
  std::set<std::string> seen;
  for (const KeywordDef& def : holdfast::keyword_table()) {
    INFO(def.name);
    CHECK(seen.insert(upper(def.name)).second);
    CHECK(upper(def.name) == std::string(def.name));
    CHECK_FALSE(def.help.empty());
    for (std::string_view alias : def.aliases) {
      if (!alias.empty()) CHECK(seen.insert(upper(alias)).second);
    }
  }
}

TEST_CASE("table entries are consistent with their types", "[unit][keywords]") {
  std::set<std::uint32_t> bits;
  for (const KeywordDef& def : holdfast::keyword_table()) {
    INFO(def.name);
    if (def.type == KeywordType::integer || def.type == KeywordType::bitmask) {
      const auto value = holdfast::parse_keyword_integer(def.default_value);
      REQUIRE(value.has_value());
      CHECK(*value >= def.min);
      CHECK(*value <= def.max);
    }
    if (def.type == KeywordType::boolean) {
      CHECK(holdfast::parse_keyword_boolean(def.default_value).has_value());
    }
    if (def.id == KeywordId::option_flag) {
      CHECK(def.type == KeywordType::boolean);
      // exactly one bit, and no two flags share it
      CHECK(def.option_bit != 0);
      CHECK((def.option_bit & (def.option_bit - 1)) == 0);
      CHECK(bits.insert(def.option_bit).second);
    } else {
      CHECK(def.option_bit == 0);
    }
  }
}

TEST_CASE("keywords are found by name or alias, in any case", "[unit][keywords]") {
  const std::vector<std::pair<const char*, KeywordId>> cases = {
      {"SERVER", KeywordId::server},   {"host", KeywordId::server},
      {"Database", KeywordId::database}, {"db", KeywordId::database},
      {"UID", KeywordId::uid},         {"user", KeywordId::uid},
      {"pwd", KeywordId::pwd},         {"PassWord", KeywordId::pwd},
      {"OPTION", KeywordId::option},   {"options", KeywordId::option},
      {"conn_timeout", KeywordId::connect_timeout},
      {"ReadTimeout", KeywordId::read_timeout},
      {"  PORT  ", KeywordId::port},   {"dsn", KeywordId::dsn},
      {"Driver", KeywordId::driver},   {"SAVEFILE", KeywordId::ignored},
  };
  for (const auto& [name, id] : cases) {
    INFO(name);
    const KeywordDef* def = find_keyword(name);
    REQUIRE(def != nullptr);
    CHECK(def->id == id);
  }
  CHECK(find_keyword("PROT") == nullptr);
  CHECK(find_keyword("") == nullptr);
  CHECK(find_keyword("SERVERS") == nullptr);
}

TEST_CASE("defaults and secrecy of the main keywords", "[unit][keywords]") {
  CHECK(holdfast::keyword(KeywordId::port).default_value == "3306");
  CHECK(holdfast::keyword(KeywordId::charset).default_value == "utf8mb4");
  CHECK(holdfast::keyword(KeywordId::option).default_value == "0");
  CHECK(holdfast::keyword(KeywordId::reconnect).default_value == "1");
  CHECK(holdfast::keyword(KeywordId::reconnect_tries).default_value == "3");
  CHECK(holdfast::keyword(KeywordId::retry_reads).default_value == "0");
  CHECK(holdfast::keyword(KeywordId::pwd).secret);
  CHECK_FALSE(holdfast::keyword(KeywordId::uid).secret);
  CHECK(holdfast::keyword(KeywordId::ping_idle).min == -1);
  CHECK(holdfast::keyword(KeywordId::port).max == 65535);
  CHECK_THROWS(holdfast::keyword(KeywordId::option_flag));
}

TEST_CASE("OPTION-bit keywords carry Connector/ODBC's bit values", "[unit][keywords]") {
  const std::vector<std::pair<const char*, std::uint32_t>> cases = {
      {"FOUND_ROWS", 2},          {"BIG_PACKETS", 8},        {"NO_PROMPT", 16},
      {"DYNAMIC_CURSOR", 32},     {"NO_SCHEMA", 64},         {"NO_DEFAULT_CURSOR", 128},
      {"COMPRESSED_PROTO", 2048}, {"IGNORE_SPACE", 4096},    {"NO_BIGINT", 16384},
      {"NOBIGINT", 16384},        {"NO_CATALOG", 32768},     {"NO_CACHE", 1048576},
      {"STREAMRS", 1048576},      {"FORWARD_CURSOR", 2097152}, {"AUTO_RECONNECT", 4194304},
      {"AUTO_IS_NULL", 8388608},  {"MULTI_STATEMENTS", 67108864},
      {"NO_BINARY_RESULT", 268435456},
  };
  for (const auto& [name, bit] : cases) {
    INFO(name);
    const KeywordDef* def = find_keyword(name);
    REQUIRE(def != nullptr);
    CHECK(def->id == KeywordId::option_flag);
    CHECK(def->option_bit == bit);
  }
}

TEST_CASE("keyword values: integers and booleans", "[unit][keywords]") {
  using holdfast::parse_keyword_boolean;
  using holdfast::parse_keyword_integer;
  CHECK(parse_keyword_integer("3306") == 3306);
  CHECK(parse_keyword_integer(" 42 ") == 42);
  CHECK(parse_keyword_integer("+7") == 7);
  CHECK(parse_keyword_integer("-1") == -1);
  CHECK(parse_keyword_integer("4294967295") == 4294967295LL);
  CHECK_FALSE(parse_keyword_integer("").has_value());
  CHECK_FALSE(parse_keyword_integer("abc").has_value());
  CHECK_FALSE(parse_keyword_integer("12abc").has_value());
  CHECK_FALSE(parse_keyword_integer("0x10").has_value());
  CHECK_FALSE(parse_keyword_integer("1.5").has_value());
  CHECK_FALSE(parse_keyword_integer("+-1").has_value());
  CHECK_FALSE(parse_keyword_integer("99999999999999999999").has_value());

  for (const char* yes : {"1", "yes", "YES", "true", "True", "on", "y", " 1 "}) {
    INFO(yes);
    CHECK(parse_keyword_boolean(yes) == true);
  }
  for (const char* no : {"0", "no", "NO", "false", "off", "n"}) {
    INFO(no);
    CHECK(parse_keyword_boolean(no) == false);
  }
  for (const char* bad : {"", "2", "maybe", "-1", "10"}) {
    INFO(bad);
    CHECK_FALSE(parse_keyword_boolean(bad).has_value());
  }
}

TEST_CASE("unknown keywords get a 'did you mean' hint within distance 2", "[unit][keywords]") {
  using holdfast::suggest_keyword;
  CHECK(suggest_keyword("PROT") == std::string_view("PORT"));          // transposition
  CHECK(suggest_keyword("PROTT") == std::string_view("PORT"));         // transposition + 1
  CHECK(suggest_keyword("sevrer") == std::string_view("SERVER"));      // any case
  CHECK(suggest_keyword("DATABSE") == std::string_view("DATABASE"));
  CHECK(suggest_keyword("PASWORD") == std::string_view("PASSWORD"));   // an alias
  CHECK(suggest_keyword("CONNECT_TIMOUT") == std::string_view("CONNECT_TIMEOUT"));
  CHECK(suggest_keyword("MULTI_STATEMENT") == std::string_view("MULTI_STATEMENTS"));
  CHECK(suggest_keyword("PING_IDEL") == std::string_view("PING_IDLE"));
  CHECK_FALSE(suggest_keyword("TRUSTED_CONNECTION").has_value());
  CHECK_FALSE(suggest_keyword("APPLICATIONINTENT").has_value());
  CHECK_FALSE(suggest_keyword("X").has_value());  // too short to guess at
  CHECK_FALSE(suggest_keyword("").has_value());
  CHECK_FALSE(suggest_keyword(std::string(100000, 'Q')).has_value());

  CHECK(holdfast::unknown_keyword_message("PROT") ==
        "Unknown connection keyword 'PROT' ignored; did you mean PORT?");
  CHECK(holdfast::unknown_keyword_message("Trusted_Connection") ==
        "Unknown connection keyword 'Trusted_Connection' ignored");
}
