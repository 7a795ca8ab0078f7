// Fuzzes the connection-string parser (core/conn_string.*) and the keyword merge on top
// of it (core/connect_config.*).
//
// Input: the connection string, then "\n\n", then the DSN's odbc.ini entries as
// "KEY=value" lines (what the DsnReader returns). Invariants:
//  - parsing either succeeds or throws OdbcError 08001; nothing else escapes;
//  - build_connection_string(parse(s)) parses back to the same attributes;
//  - make_connect_config succeeds or throws 08001; its out string and its redacted form
//    parse again; the redacted form never holds the password; the out string holds a
//    password only when the connection string gave one.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/conn_string.h"
#include "core/connect_config.h"
#include "core/odbc_error.h"
#include "fuzz_support.h"

namespace {

using holdfast::ConnAttributes;
using holdfast::OdbcError;

std::string upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return u;
}

bool is_password_key(std::string_view key) {
  const std::string k = upper(holdfast::trim_conn_blanks(key));
  return k == "PWD" || k == "PASSWORD";
}

bool has_password_key(const ConnAttributes& attrs) {
  return std::any_of(attrs.begin(), attrs.end(),
                     [](const holdfast::ConnAttribute& a) { return is_password_key(a.key); });
}

ConnAttributes must_parse(const std::string& s, const char* what) {
  try {
    return holdfast::parse_connection_string(s);
  } catch (const OdbcError&) {
    holdfast::fuzz::fail(what, s);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const std::size_t split = all.find("\n\n");
  const holdfast::fuzz::ExactBytes text(all.substr(0, split));
  const std::string_view dsn_text =
      split == std::string_view::npos ? std::string_view() : all.substr(split + 2);

  ConnAttributes attrs;
  try {
    attrs = holdfast::parse_connection_string(text.view());
  } catch (const OdbcError& e) {
    HOLDFAST_FUZZ_CHECK(e.sqlstate() == "08001", e.sqlstate());
    return 0;
  }

  // The inverse: what can be written reads back unchanged.
  try {
    const std::string built = holdfast::build_connection_string(attrs);
    HOLDFAST_FUZZ_CHECK(must_parse(built, "built string does not parse") == attrs, built);
  } catch (const OdbcError& e) {
    HOLDFAST_FUZZ_CHECK(e.sqlstate() == "HY000", e.sqlstate());
  }

  // The DSN: KEY=value lines.
  std::map<std::string, std::string> dsn;
  for (std::size_t pos = 0; pos < dsn_text.size();) {
    std::size_t eol = dsn_text.find('\n', pos);
    if (eol == std::string_view::npos) eol = dsn_text.size();
    const std::string_view line = dsn_text.substr(pos, eol - pos);
    const std::size_t eq = line.find('=');
    // odbc.ini values come back as C strings (SQLGetPrivateProfileString): no NUL inside.
    std::string_view value = eq == std::string_view::npos ? std::string_view() : line.substr(eq + 1);
    value = value.substr(0, value.find('\0'));
    if (eq != std::string_view::npos) dsn[upper(line.substr(0, eq))] = std::string(value);
    pos = eol + 1;
  }
  const holdfast::DsnReader reader = [&dsn](const std::string&, const std::string& keyword)
      -> std::optional<std::string> {
    auto it = dsn.find(upper(keyword));
    if (it == dsn.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };

  holdfast::ConnectConfig config;
  try {
    config = holdfast::make_connect_config(attrs, reader);
  } catch (const OdbcError& e) {
    HOLDFAST_FUZZ_CHECK(e.sqlstate() == "08001", e.sqlstate());
    return 0;
  }
  HOLDFAST_FUZZ_CHECK(!config.servers.empty(), text.view());

  const std::string out = config.out_connection_string();
  const ConnAttributes out_attrs = must_parse(out, "out connection string does not parse");
  if (!has_password_key(attrs)) {
    HOLDFAST_FUZZ_CHECK(!has_password_key(out_attrs), out);
  }

  const std::string red = config.redacted();
  for (const auto& a : must_parse(red, "redacted string does not parse")) {
    if (is_password_key(a.key)) HOLDFAST_FUZZ_CHECK(a.value == "***", red);
  }
  return 0;
}
