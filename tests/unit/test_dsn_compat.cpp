// DSNs written for MySQL Connector/ODBC and MariaDB Connector/ODBC: their keywords are
// known, OPTION bits decode to Holdfast's settings, and named keywords beat bits.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>

#include "core/connect_config.h"
#include "core/keywords.h"

using holdfast::ConnectConfig;
using holdfast::KeywordId;

namespace {

using FakeIni = std::map<std::string, std::map<std::string, std::string>>;

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

ConnectConfig make(const std::string& text, FakeIni ini = {}) {
  auto reader = [ini = std::move(ini)](const std::string& dsn,
                                       const std::string& key) -> std::optional<std::string> {
    const auto section = ini.find(dsn);
    if (section == ini.end()) return std::nullopt;
    for (const auto& [k, v] : section->second) {
      if (upper(k) == upper(key)) return v;
    }
    return std::nullopt;
  };
  return holdfast::make_connect_config(holdfast::parse_connection_string(text), reader);
}

std::string notes(const ConnectConfig& c) {
  std::string all;
  for (const std::string& n : c.compat_notes) all += n + "\n";
  return all;
}

constexpr std::uint32_t kFoundRows = 2;
constexpr std::uint32_t kNoSchema = 64;
constexpr std::uint32_t kNoCatalog = 32768;
constexpr std::uint32_t kNoCache = 1048576;
constexpr std::uint32_t kAutoReconnect = 4194304;
constexpr std::uint32_t kMultiStatements = 67108864;

}  // namespace

TEST_CASE("every non-TLS keyword of both drivers' DSNs is known", "[unit][dsn_compat]") {
  // MySQL Connector/ODBC 8.x/9.x (util/installer.cc's parameter list, SSL ones excepted).
  const char* mysql[] = {
      "DSN", "DRIVER", "DESCRIPTION", "SERVER", "UID", "USER", "PWD", "PASSWORD", "PWD1", "PWD2",
      "PWD3", "DATABASE", "DB", "SOCKET", "INITSTMT", "PORT", "OPTION", "CHARSET", "READTIMEOUT",
      "WRITETIMEOUT", "FOUND_ROWS", "BIG_PACKETS", "NO_PROMPT", "DYNAMIC_CURSOR",
      "NO_DEFAULT_CURSOR", "NO_LOCALE", "PAD_SPACE", "FULL_COLUMN_NAMES", "COMPRESSED_PROTO",
      "IGNORE_SPACE", "NAMED_PIPE", "NO_BIGINT", "NO_CATALOG", "NO_SCHEMA", "USE_MYCNF", "SAFE",
      "NO_TRANSACTIONS", "LOG_QUERY", "NO_CACHE", "FORWARD_CURSOR", "AUTO_RECONNECT",
      "AUTO_IS_NULL", "ZERO_DATE_TO_MIN", "MIN_DATE_TO_ZERO", "MULTI_STATEMENTS",
      "COLUMN_SIZE_S32", "NO_BINARY_RESULT", "DFLT_BIGINT_BIND_STR", "INTERACTIVE", "PREFETCH",
      "NO_SSPS", "CAN_HANDLE_EXP_PWD", "ENABLE_CLEARTEXT_PLUGIN", "GET_SERVER_PUBLIC_KEY",
      "ENABLE_DNS_SRV", "MULTI_HOST", "SAVEFILE", "RSAKEY", "PLUGIN_DIR", "DEFAULT_AUTH",
      "NO_DATE_OVERFLOW", "ENABLE_LOCAL_INFILE", "LOAD_DATA_LOCAL_DIR", "OCI_CONFIG_FILE",
      "AUTHENTICATION-KERBEROS-MODE"};
  // MariaDB Connector/ODBC 3.1/3.2 (DsnKeys[] of driver/ma_dsn.c, SSL/TLS ones excepted).
  const char* mariadb[] = {
      "DSN", "DESCRIPTION", "DRIVER", "OPTIONS", "OPTION", "NamedPipe", "TCPIP", "SERVER", "UID",
      "PWD", "DATABASE", "PORT", "INITSTMT", "CONN_TIMEOUT", "AUTO_RECONNECT", "NO_PROMPT",
      "CHARSET", "TRACE", "PLUGIN_DIR", "SOCKET", "SAVEFILE", "USE_MYCNF", "SERVERKEY",
      "INTERACTIVE", "FORWARDONLY", "SCHEMANOERROR", "READ_TIMEOUT", "WRITE_TIMEOUT",
      "NOLOCALINFILE", "NULLISCURRENT", "STREAMRS", "ATTR", "EDSERVER", "PREPONCLIENT",
      "PSCACHESIZE", "MAXCACHEKEY", "PCALLBACK", "RCALLBACK", "NOBIGINT", "TRUNCDT",
      "SERVERNAME", "USER", "PASSWORD", "DB", "NO_CACHE", "MULTI_STATEMENTS", "NO_SSPS"};
  for (const char* name : mysql) {
    INFO("MySQL Connector/ODBC keyword " << name);
    CHECK(holdfast::find_keyword(name) != nullptr);
  }
  for (const char* name : mariadb) {
    INFO("MariaDB Connector/ODBC keyword " << name);
    CHECK(holdfast::find_keyword(name) != nullptr);
  }
}

