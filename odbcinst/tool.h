// holdfast-odbc, the installer tool: shared pieces of its commands.
#pragma once

#include <sql.h>
#include <sqlext.h>
#include <odbcinst.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace holdfast::tool {

// Exit codes: 0 done, 1 failed, 2 bad command line.
inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;
inline constexpr int kUsage = 2;

// A command line after the command words: options (--name or --name value) and the
// rest in order.
struct Args {
  std::vector<std::string> words;
  std::vector<std::pair<std::string, std::string>> options;  // value "" for flags

  bool flag(std::string_view name) const;
  std::optional<std::string> value(std::string_view name) const;
};

// Parses argv[first..]; `with_value` lists the options that take a value. Throws
// UsageError for an unknown option or a missing value.
Args parse_args(int argc, char** argv, int first, const std::vector<std::string_view>& flags,
                const std::vector<std::string_view>& with_value);

struct UsageError {
  std::string message;
};

// The last installer error (SQLInstallerError), or `fallback` when there is none.
std::string installer_error(std::string_view fallback);

// Which odbc.ini a DSN command works on.
enum class Scope { user, system };
const char* scope_name(Scope scope);
UWORD config_mode(Scope scope);

// Sets the installer's config mode for the lifetime of the object, then restores
// ODBC_BOTH_DSN (what the profile API expects between uses).
class ConfigMode {
 public:
  explicit ConfigMode(Scope scope);
  ConfigMode(const ConfigMode&) = delete;
  ConfigMode& operator=(const ConfigMode&) = delete;
  ~ConfigMode();
};

// Section names of odbc.ini in the current config mode (without [ODBC] and
// [ODBC Data Sources]), keys of one section, one value ("" when missing).
std::vector<std::string> dsn_names();
std::vector<std::string> dsn_keys(const std::string& dsn);
std::string dsn_value(const std::string& dsn, const std::string& key);

int driver_command(int argc, char** argv);
int dsn_command(int argc, char** argv);
int dsn_test(const Args& args);
int ini_command(int argc, char** argv);

}  // namespace holdfast::tool
