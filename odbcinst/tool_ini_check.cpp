// holdfast-odbc ini check FILE: reads an odbc.ini-style file with iniparser (no driver
// manager involved, so any file can be checked, installed or not) and reports, for every
// data source whose Driver is Holdfast, unknown keywords (with a did-you-mean) and values
// the driver would refuse. iniparser lowercases section and key names, so the report
// names them in lower case.
#include "keyword_check.h"
#include "tool.h"

#include <iniparser/iniparser.h>

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace holdfast::tool {

namespace {

std::vector<std::string> parse_errors;

// iniparser reports syntax errors through a printf-style callback.
int collect_error(const char* format, ...) {
  char line[1024];
  va_list ap;
  va_start(ap, format);
  const int n = std::vsnprintf(line, sizeof line, format, ap);
  va_end(ap);
  std::string text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  parse_errors.push_back(text);
  return n;
}

// True when the section's Driver names Holdfast: the registered name (case-insensitive)
// or a path to libholdfast.so.
bool is_holdfast(const std::string& driver, const std::string& name) {
  if (keyword_name_equals(driver, name)) return true;
  const auto slash = driver.rfind('/');
  const std::string file = slash == std::string::npos ? driver : driver.substr(slash + 1);
  return file == "libholdfast.so";
}

int check(const Args& args) {
  if (args.words.size() != 2) throw UsageError{"ini check: FILE expected"};
  const std::string& file = args.words[1];
  const std::string driver_name = args.value("--driver").value_or(std::string(setup::kDriverName));

  parse_errors.clear();
  iniparser_set_error_callback(collect_error);
  dictionary* ini = iniparser_load(file.c_str());
  if (ini == nullptr) {
    std::fprintf(stderr, "holdfast-odbc: cannot read %s\n", file.c_str());
    for (const auto& e : parse_errors) std::fprintf(stderr, "  %s\n", e.c_str());
    return kFailed;
  }

  int problems = 0;
  int checked = 0;
  const int sections = iniparser_getnsec(ini);
  for (int s = 0; s < sections; ++s) {
    const std::string section = iniparser_getsecname(ini, s);
    if (section == "odbc" || section == "odbc data sources") continue;
    const std::string driver = iniparser_getstring(ini, (section + ":driver").c_str(), "");
    if (!is_holdfast(driver, driver_name)) continue;
    ++checked;
    const int n = iniparser_getsecnkeys(ini, section.c_str());
    std::vector<const char*> keys(static_cast<std::size_t>(n > 0 ? n : 0));
    if (n > 0) iniparser_getseckeys(ini, section.c_str(), keys.data());
    for (const char* full : keys) {
      // "section:key"
      const std::string entry(full);
      const std::string key = entry.substr(section.size() + 1);
      const std::string value = iniparser_getstring(ini, full, "");
      if (auto problem = setup::dsn_entry_problem(key, value)) {
        std::printf("%s: [%s] %s\n", file.c_str(), section.c_str(), problem->c_str());
        ++problems;
      }
    }
  }
  iniparser_freedict(ini);
  for (const auto& e : parse_errors) {
    std::printf("%s: %s\n", file.c_str(), e.c_str());
    ++problems;
  }
  std::printf("%s: %d Holdfast data source%s checked, %d problem%s\n", file.c_str(), checked,
              checked == 1 ? "" : "s", problems, problems == 1 ? "" : "s");
  return problems == 0 ? kOk : kFailed;
}

}  // namespace

int ini_command(int argc, char** argv) {
  const Args args = parse_args(argc, argv, 2, {}, {"--driver"});
  if (args.words.empty() || args.words[0] != "check") throw UsageError{"ini: say check FILE"};
  return check(args);
}

}  // namespace holdfast::tool