TEST_CASE("OPTION decodes to named flags with Connector/ODBC's bit values", "[unit][dsn_compat]") {
  const ConnectConfig c = make("DRIVER=x;OPTION=71303170");  // 67108864 + 4194304 + 2
  CHECK(c.option(kFoundRows));
  CHECK(c.option(kMultiStatements));
  CHECK(c.option(kAutoReconnect));
  CHECK_FALSE(c.option(kNoCache));
  CHECK(c.reconnect);
  CHECK(c.unknown_keywords.empty());
  CHECK(notes(c).empty());
  CHECK(holdfast::describe_option_bits(kNoCache | 1 | 2147483648u) ==
        "bit 1, NO_CACHE (1048576), bit 2147483648");
  CHECK(holdfast::find_keyword("NAMEDPIPE")->option_bit == 8192);
  CHECK((holdfast::known_option_bits() & kAutoReconnect) != 0);
  CHECK((holdfast::honoured_option_bits() & kNoCache) == 0);
  CHECK((holdfast::honoured_option_bits() & kFoundRows) != 0);
}

TEST_CASE("the AUTO_RECONNECT keyword decides RECONNECT unless RECONNECT is given", "[unit][dsn_compat]") {
  SECTION("no OPTION and no flag: Holdfast's default") {
    CHECK(make("DRIVER=x").reconnect);
    CHECK(make("DRIVER=x;FOUND_ROWS=1").reconnect);  // another flag decides nothing about it
  }
  SECTION("OPTION without the bit keeps Holdfast's reconnection, and says so") {
    const ConnectConfig c = make("DRIVER=x;OPTION=3");
    CHECK(c.reconnect);
    CHECK_THAT(notes(c), Catch::Contains("AUTO_RECONNECT=0"));
    CHECK_THAT(notes(make("DRIVER=x;OPTIONS=2")), Catch::Contains("keeps its transparent reconnection"));
    CHECK_THAT(notes(make("DRIVER=x;OPTION=4194304")), !Catch::Contains("keeps its transparent"));
  }
  SECTION("the named flag") {
    CHECK_FALSE(make("DRIVER=x;AUTO_RECONNECT=0").reconnect);
    CHECK_FALSE(make("DRIVER=x;OPTION=4194304;AUTO_RECONNECT=0").reconnect);
    CHECK(make("DRIVER=x;OPTION=0;AUTO_RECONNECT=1").reconnect);
    CHECK_THAT(notes(make("DRIVER=x;OPTION=2;AUTO_RECONNECT=0")), !Catch::Contains("keeps its transparent"));
  }
  SECTION("RECONNECT beats the bits of its own source and of the DSN") {
    CHECK(make("DRIVER=x;OPTION=2;RECONNECT=1").reconnect);
    CHECK_FALSE(make("DRIVER=x;RECONNECT=0;AUTO_RECONNECT=1").reconnect);
    const FakeIni ini = {{"d", {{"OPTION", "2"}, {"RECONNECT", "1"}}}};
    CHECK(make("DSN=d", ini).reconnect);
  }
  SECTION("the connection string beats the DSN, keyword or bit") {
    const FakeIni ini = {{"d", {{"RECONNECT", "1"}}}};
    CHECK_FALSE(make("DSN=d;AUTO_RECONNECT=0", ini).reconnect);
    const FakeIni bits = {{"d", {{"OPTION", "2"}}}};
    CHECK(make("DSN=d;RECONNECT=1", bits).reconnect);
    CHECK(make("DSN=d;OPTION=4194304", bits).reconnect);
    CHECK(make("DSN=d", bits).reconnect);
    const FakeIni off = {{"d", {{"AUTO_RECONNECT", "0"}}}};
    CHECK_FALSE(make("DSN=d", off).reconnect);
    CHECK_FALSE(make("DSN=d;OPTION=2", off).reconnect);  // a clear bit decides nothing
    CHECK(make("DSN=d;OPTION=4194304", off).reconnect);  // a set bit does
    CHECK(make("DSN=d;AUTO_RECONNECT=1", off).reconnect);
  }
}

