// holdfast-odbc dsn add | edit | remove | list | show (test is in tool_dsn_test.cpp).
// Everything goes through the installer's profile API with the config mode set to
// ODBC_USER_DSN or ODBC_SYSTEM_DSN, so the files are the ones unixODBC uses.
#include "keyword_check.h"
#include "tool.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>

namespace holdfast::tool {

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Scope scope_of(const Args& args) {
  if (args.flag("--user") && args.flag("--system")) {
    throw UsageError{"--user and --system exclude each other"};
  }
  return args.flag("--system") ? Scope::system : Scope::user;
}

// KEY=VALUE words; throws UsageError for a word without '='.
Pairs key_values(const Args& args, std::size_t first) {
  Pairs out;
  for (std::size_t i = first; i < args.words.size(); ++i) {
    const std::string& w = args.words[i];
    const auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{"expected KEY=VALUE, not '" + w + "'"};
    out.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  return out;
}

// Prints every problem; true when the pairs may be written (no problem, or --force).
bool check_pairs(const Pairs& pairs, bool force) {
  bool ok = true;
  for (const auto& [key, value] : pairs) {
    if (auto problem = setup::dsn_entry_problem(key, value)) {
      std::fprintf(stderr, "holdfast-odbc: %s%s\n", force ? "warning: " : "", problem->c_str());
      ok = false;
    }
  }
  return ok || force;
}

bool exists(const std::string& name) {
  for (const auto& n : dsn_names()) {
    if (keyword_name_equals(n, name)) return true;
  }
  return false;
}

// unixODBC only writes to an odbc.ini that exists: create the system one when missing.
void ensure_system_file() {
  const char* dir = std::getenv("ODBCSYSINI");
  const std::string path = std::string(dir != nullptr && *dir != '\0' ? dir : "/etc") + "/odbc.ini";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) std::ofstream(path, std::ios::app);
}

bool write(const std::string& dsn, const std::string& key, const std::string& value) {
  const char* v = value.empty() ? nullptr : value.c_str();
  if (SQLWritePrivateProfileString(dsn.c_str(), key.c_str(), v, "odbc.ini")) return true;
  std::fprintf(stderr, "holdfast-odbc: %s\n",
               installer_error("could not write " + key + " of " + dsn).c_str());
  return false;
}

bool valid_name(const std::string& name) {
  if (name.empty() || !SQLValidDSN(name.c_str())) {
    std::fprintf(stderr, "holdfast-odbc: '%s' is not a valid data source name\n", name.c_str());
    return false;
  }
  return true;
}

int add(const Args& args) {
  if (args.words.size() < 2) throw UsageError{"dsn add: NAME missing"};
  const std::string& name = args.words[1];
  const Pairs pairs = key_values(args, 2);
  const Scope scope = scope_of(args);
  if (!valid_name(name) || !check_pairs(pairs, args.flag("--force"))) return kFailed;
  std::string driver(setup::kDriverName);
  bool has_description = false;
  for (const auto& [key, value] : pairs) {
    if (keyword_name_equals(key, "DRIVER") && !value.empty()) driver = value;
    if (keyword_name_equals(key, "DESCRIPTION")) has_description = true;
  }
  if (scope == Scope::system) ensure_system_file();
  ConfigMode mode(scope);
  if (exists(name) && !args.flag("--replace")) {
    std::fprintf(stderr, "holdfast-odbc: %s DSN %s exists (use dsn edit, or --replace)\n",
                 scope_name(scope), name.c_str());
    return kFailed;
  }
  if (!SQLWriteDSNToIni(name.c_str(), driver.c_str())) {
    std::fprintf(stderr, "holdfast-odbc: %s\n",
                 installer_error("could not create DSN " + name).c_str());
    return kFailed;
  }
  if (!has_description && !write(name, "Description", "Holdfast data source")) return kFailed;
  for (const auto& [key, value] : pairs) {
    if (keyword_name_equals(key, "DRIVER")) continue;
    if (!write(name, key, value)) return kFailed;
  }
  std::printf("added %s DSN %s (driver %s)\n", scope_name(scope), name.c_str(), driver.c_str());
  return kOk;
}

int edit(const Args& args) {
  if (args.words.size() < 3) throw UsageError{"dsn edit: NAME and KEY=VALUE ... expected"};
  const std::string& name = args.words[1];
  const Pairs pairs = key_values(args, 2);
  const Scope scope = scope_of(args);
  if (!check_pairs(pairs, args.flag("--force"))) return kFailed;
  ConfigMode mode(scope);
  if (!exists(name)) {
    std::fprintf(stderr, "holdfast-odbc: no %s DSN %s\n", scope_name(scope), name.c_str());
    return kFailed;
  }
  for (const auto& [key, value] : pairs) {
    if (!write(name, key, value)) return kFailed;
  }
  std::printf("changed %s DSN %s\n", scope_name(scope), name.c_str());
  return kOk;
}

int remove(const Args& args) {
  if (args.words.size() != 2) throw UsageError{"dsn remove: NAME expected"};
  const std::string& name = args.words[1];
  const Scope scope = scope_of(args);
  ConfigMode mode(scope);
  if (!exists(name)) {
    std::fprintf(stderr, "holdfast-odbc: no %s DSN %s\n", scope_name(scope), name.c_str());
    return kFailed;
  }
  if (!SQLRemoveDSNFromIni(name.c_str())) {
    std::fprintf(stderr, "holdfast-odbc: %s\n",
                 installer_error("could not remove DSN " + name).c_str());
    return kFailed;
  }
  std::printf("removed %s DSN %s\n", scope_name(scope), name.c_str());
  return kOk;
}

int list(const Args& args) {
  std::vector<Scope> scopes;
  if (!args.flag("--system")) scopes.push_back(Scope::user);
  if (!args.flag("--user")) scopes.push_back(Scope::system);
  if (args.flag("--user") && args.flag("--system")) scopes = {Scope::user, Scope::system};
  std::printf("%-24s %-7s %-16s %s\n", "NAME", "SCOPE", "DRIVER", "SERVER:PORT/DATABASE");
  for (Scope scope : scopes) {
    ConfigMode mode(scope);
    for (const auto& name : dsn_names()) {
      std::string where = dsn_value(name, "SERVER");
      if (where.empty()) where = dsn_value(name, "HOST");
      const std::string port = dsn_value(name, "PORT");
      const std::string database = dsn_value(name, "DATABASE");
      if (!port.empty()) where += ":" + port;
      if (!database.empty()) where += "/" + database;
      std::printf("%-24s %-7s %-16s %s\n", name.c_str(), scope_name(scope),
                  dsn_value(name, "Driver").c_str(), where.c_str());
    }
  }
  return kOk;
}

int show(const Args& args) {
  if (args.words.size() != 2) throw UsageError{"dsn show: NAME expected"};
  const std::string& name = args.words[1];
  const Scope scope = scope_of(args);
  ConfigMode mode(scope);
  if (!exists(name)) {
    std::fprintf(stderr, "holdfast-odbc: no %s DSN %s\n", scope_name(scope), name.c_str());
    return kFailed;
  }
  std::printf("[%s]  (%s DSN)\n", name.c_str(), scope_name(scope));
  for (const auto& key : dsn_keys(name)) {
    const KeywordDef* def = find_keyword(key);
    const std::string value = dsn_value(name, key);
    const bool hide = def != nullptr && def->secret && !value.empty();
    std::printf("%s = %s\n", key.c_str(), hide ? "***" : value.c_str());
  }
  return kOk;
}

}  // namespace

int dsn_command(int argc, char** argv) {
  const Args args = parse_args(argc, argv, 2, {"--user", "--system", "--replace", "--force"},
                               {"--uid", "--pwd", "--timeout"});
  if (args.words.empty()) throw UsageError{"dsn: say add, edit, remove, list, show or test"};
  const std::string& what = args.words[0];
  if (what == "add") return add(args);
  if (what == "edit") return edit(args);
  if (what == "remove") return remove(args);
  if (what == "list") return list(args);
  if (what == "show") return show(args);
  if (what == "test") return dsn_test(args);
  throw UsageError{"dsn: unknown subcommand '" + what + "'"};
}

}  // namespace holdfast::tool
