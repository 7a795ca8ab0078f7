// The README's keyword table lists every connection keyword with its default: the table
// in keywords.cpp is the single source, and this keeps the documentation true to it.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "core/keywords.h"

using namespace holdfast;

TEST_CASE("the README documents every connection keyword with its default", "[unit][docs]") {
  std::ifstream in(std::string(HOLDFAST_SOURCE_DIR) + "/README.md");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  for (const KeywordDef& def : keyword_table()) {
    if (def.id == KeywordId::option_flag || def.id == KeywordId::ignored) continue;
    INFO("keyword " << def.name);
    const std::string start = "| `" + std::string(def.name) + "` |";
    const std::size_t row = readme.find(start);
    REQUIRE(row != std::string::npos);
    const std::string line = readme.substr(row, readme.find('\n', row) - row);
    for (std::string_view alias : def.aliases)
      if (!alias.empty()) CHECK(line.find("`" + std::string(alias) + "`") != std::string::npos);
    if (!def.default_value.empty())
      CHECK(line.find("| `" + std::string(def.default_value) + "` |") != std::string::npos);
  }
}
