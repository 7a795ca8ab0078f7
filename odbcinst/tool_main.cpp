// holdfast-odbc: register the Holdfast driver, manage and test its data sources, check
// odbc.ini files. Works through unixODBC's installer API (libodbcinst), so user and
// system DSNs land where every other ODBC tool looks for them.
#include "tool.h"
#include "holdfast_version.h"

#include <cstdio>
#include <cstring>
#include <vector>

namespace holdfast::tool {

namespace {

constexpr const char* kUsageText = R"(usage: holdfast-odbc COMMAND ...

  driver register [--driver-path LIB] [--setup-path LIB]
                          add Holdfast to odbcinst.ini (UsageCount + 1)
  driver unregister [--all]
                          UsageCount - 1; the entry goes when it reaches 0 (--all: now)
  driver show             the odbcinst.ini entry
  dsn add NAME [--user|--system] [--replace] [--force] [KEY=VALUE ...]
                          create a data source for Holdfast (user DSN by default)
  dsn edit NAME [--user|--system] [--force] KEY=VALUE ...
                          change keywords (KEY= removes KEY)
  dsn remove NAME [--user|--system]
  dsn list [--user|--system]
  dsn show NAME [--user|--system]
                          the data source's keywords (passwords hidden)
  dsn test NAME [--uid USER] [--pwd PASSWORD] [--timeout SECONDS]
                          connect through the driver manager; show server, connection
                          id, ping, resilience settings, wait_timeout, max_allowed_packet
  ini check FILE [--driver NAME]
                          check the Holdfast data sources of an odbc.ini file: unknown
                          keywords (with a did-you-mean) and bad values
  --version               the Holdfast version

Keywords are the driver's connection keywords (SERVER, PORT, DATABASE, UID, PWD, ...);
the README lists them. ODBCSYSINI and ODBCINI choose other odbcinst.ini/odbc.ini files.
Exit status: 0 done, 1 failed, 2 bad command line.
)";

}  // namespace

bool Args::flag(std::string_view name) const {
  for (const auto& [k, v] : options) {
    if (k == name) return true;
  }
  return false;
}

std::optional<std::string> Args::value(std::string_view name) const {
  for (const auto& [k, v] : options) {
    if (k == name) return v;
  }
  return std::nullopt;
}

Args parse_args(int argc, char** argv, int first, const std::vector<std::string_view>& flags,
                const std::vector<std::string_view>& with_value) {
  Args args;
  for (int i = first; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a.size() < 2 || a.substr(0, 2) != "--") {
      args.words.emplace_back(a);
      continue;
    }
    bool known = false;
    for (auto f : flags) {
      if (a == f) {
        args.options.emplace_back(std::string(a), "");
        known = true;
      }
    }
    for (auto f : with_value) {
      if (a == f) {
        if (i + 1 >= argc) throw UsageError{std::string(a) + " needs a value"};
        args.options.emplace_back(std::string(a), argv[++i]);
        known = true;
      }
    }
    if (!known) throw UsageError{"unknown option " + std::string(a)};
  }
  return args;
}

std::string installer_error(std::string_view fallback) {
  DWORD code = 0;
  char message[SQL_MAX_MESSAGE_LENGTH] = {};
  WORD length = 0;
  std::string out;
  for (WORD i = 1; i <= 8; ++i) {
    if (SQLInstallerError(i, &code, message, sizeof message, &length) != SQL_SUCCESS) break;
    if (!out.empty()) out += "; ";
    out += message;
  }
  return out.empty() ? std::string(fallback) : out;
}

const char* scope_name(Scope scope) { return scope == Scope::user ? "user" : "system"; }

UWORD config_mode(Scope scope) { return scope == Scope::user ? ODBC_USER_DSN : ODBC_SYSTEM_DSN; }

ConfigMode::ConfigMode(Scope scope) { SQLSetConfigMode(config_mode(scope)); }

ConfigMode::~ConfigMode() { SQLSetConfigMode(ODBC_BOTH_DSN); }

namespace {

// A NUL-separated list from SQLGetPrivateProfileString.
std::vector<std::string> profile_list(const char* section) {
  std::vector<char> buffer(1 << 16);
  const int n = SQLGetPrivateProfileString(section, nullptr, "", buffer.data(),
                                           static_cast<int>(buffer.size()), "odbc.ini");
  std::vector<std::string> out;
  if (n <= 0) return out;
  for (const char* p = buffer.data(); p < buffer.data() + n && *p != '\0';
       p += std::strlen(p) + 1) {
    out.emplace_back(p);
  }
  return out;
}

}  // namespace

std::vector<std::string> dsn_names() {
  std::vector<std::string> out;
  for (auto& name : profile_list(nullptr)) {
    if (name == "ODBC" || name == "ODBC Data Sources") continue;
    out.push_back(std::move(name));
  }
  return out;
}

std::vector<std::string> dsn_keys(const std::string& dsn) { return profile_list(dsn.c_str()); }

std::string dsn_value(const std::string& dsn, const std::string& key) {
  char buffer[4096] = {};
  const int n =
      SQLGetPrivateProfileString(dsn.c_str(), key.c_str(), "", buffer, sizeof buffer, "odbc.ini");
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace holdfast::tool

int main(int argc, char** argv) {
  using namespace holdfast::tool;
  if (argc < 2) {
    std::fputs(kUsageText, stderr);
    return kUsage;
  }
  const std::string_view command = argv[1];
  try {
    if (command == "--version" || command == "version") {
      std::printf("holdfast-odbc %s\n", HOLDFAST_VERSION_STRING);
      return kOk;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      std::fputs(kUsageText, stdout);
      return kOk;
    }
    if (command == "driver") return driver_command(argc, argv);
    if (command == "dsn") return dsn_command(argc, argv);
    if (command == "ini") return ini_command(argc, argv);
    throw UsageError{"unknown command '" + std::string(command) + "'"};
  } catch (const UsageError& e) {
    std::fprintf(stderr, "holdfast-odbc: %s\n\n%s", e.message.c_str(), kUsageText);
    return kUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "holdfast-odbc: %s\n", e.what());
    return kFailed;
  }
}
