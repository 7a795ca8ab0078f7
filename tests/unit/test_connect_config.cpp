#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>

#include "core/connect_config.h"
#include "core/odbc_error.h"

using holdfast::ConnectConfig;
using holdfast::HostPort;
using holdfast::OdbcError;

namespace {

// odbc.ini as a map: section -> key -> value. Keys compared case-insensitively, like
// unixODBC's SQLGetPrivateProfileString.
using FakeIni = std::map<std::string, std::map<std::string, std::string>>;

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

struct FakeReader {
  FakeIni ini;
  std::vector<std::pair<std::string, std::string>>* calls = nullptr;

  std::optional<std::string> operator()(const std::string& dsn, const std::string& key) const {
    if (calls != nullptr) calls->emplace_back(dsn, key);
    const auto section = ini.find(dsn);
    if (section == ini.end()) return std::nullopt;
    for (const auto& [k, v] : section->second) {
      if (upper(k) == upper(key)) return v;
    }
    return std::nullopt;
  }
};

ConnectConfig make(const std::string& text, FakeIni ini = {}) {
  return holdfast::make_connect_config(holdfast::parse_connection_string(text),
                                       FakeReader{std::move(ini)});
}

std::string error_of(const std::string& text, FakeIni ini = {}) {
  try {
    make(text, std::move(ini));
  } catch (const OdbcError& e) {
    CHECK(e.sqlstate() == "08001");
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("defaults apply when nothing is given", "[unit][connstr]") {
  const ConnectConfig c = make("DRIVER={Holdfast}");
  CHECK(c.driver == "Holdfast");
  CHECK(c.dsn.empty());
  CHECK(c.servers == std::vector<HostPort>{{"localhost", 3306}});
  CHECK(c.port == 3306);
  CHECK(c.charset == "utf8mb4");
  CHECK(c.options == 0);
  CHECK(c.ping_idle == 60);
  CHECK(c.reconnect);
  CHECK(c.reconnect_tries == 3);
  CHECK_FALSE(c.retry_reads);
  CHECK(c.connect_timeout == 10);
  CHECK(c.read_timeout == 3600);
  CHECK(c.write_timeout == 60);
  CHECK(c.uid.empty());
  CHECK(c.pwd.empty());
  CHECK(c.unknown_keywords.empty());
  CHECK(c.settings.empty());
}

TEST_CASE("typed values from the connection string, aliases included", "[unit][connstr]") {
  const ConnectConfig c = make(
      "DRIVER=Holdfast;HOST=db1;PORT=3307;DB=shop;USER=bob;PASSWORD={p;w};SOCKET=/run/s.sock;"
      "CHARSET=latin1;STMT=SET @x=1;PING_IDLE=-1;RECONNECT=no;RECONNECT_TRIES=5;"
      "RETRY_READS=yes;CONN_TIMEOUT=3;READTIMEOUT=0;WRITE_TIMEOUT=7");
  CHECK(c.servers == std::vector<HostPort>{{"db1", 3307}});
  CHECK(c.port == 3307);
  CHECK(c.database == "shop");
  CHECK(c.uid == "bob");
  CHECK(c.pwd == "p;w");
  CHECK(c.socket == "/run/s.sock");
  CHECK(c.charset == "latin1");
  CHECK(c.initstmt == "SET @x=1");
  CHECK(c.ping_idle == -1);
  CHECK_FALSE(c.reconnect);
  CHECK(c.reconnect_tries == 5);
  CHECK(c.retry_reads);
  CHECK(c.connect_timeout == 3);
  CHECK(c.read_timeout == 0);
  CHECK(c.write_timeout == 7);
}

TEST_CASE("duplicate keywords: the first occurrence wins, aliases included", "[unit][connstr]") {
  const ConnectConfig c = make("DRIVER=x;UID=first;USER=second;uid=third;PORT=1111;port=2222");
  CHECK(c.uid == "first");
  CHECK(c.port == 1111);
}

TEST_CASE("DSN and DRIVER: whichever comes first is used", "[unit][connstr]") {
  std::vector<std::pair<std::string, std::string>> calls;
  FakeReader reader{{{"mydsn", {{"SERVER", "dsnhost"}}}}, &calls};
  ConnectConfig c = holdfast::make_connect_config(
      holdfast::parse_connection_string("DRIVER={Holdfast};DSN=mydsn"), reader);
  CHECK(c.driver == "Holdfast");
  CHECK(c.dsn.empty());
  CHECK(calls.empty());  // DRIVER came first: the DSN is not read
  CHECK(c.servers.front().host == "localhost");

  c = holdfast::make_connect_config(
      holdfast::parse_connection_string("DSN=mydsn;DRIVER={Holdfast}"), reader);
  CHECK(c.dsn == "mydsn");
  CHECK(c.driver.empty());
  CHECK(c.servers.front().host == "dsnhost");
  CHECK_FALSE(calls.empty());
}

TEST_CASE("with neither DSN nor DRIVER the DEFAULT data source is read", "[unit][connstr]") {
  const ConnectConfig c = make("UID=u", {{"DEFAULT", {{"SERVER", "defhost"}}}});
  CHECK(c.dsn == "DEFAULT");
  CHECK(c.servers.front().host == "defhost");
  CHECK(c.uid == "u");
}

TEST_CASE("connection string overrides DSN overrides defaults", "[unit][connstr]") {
  const FakeIni ini = {{"prod",
                        {{"Server", "dsnhost"},
                         {"Port", "3310"},
                         {"Database", "dsndb"},
                         {"User", "dsnuser"},  // alias, read too
                         {"Password", "dsnpass"},
                         {"READ_TIMEOUT", "100"},
                         {"Description", "ignored"}}}};
  const ConnectConfig c = make("DSN=prod;PORT=4000;UID=appuser", ini);
  CHECK(c.dsn == "prod");
  CHECK(c.servers == std::vector<HostPort>{{"dsnhost", 4000}});  // DSN host, string port
  CHECK(c.port == 4000);
  CHECK(c.database == "dsndb");
  CHECK(c.uid == "appuser");
  CHECK(c.pwd == "dsnpass");
  CHECK(c.read_timeout == 100);
  CHECK(c.write_timeout == 60);  // default
  CHECK(c.charset == "utf8mb4");
}

TEST_CASE("empty values: absent for numbers, a value for strings", "[unit][connstr]") {
  const FakeIni ini = {{"d", {{"PORT", ""}, {"PWD", "dsnpass"}, {"READ_TIMEOUT", "  "}}}};
  const ConnectConfig c = make("DSN=d;PWD=;CONNECT_TIMEOUT=", ini);
  CHECK(c.port == 3306);
  CHECK(c.read_timeout == 3600);
  CHECK(c.connect_timeout == 10);
  CHECK(c.pwd.empty());  // PWD=; is the empty password, and it beats the DSN's
}

TEST_CASE("SERVER failover lists", "[unit][connstr]") {
  const ConnectConfig c =
      make("DRIVER=x;SERVER=db1, db2:3307 ,[::1]:3308,[fe80::2],10.0.0.5;PORT=3400");
  CHECK(c.servers == std::vector<HostPort>{{"db1", 3400},
                                           {"db2", 3307},
                                           {"::1", 3308},
                                           {"fe80::2", 3400},
                                           {"10.0.0.5", 3400}});
  CHECK(holdfast::parse_server_list("::1", 3306) == std::vector<HostPort>{{"::1", 3306}});
  CHECK(holdfast::parse_server_list("h:1", 3306) == std::vector<HostPort>{{"h", 1}});
  CHECK(make("DRIVER=x;SERVER=").servers == std::vector<HostPort>{{"localhost", 3306}});

  for (const char* bad : {"db1,,db2", "db1,", ":3306", "db1:abc", "db1:0", "db1:70000", "[::1",
                          "[::1]x", "[]:3306"}) {
    INFO(bad);
    CHECK_THROWS_AS(holdfast::parse_server_list(bad, 3306), OdbcError);
    CHECK_THAT(error_of(std::string("DRIVER=x;SERVER=") + bad), Catch::Contains("SERVER"));
  }
}

TEST_CASE("invalid values are 08001 naming keyword, value and source", "[unit][connstr]") {
  CHECK_THAT(error_of("DRIVER=x;PORT=abc"), Catch::Contains("PORT"));
  CHECK_THAT(error_of("DRIVER=x;PORT=abc"), Catch::Contains("'abc'"));
  CHECK_THAT(error_of("DRIVER=x;PORT=abc"), Catch::Contains("from the connection string"));
  CHECK_THAT(error_of("DRIVER=x;PORT=70000"), Catch::Contains("from 1 to 65535"));
  CHECK_THAT(error_of("DRIVER=x;PORT=0"), Catch::Contains("PORT"));
  CHECK_THAT(error_of("DSN=d", {{"d", {{"PORT", "x1"}}}}), Catch::Contains("from DSN 'd'"));
  CHECK_THAT(error_of("DRIVER=x;CONNECT_TIMEOUT=0"), Catch::Contains("CONNECT_TIMEOUT"));
  CHECK_THAT(error_of("DRIVER=x;READ_TIMEOUT=-5"), Catch::Contains("READ_TIMEOUT"));
  CHECK_THAT(error_of("DRIVER=x;WRITE_TIMEOUT=-1"), Catch::Contains("WRITE_TIMEOUT"));
  CHECK_THAT(error_of("DRIVER=x;PING_IDLE=-2"), Catch::Contains("PING_IDLE"));
  CHECK_THAT(error_of("DRIVER=x;RECONNECT=maybe"), Catch::Contains("RECONNECT"));
  CHECK_THAT(error_of("DRIVER=x;RECONNECT_TRIES=1000"), Catch::Contains("RECONNECT_TRIES"));
  CHECK_THAT(error_of("DRIVER=x;OPTION=-1"), Catch::Contains("OPTION"));
  CHECK_THAT(error_of("DRIVER=x;OPTION=4294967296"), Catch::Contains("OPTION"));
  CHECK_THAT(error_of("DRIVER=x;MULTI_STATEMENTS=2"), Catch::Contains("MULTI_STATEMENTS"));
  CHECK_THAT(error_of("DRIVER=x;READ_TIMEOUT=9999999"), Catch::Contains("READ_TIMEOUT"));
  // A huge bad value is cut in the message.
  const std::string huge = error_of("DRIVER=x;PORT=" + std::string(100000, '9'));
  CHECK(huge.size() < 400);
  // A value overridden by the connection string is never looked at.
  CHECK(make("DSN=d;PORT=3307", {{"d", {{"PORT", "junk"}}}}).port == 3307);
  CHECK(make("DSN=d;OPTION=5", {{"d", {{"OPTION", "junk"}, {"NO_PROMPT", "junk"}}}}).options == 5);
  CHECK(make("DSN=d;NO_PROMPT=1", {{"d", {{"NO_PROMPT", "junk"}}}}).options == 16);
  CHECK_THAT(error_of("DSN=d;NO_PROMPT=1", {{"d", {{"FOUND_ROWS", "junk"}}}}),
             Catch::Contains("FOUND_ROWS"));
}

TEST_CASE("an invalid value never prints the password", "[unit][connstr]") {
  const std::string message = error_of("DRIVER=x;PWD=hunter2;PORT=abc");
  CHECK_THAT(message, !Catch::Contains("hunter2"));
}

TEST_CASE("OPTION and its flag keywords", "[unit][connstr]") {
  CHECK(make("DRIVER=x;OPTION=3").options == 3);
  CHECK(make("DRIVER=x;OPTIONS=67108866").option(67108864));  // MariaDB's spelling
  CHECK(make("DRIVER=x;MULTI_STATEMENTS=1;NO_PROMPT=1").options == 67108864u + 16u);
  CHECK(make("DRIVER=x;OPTION=4294967295").options == 4294967295u);
  // A flag beats OPTION of the same source wherever it is written.
  CHECK(make("DRIVER=x;FOUND_ROWS=0;OPTION=18").options == 16);
  CHECK(make("DRIVER=x;OPTION=16;FOUND_ROWS=1").options == 18);
  // Across sources, the connection string decides the bits it names.
  const FakeIni ini = {{"d", {{"OPTION", "67108864"}, {"NO_PROMPT", "1"}}}};
  CHECK(make("DSN=d", ini).options == 67108864u + 16u);
  CHECK(make("DSN=d;MULTI_STATEMENTS=0", ini).options == 16);
  CHECK(make("DSN=d;FOUND_ROWS=1", ini).options == 67108864u + 16u + 2u);
  CHECK(make("DSN=d;OPTION=0", ini).options == 0);  // names every bit
  CHECK(make("DSN=d;OPTION=", ini).options == 67108864u + 16u);  // empty = not given
}

TEST_CASE("unknown keywords are collected once each, as written", "[unit][connstr]") {
  const ConnectConfig c =
      make("DRIVER=x;PROT=3307;Trusted_Connection=yes;prot=1;DESCRIPTION=d;SAVEFILE=f");
  CHECK(c.unknown_keywords == std::vector<std::string>{"PROT", "Trusted_Connection"});
  CHECK(c.port == 3306);
  CHECK(holdfast::unknown_keyword_message(c.unknown_keywords[0]) ==
        "Unknown connection keyword 'PROT' ignored; did you mean PORT?");
}

TEST_CASE("many unknown keywords are collected in linear time", "[unit][connstr]") {
  std::string text = "DRIVER=x";
  for (int i = 0; i < 50000; ++i) text += ";UNKNOWN_" + std::to_string(i) + "=v";
  text += ";unknown_7=again";
  const ConnectConfig c = make(text);
  REQUIRE(c.unknown_keywords.size() == 50000);
  CHECK(c.unknown_keywords[7] == "UNKNOWN_7");
}

TEST_CASE("the completed connection string", "[unit][connstr]") {
  SECTION("DSN-less: DRIVER in braces first, given attributes, no defaults") {
    const ConnectConfig c =
        make("uid=bob;Driver=Holdfast ODBC;pwd={a;b};host=db1:3307,db2;MULTI_STATEMENTS=1;"
             "read_timeout= 30 ;PROT=1");
    const std::string out = c.out_connection_string();
    CHECK(out ==
          "DRIVER={Holdfast ODBC};SERVER=db1:3307,db2;UID=bob;PWD={a;b};OPTION=67108864;"
          "READ_TIMEOUT=30");
    // and it connects again to the same place
    const ConnectConfig again = make(out);
    CHECK(again.servers == c.servers);
    CHECK(again.uid == c.uid);
    CHECK(again.pwd == c.pwd);
    CHECK(again.options == c.options);
    CHECK(again.read_timeout == 30);
    CHECK(again.unknown_keywords.empty());
  }
  SECTION("DSN: attributes read from the DSN included, its password not") {
    const FakeIni ini = {{"prod", {{"SERVER", "dsnhost"}, {"PWD", "dsnpass"}, {"OPTION", "2"}}}};
    const ConnectConfig c = make("DSN=prod;UID=u;NO_PROMPT=1", ini);
    CHECK(c.pwd == "dsnpass");
    CHECK(c.out_connection_string() == "DSN=prod;SERVER=dsnhost;UID=u;OPTION=18");
    CHECK(c.redacted() == "DSN=prod;SERVER=dsnhost;UID=u;PWD=***;OPTION=18");
  }
  SECTION("password given in the connection string is returned, and redacted for logs") {
    const ConnectConfig c = make("DSN=prod;PWD=s3cret", {{"prod", {{"PWD", "other"}}}});
    CHECK(c.pwd == "s3cret");
    CHECK(c.out_connection_string() == "DSN=prod;PWD=s3cret");
    CHECK(c.redacted() == "DSN=prod;PWD=***");
    CHECK_THAT(c.redacted(), !Catch::Contains("s3cret"));
  }
  SECTION("DRIVER with a '}' keeps it escaped") {
    const ConnectConfig c = make("DRIVER={odd}}name}");
    CHECK(c.driver == "odd}name");
    CHECK(c.out_connection_string() == "DRIVER={odd}}name}");
  }
}
