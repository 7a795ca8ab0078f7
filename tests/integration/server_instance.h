// A MariaDB server of a test's own, for faults that the shared test server must never
// suffer (restart, failover, a stopped host). It runs tests/scripts/mariadb-server.sh
// with its own port and directory, so it stops only the mariadbd it started (by pid).
//
// Ports come from TEST_EXTRA_PORT_BASE (default 3320) plus an offset that each test case
// owns, so parallel runs (ctest -j, or two people) choose different bases and never share
// a server. The directory is /tmp/holdfast-it-<port> (short enough for the Unix socket
// path); it is kept between runs so the datadir is initialised only once.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "odbc_test.h"

#ifndef HOLDFAST_SOURCE_DIR
#error "HOLDFAST_SOURCE_DIR must name the source tree (tests/CMakeLists.txt defines it)"
#endif

extern char** environ;

namespace server_instance {

// The port for a test case's `offset`-th extra server.
inline unsigned extra_port(unsigned offset) {
  unsigned base = 3320;
  if (const char* text = std::getenv("TEST_EXTRA_PORT_BASE"); text && *text) {
    char* end = nullptr;
    const unsigned long value = std::strtoul(text, &end, 10);
    if (end && *end == '\0' && value >= 1024 && value < 65000) base = static_cast<unsigned>(value);
  }
  return base + offset;
}

inline std::string extra_dir(unsigned port) { return "/tmp/holdfast-it-" + std::to_string(port); }

// Runs `bash <script> action` with the server's port and directory; returns the exit
// status (-1 if it could not run) and its stdout and stderr in `output`. Thread-safe and
// free of Catch2 assertions. The child gets only stdin (/dev/null), stdout and stderr: the
// test's own sockets are not inherited by the script nor by the mariadbd it starts.
// `extra_args` (mariadbd options separated by blanks) apply when the script starts the server.
inline int run_server_script(const std::string& action, unsigned port, const std::string& dir, std::string& output,
                             const std::string& extra_args = "") {
  output.clear();
  const std::string script = std::string(HOLDFAST_SOURCE_DIR) + "/tests/scripts/mariadb-server.sh";
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e) {
    const std::string item(*e);
    if (item.rfind("HOLDFAST_DB_", 0) == 0) continue;  // ours below; the socket defaults into `dir`
    env_text.push_back(item);
  }
  env_text.push_back("HOLDFAST_DB_PORT=" + std::to_string(port));
  env_text.push_back("HOLDFAST_DB_DIR=" + dir);
  if (!extra_args.empty()) env_text.push_back("HOLDFAST_DB_EXTRA_ARGS=" + extra_args);
  std::vector<char*> envp;
  for (auto& s : env_text) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string bash = "bash";
  std::string act = action;
  std::string path = script;
  char* argv[] = {bash.data(), path.data(), act.data(), nullptr};

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    output = "pipe failed: errno " + std::to_string(errno);
    return -1;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, "bash", &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawn_error != 0) {
    close(fds[0]);
    output = "posix_spawn failed: errno " + std::to_string(spawn_error);
    return -1;
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class ServerInstance {
 public:
  // `extra_args`: more mariadbd options for start() (e.g. TLS certificates), separated by blanks.
  explicit ServerInstance(unsigned port, std::string dir = "", std::string extra_args = "")
      : port_(port), dir_(dir.empty() ? extra_dir(port) : std::move(dir)), extra_args_(std::move(extra_args)) {}
  ~ServerInstance() {
    std::string ignored;
    if (touched_) run_server_script("stop", port_, dir_, ignored);
  }
  ServerInstance(const ServerInstance&) = delete;
  ServerInstance& operator=(const ServerInstance&) = delete;

  // Starts the server and waits until it answers (the script's wait); a failure fails the
  // test with the script's output. Starting a running server is fine.
  void start() {
    std::string output;
    touched_ = true;
    const int status = run_server_script("start", port_, dir_, output, extra_args_);
    INFO("mariadb-server.sh start (port " << port_ << ", dir " << dir_ << ") exited " << status << ":\n" << output);
    REQUIRE(status == 0);
  }
  // Stops the server (SIGTERM, waits for the process to end).
  void stop() {
    std::string output;
    const int status = run_server_script("stop", port_, dir_, output);
    INFO("mariadb-server.sh stop (port " << port_ << ", dir " << dir_ << ") exited " << status << ":\n" << output);
    REQUIRE(status == 0);
  }

  unsigned port() const noexcept { return port_; }
  const std::string& dir() const noexcept { return dir_; }
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

  // A DSN-less connection string for this server, with the user and database the script
  // creates; `extra` ("KEY=value;...") adds or replaces keywords.
  std::string connection_string(const std::string& extra = "") const {
    return odbc_test::connection_string("SERVER=127.0.0.1;PORT=" + std::to_string(port_) +
                                        ";UID=holdfast;PWD=holdfast;DATABASE=holdfast_test;" + extra);
  }

 private:
  unsigned port_;
  std::string dir_;
  std::string extra_args_;
  bool touched_ = false;
};

}  // namespace server_instance
