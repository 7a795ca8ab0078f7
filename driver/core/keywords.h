// The one table of connection keywords: every keyword a connection string or a DSN may
// carry is declared once, in keywords.cpp, with its aliases, type, default, OPTION bit,
// secrecy and help text. Parsing (connect_config), odbc.ini reading, the completed
// connection string and documentation are all driven by that table.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace holdfast {

// What a keyword is, independent of its spelling. Every MySQL Connector/ODBC OPTION-bit
// keyword (FOUND_ROWS, MULTI_STATEMENTS, ...) shares `option_flag` and is told apart by
// its bit.
enum class KeywordId {
  dsn,
  driver,
  description,
  server,
  port,
  database,
  uid,
  pwd,
  socket,
  charset,
  initstmt,
  option,
  option_flag,
  ping_idle,
  reconnect,
  reconnect_tries,
  retry_reads,
  server_prepare,
  database_as_schema,
  buffer_results,
  direct_binary,
  connect_timeout,
  read_timeout,
  write_timeout,
  log_file,
  log_level,
  // TLS (core/tls_options.h)
  tls_mode,
  tls_ca,
  tls_capath,
  tls_cert,
  tls_key,
  tls_key_password,
  tls_cipher,
  tls_crl,
  tls_crlpath,
  tls_versions,
  tls_force,
  tls_verify,
  ignored,  // accepted and ignored (FILEDSN, SAVEFILE: driver-manager keywords)
  // Compatibility with MySQL Connector/ODBC and MariaDB Connector/ODBC DSNs.
  interactive,   // INTERACTIVE: the server applies interactive_timeout
  plugin_dir,    // PLUGIN_DIR: where the client library looks for auth plugins
  default_auth,  // DEFAULT_AUTH: the first authentication plugin tried
  legacy,        // another driver's keyword with no meaning here: accepted, a note logged
};

enum class KeywordType {
  string,
  integer,
  boolean,  // 1/0, yes/no, true/false, on/off (any case)
  bitmask,  // unsigned 32-bit decimal: OPTION
};

struct KeywordDef {
  KeywordId id;
  std::string_view name;                    // canonical spelling, upper case
  std::array<std::string_view, 3> aliases;  // unused slots are empty
  KeywordType type;
  std::string_view default_value;  // textual default; empty = none
  std::int64_t min = 0;            // integer keywords: accepted range
  std::int64_t max = 0;
  std::uint32_t option_bit = 0;  // boolean keywords that stand for an OPTION bit
  bool secret = false;           // never printed in messages or logs
  std::string_view help;         // one line
  // An OPTION flag that Holdfast accepts but does not act on: a note is logged when it
  // is set (KeywordId::legacy keywords always have no effect).
  bool no_effect = false;
};

// The whole table, in the order used for the completed connection string.
std::span<const KeywordDef> keyword_table();

// The definition for a name or alias (ASCII case-insensitive, surrounding blanks
// ignored), or nullptr for an unknown keyword.
const KeywordDef* find_keyword(std::string_view name);

// The OPTION bits the flag keywords of the table stand for, and of those the bits that
// change what Holdfast does or that describe what it always does (FOUND_ROWS,
// MULTI_STATEMENTS, AUTO_RECONNECT, NO_PROMPT, ...).
std::uint32_t known_option_bits() noexcept;
std::uint32_t honoured_option_bits() noexcept;

// "NO_CACHE (1048576), SAFE (131072), bit 1" for the set bits of `bits`, in bit order:
// flag names where the table has one, "bit N" (N its value) otherwise.
std::string describe_option_bits(std::uint32_t bits);

// The definition for an id that has exactly one entry (not option_flag / ignored / legacy).
const KeywordDef& keyword(KeywordId id);

// True when `a` and `b` are the same keyword spelling, ignoring ASCII case.
bool keyword_name_equals(std::string_view a, std::string_view b) noexcept;

// The closest known keyword name or alias to `unknown` when its edit distance
// (case-insensitive, adjacent transpositions count 1) is at most 2 and smaller than the
// length of `unknown`; ties go to the earlier table entry. For the 01S00 hint.
std::optional<std::string_view> suggest_keyword(std::string_view unknown);

// The text of the 01S00 warning for an unknown keyword, with a "did you mean" hint when
// suggest_keyword() finds one. The keyword itself is printed, never its value.
std::string unknown_keyword_message(std::string_view unknown);

// Value syntax shared by the connection string and odbc.ini. Surrounding blanks are
// ignored; anything else malformed gives nullopt.
// Integers: optional sign, decimal digits only, must fit in int64.
std::optional<std::int64_t> parse_keyword_integer(std::string_view text);
// Booleans: 1/0, yes/no, true/false, on/off, y/n (ASCII case-insensitive).
std::optional<bool> parse_keyword_boolean(std::string_view text);

}  // namespace holdfast
