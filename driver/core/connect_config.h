// What a connection needs to know, merged from the connection string, the DSN and the
// keyword table's defaults, in that order of precedence, and typed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/conn_string.h"
#include "core/keywords.h"
#include "core/tls_options.h"

namespace holdfast {

// Reads one keyword of a DSN from odbc.ini; nullopt when absent. The driver passes one
// that calls SQLGetPrivateProfileString; tests pass a map. An empty string counts as
// absent (odbc.ini templates often carry "PORT =" with nothing after it).
using DsnReader =
    std::function<std::optional<std::string>(const std::string& dsn, const std::string& keyword)>;

struct HostPort {
  std::string host;
  int port = 3306;

  bool operator==(const HostPort&) const = default;
};

struct ConnectConfig {
  // Exactly one of dsn / driver is set, whichever came first in the connection string
  // (ODBC: "If the DSN and DRIVER keywords are included in the same connection string,
  // the Driver Manager and the driver use whichever keyword appears first."). With
  // neither, the DSN named "DEFAULT" is read, as the spec's driver guidelines say.
  std::string dsn;
  std::string driver;

  std::vector<HostPort> servers;  // SERVER, failover order; never empty
  int port = 3306;                // PORT: for hosts in SERVER that give none
  std::string database;
  std::string uid;
  SecretString pwd;
  std::string socket;
  std::string charset;
  std::string initstmt;
  std::uint32_t options = 0;  // OPTION, with the named flag keywords applied
  int ping_idle = 60;         // seconds; 0 = always ping, -1 = never
  bool reconnect = true;
  int reconnect_tries = 3;
  bool retry_reads = false;
  bool server_prepare = true;       // SERVER_PREPARE: SQLPrepare prepares on the server
  bool database_as_schema = false;  // DATABASE_AS_SCHEMA: databases are schemas, not catalogs
  bool buffer_results = false;      // BUFFER_RESULTS: store every result set instead of streaming
  bool direct_binary = true;        // DIRECT_BINARY: direct SELECTs on the binary protocol
  int connect_timeout = 10;  // seconds, >= 1
  int read_timeout = 3600;   // seconds, 0 = none
  int write_timeout = 60;    // seconds, 0 = none
  std::string log_file;      // LOG_FILE ("" = none, unless HOLDFAST_LOG is set)
  int log_level = 3;         // LOG_LEVEL: 0 off .. 4 debug
  TlsOptions tls;            // SSLMODE, SSLCA, ... (mode settled by resolve_tls_mode)
  bool interactive = false;  // INTERACTIVE
  std::string plugin_dir;    // PLUGIN_DIR
  std::string default_auth;  // DEFAULT_AUTH

  // What another driver's DSN asked for that Holdfast reads differently or not at all,
  // one line each, for the log (never a value): keywords accepted with no effect, OPTION
  // bits with no effect, RECONNECT or DATABASE_AS_SCHEMA decided by OPTION bits.
  std::vector<std::string> compat_notes;

  // Keywords of the connection string the table does not know, as written, each once:
  // the caller reports 01S00 for each (see unknown_keyword_message()).
  std::vector<std::string> unknown_keywords;

  // Every keyword that was given in the connection string or read from the DSN, in
  // table order, with its effective value as text (integers and booleans normalized);
  // the OPTION flag keywords appear folded into one OPTION entry. Drives the completed
  // connection string.
  enum class Origin : std::uint8_t { dsn, connection_string };
  struct Setting {
    const KeywordDef* def;
    Origin origin;
    SecretString value;  // may be a password
  };
  std::vector<Setting> settings;

  bool option(std::uint32_t bit) const noexcept { return (options & bit) != 0; }

  // The completed connection string for SQLDriverConnect's OutConnectionString, usable
  // to connect again ("The application can use this string for subsequent connection
  // requests", SQLDriverConnect Function): DSN=... or DRIVER={...} first, then every
  // keyword that was given in the connection string or read from the DSN, with its
  // effective value, under its canonical name; the OPTION flags folded into one OPTION.
  // PWD is included when the application passed it in the connection string: it already
  // holds it, and without it the string could not connect again. A PWD read from the
  // DSN is left out: DSN=... reads it again, and the application is not handed a
  // secret it never had.
  std::string out_connection_string() const;

  // The same attributes for logs, with PWD=*** whenever a password is set (from either
  // source).
  std::string redacted() const;
};

// Merges `attributes` (a parsed connection string) over the DSN it names (read through
// `reader`, which may be empty) over the defaults. Within each source a named keyword
// beats OPTION's bits; the connection string beats the DSN. Where Holdfast has its own
// keyword for what an OPTION flag means, the flag decides it only when that keyword is
// given in neither source at a higher or equal rank: RECONNECT follows AUTO_RECONNECT,
// DATABASE_AS_SCHEMA follows NO_CATALOG=1 with NO_SCHEMA=0, whenever OPTION or those
// flags are given. Throws OdbcError 08001 for an invalid
// value, naming the keyword, the value (never a secret's) and where it came from.
ConnectConfig make_connect_config(const ConnAttributes& attributes, const DsnReader& reader);

// Parses SERVER ("host[:port],...", "[ipv6]:port", a bare IPv6 address keeps
// `default_port`). Throws OdbcError 08001 for an empty entry or a bad port.
std::vector<HostPort> parse_server_list(std::string_view text, int default_port);

}  // namespace holdfast