TEST_CASE("NO_CATALOG without NO_SCHEMA presents databases as schemas", "[unit][dsn_compat]") {
  CHECK_FALSE(make("DRIVER=x").database_as_schema);
  CHECK(make("DRIVER=x;OPTION=32768").database_as_schema);
  CHECK(make("DRIVER=x;NO_CATALOG=1").database_as_schema);
  CHECK_FALSE(make("DRIVER=x;OPTION=32832").database_as_schema);  // both bits
  CHECK_FALSE(make("DRIVER=x;NO_SCHEMA=1").database_as_schema);
  CHECK_FALSE(make("DRIVER=x;NO_CATALOG=1;DATABASE_AS_SCHEMA=0").database_as_schema);
  CHECK(make("DRIVER=x;OPTION=0;DATABASE_AS_SCHEMA=1").database_as_schema);
  const FakeIni ini = {{"d", {{"DATABASE_AS_SCHEMA", "1"}}}};
  CHECK(make("DSN=d", ini).database_as_schema);
  CHECK_FALSE(make("DSN=d;OPTION=0", ini).database_as_schema);
  CHECK(make("DSN=d;OPTION=0", {{"d", {{"NO_CATALOG", "1"}}}}).database_as_schema == false);
}

TEST_CASE("OPTION bits with no effect are named in a note, never fail", "[unit][dsn_compat]") {
  const ConnectConfig c = make("DRIVER=x;OPTION=1048577;SAFE=1");
  CHECK(c.options == 1048577u + 131072u);
  const std::string text = notes(c);
  CHECK_THAT(text, Catch::Contains("bit 1, SAFE (131072), NO_CACHE (1048576)"));
  // Bits Holdfast acts on or always honours are not noted.
  CHECK_THAT(notes(make("DRIVER=x;OPTION=4194322")), !Catch::Contains("no effect"));  // FOUND_ROWS, NO_PROMPT, AUTO_RECONNECT
}

