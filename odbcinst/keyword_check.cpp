#include "keyword_check.h"

namespace holdfast::setup {

namespace {

std::string quoted_value(const KeywordDef& def, std::string_view value) {
  if (def.secret) return "(hidden)";
  std::string out = "'";
  out += value;
  out += '\'';
  return out;
}

}  // namespace

std::optional<std::string> value_problem(const KeywordDef& def, std::string_view value) {
  if (value.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
  std::string problem;
  switch (def.type) {
    case KeywordType::string:
      return std::nullopt;
    case KeywordType::boolean:
      if (parse_keyword_boolean(value)) return std::nullopt;
      problem = " must be 1/0, yes/no, true/false or on/off";
      break;
    case KeywordType::integer:
    case KeywordType::bitmask: {
      const auto number = parse_keyword_integer(value);
      if (number && *number >= def.min && *number <= def.max) return std::nullopt;
      problem =
          " must be an integer from " + std::to_string(def.min) + " to " + std::to_string(def.max);
      break;
    }
  }
  return std::string(def.name) + problem + ", not " + quoted_value(def, value);
}

std::string unknown_keyword_problem(std::string_view name) {
  std::string message = "unknown keyword '";
  message += name;
  message += '\'';
  if (auto hint = suggest_keyword(name)) {
    message += "; did you mean ";
    message += *hint;
    message += '?';
  }
  return message;
}

std::optional<std::string> dsn_entry_problem(std::string_view key, std::string_view value) {
  const KeywordDef* def = find_keyword(key);
  if (def == nullptr) return unknown_keyword_problem(key);
  if (def->id == KeywordId::dsn || def->id == KeywordId::ignored) {
    return std::string(def->name) + " does not belong in a data source section";
  }
  return value_problem(*def, value);
}

bool offered_in_dsn(const KeywordDef& def) {
  // Other drivers' keywords with no effect are accepted in a DSN, never offered.
  if (def.no_effect) return false;
  switch (def.id) {
    case KeywordId::dsn:
    case KeywordId::driver:
    case KeywordId::description:
    case KeywordId::ignored:
      return false;
    default:
      return true;
  }
}

}  // namespace holdfast::setup
