#include "core/conn_string.h"

#include "core/keywords.h"
#include "core/odbc_error.h"

namespace holdfast {

namespace {

constexpr const char* kMalformed = "Invalid connection string: ";

[[noreturn]] void malformed(const std::string& detail) {
  throw OdbcError("08001", kMalformed + detail);
}

std::size_t skip_blanks(std::string_view s, std::size_t i) noexcept {
  while (i < s.size() && is_conn_blank(s[i])) ++i;
  return i;
}

// Reads the braced value whose '{' is at `open`; returns the index just past the closing
// '}'. Each run between braces is appended once, so the cost is linear.
std::size_t read_braced(std::string_view s, std::size_t open, std::string_view key,
                        std::string& value) {
  std::size_t from = open + 1;
  for (;;) {
    const std::size_t close = s.find('}', from);
    if (close == std::string_view::npos) {
      malformed("the value of keyword " + std::string(key) + " opened with '{' at byte offset " +
                std::to_string(open) + " has no closing '}' (write '}' inside braces as '}}')");
    }
    value.append(s.data() + from, close - from);
    if (close + 1 < s.size() && s[close + 1] == '}') {
      value.push_back('}');
      from = close + 2;
      continue;
    }
    return close + 1;
  }
}

}  // namespace

std::string_view trim_conn_blanks(std::string_view s) noexcept {
  while (!s.empty() && is_conn_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_conn_blank(s.back())) s.remove_suffix(1);
  return s;
}

ConnAttributes parse_connection_string(std::string_view text) {
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    malformed("it contains a NUL byte at byte offset " + std::to_string(nul));
  }
  ConnAttributes attributes;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const std::size_t key_end = text.find_first_of("=;", i);
    const std::string_view key =
        trim_conn_blanks(text.substr(i, key_end == std::string_view::npos ? n - i : key_end - i));
    if (key_end == std::string_view::npos || text[key_end] == ';') {
      if (!key.empty()) {
        // The text may be a piece of a value split at an unbraced ';' (a password, say):
        // name its place, never its content.
        malformed("the attribute at byte offset " + std::to_string(i) +
                  " has no '=' (a value containing ';' must be written in braces: KEY={value})");
      }
      i = key_end == std::string_view::npos ? n : key_end + 1;  // empty attribute
      continue;
    }
    if (key.empty()) {
      malformed("the value at byte offset " + std::to_string(key_end) +
                " has no keyword before '='");
    }
    ConnAttribute attribute{std::string(key), {}};
    const std::size_t value_start = skip_blanks(text, key_end + 1);
    if (value_start < n && text[value_start] == '{') {
      std::size_t after = read_braced(text, value_start, key, attribute.value);
      after = skip_blanks(text, after);
      if (after < n && text[after] != ';') {
        malformed("unexpected text at byte offset " + std::to_string(after) +
                  " after the closing '}' of the value of keyword " + attribute.key +
                  " (expected ';')");
      }
      i = after + 1;
    } else {
      std::size_t value_end = text.find(';', value_start);
      if (value_end == std::string_view::npos) value_end = n;
      attribute.value = trim_conn_blanks(text.substr(value_start, value_end - value_start));
      i = value_end + 1;
    }
    attributes.push_back(std::move(attribute));
  }
  return attributes;
}

const ConnAttribute* find_attribute(const ConnAttributes& attributes, std::string_view key) {
  key = trim_conn_blanks(key);
  for (const ConnAttribute& attribute : attributes) {
    if (keyword_name_equals(attribute.key, key)) return &attribute;
  }
  return nullptr;
}

bool value_needs_braces(std::string_view value) noexcept {
  if (value.empty()) return false;
  if (is_conn_blank(value.front()) || is_conn_blank(value.back())) return true;
  return value.find_first_of(";{}=") != std::string_view::npos;
}

std::string brace_value(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('{');
  for (char c : value) {
    out.push_back(c);
    if (c == '}') out.push_back('}');
  }
  out.push_back('}');
  return out;
}

void append_attribute(std::string& out, std::string_view key, std::string_view value) {
  if (key.empty() || key.find_first_of(std::string_view("=;\0", 3)) != std::string_view::npos ||
      is_conn_blank(key.front()) || is_conn_blank(key.back())) {
    throw OdbcError("HY000", "Cannot write connection string keyword '" + std::string(key) +
                                 "': a keyword must be non-empty, without '=', ';', NUL or "
                                 "surrounding blanks");
  }
  if (value.find('\0') != std::string_view::npos) {
    throw OdbcError("HY000", "Cannot write the value of connection string keyword " +
                                 std::string(key) + ": it contains a NUL byte");
  }
  if (!out.empty()) out.push_back(';');
  out.append(key);
  out.push_back('=');
  if (value_needs_braces(value)) {
    out += brace_value(value);
  } else {
    out.append(value);
  }
}

std::string build_connection_string(const ConnAttributes& attributes) {
  std::string out;
  for (const ConnAttribute& attribute : attributes) {
    append_attribute(out, attribute.key, attribute.value);
  }
  return out;
}

}  // namespace holdfast
