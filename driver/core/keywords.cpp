#include "core/keywords.h"

#include "core/conn_string.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace holdfast {

namespace {

// Timeouts are seconds; libmariadb and poll(2) work in milliseconds held in an int, so
// seconds * 1000 must fit in 32 bits.
constexpr std::int64_t kMaxSeconds = 2147483;

// OPTION bits of MySQL Connector/ODBC, checked against its driver/driver.h (FLAG_*
// defines) and the "Connector/ODBC Connection Parameters" page of its manual (table
// "Connector/ODBC Option Parameters"). MariaDB Connector/ODBC uses the same values.
constexpr std::uint32_t kFoundRows = 2;
constexpr std::uint32_t kBigPackets = 8;
constexpr std::uint32_t kNoPrompt = 16;
constexpr std::uint32_t kDynamicCursor = 32;
constexpr std::uint32_t kNoSchema = 64;
constexpr std::uint32_t kNoDefaultCursor = 128;
constexpr std::uint32_t kNoLocale = 256;
constexpr std::uint32_t kPadSpace = 512;
constexpr std::uint32_t kFullColumnNames = 1024;
constexpr std::uint32_t kCompressedProto = 2048;
constexpr std::uint32_t kIgnoreSpace = 4096;
constexpr std::uint32_t kNamedPipe = 8192;
constexpr std::uint32_t kNoBigint = 16384;
constexpr std::uint32_t kNoCatalog = 32768;
constexpr std::uint32_t kUseMycnf = 65536;
constexpr std::uint32_t kSafe = 131072;
constexpr std::uint32_t kNoTransactions = 262144;
constexpr std::uint32_t kLogQuery = 524288;
constexpr std::uint32_t kNoCache = 1048576;
constexpr std::uint32_t kForwardCursor = 2097152;
constexpr std::uint32_t kAutoReconnect = 4194304;
constexpr std::uint32_t kAutoIsNull = 8388608;
constexpr std::uint32_t kZeroDateToMin = 16777216;
constexpr std::uint32_t kMinDateToZero = 33554432;
constexpr std::uint32_t kMultiStatements = 67108864;
constexpr std::uint32_t kColumnSizeS32 = 134217728;
constexpr std::uint32_t kNoBinaryResult = 268435456;
constexpr std::uint32_t kDefaultBigintBindStr = 536870912;

using A = std::array<std::string_view, 3>;
using T = KeywordType;
using K = KeywordId;

// A boolean keyword that stands for one OPTION bit, acted on (or always true of Holdfast).
constexpr KeywordDef flag(std::string_view name, std::uint32_t bit, std::string_view help,
                          A aliases = {}) {
  return KeywordDef{K::option_flag, name, aliases, T::boolean, "0", 0, 1, bit, false, help, false};
}

// An OPTION flag Holdfast accepts and does not act on: setting it logs a note.
constexpr KeywordDef inert_flag(std::string_view name, std::uint32_t bit, std::string_view help,
                                A aliases = {}) {
  return KeywordDef{K::option_flag, name, aliases, T::boolean, "0", 0, 1, bit, false, help, true};
}

// Another driver's keyword with no meaning for Holdfast: any value is accepted (a DSN
// written for that driver must connect), and a note naming it is logged.
constexpr KeywordDef legacy(std::string_view name, std::string_view help, A aliases = {},
                            bool secret = false) {
  return KeywordDef{K::legacy, name, aliases, T::string, "", 0, 0, 0, secret, help, true};
}

// Defaults, with the reasons:
// - PORT 3306: the MySQL/MariaDB port.
// - CHARSET utf8mb4: the driver is UTF-8 inside; utf8mb4 is the full UTF-8 of the server.
// - PING_IDLE 60 s: the idle ping exists for flows dropped silently by NAT, firewalls
//   and load balancers (the socket check catches FIN/RST without it). Common idle cut-offs
//   are minutes (Azure LB 4 min, AWS NLB 350 s, many NAT boxes 5 min), far below the
//   server's wait_timeout, so the ping must come well before them; one round trip after
//   a minute of silence costs nothing measurable, and a busy connection never pays it.
//   Connector/ODBC's hard-coded 1800 s is too late for any of these.
// - CONNECT_TIMEOUT 10 s (1 s minimum, 0 is refused): a connect must be bounded
//   (RESILIENCE.md section 6); 10 s covers a slow TLS handshake across continents and still
//   fails over to the next SERVER host quickly. SQL_ATTR_LOGIN_TIMEOUT, when set, is the
//   application's word and should win.
// - READ_TIMEOUT 3600 s: a socket read timeout also fires while the server is still
//   working on a long statement that sends nothing, and then the statement's outcome is
//   unknown (08S01 + 40003). So the default is a backstop against a black-holed peer, not a
//   statement limit: an hour lets reports and ALTER TABLEs finish, yet no call hangs
//   forever. SQL_ATTR_QUERY_TIMEOUT is the tool for shorter statement limits. 0 = no read
//   timeout (an explicit choice; TCP keepalive still applies).
// - WRITE_TIMEOUT 60 s: a write blocks only while the server is not draining the socket
//   (a live server reads a whole packet before working on it), so a minute of that means
//   the peer is gone. 0 = no write timeout.
// - RECONNECT_TRIES 3: attempts per loss, each across every SERVER host.
constexpr KeywordDef kTable[] = {
    {K::dsn, "DSN", {}, T::string, "", 0, 0, 0, false,
     "Data source name in odbc.ini; the connection string overrides its settings"},
    {K::driver, "DRIVER", {}, T::string, "", 0, 0, 0, false,
     "Driver name or library path for a DSN-less connection"},
    {K::description, "DESCRIPTION", {}, T::string, "", 0, 0, 0, false,
     "Free text describing the data source (ignored)"},
    {K::server, "SERVER", A{"HOST", "SERVERNAME"}, T::string, "localhost", 0, 0, 0, false,
     "Server host, or a comma-separated failover list host[:port],... ([ipv6]:port)"},
    {K::port, "PORT", {}, T::integer, "3306", 1, 65535, 0, false,
     "TCP port for hosts in SERVER that give none"},
    {K::database, "DATABASE", A{"DB"}, T::string, "", 0, 0, 0, false,
     "Default database (catalog) after connecting"},
    {K::uid, "UID", A{"USER"}, T::string, "", 0, 0, 0, false, "User name"},
    {K::pwd, "PWD", A{"PASSWORD"}, T::string, "", 0, 0, 0, true, "Password"},
    {K::socket, "SOCKET", {}, T::string, "", 0, 0, 0, false,
     "Unix socket path, used when the host is localhost"},
    {K::charset, "CHARSET", {}, T::string, "utf8mb4", 0, 0, 0, false,
     "Connection character set"},
    {K::initstmt, "INITSTMT", A{"STMT"}, T::string, "", 0, 0, 0, false,
     "Statement run after every connect and reconnect"},
    {K::option, "OPTION", A{"OPTIONS"}, T::bitmask, "0", 0, 4294967295LL, 0, false,
     "MySQL Connector/ODBC option bitmask; the named flag keywords override its bits"},
    {K::ping_idle, "PING_IDLE", {}, T::integer, "60", -1, kMaxSeconds, 0, false,
     "Ping before use after this many idle seconds (0 = always, -1 = never)"},
    {K::reconnect, "RECONNECT", {}, T::boolean, "1", 0, 1, 0, false,
     "Reconnect transparently when nothing can be lost (0 = report every loss)"},
    {K::reconnect_tries, "RECONNECT_TRIES", {}, T::integer, "3", 0, 100, 0, false,
     "Reconnect attempts, with backoff, across all SERVER hosts"},
    {K::retry_reads, "RETRY_READS", {}, T::boolean, "0", 0, 1, 0, false,
     "Rerun a read-only statement outside a transaction when its outcome was lost"},
    {K::server_prepare, "SERVER_PREPARE", {}, T::boolean, "1", 0, 1, 0, false,
     "SQLPrepare prepares on the server (binary protocol); 0 = interpolate parameters client-side"},
    {K::database_as_schema, "DATABASE_AS_SCHEMA", {}, T::boolean, "0", 0, 1, 0, false,
     "Catalog functions and SQLGetInfo report databases as schemas instead of catalogs"},
    {K::buffer_results, "BUFFER_RESULTS", {}, T::boolean, "0", 0, 1, 0, false,
     "Read every result set into memory at execute (row count known up front) instead of streaming "
     "forward-only results"},
    {K::direct_binary, "DIRECT_BINARY", {}, T::boolean, "1", 0, 1, 0, false,
     "SQLExecDirect of a plain SELECT from a table runs on the binary protocol (MariaDB), rows streamed; "
     "0 = text protocol"},
    {K::connect_timeout, "CONNECT_TIMEOUT", A{"CONN_TIMEOUT"}, T::integer, "10", 1,
     kMaxSeconds, 0, false, "Seconds to wait for a connection to each host"},
    {K::read_timeout, "READ_TIMEOUT", A{"READTIMEOUT"}, T::integer, "3600", 0, kMaxSeconds, 0,
     false, "Seconds to wait for the server to send anything (0 = no limit)"},
    {K::write_timeout, "WRITE_TIMEOUT", A{"WRITETIMEOUT"}, T::integer, "60", 0, kMaxSeconds, 0,
     false, "Seconds to wait for the server to accept data (0 = no limit)"},
    {K::log_file, "LOG_FILE", {}, T::string, "", 0, 0, 0, false,
     "Driver log file (the environment variable HOLDFAST_LOG takes precedence)"},
    {K::log_level, "LOG_LEVEL", {}, T::integer, "3", 0, 4, 0, false,
     "Driver log level: 0 off, 1 errors, 2 warnings, 3 info (connects, losses, reconnects), 4 debug"},
    // TLS (core/tls_options.h, README "TLS"). SSLMODE's default is preferred, the usual
    // one: TLS whenever the server offers it, clear text otherwise. Spellings of MySQL
    // Connector/ODBC (SSL_MODE, SSL_CRL, TLS_VERSIONS, ...) and MariaDB Connector/ODBC
    // (SSLVERIFY, FORCETLS, TLSVERSION, TLSKEYPWD) are aliases or keywords of their own.
    {K::tls_mode, "SSLMODE", A{"SSL_MODE", "SSL-MODE"}, T::string, "preferred", 0, 0, 0, false,
     "TLS: disabled, preferred, required, verify-ca or verify-full (MySQL's VERIFY_IDENTITY too)"},
    {K::tls_ca, "SSLCA", A{"SSL_CA", "SSL-CA"}, T::string, "", 0, 0, 0, false,
     "File of trusted CA certificates (PEM) the server's certificate must lead to"},
    {K::tls_capath, "SSLCAPATH", A{"SSL_CAPATH", "SSL-CAPATH"}, T::string, "", 0, 0, 0, false,
     "Directory of trusted CA certificates (hashed names, as c_rehash makes)"},
    {K::tls_cert, "SSLCERT", A{"SSL_CERT", "SSL-CERT"}, T::string, "", 0, 0, 0, false,
     "Client certificate (PEM), for accounts created with REQUIRE X509"},
    {K::tls_key, "SSLKEY", A{"SSL_KEY", "SSL-KEY"}, T::string, "", 0, 0, 0, false,
     "Private key of the client certificate (PEM)"},
    {K::tls_key_password, "TLSKEYPWD", A{"SSL_KEY_PASSWORD"}, T::string, "", 0, 0, 0, true,
     "Passphrase of an encrypted SSLKEY"},
    {K::tls_cipher, "SSLCIPHER", A{"SSL_CIPHER", "SSL-CIPHER"}, T::string, "", 0, 0, 0, false,
     "Allowed TLS 1.2 ciphers (OpenSSL cipher list)"},
    {K::tls_crl, "SSLCRL", A{"SSL_CRL", "SSL-CRL"}, T::string, "", 0, 0, 0, false,
     "Certificate revocation list file (PEM)"},
    {K::tls_crlpath, "SSLCRLPATH", A{"SSL_CRLPATH", "SSL-CRLPATH"}, T::string, "", 0, 0, 0, false,
     "Directory of certificate revocation lists"},
    {K::tls_versions, "TLSVERSION", A{"TLS_VERSION", "TLS_VERSIONS", "TLS-VERSIONS"}, T::string, "", 0, 0, 0,
     false, "Allowed TLS versions, e.g. TLSv1.2,TLSv1.3 (or MariaDB Connector/ODBC's bitmask 1/2/4)"},
    {K::tls_force, "FORCETLS", A{"SSL_ENFORCE"}, T::boolean, "0", 0, 1, 0, false,
     "1: TLS is required (SSLMODE=required) unless SSLMODE says otherwise"},
    {K::tls_verify, "SSLVERIFY", A{"SSL_VERIFY"}, T::boolean, "0", 0, 1, 0, false,
     "1: verify the server's certificate and host name (SSLMODE=verify-full) unless SSLMODE says otherwise"},
    {K::ignored, "FILEDSN", {}, T::string, "", 0, 0, 0, false,
     "Driver-manager keyword (ignored by the driver)"},
    {K::ignored, "SAVEFILE", {}, T::string, "", 0, 0, 0, false,
     "Driver-manager keyword (ignored by the driver)"},
    // Connector/ODBC's OPTION flags as keywords. Acted on: FOUND_ROWS, MULTI_STATEMENTS,
    // AUTO_RECONNECT (decides RECONNECT unless RECONNECT is given), NO_CATALOG/NO_SCHEMA
    // (decide DATABASE_AS_SCHEMA unless it is given), COMPRESSED_PROTO, IGNORE_SPACE,
    // AUTO_IS_NULL. Always true of Holdfast: BIG_PACKETS, NO_PROMPT, NO_LOCALE.
    flag("FOUND_ROWS", kFoundRows, "Report matched rows, not changed rows, as affected"),
    flag("BIG_PACKETS", kBigPackets, "Allow large result sets and parameters (always so here)"),
    flag("NO_PROMPT", kNoPrompt, "Never prompt while connecting (Holdfast never prompts)"),
    inert_flag("DYNAMIC_CURSOR", kDynamicCursor, "Enable dynamic cursors (no effect)"),
    flag("NO_SCHEMA", kNoSchema,
         "With NO_CATALOG=0: databases stay catalogs; NO_CATALOG=1 and NO_SCHEMA=0 make them schemas"),
    inert_flag("NO_DEFAULT_CURSOR", kNoDefaultCursor, "Disable the driver's default cursor (no effect)"),
    flag("NO_LOCALE", kNoLocale, "Do not use the locale for number formats (Holdfast never does)"),
    inert_flag("PAD_SPACE", kPadSpace, "Pad CHAR columns to their full length (no effect)"),
    inert_flag("FULL_COLUMN_NAMES", kFullColumnNames, "Qualify column names with table names (no effect)"),
    flag("COMPRESSED_PROTO", kCompressedProto, "Use the compressed client/server protocol"),
    flag("IGNORE_SPACE", kIgnoreSpace, "Allow spaces after function names (IGNORE_SPACE sql_mode)"),
    inert_flag("NAMED_PIPE", kNamedPipe, "Use a named pipe (Windows only; no effect here)", A{"NAMEDPIPE"}),
    inert_flag("NO_BIGINT", kNoBigint, "Report BIGINT columns as INTEGER (no effect)", A{"NOBIGINT"}),
    flag("NO_CATALOG", kNoCatalog, "Report no catalogs; with NO_SCHEMA=0 databases become schemas"),
    inert_flag("USE_MYCNF", kUseMycnf, "Read the [odbc] group of my.cnf (no effect)"),
    inert_flag("SAFE", kSafe, "Extra checks for buggy applications (no effect)"),
    inert_flag("NO_TRANSACTIONS", kNoTransactions, "Report transactions as unsupported (no effect)"),
    inert_flag("LOG_QUERY", kLogQuery, "Log statements (no effect; see LOG_LEVEL)"),
    inert_flag("NO_CACHE", kNoCache, "Stream result sets instead of buffering them (no effect)",
               A{"STREAMRS"}),
    inert_flag("FORWARD_CURSOR", kForwardCursor, "Force forward-only cursors (no effect)",
               A{"FORWARDONLY"}),
    flag("AUTO_RECONNECT", kAutoReconnect,
         "Connector/ODBC's auto-reconnect: decides RECONNECT when RECONNECT is not given"),
    flag("AUTO_IS_NULL", kAutoIsNull, "Enable sql_auto_is_null on the server"),
    inert_flag("ZERO_DATE_TO_MIN", kZeroDateToMin, "Return zero dates as the minimum ODBC date (no effect)"),
    inert_flag("MIN_DATE_TO_ZERO", kMinDateToZero, "Send the minimum ODBC date as a zero date (no effect)"),
    flag("MULTI_STATEMENTS", kMultiStatements, "Allow several statements in one call"),
    inert_flag("COLUMN_SIZE_S32", kColumnSizeS32, "Limit column sizes to a signed 32-bit value (no effect)"),
    inert_flag("NO_BINARY_RESULT", kNoBinaryResult, "Do not report computed columns as binary (no effect)"),
    inert_flag("DFLT_BIGINT_BIND_STR", kDefaultBigintBindStr,
               "Bind BIGINT as a string for SQL_C_DEFAULT (no effect)"),
    // Other keywords of MySQL Connector/ODBC (8.x/9.x) and MariaDB Connector/ODBC (3.1/3.2)
    // DSNs. Their SSL and TLS keywords are declared with Holdfast's TLS keywords.
    {K::interactive, "INTERACTIVE", {}, T::boolean, "0", 0, 1, 0, false,
     "Connect as an interactive client: the server applies interactive_timeout, not wait_timeout"},
    {K::plugin_dir, "PLUGIN_DIR", {}, T::string, "", 0, 0, 0, false,
     "Directory of the client library's authentication plugins"},
    {K::default_auth, "DEFAULT_AUTH", {}, T::string, "", 0, 0, 0, false,
     "Authentication plugin tried first (e.g. caching_sha2_password)"},
    legacy("PREFETCH", "Rows fetched per round trip with server cursors (no effect: results are read whole)"),
    legacy("NO_SSPS", "Disable server-side prepared statements (no effect: Holdfast prepares on the client)"),
    legacy("CAN_HANDLE_EXP_PWD", "Accept an expired password (no effect)"),
    legacy("ENABLE_CLEARTEXT_PLUGIN",
           "Allow the cleartext authentication plugin (no effect: the client library always offers it)"),
    legacy("GET_SERVER_PUBLIC_KEY", "Ask the server for its RSA public key (no effect)"),
    legacy("RSAKEY", "Server RSA public key file for password exchange (no effect)", A{"SERVERKEY"}),
    legacy("ENABLE_DNS_SRV", "Resolve SERVER through DNS SRV records (no effect; SERVER takes a host list)"),
    legacy("MULTI_HOST", "Allow several hosts in SERVER (no effect: SERVER always takes a failover list)"),
    legacy("NO_DATE_OVERFLOW", "Ignore date overflow errors (no effect)"),
    legacy("ENABLE_LOCAL_INFILE", "Allow LOAD DATA LOCAL INFILE (no effect: it stays disabled)"),
    legacy("LOAD_DATA_LOCAL_DIR", "Directory for LOAD DATA LOCAL INFILE (no effect)"),
    legacy("OCI_CONFIG_FILE", "Oracle Cloud authentication configuration (no effect)"),
    legacy("AUTHENTICATION-KERBEROS-MODE", "Kerberos authentication mode (no effect)"),
    legacy("PWD1", "First factor password for multi-factor authentication (no effect)", A{"PASSWORD1"}, true),
    legacy("PWD2", "Second factor password for multi-factor authentication (no effect)", A{"PASSWORD2"}, true),
    legacy("PWD3", "Third factor password for multi-factor authentication (no effect)", A{"PASSWORD3"}, true),
    legacy("TCPIP", "Connect over TCP/IP rather than a named pipe (no effect)"),
    legacy("TRACE", "Driver trace (no effect; see LOG_FILE and LOG_LEVEL)"),
    legacy("SCHEMANOERROR", "Ignore schema arguments instead of failing (no effect)"),
    legacy("NOLOCALINFILE", "Disable LOAD DATA LOCAL INFILE (no effect: it is always disabled)"),
    legacy("NULLISCURRENT", "A null catalog argument means the current database (no effect)"),
    legacy("ATTR", "Connection attributes sent to the server (no effect)"),
    legacy("EDSERVER", "Prepare SQLExecDirect statements on the server (no effect)"),
    legacy("PREPONCLIENT", "Prepare statements on the client (no effect: Holdfast always does)"),
    legacy("PSCACHESIZE", "Prepared statement cache size (no effect)"),
    legacy("MAXCACHEKEY", "Longest statement kept in the prepared statement cache (no effect)"),
    legacy("PCALLBACK", "Parameter callbacks of the client library (no effect)"),
    legacy("RCALLBACK", "Result callbacks of the client library (no effect)"),
    legacy("TRUNCDT", "Allow date and time truncation (no effect)"),
};

constexpr char ascii_upper(char c) noexcept {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// Optimal-string-alignment distance, ASCII case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = ascii_upper(a[i - 1]) == ascii_upper(b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && ascii_upper(a[i - 1]) == ascii_upper(b[j - 2]) &&
          ascii_upper(a[i - 2]) == ascii_upper(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

}  // namespace

std::span<const KeywordDef> keyword_table() { return kTable; }

bool keyword_name_equals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_upper(a[i]) != ascii_upper(b[i])) return false;
  }
  return true;
}

