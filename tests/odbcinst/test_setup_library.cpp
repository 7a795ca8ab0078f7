// The setup library libholdfastS.so as the driver manager's installer reaches it:
// SQLConfigDataSource -> ConfigDSN, SQLConfigDriver -> ConfigDriver,
// ODBCINSTConstructProperties -> ODBCINSTGetProperties.
#include <catch2/catch.hpp>

#include "keyword_check.h"
#include "setup_env.h"

#include <sql.h>
#include <sqlext.h>
#include <odbcinstext.h>

#include <dlfcn.h>

#include <map>
#include <string>
#include <vector>

using namespace setup_test;
namespace setup = holdfast::setup;

namespace {

// "K=V\0K=V\0\0" from a list of "K=V".
std::string attribute_list(std::initializer_list<std::string> items) {
  std::string out;
  for (const auto& item : items) {
    out += item;
    out += '\0';
  }
  out += '\0';
  return out;
}

bool config(WORD request, std::initializer_list<std::string> items) {
  const std::string list = attribute_list(items);
  return SQLConfigDataSource(nullptr, request, "Holdfast", list.c_str()) != 0;
}

std::string value(const std::string& dsn, const std::string& key, UWORD mode = ODBC_USER_DSN) {
  SQLSetConfigMode(mode);
  char buffer[512] = {};
  SQLGetPrivateProfileString(dsn.c_str(), key.c_str(), "<missing>", buffer, sizeof buffer,
                             "odbc.ini");
  SQLSetConfigMode(ODBC_BOTH_DSN);
  return buffer;
}

// The first installer error: code and message.
std::pair<DWORD, std::string> installer_error() {
  DWORD code = 0;
  char message[SQL_MAX_MESSAGE_LENGTH] = {};
  WORD length = 0;
  if (SQLInstallerError(1, &code, message, sizeof message, &length) != SQL_SUCCESS) return {0, ""};
  return {code, message};
}

}  // namespace

TEST_CASE("SQLConfigDataSource adds, modifies and removes a Holdfast user DSN", "[setup]") {
  REQUIRE(config(ODBC_ADD_DSN,
                 {"DSN=cfg_user", "SERVER=db1.example", "PORT=3307", "UID=app", "PING_IDLE=30"}));
  CHECK(value("cfg_user", "Driver") == "Holdfast");
  CHECK(value("cfg_user", "SERVER") == "db1.example");
  CHECK(value("cfg_user", "PORT") == "3307");
  CHECK(value("cfg_user", "PING_IDLE") == "30");
  CHECK(read_file(sysini_dir() + "/user.ini").find("[cfg_user]") != std::string::npos);
  CHECK(read_file(sysini_dir() + "/odbc.ini").find("[cfg_user]") == std::string::npos);

  REQUIRE(config(ODBC_CONFIG_DSN, {"DSN=cfg_user", "PORT=3308", "PING_IDLE="}));
  CHECK(value("cfg_user", "PORT") == "3308");
  CHECK(value("cfg_user", "PING_IDLE") == "<missing>");
  CHECK(value("cfg_user", "SERVER") == "db1.example");

  REQUIRE(config(ODBC_REMOVE_DSN, {"DSN=cfg_user"}));
  CHECK(value("cfg_user", "Driver") == "<missing>");
}

TEST_CASE("SQLConfigDataSource with ODBC_ADD_SYS_DSN writes the system odbc.ini", "[setup]") {
  REQUIRE(config(ODBC_ADD_SYS_DSN, {"DSN=cfg_sys", "SERVER=db2.example", "RECONNECT=0"}));
  CHECK(value("cfg_sys", "RECONNECT", ODBC_SYSTEM_DSN) == "0");
  CHECK(value("cfg_sys", "RECONNECT", ODBC_USER_DSN) == "<missing>");
  CHECK(read_file(sysini_dir() + "/odbc.ini").find("[cfg_sys]") != std::string::npos);
  REQUIRE(config(ODBC_REMOVE_SYS_DSN, {"DSN=cfg_sys"}));
  CHECK(read_file(sysini_dir() + "/odbc.ini").find("[cfg_sys]") == std::string::npos);
}

