// ODBC connection strings: a pure parser and its inverse.
//
// Grammar (ODBC Programmer's Reference, "SQLDriverConnect Function", Comments):
//   connection-string ::= empty-string[;] | attribute[;] | attribute; connection-string
//   attribute         ::= attribute-keyword=attribute-value | DRIVER=[{]attribute-value[}]
// Keywords are case-insensitive; values may be case-sensitive. A value that contains ';'
// must be enclosed in braces. Holdfast reads strings this way:
//   - blanks around a keyword are ignored; so are blanks around a value not in braces
//     (a value that needs leading or trailing blanks must be written in braces);
//   - a value in braces runs to the matching '}'; inside, "}}" stands for one '}', and ';',
//     '=', '{' are ordinary characters; only blanks may follow the closing brace;
//   - a '{' that is not the first character of a value is an ordinary character;
//   - empty attributes (";;", blanks only) are skipped; the trailing ';' is optional;
//   - NUL bytes, a value in braces with no closing brace, a keyword without '=', and a
//     value without a keyword are errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/secret_string.h"

namespace holdfast {

struct ConnAttribute {
  std::string key;    // as written, blanks trimmed
  SecretString value;  // braces removed, "}}" unescaped (may be a password)

  bool operator==(const ConnAttribute&) const = default;
};

using ConnAttributes = std::vector<ConnAttribute>;

// The blanks ignored around keywords and unbraced values.
constexpr bool is_conn_blank(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// `s` without leading and trailing blanks.
std::string_view trim_conn_blanks(std::string_view s) noexcept;

// Every attribute in the order written, duplicates included. Throws OdbcError 08001
// (the SQLSTATE SQLDriverConnect lists for "the driver was unable to establish a
// connection": there is no more specific one for a malformed string) with a message
// that names the byte offset and the keyword, never a value. Linear in the input.
ConnAttributes parse_connection_string(std::string_view text);

// The first attribute whose key equals `key` (ASCII case-insensitive), or nullptr. The
// first occurrence wins: "If any keywords are repeated in the connection string, the
// driver uses the value associated with the first occurrence of the keyword."
// (ODBC Programmer's Reference, "SQLDriverConnect Function", Comments.)
const ConnAttribute* find_attribute(const ConnAttributes& attributes, std::string_view key);

// True when `value` must be written in braces to read back unchanged: it contains ';',
// '{', '}' or '=', or starts or ends with a blank.
bool value_needs_braces(std::string_view value) noexcept;

// `value` in braces, every '}' doubled.
std::string brace_value(std::string_view value);

// key=value;key=value... (no trailing ';'), values in braces when value_needs_braces().
// parse_connection_string(build_connection_string(p)) == p for every representable p.
// Throws OdbcError HY000 for what cannot be written: an empty key, a key with '=', ';',
// NUL or surrounding blanks, a value with NUL.
std::string build_connection_string(const ConnAttributes& attributes);

// Appends one key=value attribute (with a ';' first when `out` is not empty).
void append_attribute(std::string& out, std::string_view key, std::string_view value);

}  // namespace holdfast