TEST_CASE("other drivers' keywords are accepted with any value and named in a note",
          "[unit][dsn_compat]") {
  const ConnectConfig c = make(
      "DRIVER=x;NO_SSPS=1;PREFETCH=100;TCPIP=1;PREPONCLIENT=yes;PWD1=factor-secret;"
      "ENABLE_DNS_SRV=maybe;ATTR={a=1,b=2}");
  CHECK(c.unknown_keywords.empty());
  const std::string text = notes(c);
  CHECK_THAT(text, Catch::Contains("PREFETCH"));
  CHECK_THAT(text, Catch::Contains("NO_SSPS"));
  CHECK_THAT(text, Catch::Contains("PWD1"));
  CHECK_THAT(text, Catch::Contains("ATTR"));
  CHECK_THAT(text, !Catch::Contains("factor-secret"));
  CHECK_THAT(text, !Catch::Contains("maybe"));
  CHECK_THAT(c.out_connection_string(), !Catch::Contains("factor-secret"));
  CHECK(holdfast::find_keyword("PASSWORD2")->secret);
  // From a DSN too.
  const ConnectConfig d = make("DSN=d", {{"d", {{"EDSERVER", "1"}, {"TRUNCDT", "1"}}}});
  CHECK_THAT(notes(d), Catch::Contains("EDSERVER, TRUNCDT"));
}

TEST_CASE("keywords with a Holdfast meaning: INTERACTIVE, PLUGIN_DIR, DEFAULT_AUTH",
          "[unit][dsn_compat]") {
  const ConnectConfig c =
      make("DRIVER=x;INTERACTIVE=1;PLUGIN_DIR=/usr/lib/mysql/plugin;DEFAULT_AUTH=mysql_native_password");
  CHECK(c.interactive);
  CHECK(c.plugin_dir == "/usr/lib/mysql/plugin");
  CHECK(c.default_auth == "mysql_native_password");
  CHECK_FALSE(make("DRIVER=x").interactive);
  CHECK(holdfast::keyword(KeywordId::interactive).default_value == "0");
}

TEST_CASE("a MariaDB Connector/ODBC DSN and a MySQL Connector/ODBC DSN read alike",
          "[unit][dsn_compat]") {
  const FakeIni ini = {
      {"maria",
       {{"Driver", "MariaDB ODBC 3.1 Driver"}, {"SERVER", "db1"}, {"PORT", "3307"}, {"UID", "app"},
        {"PWD", "pw"}, {"DB", "shop"}, {"OPTIONS", "67108866"}, {"CONN_TIMEOUT", "7"},
        {"READ_TIMEOUT", "30"}, {"WRITE_TIMEOUT", "20"}, {"INITSTMT", "SET @x=1"},
        {"STREAMRS", "1"}, {"FORWARDONLY", "1"}, {"AUTO_RECONNECT", "1"}}},
      {"mysql",
       {{"Driver", "MySQL ODBC 8.0 Unicode Driver"}, {"SERVER", "db1"}, {"PORT", "3307"},
        {"USER", "app"}, {"PASSWORD", "pw"}, {"DATABASE", "shop"}, {"OPTION", "71303170"},
        {"READTIMEOUT", "30"}, {"WRITETIMEOUT", "20"}, {"INITSTMT", "SET @x=1"},
        {"NO_CACHE", "1"}, {"FORWARD_CURSOR", "1"}}},
  };
  const ConnectConfig m = make("DSN=maria", ini);
  const ConnectConfig y = make("DSN=mysql", ini);
  for (const ConnectConfig* c : {&m, &y}) {
    CHECK(c->servers == std::vector<holdfast::HostPort>{{"db1", 3307}});
    CHECK(c->uid == "app");
    CHECK(c->pwd == "pw");
    CHECK(c->database == "shop");
    CHECK(c->read_timeout == 30);
    CHECK(c->write_timeout == 20);
    CHECK(c->initstmt == "SET @x=1");
    CHECK(c->option(kFoundRows));
    CHECK(c->option(kMultiStatements));
    CHECK(c->option(kNoCache));
    CHECK(c->reconnect);
    CHECK(c->unknown_keywords.empty());
  }
  CHECK(m.connect_timeout == 7);
  CHECK(m.options == y.options);
}
