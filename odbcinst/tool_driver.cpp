// holdfast-odbc driver register | unregister | show
#include "keyword_check.h"
#include "tool.h"

#include <cstdio>
#include <string>
#include <sys/stat.h>

namespace holdfast::tool {

namespace {

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string driver_value(const char* key) {
  char buffer[4096] = {};
  const std::string name(setup::kDriverName);
  const int n =
      SQLGetPrivateProfileString(name.c_str(), key, "", buffer, sizeof buffer, "odbcinst.ini");
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

bool driver_registered() { return !driver_value("Driver").empty(); }

int register_driver(const Args& args) {
  const std::string driver = args.value("--driver-path").value_or(HOLDFAST_INSTALLED_DRIVER);
  const std::string setup = args.value("--setup-path").value_or(HOLDFAST_INSTALLED_SETUP);
  if (!is_file(driver)) {
    std::fprintf(stderr, "holdfast-odbc: driver library %s not found\n", driver.c_str());
    return kFailed;
  }
  // "Name\0Key=Value\0...\0\0", as SQLInstallDriverEx takes it.
  std::string spec(setup::kDriverName);
  spec += '\0';
  auto add = [&spec](const std::string& item) {
    spec += item;
    spec += '\0';
  };
  add("Description=Holdfast ODBC driver for MySQL and MariaDB");
  add("Driver=" + driver);
  if (is_file(setup)) add("Setup=" + setup);
  add("Threading=0");
  spec += '\0';

  char path_out[4096] = {};
  WORD path_length = 0;
  DWORD usage = 0;
  if (!SQLInstallDriverEx(spec.c_str(), nullptr, path_out, sizeof path_out, &path_length,
                          ODBC_INSTALL_COMPLETE, &usage)) {
    std::fprintf(stderr, "holdfast-odbc: %s\n",
                 installer_error("could not register the driver").c_str());
    return kFailed;
  }
  std::printf("registered driver %s -> %s (UsageCount %lu)\n", spec.c_str(), driver.c_str(),
              static_cast<unsigned long>(usage));
  return kOk;
}

int unregister_driver(const Args& args) {
  if (!driver_registered()) {
    std::printf("driver %s is not registered\n", std::string(setup::kDriverName).c_str());
    return kOk;
  }
  const std::string name(setup::kDriverName);
  DWORD usage = 0;
  // Each call takes one off UsageCount; the entry goes when it reaches 0.
  for (int i = 0; i < 1000; ++i) {
    if (!SQLRemoveDriver(name.c_str(), 0, &usage)) {
      std::fprintf(stderr, "holdfast-odbc: %s\n",
                   installer_error("could not unregister the driver").c_str());
      return kFailed;
    }
    if (usage == 0 || !args.flag("--all")) break;
  }
  if (usage == 0) {
    std::printf("unregistered driver %s\n", name.c_str());
  } else {
    std::printf("driver %s still registered (UsageCount %lu)\n", name.c_str(),
                static_cast<unsigned long>(usage));
  }
  return kOk;
}

int show_driver() {
  const std::string name(setup::kDriverName);
  if (!driver_registered()) {
    std::printf("driver %s is not registered\n", name.c_str());
    return kFailed;
  }
  std::printf("[%s]\n", name.c_str());
  for (const char* key : {"Description", "Driver", "Setup", "Threading", "UsageCount"}) {
    const std::string v = driver_value(key);
    if (!v.empty()) std::printf("%s = %s\n", key, v.c_str());
  }
  return kOk;
}

}  // namespace

int driver_command(int argc, char** argv) {
  const Args args = parse_args(argc, argv, 2, {"--all"}, {"--driver-path", "--setup-path"});
  if (args.words.size() != 1) throw UsageError{"driver: say register, unregister or show"};
  const std::string& what = args.words[0];
  if (what == "register") return register_driver(args);
  if (what == "unregister") return unregister_driver(args);
  if (what == "show") return show_driver();
  throw UsageError{"driver: unknown subcommand '" + what + "'"};
}

}  // namespace holdfast::tool