TEST_CASE("ConfigDSN refuses unknown keywords and bad values and writes nothing", "[setup]") {
  CHECK_FALSE(config(ODBC_ADD_DSN, {"DSN=cfg_bad", "SEVRER=db", "PORT=3306"}));
  auto [code, message] = installer_error();
  CHECK(code == ODBC_ERROR_INVALID_KEYWORD_VALUE);
  CHECK_THAT(message, Catch::Contains("unknown keyword 'SEVRER'") &&
                          Catch::Contains("did you mean SERVER?"));
  CHECK(value("cfg_bad", "Driver") == "<missing>");

  CHECK_FALSE(config(ODBC_ADD_DSN, {"DSN=cfg_bad", "PORT=70000"}));
  std::tie(code, message) = installer_error();
  CHECK(code == ODBC_ERROR_INVALID_KEYWORD_VALUE);
  CHECK_THAT(message, Catch::Contains("PORT must be an integer from 1 to 65535"));

  CHECK_FALSE(config(ODBC_ADD_DSN, {"DSN=cfg_bad", "RETRY_READS=perhaps"}));
  CHECK_FALSE(config(ODBC_ADD_DSN, {"DSN=cfg_bad", "PWD=", "PASSWORD=s3cret", "OPTION=-1"}));
  std::tie(code, message) = installer_error();
  CHECK_THAT(message, Catch::Contains("OPTION"));
  CHECK(value("cfg_bad", "Driver") == "<missing>");

  CHECK_FALSE(config(ODBC_ADD_DSN, {"SERVER=db"}));
  CHECK(installer_error().first == ODBC_ERROR_INVALID_DSN);
  CHECK_FALSE(config(ODBC_CONFIG_DSN, {"DSN=cfg_missing", "PORT=1"}));
  CHECK(installer_error().first == ODBC_ERROR_INVALID_DSN);
  CHECK_FALSE(config(ODBC_REMOVE_DSN, {"DSN=cfg_missing"}));
}

TEST_CASE("A password given to ConfigDSN never appears in its messages", "[setup]") {
  CHECK_FALSE(config(ODBC_ADD_DSN, {"DSN=cfg_secret", "PWD=hunter2", "PORT=x"}));
  CHECK_THAT(installer_error().second, !Catch::Contains("hunter2"));
  CHECK(setup::value_problem(*holdfast::find_keyword("PWD"), "hunter2") == std::nullopt);
}