const KeywordDef* find_keyword(std::string_view name) {
  name = trim_conn_blanks(name);
  for (const KeywordDef& def : kTable) {
    if (keyword_name_equals(def.name, name)) return &def;
    for (std::string_view alias : def.aliases) {
      if (!alias.empty() && keyword_name_equals(alias, name)) return &def;
    }
  }
  return nullptr;
}

std::uint32_t known_option_bits() noexcept {
  std::uint32_t bits = 0;
  for (const KeywordDef& def : kTable) bits |= def.option_bit;
  return bits;
}

std::uint32_t honoured_option_bits() noexcept {
  std::uint32_t bits = 0;
  for (const KeywordDef& def : kTable) {
    if (!def.no_effect) bits |= def.option_bit;
  }
  return bits;
}

std::string describe_option_bits(std::uint32_t bits) {
  std::string out;
  for (std::uint32_t bit = 1; bit != 0; bit <<= 1) {
    if ((bits & bit) == 0) continue;
    if (!out.empty()) out += ", ";
    const KeywordDef* named = nullptr;
    for (const KeywordDef& def : kTable) {
      if (def.option_bit == bit) named = &def;
    }
    if (named != nullptr) {
      out += named->name;
      out += " (" + std::to_string(bit) + ")";
    } else {
      out += "bit " + std::to_string(bit);
    }
  }
  return out;
}

