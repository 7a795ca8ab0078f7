#include "setup_env.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <sys/wait.h>

namespace setup_test {

namespace {

std::string make_sysini() {
  char pattern[] = "/tmp/holdfast-setup-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  const std::string dir = pattern;
  write_file(dir + "/odbcinst.ini",
             "[Holdfast]\nDescription = Holdfast (setup_tests)\nDriver = " HOLDFAST_DRIVER_LIB
             "\nSetup = " HOLDFAST_SETUP_LIB "\nThreading = 0\nUsageCount = 1\n");
  write_file(dir + "/odbc.ini", "");
  setenv("ODBCSYSINI", dir.c_str(), 1);
  setenv("ODBCINI", (dir + "/user.ini").c_str(), 1);
  return dir;
}

}  // namespace

const std::string& sysini_dir() {
  static const std::string dir = make_sysini();
  return dir;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

std::string fresh_dir(const std::string& name) {
  const std::string dir = sysini_dir() + "/" + name;
  std::system(("rm -rf '" + dir + "'").c_str());
  mkdir(dir.c_str(), 0700);
  return dir;
}

ToolResult run_tool(const std::string& args, const std::string& env) {
  const std::string command = "env " + env + " " HOLDFAST_TOOL " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  std::string output;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

}  // namespace setup_test