// unixODBC 2.3.11's SQLConfigDriver never calls a setup library's ConfigDriver on 64-bit
// builds (its Setup lookup fails when the entry is found, and ODBC_CONFIG_DRIVER is not
// forwarded at all), so the function is reached the way the installer loads it: by
// dlopen of the Setup library.
TEST_CASE("ConfigDriver of the setup library writes the driver's entry", "[setup]") {
  void* library = dlopen(HOLDFAST_SETUP_LIB, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(library != nullptr);
  using ConfigDriverFn = BOOL (*)(HWND, WORD, LPCSTR, LPCSTR, LPSTR, WORD, WORD*);
  auto config_driver = reinterpret_cast<ConfigDriverFn>(dlsym(library, "ConfigDriver"));
  REQUIRE(config_driver != nullptr);

  const std::string args = attribute_list({"CPTimeout=120"});
  char message[256] = {};
  WORD length = 0;
  REQUIRE(config_driver(nullptr, ODBC_CONFIG_DRIVER, "Holdfast", args.c_str(), message,
                        sizeof message, &length));
  CHECK(std::string(message) == "Holdfast " HOLDFAST_PROJECT_VERSION " configured");
  CHECK(length == std::string(message).size());
  CHECK_THAT(read_file(sysini_dir() + "/odbcinst.ini"), Catch::Contains("CPTimeout=120"));

  // A short message buffer is cut, NUL-terminated, and the full length reported.
  char small[8] = {};
  REQUIRE(config_driver(nullptr, ODBC_INSTALL_DRIVER, "Holdfast", nullptr, small, sizeof small,
                        &length));
  CHECK(std::string(small) == "Holdfas");
  CHECK(length > 8);

  CHECK_FALSE(config_driver(nullptr, 99, "Holdfast", nullptr, message, sizeof message, &length));
  CHECK_FALSE(config_driver(nullptr, ODBC_CONFIG_DRIVER, nullptr, nullptr, message, sizeof message,
                            &length));
  dlclose(library);
}

TEST_CASE("ODBCINSTGetProperties lists every DSN keyword of the table with its default",
          "[setup]") {
  HODBCINSTPROPERTY first = nullptr;
  char driver[] = "Holdfast";
  REQUIRE(ODBCINSTConstructProperties(driver, &first) == ODBCINST_SUCCESS);
  REQUIRE(first != nullptr);

  std::map<std::string, HODBCINSTPROPERTY> by_name;
  int count = 0;
  for (HODBCINSTPROPERTY p = first; p != nullptr; p = p->pNext) {
    by_name[p->szName] = p;
    ++count;
  }
  // The installer's own: Name, Description, Driver.
  CHECK(by_name.count("Name") == 1);
  int offered = 0;
  for (const holdfast::KeywordDef& def : holdfast::keyword_table()) {
    const std::string name(def.name);
    if (!setup::offered_in_dsn(def)) {
      CHECK(by_name.count(name) == 0);
      continue;
    }
    ++offered;
    INFO(name);
    REQUIRE(by_name.count(name) == 1);
    const HODBCINSTPROPERTY p = by_name[name];
    CHECK(std::string(p->szValue) == std::string(def.default_value));
    REQUIRE(p->pszHelp != nullptr);
    CHECK_THAT(std::string(p->pszHelp), Catch::StartsWith(std::string(def.help)));
    if (def.secret) {
      CHECK(p->nPromptType == ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD);
    } else if (def.type == holdfast::KeywordType::boolean) {
      CHECK(p->nPromptType == ODBCINST_PROMPTTYPE_LISTBOX);
      REQUIRE(p->aPromptData != nullptr);
      CHECK(std::string(p->aPromptData[0]) == "0");
      CHECK(std::string(p->aPromptData[1]) == "1");
      CHECK(p->aPromptData[2] == nullptr);
    }
  }
  CHECK(offered > 20);
  CHECK(by_name.count("SERVER") == 1);
  CHECK(std::string(by_name["PING_IDLE"]->szValue) == "60");
  CHECK(count == 3 + offered);
  CHECK(ODBCINSTDestructProperties(&first) == ODBCINST_SUCCESS);
}

// unixODBC 2.3.11's SQLConfigDataSourceW narrows the attributes itself (one byte per
// UTF-16 unit) and calls ConfigDSN, so ConfigDSNW is reached as installers that call it
// reach it: through the Setup library.
TEST_CASE("ConfigDSNW of the setup library takes UTF-16 attributes", "[setup]") {
  void* library = dlopen(HOLDFAST_SETUP_LIB, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(library != nullptr);
  using ConfigDsnWFn = BOOL (*)(HWND, WORD, LPCWSTR, LPCWSTR);
  auto config_dsn_w = reinterpret_cast<ConfigDsnWFn>(dlsym(library, "ConfigDSNW"));
  REQUIRE(config_dsn_w != nullptr);
  auto wide_list = [](const std::u16string& text) {  // '|' stands for NUL
    std::vector<SQLWCHAR> list;
    for (char16_t c : text) list.push_back(c == u'|' ? 0 : static_cast<SQLWCHAR>(c));
    return list;
  };
  std::vector<SQLWCHAR> driver = wide_list(u"Holdfast|");
  std::vector<SQLWCHAR> list = wide_list(u"DSN=cfg_wide|SERVER=h\u00f4te.example|PORT=3309|NO_SSPS=1||");
  REQUIRE(config_dsn_w(nullptr, ODBC_ADD_DSN, driver.data(), list.data()));
  CHECK(value("cfg_wide", "Driver") == "Holdfast");
  CHECK(value("cfg_wide", "SERVER") == "h\xc3\xb4te.example");  // UTF-8
  CHECK(value("cfg_wide", "PORT") == "3309");
  CHECK(value("cfg_wide", "NO_SSPS") == "1");  // another driver's keyword: accepted

  // Checked like ConfigDSN: a bad value is refused and nothing is written.
  std::vector<SQLWCHAR> bad = wide_list(u"DSN=cfg_wide|PORT=99999||");
  CHECK_FALSE(config_dsn_w(nullptr, ODBC_CONFIG_DSN, driver.data(), bad.data()));
  CHECK_THAT(installer_error().second, Catch::Contains("PORT"));
  CHECK(value("cfg_wide", "PORT") == "3309");
  REQUIRE(config(ODBC_REMOVE_DSN, {"DSN=cfg_wide"}));
  dlclose(library);
}

TEST_CASE("ODBCINSTValidateProperty of the setup library checks one property", "[setup]") {
  void* library = dlopen(HOLDFAST_SETUP_LIB, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(library != nullptr);
  using ValidateFn = int (*)(HODBCINSTPROPERTY, char*, char*);
  auto validate = reinterpret_cast<ValidateFn>(dlsym(library, "ODBCINSTValidateProperty"));
  REQUIRE(validate != nullptr);

  HODBCINSTPROPERTY first = nullptr;
  char driver_name[] = "Holdfast";
  REQUIRE(ODBCINSTConstructProperties(driver_name, &first) == ODBCINST_SUCCESS);
  char port[] = "PORT";
  char pwd[] = "PWD";
  char name[] = "Name";
  char message[256] = {};
  CHECK(validate(first, port, message) == ODBCINST_SUCCESS);  // its default
  REQUIRE(ODBCINSTSetProperty(first, port, const_cast<char*>("70000")) == ODBCINST_SUCCESS);
  CHECK(validate(first, port, message) == ODBCINST_ERROR);
  CHECK_THAT(std::string(message), Catch::Contains("PORT") && Catch::Contains("65535"));
  REQUIRE(ODBCINSTSetProperty(first, port, const_cast<char*>("3310")) == ODBCINST_SUCCESS);
  CHECK(validate(first, port, message) == ODBCINST_SUCCESS);
  REQUIRE(ODBCINSTSetProperty(first, pwd, const_cast<char*>("s3cret;")) == ODBCINST_SUCCESS);
  CHECK(validate(first, pwd, message) == ODBCINST_SUCCESS);
  CHECK(validate(first, name, message) == ODBCINST_SUCCESS);  // the installer's own
  CHECK(ODBCINSTDestructProperties(&first) == ODBCINST_SUCCESS);
  dlclose(library);
}