const KeywordDef& keyword(KeywordId id) {
  if (id == KeywordId::option_flag || id == KeywordId::ignored || id == KeywordId::legacy) {
    throw std::logic_error("keyword(): id has several table entries");
  }
  for (const KeywordDef& def : kTable) {
    if (def.id == id) return def;
  }
  throw std::logic_error("keyword(): id missing from the keyword table");
}

std::optional<std::string_view> suggest_keyword(std::string_view unknown) {
  unknown = trim_conn_blanks(unknown);
  std::optional<std::string_view> best;
  std::size_t best_distance = 3;
  auto consider = [&](std::string_view candidate) {
    if (candidate.empty()) return;
    const std::size_t longer = std::max(candidate.size(), unknown.size());
    const std::size_t shorter = std::min(candidate.size(), unknown.size());
    if (longer - shorter >= best_distance) return;  // cannot beat the best so far
    const std::size_t d = edit_distance(unknown, candidate);
    if (d < best_distance && d < unknown.size()) {
      best_distance = d;
      best = candidate;
    }
  };
  for (const KeywordDef& def : kTable) {
    consider(def.name);
    for (std::string_view alias : def.aliases) consider(alias);
  }
  return best;
}

std::string unknown_keyword_message(std::string_view unknown) {
  std::string message = "Unknown connection keyword '";
  message += trim_conn_blanks(unknown);
  message += "' ignored";
  if (auto hint = suggest_keyword(unknown)) {
    message += "; did you mean ";
    message += *hint;
    message += '?';
  }
  return message;
}

std::optional<std::int64_t> parse_keyword_integer(std::string_view text) {
  text = trim_conn_blanks(text);
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value, 10);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<bool> parse_keyword_boolean(std::string_view text) {
  text = trim_conn_blanks(text);
  for (std::string_view yes : {"1", "yes", "y", "true", "on"}) {
    if (keyword_name_equals(text, yes)) return true;
  }
  for (std::string_view no : {"0", "no", "n", "false", "off"}) {
    if (keyword_name_equals(text, no)) return false;
  }
  return std::nullopt;
}

}  // namespace holdfast
