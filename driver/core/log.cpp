#include "core/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <thread>

namespace holdfast::log {
namespace {

struct Sink {
  std::mutex mutex;
  std::FILE* file = nullptr;
  bool owned = false;
  bool from_environment = false;
  std::atomic<int> level{0};
};

void open_locked(Sink& sink, const std::string& path, int level) {
  if (sink.owned && sink.file) std::fclose(sink.file);
  sink.file = nullptr;
  sink.owned = false;
  if (path == "stderr") {
    sink.file = stderr;
  } else if (!path.empty()) {
    sink.file = std::fopen(path.c_str(), "a");
    sink.owned = sink.file != nullptr;
  }
  sink.level = sink.file ? level : 0;
}

// Never destroyed: handles may log from atexit handlers.
Sink& sink() {
  static Sink* s = [] {
    auto* created = new Sink();
    if (const char* path = std::getenv("HOLDFAST_LOG"); path && *path) {
      int level = static_cast<int>(LogLevel::info);
      if (const char* l = std::getenv("HOLDFAST_LOG_LEVEL"); l && *l >= '0' && *l <= '4') level = *l - '0';
      open_locked(*created, path, level);
      created->from_environment = true;
    }
    return created;
  }();
  return *s;
}

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::error: return "ERROR";
    case LogLevel::warning: return "WARN";
    case LogLevel::info: return "INFO";
    case LogLevel::debug: return "DEBUG";
    default: return "";
  }
}

}  // namespace

void configure(const std::string& file, int level) {
  Sink& s = sink();
  if (s.from_environment || file.empty()) return;
  std::lock_guard lock(s.mutex);
  open_locked(s, file, level);
}

bool enabled(LogLevel level) noexcept { return static_cast<int>(level) <= sink().level.load(std::memory_order_relaxed); }

void write(LogLevel level, std::string_view message) noexcept {
  if (!enabled(level)) return;
  Sink& s = sink();
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  const auto thread = std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000;
  std::lock_guard lock(s.mutex);
  if (!s.file) return;
  std::fprintf(s.file, "%s.%03dZ %-5s [%05zu] %.*s\n", stamp, static_cast<int>(millis), level_name(level), thread,
               static_cast<int>(message.size()), message.data());
  std::fflush(s.file);
}

}  // namespace holdfast::log
